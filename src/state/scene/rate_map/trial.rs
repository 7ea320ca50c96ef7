//! The trial runs' pick: on an exact valley the page trains these settings at rates up to the
//! stable limit, and the rate to try is chosen from those whole runs by one rule, the margin
//! below the limit first.

use super::band::{NEAR, band, within};
use crate::state::lessons::verdict::LITTLE;
use crate::state::runs::sweep::SweepPoint;
use crate::state::scene::sweep::{TIE, edge, lowest_before_edge as lowest};

/// Why the trial runs' pick is the one it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Picked {
    /// The largest rate of the band of runs that end as low, at most half the limit: for plain
    /// SGD on a quadratic no step overshoots there (ηλ ≤ 1 in every direction), and it keeps a
    /// margin below the limit. A student weighed the map's 0.46, at 92 % of the limit and
    /// badged a zig-zag, against the sweep's 0.316 "with a safety margin", and chose the latter.
    Calm,
    /// The fastest fixed rate, which ends within [`TIE`] of the lowest.
    Fastest,
    /// Where the lowest run, of loss `lower` at `at`, lies past half the limit and no band
    /// reaches below it: the run that ended lowest at no more than half of it, as the sweep's
    /// [`calm`] picks, where it ends within [`NEAR`] of the lowest. A teacher
    /// met "try 0.21", half plain SGD's limit, and with momentum 0.5 "try 0.285" at 94 % of its
    /// limit 0.304, which the verdict badged oscillating.
    Steady { lower: f64, at: f64 },
    /// The run that ended lowest.
    Lowest,
}

/// The trial runs' pick.
pub(super) struct TrialPick {
    pub loss: f64,
    pub lr: f64,
    pub limit: f64,
    pub why: Picked,
}

/// The trial runs' pick, where they decide. With plain SGD and a band of runs that end as low,
/// the largest of them at no more than half the limit ([`Picked::Calm`]). Else the
/// fastest fixed rate where its run ends within [`TIE`] of the lowest: a student met 0.46 and
/// 0.374 for runs that ended at the same loss. Else, where the lowest lies past half the
/// limit, the lowest at no more than half ([`Picked::Steady`]). Else the lowest.
/// `exact` is the fastest fixed rate and the limit, `crawl_below` the verdict's crawl rate, as
/// in [`super::recommend::Evidence`].
pub(super) fn trial_pick(
    trials: Option<&[SweepPoint]>,
    exact: Option<(Option<f64>, f64)>,
    crawl_below: Option<f64>,
) -> Option<TrialPick> {
    let points = trials.filter(|p| !p.is_empty())?;
    let (loss, lr) = lowest(points).0?;
    let limit = exact.map(|(_, l)| l)?;
    let fastest = exact.and_then(|(f, _)| f).and_then(|f| {
        points
            .iter()
            .find(|p| p.lr0 == f && !p.diverged)
            .and_then(|p| p.loss)
            .filter(|l| *l <= TIE * loss)
            .map(|l| (l, f))
    });
    let half = limit / 2.0;
    // SGD with or without momentum: the verdict calls its runs below half the limit
    // converging. (Under momentum the map once tried the lowest run of a band within 1 %, at
    // its very bottom: 4.33e-5 beside runs as good up to 0.00151.)
    let calm_band = band(points, lr).and_then(|b| {
        points
            .iter()
            .filter(|p| within(b, p.lr0) && p.lr0 <= half && !p.diverged)
            .filter_map(|p| p.loss.map(|l| (l, p.lr0)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
    });
    // The sweep's rule on the trial runs, where it is no crawl by the verdict's rule (where
    // every fixed rate crawls, the largest goes furthest: SGD against Adam on a narrow
    // valley), and a margin worth a little loss, not a run that goes nowhere (a YOLO user's
    // 5-epoch run was sent to 0.00221, which ended at 1.08 against 0.0676, badged a crawl).
    let steady = calm(points, Some((limit, false)))
        .filter(|(_, r)| crawl_below.is_none_or(|c| *r >= c))
        .filter(|(l, _)| *l <= NEAR * loss);
    let ((loss, lr), why) = match (calm_band, fastest, steady) {
        (Some(c), _, _) => (c, Picked::Calm),
        (None, Some(f), _) => (f, Picked::Fastest),
        (None, None, Some(s)) => (
            s,
            Picked::Steady {
                lower: loss,
                at: lr,
            },
        ),
        (None, None, None) => ((loss, lr), Picked::Lowest),
    };
    Some(TrialPick {
        loss,
        lr,
        limit,
        why,
    })
}

/// Where the sweep's lowest run before the edge lies past half the SGD limit, where the verdict
/// calls a rate oscillating, the lowest run at no more than half of it, as (loss, rate), if one
/// learns: a student was told "Try lr0 ≈ 1.78" beside the limit at start 1.51, "an upper bound,
/// not a target", and the run at 1.78 was then badged oscillating, "a smaller lr0 lets it
/// settle".
pub fn calm(points: &[SweepPoint], limit: Option<(f64, bool)>) -> Option<(f64, f64)> {
    let half = limit?.0 / 2.0;
    let (best, _) = lowest(points);
    if best?.1 <= half {
        return None;
    }
    let end = edge(points).unwrap_or(points.len());
    let start = points.first()?.loss?;
    points[..end]
        .iter()
        .filter(|p| p.lr0 <= half && !p.diverged)
        .filter_map(|p| p.loss.map(|l| (l, p.lr0)))
        .filter(|(l, _)| *l < (1.0 - LITTLE) * start)
        .min_by(|a, b| a.0.total_cmp(&b.0))
}
