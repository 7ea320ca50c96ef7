//! The heatmap as one image: the page's canvas draws it at once, where a rectangle per cell
//! took a sixth of the first picture at 4× CPU slowdown ([`super::Cells`]).

use plotters::element::{Drawable, PointCollection};
use plotters::style::RGBColor;
use plotters_backend::{BackendCoord, DrawingBackend, DrawingErrorKind};

use crate::engine::plane::Grid;

/// What plotters adds before it rounds a coordinate down to its pixel.
const EDGE: f64 = 1e-3;

/// The heatmap as one image between two corners (top left, bottom right) in data coordinates:
/// each pixel takes the colour of the cell [`super::Cells::Rects`] would fill it with.
pub(super) struct Heat<'a> {
    pub(super) corners: [(f64, f64); 2],
    pub(super) grid: &'a Grid,
    /// Row by row (y index outer), as the grid's values.
    pub(super) colors: Vec<RGBColor>,
}

impl<'a> PointCollection<'a, (f64, f64)> for &'a Heat<'_> {
    type Point = &'a (f64, f64);
    type IntoIter = &'a [(f64, f64)];
    fn point_iter(self) -> &'a [(f64, f64)] {
        &self.corners
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Heat<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let (Some(a), Some(b)) = (points.next(), points.next()) else {
            return Ok(());
        };
        let (w, h) = ((b.0 - a.0).max(0) as usize, (b.1 - a.1).max(0) as usize);
        let (nx, ny) = (self.grid.x.len, self.grid.y.len);
        if w == 0 || h == 0 || nx == 0 || ny == 0 {
            return Ok(());
        }
        // Each pixel's cell, as the rectangles would fill it: a cell spans half a step either
        // side of its point, and plotters puts an edge at floor(pixels × fraction + 0.001) of
        // the axis (counted up from the bottom on the y axis), a rectangle filling from its
        // first edge up to, not including, its second.
        let (gx, gy) = ((nx - 1) as f64, (ny - 1) as f64);
        let cell = |z: f64, n: usize| (z.max(0.0) as usize).min(n - 1);
        let columns: Vec<usize> = (0..w)
            .map(|k| {
                cell(
                    ((k as f64 + 1.0 - EDGE) * gx / w as f64 + 0.5).ceil() - 1.0,
                    nx,
                )
            })
            .collect();
        let rows = (0..h).map(|r| cell((((h - r) as f64 - EDGE) * gy / h as f64 - 0.5).ceil(), ny));
        let mut rgb: Vec<u8> = Vec::with_capacity(w * h * 3);
        let mut last = None;
        for j in rows {
            // A pixel row in the same cells as the one above is a copy of it.
            let start = rgb.len();
            match last {
                Some((k, from)) if k == j => rgb.extend_from_within(from..start),
                _ => {
                    for &i in &columns {
                        let RGBColor(red, green, blue) = self.colors[j * nx + i];
                        rgb.extend_from_slice(&[red, green, blue]);
                    }
                }
            }
            last = Some((j, start));
        }
        backend.blit_bitmap(a, (w as u32, h as u32), &rgb)
    }
}
