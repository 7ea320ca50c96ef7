//! The exact landscape of a two-weight model. With two parameters the (w, b) plane is the
//! whole parameter space, so every grid point is the model's loss at those very weights, with
//! no projection (unlike the slices through a network's weights in [`super::landscape`]).

use super::data::Dataset;
use super::landscape::PlaneGrid;
use super::model::Model;
use super::plane::{Axis, Grid, Plane};

/// The loss of a two-weight task over a window of its (w, b) plane, and its lowest point.
#[derive(Clone, Debug, PartialEq)]
pub struct Surface {
    /// L(w, b) over the window.
    pub grid: Grid,
    /// The lowest loss reachable, (w*, b*).
    pub minimum: (f64, f64),
    /// L(w*, b*).
    pub min_loss: f64,
    /// What the two weights are, for the axes.
    pub names: (&'static str, &'static str),
}

/// L(w, b) at every point of the window `w` × `b`: the model's own mean loss over `data` at the
/// weights (w, b), whatever the model (for the line, [`super::landscape::line_plane`] gives
/// the same numbers in closed form).
pub fn weight_plane(model: &mut dyn Model, data: &Dataset, w: Axis, b: Axis) -> Grid {
    let axes = Plane {
        origin: vec![0.0; 2],
        d1: vec![1.0, 0.0],
        d2: vec![0.0, 1.0],
    };
    let mut grid = PlaneGrid::new(axes, w, b);
    grid.advance(model, data, w.len * b.len);
    grid.grid().clone()
}

impl Surface {
    /// The floor of the basin that holds `at`: from the grid point nearest `at`, step to the
    /// lowest of the eight neighbours while one is lower (steepest descent on the grid, the
    /// discrete gradient flow), and return that point's loss and (w, b). A run whose steps are
    /// small next to the basin follows the same flow, so this is where it will settle; `None`
    /// when `at` lies outside the window or on a value that is not finite.
    pub fn basin_floor(&self, at: (f64, f64)) -> Option<(f64, (f64, f64))> {
        let g = &self.grid;
        let index = |v: f64, a: &super::plane::Axis| {
            let t = ((v - a.min) / a.step()).round();
            (t >= 0.0 && t <= (a.len - 1) as f64).then_some(t as usize)
        };
        let (mut i, mut j) = (index(at.0, &g.x)?, index(at.1, &g.y)?);
        let mut here = g.value(i, j);
        if !here.is_finite() {
            return None;
        }
        loop {
            let mut next = None;
            // The point itself is among them, never lower than itself.
            for nj in j.saturating_sub(1)..=(j + 1).min(g.y.len - 1) {
                for ni in i.saturating_sub(1)..=(i + 1).min(g.x.len - 1) {
                    let v = g.value(ni, nj);
                    if v < next.map_or(here, |(v, _, _)| v) {
                        next = Some((v, ni, nj));
                    }
                }
            }
            match next {
                Some((v, ni, nj)) => (here, i, j) = (v, ni, nj),
                None => return Some((here, (g.x.at(i), g.y.at(j)))),
            }
        }
    }
}
