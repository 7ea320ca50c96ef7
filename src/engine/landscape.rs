//! Loss landscapes: the loss evaluated on a regular 2-D grid of parameter values.

use rand_distr::{Distribution, StandardNormal};

use super::data::Dataset;
use super::layout::Layout;
use super::line::LineLoss;
use super::model::Model;
use super::plane::{Axis, Grid, Plane, coords};
use super::rng::{StrideRng, seeded};

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

/// The plane through `origin` spanned by two filter-normalised random directions
/// ([`filter_normalized`]), drawn from `seed`.
pub fn random_plane(layout: &Layout, origin: &[f32], seed: u64) -> Plane {
    let mut rng = seeded(seed);
    Plane {
        d1: filter_normalized(layout, origin, &mut rng),
        d2: filter_normalized(layout, origin, &mut rng),
        origin: origin.to_vec(),
    }
}

/// A random direction scaled filter by filter to the size of the weights (Li et al. 2018,
/// "Visualizing the Loss Landscape of Neural Nets", §4; `net_plotter.py` with
/// `ignore=biasbn`): d ~ N(0, I), then for every filter j of every weight tensor with two or
/// more dimensions (a slice along its first axis: one output neuron or conv filter)
/// d_j ← d_j · ‖θ_j‖ / (‖d_j‖ + 1e-10); one-dimensional tensors (biases) are set to 0.
pub fn filter_normalized(layout: &Layout, params: &[f32], rng: &mut StrideRng) -> Vec<f32> {
    let mut d = vec![0.0f32; params.len()];
    for t in &layout.tensors {
        if t.shape.len() < 2 {
            continue;
        }
        let per_filter = t.len() / t.shape[0].max(1);
        for f in 0..t.shape[0] {
            let range = t.offset + f * per_filter..t.offset + (f + 1) * per_filter;
            let dir = &mut d[range.clone()];
            for x in dir.iter_mut() {
                *x = StandardNormal.sample(rng);
            }
            let theta_norm = norm(&params[range]);
            let dir_norm = norm(dir);
            let scale = (theta_norm / (dir_norm + 1e-10)) as f32;
            dir.iter_mut().for_each(|x| *x *= scale);
        }
    }
    d
}

fn norm(v: &[f32]) -> f64 {
    v.iter()
        .map(|&x| f64::from(x) * f64::from(x))
        .sum::<f64>()
        .sqrt()
}

/// The plane of the two principal directions of a training trajectory, with the trajectory
/// projected onto it (Li et al. 2018, §7; `projection.py`, `plot_trajectory.py`).
#[derive(Clone, Debug, PartialEq)]
pub struct Pca {
    /// The plane through the last point, spanned by the two unit principal directions.
    pub plane: Plane,
    /// Share of the trajectory's variance along each direction.
    pub explained: [f64; 2],
    /// Each checkpoint's coordinates ⟨θᵢ − θₙ, pcₖ⟩; the last point sits at (0, 0).
    pub coords: Vec<(f64, f64)>,
}

/// PCA of the rows dᵢ = θᵢ − θₙ (bias entries zeroed, `ignore=biasbn`), after subtracting their
/// mean as scikit-learn's `PCA` does. The top two eigenvectors uₖ of the small Gram matrix
/// G = XXᵀ (one row per checkpoint) are found by power iteration with deflation, and
/// pcₖ = Xᵀuₖ/‖Xᵀuₖ‖ — the same directions as an SVD of X, at O(n²·P) cost for n checkpoints.
/// Of a longer trajectory, at most [`PCA_CHECKPOINTS`] evenly spaced checkpoints (the first and
/// the last among them) enter the PCA; every checkpoint is projected.
/// `None` for fewer than three checkpoints or a trajectory that does not move.
pub fn pca_plane<T: AsRef<[f32]>>(layout: &Layout, trajectory: &[T]) -> Option<Pca> {
    let n_all = trajectory.len();
    if n_all < 3 {
        return None;
    }
    let last = trajectory[n_all - 1].as_ref().to_vec();
    let p = last.len();
    let mut keep = vec![1.0f64; p];
    for t in layout.tensors.iter().filter(|t| t.shape.len() < 2) {
        keep[t.range()].iter_mut().for_each(|k| *k = 0.0);
    }
    let n = n_all.min(PCA_CHECKPOINTS);
    let picked = |k: usize| trajectory[k * (n_all - 1) / (n - 1)].as_ref();
    let mean: Vec<f64> = (0..p)
        .map(|j| {
            let sum: f64 = (0..n)
                .map(|k| f64::from(picked(k)[j]) - f64::from(last[j]))
                .sum();
            sum / n as f64 * keep[j]
        })
        .collect();
    // Centred rows kept in f32: they are differences of f32 weights, and this is the PCA's
    // largest allocation (checkpoints × parameters), made when a run ends.
    let rows: Vec<Vec<f32>> = (0..n)
        .map(|k| {
            let th = picked(k);
            (0..p)
                .map(|j| ((f64::from(th[j]) - f64::from(last[j])) * keep[j] - mean[j]) as f32)
                .collect()
        })
        .collect();
    let mut gram = vec![0.0f64; n * n];
    for i in 0..n {
        for j in i..n {
            let v = dot_f32_in_f64(&rows[i], &rows[j]);
            gram[i * n + j] = v;
            gram[j * n + i] = v;
        }
    }
    let trace: f64 = (0..n).map(|i| gram[i * n + i]).sum();
    if trace.is_nan() || trace <= 0.0 {
        return None;
    }
    let (l1, u1) = top_eigen(&gram, n, None);
    let (l2, u2) = top_eigen(&gram, n, Some(&u1));
    let direction = |u: &[f64]| -> Vec<f32> {
        let mut d: Vec<f64> = (0..p)
            .map(|j| (0..n).map(|i| u[i] * f64::from(rows[i][j])).sum())
            .collect();
        let len = d
            .iter()
            .map(|x| x * x)
            .sum::<f64>()
            .sqrt()
            .max(f64::MIN_POSITIVE);
        d.iter_mut().for_each(|x| *x /= len);
        d.into_iter().map(|x| x as f32).collect()
    };
    let (d1, d2) = (direction(&u1), direction(&u2));
    let plane = Plane {
        origin: last,
        d1,
        d2,
    };
    let coords = trajectory
        .iter()
        .map(|th| plane.project(th.as_ref()))
        .collect();
    Some(Pca {
        plane,
        explained: [l1 / trace, l2.max(0.0) / trace],
        coords,
    })
}

/// Checkpoints a PCA plane is computed from at most. Its cost grows with their square (the
/// Gram matrix), and the page computes it between two animation frames; Li et al. take one
/// checkpoint per epoch, so a couple of hundred along a smooth path loses nothing.
pub const PCA_CHECKPOINTS: usize = 200;

/// x · y in four interleaved lanes, which vectorise (one running sum would pin the order of
/// additions); differs from a left-to-right sum only by rounding.
fn dot_f64(x: &[f64], y: &[f64]) -> f64 {
    let mut lanes = [0.0f64; 4];
    let (xc, yc) = (x.chunks_exact(4), y.chunks_exact(4));
    let tail: f64 = xc
        .remainder()
        .iter()
        .zip(yc.remainder())
        .map(|(a, b)| a * b)
        .sum();
    for (a, b) in xc.zip(yc) {
        for k in 0..4 {
            lanes[k] += a[k] * b[k];
        }
    }
    (lanes[0] + lanes[2]) + (lanes[1] + lanes[3]) + tail
}

/// x · y of f32 vectors, summed in f64 lanes as [`dot_f64`] does.
fn dot_f32_in_f64(x: &[f32], y: &[f32]) -> f64 {
    let mut lanes = [0.0f64; 4];
    let (xc, yc) = (x.chunks_exact(4), y.chunks_exact(4));
    let tail: f64 = xc
        .remainder()
        .iter()
        .zip(yc.remainder())
        .map(|(&a, &b)| f64::from(a) * f64::from(b))
        .sum();
    for (a, b) in xc.zip(yc) {
        for k in 0..4 {
            lanes[k] += f64::from(a[k]) * f64::from(b[k]);
        }
    }
    (lanes[0] + lanes[2]) + (lanes[1] + lanes[3]) + tail
}

/// The largest eigenpair of the symmetric n×n matrix `m`, restricted to the complement of
/// `orthogonal_to` when given (deflation), by power iteration from a fixed start.
fn top_eigen(m: &[f64], n: usize, orthogonal_to: Option<&[f64]>) -> (f64, Vec<f64>) {
    let project = |v: &mut Vec<f64>| {
        if let Some(u) = orthogonal_to {
            let c: f64 = v.iter().zip(u).map(|(a, b)| a * b).sum();
            v.iter_mut().zip(u).for_each(|(a, b)| *a -= c * b);
        }
        let len = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        if len > 0.0 {
            v.iter_mut().for_each(|x| *x /= len);
        }
    };
    // A start with no special symmetry, so it is not orthogonal to the top eigenvector.
    let mut v: Vec<f64> = (0..n)
        .map(|i| 1.0 + (i as f64 * 0.618_033_988_7).fract())
        .collect();
    project(&mut v);
    let mut lambda = 0.0;
    for _ in 0..500 {
        let mut w: Vec<f64> = m.chunks_exact(n).map(|row| dot_f64(row, &v)).collect();
        project(&mut w);
        let mw: Vec<f64> = m.chunks_exact(n).map(|row| dot_f64(row, &w)).collect();
        let next: f64 = w.iter().zip(&mw).map(|(a, b)| a * b).sum();
        let done = (next - lambda).abs() <= 1e-12 * next.abs().max(1e-300);
        lambda = next;
        v = w;
        if done {
            break;
        }
    }
    (lambda, v)
}

/// A landscape grid over a [`Plane`], filled a slice at a time so that the page can compute it
/// between animation frames. Points not yet computed are NaN.
#[derive(Clone, Debug)]
pub struct PlaneGrid {
    plane: Plane,
    grid: Grid,
    next: usize,
    handed: usize,
    received: usize,
}

impl PlaneGrid {
    /// A grid of a ∈ x, b ∈ y on `plane`.
    pub fn new(plane: Plane, x: Axis, y: Axis) -> Self {
        Self {
            plane,
            grid: Grid {
                x,
                y,
                values: vec![f64::NAN; x.len * y.len],
            },
            next: 0,
            handed: 0,
            received: 0,
        }
    }

    /// Evaluates up to `points` more grid points: each is the full-data loss at θ(a, b).
    /// Returns true when the grid is complete.
    pub fn advance(&mut self, model: &mut dyn Model, data: &Dataset, points: usize) -> bool {
        let total = self.grid.values.len();
        let end = (self.next + points).min(total);
        let coords = coords(self.grid.x, self.grid.y, self.next..end);
        model.plane_losses(
            data,
            &self.plane,
            &coords,
            &mut self.grid.values[self.next..end],
        );
        self.next = end;
        self.is_done()
    }

    /// Whether every point is computed.
    pub fn is_done(&self) -> bool {
        self.next >= self.grid.values.len()
    }

    /// Takes the next `points` grid indices to compute elsewhere (a worker), or `None` when all
    /// are handed out. Their values arrive through [`PlaneGrid::fill`].
    pub fn hand_out(&mut self, points: usize) -> Option<std::ops::Range<usize>> {
        let total = self.grid.values.len();
        (self.handed < total).then(|| {
            let start = self.handed;
            self.handed = (start + points.max(1)).min(total);
            start..self.handed
        })
    }

    /// Takes back the points handed out whose values never came (their worker failed): they
    /// are computed by [`PlaneGrid::advance`] from the first missing one on.
    pub fn reclaim(&mut self) {
        let first_missing = self
            .grid
            .values
            .iter()
            .position(|v| v.is_nan())
            .unwrap_or(self.grid.values.len());
        self.next = first_missing;
        self.handed = self.grid.values.len();
    }

    /// Stores values computed elsewhere for the grid indices starting at `start`.
    pub fn fill(&mut self, start: usize, values: &[f64]) {
        let end = (start + values.len()).min(self.grid.values.len());
        self.grid.values[start..end].copy_from_slice(&values[..end - start]);
        self.received += end - start;
        if self.received >= self.grid.values.len() {
            self.next = self.grid.values.len();
        }
    }

    /// Share of points computed.
    pub fn progress(&self) -> f64 {
        self.next.max(self.received) as f64 / self.grid.values.len().max(1) as f64
    }

    /// The grid so far.
    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// The plane.
    pub fn plane(&self) -> &Plane {
        &self.plane
    }
}

/// The full-data loss at grid indices `range` of the plane (row-major, as in [`Grid`]): the work
/// a landscape worker does for one message.
pub fn plane_losses(
    model: &mut dyn Model,
    data: &Dataset,
    plane: &Plane,
    x: Axis,
    y: Axis,
    range: std::ops::Range<usize>,
) -> Vec<f64> {
    let coords = coords(x, y, range);
    let mut out = vec![0.0; coords.len()];
    model.plane_losses(data, plane, &coords, &mut out);
    out
}
