//! SGD judged against its stable limit where only an estimate or momentum's limit is known:
//! oscillating above half of it, converging below.

use super::super::{BOUNCE, BOUNCES, Curvature, Report, Verdict};
use super::Context;
use super::advice::{self, say};
use crate::engine::stability::fmt_lr;

/// SGD with a known limit (momentum, or an estimate): oscillating above half of it, where steps
/// overshoot the sharpest direction, else converging.
pub(super) fn limit_regime(c: &Context) -> Option<Report> {
    let (Some(limit), true) = (c.limit, c.sgd) else {
        return None;
    };
    // Nesterov's limit is lower than plain momentum's, not higher: named, so that it does not
    // read as the momentum lesson's raised limit.
    let with = if c.config.momentum > 0.0 {
        let kind = if c.config.nesterov {
            "Nesterov momentum"
        } else {
            "momentum"
        };
        format!(" (with {kind} {})", c.config.momentum)
    } else {
        String::new()
    };
    let estimated = matches!(c.curvature, Curvature::Estimated(_));
    let at = if estimated { "≈ " } else { "" };
    // What the run did trumps the start's curvature (clipping's run fell to 0.018, then 0.33).
    if let Some(swings) = advice::swings(c, &advice::grew(at, limit)).filter(|_| estimated) {
        return Some(swings);
    }
    let peak = c.f.lr_peak;
    // "At most" only where the schedule moves the rate: a student read "the rate, at most 0.22"
    // of a rate that never changed.
    let rate = if c.f.lr_now == peak && c.f.lr_top == peak {
        format!("the rate, {}", fmt_lr(peak))
    } else {
        format!("the rate, at most {} (its peak)", fmt_lr(peak))
    };
    // Why a peak under lr0 (a student read "at most 0.181" beside lr0 0.3 and found the reason
    // only in the lesson's maths): Ultralytics' warmup climbs towards the decayed schedule, not
    // to lr0. A sentence of its own, not a bracket inside the numbers.
    let peak_note = peak_note(c);
    // On a network the half-limit is the start's, and the loss says what the steps did: a run
    // whose loss fell without a rebound is not called a zig-zag from a formula (a student saw
    // OSCILLATING on the digits at lr0 1, above half the start's limit, beside a smooth path
    // and a loss lower than at the rate the page suggested). The rebound is looked for over
    // the last half only, and the words say so: moons at lr0 3.16 jumps to 5× its start in its
    // first steps, and a student read "never climbed back" beside it.
    let smooth = c.f.bounces == 0 && c.f.rebound.is_none_or(|(lo, hi)| hi < BOUNCE * lo);
    if peak > limit / 2.0 && estimated && c.judged && smooth {
        let side = if peak >= limit {
            "above the"
        } else {
            "above half the"
        };
        return say(
            Verdict::Converging,
            format!(
                "Over the last half of the run the loss falls without a rebound: {rate}, is {side} stable limit ≈ {} at the starting weights{with}, where the first steps may overshoot and the loss jump at first, but it never climbed back later. The loss has fallen {}.{peak_note}",
                fmt_lr(limit),
                c.fallen()
            ),
        );
    }
    // The half is said as a number before the limit it halves: "below half the stable limit
    // 0.498" read as below 0.498.
    if peak > limit / 2.0 {
        let beyond = if peak >= limit && estimated {
            " It is above the limit the start's curvature allows, yet the loss falls: training has moved to flatter ground."
        } else {
            ""
        };
        // Good news first where the zig-zag has died out at the floor: the momentum lesson's
        // claim says it dies out, and its badge's sentence read as if it had not (loss 0.0107
        // against the lowest possible 0.0102).
        let (good, each) = match arrived(c, "Zig-zags") {
            Some(good) => (good, "each"),
            None => (String::new(), "Each"),
        };
        // A rate set from the half mark prints as the mark does: "0.00754 is above 0.00754"
        // read as a slip.
        let above = if fmt_lr(c.f.lr_peak) == fmt_lr(limit / 2.0) {
            "at"
        } else {
            "above"
        };
        // With momentum the path swings at every rate (the heavy ball's roots are complex from
        // lr·λ ≈ 0.003 to the limit at β 0.9); half the limit is where a swing shortens to
        // under two steps (their angle passes 90°). A teacher got OSCILLATING at 0.05 and at
        // the try mark on the momentum lesson and read "above half the limit" as the cause.
        let swings = if c.config.momentum > 0.0 && !estimated {
            " Momentum swings the path at every rate; above half the limit each swing lasts under two steps, which is this zig-zag."
        } else {
            ""
        };
        say(
            Verdict::Oscillating,
            format!(
                "{good}{each} step overshoots across the steepest direction and zig-zags in: {rate}, is {above} {at}{}, half the stable limit {at}{}{with}; the loss has fallen {}.{swings}{peak_note}{beyond}",
                fmt_lr(limit / 2.0),
                fmt_lr(limit),
                c.fallen()
            ),
        )
    } else {
        // On an exact valley, momentum's swings can lift the loss tenfold and back below half
        // its limit too: what the curve shows is overshoot, and the course defines converging
        // as "straight down" (a student saw CONVERGING beside a loss jumping up and down at
        // momentum 0.9, lr0 0.3).
        if c.config.momentum > 0.0 && !estimated && c.judged && c.f.bounces >= BOUNCES {
            // Not "a smaller lr0": with momentum 0.9 every rate that gets anywhere swings.
            return say(
                Verdict::Oscillating,
                format!(
                    "{}omentum carries each step on past the minimum, so the path swings from side to side and the loss bounces: it climbed back by over half again {} times before ending at {}. {}, is below {at}{}, half the stable limit {at}{}{with}, so each swing spans two steps or more (above it, under two: a zig-zag); under the limit the swings die out, and less momentum swings less.",
                    // "Swings", as the sentence says: "zig-zags" names swings of under two
                    // steps, above half the limit.
                    arrived(c, "Swings").map_or_else(|| "M".to_string(), |a| a + "m"),
                    c.f.bounces,
                    advice::fmt_loss(c.f.loss),
                    crate::charts::capitalised(&rate),
                    fmt_lr(limit / 2.0),
                    fmt_lr(limit)
                ),
            );
        }
        // An estimate is of the starting weights: the first steps do not overshoot, and later
        // ones may where the curvature has grown (a student saw the sine's lr0 1 zig-zag into
        // the deep minimum under "without overshooting").
        // The caveat is a sentence of its own after the numbers: nested in brackets inside
        // them, a student could not find where the sentence went.
        const START_ONLY: &str = " That limit holds for the first steps only: whole runs can go wrong well below it, or train past it, as the sweep shows.";
        let (head, start, caveat) = match (c.config.momentum > 0.0, estimated) {
            // On an exact valley a ball with momentum overshoots at all but the tiniest rates:
            // it swings past the minimum and back, the swing shrinking by √β a step (a student
            // read "without overshooting" beside a path looping round the minimum).
            (true, false) => (
                "The path swings past the minimum and back, as momentum carries each step on, and the swings die out",
                "",
                "",
            ),
            // A student read "below half the stable limit ≈ 2.75" on the spirals as safe for any
            // rate under 1.37, and lr0 1 diverged: the limit bounds the start, not the run.
            // With momentum even the first steps may overshoot; the path on a network's
            // landscape is a projection, so nothing is claimed about swings either.
            (true, true) => (
                "The loss falls steadily",
                " at the starting weights",
                START_ONLY,
            ),
            (false, true) => (
                "The loss falls steadily",
                " at the starting weights, so the first steps do not overshoot",
                START_ONLY,
            ),
            (false, false) => ("Each step goes downhill without overshooting", "", ""),
        };
        // A loss that climbed back on its way down did not fall steadily: a student read "falls
        // steadily" beside a curve that spiked from about 0.1 to 0.8 on the spirals.
        // Plain and short where the folded line shows it; the count at the end.
        let bumpy = estimated && c.f.bounces > 0;
        let head = if bumpy {
            "The loss falls unsteadily"
        } else {
            head
        };
        let climbed = match c.f.bounces {
            _ if !bumpy => String::new(),
            1 => " On the way it climbed back by over half again once.".to_string(),
            n => format!(" On the way it climbed back by over half again {n} times."),
        };
        say(
            Verdict::Converging,
            format!(
                "{head}: {rate}, is below {at}{}, half the stable limit {at}{}{with}{start}.{caveat}{peak_note} The loss has fallen {}.{climbed}",
                fmt_lr(limit / 2.0),
                fmt_lr(limit),
                c.fallen()
            ),
        )
    }
}

/// Why a warmed-up run's peak is under lr0, as a sentence of its own, or nothing: Ultralytics'
/// warmup climbs towards the decayed schedule, not to lr0. Under `optimizer=auto` lr0 is
/// auto's pick (the verdict reads the settings a run really uses), and the session names it so:
/// a student met a peak of 0.00162 beside the lesson's "AdamW at 0.00167" with nothing between.
pub(super) fn peak_note(c: &Context) -> String {
    // Whenever the two numbers would be written apart: 0.00162 against 0.00167 is only 3 %
    // short, but a student compares the digits.
    let short = c.config.warmup_epochs > 0.0
        && c.f.lr_top < c.config.lr0
        && fmt_lr(c.f.lr_top) != fmt_lr(c.config.lr0);
    if !short {
        return String::new();
    }
    format!(
        " The rate never reaches {} {}: warmup climbs towards a schedule that is already falling.",
        if c.f.auto { "auto's rate" } else { "lr0" },
        fmt_lr(c.config.lr0)
    )
}

/// Good news first where a swinging run still ends at the floor: the slider's try mark sent a
/// student to lr0 0.0684 with momentum 0.9, which ends at the lowest loss there is, and the
/// amber badge alone read as the mark being wrong. It opens with what the badge means, so the
/// good news does not read as the badge's contradiction (a student met OSCILLATING beside
/// "A good rate"). It says where the run ends, not that lr0 is good: a teacher read "lr0 is a
/// good rate" for 0.22 beside the slider's "try 0.0684", after being told "converging" was
/// the wrong answer. The opening, before "momentum carries…".
fn arrived(c: &Context, what: &str) -> Option<String> {
    let (floor, now) = c.f.floor.zip(c.f.loss)?;
    if now > AT_FLOOR * floor {
        return None;
    }
    let (now, floor) = (advice::fmt_loss(Some(now)), advice::fmt_loss(Some(floor)));
    // Printed alike, the two read as a riddle: "ends at 0.0102, within 5 % of the lowest
    // possible, 0.0102" (a student).
    Some(if now == floor {
        format!(
            "{what}, then settles at the bottom: the loss ends at the lowest possible, {floor}, though on the way "
        )
    } else {
        format!(
            "{what}, then settles at the bottom: the loss ends at {now}, within {:.0} % of the lowest possible, {floor}, though on the way ",
            100.0 * (AT_FLOOR - 1.0),
        )
    })
}

/// A loss within this factor of the lowest possible has arrived.
const AT_FLOOR: f64 = 1.05;

/// A rate on the stable limit, to the digits the page prints: the SPEC's edge, where the
/// steepest direction's zig-zag neither dies out nor grows, so the path bounces between the
/// walls for the whole run. A teacher picked "limit 0.498" from the menu and read DIVERGING,
/// "lr is above the stable limit 0.498 … grows by the factor 1.000 per step", beside a flat
/// loss, and OSCILLATING when typing 0.498: the same rate, two verdicts, one of them above
/// itself. Only while the rate is still there (a schedule that has lowered it is judged on
/// what it does now) and unclipped (clipping has its own rule).
pub(super) fn at_limit(c: &Context, limit: f64) -> Option<Report> {
    let lr = c.f.lr_peak;
    if fmt_lr(lr) != fmt_lr(limit) || c.f.lr_now != lr || c.config.clip {
        return None;
    }
    let how = match c.exact {
        Some(s) => {
            let factor = s.contraction(lr);
            let after = factor.powf(c.f.total as f64);
            let change = if after < 0.995 {
                format!("{:.0} % of it is still there", 100.0 * after)
            } else if after > 1.005 {
                format!("it has grown by {:.0} %", 100.0 * (after - 1.0))
            } else {
                "it is as large as at the start".to_string()
            };
            format!(
                "each step overshoots across the steep side of the valley by about as much as it comes in (factor {factor:.4} per step), so after {} steps {change}, and the path bounces between the walls for the whole run",
                c.f.total
            )
        }
        None => "momentum carries each step past the minimum by about as much as it comes in, so the path swings between the walls for the whole run".to_string(),
    };
    Some(Report {
        verdict: Verdict::Oscillating,
        why: format!(
            "The zig-zag neither dies out nor flies off: {} {} is the stable limit {}{} itself, the edge between the two. {}.",
            advice::rate_name(c),
            fmt_lr(lr),
            fmt_lr(limit),
            advice::momentum_words(c.config),
            crate::charts::capitalised(&how)
        ),
        advice: Some(format!(
            "Lower lr0 below the stable limit {} and the zig-zag dies out: slowly this close to it, sooner further below.",
            fmt_lr(limit)
        )),
    })
}
