//! What an args.yaml leaves out: Ultralytics trains it at its own defaults, and so does Stride.

use crate::state::settings::config::{Config, DecayKind};
use crate::state::settings::field::Notice;
use crate::state::settings::key::Key;

/// The args.yaml keys Stride takes, the parameter each sets, and Ultralytics' default for it
/// (its `cfg/default.yaml`).
pub(super) const TAKEN: [(&str, Key, &str); 11] = [
    ("lr0", Key::Lr0, "0.01"),
    ("lrf", Key::Lrf, "0.01"),
    ("epochs", Key::Epochs, "100"),
    ("batch", Key::Batch, "16"),
    ("warmup_epochs", Key::WarmupEpochs, "3.0"),
    ("warmup_momentum", Key::WarmupMomentum, "0.8"),
    ("warmup_bias_lr", Key::WarmupBiasLr, "0.1"),
    ("optimizer", Key::Optimizer, "auto"),
    ("momentum", Key::Momentum, "0.937"),
    ("weight_decay", Key::WeightDecay, "0.0005"),
    ("nbs", Key::Nbs, "64"),
];

/// Sets every key of [`TAKEN`] that the file `map` leaves out to Ultralytics' default, as
/// Ultralytics itself would train it, and says which in words (" Not in the file, so
/// Ultralytics' defaults: momentum 0.937."); a file without `cos_lr` decays in a straight
/// line. A YOLO user pasted a short args.yaml and met their run trained "to your momentum 0",
/// the page's teaching default, where Ultralytics uses 0.937.
pub(super) fn absent_defaults(
    map: &yaml_rust2::yaml::Hash,
    config: &mut Config,
    notices: &mut Vec<Notice>,
) -> String {
    let has = |name: &str| map.keys().any(|k| k.as_str() == Some(name));
    if !has("cos_lr") {
        config.decay = DecayKind::Linear;
    }
    let absent: Vec<String> = TAKEN
        .iter()
        .filter(|(name, _, _)| !has(name))
        .map(|(name, key, default)| {
            notices.extend(key.param().read(config, default));
            format!("{name} {default}")
        })
        .collect();
    if absent.is_empty() {
        return String::new();
    }
    format!(
        " Not in the file, so Ultralytics' defaults: {}.",
        absent.join(", ")
    )
}

/// The args.yaml keys whose values `now` has changed from `loaded` (the controls an args.yaml
/// set), as "key was → now", with `cos_lr` for the decay: the Your run panel's "what if".
pub fn changed_from(loaded: &Config, now: &Config) -> Vec<String> {
    let cos = |c: &Config| (c.decay == DecayKind::Cosine).to_string();
    TAKEN
        .iter()
        // Weight decay leaves the schedule as it is: the panel draws no change for it.
        .filter(|(_, key, _)| *key != Key::WeightDecay)
        .map(|(name, key, _)| (*name, key.param().write(loaded), key.param().write(now)))
        .chain([("cos_lr", cos(loaded), cos(now))])
        .filter(|(_, was, is)| was != is)
        .map(|(name, was, is)| format!("{name} {was} → {is}"))
        .collect()
}
