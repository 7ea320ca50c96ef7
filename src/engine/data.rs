//! Data sets. Each is generated from a seed, so a run can be reproduced from its URL.

use rand::RngExt;
use rand_distr::{Distribution, Normal};

use super::rng::seeded;

/// The W1 `line` data set of the benchmark workloads: `n` points with x uniform on
/// [−1 + shift, 1 + shift] and y = 2x − 1 + ε, ε ~ N(0, noise²).
///
/// `shift` moves the inputs off centre. The least-squares minimum stays at (w, b) ≈ (2, −1),
/// but the loss valley over (w, b) becomes long, narrow and tilted, because the Hessian
/// 2·[[E x², E x], [E x, 1]] gains an off-diagonal term and its condition number grows
/// (about 3 at shift 0, about 14 at shift 1). Zig-zag and crawl are easiest to see there.
#[derive(Clone, Debug, PartialEq)]
pub struct LineData {
    /// Inputs.
    pub x: Vec<f32>,
    /// Targets.
    pub y: Vec<f32>,
}

/// Parameters of [`LineData::generate`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineSpec {
    /// Number of points (256 in W1).
    pub n: usize,
    /// Standard deviation of the target noise (0.3 in W1).
    pub noise: f32,
    /// Offset added to every x (0 in W1).
    pub shift: f32,
}

impl Default for LineSpec {
    fn default() -> Self {
        Self {
            n: 256,
            noise: 0.3,
            shift: 0.0,
        }
    }
}

/// True slope of the generating line.
pub const LINE_SLOPE: f32 = 2.0;
/// True intercept of the generating line.
pub const LINE_INTERCEPT: f32 = -1.0;

impl LineData {
    /// Draws the data set for `seed`. A noise level that is negative or not finite is taken as 0.
    pub fn generate(spec: LineSpec, seed: u64) -> Self {
        let mut rng = seeded(seed);
        let sigma = if spec.noise.is_finite() {
            spec.noise.max(0.0)
        } else {
            0.0
        };
        let normal = Normal::new(0.0f32, sigma).expect("sigma is finite and non-negative");
        let mut x = Vec::with_capacity(spec.n);
        let mut y = Vec::with_capacity(spec.n);
        for _ in 0..spec.n {
            let xi = rng.random_range(-1.0f32..=1.0) + spec.shift;
            x.push(xi);
            y.push(LINE_SLOPE * xi + LINE_INTERCEPT + normal.sample(&mut rng));
        }
        Self { x, y }
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// True when the set has no points.
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }
}
