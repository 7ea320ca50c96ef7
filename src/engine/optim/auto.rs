//! `optimizer=auto`: the optimizer, learning rate and momentum Ultralytics picks for the user
//! (`BaseTrainer.build_optimizer`, spec §1.6), as a pure function of the data set and settings.

/// Which Ultralytics release's rule resolves `auto`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AutoRule {
    /// 8.4.x (read in 8.4.190): MuSGD past [`AUTO_ITERATIONS`] iterations, else AdamW.
    Current,
    /// 8.0 – 8.3: SGD past [`AUTO_ITERATIONS`] iterations, else AdamW.
    Classic,
}

/// The optimizer `auto` resolves to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AutoPick {
    /// `torch.optim.AdamW`, betas (0.9, 0.999): short runs.
    AdamW,
    /// `torch.optim.SGD`, Nesterov: long runs before 8.4.
    Sgd,
    /// Ultralytics' `MuSGD` (`ultralytics/optim/muon.py`; muon 0.2, sgd 1.0 since PR #23350):
    /// long runs from 8.4 on.
    MuSgd,
}

impl AutoPick {
    /// The name Ultralytics logs and writes back into `args.optimizer`.
    pub fn name(self) -> &'static str {
        match self {
            AutoPick::AdamW => "AdamW",
            AutoPick::Sgd => "SGD",
            AutoPick::MuSgd => "MuSGD",
        }
    }
}

/// Runs with more optimizer iterations than this get SGD or MuSGD; this many or fewer, AdamW.
pub const AUTO_ITERATIONS: usize = 10_000;

/// What `auto` needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AutoInput {
    /// N, the number of training images (`len(self.train_loader.dataset)`).
    pub images: usize,
    /// Batch size.
    pub batch: usize,
    /// Nominal batch size (64).
    pub nbs: usize,
    /// Epochs E.
    pub epochs: usize,
    /// Number of classes, `data["nc"]` (Ultralytics defaults it to 10).
    pub nc: usize,
}

/// What `auto` resolves to. The user's `lr0` and `momentum` are ignored.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AutoChoice {
    /// The optimizer.
    pub pick: AutoPick,
    /// Its learning rate: 0.01 for SGD and MuSGD, `lr_fit` for AdamW.
    pub lr: f64,
    /// Its momentum (AdamW: β₁): 0.9 for all three. Warmup still ramps SGD and MuSGD to the
    /// user's `momentum` (0.937), spec §1.3.
    pub momentum: f64,
    /// Optimizer iterations, ⌈N / max(batch, nbs)⌉ · E.
    pub iterations: usize,
    /// The AdamW rate fitted to the class count, round(0.002·5/(4 + nc), 6).
    pub lr_fit: f64,
    /// `auto` forces warmup_bias_lr to 0, whichever optimizer it picks.
    pub warmup_bias_lr: f64,
}

impl AutoInput {
    /// iterations = ⌈N / max(batch, nbs)⌉ · E: optimizer steps, counting a step per nbs images.
    pub fn iterations(&self) -> usize {
        self.images.div_ceil(self.batch.max(self.nbs).max(1)) * self.epochs
    }

    /// Resolves `auto` by `rule`: past [`AUTO_ITERATIONS`] iterations SGD (classic) or MuSGD
    /// (current) at lr 0.01, else AdamW at [`lr_fit`]; momentum 0.9 and warmup_bias_lr 0.
    pub fn resolve(&self, rule: AutoRule) -> AutoChoice {
        let iterations = self.iterations();
        let lr_fit = lr_fit(self.nc);
        let (pick, lr) = match (iterations > AUTO_ITERATIONS, rule) {
            (true, AutoRule::Current) => (AutoPick::MuSgd, 0.01),
            (true, AutoRule::Classic) => (AutoPick::Sgd, 0.01),
            (false, _) => (AutoPick::AdamW, lr_fit),
        };
        AutoChoice {
            pick,
            lr,
            momentum: 0.9,
            iterations,
            lr_fit,
            warmup_bias_lr: 0.0,
        }
    }
}

/// lr_fit = round(0.002·5/(4 + nc), 6), the AdamW rate `auto` fits to the class count, with
/// Python's `round` (see [`round_decimals`]).
pub fn lr_fit(nc: usize) -> f64 {
    round_decimals(0.002 * 5.0 / (4 + nc) as f64, 6)
}

/// Python's `round(x, digits)`: the `digits`-decimal number nearest to the exact binary value
/// of `x` (halves to even), read back as the nearest f64. Scaling by 10^digits first is not
/// the same: for nc = 28, 0.01/32 is 0.00031250000000000000650… in binary, which Python rounds
/// to 0.000313, but x·1e6 rounds to exactly 312.5 in f64 and then to 312. Rust's `{:.N}`
/// formatting is exact and, like CPython's `float.__round__`, goes through the decimal digits.
pub fn round_decimals(x: f64, digits: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.digits$}").parse().unwrap_or(x)
}
