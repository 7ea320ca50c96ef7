//! The loss landscape as a mountain in 3-D: the surface over the plane, turned by the reader,
//! with the optimizer's path walked on it and the current point as the walker.
//!
//! Two layers, as in the 2-D map: [`draw_surface`] paints the surface and its axes, and
//! [`draw_walk`] the paths on a transparent canvas above it. Both build the same chart from the
//! same [`Mountain`] and angles, so the paths land on the surface. Heights are the 2-D map's
//! colour scale, the log of the loss above the floor, so that a divergence's huge losses at the
//! edge of the plane do not flatten the valley into a plain.

use plotters::coord::ranged3d::Cartesian3d;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::colors::colormaps::ViridisRGB;

mod labels;
mod names;
pub use labels::floor_labels;
use labels::{axis_labels, label_counts};

use super::landscape::{Backdrop, PathLayer};
use super::{Area, Colors, DrawResult, LABEL_PX, MARGIN, clip_segment, finite_range, font};
use crate::engine::plane::Grid;

/// The most grid points per side the surface is drawn with: a 64 × 64 grid would be 3969
/// polygons a frame while the reader turns it; 33 × 33 keeps the shape and the frame short.
pub const SIDE: usize = 33;

/// The surface of a landscape, ready to be turned: computed once per landscape, so that a turn
/// only projects and draws it again.
#[derive(Clone, Debug, PartialEq)]
pub struct Mountain {
    /// The full grid, which the path's heights are read from.
    grid: Grid,
    /// The loss the heights start from.
    floor: f64,
    /// The sampled plane coordinates, across and along.
    xs: Vec<f64>,
    zs: Vec<f64>,
    /// Heights at the samples, row-major along `zs` (NaN where not computed yet).
    heights: Vec<f64>,
    /// The lowest and highest height, finite and apart.
    range: (f64, f64),
    /// Axis titles.
    labels: (String, String),
}

/// The grid indices of `n` samples spread evenly over `len` points, both ends included.
fn samples(len: usize, n: usize) -> Vec<usize> {
    let n = n.clamp(2, len.max(2));
    (0..n)
        .map(|k| ((k * (len - 1)) as f64 / (n - 1) as f64).round() as usize)
        .collect()
}

impl Mountain {
    /// The surface of `backdrop`, with at most [`SIDE`] samples a side.
    pub fn new(backdrop: &Backdrop) -> Self {
        let grid = backdrop.grid.clone();
        let floor = backdrop.floor;
        let (ix, iz) = (samples(grid.x.len, SIDE), samples(grid.y.len, SIDE));
        let (lo, hi) = grid.range();
        let range = finite_range(backdrop.shade(lo), backdrop.shade(hi));
        // Not computed yet (NaN) stays a hole; an overflow is drawn at the top.
        let heights: Vec<f64> = iz
            .iter()
            .flat_map(|&j| ix.iter().map(move |&i| (i, j)))
            .map(|(i, j)| match grid.value(i, j) {
                v if v.is_nan() => f64::NAN,
                v => backdrop.shade(v).clamp(range.0, range.1),
            })
            .collect();
        Self {
            xs: ix.iter().map(|&i| grid.x.at(i)).collect(),
            zs: iz.iter().map(|&j| grid.y.at(j)).collect(),
            heights,
            range,
            floor,
            labels: backdrop.labels.clone(),
            grid,
        }
    }

    /// The plane the surface spans, through the axis guard.
    pub fn extent(&self) -> ((f64, f64), (f64, f64)) {
        (
            finite_range(self.grid.x.min, self.grid.x.max),
            finite_range(self.grid.y.min, self.grid.y.max),
        )
    }

    /// The lowest and highest height drawn.
    pub fn range(&self) -> (f64, f64) {
        self.range
    }

    /// The sampled points per side, across and along.
    pub fn samples(&self) -> (usize, usize) {
        (self.xs.len(), self.zs.len())
    }

    /// The loss at plane point `p`, interpolated between the four grid points around it;
    /// `None` off the grid or where a corner is not finite.
    pub fn loss_at(&self, p: (f64, f64)) -> Option<f64> {
        let g = &self.grid;
        let (fx, fy) = ((p.0 - g.x.min) / g.x.step(), (p.1 - g.y.min) / g.y.step());
        let inside = |f: f64, len: usize| f >= -1e-9 && f <= (len - 1) as f64 + 1e-9;
        if !(inside(fx, g.x.len) && inside(fy, g.y.len)) {
            return None;
        }
        let i = (fx.floor().max(0.0) as usize).min(g.x.len - 2);
        let j = (fy.floor().max(0.0) as usize).min(g.y.len - 2);
        let (tx, ty) = (
            (fx - i as f64).clamp(0.0, 1.0),
            (fy - j as f64).clamp(0.0, 1.0),
        );
        let v = (1.0 - ty) * ((1.0 - tx) * g.value(i, j) + tx * g.value(i + 1, j))
            + ty * ((1.0 - tx) * g.value(i, j + 1) + tx * g.value(i + 1, j + 1));
        v.is_finite().then_some(v)
    }

    /// The height a loss is drawn at: the 2-D map's colour scale, kept within the drawn range
    /// (an infinite loss at the top).
    pub fn height(&self, loss: f64) -> f64 {
        let h = (loss - self.floor).max(0.0).ln_1p();
        if h.is_nan() {
            self.range.0
        } else {
            h.clamp(self.range.0, self.range.1)
        }
    }

    /// The loss at height `h`, for the vertical axis's labels.
    fn loss_of(&self, h: f64) -> f64 {
        self.floor + h.exp_m1()
    }
}

/// The angles the mountain is seen from: turned about the vertical by `yaw` and tilted
/// towards the viewer by `pitch`, in radians (plotters' projection).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// About the vertical axis.
    pub yaw: f64,
    /// Above the horizon.
    pub pitch: f64,
    /// Drawn with every other sample, while the reader drags.
    pub coarse: bool,
}

type Chart3d<'a, DB> =
    ChartContext<'a, DB, Cartesian3d<RangedCoordf64, RangedCoordf64, RangedCoordf64>>;

/// The tick marks' length in pixels: set, so that the axis names can be placed past them.
const TICK: u32 = 5;

/// The picture's title, in its top left corner: what the height is.
const HEIGHT_TITLE: &str = "height: loss (log scale)";

/// A canvas narrower than this many CSS pixels (a phone's) draws the mountain smaller.
const NARROW: u32 = 360;

fn narrow<DB: DrawingBackend>(area: &Area<DB>) -> bool {
    area.dim_in_pixel().0 < NARROW
}

/// The chart both layers draw on: the same margins and projection, so they line up.
fn chart<'a, DB: DrawingBackend>(
    area: &'a Area<DB>,
    m: &Mountain,
    view: View,
) -> Result<Chart3d<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let ((x0, x1), (z0, z1)) = m.extent();
    let (y0, y1) = m.range;
    let mut chart =
        ChartBuilder::on(area)
            .margin(MARGIN)
            .build_cartesian_3d(x0..x1, y0..y1, z0..z1)?;
    chart.with_projection(|mut p| {
        p.yaw = view.yaw;
        p.pitch = view.pitch;
        // Room for the tick labels and the axis names at every angle; the labels keep their
        // size on a phone's small canvas, so the mountain gives way.
        p.scale = if narrow(area) { 0.56 } else { 0.7 };
        p.into_matrix()
    });
    Ok(chart)
}

/// The colour of height `h`: the 2-D map's, so the two views read alike, darkened on slopes
/// that face away from a light above and to one side, which shows the shape as the eye
/// expects.
fn shaded(m: &Mountain, h: f64, light: f64) -> RGBColor {
    let t = ((h - m.range.0) / (m.range.1 - m.range.0)).clamp(0.0, 1.0);
    let RGBColor(r, g, b) = ViridisRGB::get_color(t as f32);
    let k = (0.62 + 0.38 * light).clamp(0.0, 1.0);
    let dim = |c: u8| (f64::from(c) * k).round() as u8;
    RGBColor(dim(r), dim(g), dim(b))
}

/// Draws the axes and the surface, one polygon per cell, from the back to the front (the
/// painter's order: nearer cells cover farther ones). Cells not computed yet are left out.
pub fn draw_surface<DB: DrawingBackend>(
    area: &Area<DB>,
    m: &Mountain,
    view: View,
    colors: &Colors,
) -> DrawResult<DB> {
    area.fill(&colors.paper)?;
    let mut chart = chart(area, m, view)?;
    let label = |v: &f64| super::fmt_tick(*v);
    let height = |h: &f64| crate::engine::stability::fmt_lr(m.loss_of(*h));
    let (along_x, up, along_z) = axis_labels(&chart, m, label_counts(area));
    chart
        .configure_axes()
        .label_style(font(LABEL_PX - 1, &colors.ink))
        .bold_grid_style(colors.grid)
        .light_grid_style(colors.paper.mix(0.0))
        .axis_panel_style(colors.grid.mix(0.25))
        .max_light_lines(0)
        .tick_size(TICK as i32)
        .x_labels(along_x)
        .y_labels(up)
        .z_labels(along_z)
        .x_formatter(&label)
        .z_formatter(&label)
        .y_formatter(&height)
        .draw()?;
    let (nx, nz) = m.samples();
    let coord = chart.as_coord_spec().clone();
    let mid = (m.range.0 + m.range.1) / 2.0;
    let ((x0, x1), (z0, z1)) = m.extent();
    let (xm, zm) = ((x0 + x1) / 2.0, (z0 + z1) / 2.0);
    // From the far end of each axis to the near one; a larger depth is farther away.
    let far_x_last = coord.projected_depth(&x1, &mid, &zm) > coord.projected_depth(&x0, &mid, &zm);
    let far_z_last = coord.projected_depth(&xm, &mid, &z1) > coord.projected_depth(&xm, &mid, &z0);
    // Every sample, or every other one while the reader drags: a quarter of the cells keeps
    // a turn within a frame on a slow or busy machine, and the full surface returns on release.
    let step = if view.coarse { 2 } else { 1 };
    let spans = |n: usize, reverse: bool| -> Vec<(usize, usize)> {
        let mut at: Vec<usize> = (0..n).step_by(step).collect();
        if at.last() != Some(&(n - 1)) {
            at.push(n - 1);
        }
        let mut spans: Vec<(usize, usize)> = at.windows(2).map(|w| (w[0], w[1])).collect();
        if reverse {
            spans.reverse();
        }
        spans
    };
    let (ox, oz) = (spans(nx, far_x_last), spans(nz, far_z_last));
    let h = |i: usize, k: usize| m.heights[k * nx + i];
    // Slopes in the picture's own units (each side and the height span 1), for the light.
    let (sx, sz, sy) = (nx as f64 - 1.0, nz as f64 - 1.0, m.range.1 - m.range.0);
    let mut cells = Vec::with_capacity(ox.len() * oz.len());
    for &(k, k1) in &oz {
        for &(i, i1) in &ox {
            let corners = [(i, k), (i, k1), (i1, k1), (i1, k)];
            let hs = corners.map(|(a, b)| h(a, b));
            if hs.iter().any(|v| !v.is_finite()) {
                continue;
            }
            let mean = hs.iter().sum::<f64>() / 4.0;
            let gx = ((hs[2] + hs[3]) - (hs[0] + hs[1])) / 2.0 / sy * sx / (i1 - i) as f64;
            let gz = ((hs[1] + hs[2]) - (hs[0] + hs[3])) / 2.0 / sy * sz / (k1 - k) as f64;
            // Lambert's cosine for a light from above, a little towards −x and −z.
            let normal = (-gx, 1.0, -gz);
            let light = (-0.35 * normal.0 + normal.1 - 0.25 * normal.2)
                / (normal.0 * normal.0 + 1.0 + normal.2 * normal.2).sqrt()
                / (1.0f64 + 0.35 * 0.35 + 0.25 * 0.25).sqrt();
            let color = shaded(m, mean, light.max(0.0));
            let points = corners
                .iter()
                .zip(hs)
                .map(|(&(a, b), y)| (m.xs[a], y, m.zs[b]))
                .collect::<Vec<_>>();
            cells.push(Polygon::new(points, color.filled()));
        }
    }
    chart.draw_series(cells)?;
    names::draw(area, &chart, m, colors, [along_x > 0, along_z > 0])?;
    area.draw(&Text::new(
        HEIGHT_TITLE,
        (MARGIN as i32, MARGIN as i32),
        font(LABEL_PX + 1, &colors.ink),
    ))?;
    area.present()
}

/// The path's points on the surface, as stretches inside the plane: each point at the height
/// of the surface under it, a little above it so that the line is not lost in the cells.
fn on_surface(m: &Mountain, path: &[(f64, f64)]) -> Vec<Vec<(f64, f64, f64)>> {
    let (xr, zr) = m.extent();
    let lift = 0.01 * (m.range.1 - m.range.0);
    let at = |p: (f64, f64)| {
        let loss = m.loss_at(p).unwrap_or(f64::INFINITY);
        (p.0, m.height(loss) + lift, p.1)
    };
    let mut pieces: Vec<Vec<(f64, f64, f64)>> = Vec::new();
    for (p, q) in path
        .windows(2)
        .filter_map(|s| clip_segment(s[0], s[1], xr, zr))
    {
        match pieces.last_mut() {
            Some(piece) if piece.last().is_some_and(|l| (l.0, l.2) == p) => piece.push(at(q)),
            _ => pieces.push(vec![at(p), at(q)]),
        }
    }
    if pieces.is_empty() {
        if let Some(&p) = path.first().filter(|p| m.loss_at(**p).is_some()) {
            pieces.push(vec![at(p)]);
        }
    }
    pieces
}

/// Whether `path`'s last finite point lies off `m`'s map.
pub fn left_map(m: &Mountain, path: &[(f64, f64)]) -> bool {
    path.iter()
        .rev()
        .find(|p| p.0.is_finite() && p.1.is_finite())
        .is_some_and(|p| m.loss_at(*p).is_none())
}

/// Draws the minimum as a cross, then every path on the surface: its line, a white ring at the
/// start, the walker (a large dot) where it is now with a line down to the floor, and the time
/// cursor as a diamond, on a transparent area over [`draw_surface`]'s.
pub fn draw_walk<DB: DrawingBackend>(
    area: &Area<DB>,
    m: &Mountain,
    view: View,
    walk: (&[PathLayer], Option<(f64, f64)>, Option<usize>),
    colors: &Colors,
) -> DrawResult<DB> {
    let (layers, minimum, cursor) = walk;
    let mut chart = chart(area, m, view)?;
    let floor = m.range.0;
    // The minimum under the paths: a walker that has reached it sits on it, in view, and the
    // cross's arms reach past the walker's dot (radius 8), so the × still shows around it (a
    // student found the × hidden under a walker that had arrived).
    if let Some(p) = minimum.filter(|p| m.loss_at(*p).is_some()) {
        let at = (p.0, m.height(m.loss_at(p).unwrap_or(f64::INFINITY)), p.1);
        chart.draw_series([Cross::new(at, 14, BLACK.stroke_width(4))])?;
        chart.draw_series([Cross::new(at, 13, WHITE.stroke_width(2))])?;
    }
    let order =
        (layers.iter().rev().filter(|l| l.ghost)).chain(layers.iter().rev().filter(|l| !l.ghost));
    for layer in order {
        let alpha = if layer.ghost { 0.45 } else { 1.0 };
        let pieces = on_surface(m, &layer.path);
        // A dark edge under the line keeps it readable over the bright top of the colour scale.
        for piece in &pieces {
            chart.draw_series(std::iter::once(PathElement::new(
                piece.clone(),
                palette_ink(colors).mix(0.6 * alpha).stroke_width(5),
            )))?;
            chart.draw_series(std::iter::once(PathElement::new(
                piece.clone(),
                layer.color.mix(alpha).stroke_width(3),
            )))?;
        }
        if let Some(&start) = pieces.first().and_then(|p| p.first()) {
            chart.draw_series([
                Circle::new(start, 6, WHITE.mix(alpha).filled()),
                Circle::new(start, 6, super::palette::INK.mix(alpha).stroke_width(2)),
            ])?;
        }
        if let Some(&now) = pieces.last().and_then(|p| p.last()) {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![now, (now.0, floor, now.2)],
                layer.color.mix(alpha).stroke_width(1),
            )))?;
            chart.draw_series([
                Circle::new(now, 8, layer.color.mix(alpha).filled()),
                Circle::new(now, 8, super::palette::INK.mix(alpha).stroke_width(2)),
            ])?;
            // A path that left the map ends on its edge, on the surface: a line up from there
            // shows the loss went on past the top, as the caption says (a student read a
            // diverged run's loss of 6330 beside a walker resting at a height of 19).
            if !layer.ghost && left_map(m, &layer.path) {
                let top = (now.0, m.range.1, now.2);
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![now, top],
                    layer.color.stroke_width(2),
                )))?;
                // Said on the chart too, under its height label: the caption under it was out
                // of view on a laptop, and beside the walker the words ran off the edge.
                area.draw(&Text::new(
                    "left the map: loss past the top",
                    (MARGIN as i32, MARGIN as i32 + LABEL_PX as i32 + 6),
                    font(LABEL_PX, &layer.color),
                ))?;
            }
        }
    }
    if let (Some(k), Some(first)) = (cursor, layers.iter().find(|l| !l.ghost)) {
        if let Some(&p) = first.path.get(k).filter(|p| m.loss_at(**p).is_some()) {
            let at = (p.0, m.height(m.loss_at(p).unwrap_or(f64::INFINITY)), p.1);
            let corners = vec![(0, -13), (13, 0), (0, 13), (-13, 0), (0, -13)];
            chart.draw_series([
                EmptyElement::at(at) + PathElement::new(corners, colors.ink.stroke_width(2))
            ])?;
        }
    }
    area.present()
}

/// The edge colour under a path: the ink of a light page, the paper of a dark one, either way
/// the colour that sets the path off from the surface.
fn palette_ink(colors: &Colors) -> RGBColor {
    if colors.paper == super::LIGHT.paper {
        colors.ink
    } else {
        colors.paper
    }
}
