//! A learning-rate sweep's unit: one run trained to the end at one rate, summed up as the
//! point the U-curve plots (final training loss against the rate; Google's Deep Learning Tuning
//! Playbook, "Choosing the initial configuration").

use super::run::{Run, Status};

/// `n` rates spread evenly on a log scale from `lo` to `hi`, both included:
/// lr_k = exp(ln lo + k/(n−1) · (ln hi − ln lo)).
pub fn log_rates(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let (a, b) = (lo.ln(), hi.ln());
    let last = n.saturating_sub(1).max(1) as f64;
    (0..n)
        .map(|k| (a + (b - a) * k as f64 / last).exp())
        .collect()
}

/// One finished run of the sweep.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SweepPoint {
    /// The rate it trained at.
    pub lr0: f64,
    /// Mean minibatch loss of its last epoch, as training logs report it; `None` if it diverged.
    pub loss: Option<f64>,
    /// Validation accuracy after its last epoch, where the task has a validation set.
    pub accuracy: Option<f64>,
    /// The loss became non-finite or exploded, and the run stopped.
    pub diverged: bool,
}

impl SweepPoint {
    /// The point of a run that has stopped.
    pub fn of(run: &Run, lr0: f64) -> SweepPoint {
        let diverged = matches!(run.status(), Status::Diverged { .. });
        let last = run.epochs.last().filter(|_| !diverged);
        SweepPoint {
            lr0,
            loss: last.map(|e| e.train_loss).filter(|l| l.is_finite()),
            accuracy: last.and_then(|e| e.val_accuracy),
            diverged: diverged || last.is_none(),
        }
    }

    /// Puts `points` in order of rate, ties as they were. Every caller sorts through this one
    /// function so that the bundle carries one copy of the sort for them all.
    pub fn in_rate_order(points: &mut [SweepPoint]) {
        points.sort_by(|a, b| a.lr0.total_cmp(&b.lr0));
    }

    /// As numbers for a worker's answer: [loss, accuracy, diverged], NaN for none.
    pub fn to_values(self) -> [f64; 3] {
        [
            self.loss.unwrap_or(f64::NAN),
            self.accuracy.unwrap_or(f64::NAN),
            if self.diverged { 1.0 } else { 0.0 },
        ]
    }

    /// The point a worker's answer describes; `None` if the answer is malformed.
    pub fn from_values(lr0: f64, values: &[f64]) -> Option<SweepPoint> {
        let &[loss, accuracy, diverged] = values else {
            return None;
        };
        let some = |v: f64| v.is_finite().then_some(v);
        Some(SweepPoint {
            lr0,
            loss: some(loss),
            accuracy: some(accuracy),
            diverged: diverged != 0.0 || !loss.is_finite(),
        })
    }
}
