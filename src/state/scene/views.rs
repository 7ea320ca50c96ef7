//! The charts' parts of the scene: the runs' loss curves, their paths on the landscape, and
//! the schedule, with their colours, axes and captions.

mod caveat;
use caveat::caveat;

use std::rc::Rc;

use plotters::style::RGBColor;

use super::SceneCache;
use super::cache::Reference;
use super::colors::{GHOST, run_color};
use crate::charts::landscape::{Backdrop, PathLayer, summary as landscape_summary};
use crate::charts::loss::{LossChart, Series};
use crate::charts::mountain::Mountain;
use crate::engine::run::Status;
use crate::engine::schedule::Preview;
use crate::engine::smooth::smoothed;
use crate::engine::stability::fmt_lr;
use crate::state::io::import::{Rates, mismatch};
use crate::state::runs::session::Session;
use crate::state::runs::session::ghost::validation_points;
use crate::state::runs::session::smoothing;
use crate::state::settings::config::{Config, DecayKind, Relief};

/// The schedule chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ScheduleView {
    /// The rates of the run, known before training, sampled for drawing.
    pub settings: Rc<Preview>,
    /// Warmup iterations, shaded.
    pub warmup: usize,
    /// The other runs' schedules, each drawn dashed in its colour.
    pub references: Vec<Reference>,
    /// The momentum line's legend: under Adam and AdamW, β₁ as the read-out calls it.
    pub momentum_label: &'static str,
    /// The time cursor.
    pub cursor: Option<usize>,
    /// A logarithmic rate axis.
    pub log_y: bool,
    /// Rates a real run logged, drawn over the schedule.
    pub logged: Option<Rc<Rates>>,
    /// Where they part from this schedule, if they do.
    pub logged_note: Option<String>,
    /// The lr0 the weights' schedule is built on (auto's rate under `optimizer=auto`).
    pub lr0: f64,
    /// What that rate is called: "lr0", or "auto's rate" where auto chose it, as the slider
    /// still shows lr0 (a student read "never reach lr0 0.00167" beside lr0 0.01).
    pub lr0_name: &'static str,
    /// Where the loss chart above counts epochs (the runs' batches differ), this chart's
    /// iterations per epoch: the caption says which run they are (a student found epochs above
    /// and iterations below with nothing said).
    pub per_epoch: Option<usize>,
    /// The page's other runs whose line lies under one already drawn, each with the label of
    /// that line's run: the caption says so, so a legend of three runs above is not met by
    /// fewer lines with nothing said (a reviewer).
    pub hidden: Vec<(String, String)>,
}

impl ScheduleView {
    /// The schedule in words, as its caption and an exported picture give it. Where warmup
    /// ends below lr0, it says why: a student read "peak at 0.00162" beside "AdamW at 0.00167",
    /// and "peak at 0.181" beside lr0 0.3, with nothing saying which is which.
    pub fn summary(&self) -> String {
        let peak = self
            .settings
            .points
            .iter()
            .map(|(_, s)| s.lr_weight)
            .fold(0.0f64, f64::max);
        let short = if self.warmup > 0 && peak < 0.995 * self.lr0 {
            format!(
                " The weights never reach {} {}: by the end of warmup the decay has already lowered it by {:.0} %.",
                self.lr0_name,
                fmt_lr(self.lr0),
                100.0 * (1.0 - peak / self.lr0)
            )
        } else {
            String::new()
        };
        let words = crate::charts::schedule::summary(&crate::charts::schedule::ScheduleScene {
            settings: &self.settings.points,
            total: self.settings.total,
            warmup: self.warmup,
            references: &[],
            cursor: None,
            log_y: self.log_y,
            logged: &[],
            groups: &[],
            per_epoch: None,
        });
        let units = self.per_epoch.map_or_else(String::new, |nb| {
            format!(
                " Like the loss above, its axis counts epochs, as the runs' batches differ (the first run's epoch is {nb} iterations)."
            )
        });
        format!("{words}{short}{units}{}", self.hidden_note())
    }

    /// Which runs' lines lie under another's, as its caption says it in view; empty where none.
    pub fn hidden_note(&self) -> String {
        self.hidden
            .iter()
            .map(|(run, under)| {
                format!(
                    " The run “{run}” has the same rates as “{under}”: its line lies under that one."
                )
            })
            .collect()
    }

    /// The schedule of `config`. Decays by factors (step, exponential) get a log axis, where
    /// each ÷10 is the same step down; on a linear one only the first would show. So does a
    /// comparison with a rate thirty times larger or smaller, which would be a flat line, and a
    /// warmup whose biases start more than three times above the weights' peak (Ultralytics'
    /// defaults: 0.1 against lr0 0.01): on a linear axis that fits the biases' line whole, the
    /// weights' would be squashed along the bottom. `lr0` is the rate the plan is built on
    /// (auto's under `optimizer=auto`), as the scene has already resolved it.
    pub fn build(
        config: &Config,
        lr0: f64,
        settings: Rc<Preview>,
        references: Vec<Reference>,
        cursor: Option<usize>,
        logged: Option<Rc<Rates>>,
    ) -> ScheduleView {
        let top = |v: &Preview| {
            v.points
                .iter()
                .map(|(_, s)| s.lr_weight)
                .fold(0.0, f64::max)
        };
        let bias_top = settings
            .points
            .iter()
            .map(|(_, s)| s.lr_bias)
            .fold(0.0, f64::max);
        let biases_above = bias_top > 3.0 * top(&settings);
        // Lines thirty times apart or more: compare mode's lr0/10 and lr0×10 are a hundred.
        let tops: Vec<f64> = std::iter::once(top(&settings))
            .chain(references.iter().map(|r| top(&r.settings)))
            .collect();
        let (low, high) = tops
            .iter()
            .fold((f64::INFINITY, 0.0f64), |(l, h), &t| (l.min(t), h.max(t)));
        let apart = tops.len() > 1 && high > 30.0 * low.max(f64::MIN_POSITIVE);
        ScheduleView {
            warmup: crate::state::plan::warmup_iters(config),
            log_y: apart
                || biases_above
                || matches!(config.decay, DecayKind::Step | DecayKind::Exponential),
            logged_note: logged.as_ref().and_then(|r| mismatch(r, config)),
            logged,
            settings,
            references,
            cursor,
            lr0,
            lr0_name: if lr0 == config.lr0 {
                "lr0"
            } else {
                "auto's rate"
            },
            per_epoch: None,
            hidden: Vec::new(),
            // A student read "β₁ 0.900" in the read-out and "momentum" on this chart's line.
            momentum_label: match crate::state::plan::momentum_name(&crate::state::plan::optimizer(
                config,
            )) {
                "β₁" => "β₁ (Adam's momentum)",
                _ => "momentum",
            },
        }
    }
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
    /// Share of the grid being computed that is done.
    pub progress: f64,
    /// What the panel is computing, while it computes.
    pub note: &'static str,
    /// What the picture is.
    pub caption: String,
    /// What to beware of in this picture: a nearly flat surface, unequal axes.
    pub caveat: String,
    /// The runs' colours, when there is more than one path.
    pub legend: Vec<(String, RGBColor)>,
    /// The chart in words.
    pub summary: String,
    /// Drawn as a map or as a mountain.
    pub relief: Relief,
    /// The surface in 3-D, when drawn as a mountain and the landscape is known.
    pub mountain: Option<Rc<Mountain>>,
    /// What the main path did on the mountain, in words (empty on the map).
    pub walk: String,
}

/// The loss chart: every run up to the iteration shown, the main run first, the ghost drawn
/// pale; on an epoch axis when the runs' batches differ.
pub fn loss_chart(session: &Session, cursor: Option<usize>) -> LossChart {
    let n = session.slots.len();
    let mut series: Vec<Series> = session
        .slots
        .iter()
        .enumerate()
        .map(|(k, slot)| {
            let run = &slot.run;
            let shown = session.shown(k);
            let nb = run.batches_per_epoch();
            Series {
                label: slot.label.clone(),
                color: run_color(k, n, session.config.compare),
                raw: run.records_upto(shown).iter().map(|r| r.loss).collect(),
                smooth: (nb > 1).then(|| slot.smoothed(run.records_upto(shown).len()).to_vec()),
                stride: run.stride(),
                spread: if run.stride() > 1 {
                    run.records_upto(shown)
                        .iter()
                        .map(|r| (r.loss_min, r.loss_max))
                        .collect()
                } else {
                    Vec::new()
                },
                val: validation_points(run, shown),
                diverged_at: match run.status() {
                    Status::Diverged { step } if step < shown => Some(step),
                    _ => None,
                },
                ghost: false,
                per_epoch: nb,
                start: session.first_loss(k),
            }
        })
        .collect();
    let epochs = series.windows(2).any(|w| w[0].per_epoch != w[1].per_epoch);
    if let Some(g) = &session.ghost {
        series.push(Series {
            label: g.label(&session.config),
            color: GHOST,
            raw: g.losses.clone(),
            stride: g.stride,
            spread: Vec::new(),
            val: g.val.clone(),
            diverged_at: None,
            ghost: true,
            smooth: (g.per_epoch > 1).then(|| smoothed(&g.losses, smoothing(g.losses.len()))),
            per_epoch: g.per_epoch,
            start: None,
        });
    }
    LossChart {
        series,
        steps: session.slots[0].run.total_iterations(),
        epochs,
        floor: session.surface.as_ref().map(|v| v.min_loss),
        start: session.slots[0]
            .run
            .record_at(0)
            .map(|r| f64::from(r.loss))
            .filter(|_| session.config.task.computed_at_once()),
        cursor,
    }
}

/// The landscape chart: the picture, and every run's path on it up to the iteration shown.
pub fn landscape_view(
    session: &Session,
    cache: &mut SceneCache,
    at: Option<usize>,
    now: f64,
) -> LandscapeView {
    let n = session.slots.len();
    let mut paths: Vec<PathLayer> = (0..n)
        .map(|k| PathLayer {
            path: session.path(k),
            color: run_color(k, n, session.config.compare),
            ghost: false,
        })
        .collect();
    if let Some(g) = session.ghost.as_ref().filter(|g| !g.path.is_empty()) {
        paths.push(PathLayer {
            path: g.path.clone(),
            color: GHOST,
            ghost: true,
        });
    }
    let run = &session.slots[0].run;
    let cursor = at.map(|c| {
        run.trajectory_steps()
            .take_while(|&it| it <= c)
            .count()
            .saturating_sub(1)
    });
    let minimum = session.surface.as_ref().map(|v| v.minimum);
    let task = session.config.task;
    let landscape = &session.landscape;
    // The coordinates as the axes name them.
    let names = if task.exact_landscape() {
        ("w", "b")
    } else if landscape.random_plane() {
        ("direction 1", "direction 2")
    } else {
        ("PC1", "PC2")
    };
    let summary = landscape_summary(paths.first().map_or(&[][..], |p| &p.path), minimum, names);
    // Short on purpose: the caption sits on the first screen, and the key's symbols are the
    // marks themselves. It continues the heading "Loss landscape".
    let (note, plane) = if task.exact_landscape() {
        ("", " over the weights w and b")
    } else if landscape.random_plane() {
        ("Computing…", " along two random directions")
    } else {
        ("Computing…", " on the path's two main directions (PCA)")
    };
    let exact = task.exact_landscape();
    let lowest = if exact { ", × lowest" } else { "" };
    let relief = session.config.view;
    // The diamond the time cursor draws, named while it is set (a student met it unexplained).
    let ring = if cursor.is_some() {
        ", ◇ time cursor"
    } else {
        ""
    };
    let backdrop = cache.backdrop(landscape, now);
    let caveat = backdrop.as_ref().map(|b| caveat(b)).unwrap_or_default();
    let mountain = backdrop
        .as_ref()
        .filter(|_| relief == Relief::Mountain)
        .map(|b| cache.mountain(b));
    let walk = mountain.as_ref().map_or_else(String::new, |m| {
        let diverged = match run.status() {
            Status::Diverged { step } if step < session.shown(0) => Some(step),
            _ => None,
        };
        let main = paths.first().map_or(&[][..], |p| &p.path);
        // On a two-weight task the run's full-batch losses are the surface's exact heights.
        let records = run.records_upto(session.shown(0));
        let exact = match (records.first(), records.last()) {
            (Some(a), Some(b)) if task.exact_landscape() && run.stride() == 1 => {
                Some((f64::from(a.loss), f64::from(b.loss)))
            }
            _ => None,
        };
        super::describe(main, m, exact, diverged, session.shown(0), names)
    });
    // The walker of a path that left the map rests on its edge, on the surface: said, or its
    // height reads as the run's loss (a student saw 19 beside a diverged run's 6330).
    let off = match &mountain {
        Some(m)
            if crate::charts::mountain::left_map(m, paths.first().map_or(&[][..], |p| &p.path)) =>
        {
            " ↑ The walker left the map: its loss went on past the top."
        }
        _ => "",
    };
    // On the map too: a student at lr0 5 saw the path vanish off the edge, nothing said.
    let off_map = match (&backdrop, paths.first()) {
        // On a network's plane the grid is fitted to the path as it fills in.
        (Some(b), Some(p)) if relief == Relief::Map && exact => p
            .path
            .iter()
            .rev()
            .find(|q| q.0.is_finite() && q.1.is_finite())
            .is_some_and(|q| {
                let (x, y) = (b.grid.x, b.grid.y);
                !(x.min..=x.max).contains(&q.0) || !(y.min..=y.max).contains(&q.1)
            }),
        _ => false,
    };
    let off = if off_map {
        " The path ran off the map's edge, and its loss with it."
    } else {
        off
    };
    let caption = match relief {
        Relief::Map => format!("{plane}. ○ start, ● now{lowest}{ring}.{off}"),
        // The 3-D view has no colour bar: its height axis is labelled in loss.
        Relief::Mountain => {
            format!("{plane}, as height (log scale). ○ start, ● now{lowest}{ring}.{off}")
        }
    };
    let mut legend: Vec<(String, RGBColor)> = paths
        .iter()
        .zip(
            session
                .slots
                .iter()
                .map(|s| s.label.clone())
                .chain(session.ghost.iter().map(|g| g.label(&session.config))),
        )
        .map(|(p, label)| (label, p.color))
        .collect();
    if legend.len() < 2 {
        legend.clear();
    }
    LandscapeView {
        backdrop,
        paths: Rc::new(paths),
        minimum,
        cursor,
        progress: landscape.progress(),
        note,
        caption,
        caveat,
        legend,
        summary,
        relief,
        mountain,
        walk,
    }
}
