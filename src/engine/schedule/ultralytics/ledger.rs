//! The effective-LR ledger: every factor of an Ultralytics iteration's rates as numbers, so a
//! page can print one line of arithmetic per factor. [`UltralyticsSchedule::at`] reads its
//! settings from here, so what is explained is what a run uses.

use super::{Decay, UltralyticsSchedule, WarmupRule};
use crate::engine::schedule::Settings;

/// One warmup line, `np.interp(ni, [0, nw], [start, target])`, in numpy's arithmetic
/// (`arr_interp` in `numpy/_core/src/multiarray/compiled_base.c`): `start` at ni = 0, `target`
/// itself at ni = nw, slope·ni + start between. The textbook start + (target − start)·ni/nw
/// rounds differently: it can miss the target by an ulp at ni = nw, and where the accumulate
/// line crosses a half (1 → 6 over nw = 154 at ni = 77: 3.5 exactly, 3.4999999999999996 in
/// numpy) it rounds to another accumulate. Numpy built with fused multiply-add (some ARM
/// builds) may differ in the last bit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ramp {
    /// The value at ni = 0.
    pub start: f64,
    /// The value at ni = nw, and after warmup.
    pub target: f64,
    /// (target − start)/nw, the change per iteration during warmup; 0 afterwards.
    pub slope: f64,
    /// The line at ni during warmup; `target` afterwards.
    pub value: f64,
}

impl Ramp {
    /// The line from `start` to `target` at `ni` of `nw`, or flat at `target` when `warmup`
    /// is off.
    fn at(start: f64, target: f64, ni: usize, nw: usize, warmup: bool) -> Self {
        if !warmup {
            return Ramp {
                start,
                target,
                slope: 0.0,
                value: target,
            };
        }
        let slope = (target - start) / nw as f64;
        let value = if ni == 0 {
            start
        } else if ni >= nw {
            target
        } else {
            slope * ni as f64 + start
        };
        Ramp {
            start,
            target,
            slope,
            value,
        }
    }
}

/// Gradient accumulation at one iteration (spec §1.3, §1.5).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccumulateLedger {
    /// The nominal accumulate, max(round(nbs/batch), 1), before the cap.
    pub nominal: usize,
    /// The cap, nb·E.
    pub cap: usize,
    /// acc0 = min(nominal, cap): the accumulate after warmup.
    pub capped: usize,
    /// The warmup line from 1 to acc0 (8.4.190) or to the unrounded nbs/batch (classic 8.x);
    /// it decides only during warmup.
    pub ramp: Ramp,
    /// In force: max(1, round_half_even(ramp value)) during warmup, acc0 afterwards.
    pub value: usize,
}

/// The weight decay Ultralytics uses: weight_decay · batch · accumulate / nbs (spec §1.5).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DecayLedger {
    /// The setting, `weight_decay`.
    pub weight_decay: f64,
    /// Batch size.
    pub batch: usize,
    /// The nominal accumulate (before the cap).
    pub accumulate: usize,
    /// Nominal batch size.
    pub nbs: usize,
    /// weight_decay · batch · accumulate / nbs, the decay of the weight group.
    pub scaled: f64,
}

/// Every factor of the rates at one iteration ni (spec §1.2, §1.3, §1.5).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ledger {
    /// The global iteration, ni = i + nb·epoch.
    pub ni: usize,
    /// Batches per epoch, nb.
    pub nb: usize,
    /// The epoch, ⌊ni/nb⌋ (0-based).
    pub epoch: usize,
    /// Epochs E.
    pub epochs: usize,
    /// The per-epoch decay rule.
    pub decay: Decay,
    /// Final fraction lrf (linear and cosine decays).
    pub lrf: f64,
    /// lf(epoch).
    pub lf: f64,
    /// lr0.
    pub lr0: f64,
    /// lr0 · lf(epoch): the rate of every group after warmup, and the warmup's target.
    pub target: f64,
    /// Whether warmup is on: nw > 0 and ni ≤ nw.
    pub warmup: bool,
    /// Warmup iterations nw (0: none).
    pub nw: usize,
    /// ni/nw during warmup, for display (the ramps compute slope·ni); 1 afterwards.
    pub fraction: f64,
    /// The weight (and norm) groups' rate, ramping from 0.
    pub lr_weight: Ramp,
    /// The bias group's rate, ramping from `warmup_bias_lr`.
    pub lr_bias: Ramp,
    /// Whether momentum is warmed up (the optimizer has a `momentum` key; Adam's β₁ is not).
    pub momentum_warmed: bool,
    /// Momentum, ramping from `warmup_momentum` to `momentum` when warmed; else constant
    /// (start = target).
    pub momentum: Ramp,
    /// Gradient accumulation.
    pub accumulate: AccumulateLedger,
    /// Weight decay after the nbs scaling.
    pub weight_decay: DecayLedger,
}

impl Ledger {
    /// The settings the ledger adds up to.
    pub fn settings(&self) -> Settings {
        Settings {
            epoch: self.epoch,
            lr_weight: self.lr_weight.value,
            lr_bias: self.lr_bias.value,
            momentum: self.momentum.value,
            accumulate: self.accumulate.value,
            warmup: self.warmup,
        }
    }
}

impl UltralyticsSchedule {
    /// Every factor of the rates at iteration `ni`, with the weight decay setting
    /// `weight_decay` scaled as Ultralytics scales it. Within warmup each value is its
    /// [`Ramp`] (np.interp over [0, nw]); accumulate is the ramp from 1, rounded half to even and
    /// at least 1 (`max(1, int(np.interp(…).round()))`).
    pub fn explain(&self, ni: usize, weight_decay: f64) -> Ledger {
        let epoch = ni / self.nb.max(1);
        let lf = self.lf(epoch);
        let target = self.lr0 * lf;
        let nw = self.warmup_iters();
        let warmup = nw > 0 && ni <= nw;
        let fraction = if warmup { ni as f64 / nw as f64 } else { 1.0 };
        let ramp = |start, target| Ramp::at(start, target, ni, nw, warmup);
        // Adam's β₁ lives in `betas`, so Ultralytics leaves it where it is.
        let momentum = if self.warm_momentum {
            ramp(self.warmup_momentum, self.momentum)
        } else {
            ramp(self.momentum, self.momentum)
        };
        let capped = self.accumulate();
        // 8.4.190 ramps to the capped acc0; classic code to the unrounded nbs/batch.
        let acc_ramp = ramp(
            1.0,
            match self.rule {
                WarmupRule::Current => capped as f64,
                WarmupRule::Classic => self.nbs as f64 / self.batch.max(1) as f64,
            },
        );
        let nominal = self.nominal_accumulate();
        Ledger {
            ni,
            nb: self.nb,
            epoch,
            epochs: self.epochs,
            decay: self.decay,
            lrf: self.lrf,
            lf,
            lr0: self.lr0,
            target,
            warmup,
            nw,
            fraction,
            lr_weight: ramp(0.0, target),
            lr_bias: ramp(self.warmup_bias_lr, target),
            momentum_warmed: self.warm_momentum,
            momentum,
            accumulate: AccumulateLedger {
                nominal,
                cap: self.total_iters().max(1),
                capped,
                ramp: acc_ramp,
                value: if warmup {
                    (acc_ramp.value.round_ties_even() as usize).max(1)
                } else {
                    capped
                },
            },
            weight_decay: DecayLedger {
                weight_decay,
                batch: self.batch,
                accumulate: nominal,
                nbs: self.nbs,
                scaled: self.scaled_weight_decay(weight_decay),
            },
        }
    }
}

/// Ultralytics' step test (`ni - last_opt_step >= accumulate`, spec §1.3): whether iteration
/// `ni` steps, given the last step (−1 before the first) and the accumulate in force.
pub fn due(ni: usize, last_opt_step: i64, accumulate: usize) -> bool {
    ni as i64 - last_opt_step >= accumulate as i64
}

impl UltralyticsSchedule {
    /// The iteration of the last optimizer step at or before `ni` (`None` before the first),
    /// by [`due`] from last_opt_step = −1. Warmup, where accumulate changes every iteration, is
    /// replayed; after it accumulate is fixed at acc0 and the steps are every acc0 iterations.
    pub fn last_step(&self, ni: usize) -> Option<usize> {
        // Far past any run, and inside i64.
        let ni = ni.min(i64::MAX as usize / 2);
        let replayed = ni.min(self.warmup_iters());
        let mut last: i64 = -1;
        for k in 0..=replayed {
            if due(k, last, self.explain(k, 0.0).accumulate.value) {
                last = k as i64;
            }
        }
        if ni > replayed {
            let a = self.accumulate().max(1) as i64;
            let next = (replayed as i64 + 1).max(last + a);
            if ni as i64 >= next {
                last = next + (ni as i64 - next) / a * a;
            }
        }
        usize::try_from(last).ok()
    }
}
