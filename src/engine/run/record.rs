//! What a run records of each iteration and each epoch, and where it stands.

use super::{FIRST_LOSSES, Run};
use crate::engine::schedule::Settings;

/// The record of one iteration, or, once a long run's history has been thinned
/// ([`HISTORY`]), of `count` consecutive iterations.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepRecord {
    /// Mean loss of the minibatch (the mean over the iterations it covers).
    pub loss: f32,
    /// The lowest and highest minibatch loss among them: spikes stay visible when thinned.
    pub loss_min: f32,
    /// See `loss_min`.
    pub loss_max: f32,
    /// Iterations it covers.
    pub count: u32,
    /// Learning rate of the weight group.
    pub lr_weight: f64,
    /// Learning rate of the bias group.
    pub lr_bias: f64,
    /// Momentum.
    pub momentum: f64,
    /// ‖g‖₂ of the minibatch gradient as backward produced it (times the rows with
    /// [`LossScale::Batch`](super::LossScale::Batch)), before accumulation and clipping.
    pub grad_norm: f32,
    /// Whether the optimizer stepped after this minibatch (not while accumulating); for a
    /// thinned record, after any of them. The rates and momentum are the last one's, the
    /// gradient norm the largest.
    pub stepped: bool,
}

/// Records a run keeps at most. Up to this many iterations every one is kept; beyond, pairs of
/// neighbouring records are merged, so memory depends on what the page can draw (a few thousand
/// points across a chart), not on how long the run is. (Issue: a 500-epoch batch-1 run kept
/// 700,000 records per run.)
pub const HISTORY: usize = 4096;

impl StepRecord {
    /// The record of one iteration.
    pub fn one(
        loss: f32,
        lr_weight: f64,
        lr_bias: f64,
        momentum: f64,
        grad_norm: f32,
        stepped: bool,
    ) -> Self {
        Self {
            loss,
            loss_min: loss,
            loss_max: loss,
            count: 1,
            lr_weight,
            lr_bias,
            momentum,
            grad_norm,
            stepped,
        }
    }

    /// This record and the next one, as one.
    pub fn merge(self, next: StepRecord) -> StepRecord {
        let (a, b) = (self.count as f32, next.count as f32);
        StepRecord {
            loss: (self.loss * a + next.loss * b) / (a + b),
            loss_min: if next.loss_min < self.loss_min {
                next.loss_min
            } else {
                self.loss_min
            },
            loss_max: if next.loss_max > self.loss_max {
                next.loss_max
            } else {
                self.loss_max
            },
            count: self.count + next.count,
            grad_norm: if next.grad_norm > self.grad_norm {
                next.grad_norm
            } else {
                self.grad_norm
            },
            stepped: self.stepped || next.stepped,
            ..next
        }
    }
}

/// One epoch's record.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpochRecord {
    /// Mean minibatch loss over the epoch, as training logs report it.
    pub train_loss: f64,
    /// Share of correct predictions over the epoch's minibatches.
    pub train_accuracy: f64,
    /// Loss on the validation set after the epoch, if there is one.
    pub val_loss: Option<f64>,
    /// Accuracy on the validation set after the epoch, if there is one.
    pub val_accuracy: Option<f64>,
}

/// Where a run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// More iterations to go.
    Running,
    /// All epochs done.
    Finished,
    /// The loss became non-finite or exploded at this iteration; the run stopped there.
    Diverged {
        /// The iteration (0-based).
        step: usize,
    },
}

impl Run {
    /// Records an iteration. Past [`HISTORY`] records, neighbours are merged in pairs and each
    /// record covers twice as many iterations (`stride`); no allocation, the room is reserved.
    pub(super) fn record(&mut self, loss: f32, s: &Settings, grad_norm: f32, stepped: bool) {
        let one = StepRecord::one(loss, s.lr_weight, s.lr_bias, s.momentum, grad_norm, stepped);
        if self.first_losses.len() < FIRST_LOSSES {
            self.first_losses.push(loss);
        }
        if let Some(last) = self
            .steps
            .last_mut()
            .filter(|r| (r.count as usize) < self.stride)
        {
            *last = last.merge(one);
            return;
        }
        if self.steps.len() == HISTORY {
            for k in 0..HISTORY / 2 {
                self.steps[k] = self.steps[2 * k].merge(self.steps[2 * k + 1]);
            }
            self.steps.truncate(HISTORY / 2);
            self.stride *= 2;
            if let Some(last) = self
                .steps
                .last_mut()
                .filter(|r| (r.count as usize) < self.stride)
            {
                *last = last.merge(one);
                return;
            }
        }
        self.steps.push(one);
    }

    /// The records of the first `iterations` iterations (the last may cover a few more).
    pub fn records_upto(&self, iterations: usize) -> &[StepRecord] {
        &self.steps[..iterations.div_ceil(self.stride).min(self.steps.len())]
    }

    /// The record covering iteration `k`.
    pub fn record_at(&self, k: usize) -> Option<&StepRecord> {
        self.steps.get(k / self.stride)
    }

    /// Iterations each record covers: 1 until the run outgrows [`HISTORY`].
    pub fn stride(&self) -> usize {
        self.stride
    }

    /// Iterations recorded, a diverged run's last (exploding) one included.
    pub fn recorded(&self) -> usize {
        self.ni + usize::from(matches!(self.status, Status::Diverged { .. }))
    }

    /// The losses of the first few minibatches, exactly, however the history is thinned.
    pub fn first_losses(&self) -> &[f32] {
        &self.first_losses
    }
}
