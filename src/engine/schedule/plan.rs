//! The learning-rate plan of a run: where the rate, momentum and accumulation of every
//! iteration come from. Pure functions of the iteration, so the page draws the whole schedule
//! before any training and a run asks the same plan for each step.

use super::{Scheduler, UltralyticsSchedule};

/// When a PyTorch scheduler steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Every {
    /// Once per epoch (`scheduler.step()` after each epoch; StepLR's usual use).
    Epoch,
    /// Once per minibatch (OneCycleLR's usual use).
    Iteration,
}

/// Where the learning rate (and momentum) of each step comes from. A constant rate, a
/// schedule and the LR finder's ramp are the three sources of `lr` (the finder drives a run
/// directly).
#[derive(Clone, Debug, PartialEq)]
pub enum LrPlan {
    /// The same rate and momentum throughout.
    Constant {
        /// Learning rate.
        lr: f64,
        /// Momentum (SGD μ, Adam β₁, RMSprop μ).
        momentum: f64,
    },
    /// A PyTorch scheduler from `lr0`.
    Torch {
        /// The scheduler.
        scheduler: Scheduler,
        /// Base (or, for OneCycle, maximum) rate.
        lr0: f64,
        /// Momentum, unless the scheduler sets it.
        momentum: f64,
        /// Whether t counts epochs or iterations.
        every: Every,
    },
    /// The Ultralytics trainer: warmup, lf decay and nbs accumulation (spec §1).
    Ultralytics(UltralyticsSchedule),
}

/// What is in force at one iteration, whatever the plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// The epoch the iteration belongs to (0-based).
    pub epoch: usize,
    /// Learning rate of the weight group.
    pub lr_weight: f64,
    /// Learning rate of the bias group.
    pub lr_bias: f64,
    /// Momentum of both groups (SGD μ, Adam β₁, RMSprop μ): warmed up where the optimizer has
    /// a `momentum` key, else the constant setting.
    pub momentum: f64,
    /// Minibatches whose gradients are summed before an optimizer step.
    pub accumulate: usize,
    /// Whether Ultralytics' warmup is still on.
    pub warmup: bool,
}

/// A schedule sampled for drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// Iterations in the run.
    pub total: usize,
    /// (iteration, settings), in order.
    pub points: Vec<(usize, Settings)>,
}

/// Indices of at most `max` evenly spread points of `0..len`, always including the last.
pub fn decimate(len: usize, max: usize) -> Vec<usize> {
    if len <= max {
        return (0..len).collect();
    }
    let step = len as f64 / max as f64;
    let mut idx: Vec<usize> = (0..max).map(|k| (k as f64 * step) as usize).collect();
    idx.push(len - 1);
    idx.dedup();
    idx
}

impl LrPlan {
    /// The settings at up to `max` evenly spread iterations of a run of `total` (all of them in
    /// a shorter run), each with its iteration: enough to draw the whole schedule, in memory
    /// that does not grow with the run.
    pub fn preview(&self, nb: usize, total: usize, max: usize) -> Preview {
        Preview {
            total,
            points: decimate(total, max)
                .into_iter()
                .map(|ni| (ni, self.at(ni, nb)))
                .collect(),
        }
    }

    /// The settings at global iteration `ni`, with `nb` iterations per epoch.
    pub fn at(&self, ni: usize, nb: usize) -> Settings {
        let epoch = ni / nb.max(1);
        match self {
            LrPlan::Constant { lr, momentum } => Settings {
                epoch,
                lr_weight: *lr,
                lr_bias: *lr,
                momentum: *momentum,
                accumulate: 1,
                warmup: false,
            },
            LrPlan::Torch {
                scheduler,
                lr0,
                momentum,
                every,
            } => {
                let t = match every {
                    Every::Epoch => epoch,
                    Every::Iteration => ni,
                };
                let lr = scheduler.lr_at(*lr0, t);
                Settings {
                    epoch,
                    lr_weight: lr,
                    lr_bias: lr,
                    momentum: scheduler.momentum_at(t).unwrap_or(*momentum),
                    accumulate: 1,
                    warmup: false,
                }
            }
            LrPlan::Ultralytics(u) => u.at(ni),
        }
    }
}
