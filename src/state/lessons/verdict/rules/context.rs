//! What the rules look at: the settings, the curvature and the run's facts, with the numbers
//! derived from them that more than one rule reads, worked out once.

use super::super::{AT_CHANCE, Curvature, FITS, Facts, LITTLE, stable_limit};
use super::ARRIVED;
use crate::engine::stability::{self, Spectrum};
use crate::state::settings::config::{Config, OptKind};

/// The share of the limit under which an SGD rate is small: its steps cannot overshoot, so
/// they cannot be what broke a model that does not learn.
const SMALL: f64 = 0.1;

/// What the rules look at: the settings, the curvature and the run's facts, with what is
/// derived from them and read by more than one rule.
pub(in crate::state::lessons::verdict) struct Context<'a> {
    pub(super) config: &'a Config,
    pub(super) curvature: Curvature,
    pub(super) f: &'a Facts,
    /// The momentum-adjusted stable limit, where the curvature is known.
    pub(super) limit: Option<f64>,
    pub(super) sgd: bool,
    /// Enough steps for the loss's record to mean something.
    pub(super) judged: bool,
    /// The share of the starting loss gone (negative when it rose).
    pub(super) fell: f64,
    /// A classifier that already fits its data; one whose accuracy is at chance.
    pub(super) fits: bool,
    pub(super) lost: bool,
    /// A rate too small to have broken the model: SGD under [`SMALL`] × its limit, or any
    /// rate below the LR sweep's best whole run of the same settings. Circles at lr0 0.03, a
    /// fiftieth of its limit, sat at chance and was told "a high rate's first steps can
    /// saturate tanh units; try a smaller lr0", where 0.01 and 0.1 crawled and the sweep's
    /// best run was at 1.78.
    pub(super) small: bool,
    /// The quadratic's spectrum, where plain SGD (no momentum) makes its regime exact.
    pub(super) exact: Option<Spectrum>,
    /// The share of the way to the floor closed (on the log scale where the floor is known).
    pub(super) closed: f64,
    /// Little progress by the record: under half the way to the floor by the end, pro rata
    /// before it.
    pub(super) slow: bool,
    /// Too little done for the steps to be any but small: a tiny rate, or the record, read at
    /// the run's lowest loss and pro rata, its pace being the run's whole length. Read at one
    /// moment, with a fixed share due early on, a run swinging back up (the momentum lesson at
    /// iteration 15), one with a tiny rate that gets there by its end (cosine against linear,
    /// iteration 75 of 750) and one that lost its first steps to large ones (warmup's run
    /// without it, iteration 18 of 900) each read crawl for a while, and were told to raise
    /// lr0.
    pub(super) behind: bool,
}

impl<'a> Context<'a> {
    pub(in crate::state::lessons::verdict) fn new(
        config: &'a Config,
        curvature: Curvature,
        f: &'a Facts,
    ) -> Self {
        let limit = match curvature {
            Curvature::Exact(s) => Some(stable_limit(config, s.lambda_max)),
            Curvature::Estimated(l) if l > 0.0 => Some(stable_limit(config, l)),
            _ => None,
        };
        let sgd = config.optimizer == OptKind::Sgd;
        let judged = f.steps >= 10.max(f.total / 50);
        let (fell, closed) = match (f.first_loss, f.loss) {
            (Some(first), Some(now)) => Context::closed(f, first, now),
            _ => (0.0, 0.0),
        };
        let exact = match (curvature, sgd && config.momentum == 0.0) {
            (Curvature::Exact(s), true) => Some(s),
            _ => None,
        };
        let share = f.steps as f64 / f.total.max(1) as f64;
        let tiny_rate = limit.is_some_and(|l| sgd && f.lr_peak < l / 100.0);
        // The way closed at the run's lowest: a loss that came far down and swung back up has
        // steps that are large, not small.
        let best = match (f.first_loss, f.loss.zip(f.lowest)) {
            (Some(first), Some((now, low))) if low < now => {
                Context::closed(f, first, low).1.max(closed)
            }
            _ => closed,
        };
        Context {
            config,
            curvature,
            f,
            limit,
            sgd,
            judged,
            fell,
            fits: f.accuracy.is_some_and(|a| a >= FITS),
            lost: f
                .accuracy
                .zip(f.chance)
                .is_some_and(|(a, ch)| a < ch + AT_CHANCE * (1.0 - ch)),
            small: limit.is_some_and(|l| sgd && f.lr_peak < SMALL * l)
                || f.swept.is_some_and(|(_, at)| f.lr_peak < at),
            exact,
            closed,
            slow: judged && closed < LITTLE.max(0.5 * share.min(1.0)),
            behind: (tiny_rate && best < ARRIVED * share.min(1.0))
                || (judged && best < 0.5 * share.min(1.0)),
        }
    }

    /// The share of the starting loss `first` gone at loss `now`, and the share of the way to
    /// the floor closed. Where the lowest loss is known, the way closed is read on the loss
    /// chart's log scale: Adam at lr0 0.03 on the narrow valley went from thousands to 64.7,
    /// "99 % of the way" by subtraction, and was badged converging beside a floor of 0.0102.
    fn closed(f: &Facts, first: f64, now: f64) -> (f64, f64) {
        if first <= 0.0 {
            return (0.0, 0.0);
        }
        match f.floor {
            Some(floor) if floor > 0.0 && first > floor && now > 0.0 => (
                1.0 - now / first,
                (first / now).ln().max(0.0) / (first / floor).ln(),
            ),
            _ => {
                let floor = f.floor.unwrap_or(0.0).min(now);
                let gap = (first - floor).max(f64::MIN_POSITIVE);
                (1.0 - now / first, (first - now) / gap)
            }
        }
    }

    /// How far the loss has fallen, never below zero ([`super::fallen_words`]), with the two
    /// losses it is read from: the page shows other starts (a caption's first-epoch mean), and
    /// "86 %" beside "0.446 to 0.0840" read as two answers.
    /// Where the start a verdict measures from was read: on minibatches, the whole training
    /// set's loss at the starting weights, not the chart's first, noisy minibatch (a student met
    /// a start of 0.0140 beside a first epoch at 0.0296, and read a falling loss as rising); a
    /// full batch has one start, its first step.
    pub(super) fn start(&self) -> &'static str {
        if self.f.per_epoch > 1 {
            "before training"
        } else {
            "at the start"
        }
    }

    pub(super) fn fallen(&self) -> String {
        let words = super::super::fallen_words(self.fell);
        match (self.f.first_loss, self.f.loss) {
            (Some(a), Some(b)) => format!(
                "{words} (from {} {} to {})",
                stability::fmt_loss(a),
                self.start(),
                stability::fmt_loss(b)
            ),
            _ => words,
        }
    }
}
