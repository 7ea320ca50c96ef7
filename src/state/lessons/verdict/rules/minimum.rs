//! A run at rest, or heading to rest, in a minimum above a lower one the page knows: the
//! sine's exact landscape has two.

use super::super::{Report, Verdict};
use super::Context;
use super::advice::say;

/// A run at rest far above a minimum the page knows is lower: neither a crawl (more epochs
/// will not help) nor converging (it will not get there). Says where the lower one is, and
/// what can reach it: a rate whose first steps cross the ridge. A run still moving, inside a
/// basin whose floor is far above the lowest, is heading into the same trap: said so before
/// it arrives (a student saw the sine's default run badged converging with its loss flat at
/// 0.32, thirty times the lowest line drawn under it).
pub(super) fn local_minimum(c: &Context) -> Option<Report> {
    let (Some((lowest, (w, b))), Some(now)) = (c.f.lower, c.f.loss) else {
        return None;
    };
    let shallow = |l: f64| l > 3.0 * lowest + 0.01;
    if !c.judged {
        return None;
    }
    // In the lowest basin, at rest or nearly down: said so plainly. Judged by the start's
    // limit instead, the larger rate of the local-minimum lesson read "the first steps do not
    // overshoot" beside the lesson's "crossing the ridge is overshoot".
    if !shallow(now) && (c.f.settled || c.f.heading.is_some_and(|h| !shallow(h))) {
        return say(
            Verdict::Converging,
            format!(
                "The path ends in the deepest minimum this landscape has, loss {lowest:.4} at w ≈ {w:.2}, b ≈ {b:.2}: the loss has fallen {}.",
                c.fallen()
            ),
        );
    }
    if !shallow(now) {
        return None;
    }
    if !c.f.settled {
        let floor = c.f.heading.filter(|&h| shallow(h))?;
        return say(
            Verdict::LocalMinimum,
            format!(
                "The path is heading into a shallow minimum: the slope it follows ends in a basin whose floor is at loss ≈ {floor:.2}, while this landscape's lowest loss is {lowest:.4}, at w ≈ {w:.2}, b ≈ {b:.2}. More epochs will only settle it there; a start elsewhere, or a rate whose first steps carry the path over the ridge, can reach the lower one."
            ),
        );
    }
    say(
        Verdict::LocalMinimum,
        format!(
            "The steps have stopped: the slope is flat here, so the run stays at loss {}. But this landscape's lowest loss is {}, at w ≈ {w:.2}, b ≈ {b:.2}: the run is stuck in a local minimum. More epochs will not leave it; a start elsewhere, or a rate whose first steps carry the path over the ridge, can reach the lower one.",
            crate::engine::stability::fmt_loss(now),
            crate::engine::stability::fmt_loss(lowest)
        ),
    )
}
