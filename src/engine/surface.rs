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
