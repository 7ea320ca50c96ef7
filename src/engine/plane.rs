//! Planes through parameter space and the grids of losses drawn over them: the geometry shared
//! by the models (which evaluate points of a plane) and the landscapes (which lay out the grid).

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

/// The plane coordinates (a, b) of row-major grid indices `range`.
pub(crate) fn coords(x: Axis, y: Axis, range: std::ops::Range<usize>) -> Vec<(f64, f64)> {
    range.map(|k| (x.at(k % x.len), y.at(k / x.len))).collect()
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

/// A plane through parameter space: θ(a, b) = origin + a·d₁ + b·d₂.
#[derive(Clone, Debug, PartialEq)]
pub struct Plane {
    /// The centre θ₀.
    pub origin: Vec<f32>,
    /// First direction.
    pub d1: Vec<f32>,
    /// Second direction.
    pub d2: Vec<f32>,
}

impl Plane {
    /// Writes θ(a, b) into `out`.
    pub fn point(&self, a: f64, b: f64, out: &mut [f32]) {
        let (a, b) = (a as f32, b as f32);
        for (((o, &t), &x), &y) in out.iter_mut().zip(&self.origin).zip(&self.d1).zip(&self.d2) {
            *o = t + a * x + b * y;
        }
    }

    /// The coordinates (a, b) of `theta` on the plane: ⟨θ − θ₀, dₖ⟩/‖dₖ‖², exact when θ − θ₀
    /// lies in the plane and the directions are orthogonal, as PCA's are (Li et al. 2018, §7,
    /// `projection.py`).
    pub fn project(&self, theta: &[f32]) -> (f64, f64) {
        let norm2 = |d: &[f32]| {
            d.iter()
                .map(|&x| f64::from(x).powi(2))
                .sum::<f64>()
                .max(f64::MIN_POSITIVE)
        };
        let (mut a, mut b) = (0.0, 0.0);
        for (((&t, &o), &x), &y) in theta.iter().zip(&self.origin).zip(&self.d1).zip(&self.d2) {
            let diff = f64::from(t) - f64::from(o);
            a += diff * f64::from(x);
            b += diff * f64::from(y);
        }
        (a / norm2(&self.d1), b / norm2(&self.d2))
    }
}

/// Examples per forward pass when a loss is evaluated over a whole data set.
pub const EVAL_CHUNK: usize = 512;
