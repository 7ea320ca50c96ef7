//! The Scene: everything the page shows, decided once per frame from the session. Components
//! receive it and only draw it, so what a learner sees is tested natively. A new view is a
//! field here, a draw function in `charts/` and a component.

mod cache;
mod readout;

pub use cache::SceneCache;
pub use readout::{Mark, Readout, Values};

use std::rc::Rc;

use plotters::style::RGBColor;

use super::session::{Session, validation_points};
use crate::charts::boundary::Boundary;
use crate::charts::landscape::{Backdrop, PathLayer, summary as landscape_summary};
use crate::charts::loss::{LossChart, Series};
use crate::charts::palette;
use crate::engine::run::Status;
use crate::engine::schedule::Settings;

/// The run bar: playback and the time cursor.
#[derive(Clone, Debug, PartialEq)]
pub struct RunBar {
    /// Training frame by frame.
    pub playing: bool,
    /// Every run has stopped.
    pub finished: bool,
    /// Iterations per frame (0: as many as fit).
    pub speed: usize,
    /// Iterations done by the main run.
    pub iteration: usize,
    /// Iterations in the whole run.
    pub total: usize,
    /// The iteration shown (the cursor's, else the latest), if any.
    pub shown: Option<usize>,
    /// A ghost is pinned.
    pub has_ghost: bool,
}

/// The schedule chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ScheduleView {
    /// Every iteration's settings, before training.
    pub settings: Rc<Vec<Settings>>,
    /// Warmup iterations, shaded.
    pub warmup: usize,
    /// A second schedule drawn dashed, with its legend text.
    pub reference: Option<(Rc<Vec<Settings>>, &'static str)>,
    /// The time cursor.
    pub cursor: Option<usize>,
}

/// The landscape chart.
#[derive(Clone, Debug, PartialEq)]
pub struct LandscapeView {
    /// The heatmap and contours (none while a PCA plane waits for its path).
    pub backdrop: Option<Rc<Backdrop>>,
    /// The paths, the main run's first.
    pub paths: Rc<Vec<PathLayer>>,
    /// The exact minimum, where known.
    pub minimum: Option<(f64, f64)>,
    /// The point of the main path the time cursor is at.
    pub cursor: Option<usize>,
    /// Share of the grid computed.
    pub progress: f64,
    /// What the panel is doing, while it has no finished picture.
    pub note: &'static str,
    /// The chart in words.
    pub summary: String,
}

/// Everything the page draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Playback and cursor.
    pub run_bar: RunBar,
    /// Numbers and the verdict.
    pub readout: Readout,
    /// Marks on the lr0 slider.
    pub marks: Vec<Mark>,
    /// The schedule chart.
    pub schedule: ScheduleView,
    /// The loss chart.
    pub loss: Rc<LossChart>,
    /// The landscape chart.
    pub landscape: LandscapeView,
    /// The decision boundary, for tasks that classify points of the plane.
    pub boundary: Option<Rc<Boundary>>,
}

/// Colours of the compare runs (lr0/10, lr0, lr0·10): Okabe–Ito.
const RUN_COLORS: [RGBColor; 3] = [palette::SKY, palette::BLUE, palette::VERMILLION];
/// The ghost's colour.
pub const GHOST: RGBColor = palette::PURPLE;

/// The colour of run `k` of `n`.
pub fn run_color(k: usize, n: usize) -> RGBColor {
    if n == 1 {
        palette::BLUE
    } else {
        RUN_COLORS[k % 3]
    }
}

impl Scene {
    /// The scene of `session` at time `now` (milliseconds; it paces the landscape's refresh).
    pub fn build(session: &Session, cache: &mut SceneCache, now: f64) -> Scene {
        let config = &session.config;
        let main = session.main;
        let run = &session.slots[main].run;
        let done = run.iteration();
        let at = session.cursor.map(|c| c.min(done.saturating_sub(1)));
        let shown = at.or(done.checked_sub(1));
        let (settings, reference) = cache.schedule(config);
        Scene {
            run_bar: RunBar {
                playing: session.playback.playing,
                finished: session.finished(),
                speed: session.playback.speed,
                iteration: done,
                total: run.total_iterations(),
                shown,
                has_ghost: session.ghost.is_some(),
            },
            readout: Readout::build(session, shown, &settings),
            marks: readout::marks(config, session.curvature),
            schedule: ScheduleView {
                warmup: super::build::warmup_iters(config),
                settings,
                reference,
                cursor: at,
            },
            loss: Rc::new(loss_chart(session, at)),
            landscape: landscape_view(session, cache, at, now),
            boundary: cache.boundary(session),
        }
    }
}

fn loss_chart(session: &Session, cursor: Option<usize>) -> LossChart {
    let n = session.slots.len();
    let noisy = session.config.batches_per_epoch() > 1;
    let mut series: Vec<Series> = session
        .slots
        .iter()
        .enumerate()
        .map(|(k, slot)| Series {
            label: slot.label.clone(),
            color: run_color(k, n),
            raw: slot.run.steps.iter().map(|r| r.loss).collect(),
            val: validation_points(&slot.run),
            diverged_at: match slot.run.status() {
                Status::Diverged { step } => Some(step),
                _ => None,
            },
            ghost: false,
            noisy,
        })
        .collect();
    // The main run first: the summary follows it.
    series.swap(0, session.main);
    if let Some(g) = &session.ghost {
        series.insert(
            0,
            Series {
                label: g.label.clone(),
                color: GHOST,
                raw: g.losses.clone(),
                val: g.val.clone(),
                diverged_at: None,
                ghost: true,
                noisy,
            },
        );
    }
    LossChart {
        series,
        steps: session.slots[session.main].run.total_iterations(),
        floor: session.valley.as_ref().map(|v| v.min_loss),
        cursor,
    }
}

fn landscape_view(
    session: &Session,
    cache: &mut SceneCache,
    at: Option<usize>,
    now: f64,
) -> LandscapeView {
    let n = session.slots.len();
    let mut paths: Vec<PathLayer> = (0..n)
        .map(|k| PathLayer {
            path: session.path(k),
            color: run_color(k, n),
            ghost: false,
        })
        .collect();
    // The main run first: the cursor ring and the summary follow it.
    paths.swap(0, session.main);
    if let Some(g) = session.ghost.as_ref().filter(|g| !g.path.is_empty()) {
        paths.push(PathLayer {
            path: g.path.clone(),
            color: GHOST,
            ghost: true,
        });
    }
    let run = &session.slots[session.main].run;
    let cursor = at.map(|c| {
        run.trajectory_steps()
            .take_while(|&it| it <= c)
            .count()
            .saturating_sub(1)
    });
    let minimum = session.valley.as_ref().map(|v| v.minimum);
    let task = session.config.task;
    let summary = landscape_summary(
        paths.first().map_or(&[][..], |p| &p.path),
        minimum,
        task.plane_names(),
    );
    let note = if task.exact_landscape() {
        ""
    } else if session.config.random_dirs {
        "Computing the landscape along two random directions…"
    } else if session.landscape.filling() {
        "Computing the landscape along the path's two main directions…"
    } else {
        "The landscape is drawn along the two directions the path moved most (PCA), when the run ends or you pause."
    };
    LandscapeView {
        backdrop: cache.backdrop(&session.landscape, now),
        paths: Rc::new(paths),
        minimum,
        cursor,
        progress: session.landscape.progress(),
        note,
        summary,
    }
}
