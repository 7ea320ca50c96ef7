//! The band of rates whose whole runs end as low as the rate to try: the lead's sentence on it,
//! and where another tool's pick sits against it (or, with no band, against the sweep's whole
//! runs), for the finder's and the sweep's panels to say. The right rate is a range, not a
//! point, and a learner shown three numbers from three tools needs to hear that they agree.

use super::{RateMap, RatePoint, Source, SweepView, times};
use crate::engine::stability::{fmt_loss, fmt_lr};
use crate::state::lessons::verdict::FURTHER;
use crate::state::runs::sweep::SweepPoint;
use crate::state::scene::sweep::{TIE, edge};

/// The lead's sentence on the band: which rates end as low, and which of the other tools'
/// picks lie in it, so that the finder's and the sweep's numbers read as agreeing with the rate
/// to try rather than as rivals.
pub(super) fn band_words((lo, hi): (f64, f64), pick: Option<f64>, points: &[RatePoint]) -> String {
    let shown = pick.map(fmt_lr);
    let inside: Vec<String> = points
        .iter()
        .filter(|p| within((lo, hi), p.value) && Some(fmt_lr(p.value)) != shown)
        .filter_map(|p| match (p.source, p.label.as_str()) {
            (Source::Finder, "min/10") => Some(format!("the finder's {}", fmt_lr(p.value))),
            (Source::SweepLowest, _) => Some(format!("the sweep's {}", fmt_lr(p.value))),
            _ => None,
        })
        .collect();
    let agree = match inside.as_slice() {
        [] => String::new(),
        [one] => format!(", so {one} agrees with it"),
        [a, b] => format!(", so {a} and {b} agree with it"),
        more => format!(", so {} agree with it", more.join(", ")),
    };
    format!(
        " Every lr0 in the green band, {} to {}, ends as low (within {:.0} %){agree}.{}",
        fmt_lr(lo),
        fmt_lr(hi),
        100.0 * (crate::state::scene::sweep::TIE - 1.0),
        at_limit(hi, points)
    )
}

/// Where the band's top is the limit, the trial runs' last rate: the band is not measured
/// above it, and says so. A YOLO user, clipped, met the map's band 0.00102 to 0.241 beside the
/// sweep's tie from 0.001 to 0.316, with nothing on why the map's stopped short.
fn at_limit(hi: f64, points: &[RatePoint]) -> &'static str {
    let limit = points
        .iter()
        .find(|p| p.source == Source::Limit)
        .map(|p| p.value);
    if limit.is_some_and(|l| hi >= 0.99 * l) {
        " The trial runs stop at the limit, so the band is not measured above it: the sweep's grid goes on."
    } else {
        ""
    }
}

impl RateMap {
    /// What the finished sweep's panel adds from the map: the band its finer trial runs found,
    /// and where the rate to try is not the sweep's own lowest (it keeps a margin below the
    /// limit), that rate, first among its buttons, and why.
    pub fn annotate(&self, v: &mut SweepView) {
        if v.points.len() < v.total {
            return;
        }
        if self.from_trials {
            v.band_note = match (self.band, self.try_lr) {
                (Some((lo, hi)), _) => Some(grid_band(lo, hi) + at_limit(hi, &self.points)),
                (None, Some(t)) => Some(format!(
                    "The rate map's finer trial runs, up to the limit, find {} ending lowest: its rate to try.",
                    fmt_lr(t)
                )),
                (None, None) => None,
            };
        }
        // The map's rate to try from its finer trial runs, first among the buttons: alone, the
        // sweep's button offered its lowest point, 0.316 on the line, one step from the wall,
        // while the map's claim said 0.21, and a student could not tell which was the answer.
        if let (Some(t), true, None) = (self.try_lr, self.from_trials, self.calm_below) {
            if v.best.is_none_or(|b| fmt_lr(b.lr0) != fmt_lr(t)) {
                v.safe = Some(t);
                v.safe_why = if self.band.is_some() {
                    "the rate map's try, in its green band".into()
                } else {
                    "the rate map's try".into()
                };
            }
        }
        if let (Some(t), Some(half)) = (self.try_lr, self.calm_below) {
            v.safe = Some(t);
            v.safe_why = "the rate map's: under half the limit".into();
            // The band first, where there is one: the sweep's own tie (0.178 to 0.316) and the
            // map's green band (0.158 to 0.46) were two ranges for one idea, and a student
            // could not tell which was which.
            let band = match (self.from_trials, self.band) {
                (true, Some((lo, hi))) => grid_band(lo, hi) + at_limit(hi, &self.points) + " ",
                _ => String::new(),
            };
            v.band_note = Some(format!(
                "{band}The rate map's rate to try is {}: the lowest of these runs at no more than half the limit ({}), where the verdict calls a run converging.",
                fmt_lr(t),
                fmt_lr(half)
            ));
        }
    }

    /// Where another tool's `lr` sits against whole runs, for that tool's panel to say: a
    /// learner reading the finder's pick learns at once whether whole runs agree with it.
    /// Against the band where the map has one; else against the finished `sweep`'s run nearest
    /// `lr`, where its loss is far from the rate to try's. `None` where nothing is known.
    pub fn relation(&self, sweep: Option<&SweepView>, name: &str, lr: f64) -> Option<String> {
        let Some((lo, hi)) = self.band else {
            return self.against_sweep(sweep?, name, lr);
        };
        let range = format!("{} to {}", fmt_lr(lo), fmt_lr(hi));
        Some(if within((lo, hi), lr) {
            format!(
                "Whole runs agree: {name} {} lies in the rate map's green band, {range}, where every run ends as low as at the rate to try.",
                fmt_lr(lr)
            )
        } else if lr < lo {
            format!(
                "Whole runs at {name} {} end higher than in the rate map's green band, {range}: over a whole run it is on the slow side.",
                fmt_lr(lr)
            )
        } else if !at_limit(hi, &self.points).is_empty() {
            // The band stops at the limit because the trial runs do: above it the map has not
            // measured (a YOLO user ran the finder's 0.0174, told it ends higher, and it ended
            // as low as the rate to try).
            format!(
                "{} {} lies above the rate map's green band, {range}, which stops at the limit, where its trial runs stop: the LR sweep shows how whole runs there end.",
                crate::charts::capitalised(name),
                fmt_lr(lr)
            )
        } else {
            format!(
                "Whole runs at {name} {} end higher than in the rate map's green band, {range}: it is past where runs end lowest.",
                fmt_lr(lr)
            )
        })
    }

    /// [`RateMap::relation`] without a band: the sweep's run nearest `lr` against the rate to
    /// try's, where the two differ by over [`FURTHER`]× (on moons the finder's 0.158 ends at 13×
    /// the loss of the map's 1, and nothing said that whole runs go further at larger rates).
    fn against_sweep(&self, sweep: &SweepView, name: &str, lr: f64) -> Option<String> {
        let t = self.try_lr?;
        if sweep.points.len() < sweep.total {
            return None;
        }
        let trained: Vec<_> = sweep
            .points
            .iter()
            .filter(|p| !p.diverged)
            .copied()
            .collect();
        let loss_at = |r: f64| {
            crate::charts::sweep::nearest(&trained, r).and_then(|p| p.loss.map(|l| (p.lr0, l)))
        };
        let ((near, at), (_, best)) = (loss_at(lr)?, loss_at(t)?);
        (lr < t && at > FURTHER * best).then(|| {
            format!(
                "Whole runs go further at larger rates: the sweep's run at lr0 {} ended at loss {}, {} the loss of its run at lr0 {}, the rate map's rate to try. {} {} is a cautious start from the first minibatches, not the best for a whole run.",
                fmt_lr(near),
                crate::engine::stability::fmt_loss(at),
                times(at / best),
                fmt_lr(t),
                crate::charts::capitalised(name),
                fmt_lr(lr)
            )
        })
    }
}

/// The map's green band as the sweep's panel names it, apart from the sweep's own tie.
fn grid_band(lo: f64, hi: f64) -> String {
    format!(
        "The rate map's finer trial runs find every lr0 from {} to {} ending as low: its green band, measured between this grid's runs.",
        fmt_lr(lo),
        fmt_lr(hi)
    )
}

/// How much higher than the lowest trial run a run ends and is still called near it ([`near`]),
/// and may be the one to try at no more than half the limit (the trial pick's `Steady`).
pub const NEAR: f64 = 1.1;

/// Whether `lr` lies in `band` (a rate printed as one of its ends counts).
pub fn within((lo, hi): (f64, f64), lr: f64) -> bool {
    (lo * 0.999..=hi * 1.001).contains(&lr)
}

/// The band of rates whose whole runs end as low as the one to try, `pick`: the runs of
/// `points` (lowest rate first) on either side of it, before runs go wrong, each ending within
/// [`TIE`] of the lowest; `None` where only `pick` does. The right rate is a range, not a point:
/// three students met 0.46 on the map, 0.191 from the finder and 0.316 from the sweep, three
/// rates whose runs all end at the same loss, with nothing to say they agree.
pub fn band(points: &[SweepPoint], pick: f64) -> Option<(f64, f64)> {
    let end = edge(points).unwrap_or(points.len());
    let runs = &points[..end];
    let low = runs
        .iter()
        .filter(|p| !p.diverged)
        .filter_map(|p| p.loss)
        .min_by(f64::total_cmp)?;
    let level = |p: &SweepPoint| !p.diverged && p.loss.is_some_and(|l| l <= TIE * low);
    let k = runs.iter().position(|p| p.lr0 == pick && level(p))?;
    let (first, last) = around(runs, k, level);
    (first < last).then(|| (runs[first].lr0, runs[last].lr0))
}

/// The first and last index of the unbroken stretch of `points` around `k` that all satisfy
/// `keep` (`k` itself is taken to).
fn around(points: &[SweepPoint], k: usize, keep: impl Fn(&SweepPoint) -> bool) -> (usize, usize) {
    let first = points[..k]
        .iter()
        .rposition(|p| !keep(p))
        .map_or(0, |j| j + 1);
    let last = points[k..]
        .iter()
        .position(|p| !keep(p))
        .map_or(points.len(), |j| k + j);
    (first, last.max(k + 1) - 1)
}

/// The runs next to the lowest trial run `lr` (loss `loss`) that end within 10 % of it, as
/// (lowest rate, highest rate, the largest gap in whole per cent), where there are any: with
/// momentum the end losses swing from rate to rate, and "the lowest" alone read as the one
/// good rate (two students met "lr0 0.22 is a good rate" beside "try 0.0684").
pub(super) fn near(points: &[SweepPoint], lr: f64, loss: f64) -> Option<(f64, f64, f64)> {
    let close = |p: &SweepPoint| !p.diverged && p.loss.is_some_and(|l| l <= NEAR * loss);
    let k = points.iter().position(|p| p.lr0 == lr)?;
    let (first, last) = around(points, k, close);
    let worst = points[first..=last]
        .iter()
        .filter_map(|p| p.loss)
        .fold(loss, f64::max);
    (first < last).then(|| {
        (
            points[first].lr0,
            points[last].lr0,
            (100.0 * (worst / loss - 1.0)).ceil(),
        )
    })
}

/// The trial runs that did not diverge beside those that did, for the sentence that counts
/// them ("23 of 25 diverged" left a YOLO user asking about the other two): where they are, and
/// why they lasted.
pub(super) fn survivors(trials: &[SweepPoint]) -> String {
    let kept: Vec<&SweepPoint> = trials.iter().filter(|p| !p.diverged).collect();
    let (Some(lo), Some(hi)) = (kept.first(), kept.last()) else {
        return String::new();
    };
    let at = if kept.len() == 1 {
        format!("at {}", fmt_lr(lo.lr0))
    } else {
        format!("from {} to {}", fmt_lr(lo.lr0), fmt_lr(hi.lr0))
    };
    let ends = kept
        .iter()
        .filter_map(|p| p.loss)
        .fold(None, |m: Option<(f64, f64)>, l| {
            Some(m.map_or((l, l), |(a, b)| (a.min(l), b.max(l))))
        });
    let ended = match ends {
        Some((a, b)) if fmt_loss(a) == fmt_loss(b) => format!(", ended at {}", fmt_loss(a)),
        Some((a, b)) => format!(", ended between {} and {}", fmt_loss(a), fmt_loss(b)),
        None => String::new(),
    };
    // Between divergences, a lucky window, not a rate the map can offer: it says so plainly.
    let both = trials.iter().any(|p| p.diverged && p.lr0 < lo.lr0)
        && trials.iter().any(|p| p.diverged && p.lr0 > hi.lr0);
    format!(
        "; the {} that did not, {at}{ended}{}",
        if kept.len() == 1 {
            "one".to_string()
        } else {
            kept.len().to_string()
        },
        if both {
            ", with runs that diverged on both sides"
        } else {
            ""
        }
    )
}
