//! Learning-rate schedules as pure functions of the step, so the whole curve can be drawn
//! before any training. Two families: PyTorch's `torch.optim.lr_scheduler` (spec §2.4) and the
//! Ultralytics YOLO schedule with its per-iteration warmup (spec §1).

mod plan;
pub mod ultralytics;

pub use plan::{Every, LrPlan, Preview, Settings, decimate};
pub use ultralytics::{
    AccumulateLedger, Decay, DecayLedger, Ledger, Ramp, UltralyticsSchedule, WarmupRule, due,
};

use std::f64::consts::PI;

/// How OneCycle anneals within a phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Anneal {
    /// end + (start − end)/2 · (1 + cos(π·pct)).
    Cos,
    /// start + pct·(end − start).
    Linear,
}

impl Anneal {
    fn apply(self, start: f64, end: f64, pct: f64) -> f64 {
        match self {
            Anneal::Cos => end + (start - end) / 2.0 * ((PI * pct).cos() + 1.0),
            Anneal::Linear => (end - start) * pct + start,
        }
    }
}

/// A PyTorch scheduler, as the closed form of its learning rate at step t = `last_epoch`
/// (0 for the first step). `base` is the optimizer's initial lr (for OneCycle: `max_lr`).
#[derive(Clone, Debug, PartialEq)]
pub enum Scheduler {
    /// A constant rate: base.
    Constant,
    /// `StepLR(step_size, gamma)`: base · γ^⌊t/step_size⌋ — the classic "÷10 every 30 epochs".
    Step {
        /// Steps between drops.
        step_size: usize,
        /// Factor at each drop.
        gamma: f64,
    },
    /// `MultiStepLR(milestones, gamma)`: base · γ^(number of milestones ≤ t).
    MultiStep {
        /// Steps at which the rate drops (repeats count twice).
        milestones: Vec<usize>,
        /// Factor at each milestone.
        gamma: f64,
    },
    /// `ExponentialLR(gamma)`: base · γ^t.
    Exponential {
        /// Factor per step.
        gamma: f64,
    },
    /// `CosineAnnealingLR(T_max, eta_min)` (Loshchilov & Hutter 2017, SGDR):
    /// η_min + (base − η_min)(1 + cos(πt/T_max))/2, continuing along the cosine after T_max.
    CosineAnnealing {
        /// Half period.
        t_max: usize,
        /// Floor.
        eta_min: f64,
    },
    /// `LinearLR(start_factor, end_factor, total_iters)`:
    /// base · (s + (e − s)·min(t, T)/T) — the usual linear warmup.
    Linear {
        /// Factor at t = 0.
        start_factor: f64,
        /// Factor from t = T on.
        end_factor: f64,
        /// T.
        total_iters: usize,
    },
    /// `CosineAnnealingWarmRestarts(T_0, T_mult, eta_min)` (SGDR): a cosine from base to η_min
    /// over T_i steps, then a restart, with T_i growing by T_mult each cycle.
    CosineWarmRestarts {
        /// First cycle length.
        t_0: usize,
        /// Growth of the cycle length.
        t_mult: usize,
        /// Floor.
        eta_min: f64,
    },
    /// `OneCycleLR(max_lr = base, total_steps, …)` (Smith & Topin 2019): up from base/div to
    /// base over pct_start of the run, then down to base/(div·final_div), with momentum moving
    /// the opposite way between `max_momentum` and `base_momentum`.
    OneCycle(OneCycle),
}

/// The settings of [`Scheduler::OneCycle`], PyTorch's defaults in [`OneCycle::new`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OneCycle {
    /// Steps in the cycle.
    pub total_steps: usize,
    /// Share of the cycle spent going up (0.3).
    pub pct_start: f64,
    /// Annealing shape (cos).
    pub anneal: Anneal,
    /// initial lr = max_lr / div_factor (25).
    pub div_factor: f64,
    /// min lr = initial lr / final_div_factor (1e4).
    pub final_div_factor: f64,
    /// Three phases: up, back down to the initial lr, then down to the minimum.
    pub three_phase: bool,
    /// Momentum at the peak lr (0.85).
    pub base_momentum: f64,
    /// Momentum at the ends (0.95).
    pub max_momentum: f64,
}

impl OneCycle {
    /// PyTorch's defaults for a cycle of `total_steps`.
    pub fn new(total_steps: usize) -> Self {
        Self {
            total_steps,
            pct_start: 0.3,
            anneal: Anneal::Cos,
            div_factor: 25.0,
            final_div_factor: 1e4,
            three_phase: false,
            base_momentum: 0.85,
            max_momentum: 0.95,
        }
    }

    /// (lr, momentum) at step t, by PyTorch's phase walk: phases end at pct·T − 1,
    /// (2·pct·T − 2 for three phases) and T − 1; within a phase pct = (t − start)/(end − start).
    /// Past the last step the values stay at the end of the cycle (PyTorch raises instead).
    pub fn at(&self, max_lr: f64, t: usize) -> (f64, f64) {
        let initial = max_lr / self.div_factor;
        let min = initial / self.final_div_factor;
        let total = self.total_steps as f64;
        let up_end = self.pct_start * total - 1.0;
        let (hi_m, lo_m) = (self.max_momentum, self.base_momentum);
        let phases: &[(f64, f64, f64, f64, f64)] = if self.three_phase {
            &[
                (up_end, initial, max_lr, hi_m, lo_m),
                (
                    2.0 * self.pct_start * total - 2.0,
                    max_lr,
                    initial,
                    lo_m,
                    hi_m,
                ),
                (total - 1.0, initial, min, hi_m, hi_m),
            ]
        } else {
            &[
                (up_end, initial, max_lr, hi_m, lo_m),
                (total - 1.0, max_lr, min, lo_m, hi_m),
            ]
        };
        let step = (t as f64).min(total - 1.0).max(0.0);
        let mut start = 0.0;
        for (i, &(end, lr0, lr1, m0, m1)) in phases.iter().enumerate() {
            if step <= end || i == phases.len() - 1 {
                let pct = if end > start {
                    (step - start) / (end - start)
                } else {
                    1.0
                };
                return (
                    self.anneal.apply(lr0, lr1, pct),
                    self.anneal.apply(m0, m1, pct),
                );
            }
            start = end;
        }
        unreachable!("the last phase always matches")
    }
}

impl Scheduler {
    /// The learning rate at step `t` for a base rate `base`.
    pub fn lr_at(&self, base: f64, t: usize) -> f64 {
        let tf = t as f64;
        match self {
            Scheduler::Constant => base,
            Scheduler::Step { step_size, gamma } => {
                base * gamma.powi((t / (*step_size).max(1)) as i32)
            }
            Scheduler::MultiStep { milestones, gamma } => {
                base * gamma.powi(milestones.iter().filter(|&&m| m <= t).count() as i32)
            }
            Scheduler::Exponential { gamma } => base * gamma.powi(t as i32),
            Scheduler::CosineAnnealing { t_max, eta_min } => {
                eta_min + (base - eta_min) * (1.0 + (PI * tf / (*t_max).max(1) as f64).cos()) / 2.0
            }
            Scheduler::Linear {
                start_factor,
                end_factor,
                total_iters,
            } => {
                let total = (*total_iters).max(1) as f64;
                base * (start_factor + (end_factor - start_factor) * tf.min(total) / total)
            }
            Scheduler::CosineWarmRestarts {
                t_0,
                t_mult,
                eta_min,
            } => {
                // Walk the cycles in integers, as PyTorch's step() does, so restarts land exactly.
                let (mut t_cur, mut t_i) = (t, (*t_0).max(1));
                while t_cur >= t_i {
                    t_cur -= t_i;
                    t_i *= (*t_mult).max(1);
                }
                eta_min + (base - eta_min) * (1.0 + (PI * t_cur as f64 / t_i as f64).cos()) / 2.0
            }
            Scheduler::OneCycle(c) => c.at(base, t).0,
        }
    }

    /// The momentum the scheduler sets at step `t`, if it sets one (only OneCycle does).
    pub fn momentum_at(&self, t: usize) -> Option<f64> {
        match self {
            Scheduler::OneCycle(c) => Some(c.at(1.0, t).1),
            _ => None,
        }
    }
}
