//! The loss per step: raw minibatch losses, a smoothed line, validation loss per epoch, and
//! divergence marked. On a logarithmic axis a straight line is steady (linear) convergence.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Area, Colors, DrawResult, LABEL_PX, MARGIN, font, palette, time_mesh};
use crate::engine::stability::fmt_loss;

mod cursor;

// On the web every tick label is measured through the DOM (plotters' web font backend), which
// forces a layout each time; few labels and legends in HTML keep a redraw within a frame.

/// One run's curves.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend text (the page draws legends in HTML).
    pub label: String,
    /// Colour.
    pub color: RGBColor,
    /// Loss of each record: one iteration each, or `stride` of them, averaged, in a thinned
    /// long run.
    pub raw: Vec<f32>,
    /// Iterations per record (1 unless the run's history was thinned).
    pub stride: usize,
    /// The lowest and highest minibatch loss within each record, when `stride` > 1: the pale
    /// line runs through them, so spikes stay visible.
    pub spread: Vec<(f32, f32)>,
    /// Validation loss after each epoch, at the iteration count when the epoch ended.
    pub val: Vec<(usize, f64)>,
    /// Iteration at which the run diverged.
    pub diverged_at: Option<usize>,
    /// Drawn pale (a pinned earlier run).
    pub ghost: bool,
    /// The solid line of noisy minibatch losses: each record's smoothed loss (the debiased
    /// moving average of [`crate::engine::smooth`], which the verdict reads too), made once
    /// by whoever owns the run; `None` for full-batch losses, drawn as they are.
    pub smooth: Option<Vec<f64>>,
    /// Its minibatches per epoch, for an axis in epochs.
    pub per_epoch: usize,
    /// The loss it started from, as its verdict reads it, where the owner knows it: the
    /// caption quotes the same start.
    pub start: Option<f64>,
}

impl Series {
    /// The solid line's values: the smoothed losses, or the raw ones.
    fn line(&self) -> Vec<f64> {
        match &self.smooth {
            Some(line) => line.clone(),
            None => self.raw.iter().map(|&l| f64::from(l)).collect(),
        }
    }

    /// The x of the end of iteration `k` (0-based): its number counted from 1, as the
    /// read-outs and the verdicts count (a student saw "exploded at iteration 20" beside a
    /// line at 19), or the epochs done.
    pub fn x(&self, k: usize, epochs: bool) -> f64 {
        if epochs {
            (k + 1) as f64 / self.per_epoch.max(1) as f64
        } else {
            (k + 1) as f64
        }
    }

    /// The x of record `k`: the middle of the iterations it covers.
    fn x_record(&self, k: usize, epochs: bool) -> f64 {
        let stride = self.stride.max(1);
        let middle = k * stride + (stride - 1) / 2;
        self.x(middle, epochs)
    }
}

/// The data of the loss chart.
#[derive(Clone, Debug, PartialEq)]
pub struct LossChart {
    /// The runs.
    pub series: Vec<Series>,
    /// Iterations the x axis spans (of the first series, the main run).
    pub steps: usize,
    /// An x axis in epochs (runs with different batch sizes side by side), not iterations.
    pub epochs: bool,
    /// The lowest loss possible, drawn dashed (known for the line task).
    pub floor: Option<f64>,
    /// The main run's first loss where it is known before the run is shown (runs computed at
    /// once): the empty axis spans it, so the chart waits at the scale the run will need (it
    /// showed 0.01 to 0.1 before a run that starts at 6).
    pub start: Option<f64>,
    /// The shared time cursor.
    pub cursor: Option<usize>,
}

/// What the plot says before the run's first step.
pub const EMPTY_NOTE: &str = "The loss is drawn here as the run trains.";

/// Left and right padding of the plot inside the canvas, in pixels: the schedule chart's.
pub const PAD: (f64, f64) = super::schedule::PAD;

/// The y range holding every finite value (positive ones on a log axis) and the floor.
pub fn y_range(scene: &LossChart, log_y: bool) -> (f64, f64) {
    // A noisy series is ranged by its smoothed line: single minibatch losses of a small batch
    // reach down many decades and would squash the trend into the top of the chart. Its pale
    // raw line is clipped to the range instead.
    let values = scene
        .series
        .iter()
        .flat_map(|s| s.line().into_iter().chain(s.val.iter().map(|v| v.1)))
        .chain(scene.floor)
        .chain(scene.start)
        .filter(|l| l.is_finite() && (!log_y || *l > 0.0));
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), l| {
        (lo.min(l), hi.max(l))
    });
    if !lo.is_finite() {
        return if log_y { (1e-3, 1.0) } else { (0.0, 1.0) };
    }
    if log_y {
        let hi = if hi > lo * 1.01 { hi } else { lo * 10.0 };
        (lo / 1.5, hi * 1.5)
    } else {
        let pad = ((hi - lo) * 0.05).max(1e-9);
        ((lo - pad).max(0.0), hi + pad)
    }
}

/// The x axis's extent: iterations, or epochs.
fn x_end(scene: &LossChart) -> f64 {
    let main_per_epoch = scene
        .series
        .iter()
        .find(|s| !s.ghost)
        .map_or(1, |s| s.per_epoch);
    if scene.epochs {
        scene.steps as f64 / main_per_epoch.max(1) as f64
    } else {
        scene.steps.max(1) as f64
    }
    .max(f64::MIN_POSITIVE)
}

/// Draws the curves.
pub fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    scene: &LossChart,
    log_y: bool,
    colors: &Colors,
) -> DrawResult<DB> {
    area.fill(&colors.paper)?;
    let (lo, hi) = y_range(scene, log_y);
    let (lo, hi) = if log_y {
        super::finite_log_range(lo, hi)
    } else {
        super::finite_range(lo, hi)
    };
    let x_end = super::finite_range(0.0, x_end(scene)).1;
    // A full-batch step sees all the data: the axis says it is an epoch too (a student met
    // "100 epochs" in the rate map beside a chart of 100 iterations, nothing said).
    let full_batch = scene.series.iter().all(|s| s.ghost || s.smooth.is_none());
    let x_desc = match (scene.epochs, full_batch) {
        (true, _) => "epoch",
        (false, true) => "iteration (full batch: one per epoch)",
        (false, false) => "iteration",
    };
    let builder = |area| {
        let mut b = ChartBuilder::on(area);
        // The schedule chart's margins and label areas, so the two plots line up across
        // the page when they sit one above the other.
        b.margin(MARGIN)
            .margin_right(MARGIN + 48)
            .x_label_area_size(36)
            .y_label_area_size(60);
        b
    };
    if log_y {
        let plot_px = super::plot_height(area.dim_in_pixel().1, 36);
        let y = (lo..hi)
            .log_scale()
            .with_key_points(super::log_value_ticks(lo, hi, plot_px));
        let mut chart = builder(area).build_cartesian_2d(0f64..x_end, y)?;
        time_mesh(&mut chart, x_desc, "loss (log scale)", colors)?;
        curves(&mut chart, scene, log_y, lo, hi, colors)
    } else {
        let mut chart = builder(area).build_cartesian_2d(0f64..x_end, lo..hi)?;
        time_mesh(&mut chart, x_desc, "loss", colors)?;
        curves(&mut chart, scene, log_y, lo, hi, colors)
    }?;
    area.present()
}

fn curves<'c, DB: DrawingBackend + 'c, Y: Ranged<ValueType = f64>>(
    chart: &mut ChartContext<'c, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, Y>>,
    scene: &LossChart,
    log_y: bool,
    lo: f64,
    hi: f64,
    colors: &Colors,
) -> DrawResult<DB> {
    let ok = |l: f64| l.is_finite() && (!log_y || l > 0.0);
    let epochs = scene.epochs;
    if let Some(floor) = scene.floor.filter(|f| ok(*f)) {
        chart.draw_series(DashedLineSeries::new(
            [(0.0, floor), (x_end(scene), floor)],
            6,
            4,
            palette::GREEN.stroke_width(2),
        ))?;
    }
    // An empty frame with only the floor in it read as a broken chart to a student waiting on
    // a lesson's question: it says what will appear, and not "press play" (the lesson waits for
    // an answer, not for play).
    if scene
        .series
        .iter()
        .find(|s| !s.ghost)
        .is_none_or(|s| s.raw.is_empty())
    {
        let y = if log_y {
            (lo * hi).sqrt()
        } else {
            (lo + hi) / 2.0
        };
        let style = font(LABEL_PX, &colors.ink).pos(Pos::new(HPos::Center, VPos::Center));
        // Two lines where one would run over the axes: presenter mode's loss chart on a phone
        // is a narrow one (a teacher saw the note written across the y-axis).
        let width = chart.plotting_area().dim_in_pixel().0 as f64;
        let step = (0.6 * f64::from(LABEL_PX)) as i32;
        let lines = match EMPTY_NOTE.split_once(" as ") {
            Some((a, b)) if width < 0.5 * f64::from(LABEL_PX) * EMPTY_NOTE.len() as f64 => {
                vec![(a.to_string(), -step), (format!("as {b}"), step)]
            }
            _ => vec![(EMPTY_NOTE.to_string(), 0)],
        };
        chart.draw_series(lines.into_iter().map(|(line, dy)| {
            EmptyElement::at((x_end(scene) / 2.0, y)) + Text::new(line, (0, dy), style.clone())
        }))?;
    }
    for s in &scene.series {
        let alpha = if s.ghost { 0.35 } else { 1.0 };
        let points: Vec<(f64, f64)> = if s.spread.len() == s.raw.len() && s.stride > 1 {
            s.spread
                .iter()
                .enumerate()
                .flat_map(|(k, &(a, b))| {
                    let x = s.x_record(k, epochs);
                    [(x, f64::from(a)), (x, f64::from(b))]
                })
                .collect()
        } else {
            s.raw
                .iter()
                .enumerate()
                .map(|(k, &l)| (s.x_record(k, epochs), f64::from(l)))
                .collect()
        };
        let raw = points
            .into_iter()
            .filter(|(_, l)| ok(*l))
            .map(|(x, l)| (x, l.clamp(lo, hi)));
        let main: Vec<(f64, f64)> = match &s.smooth {
            Some(line) => {
                // Thousands of minibatch losses would paint a solid band: paler the more there are.
                let pale = if s.raw.len() > 1000 { 0.12 } else { 0.25 };
                chart.draw_series(LineSeries::new(
                    raw,
                    s.color.mix(pale * alpha).stroke_width(1),
                ))?;
                line.iter()
                    .copied()
                    .enumerate()
                    .filter(|(_, l)| ok(*l))
                    .map(|(k, l)| (s.x_record(k, epochs), l.min(hi)))
                    .collect()
            }
            None => raw.collect(),
        };
        chart.draw_series(LineSeries::new(main, s.color.mix(alpha).stroke_width(2)))?;
        chart.draw_series(val_marks(&s.val).filter(|(_, l)| ok(*l)).map(|&(k, l)| {
            let x = s.x(k.saturating_sub(1), epochs);
            TriangleMarker::new((x, l.min(hi)), 5, s.color.mix(alpha).filled())
        }))?;
        if let Some(step) = s.diverged_at {
            let x = s.x(step, epochs);
            // Dashed, so that it is not read as a run's line: Compare draws lr0×10 in the same
            // vermilion (a student could not tell the two apart).
            chart.draw_series(DashedLineSeries::new(
                [(x, lo), (x, hi)],
                5,
                4,
                palette::VERMILLION.mix(alpha).stroke_width(2),
            ))?;
        }
    }
    cursor::draw(chart, scene, (lo, hi, log_y), colors)
}

/// What the chart's marks mean, for the caption: only the marks it draws that its legend does
/// not name.
pub fn key(scene: &LossChart) -> String {
    let live: Vec<&Series> = scene.series.iter().filter(|s| !s.ghost).collect();
    let mut parts = Vec::new();
    if live.iter().any(|s| s.smooth.is_some()) {
        parts.push("pale: minibatches; solid: smoothed");
    } else {
        parts.push("full-batch loss per step");
    }
    if live.iter().any(|s| !s.val.is_empty()) {
        parts.push("▲ validation, each epoch");
    }
    // The lowest loss possible is named by the legend beside its dashed swatch.
    if live.iter().any(|s| s.diverged_at.is_some()) {
        // Vermillion, which reads as orange: a student looked for a red line.
        parts.push("dashed orange-red line: where it diverged");
    }
    if scene.series.iter().any(|s| s.ghost) {
        parts.push("grey: the pinned run");
    }
    super::capitalised(&parts.join("; ")) + "."
}

/// The chart in words, for screen readers and the caption.
pub fn summary(scene: &LossChart) -> String {
    let Some(main) = scene.series.iter().find(|s| !s.ghost) else {
        return String::from("No run yet.");
    };
    let line = main.line();
    // A smoothed (minibatch) line starts where its verdict says it did, at the whole training
    // set's loss before the first step (else the mean of the first epoch's): one minibatch is
    // a noisy start, and a student met the verdict's 0.0140 beside the caption's 0.0296.
    let start = main.smooth.as_ref().map(|_| {
        if let Some(s) = main.start {
            return Some((s, "whole training set at the start"));
        }
        let n = (main.per_epoch / main.stride.max(1)).clamp(1, main.raw.len().max(1));
        let (sum, count) = main.raw[..n.min(main.raw.len())]
            .iter()
            .map(|&l| f64::from(l))
            .filter(|l| l.is_finite())
            .fold((0.0, 0usize), |(s, c), l| (s + l, c + 1));
        (count > 0).then(|| (sum / count as f64, "first epoch's mean"))
    });
    let (Some(first), Some(last)) = (main.raw.first(), line.iter().rev().find(|l| l.is_finite()))
    else {
        // Not "press play": a lesson that asks first waits for the answer, not for play.
        return String::from("No steps yet.");
    };
    let last = if main.diverged_at.is_some() {
        main.raw.last().map_or(*last, |&l| f64::from(l))
    } else {
        *last
    };
    let smoothed_word = if main.smooth.is_some() {
        " (smoothed)"
    } else {
        ""
    };
    let floor = scene
        .floor
        .map(|f| format!(" (lowest possible: {f:.4})"))
        .unwrap_or_default();
    let val = main
        .val
        .last()
        // Said what it is: the epoch's last weights on held-out points, where the line averages
        // minibatches while the weights moved (a clipped run read 0.0009 beside 0.1369).
        .map(|(_, v)| {
            // Far below the line, it says why, or the gap reads as an error (a student saw
            // 8.59e-4 beside 0.137 on the clipping lesson).
            let why = if main.smooth.is_some() && *v < 0.5 * last {
                ": lower than the line, which averages the minibatches' losses while the weights were still moving, spikes included"
            } else if *v > 1.5 * last {
                // A student watched the triangles stay near 0.18 while the line fell to 0.084,
                // with nothing said: the gap between the two is what generalisation means.
                ": higher than the line, as the model fits the points it trains on better than points it has never seen"
            } else {
                ""
            };
            format!(
                "; validation loss {}, the epoch's final weights on held-out points{why}",
                fmt_loss(*v)
            )
        })
        .unwrap_or_default();
    // One start for both, said where it was read: a YOLO user met "rose from 7.13" (the first
    // minibatch) on a run that diverged beside "fell from 6.03" (the whole training set) on
    // the next.
    let (from, at) = match start {
        Some(Some(m)) => m,
        _ => (f64::from(*first), "first step"),
    };
    match main.diverged_at {
        Some(step) => format!(
            "The loss rose from {} ({at}) to {} and the run diverged at iteration {}.",
            fmt_loss(from),
            fmt_loss(last),
            step + 1
        ),
        // Said as it moved, and over as many iterations as the read-outs count.
        None => {
            format!(
                "The loss {} from {} ({at}) to {}{smoothed_word} over {} iterations{floor}{val}.",
                if last > from { "rose" } else { "fell" },
                fmt_loss(from),
                fmt_loss(last),
                main.raw.len() * main.stride.max(1)
            )
        }
    }
}

/// At most this many validation triangles per run: one per epoch of a 100-epoch run laid a
/// solid band over the smoothed line.
pub const VAL_MARKS: usize = 25;

/// The validation points a run's triangles mark: every one up to [`VAL_MARKS`], else every
/// k-th, ending on the last epoch's.
pub fn val_marks(val: &[(usize, f64)]) -> impl Iterator<Item = &(usize, f64)> {
    let every = val.len().div_ceil(VAL_MARKS).max(1);
    let last = val.len().saturating_sub(1);
    val.iter()
        .enumerate()
        .filter(move |(k, _)| (last - k) % every == 0)
        .map(|(_, v)| v)
}
