//! The two-parameter model y = sin(w·x + b) on the sine data, in f64: its loss, gradient and
//! exact Hessian at any point, the minimum a point descends to, and its landscape. The loss is
//! not quadratic, so unlike the line's there is no one curvature and no one minimum: a shallow
//! minimum lies near the start and the deep one at w ≈ 3, behind a ridge.

use super::data::{Dataset, Targets};
use super::model::SineModel;
use super::plane::Axis;
use super::surface::{Surface, weight_plane};
use super::valley::GRID_POINTS;

/// The frequencies drawn: both minima, the start and the ridge between them.
pub const W_AXIS: Axis = Axis {
    min: -0.5,
    max: 3.5,
    len: GRID_POINTS,
};

/// The phases drawn, as wide as the frequencies so that the picture is to scale.
pub const B_AXIS: Axis = Axis {
    min: -2.0,
    max: 2.0,
    len: GRID_POINTS,
};

/// The mean squared error of y = sin(w·x + b) over a data set, with r = sin(w·x + b) − y and
/// t = w·x + b:
///
/// L(w, b) = (1/n) Σᵢ rᵢ²
///
/// ∇L = (2/n) Σᵢ rᵢ·cos tᵢ·(xᵢ, 1)
///
/// H = (2/n) Σᵢ (cos² tᵢ − rᵢ·sin tᵢ)·[[xᵢ², xᵢ], [xᵢ, 1]], which changes from point to point.
#[derive(Clone, Debug, PartialEq)]
pub struct SineLoss {
    x: Vec<f64>,
    y: Vec<f64>,
}

impl SineLoss {
    /// The loss over a one-input regression set.
    pub fn new(data: &Dataset) -> Self {
        let Targets::Values(y) = &data.targets else {
            panic!("the sine model needs real-valued targets");
        };
        Self {
            x: data.inputs.iter().map(|&x| f64::from(x)).collect(),
            y: y.iter().map(|&y| f64::from(y)).collect(),
        }
    }

    fn n(&self) -> f64 {
        self.x.len().max(1) as f64
    }

    /// L(w, b).
    pub fn loss(&self, w: f64, b: f64) -> f64 {
        let sum: f64 = self
            .x
            .iter()
            .zip(&self.y)
            .map(|(&x, &y)| ((w * x + b).sin() - y).powi(2))
            .sum();
        sum / self.n()
    }

    /// ∇L(w, b) = (∂L/∂w, ∂L/∂b).
    pub fn gradient(&self, w: f64, b: f64) -> [f64; 2] {
        let (mut gw, mut gb) = (0.0, 0.0);
        for (&x, &y) in self.x.iter().zip(&self.y) {
            let (s, c) = (w * x + b).sin_cos();
            let rc = (s - y) * c;
            gw += rc * x;
            gb += rc;
        }
        let k = 2.0 / self.n();
        [k * gw, k * gb]
    }

    /// The Hessian at (w, b).
    pub fn hessian(&self, w: f64, b: f64) -> [[f64; 2]; 2] {
        let (mut hww, mut hwb, mut hbb) = (0.0, 0.0, 0.0);
        for (&x, &y) in self.x.iter().zip(&self.y) {
            let (s, c) = (w * x + b).sin_cos();
            let h = c * c - (s - y) * s;
            hww += h * x * x;
            hwb += h * x;
            hbb += h;
        }
        let k = 2.0 / self.n();
        [[k * hww, k * hwb], [k * hwb, k * hbb]]
    }

    /// The minimum that `from` descends to: Newton steps −H⁻¹∇L where the Hessian is positive
    /// definite, gradient steps elsewhere, each halved until the loss falls, until the step is
    /// below 1e-12.
    pub fn minimum_near(&self, from: (f64, f64)) -> (f64, f64) {
        let (mut w, mut b) = from;
        for _ in 0..200 {
            let g = self.gradient(w, b);
            let h = self.hessian(w, b);
            let det = h[0][0] * h[1][1] - h[0][1] * h[0][1];
            let mut step = if h[0][0] > 0.0 && det > 0.0 {
                [
                    (h[1][1] * g[0] - h[0][1] * g[1]) / det,
                    (h[0][0] * g[1] - h[0][1] * g[0]) / det,
                ]
            } else {
                g
            };
            let before = self.loss(w, b);
            while self.loss(w - step[0], b - step[1]) > before && step[0].hypot(step[1]) > 1e-12 {
                step = [0.5 * step[0], 0.5 * step[1]];
            }
            (w, b) = (w - step[0], b - step[1]);
            if step[0].hypot(step[1]) <= 1e-12 {
                break;
            }
        }
        (w, b)
    }
}

/// The sine task's landscape over [`W_AXIS`] × [`B_AXIS`], evaluated by the model itself, and
/// its deep minimum: where the lowest grid point descends to.
pub fn surface(data: &Dataset) -> Surface {
    let grid = weight_plane(&mut SineModel::new(), data, W_AXIS, B_AXIS);
    let lowest = (0..grid.values.len())
        .filter(|&k| grid.values[k].is_finite())
        .min_by(|&i, &j| grid.values[i].total_cmp(&grid.values[j]))
        .unwrap_or(0);
    let start = (
        grid.x.at(lowest % grid.x.len),
        grid.y.at(lowest / grid.x.len),
    );
    let loss = SineLoss::new(data);
    let minimum = loss.minimum_near(start);
    Surface {
        min_loss: loss.loss(minimum.0, minimum.1),
        minimum,
        grid,
        names: ("w (frequency)", "b (phase)"),
    }
}
