//! The settings of the page and the actions that change them.

use serde::{Deserialize, Serialize};

/// Every setting of the page. Small and cheap to clone: it lives in the UI's reducer and is
/// mirrored in the URL.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// The learning rate (Ultralytics and PyTorch `lr0`/`lr`).
    pub lr0: f64,
    /// Seed of the data set.
    pub seed: u64,
    /// Offset of the inputs, which stretches and tilts the loss valley.
    pub shift: f64,
}

/// Gradient-descent steps in one run of the line lesson.
pub const STEPS: usize = 100;

/// The learning-rate slider's range.
pub const LR_MIN: f64 = 1e-4;
/// The learning-rate slider's range.
pub const LR_MAX: f64 = 10.0;

/// The largest input offset.
pub const SHIFT_MAX: f64 = 3.0;

impl Default for Config {
    fn default() -> Self {
        Self {
            lr0: 0.1,
            seed: 0,
            shift: 1.0,
        }
    }
}

/// A change the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Set the learning rate (clamped to [`LR_MIN`, `LR_MAX`]; non-finite values are ignored).
    SetLr(f64),
    /// Use another data set.
    SetSeed(u64),
    /// Move the inputs off centre (clamped to [0, [`SHIFT_MAX`]]; non-finite values are ignored).
    SetShift(f64),
}

impl Config {
    /// The settings after `action`.
    pub fn apply(&self, action: Action) -> Config {
        let mut next = self.clone();
        match action {
            Action::SetLr(lr) if lr.is_finite() => next.lr0 = lr.clamp(LR_MIN, LR_MAX),
            Action::SetLr(_) => {}
            Action::SetSeed(seed) => next.seed = seed,
            Action::SetShift(shift) if shift.is_finite() => {
                next.shift = shift.clamp(0.0, SHIFT_MAX)
            }
            Action::SetShift(_) => {}
        }
        next
    }
}
