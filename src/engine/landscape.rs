//! Loss landscapes: the loss evaluated on a regular 2-D grid of parameter values.

use super::line::LineLoss;

/// A closed interval of one grid axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// Number of grid points, both ends included (at least 2).
    pub len: usize,
}

impl Axis {
    /// The value of grid point `i`: min + i·(max − min)/(len − 1).
    pub fn at(&self, i: usize) -> f64 {
        self.min + (self.max - self.min) * i as f64 / (self.len - 1) as f64
    }

    /// Distance between neighbouring grid points.
    pub fn step(&self) -> f64 {
        (self.max - self.min) / (self.len - 1) as f64
    }
}

/// Loss values on a grid: `values[j * x.len + i]` is the loss at (x.at(i), y.at(j)).
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// The horizontal axis.
    pub x: Axis,
    /// The vertical axis.
    pub y: Axis,
    /// Row-major loss values, one row per y.
    pub values: Vec<f64>,
}

impl Grid {
    /// The loss at grid point (i, j).
    pub fn value(&self, i: usize, j: usize) -> f64 {
        self.values[j * self.x.len + i]
    }

    /// The smallest and largest finite value.
    pub fn range(&self) -> (f64, f64) {
        self.values
            .iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            })
    }
}

/// The exact landscape of the line model over the (w, b) plane: L(w, b) at every grid point,
/// from the closed form of [`LineLoss::loss`]. For two parameters no projection is needed; the
/// plane *is* the parameter space.
pub fn line_plane(loss: &LineLoss, w: Axis, b: Axis) -> Grid {
    let mut values = Vec::with_capacity(w.len * b.len);
    for j in 0..b.len {
        let bj = b.at(j);
        values.extend((0..w.len).map(|i| loss.loss(w.at(i), bj)));
    }
    Grid { x: w, y: b, values }
}
