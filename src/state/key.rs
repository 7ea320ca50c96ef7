//! The names of the settings, as a type: what a control, the reducer and `hide=` refer to.
//! Each has one row in the parameter table, [`Key::param`].

/// A parameter, by name. Its discriminant is its row in [`PARAMS`](super::params::PARAMS).
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Preset,
    Task,
    Lr0,
    Lrf,
    Epochs,
    Batch,
    WarmupEpochs,
    WarmupBiasLr,
    WarmupMomentum,
    Decay,
    StepEvery,
    StepFactor,
    Gamma,
    Optimizer,
    Momentum,
    Nesterov,
    WeightDecay,
    Nbs,
    Clip,
    LossScale,
    Seed,
    Noise,
    Shift,
    Dirs,
    Compare,
    Lrs,
    At,
    Ghost,
    Embed,
    Hide,
    Bench,
    Theme,
    Finder,
    Sweep,
    Grad,
    Predict,
}
