//! The map's two ends in words: the rates too small to get anywhere in a whole run, and the
//! rates too large, where runs go wrong; and the stretches between either end and the green
//! band, where runs train but end higher. A student met the map as "a big box with only vertical
//! lines"; shaded and named, its ends say what the marks between them are for.

use super::{RatePoint, slider::first_wrong};
use crate::state::settings::config::{LR_MAX, LR_MIN};

/// Which end of the map a zone is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// Whole runs crawl: the verdict's crawl rate on an exact valley, else below the first of
    /// the sweep's runs that took half the starting loss off ([`crawl_end`]).
    Small,
    /// Between the crawl and the green band ([`super::band`]): whole runs train, but end higher
    /// than the band's. A student found the line's default lr0 0.1, badged converging, in an
    /// unnamed white gap between "too small" and the band.
    Slow,
    /// Between the green band and the large end: whole runs train, but end higher than the
    /// band's. The clipping lesson's own lr0, 0.05 at 100 %, sat in an unnamed white gap.
    High,
    /// Whole runs go wrong: above the exact stable limit, or from the sweep's first run that
    /// went wrong.
    Large,
}

/// A shaded stretch of the axis and its words.
#[derive(Clone, Debug, PartialEq)]
pub struct Zone {
    /// Which end.
    pub end: End,
    /// Its rates, from and to.
    pub range: (f64, f64),
    /// What runs there do, longest first: the chart writes the first that fits.
    pub words: [&'static str; 2],
}

impl Zone {
    /// Where it lies, for the chart's description: "below 0.0678", "from 0.498".
    pub fn where_words(&self) -> String {
        match self.end {
            End::Small => format!("below {}", crate::engine::stability::fmt_lr(self.range.1)),
            End::Slow | End::High => format!(
                "from {} to {}",
                crate::engine::stability::fmt_lr(self.range.0),
                crate::engine::stability::fmt_lr(self.range.1)
            ),
            End::Large => format!("from {}", crate::engine::stability::fmt_lr(self.range.0)),
        }
    }

    /// Its shade: grey for the crawl, the limit's vermillion where runs go wrong, and none (the
    /// paper's white) where runs train.
    pub fn color(&self) -> plotters::style::RGBColor {
        match self.end {
            End::Small => crate::charts::palette::GREY,
            End::Slow | End::High => plotters::style::WHITE,
            End::Large => super::Source::Limit.color(),
        }
    }
}

/// The zones, from the rate `crawl_below` under which whole runs crawl, the green `band` of
/// rates whose runs end lowest, the exact stable limit `exact` of plain, unclipped SGD (above
/// it every run diverges), and else the sweep's first rate that went wrong among `points`.
/// The slow stretch runs from the crawl up to `slow_to` ([`slow_to`]).
pub(super) fn zones(
    crawl_below: Option<f64>,
    slow_to: Option<f64>,
    band: Option<(f64, f64)>,
    exact: Option<f64>,
    points: &[RatePoint],
) -> Vec<Zone> {
    let slow = crawl_below
        .zip(slow_to)
        .filter(|&(c, lo)| c < lo)
        .map(|(c, lo)| Zone {
            end: End::Slow,
            range: (c, lo),
            words: ["trains, ends higher", "slower"],
        });
    let small = crawl_below.filter(|&c| c > LR_MIN).map(|c| Zone {
        end: End::Small,
        range: (LR_MIN, c),
        words: ["too small: runs crawl", "crawl"],
    });
    let large = match exact {
        Some(l) => Some((l, ["too large: runs diverge", "diverge"])),
        None => first_wrong(points).map(|p| (p.value, ["too large: runs go wrong", "go wrong"])),
    }
    .filter(|&(from, _)| from < LR_MAX)
    .map(|(from, words)| Zone {
        end: End::Large,
        range: (from, LR_MAX),
        words,
    });
    let high = band
        .zip(large.as_ref())
        .filter(|((_, hi), l)| *hi < l.range.0)
        .map(|((_, hi), l)| Zone {
            end: End::High,
            range: (hi, l.range.0),
            words: ["trains, ends higher", "higher"],
        });
    small
        .into_iter()
        .chain(slow)
        .chain(high)
        .chain(large)
        .collect()
}

/// On a network, where no crawl rate is exact: the finished sweep's runs `points` (by rate)
/// crawl below the first that took half the starting loss `start` off, as the verdict's crawl
/// rule reads a whole run; the end is drawn halfway (on the log axis) between that rate and the
/// one before. None where the smallest rate already learns, or where a run below diverged.
pub(super) fn crawl_end(
    points: &[crate::state::runs::sweep::SweepPoint],
    start: f64,
) -> Option<f64> {
    let k = points
        .iter()
        .position(|p| !p.diverged && p.loss.is_some_and(|l| l <= 0.5 * start))?;
    let before = points
        .get(..k)
        .filter(|b| !b.is_empty() && b.iter().all(|p| !p.diverged))?;
    Some((before[k - 1].lr0 * points[k].lr0).sqrt())
}

/// Where the slow stretch ends: at the green band, or without one at the rate to try, `try_lr`,
/// where every finished sweep run below it, `swept`, trained and ended higher (a student met
/// lr0 0.1 on moons stalled, in an unnamed white gap past "too small", the sweep giving no
/// band).
pub(super) fn slow_to(
    band: Option<(f64, f64)>,
    try_lr: Option<f64>,
    swept: Option<&[crate::state::runs::sweep::SweepPoint]>,
) -> Option<f64> {
    band.map(|b| b.0).or_else(|| {
        let (t, swept) = (try_lr?, swept?);
        let at = swept.iter().find(|p| p.lr0 == t && !p.diverged)?.loss?;
        swept
            .iter()
            .filter(|p| p.lr0 < t)
            .all(|p| !p.diverged && p.loss.is_some_and(|l| l > at))
            .then_some(t)
    })
}
