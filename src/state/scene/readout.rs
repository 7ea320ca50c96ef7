//! The read-outs: the numbers at the cursor, the verdict with its reason, and the marks on the
//! learning-rate slider.

use super::super::config::Config;
use super::super::regime::{Curvature, Report, stable_limit};
use super::super::session::Session;
use crate::engine::run::{EXPLODE_FACTOR, Status};
use crate::engine::schedule::Settings;
use crate::engine::stability::{Regime, fmt_lr};

/// The numbers shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Values {
    /// Iterations done, up to the cursor.
    pub iteration: usize,
    /// The epoch of that iteration (1-based).
    pub epoch: usize,
    /// The weights' learning rate then.
    pub lr: Option<f64>,
    /// The momentum then.
    pub momentum: Option<f64>,
    /// The minibatch loss then.
    pub loss: Option<f32>,
    /// Accuracy after the last complete epoch (validation where there is a validation set).
    pub accuracy: Option<f64>,
}

/// The read-out panel.
#[derive(Clone, Debug, PartialEq)]
pub struct Readout {
    /// The numbers.
    pub values: Values,
    /// The main run's verdict.
    pub verdict: Report,
    /// The other runs' regimes: (label, regime).
    pub others: Vec<(String, Regime)>,
    /// What to do about a divergence, when the main run diverged.
    pub diverged: Option<String>,
}

/// A labelled value on the slider's scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Where it sits.
    pub value: f64,
    /// Short text under the scale.
    pub label: String,
    /// Longer text for the tooltip and screen readers.
    pub title: String,
    /// CSS class for its colour.
    pub class: &'static str,
}

impl Readout {
    /// The read-outs of the main run at iteration `shown` (0-based; `None` before any).
    pub fn build(session: &Session, shown: Option<usize>, plan: &[Settings]) -> Readout {
        let config = &session.config;
        let main = session.main;
        let run = &session.slots[main].run;
        let nb = config.batches_per_epoch().max(1);
        let record = shown.and_then(|k| run.steps.get(k));
        let epoch_done = shown.map_or(0, |k| (k + 1) / nb);
        let accuracy = epoch_done
            .checked_sub(1)
            .and_then(|e| run.epochs.get(e))
            .map(|e| e.val_accuracy.unwrap_or(e.train_accuracy))
            .filter(|_| config.task.has_accuracy());
        let values = Values {
            iteration: shown.map_or(0, |k| k + 1),
            epoch: shown.map_or(0, |k| k / nb + 1),
            lr: record
                .map(|r| r.lr_weight)
                .or(plan.first().map(|s| s.lr_weight)),
            momentum: record.map(|r| r.momentum),
            loss: record.map(|r| r.loss),
            accuracy,
        };
        let others = (0..session.slots.len())
            .filter(|&k| k != main && session.slots.len() > 1)
            .map(|k| (session.slots[k].label.clone(), session.report(k).regime))
            .collect();
        let diverged = match run.status() {
            Status::Diverged { step } => Some(format!(
                "The run stopped at iteration {step}: the loss grew more than {EXPLODE_FACTOR}-fold. Lower lr0, add warmup, or clip the gradients."
            )),
            _ => None,
        };
        Readout {
            values,
            verdict: session.report(main),
            others,
            diverged,
        }
    }
}

/// The slider's marks: the stable limit, and for plain gradient descent on the exact valley the
/// best fixed rate.
pub fn marks(config: &Config, curvature: Curvature) -> Vec<Mark> {
    match curvature {
        Curvature::Exact(sp) => {
            let limit = stable_limit(config, sp.lambda_max);
            let mut m = vec![Mark {
                value: limit,
                label: format!("limit {}", fmt_lr(limit)),
                title: "largest stable rate: 2/λmax (adjusted for momentum)".into(),
                class: "critical",
            }];
            if config.momentum == 0.0 {
                m.insert(
                    0,
                    Mark {
                        value: sp.best_lr(),
                        label: format!("best {}", fmt_lr(sp.best_lr())),
                        title: "best fixed rate 2/(λmin+λmax): fastest convergence".into(),
                        class: "best",
                    },
                );
            }
            m
        }
        Curvature::Estimated(l) => {
            let limit = stable_limit(config, l);
            vec![Mark {
                value: limit,
                label: format!("≈ limit {}", fmt_lr(limit)),
                title: "largest stable rate for the curvature at the start, estimated by power iteration".into(),
                class: "critical",
            }]
        }
        Curvature::Unknown => Vec::new(),
    }
}
