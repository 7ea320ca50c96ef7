//! A run whose loss has all but stopped falling while another run on the page is far lower:
//! "converging" would promise what the run will not do, and "crawl" blames a rate that may not
//! be small (warmup's run without it sits near 0.4 after big first steps; batch 64 at batch
//! 16's rate is far slower than the others).

use super::super::{FURTHER, STALLING, Verdict};
use super::advice::say;
use super::{Context, Report};
use crate::engine::stability::{fmt_loss, fmt_lr};

/// Judged over half the run at least: another run on the page is over [`FURTHER`] times lower
/// now, and at the pace of this run's last half (the factor its smoothed loss fell by) it would
/// take over [`STALLING`] whole runs again to get there. Says both losses and the pace.
pub(super) fn stalled(c: &Context) -> Option<Report> {
    // The lower of the page's other runs and the sweep's best whole run (with its rate).
    let reference = match (c.f.others, c.f.swept) {
        (Some(o), Some((s, _))) if o <= s => Some((o, None)),
        (_, Some((s, lr))) => Some((s, Some(lr))),
        (o, None) => o.map(|o| (o, None)),
    };
    let (Some(half), Some(now), Some((other, swept_at))) = (c.f.half, c.f.loss, reference) else {
        return None;
    };
    if !(c.judged && 2 * c.f.steps >= c.f.total && now > FURTHER * other) {
        return None;
    }
    // Halves of the run needed at this pace: each takes the loss down by half/now.
    let halves = (now / other).ln() / (half / now).ln();
    let pace = if now >= half {
        "it is no longer getting lower".to_string()
    } else if halves > 2.0 * STALLING {
        format!(
            "at that pace it would take about {:.0} times as many steps again to get there",
            (halves / 2.0).round()
        )
    } else {
        return None;
    };
    // "All but stopped" only where it has: warmup's run without it fell 30 % over its last
    // half, and a student read "all but stopped falling" beside "from 0.585 to 0.407".
    let head = if now >= 0.9 * half {
        "The loss has all but stopped falling"
    } else {
        "The loss is falling too slowly to catch up"
    };
    // Ends at the pace: a closing "what the other run does differently is what gets further"
    // told a student nothing; the lesson says what differs.
    say(
        Verdict::Stalled,
        format!(
            "{head}: over the last half of the steps it went from {} to {}, while {} {}, and {pace}.",
            fmt_loss(half),
            fmt_loss(now),
            match swept_at {
                Some(lr) => format!("the LR sweep's whole run at lr0 {} ended at", fmt_lr(lr)),
                None => "another run on this page is down to".into(),
            },
            fmt_loss(other)
        ),
    )
}
