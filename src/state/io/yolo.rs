//! A YOLO run's own schedule: the arguments its `args.yaml` gives, its data set's size, and
//! the version family whose rules turn them into rates. The families differ in which logged
//! group is the biases, whether warmup lasts at least 100 iterations, and whether the logged
//! rate lags one epoch behind after warmup (spec §1.3, §1.7, and the real runs' README).

use yaml_rust2::parser::Parser;
use yaml_rust2::{Yaml, YamlLoader};

use super::limits::{Kind, MAX_LOGGED_RATE, Work, check_size, scan_yaml};
use crate::engine::optim::auto::{AutoInput, AutoRule};
use crate::engine::schedule::{Decay, UltralyticsSchedule, WarmupRule};

/// A version family: the releases that log the same numbers for the same run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// YOLOv5: `x/lr0..2`, biases first, at least 100 warmup iterations, one epoch's lag.
    YoloV5,
    /// Ultralytics 8.0: biases first (`lr/pg0`), at least 100 warmup iterations, and the
    /// scheduler stepped at an epoch's end, so after warmup each epoch trains at the rate
    /// later versions give the epoch before ([`applied`]).
    V8_0,
    /// Ultralytics 8.1 – 8.3: biases first, at least 100 warmup iterations, no lag.
    V8_1To8_3,
    /// Ultralytics 8.4.0 – 8.4.102: biases last (`lr/pg2`), at least 100 warmup iterations.
    V8_4Floor,
    /// Ultralytics 8.4.103 and later: biases last, no warmup floor, warmup capped at E − 1.
    V8_4,
}

impl Family {
    /// Every family, oldest first.
    pub const ALL: [Family; 5] = [
        Family::YoloV5,
        Family::V8_0,
        Family::V8_1To8_3,
        Family::V8_4Floor,
        Family::V8_4,
    ];

    /// The family's releases, as the version picker names them.
    pub fn name(self) -> &'static str {
        match self {
            Family::V8_4 => "Ultralytics 8.4.103 or later",
            Family::V8_4Floor => "Ultralytics 8.4.0–8.4.102",
            Family::V8_1To8_3 => "Ultralytics 8.1–8.3",
            Family::V8_0 => "Ultralytics 8.0",
            Family::YoloV5 => "YOLOv5",
        }
    }

    /// The family's releases and rules, in the words the verdict uses.
    pub fn describe(self) -> &'static str {
        match self {
            Family::YoloV5 => {
                "YOLOv5 (biases in x/lr0, warmup at least 100 iterations, scheduler one epoch behind after warmup)"
            }
            Family::V8_0 => {
                "Ultralytics 8.0 (biases in lr/pg0, warmup at least 100 iterations, scheduler one epoch behind after warmup)"
            }
            Family::V8_1To8_3 => {
                "Ultralytics 8.1–8.3 (biases in lr/pg0, warmup at least 100 iterations)"
            }
            Family::V8_4Floor => {
                "Ultralytics 8.4.0–8.4.102 (biases in lr/pg2, warmup at least 100 iterations)"
            }
            Family::V8_4 => {
                "Ultralytics 8.4.103 or later (biases in lr/pg2, no warmup floor, warmup at most E − 1 epochs)"
            }
        }
    }

    /// Whether the first logged group is the biases (YOLOv5 and Ultralytics up to 8.3).
    pub fn biases_first(self) -> bool {
        !matches!(self, Family::V8_4Floor | Family::V8_4)
    }

    pub(super) fn rule(self) -> WarmupRule {
        if self == Family::V8_4 {
            WarmupRule::Current
        } else {
            WarmupRule::Classic
        }
    }

    pub(super) fn lags(self) -> bool {
        matches!(self, Family::YoloV5 | Family::V8_0)
    }

    fn auto_rule(self) -> AutoRule {
        if self.biases_first() {
            AutoRule::Classic
        } else {
            AutoRule::Current
        }
    }
}

/// The arguments of a run that decide its logged rates, as its `args.yaml` gives them
/// (Ultralytics' defaults where it is silent), with the data set's size.
#[derive(Clone, Debug, PartialEq)]
pub struct YoloArgs {
    /// lr0.
    pub lr0: f64,
    /// lrf.
    pub lrf: f64,
    /// Epochs E.
    pub epochs: usize,
    /// Batch size.
    pub batch: usize,
    /// Nominal batch size.
    pub nbs: usize,
    /// Warmup length in epochs.
    pub warmup_epochs: f64,
    /// Starting rate of the biases during warmup.
    pub warmup_bias_lr: f64,
    /// `cos_lr`.
    pub cos_lr: bool,
    /// Whether `optimizer` is `auto`, which picks its own rate and zeroes `warmup_bias_lr`.
    pub auto: bool,
    /// Training images; `None` when the user has not said, and nothing can be placed.
    pub images: Option<usize>,
    /// Classes (`auto`'s AdamW rate depends on it; Ultralytics defaults it to 10).
    pub nc: Option<usize>,
}

impl Default for YoloArgs {
    fn default() -> Self {
        Self {
            lr0: 0.01,
            lrf: 0.01,
            epochs: 100,
            batch: 16,
            nbs: 64,
            warmup_epochs: 3.0,
            warmup_bias_lr: 0.1,
            cos_lr: false,
            auto: true,
            images: None,
            nc: None,
        }
    }
}

impl YoloArgs {
    /// Reads an args.yaml (bounded as every import is); unknown keys are ignored, and a value
    /// that is not a number in range leaves the default and is named in the error.
    pub fn from_yaml(text: &str) -> Result<Self, String> {
        check_size(Kind::Yaml, text.len() as f64)?;
        scan_yaml(text, &mut Work::default())?;
        // One scanner in the wasm, as in `import::read_args_counted`.
        let docs = YamlLoader::load_from_parser(&mut Parser::new_from_str(text))
            .map_err(|e| format!("This is not a YAML file Stride can read: {e}."))?;
        let Some(Yaml::Hash(map)) = docs.first() else {
            return Err("An args.yaml is a list of `key: value` lines; this file is not.".into());
        };
        let mut a = Self::default();
        let get = |k: &str| map.get(&Yaml::String(k.into()));
        let num = |k: &str| match get(k) {
            Some(Yaml::Real(s)) => s.parse::<f64>().ok(),
            Some(Yaml::Integer(i)) => Some(*i as f64),
            _ => None,
        };
        let fine = |v: f64, max: f64| v.is_finite() && (0.0..=max).contains(&v);
        for (key, slot, max) in [
            ("lr0", &mut a.lr0, MAX_LOGGED_RATE),
            ("lrf", &mut a.lrf, 1.0),
            ("warmup_epochs", &mut a.warmup_epochs, 1e6),
            ("warmup_bias_lr", &mut a.warmup_bias_lr, MAX_LOGGED_RATE),
        ] {
            if let Some(v) = num(key) {
                if !fine(v, max) {
                    return Err(format!(
                        "args.yaml: {key} {v} is out of range (0 to {max})."
                    ));
                }
                *slot = v;
            }
        }
        for (key, slot) in [
            ("epochs", &mut a.epochs),
            ("batch", &mut a.batch),
            ("nbs", &mut a.nbs),
        ] {
            if let Some(v) = num(key) {
                if !((1.0..=1e7).contains(&v) && v.fract() == 0.0) {
                    return Err(format!(
                        "args.yaml: {key} {v} is not a whole number from 1 to 10⁷ (a negative batch asks Ultralytics to pick one; enter the batch it used)."
                    ));
                }
                *slot = v as usize;
            }
        }
        a.cos_lr = matches!(get("cos_lr"), Some(Yaml::Boolean(true)));
        a.auto = match get("optimizer") {
            Some(Yaml::String(s)) => s.eq_ignore_ascii_case("auto"),
            _ => true,
        };
        Ok(a)
    }

    /// Minibatches per epoch, nb = ⌈images / batch⌉.
    pub fn nb(&self) -> Option<usize> {
        self.images.map(|n| n.div_ceil(self.batch.max(1)).max(1))
    }

    /// The schedule under `family`'s rules, `auto` resolved as that family resolves it.
    pub fn schedule(&self, family: Family) -> Option<UltralyticsSchedule> {
        let nb = self.nb()?;
        let (mut lr0, mut bias0) = (self.lr0, self.warmup_bias_lr);
        if self.auto {
            let c = AutoInput {
                images: self.images?,
                batch: self.batch,
                nbs: self.nbs,
                epochs: self.epochs,
                nc: self.nc.unwrap_or(10),
            }
            .resolve(family.auto_rule());
            (lr0, bias0) = (c.lr, c.warmup_bias_lr);
        }
        Some(UltralyticsSchedule {
            lr0,
            lrf: self.lrf,
            epochs: self.epochs,
            decay: if self.cos_lr {
                Decay::Cosine
            } else {
                Decay::Linear
            },
            warmup_epochs: self.warmup_epochs,
            warmup_bias_lr: bias0,
            batch: self.batch,
            nbs: self.nbs,
            rule: family.rule(),
            ..UltralyticsSchedule::defaults(nb)
        })
    }

    /// The rates `family` logs at the end of 0-based epoch `e`: (weights, biases), the rates
    /// of that epoch's last iteration.
    pub fn logged(&self, family: Family, e: usize) -> Option<(f64, f64)> {
        let s = self.schedule(family)?;
        let now = applied(&s, family, s.nb * (e + 1) - 1);
        Some((now.lr_weight, now.lr_bias))
    }
}

/// What `family` trains with at iteration `ni` of `s`. YOLOv5 and 8.0 step their scheduler
/// after an epoch's last iteration instead of before its first, so from the first epoch that
/// starts after warmup (or the second, without warmup) every group trains at the previous
/// epoch's rate, lr0 · lf(e − 1): the real 8.0.200 run's live trace trained its last epoch at
/// lr0 · lf(8), 0.00208, where later versions use lf(9). Its log is right: the rates are late,
/// not their record (a YOLO user found the page's line under the logged points).
pub fn applied(
    s: &UltralyticsSchedule,
    family: Family,
    ni: usize,
) -> crate::engine::schedule::Settings {
    let mut now = s.at(ni);
    let nb = s.nb.max(1);
    let e = ni / nb;
    let nw = s.warmup_iters();
    let started_after = if nw == 0 { e > 0 } else { nb * e > nw };
    if family.lags() && !now.warmup && started_after {
        now.lr_weight = s.lr0 * s.lf(e - 1);
        now.lr_bias = now.lr_weight;
    }
    now
}
