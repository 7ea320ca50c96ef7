//! The gradient-norm chart's data: every run's minibatch gradient norms before clipping, up
//! to the iteration shown, with the clipping threshold where the run clips.

use super::colors::run_color;
use crate::state::plan::CLIP_NORM;
use crate::state::runs::session::Session;

/// The gradient norms of every run, as far as each is shown.
pub fn grad_chart(session: &Session) -> crate::charts::grad::GradChart {
    let n = session.slots.len();
    crate::charts::grad::GradChart {
        series: session
            .slots
            .iter()
            .enumerate()
            .map(|(k, slot)| crate::charts::grad::GradSeries {
                label: slot.label.clone(),
                color: run_color(k, n, session.config.compare),
                norms: slot
                    .run
                    .records_upto(session.shown(k))
                    .iter()
                    .map(|r| r.grad_norm)
                    .collect(),
                stride: slot.run.stride(),
                clip: slot.config.clip.then_some(f64::from(CLIP_NORM)),
            })
            .collect(),
        steps: session
            .slots
            .iter()
            .map(|s| s.run.total_iterations())
            .max()
            .unwrap_or(0),
    }
}
