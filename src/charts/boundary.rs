//! The decision boundary of a two-class model on 2-D data: the predicted probability of class 1
//! over the plane, with the data on top.

use plotters::prelude::*;

use super::{Area, Colors, DrawResult, Frame, MARGIN, palette};

/// The data of the boundary chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Boundary {
    /// Grid points per side.
    pub side: usize,
    /// The square window [lo, hi]² the grid covers.
    pub extent: (f64, f64),
    /// P(class 1) at each grid point, row-major from the bottom row.
    pub prob: Vec<f32>,
    /// The data: x, y pairs.
    pub points: Vec<f32>,
    /// The class of each point.
    pub labels: Vec<u32>,
}

/// The colour of probability `p`: sky blue (class 0) through white to orange (class 1).
pub fn blend(p: f32) -> RGBColor {
    let p = if p.is_finite() {
        p.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let (a, b) = if p < 0.5 {
        (palette::SKY, WHITE)
    } else {
        (WHITE, palette::ORANGE)
    };
    let t = if p < 0.5 { p * 2.0 } else { p * 2.0 - 1.0 };
    let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Draws the probability field and the points.
pub fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    scene: &Boundary,
    colors: &Colors,
) -> DrawResult<DB> {
    area.fill(&colors.paper)?;
    let (lo, hi) = super::finite_range(scene.extent.0, scene.extent.1);
    let mut chart = ChartBuilder::on(area)
        .margin(MARGIN)
        .x_label_area_size(40)
        .y_label_area_size(46)
        .build_cartesian_2d(lo..hi, lo..hi)?;
    chart
        .configure_mesh()
        // Smaller text than the other charts: the canvas is only 300 pixels square.
        .frame_sized(colors, 12, 12)
        .disable_mesh()
        .x_desc("x₁")
        .y_desc("x₂")
        .x_labels(5)
        .y_labels(5)
        .x_label_formatter(&|v| super::fmt_tick(*v))
        .y_label_formatter(&|v| super::fmt_tick(*v))
        .draw()?;
    let side = scene.side.max(2);
    let cell = (hi - lo) / side as f64;
    chart.draw_series((0..side * side).filter(|k| *k < scene.prob.len()).map(|k| {
        let (i, j) = (k % side, k / side);
        let (x0, y0) = (lo + i as f64 * cell, lo + j as f64 * cell);
        Rectangle::new(
            [(x0, y0), (x0 + cell, y0 + cell)],
            blend(scene.prob[k]).filled(),
        )
    }))?;
    let pts = scene.points.chunks_exact(2).zip(scene.labels.iter());
    chart.draw_series(pts.clone().map(|(p, &l)| {
        let c = if l == 0 {
            palette::BLUE
        } else {
            palette::VERMILLION
        };
        Circle::new((f64::from(p[0]), f64::from(p[1])), 3, c.filled())
    }))?;
    chart.draw_series(
        pts.map(|(p, _)| Circle::new((f64::from(p[0]), f64::from(p[1])), 3, WHITE.stroke_width(1))),
    )?;
    area.present()
}
