//! How the page is laid out for its settings: the ordinary page, an embed (`embed=1`), or
//! presenter mode (`present=1`) for a projector, where a class reads the page from the back of
//! a room: the charts and text large, the settings panel and the tools gone, so that the
//! question, the landscape and the loss fit one 1920×1080 or 1280×720 screen. The components
//! only follow what is decided here.

use crate::state::settings::catalogue::About;
use crate::state::settings::config::Config;

/// How many CSS pixels a chart's pixel takes in presenter mode on a 1080-pixel-high screen:
/// the charts' 13 px tick labels become 21 px.
pub const PRESENT_ZOOM: f64 = 1.6;

/// The screen height (CSS pixels) at which presenter mode's charts are drawn at 1×; above it
/// the zoom grows in proportion, to 1.2 at 720 (16 px labels) and [`PRESENT_ZOOM`] from 960.
/// Not more at 720: there the loss and the lesson's chart share about 450 pixels of height
/// with their legends, and 20 px labels (tried: zoom 1.6) left the plots 150 pixels wide,
/// unreadable, and pushed the schedule off the screen.
pub const PRESENT_ZOOM_FROM: f64 = 600.0;

/// What the page shows, and how large.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// The class on the page's root, which the stylesheet sizes by: `embed`, `present` or none.
    pub class: Option<&'static str>,
    /// The title bar: hidden (for screen readers only) in an embed and when presenting.
    pub header: bool,
    /// The lesson picker and the settings panel.
    pub settings: bool,
    /// The lesson's detail, folded under "why" below its claim.
    pub detail: bool,
    /// The schedule chart under the loss. Presenting, only where the lesson is about the
    /// schedule: the screen holds the landscape, the loss and one chart more, and that one
    /// must be the chart the lesson talks about, not the first in line.
    pub schedule: bool,
    /// The gradient-norm chart under the loss, where the settings draw it (`grad=1`).
    pub grad: bool,
    /// The lesson's claim, the question and the verdict in a column beside the charts rather
    /// than above them: presenting, so that the charts keep their size and place however
    /// many lines the words take once the class has answered.
    pub side: bool,
    /// The read-outs of the cursor (iteration, lr, momentum, loss, accuracy).
    pub values: bool,
    /// The panels below the charts: finder, sweep, ledger, take-home, decision boundary.
    pub tools: bool,
    /// Those panels (all but the decision boundary, the picture of what this run learnt)
    /// folded under one closed "More tools" line, which the address opens where it names a
    /// tool (`finder=1`, `sweep=1`). Students who met the rate map, finder, sweep, ledger and
    /// import open under every step scored the page 37–42 on SUS, and named "too many tools
    /// and rates" first; once the course folded them, students who went on to their own
    /// settings still named the pile of panels there ("rate map, finder, sweep and
    /// Ultralytics panels pile up"). The slider's try mark already says which rate to try.
    pub fold_tools: bool,
    /// The footer's note about the page (runs in the browser, names follow Ultralytics).
    pub about: bool,
    /// The footer's credit for the task's data (a licence's terms, so kept when presenting).
    pub credit: bool,
    /// CSS pixels per chart pixel: 1, or up to [`PRESENT_ZOOM`] when presenting.
    pub chart_zoom: f64,
}

/// The loss chart's height over its width where it shares its column: the landscape and two
/// charts fit a laptop's first screen.
pub const LOSS_ASPECT: f64 = 300.0 / 560.0;

/// The loss chart's height over its width where it stands alone beside the landscape when
/// presenting: at [`LOSS_ASPECT`] it took the top third of the column on a projector and left
/// the rest empty (a teacher: "the loss chart is small, with empty space below").
pub const LOSS_ALONE_ASPECT: f64 = 0.8;

impl Layout {
    /// The loss chart's height over its width: taller where, presenting, no chart shares its
    /// column.
    pub fn loss_aspect(&self) -> f64 {
        if self.class == Some("present") && !self.schedule && !self.grad {
            LOSS_ALONE_ASPECT
        } else {
            LOSS_ASPECT
        }
    }

    /// The layout for `config` on a screen `height` CSS pixels high. Presenting wins over
    /// embedding: a teacher who projects an embed link still wants the projector's sizes.
    pub fn of(config: &Config, height: f64) -> Layout {
        if config.present {
            return Layout {
                class: Some("present"),
                header: false,
                settings: false,
                // Folded: the claim and the question are what the class reads; the why is
                // there for the teacher to open.
                detail: true,
                schedule: match config.preset {
                    Some(p) => p.about() == About::Schedule,
                    // The teacher's own settings: the schedule, unless they asked for the
                    // gradient norm instead.
                    None => !config.grad,
                },
                grad: config.grad,
                side: true,
                values: false,
                tools: false,
                fold_tools: false,
                about: false,
                credit: config.task.credit().is_some(),
                chart_zoom: if height.is_finite() {
                    (height / PRESENT_ZOOM_FROM).clamp(1.0, PRESENT_ZOOM)
                } else {
                    1.0
                },
            };
        }
        Layout {
            class: config.embed.then_some("embed"),
            header: !config.embed,
            settings: true,
            detail: true,
            schedule: true,
            grad: config.grad,
            side: false,
            values: true,
            tools: true,
            fold_tools: true,
            about: !config.embed,
            credit: config.task.credit().is_some(),
            chart_zoom: 1.0,
        }
    }
}
