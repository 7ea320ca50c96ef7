//! How a run is set up: optimizer, plan, minibatching, decay, clipping, loss scaling, seed.

use crate::engine::optim::Optimizer;
use crate::engine::schedule::LrPlan;

/// How the minibatch loss that backward differentiates is reduced over its rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LossScale {
    /// PyTorch's `reduction="mean"`: L = (1/B)·Σᵢ ℓᵢ, so the gradient is the mean of the
    /// per-example gradients and does not grow with the batch.
    #[default]
    Mean,
    /// Ultralytics' detection losses (`ultralytics/utils/loss.py`, `v8DetectionLoss.__call__`:
    /// `return loss * batch_size, loss.detach()`): the backward pass sees B·L, where B is the
    /// number of rows in the minibatch (the last one may be short). Summed over `accumulate`
    /// minibatches (spec §1.5) an optimizer step then follows the summed gradient of about nbs
    /// images, whatever the batch size.
    Batch,
}

impl LossScale {
    /// Its name in a URL: `mean` or `batch`.
    pub fn name(self) -> &'static str {
        match self {
            LossScale::Mean => "mean",
            LossScale::Batch => "batch",
        }
    }

    /// The scaling called `name`.
    pub fn parse(name: &str) -> Option<LossScale> {
        [LossScale::Mean, LossScale::Batch]
            .into_iter()
            .find(|s| s.name() == name)
    }

    /// The factor on the mean-loss gradient of a minibatch of `rows` rows: 1 or B.
    pub fn factor(self, rows: usize) -> f32 {
        match self {
            LossScale::Mean => 1.0,
            LossScale::Batch => rows as f32,
        }
    }
}

/// How a run is set up.
#[derive(Clone, Debug, PartialEq)]
pub struct RunConfig {
    /// The update rule.
    pub optimizer: Optimizer,
    /// The learning-rate plan.
    pub plan: LrPlan,
    /// Minibatch size.
    pub batch: usize,
    /// Passes over the training set.
    pub epochs: usize,
    /// Weight decay of the weight group (biases get none, as in Ultralytics). With an
    /// Ultralytics plan it is scaled by batch·accumulate/nbs first.
    pub weight_decay: f64,
    /// Clip the global gradient norm to this before each optimizer step (Ultralytics: 10).
    pub clip_norm: Option<f32>,
    /// What the gradient is the gradient of: the mean minibatch loss, or that loss times the
    /// minibatch's rows (Ultralytics). The recorded loss is the mean either way.
    pub loss_scale: LossScale,
    /// Seed of the initial weights and of the shuffling.
    pub seed: u64,
}

impl RunConfig {
    /// Plain minibatch SGD at a constant rate: no momentum, decay or clipping; mean loss.
    pub fn sgd(lr: f64, batch: usize, epochs: usize, seed: u64) -> Self {
        Self {
            optimizer: Optimizer::Sgd {
                dampening: 0.0,
                nesterov: false,
            },
            plan: LrPlan::Constant { lr, momentum: 0.0 },
            batch,
            epochs,
            weight_decay: 0.0,
            clip_norm: None,
            loss_scale: LossScale::Mean,
            seed,
        }
    }
}
