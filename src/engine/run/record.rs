//! What a run records of each iteration and each epoch, and where it stands.

/// One iteration's record.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepRecord {
    /// Mean loss of the minibatch.
    pub loss: f32,
    /// Learning rate of the weight group.
    pub lr_weight: f64,
    /// Learning rate of the bias group.
    pub lr_bias: f64,
    /// Momentum.
    pub momentum: f64,
    /// ‖g‖₂ of the minibatch gradient as backward produced it (times the rows with
    /// [`LossScale::Batch`](super::LossScale::Batch)), before accumulation and clipping.
    pub grad_norm: f32,
    /// Whether the optimizer stepped after this minibatch (not while accumulating).
    pub stepped: bool,
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
