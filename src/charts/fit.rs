//! The data and the fit on the two-weight tasks: the training points (x, y), the curve of the
//! weights where the run is now, and the best fit dashed. The landscape's two axes are this
//! curve's slope and offset, and the chart shows what they do to the fit.

use plotters::prelude::*;

use super::{Area, Colors, DrawResult, Frame, MARGIN, clip_segment, palette};

/// The data of the fit chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// The training data, (x, y).
    pub points: Vec<(f64, f64)>,
    /// The curve of the weights now, sampled across the data's x range.
    pub now: Vec<(f64, f64)>,
    /// The best fit's curve, where the landscape knows its minimum.
    pub best: Option<Vec<(f64, f64)>>,
    /// The run's colour.
    pub color: RGBColor,
    /// The weights (w, b) of the curve now.
    pub weights: (f64, f64),
    /// Its mean squared error over the points: the loss at those weights.
    pub error: f64,
    /// What the chart shows, with the weights' numbers.
    pub caption: String,
    /// The read-out's loss the caption names beside the error, where they differ, and whether
    /// it is smoothed.
    pub shown: Option<(f64, bool)>,
}

/// Draws the points, the best fit dashed and the curve now, each clipped to the data's window
/// (a diverging run's line leaves it at once).
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, fit: &Fit, colors: &Colors) -> DrawResult<DB> {
    area.fill(&colors.paper)?;
    let span = |f: fn(&(f64, f64)) -> f64| {
        let (lo, hi) = fit
            .points
            .iter()
            .map(f)
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            });
        let pad = 0.1 * (hi - lo).abs().max(1e-6);
        super::finite_range(lo - pad, hi + pad)
    };
    let (xs, ys) = (span(|p| p.0), span(|p| p.1));
    let mut chart = ChartBuilder::on(area)
        .margin(MARGIN)
        .x_label_area_size(36)
        .y_label_area_size(46)
        .build_cartesian_2d(xs.0..xs.1, ys.0..ys.1)?;
    chart
        .configure_mesh()
        .frame_sized(colors, 12, 12)
        .disable_mesh()
        .x_desc("x")
        .y_desc("y")
        .x_labels(5)
        .y_labels(5)
        .draw()?;
    chart.draw_series(
        fit.points
            .iter()
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .map(|&p| Circle::new(p, 3, colors.ink.mix(0.55).filled())),
    )?;
    let clipped = |curve: &[(f64, f64)]| -> Vec<((f64, f64), (f64, f64))> {
        curve
            .windows(2)
            .filter_map(|w| clip_segment(w[0], w[1], xs, ys))
            .collect()
    };
    if let Some(best) = &fit.best {
        // Dashed along whole runs of the curve: dashed segment by segment, the pattern began
        // anew every few pixels and the line looked solid.
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        for (p, q) in clipped(best) {
            match runs.last_mut() {
                Some(run) if run.last() == Some(&p) => run.push(q),
                _ => runs.push(vec![p, q]),
            }
        }
        for run in runs {
            chart.draw_series(DashedLineSeries::new(
                run,
                6,
                4,
                palette::GREEN.stroke_width(2),
            ))?;
        }
    }
    chart.draw_series(
        clipped(&fit.now)
            .into_iter()
            .map(|(p, q)| PathElement::new(vec![p, q], fit.color.stroke_width(3))),
    )?;
    area.present()
}
