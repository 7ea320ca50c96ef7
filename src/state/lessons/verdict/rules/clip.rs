//! Clipping and the stable limit on the line's valley: clipped, a rate above the limit cannot
//! fly off, so the verdict says what it does instead, and what holds it.

use super::advice::{above_floor, momentum_words};
use super::{ARRIVED, Context, Curvature, Report, Verdict};
use crate::charts::capitalised;
use crate::engine::stability::fmt_lr;

/// Clipped above the limit, a run still far from the floor hops about the valley: clipping
/// caps the gradient's norm at 10, so the steps cannot grow without bound, but they still
/// overshoot, and the run cannot settle while the rate is there. Its loss then barely moves,
/// and the crawl's "a larger lr0 may get further" sent two YOLO users the wrong way (lr0 0.3
/// against a limit of 0.241, loss 5.13 after 1600 iterations; lr0 0.5 decayed linearly, whose
/// larger rates went on crawling or diverged).
pub(super) fn clipped_above(c: &Context, limit: f64) -> Option<Report> {
    if !(c.judged && c.f.lr_peak >= limit && c.closed < ARRIVED) {
        return None;
    }
    let what = if c.f.lr_now >= limit {
        format!(
            "The steps overshoot and clipping holds them short, so the run hops about the valley: it cannot fly off, and it cannot settle. lr {} is above the stable limit {}{}, where every step overshoots; {CAPS}.",
            fmt_lr(c.f.lr_now),
            fmt_lr(limit),
            momentum_words(c.config),
        )
    } else {
        format!(
            "The steps overshot while lr was above the stable limit {}{}, up to {}. Clipping kept the run from flying off, but there it hopped about the valley, and it has had only the rest of the run, under the limit, to come down: {CAPS}, yet the steps still overshoot.",
            fmt_lr(limit),
            momentum_words(c.config),
            fmt_lr(c.f.lr_peak),
        )
    };
    let short = above_floor(c.f).map_or(String::new(), |s| format!(" {}.", capitalised(&s)));
    Some(Report {
        verdict: Verdict::Oscillating,
        why: format!("{what}{short}"),
        // To the try mark, not a rule of thumb: the limit's trial runs of these very settings
        // say how far down. "Half the limit or below" held on a long run (clipped at 0.9 × the
        // limit one still hopped at loss 2.70), but sent a YOLO user's 5-epoch run to a crawl
        // (0.00262: loss 0.855, against 0.0676 at the limit, whose warmup and decay keep it
        // under). This verdict needs the exact limit, so the trial runs are there. A YOLO user
        // pressed "Use lr0 0.00525" and met OSCILLATING again: the advice says what to expect.
        // Folded, it reads "Lower lr0 to the slider's try mark…": the whole clause before it,
        // "the rate up to the limit whose whole run …", was too long to parse at a glance.
        advice: Some(format!(
            "Lower lr0 to the slider's try mark: of the rates up to the stable limit {}, the one whose whole run of these settings ends lowest. Clipping stops a rate above the limit from flying off, not from overshooting. A rate over half the limit still zig-zags in, but it comes down instead of hopping.",
            fmt_lr(limit)
        )),
    })
}

/// A peak this many times the limit overshoots fast enough that clipping acts within a few
/// steps: one step of the sweep's grid, as the rate map counts "above the limit".
const WELL_ABOVE: f64 = 1.8;

/// What clipping does, in the verdict's words. The gradient's norm is capped, not the step:
/// with momentum a step can be several times lr × 10 (a YOLO user pointed out that β 0.937
/// allows about 16 × that), but none grows without bound.
const CAPS: &str = "clipping (the setting \"Clip gradient norm at 10\", on) caps the gradient's norm at 10, so no step can grow without bound";

/// What clipping does for a run still above the limit that has not flown off, to follow any
/// verdict but a divergence: the slider's limit says such a rate flies off, and only clipping
/// says why this one does not (a YOLO user found nothing on it beside a clipped run at 0.01
/// that ended at the floor, above the limit 0.00754). Not once the schedule has brought the
/// rate under the limit: a run only briefly above it may have come through unclipped too.
pub(crate) fn clip_credit(c: &Context, verdict: Verdict) -> Option<String> {
    let (Curvature::Exact(_), Some(limit), true, true) =
        (c.curvature, c.limit, c.sgd, c.config.clip)
    else {
        return None;
    };
    if verdict == Verdict::Diverging || c.f.diverged_at.is_some() {
        return None;
    }
    if c.f.lr_now >= limit {
        return Some(format!(
            " Clipping is what holds this run: lr is {}, above the stable limit {}, where unclipped steps overshoot further each time; {CAPS}.",
            fmt_lr(c.f.lr_now),
            fmt_lr(limit)
        ));
    }
    // Well above the limit once, the schedule since brought under it: the early steps hopped,
    // held by clipping, and the badge of the end (annealing, say) is silent on it (a YOLO user
    // saw hundreds of clipped hops at 4× the limit under ANNEALING). Just above the limit the
    // overshoot grows too slowly for clipping to be sure to have acted, and nothing is said.
    (c.f.lr_peak >= WELL_ABOVE * limit).then(|| {
        format!(
            " lr reached {}, above the stable limit {}: until the schedule brought it under, the steps overshot and hopped about the valley, and clipping (on, in Settings) kept them from flying off: it caps the gradient's norm at 10, so no step can grow without bound.",
            fmt_lr(c.f.lr_peak),
            fmt_lr(limit)
        )
    })
}
