//! The LR sweep: final loss against lr0 on log axes (the U), validation accuracy on a second
//! axis, diverged runs as crosses along the top, the stable limit and the lr0 set now.

use plotters::prelude::*;

use super::{
    Area, Colors, DrawResult, Frame, MARGIN, log_ticks, nice_log_axis, pad_log_range, palette,
};
use crate::engine::stability::fmt_lr;
use crate::engine::sweep::SweepPoint;

/// What the sweep chart draws.
#[derive(Clone, Debug)]
pub struct SweepScene<'a> {
    /// The finished runs, lowest rate first.
    pub points: &'a [SweepPoint],
    /// The lr0 set now.
    pub lr0: f64,
    /// The stable limit, if known.
    pub limit: Option<f64>,
    /// Whether to draw accuracy on a right-hand axis.
    pub accuracy: bool,
    /// The x axis: the sweep's lowest and highest rates.
    pub range: (f64, f64),
}

/// Colour of the final loss.
pub const LOSS: RGBColor = palette::BLUE;
/// Colour of the validation accuracy.
pub const ACCURACY: RGBColor = palette::GREEN;
/// Colour of the diverged runs.
pub const DIVERGED: RGBColor = palette::VERMILLION;
/// Colour of the stable limit.
pub const LIMIT: RGBColor = palette::VERMILLION;

const LEFT: u32 = 60;
const RIGHT: u32 = 52;
/// The x axis's label band, in pixels.
const BOTTOM: u32 = 36;
/// Room beyond the swept rates at each side, as a fraction of the axis: the crosses and dots
/// at the first and last rate are drawn whole, not cut by the plot's edge.
const X_PAD: f64 = 0.03;
/// Room above the top labelled loss, as a fraction of the axis: the band where the crosses of
/// the diverged runs sit, whole.
const HEADROOM: f64 = 0.1;

/// The x axis a sweep over `range` is drawn on: the range with room at both ends.
pub fn x_axis(range: (f64, f64)) -> (f64, f64) {
    pad_log_range(range.0, range.1, X_PAD)
}

/// The plot's rectangle inside a chart of `width` × `height` pixels: (left, right, top,
/// bottom) in pixels, the part of the canvas the axes span.
pub fn plot_box(width: f64, height: f64, accuracy: bool) -> (f64, f64, f64, f64) {
    let left = f64::from(MARGIN + LEFT);
    let right = width - f64::from(MARGIN) - if accuracy { f64::from(RIGHT) } else { 0.0 };
    let top = f64::from(MARGIN);
    let bottom = height - f64::from(MARGIN + BOTTOM);
    (left, right, top, bottom)
}

/// The rate under pixel column `x` of a chart `width` pixels wide over the rates `range` (the
/// inverse of the x axis [`draw`] sets up), for a click on the chart; `None` outside the plot.
pub fn rate_at(x: f64, width: f64, accuracy: bool, range: (f64, f64)) -> Option<f64> {
    let (lo, hi) = x_axis(range);
    let (left, right, _, _) = plot_box(width, 0.0, accuracy);
    if right <= left || !(left..=right).contains(&x) {
        return None;
    }
    let t = (x - left) / (right - left);
    Some((lo.ln() + t * (hi.ln() - lo.ln())).exp())
}

/// The finished run nearest `lr` on the log scale.
pub fn nearest(points: &[SweepPoint], lr: f64) -> Option<SweepPoint> {
    points
        .iter()
        .min_by(|a, b| {
            (a.lr0.ln() - lr.ln())
                .abs()
                .total_cmp(&(b.lr0.ln() - lr.ln()).abs())
        })
        .copied()
}

/// Draws the sweep.
pub fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    s: &SweepScene,
    colors: &Colors,
) -> DrawResult<DB> {
    area.fill(&colors.paper)?;
    let (first, last) = super::finite_log_range(s.range.0, s.range.1);
    let (lo, hi) = x_axis((first, last));
    let losses: Vec<f64> = s
        .points
        .iter()
        .filter_map(|p| p.loss)
        .filter(|l| *l > 0.0)
        .collect();
    let lowest = losses.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = losses.iter().copied().fold(0.0, f64::max);
    let ((bottom, top), y_ticks) = if losses.is_empty() {
        nice_log_axis(0.01, 1.0)
    } else {
        nice_log_axis(lowest / 1.2, (highest * 1.2).max(lowest * 10.0))
    };
    // The crosses' band above the top label, and their row in its middle.
    let ceiling = top * (top / bottom).powf(HEADROOM);
    let crosses = (top * ceiling).sqrt();
    let mut chart = ChartBuilder::on(area)
        .margin(MARGIN)
        .x_label_area_size(BOTTOM)
        .y_label_area_size(LEFT)
        .right_y_label_area_size(if s.accuracy { RIGHT } else { 0 })
        .build_cartesian_2d(
            (lo..hi).log_scale().with_key_points(log_ticks(first, last)),
            (bottom..ceiling).log_scale().with_key_points(y_ticks),
        )?
        .set_secondary_coord(
            (lo..hi).log_scale(),
            // 100 % level with the top loss label, 0 % a little above the bottom edge: a
            // triangle at either is drawn whole.
            -0.04..(1.0 + HEADROOM),
        );
    chart
        .configure_mesh()
        .frame(colors)
        .x_desc("lr0 (log scale)")
        .y_desc("final training loss (log)")
        .x_label_formatter(&super::rate_label(lo, hi, area.dim_in_pixel().0))
        .y_label_formatter(&|v| fmt_lr(*v))
        .draw()?;
    if s.accuracy {
        chart
            .configure_secondary_axes()
            .frame(colors)
            // No title: the legend names it, and a title would cover the ticks on a phone.
            .y_label_formatter(&|v| format!("{:.0} %", v * 100.0))
            .draw()?;
    }
    let vertical = |lr: f64| vec![(lr, bottom), (lr, ceiling)];
    if let Some(limit) = s.limit.filter(|l| (lo..=hi).contains(l)) {
        chart.draw_series(DashedLineSeries::new(
            vertical(limit),
            6,
            4,
            LIMIT.stroke_width(2),
        ))?;
    }
    if (lo..=hi).contains(&s.lr0) {
        chart.draw_series(DashedLineSeries::new(
            vertical(s.lr0),
            5,
            4,
            colors.ink.stroke_width(1),
        ))?;
    }
    let trained: Vec<(f64, f64)> = s
        .points
        .iter()
        .filter(|p| !p.diverged)
        .filter_map(|p| p.loss.map(|l| (p.lr0, l.clamp(bottom, top))))
        .collect();
    chart.draw_series(LineSeries::new(
        trained.iter().copied(),
        LOSS.stroke_width(2),
    ))?;
    chart.draw_series(trained.iter().map(|&p| Circle::new(p, 4, LOSS.filled())))?;
    // Diverged runs have no final loss: a cross in the band above the top label, each narrower
    // than the gap between two swept rates, so a row of them stays a row of crosses (on a
    // phone six ran together into one line).
    let x = |lr: f64| f64::from(chart.backend_coord(&(lr, crosses)).0);
    let gap = s
        .points
        .windows(2)
        .map(|w| (x(w[1].lr0) - x(w[0].lr0)).abs())
        .fold(f64::INFINITY, f64::min);
    let (size, width) = cross_size(gap);
    chart.draw_series(
        s.points
            .iter()
            .filter(|p| p.diverged)
            .map(|p| Cross::new((p.lr0, crosses), size, DIVERGED.stroke_width(width))),
    )?;
    if s.accuracy {
        let acc: Vec<(f64, f64)> = s
            .points
            .iter()
            .filter(|p| !p.diverged)
            .filter_map(|p| p.accuracy.map(|a| (p.lr0, a)))
            .collect();
        chart.draw_secondary_series(DashedLineSeries::new(
            acc.iter().copied(),
            4,
            3,
            ACCURACY.stroke_width(2),
        ))?;
        chart.draw_secondary_series(
            acc.iter()
                .map(|&p| TriangleMarker::new(p, 5, ACCURACY.filled())),
        )?;
    }
    Ok(())
}

/// A diverged run's cross for swept rates `gap` pixels apart: its half-width and stroke. Six
/// pixels either side and a stroke of 3 where there is room; on a narrow chart at most a third
/// of the gap either side, so neighbours keep a third of it clear.
pub fn cross_size(gap: f64) -> (u32, u32) {
    let half = (gap / 3.0).floor().clamp(2.0, 6.0) as u32;
    (half, if half < 5 { 2 } else { 3 })
}
