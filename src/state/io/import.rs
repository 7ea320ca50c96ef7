//! Bringing a run in: an Ultralytics `args.yaml` sets the controls it shares with Stride, and a
//! `results.csv` (or Stride's own CSV) lays its logged rates over the schedule, with the first
//! place they part from Stride's pointed out. A file that cannot be read changes nothing and
//! says why.

use yaml_rust2::{Yaml, YamlLoader};

use crate::state::plan;
use crate::state::settings::config::{Config, DecayKind, OptKind};
use crate::state::settings::field::Notice;
use crate::state::settings::key::Key;

/// What a dropped or pasted file was, read.
#[derive(Clone, Debug, PartialEq)]
pub enum Imported {
    /// Settings (from args.yaml or Stride's JSON), with what was not taken.
    Settings(Config, Vec<Notice>),
    /// Logged rates to draw over the schedule.
    Rates(Rates),
}

/// Rates a real run logged, as (iteration, 0-based, the rate then).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rates {
    /// Where they come from, for the legend.
    pub source: String,
    /// The weights' rate.
    pub weights: Vec<(usize, f64)>,
    /// The biases' rate, where logged.
    pub biases: Vec<(usize, f64)>,
}

/// The args.yaml keys Stride takes, and the parameter each sets.
const TAKEN: [(&str, Key); 11] = [
    ("lr0", Key::Lr0),
    ("lrf", Key::Lrf),
    ("epochs", Key::Epochs),
    ("batch", Key::Batch),
    ("warmup_epochs", Key::WarmupEpochs),
    ("warmup_momentum", Key::WarmupMomentum),
    ("warmup_bias_lr", Key::WarmupBiasLr),
    ("optimizer", Key::Optimizer),
    ("momentum", Key::Momentum),
    ("weight_decay", Key::WeightDecay),
    ("nbs", Key::Nbs),
];

/// Reads `text` by its look: JSON settings, a CSV of logged rates, or an args.yaml. `current`
/// is what the settings start from; `nb` the minibatches per epoch that place a results.csv's
/// epochs on Stride's iterations.
pub fn read(text: &str, current: &Config) -> Result<Imported, String> {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err("The file is empty.".into());
    }
    if trimmed.starts_with('{') {
        let (c, notices) = crate::state::io::export::from_json(text)?;
        return Ok(Imported::Settings(c, notices));
    }
    let first = trimmed.lines().next().unwrap_or("");
    if first.contains(',') && !first.contains(':') {
        return read_rates(text, current).map(Imported::Rates);
    }
    read_args(text, current).map(|(c, n)| Imported::Settings(c, n))
}

/// Ultralytics' args.yaml: the keys Stride shares set its controls, as the URL would (ranges
/// and notices included); `cos_lr` picks the decay; every other key is listed as ignored.
pub fn read_args(text: &str, current: &Config) -> Result<(Config, Vec<Notice>), String> {
    let docs = YamlLoader::load_from_str(text)
        .map_err(|e| format!("This is not a YAML file Stride can read: {e}."))?;
    let Some(Yaml::Hash(map)) = docs.first() else {
        return Err("An args.yaml is a list of `key: value` lines; this file is not.".into());
    };
    let mut config = current.clone();
    config.preset = None;
    let mut notices = Vec::new();
    let mut ignored = Vec::new();
    for (k, v) in map {
        let Some(key) = k.as_str() else { continue };
        let text = match v {
            Yaml::Real(s) | Yaml::String(s) => s.clone(),
            Yaml::Integer(i) => i.to_string(),
            Yaml::Boolean(b) => b.to_string(),
            _ => String::new(),
        };
        if key == "cos_lr" {
            config.decay = if text == "true" {
                DecayKind::Cosine
            } else {
                DecayKind::Linear
            };
            continue;
        }
        match TAKEN.iter().find(|(name, _)| *name == key) {
            Some((_, param)) if key == "optimizer" && OptKind::parse(&text).is_none() => {
                notices.push(Notice {
                    param: param.name().into(),
                    message: format!(
                        "optimizer {text} is not in Stride (SGD, Adam, AdamW, RMSProp, auto); it stays {}.",
                        config.optimizer.name()
                    ),
                });
            }
            Some((_, param)) if key == "batch" && text.starts_with('-') => {
                notices.push(Notice {
                    param: param.name().into(),
                    message: format!(
                        "batch {text} asks Ultralytics to pick the batch size; it stays {}.",
                        config.batch
                    ),
                });
            }
            Some((_, param)) => notices.extend(param.param().read(&mut config, &text)),
            None => ignored.push(key.to_string()),
        }
    }
    let ignored = if ignored.is_empty() {
        String::new()
    } else {
        format!(
            " Ignored, as Stride has no such setting ({}): {}.",
            ignored.len(),
            shorten_list(&ignored, 12)
        )
    };
    notices.push(Notice {
        param: String::new(),
        message: format!(
            "Taken from args.yaml: {}.{ignored}",
            TAKEN
                .iter()
                .map(|(n, _)| *n)
                .chain(["cos_lr"])
                .filter(|n| map.keys().any(|k| k.as_str() == Some(n)))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    });
    Ok((config, notices))
}

fn shorten_list(items: &[String], max: usize) -> String {
    if items.len() <= max {
        items.join(", ")
    } else {
        format!(
            "{}, … and {} more",
            items[..max].join(", "),
            items.len() - max
        )
    }
}

/// A CSV of logged rates: Ultralytics' results.csv (`epoch`, `lr/pg0` weights, `lr/pg2`
/// biases, logged at each epoch's end, spec §1.3) or Stride's own (`iteration`, `lr_weights`,
/// `lr_biases`). Headers are trimmed (older results.csv pad them with blanks).
pub fn read_rates(text: &str, current: &Config) -> Result<Rates, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("This CSV cannot be read: {e}."))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let nb = current.batches_per_epoch().max(1);
    let (at, weights, biases, source): (Box<dyn Fn(f64) -> usize>, _, _, _) = match (
        col("iteration"),
        col("epoch"),
    ) {
        (Some(i), _) => (
            Box::new(|v| (v as usize).saturating_sub(1)),
            (i, col("lr_weights")),
            col("lr_biases"),
            "your CSV",
        ),
        // results.csv logs at the end of epoch e (1-based): iteration e·nb − 1.
        (None, Some(e)) => (
            Box::new(move |v| (v as usize * nb).saturating_sub(1)),
            (e, col("lr/pg0")),
            col("lr/pg2"),
            "results.csv",
        ),
        _ => {
            return Err(
                    "This CSV has neither an `epoch` column (Ultralytics' results.csv) nor an `iteration` column (Stride's).".into(),
                );
        }
    };
    let (at_col, Some(w_col)) = weights else {
        return Err("This CSV has no learning-rate column (`lr/pg0` or `lr_weights`).".into());
    };
    let mut rates = Rates {
        source: source.into(),
        ..Rates::default()
    };
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("Row {} cannot be read: {e}.", row + 2))?;
        let num = |c: usize| record.get(c).and_then(|s| s.parse::<f64>().ok());
        let (Some(x), Some(w)) = (num(at_col), num(w_col)) else {
            return Err(format!(
                "Row {} has no number where one is expected.",
                row + 2
            ));
        };
        let ni = at(x);
        rates.weights.push((ni, w));
        if let Some(b) = biases.and_then(num) {
            rates.biases.push((ni, b));
        }
    }
    if rates.weights.is_empty() {
        return Err("This CSV has a header but no rows.".into());
    }
    Ok(rates)
}

/// The first logged rate that parts from Stride's schedule for `config` by more than 1 %, as a
/// sentence; `None` when they agree.
pub fn mismatch(rates: &Rates, config: &Config) -> Option<String> {
    let nb = config.batches_per_epoch();
    let plan = plan::plan(config, nb);
    let total = nb * config.epochs;
    rates.weights.iter().find_map(|&(ni, logged)| {
        if ni >= total {
            return Some(format!(
                "{} goes on past Stride's {} iterations ({} epochs): set epochs to match.",
                rates.source, total, config.epochs
            ));
        }
        let ours = plan.at(ni, nb).lr_weight;
        ((logged - ours).abs() > 0.01 * ours.abs().max(1e-12)).then(|| {
            format!(
                "{} parts from Stride's schedule at epoch {} (iteration {}): it logged {logged:.6}, Stride has {ours:.6}. Check lr0, lrf, epochs, warmup_epochs, cos_lr, and that the batch gives the same minibatches per epoch ({nb} here).",
                rates.source,
                ni / nb.max(1) + 1,
                ni + 1
            )
        })
    })
}
