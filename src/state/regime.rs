//! The regime read-out: crawl, converging, oscillating or diverging, with one sentence of why.
//! For plain SGD the thresholds come from the curvature (spec §6); momentum moves them; adaptive
//! optimizers rescale every step, so for them the read-out goes by what the run does.

use super::config::{Config, OptKind};
use crate::engine::stability::{
    Regime, Spectrum, critical_lr, fmt_lr, heavy_ball_critical_lr, nesterov_critical_lr,
};

/// What is known about the curvature of the loss.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Curvature {
    /// Exact, from the line model's constant Hessian.
    Exact(Spectrum),
    /// λmax estimated by power iteration at the run's start.
    Estimated(f64),
    /// Not known (yet).
    Unknown,
}

/// The regime and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The regime.
    pub regime: Regime,
    /// One sentence on why.
    pub why: String,
}

/// How the run has gone so far.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// Iteration at which the run diverged, if it did.
    pub diverged_at: Option<usize>,
    /// Iterations done.
    pub steps: usize,
    /// Iterations in the whole run.
    pub total: usize,
    /// Loss at the start and now (smoothed), if known.
    pub first_loss: Option<f64>,
    /// Current (smoothed) loss.
    pub loss: Option<f64>,
}

/// The critical rate for plain GD at curvature λ, adjusted for momentum: heavy ball
/// (2 + 2β)/λ, PyTorch Nesterov (2 + 2β)/((1 + 2β)λ), plain 2/λ.
pub fn stable_limit(config: &Config, lambda_max: f64) -> f64 {
    match (config.momentum > 0.0, config.nesterov) {
        (false, _) => critical_lr(lambda_max),
        (true, false) => heavy_ball_critical_lr(lambda_max, config.momentum),
        (true, true) => nesterov_critical_lr(lambda_max, config.momentum),
    }
}

/// The regime of the rate `lr` (the schedule's current value) for the settings and curvature.
pub fn report(config: &Config, lr: f64, curvature: Curvature, progress: Progress) -> Report {
    if let Some(step) = progress.diverged_at {
        let hint = match curvature {
            Curvature::Exact(s) if config.optimizer == OptKind::Sgd => {
                format!(
                    " Try lr0 below {}.",
                    fmt_lr(stable_limit(config, s.lambda_max))
                )
            }
            Curvature::Estimated(l) if config.optimizer == OptKind::Sgd => {
                format!(" Try lr0 below {}.", fmt_lr(stable_limit(config, l)))
            }
            _ => " Try a smaller lr0, or warmup.".to_string(),
        };
        return Report {
            regime: Regime::Diverging,
            why: format!(
                "The loss exploded at step {step}: each step overshot by more than it corrected.{hint}"
            ),
        };
    }
    let lambda = match curvature {
        Curvature::Exact(s) => Some(s.lambda_max),
        Curvature::Estimated(l) if l > 0.0 => Some(l),
        _ => None,
    };
    match (config.optimizer, lambda) {
        (OptKind::Sgd, Some(l)) => {
            let limit = stable_limit(config, l);
            let with_momentum = if config.momentum > 0.0 {
                format!(" (with momentum {})", config.momentum)
            } else {
                String::new()
            };
            if let (Curvature::Exact(s), false) = (curvature, config.momentum > 0.0) {
                let steps = progress.total.max(1);
                let regime = s.regime(lr, steps);
                return Report {
                    regime,
                    why: regime.why(lr, &s, steps),
                };
            }
            let (regime, why) = if lr >= limit {
                (
                    Regime::Diverging,
                    format!(
                        "lr {} is above the stable limit {}{with_momentum} for the sharpest curvature λmax ≈ {l:.3}: steps overshoot further each time.",
                        fmt_lr(lr),
                        fmt_lr(limit)
                    ),
                )
            } else if lr > limit / 2.0 {
                (
                    Regime::Oscillating,
                    format!(
                        "lr {} is between half the stable limit and the limit {}{with_momentum}: steps overshoot across the sharpest direction (λmax ≈ {l:.3}) and zig-zag in.",
                        fmt_lr(lr),
                        fmt_lr(limit)
                    ),
                )
            } else if lr < limit / 100.0 {
                (
                    Regime::Crawl,
                    format!(
                        "lr {} is below a hundredth of the stable limit {}{with_momentum}: each step moves a tiny fraction of the way.",
                        fmt_lr(lr),
                        fmt_lr(limit)
                    ),
                )
            } else {
                (
                    Regime::Converging,
                    format!(
                        "lr {} is below half the stable limit {}{with_momentum} (λmax ≈ {l:.3}): steps go downhill without overshooting.",
                        fmt_lr(lr),
                        fmt_lr(limit)
                    ),
                )
            };
            Report { regime, why }
        }
        _ => by_progress(config, progress),
    }
}

/// For adaptive optimizers or unknown curvature: crawl if the loss has fallen by less than a
/// tenth after the first epoch, converging otherwise.
fn by_progress(config: &Config, progress: Progress) -> Report {
    let adaptive = if config.optimizer == OptKind::Sgd {
        "The curvature is not known yet"
    } else {
        "Adam-type optimizers rescale every coordinate's step, so there is no single critical rate"
    };
    match (progress.first_loss, progress.loss) {
        (Some(first), Some(now)) if progress.steps > 0 => {
            let fell = 1.0 - now / first;
            if fell < 0.1 {
                Report {
                    regime: Regime::Crawl,
                    why: format!(
                        "{adaptive}; the loss has fallen only {:.0} % in {} steps.",
                        100.0 * fell.max(0.0),
                        progress.steps
                    ),
                }
            } else {
                Report {
                    regime: Regime::Converging,
                    why: format!(
                        "{adaptive}; the loss has fallen {:.0} % in {} steps.",
                        100.0 * fell,
                        progress.steps
                    ),
                }
            }
        }
        _ => Report {
            regime: Regime::Converging,
            why: format!("{adaptive}; press play to train."),
        },
    }
}
