//! The verdict: what the learning rate is doing to a run, in one word and one sentence. It
//! combines the stability analysis (exact for the line's quadratic, estimated at the start for
//! networks) with what the run itself did: its loss, its accuracy, a divergence, and where the
//! schedule is. The rules are [`verdict`], in order; the README lists them as a table.

use crate::engine::stability::{
    Regime, Spectrum, critical_lr, fmt_lr, heavy_ball_critical_lr, nesterov_critical_lr,
};
use crate::state::settings::config::{Config, OptKind};

/// The page's verdict on a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The rate is so small that the run gets little done.
    Crawl,
    /// Steady progress.
    Converging,
    /// Steps overshoot and zig-zag, but the run still converges.
    Oscillating,
    /// The loss exploded or is rising, or (on the quadratic) certainly will.
    Diverging,
    /// The rate is still ramping up (warmup, or one-cycle's first phase): small by design.
    WarmingUp,
    /// The schedule has lowered the rate to settle: small by design.
    Annealing,
    /// Accuracy at chance although the rate is not small: the model is not learning.
    Stuck,
}

impl Verdict {
    /// Its label.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Crawl => "crawl",
            Verdict::Converging => "converging",
            Verdict::Oscillating => "oscillating",
            Verdict::Diverging => "diverging",
            Verdict::WarmingUp => "warming up",
            Verdict::Annealing => "annealing",
            Verdict::Stuck => "not learning",
        }
    }

    /// Its style class (its colour).
    pub fn class(self) -> &'static str {
        match self {
            Verdict::WarmingUp => "warmup",
            Verdict::Stuck => "stuck",
            v => v.name(),
        }
    }

    fn of(regime: Regime) -> Verdict {
        match regime {
            Regime::Crawl => Verdict::Crawl,
            Regime::Converging => Verdict::Converging,
            Regime::Oscillating => Verdict::Oscillating,
            Regime::Diverging => Verdict::Diverging,
        }
    }
}

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

/// The verdict and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The verdict.
    pub verdict: Verdict,
    /// One sentence on why.
    pub why: String,
    /// What to try, when the run diverged.
    pub advice: Option<String>,
}

/// What a run did and where its schedule is: everything [`verdict`] looks at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Facts {
    /// The iteration at which the run diverged.
    pub diverged_at: Option<usize>,
    /// Iterations done, and in the whole run.
    pub steps: usize,
    /// Iterations in the whole run.
    pub total: usize,
    /// Minibatches per epoch.
    pub per_epoch: usize,
    /// The loss at the start (the mean of the first few minibatches).
    pub first_loss: Option<f64>,
    /// The smoothed loss now.
    pub loss: Option<f64>,
    /// The lowest loss possible, where known (the line's least-squares fit).
    pub floor: Option<f64>,
    /// Accuracy after the last complete epoch (validation where there is a validation set).
    pub accuracy: Option<f64>,
    /// The accuracy of guessing, for classifiers: 1/classes.
    pub chance: Option<f64>,
    /// The rate of the last step, times the minibatches summed into it (what meets the
    /// curvature).
    pub lr_now: f64,
    /// The largest such rate so far.
    pub lr_peak: f64,
    /// The largest such rate of the whole plan.
    pub lr_top: f64,
    /// Whether the rate is still rising toward its peak (warmup, one-cycle's first phase).
    pub rising: bool,
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

/// A loss this many times its start, after the first steps, counts as rising.
pub const RISING: f64 = 1.25;
/// Less than this share of the loss gone counts as little progress.
pub const LITTLE: f64 = 0.1;
/// A classifier this far from chance toward perfect, or less, is at chance.
pub const AT_CHANCE: f64 = 0.15;
/// A classifier at least this accurate fits its data.
pub const FITS: f64 = 0.9;
/// A rate this far below its plan's peak, after the peak, has been lowered by design.
pub const DECAYED: f64 = 0.1;

/// The verdict on a run with settings `config`: the first rule that applies.
///
/// 1. It diverged: **diverging**.
/// 2. Its smoothed loss is above [`RISING`] × its start, unless it is a classifier that fits
///    its data (at least [`FITS`] accurate) with a loss under a tenth of guessing's:
///    **diverging**.
/// 3. Plain SGD on the exact quadratic above the stable limit: **diverging** (certain).
/// 4. The rate is still rising (warmup, one-cycle): **warming up**.
/// 5. A classifier at chance after an epoch with under [`LITTLE`] of its loss gone, at a rate
///    that is not tiny: **not learning**.
/// 6. Plain SGD on the quadratic at a rate that crawls, or elsewhere little progress by the
///    record (under half the way to the floor by the end, pro rata before it): **crawl**; a
///    classifier that already fits its data is **converging** instead.
/// 7. The rate has been lowered below [`DECAYED`] × its peak: **annealing**.
/// 8. SGD with a known curvature: the regime of the peak rate (exact: named after the slowest
///    direction; estimated: oscillating above half the stable limit); otherwise (Adam-type, or
///    unknown curvature) **converging**.
pub fn verdict(config: &Config, curvature: Curvature, f: &Facts) -> Report {
    let limit = match curvature {
        Curvature::Exact(s) => Some(stable_limit(config, s.lambda_max)),
        Curvature::Estimated(l) if l > 0.0 => Some(stable_limit(config, l)),
        _ => None,
    };
    let sgd = config.optimizer == OptKind::Sgd;
    let report = |verdict, why: String| Report {
        verdict,
        why,
        advice: None,
    };

    // 1. Diverged.
    if let Some(step) = f.diverged_at {
        return Report {
            verdict: Verdict::Diverging,
            why: format!(
                "The loss exploded at iteration {step}: each step overshot by more than it corrected."
            ),
            advice: Some(advice(config, curvature, limit, step, f.per_epoch)),
        };
    }
    let judged = f.steps >= 10.max(f.total / 50);
    let (fell, closed) = match (f.first_loss, f.loss) {
        (Some(first), Some(now)) if first > 0.0 => {
            let floor = f.floor.unwrap_or(0.0).min(now);
            let gap = (first - floor).max(f64::MIN_POSITIVE);
            (1.0 - now / first, (first - now) / gap)
        }
        _ => (0.0, 0.0),
    };
    let fits = f.accuracy.is_some_and(|a| a >= FITS);
    // A classifier's loss a tenth of guessing's, ln(classes), or less: it still fits its data,
    // and a rise there is a wobble.
    let low = match (f.chance, f.loss) {
        (Some(chance), Some(now)) => now < 0.1 * (1.0 / chance).ln(),
        _ => false,
    };
    // 2. Rising.
    if judged && fell < 1.0 - RISING && !(fits && low) {
        return report(
            Verdict::Diverging,
            format!(
                "The loss has risen to {:.1}× where it started in {} iterations: the steps are too large for the ground they land on.",
                1.0 - fell,
                f.steps
            ),
        );
    }
    // 3. Certain divergence on the quadratic.
    if let (Curvature::Exact(s), Some(limit), true) = (curvature, limit, sgd) {
        if f.lr_peak >= limit {
            let why = if config.momentum > 0.0 {
                format!(
                    "lr {} is above the stable limit {} (with momentum {}): steps overshoot further each time.",
                    fmt_lr(f.lr_peak),
                    fmt_lr(limit),
                    config.momentum
                )
            } else {
                Regime::Diverging.why(f.lr_peak, &s, f.total)
            };
            return report(Verdict::Diverging, why);
        }
    }
    // 4. Ramping up.
    if f.rising {
        let what =
            if config.warmup_epochs > 0.0 && config.decay != crate::state::DecayKind::OneCycle {
                "Warmup"
            } else {
                "One-cycle's first phase"
            };
        return report(
            Verdict::WarmingUp,
            format!(
                "{what} raises the rate toward {} (now {}), so the first steps from the random start stay small; judge the rate after it.",
                fmt_lr(f.lr_top),
                fmt_lr(f.lr_now)
            ),
        );
    }
    let tiny = limit.is_some_and(|l| sgd && f.lr_peak < l / 100.0);
    // 5. Not learning.
    if let (Some(acc), Some(chance)) = (f.accuracy, f.chance) {
        let at_chance = acc < chance + AT_CHANCE * (1.0 - chance);
        if f.steps >= f.per_epoch && at_chance && fell < LITTLE && !tiny {
            return report(
                Verdict::Stuck,
                format!(
                    "Accuracy {:.0} % is at chance ({:.0} %) and the loss has fallen only {:.0} %: the model is not learning. A high rate's first steps can saturate tanh units or kill ReLUs for good; try a smaller lr0 or warmup.",
                    100.0 * acc,
                    100.0 * chance,
                    100.0 * fell.max(0.0)
                ),
            );
        }
    }
    // 6. Crawl.
    // On the quadratic, plain SGD's regime is exact; elsewhere the record decides.
    let exact = match (curvature, sgd && config.momentum == 0.0) {
        (Curvature::Exact(s), true) => Some(s),
        _ => None,
    };
    let exact_crawl = exact.is_some_and(|s| s.regime(f.lr_peak, f.total) == Regime::Crawl);
    // Little progress: under half the way to the floor by the end, pro rata before it.
    let share = f.steps as f64 / f.total.max(1) as f64;
    let slow = judged && closed < LITTLE.max(0.5 * share.min(1.0));
    let crawl = if exact.is_some() {
        exact_crawl
    } else {
        tiny || slow
    };
    if crawl && !fits {
        let why = match curvature {
            Curvature::Exact(s) if exact_crawl => Regime::Crawl.why(f.lr_peak, &s, f.total),
            _ => {
                let room = match limit {
                    Some(l) if sgd => format!(" (up to the stable limit ≈ {})", fmt_lr(l)),
                    _ => String::new(),
                };
                format!(
                    "The loss has fallen only {:.0} % in {} iterations: the steps are too small for the run's length; a larger lr0{room} or more epochs would get further.",
                    100.0 * fell.max(0.0),
                    f.steps
                )
            }
        };
        return report(Verdict::Crawl, why);
    }
    if slow && fits {
        return report(
            Verdict::Converging,
            format!(
                "Accuracy {:.0} %: the model fits its data, and the loss stays low, near {}.",
                100.0 * f.accuracy.unwrap_or(0.0),
                fmt_loss(f.loss)
            ),
        );
    }
    // 7. Lowered by design.
    if f.lr_now <= DECAYED * f.lr_top && f.steps > 0 {
        return report(
            Verdict::Annealing,
            format!(
                "The schedule has lowered the rate from {} to {} so the run settles; the loss has fallen {:.0} %.",
                fmt_lr(f.lr_top),
                fmt_lr(f.lr_now),
                100.0 * fell.max(0.0)
            ),
        );
    }
    // 8. The regime of the peak rate.
    match (curvature, limit, sgd) {
        (Curvature::Exact(s), _, true) if config.momentum == 0.0 => {
            let regime = s.regime(f.lr_peak, f.total);
            report(Verdict::of(regime), regime.why(f.lr_peak, &s, f.total))
        }
        (_, Some(limit), true) => {
            let with = if config.momentum > 0.0 {
                format!(" (with momentum {})", config.momentum)
            } else {
                String::new()
            };
            let estimated = matches!(curvature, Curvature::Estimated(_));
            let at = if estimated { "≈ " } else { "" };
            // An estimate is of the starting weights: the curvature changes (a network's often
            // grows) as the run moves on, so the limit is no promise for the rest of the run.
            let (start, grow) = if estimated {
                (
                    " at the starting weights",
                    " there, though the curvature changes as the run moves on",
                )
            } else {
                ("", "")
            };
            if f.lr_peak > limit / 2.0 {
                let beyond = if f.lr_peak >= limit && estimated {
                    " It is above the limit the start's curvature allows, yet the loss falls: training has moved to flatter ground."
                } else {
                    ""
                };
                report(
                    Verdict::Oscillating,
                    format!(
                        "The rate, at most {}, is above half the stable limit {at}{}{with}: steps overshoot across the sharpest direction and zig-zag in; the loss has fallen {:.0} %.{beyond}",
                        fmt_lr(f.lr_peak),
                        fmt_lr(limit),
                        100.0 * fell.max(0.0)
                    ),
                )
            } else {
                report(
                    Verdict::Converging,
                    format!(
                        "The rate, at most {}, is below half the stable limit {at}{}{with}{start}: steps go downhill without overshooting{grow}; the loss has fallen {:.0} %.",
                        fmt_lr(f.lr_peak),
                        fmt_lr(limit),
                        100.0 * fell.max(0.0)
                    ),
                )
            }
        }
        _ => {
            let which = if sgd {
                "The curvature is not known yet"
            } else {
                "Adam-type optimizers rescale every coordinate's step, so there is no single critical rate"
            };
            let why = if !judged {
                format!(
                    "{which}; the verdict comes from the loss once the run has trained a little."
                )
            } else {
                format!(
                    "{which}; judged by the loss, which has fallen {:.0} % in {} iterations.",
                    100.0 * fell.max(0.0),
                    f.steps
                )
            };
            report(Verdict::Converging, why)
        }
    }
}

fn fmt_loss(loss: Option<f64>) -> String {
    loss.map_or_else(|| "–".to_string(), |l| format!("{l:.3}"))
}

/// What to try after a divergence at iteration `step`. Warmup is suggested only where it can
/// help: on a network whose first steps from the random start blew up. On the quadratic a rate
/// above the limit diverges whenever it is reached, warmup or not.
fn advice(
    config: &Config,
    curvature: Curvature,
    limit: Option<f64>,
    step: usize,
    per_epoch: usize,
) -> String {
    let sgd = config.optimizer == OptKind::Sgd;
    match (curvature, limit) {
        (Curvature::Exact(_), Some(limit)) if sgd => format!(
            "Lower lr0 below {}, the stable limit: on this quadratic every rate above it diverges, with or without warmup.",
            fmt_lr(limit)
        ),
        _ => {
            let below = match limit {
                Some(l) if sgd => format!(" below ≈ {} (the stable limit at the start)", fmt_lr(l)),
                _ => String::new(),
            };
            let early = step < 3 * per_epoch.max(1);
            if config.warmup_epochs == 0.0 && early {
                format!(
                    "Lower lr0{below}, or warm up (warmup_epochs ≥ 1) so the first steps from the random start stay small."
                )
            } else if !config.clip {
                format!("Lower lr0{below}, or clip the gradient norm at 10 (clip=1).")
            } else {
                format!("Lower lr0{below}.")
            }
        }
    }
}
