//! The loss landscape: a heatmap with contour lines, and the optimizer's path on top.

use contour::ContourBuilder;
use plotters::prelude::*;
use plotters::style::colors::colormaps::ViridisRGB;

use super::{Area, Colors, DrawResult, Frame, MARGIN, clip_segment, palette};
use crate::engine::plane::Grid;

mod heat;

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
    /// Builds the backdrop with `levels` contour lines (none while the grid is incomplete), spaced geometrically above `floor`, so
    /// that the narrow bottom of the valley gets as many lines as its steep walls.
    pub fn new(grid: Grid, floor: f64, levels: usize, labels: (&str, &str)) -> Self {
        let (_, hi) = grid.range();
        let contours = if grid.values.iter().all(|v| v.is_finite()) {
            contour_lines(&grid, &level_spacing(floor, hi, levels))
        } else {
            Vec::new()
        };
        Self {
            grid,
            contours,
            floor,
            labels: (labels.0.to_string(), labels.1.to_string()),
        }
    }

    /// The colour scale's value of loss `v`: the log of its height above the floor,
    /// ln(1 + (v − floor)), so the flat valley floor is not one uniform colour and a divergence's
    /// huge losses do not wash the rest out. The 3-D view's heights are the same.
    pub fn shade(&self, v: f64) -> f64 {
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

/// One optimizer path to draw on top of the backdrop.
#[derive(Clone, Debug, PartialEq)]
pub struct PathLayer {
    /// Plane coordinates, one per recorded point; the first is the start.
    pub path: Vec<(f64, f64)>,
    /// Colour.
    pub color: RGBColor,
    /// Drawn pale (a pinned earlier run).
    pub ghost: bool,
}

const LABEL_AREA: u32 = 50;
/// Width of the colour bar on the right, with its labels: room for seven characters
/// ("0.00123") at 11 px beside a tick (at 58 the blobs task's labels were clipped).
const BAR: u32 = 68;

/// The plot and, right of it, the colour bar's strip; both layers split the same way, so the
/// paths land on the heatmap's coordinates.
fn split<DB: DrawingBackend>(area: &Area<DB>) -> (Area<DB>, Area<DB>) {
    let width = area.dim_in_pixel().0;
    area.split_horizontally(width.saturating_sub(BAR))
}

/// Draws the heatmap, the contours, each path with its start and current point, and the
/// minimum. `cursor` picks the point of the first path to ring (the shared time cursor).
pub fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    backdrop: &Backdrop,
    layers: &[PathLayer],
    minimum: Option<(f64, f64)>,
    cursor: Option<usize>,
    colors: &Colors,
) -> DrawResult<DB> {
    draw_backdrop(area, backdrop, colors, Cells::Rects)?;
    draw_paths(area, backdrop, layers, minimum, cursor, colors)
}

type Plane2d =
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>;

fn chart<'a, DB: DrawingBackend>(
    area: &'a Area<DB>,
    backdrop: &Backdrop,
) -> Result<ChartContext<'a, DB, Plane2d>, DrawingAreaErrorKind<DB::ErrorType>> {
    let (x, y) = extent(&backdrop.grid);
    // The same margins for both layers, so the paths land on the heatmap's coordinates.
    ChartBuilder::on(area)
        .margin(MARGIN)
        .x_label_area_size(LABEL_AREA)
        .y_label_area_size(LABEL_AREA)
        .build_cartesian_2d(x.0..x.1, y.0..y.1)
}

/// The plot's ranges: the grid's, through the axis guard. Everything drawn is kept within
/// them, as plotters overflows mapping a point far outside its axes to pixels.
fn extent(grid: &Grid) -> ((f64, f64), (f64, f64)) {
    (
        super::finite_range(grid.x.min, grid.x.max),
        super::finite_range(grid.y.min, grid.y.max),
    )
}

/// How the heatmap's cells reach the backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cells {
    /// A filled rectangle per cell: any backend (an SVG, the tests).
    Rects,
    /// One image of the plot's pixels: a backend whose `blit_bitmap` draws an image at once
    /// (the page's canvas). 4,096 rectangles, each a colour string and two calls out of the
    /// wasm, took a sixth of the first picture at 4× CPU slowdown.
    Image,
}

/// The static layer: axes, heatmap and contours. It depends only on the landscape, so the page
/// draws it once per landscape on a canvas of its own.
pub fn draw_backdrop<DB: DrawingBackend>(
    area: &Area<DB>,
    backdrop: &Backdrop,
    colors: &Colors,
    cells: Cells,
) -> DrawResult<DB> {
    area.fill(&colors.paper)?;
    let (plot, bar) = split(area);
    let grid = &backdrop.grid;
    let (xr, yr) = extent(grid);
    let mut chart = chart(&plot, backdrop)?;
    // Fewer, shorter tick labels on a narrow canvas (a phone), so they do not run together.
    let ticks = if plot.dim_in_pixel().0 < 360 { 4 } else { 6 };
    chart
        .configure_mesh()
        .frame(colors)
        .disable_mesh()
        .x_labels(ticks)
        .y_labels(ticks)
        .x_label_formatter(&|v| super::fmt_tick(*v))
        .y_label_formatter(&|v| super::fmt_tick(*v))
        .x_desc(backdrop.labels.0.as_str())
        .y_desc(backdrop.labels.1.as_str())
        .draw()?;

    let (lo, hi) = grid.range();
    // The colour scale is an axis too: an infinite floor or loss must not make it NaN.
    let (s_lo, s_hi) = super::finite_range(backdrop.shade(lo), backdrop.shade(hi));
    let color = |i: usize, j: usize| {
        let v = grid.value(i, j);
        let t = (backdrop.shade(v) - s_lo) / (s_hi - s_lo);
        if v.is_finite() && !t.is_nan() {
            ViridisRGB::get_color(t.clamp(0.0, 1.0) as f32)
        } else {
            // Not computed yet (the grid fills in slices), or overflowed.
            RGBColor(200, 200, 200)
        }
    };
    match cells {
        Cells::Rects => {
            let (dx, dy) = (grid.x.step() / 2.0, grid.y.step() / 2.0);
            chart.draw_series((0..grid.y.len).flat_map(|j| {
                (0..grid.x.len).map(move |i| {
                    let (x, y) = (grid.x.at(i), grid.y.at(j));
                    let x0 = (x - dx).max(xr.0);
                    let x1 = (x + dx).min(xr.1);
                    let y0 = (y - dy).max(yr.0);
                    let y1 = (y + dy).min(yr.1);
                    Rectangle::new([(x0, y0), (x1, y1)], color(i, j).filled())
                })
            }))?;
        }
        Cells::Image => {
            let heat = heat::Heat {
                corners: [(xr.0, yr.1), (xr.1, yr.0)],
                grid,
                colors: (0..grid.y.len)
                    .flat_map(|j| (0..grid.x.len).map(move |i| (i, j)))
                    .map(|(i, j)| color(i, j))
                    .collect(),
            };
            chart.plotting_area().draw(&heat)?;
        }
    }

    let line_style = WHITE.mix(0.55).stroke_width(1);
    for contour in &backdrop.contours {
        for piece in &contour.pieces {
            chart.draw_series(std::iter::once(PathElement::new(piece.clone(), line_style)))?;
        }
    }
    colour_bar(&bar, backdrop, (s_lo, s_hi), colors)?;
    area.present()
}

/// The colour scale: the heatmap's colours from the lowest loss (bottom) to the highest, with
/// the loss at its ends and between, on the same log-of-height scale as the heatmap.
fn colour_bar<DB: DrawingBackend>(
    area: &Area<DB>,
    backdrop: &Backdrop,
    (s_lo, s_hi): (f64, f64),
    colors: &Colors,
) -> DrawResult<DB> {
    if !(s_lo.is_finite() && s_hi.is_finite()) {
        return Ok(());
    }
    let (s_lo, s_hi) = super::finite_range(s_lo, s_hi);
    let mut bar = ChartBuilder::on(area)
        .margin_top(MARGIN)
        .margin_bottom(MARGIN + LABEL_AREA)
        .margin_left(4)
        .right_y_label_area_size(BAR - 18)
        .build_cartesian_2d(0f64..1.0, s_lo..s_hi)?;
    let floor = backdrop.floor;
    bar.configure_mesh()
        // Small labels, to fit the narrow strip.
        .frame_sized(colors, 11, 11)
        // Plotters sets the labels off by twice the tick's length, which on a strip this
        // narrow came to a pixel or two: the labels touched the bar.
        .set_tick_mark_size(LabelAreaPosition::Right, 3)
        .disable_mesh()
        .disable_x_axis()
        .y_labels(4)
        .y_label_formatter(&|s| crate::engine::stability::fmt_lr(floor + s.exp_m1()))
        .draw()?;
    const BANDS: usize = 48;
    let step = (s_hi - s_lo) / BANDS as f64;
    bar.draw_series((0..BANDS).map(|k| {
        let lo = s_lo + k as f64 * step;
        let t = (k as f32 + 0.5) / BANDS as f32;
        Rectangle::new(
            [(0.0, lo), (1.0, lo + step)],
            ViridisRGB::get_color(t).filled(),
        )
    }))?;
    Ok(())
}

/// The moving layer: the paths, their start and current points, the minimum and the cursor,
/// on a transparent area laid over [`draw_backdrop`]'s.
pub fn draw_paths<DB: DrawingBackend>(
    area: &Area<DB>,
    backdrop: &Backdrop,
    layers: &[PathLayer],
    minimum: Option<(f64, f64)>,
    cursor: Option<usize>,
    colors: &Colors,
) -> DrawResult<DB> {
    let (plot, _) = split(area);
    let grid = &backdrop.grid;
    let (xr, yr) = extent(grid);
    let mut chart = chart(&plot, backdrop)?;
    let inside = |p: &&(f64, f64)| p.0 >= xr.0 && p.0 <= xr.1 && p.1 >= yr.0 && p.1 <= yr.1;
    // Ghosts first, then the other runs, the main (first live) run last, on top of them all.
    let order =
        (layers.iter().rev().filter(|l| l.ghost)).chain(layers.iter().rev().filter(|l| !l.ghost));
    let (mut starts, mut nows) = (Vec::new(), Vec::new());
    for layer in order {
        let alpha = if layer.ghost { 0.4 } else { 1.0 };
        let style = layer.color.mix(alpha).stroke_width(2);
        // One polyline per stretch inside the plot, rather than one per step: the paths are
        // redrawn on every animation frame, and each element is a separate stroke.
        let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
        for (p, q) in layer
            .path
            .windows(2)
            .filter_map(|s| clip_segment(s[0], s[1], xr, yr))
        {
            match pieces.last_mut() {
                Some(piece) if piece.last() == Some(&p) => piece.push(q),
                _ => pieces.push(vec![p, q]),
            }
        }
        chart.draw_series(
            pieces
                .into_iter()
                .map(|piece| PathElement::new(piece, style)),
        )?;
        // A dot per recorded step, thinned to at most DOTS on a long path (the line shows it).
        const DOTS: usize = 150;
        let (dot, every) = if layer.path.len() > DOTS {
            (1, layer.path.len().div_ceil(DOTS))
        } else {
            (2, 1)
        };
        chart.draw_series(
            layer
                .path
                .iter()
                .step_by(every)
                .filter(inside)
                .map(|&p| Circle::new(p, dot, layer.color.mix(alpha).filled())),
        )?;
        if let Some(&start) = layer.path.first().filter(inside) {
            starts.push((start, alpha));
        }
        if let Some(&current) = layer.path.last().filter(inside) {
            nows.push((current, layer.color.mix(alpha), alpha));
        }
    }
    // Then the markers, each kind over every path: the minimum over the lines that pile up
    // on it, the starts over it, and the runs' current points, smaller, over those. A run
    // that ends where another starts (fine-tuning's small rate) or at the minimum shows as a
    // dot inside the ring or on the cross's centre; drawn run by run, one hid the other.
    if let Some(m) = minimum.filter(|m| inside(&m)) {
        chart.draw_series(std::iter::once(Cross::new(m, 8, BLACK.stroke_width(4))))?;
        chart.draw_series(std::iter::once(Cross::new(m, 7, WHITE.stroke_width(2))))?;
    }
    for &(start, alpha) in &starts {
        chart.draw_series(std::iter::once(Circle::new(
            start,
            7,
            WHITE.mix(alpha).filled(),
        )))?;
        chart.draw_series(std::iter::once(Circle::new(
            start,
            7,
            palette::INK.mix(alpha).stroke_width(2),
        )))?;
    }
    for &(current, color, alpha) in &nows {
        chart.draw_series(std::iter::once(Circle::new(current, 5, color.filled())))?;
        chart.draw_series(std::iter::once(Circle::new(
            current,
            5,
            palette::INK.mix(alpha),
        )))?;
    }
    if let (Some(k), Some(first)) = (cursor, layers.iter().find(|l| !l.ghost)) {
        // A diamond, not a ring: the start is a ring, and a teacher read the caption's "○ start"
        // and "◯ time cursor" as one symbol.
        if let Some(p) = first.path.get(k).filter(inside) {
            let corners = vec![(0, -11), (11, 0), (0, 11), (-11, 0), (0, -11)];
            chart.draw_series(std::iter::once(
                EmptyElement::at(*p) + PathElement::new(corners, colors.ink.stroke_width(2)),
            ))?;
        }
    }
    area.present()
}

/// The chart in words, for screen readers and the caption.
pub fn summary(path: &[(f64, f64)], minimum: Option<(f64, f64)>, labels: (&str, &str)) -> String {
    // "-0.00" is a zero.
    let two = |v: f64| format!("{:.2}", if v.abs() < 0.005 { 0.0 } else { v });
    let fmt = |p: (f64, f64)| format!("({} {}, {} {})", labels.0, two(p.0), labels.1, two(p.1));
    let (Some(&start), Some(&end)) = (path.first(), path.last()) else {
        return String::from("No path yet.");
    };
    let minimum = minimum
        .map(|m| format!("The minimum is at {}. ", fmt(m)))
        .unwrap_or_default();
    // No count of points: a path is thinned on long runs and includes its start, and "101
    // recorded points" beside "iteration 100" read as two counts of one thing.
    // A path too short for two decimals says how far it went: a student read "from (PC1 -0.00,
    // PC2 0.00) … to (PC1 0.00, PC2 0.00)" on the fine-tuning lesson's small rate.
    if fmt(start) == fmt(end) {
        let moved = (end.0 - start.0).hypot(end.1 - start.1);
        return format!(
            "{minimum}The path stays at about {}: it has moved {} in all.",
            fmt(start),
            crate::engine::stability::fmt_lr(moved)
        );
    }
    format!(
        "{minimum}The path runs from {} at the start to {} now.",
        fmt(start),
        fmt(end)
    )
}
