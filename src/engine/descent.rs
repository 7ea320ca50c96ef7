//! Full-batch gradient descent on the line model, recorded step by step.

use super::data::LineData;
use super::line::loss_and_grad;

/// How a run ended. Divergence is a value the page explains, not an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// All requested steps were taken.
    Completed,
    /// The loss became non-finite or exploded at this step (0-based, counting the loss at the
    /// start as step 0); the run stopped there.
    Diverged {
        /// The step whose loss was non-finite or exploding.
        step: usize,
    },
}

/// A loss larger than this multiple of the starting loss (or of 1, if the start is already at
/// a loss below 1) counts as exploding, for every run in the engine. A converging run never
/// comes near it; a diverging one gets there long before f32 overflows. Networks whose
/// activations saturate (tanh) may never overflow at all, but a thousand-fold loss still means
/// the run has left any useful region.
pub const EXPLODE_FACTOR: f32 = 1e3;

/// The record of one gradient-descent run.
#[derive(Clone, Debug, PartialEq)]
pub struct Descent {
    /// (w, b) before each step: `path[0]` is the start, `path[k]` the point after k steps.
    pub path: Vec<(f32, f32)>,
    /// The full-data loss at each point of `path`.
    pub losses: Vec<f32>,
    /// Whether the run completed or diverged.
    pub outcome: Outcome,
}

impl Descent {
    /// The last point reached.
    pub fn current(&self) -> (f32, f32) {
        *self.path.last().expect("a descent always holds its start")
    }
}

/// Runs `steps` steps of full-batch gradient descent from `start` with the fixed rate `lr`:
/// θₖ₊₁ = θₖ − α·∇L(θₖ) (Cauchy 1847; PyTorch `torch.optim.SGD` with momentum 0).
///
/// The run stops early, as [`Outcome::Diverged`], at the first loss that is not finite or that
/// exceeds [`EXPLODE_FACTOR`] × max(L(start), 1).
pub fn gradient_descent(data: &LineData, start: (f32, f32), lr: f32, steps: usize) -> Descent {
    let (mut w, mut b) = start;
    let mut path = Vec::with_capacity(steps + 1);
    let mut losses = Vec::with_capacity(steps + 1);
    let mut limit = f32::INFINITY;
    for step in 0..=steps {
        let (loss, gw, gb) = loss_and_grad(data, w, b);
        if step == 0 {
            limit = EXPLODE_FACTOR * loss.max(1.0);
        }
        path.push((w, b));
        losses.push(loss);
        if !loss.is_finite() || loss > limit {
            return Descent {
                path,
                losses,
                outcome: Outcome::Diverged { step },
            };
        }
        if step < steps {
            w -= lr * gw;
            b -= lr * gb;
        }
    }
    Descent {
        path,
        losses,
        outcome: Outcome::Completed,
    }
}
