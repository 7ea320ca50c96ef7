//! The loss per step: raw minibatch losses, a smoothed line, validation loss per epoch, and
//! divergence marked. On a logarithmic axis a straight line is steady (linear) convergence.

use plotters::coord::ranged1d::ValueFormatter;
use plotters::prelude::*;

use super::{Area, DrawResult, palette};
use crate::engine::smooth::smoothed;
use crate::engine::stability::fmt_lr;

// On the web every tick label is measured through the DOM (plotters' web font backend), which
// forces a layout each time; few labels and legends in HTML keep a redraw within a frame.

/// One run's curves.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend text (the page draws legends in HTML).
    pub label: String,
    /// Colour.
    pub color: RGBColor,
    /// Loss of each iteration.
    pub raw: Vec<f32>,
    /// Validation loss after each epoch, at the iteration where the epoch ended.
    pub val: Vec<(usize, f64)>,
    /// Iteration at which the run diverged.
    pub diverged_at: Option<usize>,
    /// Drawn pale (a pinned earlier run).
    pub ghost: bool,
    /// Whether the losses are noisy minibatch losses worth a smoothed line; full-batch losses
    /// are drawn as they are.
    pub noisy: bool,
}

/// The data of the loss chart.
#[derive(Clone, Debug, PartialEq)]
pub struct LossChart {
    /// The runs.
    pub series: Vec<Series>,
    /// Iterations the x axis spans.
    pub steps: usize,
    /// The lowest loss possible, drawn dashed (known for the line task).
    pub floor: Option<f64>,
    /// The shared time cursor.
    pub cursor: Option<usize>,
}

/// Left and right padding of the plot inside the canvas, in pixels.
pub const PAD: (f64, f64) = (8.0 + 56.0, 8.0);

/// The y range holding every finite value (positive ones on a log axis) and the floor.
pub fn y_range(scene: &LossChart, log_y: bool) -> (f64, f64) {
    let values = scene
        .series
        .iter()
        .flat_map(|s| {
            s.raw
                .iter()
                .map(|&l| f64::from(l))
                .chain(s.val.iter().map(|v| v.1))
        })
        .chain(scene.floor)
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

/// Draws the curves.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, scene: &LossChart, log_y: bool) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let (lo, hi) = y_range(scene, log_y);
    let x_end = scene.steps.max(1) as f64;
    let builder = |area| {
        let mut b = ChartBuilder::on(area);
        b.margin(8).x_label_area_size(36).y_label_area_size(56);
        b
    };
    if log_y {
        let mut chart = builder(area).build_cartesian_2d(0f64..x_end, (lo..hi).log_scale())?;
        mesh(&mut chart, "loss (log scale)")?;
        curves(&mut chart, scene, log_y, lo, hi)
    } else {
        let mut chart = builder(area).build_cartesian_2d(0f64..x_end, lo..hi)?;
        mesh(&mut chart, "loss")?;
        curves(&mut chart, scene, log_y, lo, hi)
    }?;
    area.present()
}

fn mesh<DB: DrawingBackend, Y: Ranged<ValueType = f64> + ValueFormatter<f64>>(
    chart: &mut ChartContext<DB, Cartesian2d<plotters::coord::types::RangedCoordf64, Y>>,
    y_desc: &str,
) -> DrawResult<DB> {
    chart
        .configure_mesh()
        .x_desc("iteration")
        .y_desc(y_desc)
        .x_labels(6)
        .y_labels(6)
        .y_label_formatter(&|v| fmt_lr(*v))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .label_style(("sans-serif", 13).into_font().color(&palette::INK))
        .axis_desc_style(("sans-serif", 14).into_font().color(&palette::INK))
        .light_line_style(WHITE.mix(0.0))
        .draw()
}

fn curves<'c, DB: DrawingBackend + 'c, Y: Ranged<ValueType = f64>>(
    chart: &mut ChartContext<'c, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, Y>>,
    scene: &LossChart,
    log_y: bool,
    lo: f64,
    hi: f64,
) -> DrawResult<DB> {
    let ok = |l: f64| l.is_finite() && (!log_y || l > 0.0);
    if let Some(floor) = scene.floor.filter(|f| ok(*f)) {
        chart.draw_series(DashedLineSeries::new(
            [(0.0, floor), (scene.steps.max(1) as f64, floor)],
            6,
            4,
            palette::GREEN.stroke_width(2),
        ))?;
    }
    for s in &scene.series {
        let alpha = if s.ghost { 0.35 } else { 1.0 };
        let raw = s
            .raw
            .iter()
            .enumerate()
            .map(|(k, &l)| (k as f64, f64::from(l)))
            .filter(|(_, l)| ok(*l))
            .map(|(k, l)| (k, l.min(hi)));
        let main: Vec<(f64, f64)> = if s.noisy {
            chart.draw_series(LineSeries::new(
                raw,
                s.color.mix(0.25 * alpha).stroke_width(1),
            ))?;
            let beta = if s.raw.len() > 50 { 0.9 } else { 0.6 };
            smoothed(&s.raw, beta)
                .into_iter()
                .enumerate()
                .filter(|(_, l)| ok(*l))
                .map(|(k, l)| (k as f64, l.min(hi)))
                .collect()
        } else {
            raw.collect()
        };
        chart.draw_series(LineSeries::new(main, s.color.mix(alpha).stroke_width(2)))?;
        chart.draw_series(s.val.iter().filter(|(_, l)| ok(*l)).map(|&(k, l)| {
            TriangleMarker::new((k as f64, l.min(hi)), 5, s.color.mix(alpha).filled())
        }))?;
        if let Some(step) = s.diverged_at {
            let x = step as f64;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, lo), (x, hi)],
                palette::VERMILLION.mix(alpha).stroke_width(2),
            )))?;
        }
    }
    if let Some(c) = scene.cursor {
        let x = c as f64;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, lo), (x, hi)],
            BLACK.mix(0.5).stroke_width(1),
        )))?;
    }
    Ok(())
}

/// The chart in words, for screen readers and the caption.
pub fn summary(scene: &LossChart) -> String {
    let Some(main) = scene.series.iter().find(|s| !s.ghost) else {
        return String::from("No run yet.");
    };
    let (Some(first), Some(last)) = (main.raw.first(), main.raw.last()) else {
        return String::from("No steps yet: press play.");
    };
    let floor = scene
        .floor
        .map(|f| format!(" (lowest possible: {f:.4})"))
        .unwrap_or_default();
    let val = main
        .val
        .last()
        .map(|(_, v)| format!("; validation loss {v:.4}"))
        .unwrap_or_default();
    match main.diverged_at {
        Some(step) => format!(
            "The loss rose from {first:.3} to {last:.3e} and the run diverged at iteration {step}."
        ),
        None => format!(
            "The loss went from {first:.3} to {last:.4} in {} iterations{floor}{val}.",
            main.raw.len().saturating_sub(1)
        ),
    }
}
