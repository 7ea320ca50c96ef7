//! The loss landscape: a heatmap with contour lines, and the optimizer's path on top.

use contour::ContourBuilder;
use plotters::prelude::*;
use plotters::style::colors::colormaps::ViridisRGB;

use super::{Area, DrawResult, clip_segment, palette};
use crate::engine::landscape::Grid;

/// One contour line: its level and its pieces, each a polyline in data coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Contour {
    /// The loss on this line.
    pub level: f64,
    /// Polylines.
    pub pieces: Vec<Vec<(f64, f64)>>,
}

/// The static part of the chart, which does not depend on the learning rate: compute it once
/// per landscape and reuse it for every path drawn on top.
#[derive(Clone, Debug, PartialEq)]
pub struct Backdrop {
    /// The loss grid.
    pub grid: Grid,
    /// Contour lines of the grid.
    pub contours: Vec<Contour>,
    /// The loss the colour scale starts from (the minimum, if known).
    pub floor: f64,
    /// Axis titles.
    pub labels: (String, String),
}

impl Backdrop {
    /// Builds the backdrop with `levels` contour lines, spaced geometrically above `floor`, so
    /// that the narrow bottom of the valley gets as many lines as its steep walls.
    pub fn new(grid: Grid, floor: f64, levels: usize, labels: (&str, &str)) -> Self {
        let (_, hi) = grid.range();
        let thresholds = level_spacing(floor, hi, levels);
        let contours = contour_lines(&grid, &thresholds);
        Self {
            grid,
            contours,
            floor,
            labels: (labels.0.to_string(), labels.1.to_string()),
        }
    }

    // Log of the height above the floor, so the flat valley floor is not one uniform colour.
    fn shade(&self, v: f64) -> f64 {
        (v - self.floor).max(0.0).ln_1p()
    }
}

/// `n` levels between `floor` and `top`, geometric in the height above `floor`.
pub fn level_spacing(floor: f64, top: f64, n: usize) -> Vec<f64> {
    let span = top - floor;
    if n == 0 || span.is_nan() || span <= 0.0 {
        return Vec::new();
    }
    let lo = span * 1e-3;
    (0..n)
        .map(|k| floor + lo * (span / lo).powf((k as f64 + 0.5) / n as f64))
        .collect()
}

/// Iso-lines of `grid` at each threshold, by marching squares (the `contour` crate).
pub fn contour_lines(grid: &Grid, thresholds: &[f64]) -> Vec<Contour> {
    let builder = ContourBuilder::new(grid.x.len, grid.y.len, true)
        .x_origin(grid.x.min)
        .y_origin(grid.y.min)
        .x_step(grid.x.step())
        .y_step(grid.y.step());
    let Ok(lines) = builder.lines(&grid.values, thresholds) else {
        return Vec::new();
    };
    lines
        .into_iter()
        .map(|line| {
            let (geometry, level) = line.into_inner();
            let pieces = geometry
                .0
                .into_iter()
                .map(|ls| ls.0.into_iter().map(|c| (c.x, c.y)).collect())
                .collect();
            Contour { level, pieces }
        })
        .collect()
}

/// What to draw on top of the backdrop.
#[derive(Clone, Copy, Debug)]
pub struct PathLayer<'a> {
    /// Parameter values, one per step; the first is the start, the last the current point.
    pub path: &'a [(f32, f32)],
    /// The minimum, if known.
    pub minimum: Option<(f64, f64)>,
}

const MARGIN: u32 = 8;
const LABEL_AREA: u32 = 50;

/// Draws the heatmap, the contours, the path with its start and current point, and the minimum.
pub fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    backdrop: &Backdrop,
    layer: PathLayer,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let grid = &backdrop.grid;
    let (xr, yr) = ((grid.x.min, grid.x.max), (grid.y.min, grid.y.max));
    let mut chart = ChartBuilder::on(area)
        .margin(MARGIN)
        .x_label_area_size(LABEL_AREA)
        .y_label_area_size(LABEL_AREA)
        .build_cartesian_2d(xr.0..xr.1, yr.0..yr.1)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(backdrop.labels.0.as_str())
        .y_desc(backdrop.labels.1.as_str())
        .label_style(("sans-serif", 13).into_font().color(&palette::INK))
        .axis_desc_style(("sans-serif", 14).into_font().color(&palette::INK))
        .draw()?;

    let (lo, hi) = grid.range();
    let (s_lo, s_hi) = (
        backdrop.shade(lo),
        backdrop.shade(hi).max(backdrop.shade(lo) + 1e-12),
    );
    let (dx, dy) = (grid.x.step() / 2.0, grid.y.step() / 2.0);
    chart.draw_series((0..grid.y.len).flat_map(|j| {
        (0..grid.x.len).map(move |i| {
            let (x, y) = (grid.x.at(i), grid.y.at(j));
            let t = ((backdrop.shade(grid.value(i, j)) - s_lo) / (s_hi - s_lo)) as f32;
            let color = ViridisRGB::get_color(t);
            let x0 = (x - dx).max(xr.0);
            let x1 = (x + dx).min(xr.1);
            let y0 = (y - dy).max(yr.0);
            let y1 = (y + dy).min(yr.1);
            Rectangle::new([(x0, y0), (x1, y1)], color.filled())
        })
    }))?;

    let line_style = WHITE.mix(0.55).stroke_width(1);
    for contour in &backdrop.contours {
        for piece in &contour.pieces {
            chart.draw_series(std::iter::once(PathElement::new(piece.clone(), line_style)))?;
        }
    }

    if let Some(m) = layer.minimum {
        chart.draw_series(std::iter::once(Cross::new(m, 7, WHITE.stroke_width(3))))?;
    }

    let points: Vec<(f64, f64)> = layer
        .path
        .iter()
        .map(|&(w, b)| (f64::from(w), f64::from(b)))
        .collect();
    let path_style = palette::ORANGE.stroke_width(2);
    let segments = points
        .windows(2)
        .filter_map(|s| clip_segment(s[0], s[1], xr, yr))
        .map(|(p, q)| PathElement::new(vec![p, q], path_style));
    chart.draw_series(segments)?;
    let inside = |p: &&(f64, f64)| p.0 >= xr.0 && p.0 <= xr.1 && p.1 >= yr.0 && p.1 <= yr.1;
    chart.draw_series(
        points
            .iter()
            .filter(inside)
            .map(|&p| Circle::new(p, 2, palette::ORANGE.filled())),
    )?;
    if let Some(start) = points.first().filter(inside) {
        chart.draw_series(std::iter::once(Circle::new(*start, 6, WHITE.filled())))?;
        chart.draw_series(std::iter::once(Circle::new(
            *start,
            6,
            palette::INK.stroke_width(2),
        )))?;
    }
    if let Some(current) = points.last().filter(inside) {
        chart.draw_series(std::iter::once(Circle::new(
            *current,
            6,
            palette::VERMILLION.filled(),
        )))?;
    }
    area.present()
}

/// The chart in words, for screen readers and the caption.
pub fn summary(layer: PathLayer, losses: &[f32]) -> String {
    let fmt = |p: (f32, f32)| format!("(w {:.2}, b {:.2})", p.0, p.1);
    let (Some(&start), Some(&end)) = (layer.path.first(), layer.path.last()) else {
        return String::from("No path yet.");
    };
    let minimum = layer
        .minimum
        .map(|(w, b)| format!("The minimum is at (w {w:.2}, b {b:.2}). "))
        .unwrap_or_default();
    let loss = losses
        .last()
        .map(|l| format!(", loss {l:.3}"))
        .unwrap_or_default();
    format!(
        "{minimum}The path takes {} steps from {} to {}{loss}.",
        layer.path.len() - 1,
        fmt(start),
        fmt(end)
    )
}
