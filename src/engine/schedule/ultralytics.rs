//! The Ultralytics YOLO learning-rate schedule (ultralytics 8.4.190, `BaseTrainer`), spec §1.

mod ledger;

pub use ledger::{AccumulateLedger, DecayLedger, Ledger, Ramp, due};

use super::Settings;

/// How many warmup iterations, by Ultralytics version (spec §1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WarmupRule {
    /// 8.4.103 and later: nw = round(min(warmup_epochs, max(E − 1, 0))·nb), no minimum.
    Current,
    /// 8.0 – 8.4.102: nw = max(round(warmup_epochs·nb), 100) — at least 100 iterations.
    Classic,
}

/// The per-epoch factor lf(x) applied to lr0, x the 0-based epoch, E = epochs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decay {
    /// Ultralytics' default: lf = max(1 − x/E, 0)·(1 − lrf) + lrf.
    Linear,
    /// Ultralytics `cos_lr=True`, `one_cycle(1, lrf, E)`: lf = ½(1 − cos(πx/E))·(lrf − 1) + 1.
    Cosine,
    /// PyTorch `StepLR` per epoch: lf = factor^⌊x/every⌋ (the classic ÷10 every 30 epochs).
    Step {
        /// Epochs between drops.
        every: usize,
        /// Multiplier at each drop.
        factor: f64,
    },
    /// PyTorch `ExponentialLR` per epoch: lf = γ^x.
    Exponential {
        /// Multiplier per epoch.
        gamma: f64,
    },
    /// No decay: lf = 1.
    Constant,
}

impl Decay {
    /// lf(x) for E epochs and final fraction `lrf` (used by linear and cosine only).
    pub fn lf(self, epoch: usize, epochs: usize, lrf: f64) -> f64 {
        let e = epochs.max(1) as f64;
        let x = epoch as f64;
        match self {
            Decay::Linear => (1.0 - x / e).max(0.0) * (1.0 - lrf) + lrf,
            // `max(…, 0)` as in Ultralytics' `one_cycle`; it never binds.
            Decay::Cosine => {
                ((1.0 - (std::f64::consts::PI * x / e).cos()) / 2.0).max(0.0) * (lrf - 1.0) + 1.0
            }
            Decay::Step { every, factor } => factor.powi((epoch / every.max(1)) as i32),
            Decay::Exponential { gamma } => gamma.powi(epoch as i32),
            Decay::Constant => 1.0,
        }
    }
}

/// Everything that decides the learning rates of a YOLO training run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UltralyticsSchedule {
    /// Initial learning rate (default 0.01).
    pub lr0: f64,
    /// Final learning rate as a fraction of lr0 (default 0.01).
    pub lrf: f64,
    /// Epochs E (default 100).
    pub epochs: usize,
    /// The per-epoch decay: linear (Ultralytics' default) or cosine (`cos_lr=True`), or one of
    /// PyTorch's epoch schedulers inside the same warmup.
    pub decay: Decay,
    /// Warmup length in epochs; fractions allowed (default 3.0).
    pub warmup_epochs: f64,
    /// Starting lr of the bias group during warmup (default 0.1).
    pub warmup_bias_lr: f64,
    /// Starting momentum during warmup (default 0.8).
    pub warmup_momentum: f64,
    /// Momentum after warmup (default 0.937).
    pub momentum: f64,
    /// Batch size (default 16).
    pub batch: usize,
    /// Nominal batch size (64).
    pub nbs: usize,
    /// Batches per epoch, nb = ceil(train size / batch).
    pub nb: usize,
    /// Warmup-length rule.
    pub rule: WarmupRule,
    /// Whether the optimizer has a `momentum` key to warm up (SGD, RMSprop; not Adam).
    pub warm_momentum: bool,
}

impl UltralyticsSchedule {
    /// Ultralytics' defaults (`cfg/default.yaml`) for `nb` batches per epoch, with SGD.
    pub fn defaults(nb: usize) -> Self {
        Self {
            lr0: 0.01,
            lrf: 0.01,
            epochs: 100,
            decay: Decay::Linear,
            warmup_epochs: 3.0,
            warmup_bias_lr: 0.1,
            warmup_momentum: 0.8,
            momentum: 0.937,
            batch: 16,
            nbs: 64,
            nb,
            rule: WarmupRule::Current,
            warm_momentum: true,
        }
    }

    /// The per-epoch factor lf(x), x the 0-based epoch (spec §1.2); see [`Decay`].
    pub fn lf(&self, epoch: usize) -> f64 {
        self.decay.lf(epoch, self.epochs, self.lrf)
    }

    /// Warmup iterations nw; 0 means no warmup. Python's `round` rounds halves to even.
    pub fn warmup_iters(&self) -> usize {
        let nb = self.nb as f64;
        match self.rule {
            WarmupRule::Current => {
                let we = self.warmup_epochs.min((self.epochs as f64 - 1.0).max(0.0));
                if we > 0.0 {
                    (we * nb).round_ties_even() as usize
                } else {
                    0
                }
            }
            WarmupRule::Classic => {
                if self.warmup_epochs > 0.0 {
                    ((self.warmup_epochs * nb).round_ties_even() as usize).max(100)
                } else {
                    0
                }
            }
        }
    }

    /// The nominal accumulation before the cap, max(round(nbs/batch), 1).
    fn nominal_accumulate(&self) -> usize {
        ((self.nbs as f64 / self.batch.max(1) as f64).round_ties_even() as usize).max(1)
    }

    /// acc0 = max(round(nbs/batch), 1), capped at nb·E (spec §1.5).
    pub fn accumulate(&self) -> usize {
        self.nominal_accumulate().min(self.total_iters().max(1))
    }

    /// The weight decay Ultralytics actually uses:
    /// weight_decay · batch · accumulate / nbs, with the uncapped accumulate (spec §1.5).
    pub fn scaled_weight_decay(&self, weight_decay: f64) -> f64 {
        weight_decay * self.batch as f64 * self.nominal_accumulate() as f64 / self.nbs as f64
    }

    /// Total iterations, nb·E.
    pub fn total_iters(&self) -> usize {
        self.nb * self.epochs
    }

    /// The settings in force at global iteration ni = i + nb·epoch (spec §1.3). Within warmup
    /// (nw > 0 and ni ≤ nw), each value is the straight line from its start (bias lr:
    /// `warmup_bias_lr`; other lrs: 0; momentum: `warmup_momentum`; accumulate: 1) at ni = 0 to
    /// its target at ni = nw, in `np.interp`'s arithmetic (exact at both ends); the lr target is
    /// lr0·lf(current epoch), so the ramp steps down a little at each epoch boundary.
    /// Afterwards lr = lr0·lf(epoch) and momentum = `momentum`.
    /// Optimizers without a `momentum` key (Adam) keep `momentum` (their β₁) throughout.
    /// Every factor of this arithmetic is in [`UltralyticsSchedule::explain`].
    pub fn at(&self, ni: usize) -> Settings {
        // The decay setting does not enter the settings; the ledger is the one computation.
        self.explain(ni, 0.0).settings()
    }
}
