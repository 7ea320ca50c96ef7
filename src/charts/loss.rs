//! The loss per step, on a logarithmic axis: a straight line there means steady (linear)
//! convergence, a line going up means divergence.

use plotters::prelude::*;

use super::{Area, DrawResult, palette};
use crate::engine::stability::fmt_lr;

/// The data of the loss chart.
#[derive(Clone, Copy, Debug)]
pub struct LossScene<'a> {
    /// Loss at each step, step 0 first.
    pub losses: &'a [f32],
    /// The number of steps the run was asked for: the x axis always spans it.
    pub steps: usize,
    /// The smallest loss possible, drawn as a dashed line.
    pub floor: Option<f64>,
    /// The step at which the run diverged, if it did.
    pub diverged_at: Option<usize>,
}

/// The y range of a log axis holding every finite positive value and the floor, padded a little.
pub fn y_range(scene: &LossScene) -> (f64, f64) {
    let finite = scene
        .losses
        .iter()
        .map(|&l| f64::from(l))
        .chain(scene.floor)
        .filter(|l| l.is_finite() && *l > 0.0);
    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), l| {
        (lo.min(l), hi.max(l))
    });
    if !lo.is_finite() {
        return (1e-3, 1.0);
    }
    let hi = if hi > lo * 1.01 { hi } else { lo * 10.0 };
    (lo / 1.5, hi * 1.5)
}

/// Draws the loss curve, the floor and the divergence marker.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, scene: LossScene) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let (lo, hi) = y_range(&scene);
    let mut chart = ChartBuilder::on(area)
        .margin(8)
        .x_label_area_size(36)
        .y_label_area_size(56)
        .build_cartesian_2d(0f64..scene.steps.max(1) as f64, (lo..hi).log_scale())?;
    chart
        .configure_mesh()
        .x_desc("step")
        .y_desc("loss (log scale)")
        .y_label_formatter(&|v| fmt_lr(*v))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .label_style(("sans-serif", 13).into_font().color(&palette::INK))
        .axis_desc_style(("sans-serif", 14).into_font().color(&palette::INK))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;

    if let Some(floor) = scene.floor.filter(|f| *f > 0.0) {
        let end = scene.steps.max(1) as f64;
        chart.draw_series(DashedLineSeries::new(
            [(0.0, floor), (end, floor)],
            6,
            4,
            palette::GREEN.stroke_width(2),
        ))?;
    }
    let curve = scene
        .losses
        .iter()
        .enumerate()
        .map(|(k, &l)| (k as f64, f64::from(l)))
        .filter(|(_, l)| l.is_finite() && *l > 0.0)
        .map(|(k, l)| (k, l.min(hi)));
    chart.draw_series(LineSeries::new(curve, palette::BLUE.stroke_width(2)))?;
    if let Some(step) = scene.diverged_at {
        let x = step as f64;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, lo), (x, hi)],
            palette::VERMILLION.stroke_width(2),
        )))?;
    }
    area.present()
}

/// The chart in words, for screen readers and the caption.
pub fn summary(scene: LossScene) -> String {
    let (Some(first), Some(last)) = (scene.losses.first(), scene.losses.last()) else {
        return String::from("No steps yet.");
    };
    let floor = scene
        .floor
        .map(|f| format!(" (lowest possible: {f:.4})"))
        .unwrap_or_default();
    match scene.diverged_at {
        Some(step) => format!(
            "The loss rose from {first:.3} to {last:.3e} and the run diverged at step {step}."
        ),
        None => format!(
            "The loss went from {first:.3} to {last:.4} in {} steps{floor}.",
            scene.losses.len() - 1
        ),
    }
}
