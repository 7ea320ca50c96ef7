//! The rules on how far the loss got: a run that gets little done crawls, unless it is a
//! classifier that already sorts its data, for which little is left to do.

use super::super::SWINGING;
use super::advice::{self, fmt_loss, say};
use super::{Context, Curvature, LITTLE, Regime, Report, Verdict};
use crate::engine::stability::fmt_lr;

/// Too little done: on the quadratic plain SGD's regime says so exactly; elsewhere the record
/// (or a tiny rate) decides. A classifier that already fits is left to [`fits_already`].
pub(super) fn crawl(c: &Context) -> Option<Report> {
    let exact_crawl = c
        .exact
        .is_some_and(|s| s.regime(c.f.lr_peak, c.f.total) == Regime::Crawl);
    let crawl = if c.exact.is_some() {
        exact_crawl
    } else {
        c.behind
    };
    // A classifier whose loss is already under a tenth of guessing's has little left to lose:
    // the fine-tune lesson's pretrained model read crawl until its first epoch's accuracy came.
    if !crawl || c.fits || low_loss(c) {
        return None;
    }
    let why = match c.curvature {
        Curvature::Exact(s) if exact_crawl => format!(
            "{} {}",
            advice::too_small(c.f.lr_peak, &s, c.f.total, c.f),
            super::advice::regime_why(c, Regime::Crawl, &s)
        ),
        // A sweep that found no rate that learns: the rate is not what is missing, so neither
        // a larger one nor more of the same is advised.
        _ if c.f.no_rate_learns => format!(
            "No rate learns this in {} epochs: the loss has fallen only {} here, and every run of the LR sweep, from 1e-5 to 10, ended within {:.0} % of where it started or diverged. The rate is not what is missing: more epochs, Adam (optimizer=Adam), or a smaller batch (more steps) can help.",
            c.config.epochs,
            c.fallen(),
            100.0 * LITTLE
        ),
        _ => {
            // The ceiling the slider marks: where the sweep's whole runs go wrong once it has
            // run, else the exact limit. A network's limit at the start is no ceiling: two
            // students read "up to the limit at start ≈ 2.75" on the spirals, where runs fail
            // from 0.316.
            let room = match (c.f.fails_from, c.limit) {
                (Some(f), _) => format!(
                    " (below {}, where the LR sweep's runs start to go wrong)",
                    fmt_lr(f)
                ),
                (None, Some(l)) if c.sgd && c.exact.is_some() => {
                    format!(" (up to the stable limit {})", fmt_lr(l))
                }
                _ => String::new(),
            };
            let sweep = if c.f.fails_from.is_some() {
                "the LR sweep below shows what each rate did"
            } else {
                "the LR sweep, under More tools, shows whether any rate does"
            };
            // With the floor known, how far above it the run ended: "fallen only 98 %" read as
            // nonsense beside a loss still 6,000 times the lowest.
            let short = advice::above_floor(c.f).unwrap_or_else(|| {
                format!(
                    "the loss has fallen only {} in {} iterations",
                    c.fallen(),
                    c.f.steps
                )
            });
            if c.f.auto {
                format!("The steps are too small for the run's length: {short}.")
            } else {
                format!(
                    "The steps are too small for the run's length: {short}. A larger lr0{room} or more epochs may get further; {sweep}."
                )
            }
        }
    };
    // Auto ignores lr0: the way to a larger rate is to choose the optimizer.
    let why = if c.f.auto {
        format!("{why} {AUTO_WAY}")
    } else {
        why
    };
    say(Verdict::Crawl, why)
}

/// How to get a larger rate under `optimizer=auto`, which chose the rate and ignores lr0.
const AUTO_WAY: &str = "optimizer=auto chose this rate and ignores lr0: set the optimizer in Settings (SGD or AdamW) to try a larger lr0, or train more epochs.";

/// A loss under this share of guessing's (ln of the classes) is low: a classifier there has
/// little left to lose.
const LOW_LOSS: f64 = 0.1;

/// A classifier whose loss is under [`LOW_LOSS`] of guessing's.
fn low_loss(c: &Context) -> bool {
    c.f.chance
        .zip(c.f.loss)
        .is_some_and(|(ch, l)| l < LOW_LOSS * (1.0 / ch).ln())
}

/// A classifier that fits its data has little loss left to lose: slow progress there is
/// success, not a crawl. Not where its loss has bounced back over [`SWINGING`] × a low in the
/// last half: a student saw a loss jump to 3 and end at 0.56 badged converging, "the loss stays
/// low"; the rules after this one weigh the rate against the limit instead.
pub(super) fn fits_already(c: &Context) -> Option<Report> {
    let bounced = c.f.rebound.is_some_and(|(low, high)| high > SWINGING * low);
    if c.slow && c.fits && !bounced {
        let accuracy = 100.0 * c.f.accuracy.unwrap_or(0.0);
        // A loss that rose is said to have risen: "fallen 0 %" beside 0.014 → 0.026 read as a
        // contradiction of the green badge (the fine-tune step).
        let moved = match (c.f.first_loss, c.f.loss) {
            (Some(a), Some(b)) if b > a => format!(
                "it went from {} {} to {}, small either way, and it still sorts as well",
                fmt_loss(Some(a)),
                c.start(),
                fmt_loss(Some(b))
            ),
            _ => format!("it has fallen {} in all", c.fallen()),
        };
        // Already fits only where the loss is low too, under a tenth of guessing's: XOR at
        // 95 % right still has a loss of 0.48 to bring down, and is converging.
        let low = low_loss(c);
        let loss = fmt_loss(c.f.loss);
        let (verdict, how) = if low {
            (
                Verdict::Fits,
                format!("so its loss, {loss}, has little left to fall"),
            )
        } else {
            (
                Verdict::Converging,
                format!("and its loss, {loss}, comes down slowly as its margins widen"),
            )
        };
        return say(
            verdict,
            format!(
                "Accuracy {accuracy:.0} %: the model already sorts its data well, {how}: {moved}."
            ),
        );
    }
    None
}
