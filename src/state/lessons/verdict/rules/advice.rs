//! The one piece of advice a verdict gives (what to try after a divergence), and how its
//! sentences write a loss.

use super::Context;
use crate::engine::stability::fmt_lr;
use crate::state::lessons::verdict::{Curvature, Report, SWINGING, Verdict};

/// What to try after a divergence at iteration `step`. Warmup is suggested only where it can
/// help: on a network whose first steps from the random start blew up. On the quadratic a rate
/// above the limit diverges whenever it is reached, warmup or not.
pub(super) fn advice(c: &Context, step: usize) -> String {
    // The biases' warmup rate starts at warmup_bias_lr, whatever lr0 is: above the limit, it
    // is what flies off, and "lower lr0" cannot help (a YOLO user with warmup_bias_lr 0.1 and
    // the summed loss met DIVERGING at lr0 1e-4, told to lower lr0).
    let bias = c.config.warmup_bias_lr;
    if let Some(limit) = c.limit.filter(|&l| c.sgd && bias > l) {
        if step <= c.f.warmup_iters {
            let about = if matches!(c.curvature, Curvature::Exact(_)) {
                ""
            } else {
                "≈ "
            };
            // With lr0 above the limit too, both: a YOLO user lowered lr0 as told, three
            // times, and the biases' rate flew off each time.
            if c.config.lr0 >= limit {
                return format!(
                    "Lower lr0 and warmup_bias_lr below {about}{}, the stable limit: both start above it, and lowering lr0 does not lower the biases' first warmup rate, warmup_bias_lr {} (optimizer=auto sets it to 0).",
                    fmt_lr(limit),
                    fmt_lr(bias)
                );
            }
            return format!(
                "{WARMUP_BIAS_ADVICE} {about}{}: the biases' rate starts warmup at warmup_bias_lr {}, above the stable limit {about}{}, and lowering lr0 does not lower it (optimizer=auto sets it to 0).",
                fmt_lr(limit),
                fmt_lr(bias),
                fmt_lr(limit)
            );
        }
    }
    match (c.curvature, c.limit) {
        (Curvature::Exact(_), Some(limit)) if c.sgd => format!(
            "Lower lr0 below {}, the stable limit: on this quadratic every rate above it diverges, with or without warmup.",
            fmt_lr(limit)
        ),
        _ => {
            let below = match c.limit {
                Some(l) if c.sgd => {
                    format!(" below ≈ {} (the stable limit at the start)", fmt_lr(l))
                }
                _ => String::new(),
            };
            let early = step < 3 * c.f.per_epoch.max(1);
            if c.config.warmup_epochs == 0.0 && early {
                format!(
                    "Lower lr0{below}, or warm up (warmup_epochs ≥ 1) so the first steps from the random start stay small."
                )
            } else if !c.config.clip {
                format!("Lower lr0{below}, or tick \"Clip gradient norm at 10\" in Settings.")
            } else {
                format!("Lower lr0{below}.")
            }
        }
    }
}

/// How the advice opens where the biases' warmup rate, not lr0, flew off: the slider then
/// offers no rate to try, as none would help.
pub const WARMUP_BIAS_ADVICE: &str = "Lower warmup_bias_lr below";

/// A loss for a sentence, or a dash when there is none.
pub(super) fn fmt_loss(loss: Option<f64>) -> String {
    loss.map_or_else(|| "–".to_string(), crate::engine::stability::fmt_loss)
}

/// Oscillating, where the smoothed loss climbed back over [`SWINGING`] × a low it reached in the
/// last half of the run: the steps overshoot, whatever the curvature said. `which` says what
/// the rate could not be compared with, or why a limit did not hold.
pub(super) fn swings(c: &Context, which: &str) -> Option<Report> {
    let (true, Some((lo, hi))) = (c.judged, c.f.rebound) else {
        return None;
    };
    (hi > SWINGING * lo).then(|| Report {
        verdict: Verdict::Oscillating,
        why: format!(
            "Each step overshoots, so the loss swings instead of settling: over the last half of the run it fell to {} and climbed back to {}. {which}. A smaller lr0 swings less, though one only a little smaller may still swing: the LR sweep under More tools shows which rates settle.",
            crate::engine::stability::fmt_loss(lo),
            crate::engine::stability::fmt_loss(hi)
        ),
        advice: None,
    })
}

/// Why a limit estimated at the start did not hold: `at` is its "≈ ".
pub(super) fn grew(at: &str, limit: f64) -> String {
    format!(
        "The limit {at}{} comes from the curvature at the start, and a network's ground can grow steeper as it trains",
        fmt_lr(limit)
    )
}

/// A report without advice: every verdict's but a divergence's.
pub(super) fn say(verdict: Verdict, why: String) -> Option<Report> {
    Some(Report {
        verdict,
        why,
        advice: None,
    })
}

/// The crawl's plain words: near the fastest rate the valley, not the rate, is what is slow
/// (a larger rate would overshoot across it), so "too small" would send the learner the wrong
/// way.
/// The crawl's opening: in plain words, with the run's length, since a crawl is "too slow for
/// this many steps" (a student saw lr0 0.055 called a crawl with the loss down 99 %), and, in
/// the same sentence, how far above the lowest possible the loss still is: a student watching
/// the loss fall from 6 to 0.089 read CRAWL as wrong, the floor 0.0102 being said only under
/// "more".
pub(super) fn too_small(
    lr: f64,
    s: &crate::engine::stability::Spectrum,
    steps: usize,
    f: &super::Facts,
) -> String {
    if lr >= s.best_lr() / 2.0 {
        return "The valley is too long for one rate: at this lr0 the steps already zig-zag across its steep walls, and a larger one would overshoot them, yet along its floor they are too small, so the path crawls there.".into();
    }
    match (f.loss, f.floor) {
        (Some(loss), Some(floor)) if floor > 0.0 && loss > floor => {
            let r = loss / floor;
            let above = if r >= 10.0 {
                format!("{r:.0} times")
            } else if r >= 2.0 {
                format!("{r:.1} times")
            } else {
                format!("{:.0} % above", 100.0 * (loss / floor - 1.0))
            };
            format!(
                "The steps are too small to arrive in {steps} steps, so the loss, {}, is still {above} the lowest possible, {}.",
                fmt_loss(Some(loss)),
                fmt_loss(Some(floor))
            )
        }
        _ => format!("The steps are too small to arrive in {steps} steps."),
    }
}

/// A loss that climbed back again and again on its way down: what the curve shows is
/// overshoot, even where the run ends low.
pub(super) fn bounced(f: &super::Facts, which: &str) -> String {
    format!(
        "Each step overshoots, so the loss bounces on its way down: it climbed back by over half again {} times before ending at {}. {which}. A smaller lr0 bounces less but also travels less, so in these epochs it may end higher: the LR sweep under More tools shows which rates end lowest.",
        f.bounces,
        fmt_loss(f.loss)
    )
}

/// Why a run below the limit estimated at the start still climbed, where the slider's mark
/// says "safe" (a teacher saw clipping's lr0 0.05 diverge under both marks): a plain first
/// sentence, which the folded verdict shows, and the way on, which it keeps for "more". Both
/// empty elsewhere. A teacher found the reason only behind "more", beside a mark the run on
/// screen contradicted.
pub(super) fn below_start_limit(c: &Context) -> (String, String) {
    let (Curvature::Estimated(_), Some(l)) = (c.curvature, c.limit) else {
        return Default::default();
    };
    if !c.sgd || c.f.lr_peak >= l {
        return Default::default();
    }
    // The rate by its number: "That is below the limit" left a student asking what "that" was,
    // and how steps below a limit could be too large.
    let (rate, start) = (fmt_lr(c.f.lr_peak), fmt_lr(l));
    match c.f.fails_from.filter(|f| c.f.lr_peak >= *f) {
        // Once the sweep has run, the slider marks where whole runs go wrong instead, and the
        // verdict names that mark: a student read "below the limit at start ≈ 2.75" of a mark
        // the sweep had just replaced with "runs fail from 0.316".
        Some(f) => (
            format!(
                "The run failed at {rate}, where the LR sweep's whole runs go wrong (from {}, the slider's mark). The ground grows steeper as a network trains, so the limit at start ≈ {start} did not hold. ",
                fmt_lr(f)
            ),
            String::new(),
        ),
        // Short enough for the folded line at 1280 px, the reason first.
        None => (
            format!(
                "The ground grew steeper as the network trained, so the run failed at {rate}, below the limit at start ≈ {start}. "
            ),
            " The mark cannot say how far below it to go: the LR sweep under More tools trains every rate and shows where runs start to fail.".to_string(),
        ),
    }
}

/// "after 1600 iterations the loss is still 5.13, over 501 times the lowest possible 0.0102",
/// where the floor is known: how far a run is from where it could be (the crawl's "fallen only
/// 98 %" read as nonsense beside a loss still 6,000 times the lowest).
pub(super) fn above_floor(f: &super::Facts) -> Option<String> {
    let (Some(floor), Some(now)) = (f.floor, f.loss) else {
        return None;
    };
    (floor > 0.0).then(|| {
        format!(
            "after {} iterations the loss is still {}, {} the lowest possible {}",
            f.steps,
            fmt_loss(Some(now)),
            times(now / floor),
            fmt_loss(Some(floor))
        )
    })
}

/// "over 6,343 times", "1.8 times": how many times a loss is its floor, never rounded up.
fn times(ratio: f64) -> String {
    if ratio >= 10.0 {
        format!(
            "over {} times",
            crate::charts::thousands(ratio.floor() as usize)
        )
    } else {
        format!("{:.1} times", (ratio * 10.0).floor() / 10.0)
    }
}

/// " (with momentum 0.937)", " (with Nesterov momentum 0.937)", or nothing without momentum.
pub(super) fn momentum_words(config: &crate::state::settings::config::Config) -> String {
    if config.momentum > 0.0 {
        format!(
            " (with {}momentum {})",
            if config.nesterov { "Nesterov " } else { "" },
            config.momentum
        )
    } else {
        String::new()
    }
}

/// What the verdict calls the run's peak rate: "lr0" where it is lr0 itself, as the slider
/// names it (a student read "lr is above 0.249" beside a slider called lr0 and took them for
/// two settings), else "lr".
pub(super) fn rate_name(c: &super::Context) -> &'static str {
    if fmt_lr(c.config.lr0) == fmt_lr(c.f.lr_peak) {
        "lr0"
    } else {
        "lr"
    }
}

/// The engine's sentence on the regime of the run's peak rate, the rate named by
/// [`rate_name`].
pub(super) fn regime_why(
    c: &super::Context,
    regime: crate::engine::stability::Regime,
    s: &crate::engine::stability::Spectrum,
) -> String {
    regime.why_named(rate_name(c), c.f.lr_peak, s, c.f.total)
}
