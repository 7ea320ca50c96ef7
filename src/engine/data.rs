//! Data sets. Each is generated from a seed, so a run can be reproduced from its URL.

use std::f32::consts::{PI, TAU};

use rand::RngExt;
use rand::seq::SliceRandom;
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
    /// Half-width of the inputs: x is drawn from [−spread, spread], then shifted (1 in W1). The
    /// Hessian of the mean squared error is 2·[[E x², E x], [E x, 1]], so a wide spread makes
    /// the slope w far stiffer than the intercept b: a valley that is narrow along w and long
    /// along b, aligned with the axes.
    pub spread: f32,
}

impl Default for LineSpec {
    fn default() -> Self {
        Self {
            n: 256,
            noise: 0.3,
            shift: 0.0,
            spread: 1.0,
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
            // × spread after the draw, so that spread 1 gives W1's data exactly.
            let xi = rng.random_range(-1.0f32..=1.0) * spec.spread + spec.shift;
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

impl LineData {
    /// The same points as a one-input regression [`Dataset`].
    pub fn to_dataset(&self) -> Dataset {
        Dataset {
            inputs: self.x.clone(),
            dim: 1,
            targets: Targets::Values(self.y.clone()),
        }
    }
}

/// The `sine` data set: `n` points with x evenly spaced on [`x.0`, `x.1`] and
/// y = sin(3x) + ε, ε ~ N(0, noise²). Fitting sin(w·x + b) to it is not a quadratic problem:
/// besides the deep minimum at (w, b) ≈ (3, 0) the loss has a shallow one near (0.13, 0.21),
/// where the fit is an almost flat line. The inputs are a grid rather than a
/// draw, so the seed draws only the noise and the landscape keeps its shape.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SineSpec {
    /// Number of points.
    pub n: usize,
    /// Standard deviation of the target noise.
    pub noise: f32,
    /// The range of the inputs.
    pub x: (f32, f32),
}

/// The frequency of the wave the sine data are drawn from.
pub const SINE_FREQUENCY: f32 = 3.0;

impl Default for SineSpec {
    fn default() -> Self {
        Self {
            n: 256,
            noise: 0.1,
            // Where the shallow minimum holds, behind a ridge about 0.1 high at w ≈ 1.2; on
            // [−0.5, 1.2] (measured) there is no dip and every rate ends at the deep minimum.
            x: (-0.3, 1.3),
        }
    }
}

/// Draws the sine data set for `seed` as a one-input regression [`Dataset`]. A noise level
/// that is negative or not finite is taken as 0.
pub fn sine_data(spec: SineSpec, seed: u64) -> Dataset {
    let mut rng = seeded(seed);
    let sigma = if spec.noise.is_finite() {
        spec.noise.max(0.0)
    } else {
        0.0
    };
    let normal = Normal::new(0.0f32, sigma).expect("sigma is finite and non-negative");
    let (mut inputs, mut ys) = (Vec::with_capacity(spec.n), Vec::with_capacity(spec.n));
    let n = spec.n.max(1) as f32;
    for i in 0..spec.n {
        let x = spec.x.0 + (spec.x.1 - spec.x.0) * (i as f32 + 0.5) / n;
        inputs.push(x);
        ys.push((SINE_FREQUENCY * x).sin() + normal.sample(&mut rng));
    }
    Dataset {
        inputs,
        dim: 1,
        targets: Targets::Values(ys),
    }
}

/// What a data set asks the model to predict.
#[derive(Clone, Debug, PartialEq)]
pub enum Targets {
    /// One real value per example (regression, mean squared error).
    Values(Vec<f32>),
    /// One class per example (classification, softmax cross-entropy).
    Classes {
        /// Class of each example, in 0..count.
        labels: Vec<u32>,
        /// Number of classes.
        count: usize,
    },
}

/// Examples as a row-major matrix of inputs (`len × dim`) with their targets.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Row-major inputs, `dim` numbers per example.
    pub inputs: Vec<f32>,
    /// Numbers per example.
    pub dim: usize,
    /// What to predict.
    pub targets: Targets,
}

impl Dataset {
    /// Number of examples.
    pub fn len(&self) -> usize {
        self.inputs.len() / self.dim.max(1)
    }

    /// True when there are no examples.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The inputs of example `i`.
    pub fn row(&self, i: usize) -> &[f32] {
        &self.inputs[i * self.dim..(i + 1) * self.dim]
    }

    /// Number of classes, or `None` for regression.
    pub fn classes(&self) -> Option<usize> {
        match self.targets {
            Targets::Classes { count, .. } => Some(count),
            Targets::Values(_) => None,
        }
    }

    /// The examples at `indices`, in that order.
    pub fn subset(&self, indices: &[usize]) -> Dataset {
        let mut inputs = Vec::with_capacity(indices.len() * self.dim);
        for &i in indices {
            inputs.extend_from_slice(self.row(i));
        }
        let targets = match &self.targets {
            Targets::Values(v) => Targets::Values(indices.iter().map(|&i| v[i]).collect()),
            Targets::Classes { labels, count } => Targets::Classes {
                labels: indices.iter().map(|&i| labels[i]).collect(),
                count: *count,
            },
        };
        Dataset {
            inputs,
            dim: self.dim,
            targets,
        }
    }

    /// A seeded random split into a training and a validation set, with
    /// round(len · `val_fraction`) examples for validation (`val_fraction` is clamped to [0, 1]).
    pub fn split(&self, val_fraction: f64, seed: u64) -> (Dataset, Dataset) {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.shuffle(&mut seeded(seed));
        let (val, train) = order.split_at(validation_size(self.len(), val_fraction));
        (self.subset(train), self.subset(val))
    }
}

/// Examples [`Dataset::split`] holds out of `len` for validation: round(len · `val_fraction`),
/// with the fraction clamped to [0, 1].
pub fn validation_size(len: usize, val_fraction: f64) -> usize {
    let fraction = if val_fraction.is_finite() {
        val_fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    (len as f64 * fraction).round() as usize
}

/// The number of handwritten digits in [`digits`].
pub const DIGITS: usize = 1797;

/// The two-dimensional classification sets, as in tensorflow/playground's `dataset.ts` and
/// scikit-learn's `make_moons`/`make_circles`/`make_blobs`, scaled so inputs lie roughly in
/// [−1, 1]².
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Toy {
    /// Two interleaved spirals, one turn each: r = i/m, θ = 2π·i/m + π·class. The
    /// playground's 1.75 turns are more than the page's 2→16→16→2 tanh MLP learns in a few
    /// thousand SGD steps at any rate (its sweep stays flat near ln 2); with one turn, the arms
    /// still wind round each other and a plain SGD run learns them.
    Spirals,
    /// Two interleaved half circles (scikit-learn `make_moons`).
    Moons,
    /// A small circle inside a large one (scikit-learn `make_circles`, factor 0.5).
    Circles,
    /// The four quadrants, class = sign(x₁·x₂) (playground "xor").
    Xor,
    /// Two Gaussian blobs (playground "gauss").
    Blobs,
}

impl Toy {
    /// All toy sets, for menus.
    pub const ALL: [Toy; 5] = [Toy::Spirals, Toy::Moons, Toy::Circles, Toy::Xor, Toy::Blobs];

    /// Its name in menus and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Toy::Spirals => "spirals",
            Toy::Moons => "moons",
            Toy::Circles => "circles",
            Toy::Xor => "xor",
            Toy::Blobs => "blobs",
        }
    }

    /// `n` examples (half of each class, the first half class 0) with noise of standard
    /// deviation `noise` added to each coordinate, drawn from `seed`.
    pub fn generate(self, n: usize, noise: f32, seed: u64) -> Dataset {
        let mut rng = seeded(seed);
        let sigma = if noise.is_finite() {
            noise.max(0.0)
        } else {
            0.0
        };
        let gauss = Normal::new(0.0f32, sigma).expect("sigma is finite and non-negative");
        let mut inputs = Vec::with_capacity(2 * n);
        let mut labels = Vec::with_capacity(n);
        let half = n.div_ceil(2).max(1);
        for i in 0..n {
            let class = u32::from(i >= half);
            let k = if class == 0 { i } else { i - half };
            let m = if class == 0 { half } else { (n - half).max(1) };
            let t = k as f32 / m as f32;
            let (x, y) = match self {
                Toy::Spirals => {
                    let angle = TAU * t + PI * class as f32;
                    (t * angle.sin(), t * angle.cos())
                }
                Toy::Moons => {
                    let a = PI * t;
                    if class == 0 {
                        (a.cos() - 0.5, a.sin() - 0.25)
                    } else {
                        (0.5 - a.cos(), 0.25 - a.sin())
                    }
                }
                Toy::Circles => {
                    let a = TAU * t;
                    let r = if class == 0 { 0.9 } else { 0.45 };
                    (r * a.cos(), r * a.sin())
                }
                Toy::Xor => {
                    let px: f32 = rng.random_range(0.05..1.0);
                    let py: f32 = rng.random_range(0.05..1.0);
                    // Class 0 in quadrants 1 and 3, class 1 in 2 and 4.
                    let flip = if rng.random_bool(0.5) { 1.0 } else { -1.0 };
                    if class == 0 {
                        (flip * px, flip * py)
                    } else {
                        (flip * px, -flip * py)
                    }
                }
                Toy::Blobs => {
                    let c = if class == 0 { 0.5 } else { -0.5 };
                    let g = Normal::new(0.0f32, 0.2).expect("valid");
                    (c + g.sample(&mut rng), c + g.sample(&mut rng))
                }
            };
            inputs.push(x + gauss.sample(&mut rng));
            inputs.push(y + gauss.sample(&mut rng));
            labels.push(class);
        }
        Dataset {
            inputs,
            dim: 2,
            targets: Targets::Classes { labels, count: 2 },
        }
    }
}

/// The 1797 handwritten digits (8×8, pixels scaled from 0..16 to [0, 1]) of Alpaydin & Kaynak
/// (1998), UCI Machine Learning Repository, CC BY 4.0; the copy scikit-learn ships. Compiled in,
/// never fetched.
pub fn digits() -> Dataset {
    // Unpacked from `data/digits.csv.gz` by the build script, column by column: each pixel of
    // every image, then every label.
    static COLUMNS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/digits.u8"));
    let n = COLUMNS.len() / 65;
    let inputs = (0..n * 64)
        .map(|k| f32::from(COLUMNS[(k % 64) * n + k / 64]) / 16.0)
        .collect();
    let labels = COLUMNS[64 * n..].iter().map(|&l| u32::from(l)).collect();
    Dataset {
        inputs,
        dim: 64,
        targets: Targets::Classes { labels, count: 10 },
    }
}
