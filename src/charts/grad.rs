//! The gradient norm of every minibatch, per run, on a log axis, with the clipping threshold:
//! where gradients explode, and what clipping at 10 leaves of them.

use plotters::prelude::*;

use super::{Area, Colors, DrawResult, Frame, MARGIN, log_ticks};
use crate::engine::stability::fmt_lr;

/// One run's gradient norms.
#[derive(Clone, Debug, PartialEq)]
pub struct GradSeries {
    /// Legend text.
    pub label: String,
    /// Its colour.
    pub color: RGBColor,
    /// ‖g‖ of each record (the largest of a thinned record's iterations), before clipping.
    pub norms: Vec<f32>,
    /// Iterations per record.
    pub stride: usize,
    /// The norm steps were clipped to, if they were.
    pub clip: Option<f64>,
}

/// What the gradient-norm chart draws.
#[derive(Clone, Debug, PartialEq)]
pub struct GradChart {
    /// The runs.
    pub series: Vec<GradSeries>,
    /// Iterations on the x axis.
    pub steps: usize,
}

/// Left and right padding of the plot inside the canvas, in pixels: the loss chart's, so the
/// iterations line up across the charts.
pub const PAD: (f64, f64) = super::loss::PAD;

/// Draws the chart.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, c: &GradChart, colors: &Colors) -> DrawResult<DB> {
    area.fill(&colors.paper)?;
    let finite = || {
        c.series
            .iter()
            .flat_map(|s| s.norms.iter())
            .map(|&n| f64::from(n))
            .filter(|n| n.is_finite() && *n > 0.0)
    };
    let clip = c.series.iter().find_map(|s| s.clip);
    let lo = finite()
        .fold(f64::INFINITY, f64::min)
        .min(clip.unwrap_or(f64::INFINITY));
    let hi = finite().fold(0.0, f64::max).max(clip.unwrap_or(0.0));
    if !(lo.is_finite() && hi > 0.0) {
        return Ok(());
    }
    let (lo, hi) = super::finite_log_range(lo / 1.5, (hi * 1.5).max(lo * 10.0));
    let x_end = super::finite_range(0.0, c.steps.max(1) as f64).1;
    let mut chart = ChartBuilder::on(area)
        .margin(MARGIN)
        .margin_right(MARGIN + 48)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(
            0.0..x_end,
            (lo..hi).log_scale().with_key_points(log_ticks(lo, hi)),
        )?;
    chart
        .configure_mesh()
        .frame(colors)
        .x_desc("iteration")
        .y_desc("‖g‖ (log)")
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| fmt_lr(*v))
        .draw()?;
    for s in &c.series {
        chart.draw_series(LineSeries::new(
            s.norms
                .iter()
                .enumerate()
                .filter(|(_, n)| n.is_finite())
                // At the end of its iteration, counted from 1, as the loss chart draws it.
                .map(|(k, &n)| ((k * s.stride + 1) as f64, f64::from(n).clamp(lo, hi))),
            s.color.stroke_width(1),
        ))?;
    }
    if let Some(clip) = clip {
        chart.draw_series(DashedLineSeries::new(
            [(0.0, clip), (c.steps as f64, clip)],
            6,
            4,
            colors.ink.stroke_width(2),
        ))?;
    }
    Ok(())
}

/// What the chart shows, in words: each run's median and largest norm, and what clipping did.
pub fn summary(c: &GradChart) -> String {
    let parts: Vec<String> = c
        .series
        .iter()
        .filter_map(|s| {
            let mut v: Vec<f64> = s
                .norms
                .iter()
                .map(|&n| f64::from(n))
                .filter(|n| n.is_finite())
                .collect();
            v.sort_unstable_by(f64::total_cmp);
            let (median, top) = (*v.get(v.len() / 2)?, *v.last()?);
            let clipped = s.clip.map_or(String::new(), |t| {
                let over = v.iter().filter(|&&n| n > t).count();
                format!(
                    ", {} % of them above {} and clipped to it",
                    (100 * over).div_ceil(v.len().max(1)),
                    fmt_lr(t)
                )
            });
            Some(format!(
                "{}: median {}, largest {}{clipped}",
                s.label,
                fmt_lr(median),
                fmt_lr(top)
            ))
        })
        .collect();
    let text = parts.join("; ");
    if text.is_empty() {
        return String::new();
    }
    super::capitalised(&text) + "."
}
