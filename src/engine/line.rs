//! The two-parameter model y = w·x + b under the mean squared error. Small enough to solve in
//! closed form, so every fact the playground states about it (the minimum, the curvature, the
//! critical rate) is exact rather than estimated.

use super::data::LineData;

/// Mean squared error of the line model, its gradient, its exact Hessian and its minimum,
/// from the sufficient statistics of the data (computed in f64 once).
///
/// L(w, b) = (1/n) Σᵢ (w·xᵢ + b − yᵢ)²
///
/// ∇L = (2/n) Σᵢ rᵢ·(xᵢ, 1), with rᵢ = w·xᵢ + b − yᵢ
///
/// H = (2/n)·[[Σx², Σx], [Σx, n]], constant because L is quadratic in (w, b).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineLoss {
    n: f64,
    sx: f64,
    sy: f64,
    sxx: f64,
    sxy: f64,
    syy: f64,
}

impl LineLoss {
    /// Collects Σx, Σy, Σx², Σxy and Σy² over the data.
    pub fn new(data: &LineData) -> Self {
        let mut s = Self {
            n: data.len() as f64,
            sx: 0.0,
            sy: 0.0,
            sxx: 0.0,
            sxy: 0.0,
            syy: 0.0,
        };
        for (&x, &y) in data.x.iter().zip(&data.y) {
            let (x, y) = (f64::from(x), f64::from(y));
            s.sx += x;
            s.sy += y;
            s.sxx += x * x;
            s.sxy += x * y;
            s.syy += y * y;
        }
        s
    }

    /// L(w, b), expanded: (w²Σx² + 2wbΣx + nb² − 2wΣxy − 2bΣy + Σy²)/n. Evaluating a whole grid
    /// this way costs O(1) per point instead of O(n).
    pub fn loss(&self, w: f64, b: f64) -> f64 {
        let total = w * w * self.sxx + 2.0 * w * b * self.sx + self.n * b * b
            - 2.0 * w * self.sxy
            - 2.0 * b * self.sy
            + self.syy;
        // Cancellation can leave a tiny negative number at the minimum of a noiseless set.
        (total / self.n).max(0.0)
    }

    /// The Hessian (2/n)·[[Σx², Σx], [Σx, n]].
    pub fn hessian(&self) -> [[f64; 2]; 2] {
        let k = 2.0 / self.n;
        [[k * self.sxx, k * self.sx], [k * self.sx, 2.0]]
    }

    /// The least-squares solution of the normal equations H·(w, b) = (2/n)·(Σxy, Σy):
    /// w* = (nΣxy − ΣxΣy)/(nΣx² − (Σx)²), b* = (Σy − w*Σx)/n.
    /// `None` when all x are equal, where the minimum is a whole line rather than a point.
    pub fn minimum(&self) -> Option<(f64, f64)> {
        let det = self.n * self.sxx - self.sx * self.sx;
        if det.abs() <= 1e-12 * self.n * self.sxx.max(1.0) {
            return None;
        }
        let w = (self.n * self.sxy - self.sx * self.sy) / det;
        let b = (self.sy - w * self.sx) / self.n;
        Some((w, b))
    }
}
