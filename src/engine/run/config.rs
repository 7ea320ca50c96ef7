//! How a run is set up: optimizer, plan, minibatching, decay, clipping, seed.

use crate::engine::optim::Optimizer;
use crate::engine::schedule::LrPlan;

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
    /// Seed of the initial weights and of the shuffling.
    pub seed: u64,
}

impl RunConfig {
    /// Plain minibatch SGD at a constant rate: no momentum, decay or clipping.
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
            seed,
        }
    }
}
