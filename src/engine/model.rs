//! Models with hand-written forward and backward passes. Parameters live in one flat `f32`
//! vector; a [`Layout`] names its pieces and says which are weights and which are biases,
//! because Ultralytics treats the two differently (decay, warmup_bias_lr).

pub mod conv;
pub mod line;
pub mod mlp;

use super::data::{Dataset, Targets};
use super::landscape::{EVAL_CHUNK, Plane};
use super::rng::StrideRng;

pub use conv::ConvNet;
pub use line::LineModel;
pub use mlp::{Activation, Mlp, tanh};

/// The parameter group of a tensor, as Ultralytics' `build_optimizer` sorts them (§1.4 of the
/// spec): biases get no weight decay and start warmup at `warmup_bias_lr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    /// Weights of linear and convolution layers (with weight decay).
    Weight,
    /// Biases (no decay).
    Bias,
}

/// One named tensor inside the flat parameter vector.
#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    /// Name, PyTorch style (`fc1.weight`).
    pub name: String,
    /// Shape, outermost first (`[out, in]` for a linear layer, `[out, in, k, k]` for a conv).
    pub shape: Vec<usize>,
    /// Where it starts in the flat vector.
    pub offset: usize,
    /// Its group.
    pub group: Group,
}

impl Tensor {
    /// Number of values.
    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }

    /// True for a tensor with no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Its range in the flat vector.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.offset..self.offset + self.len()
    }
}

/// The tensors of a model in the order they sit in the flat parameter vector.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// The tensors.
    pub tensors: Vec<Tensor>,
}

impl Layout {
    /// Appends a tensor after the last one.
    pub fn push(&mut self, name: impl Into<String>, shape: &[usize], group: Group) {
        let offset = self.len();
        self.tensors.push(Tensor {
            name: name.into(),
            shape: shape.to_vec(),
            offset,
            group,
        });
    }

    /// Total number of parameters.
    pub fn len(&self) -> usize {
        self.tensors.last().map_or(0, |t| t.offset + t.len())
    }

    /// True when there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ranges of the flat vector that belong to `group`.
    pub fn ranges(&self, group: Group) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        self.tensors
            .iter()
            .filter(move |t| t.group == group)
            .map(Tensor::range)
    }

    /// PyTorch's default initialisation of `nn.Linear` and `nn.Conv2d` (kaiming_uniform with
    /// a = √5 for weights, and the matching bias rule): every value of a layer uniform in
    /// [−1/√fan_in, 1/√fan_in], with fan_in the inputs of one output unit.
    pub fn init_pytorch(&self, rng: &mut StrideRng) -> Vec<f32> {
        use rand::RngExt;
        let mut params = vec![0.0f32; self.len()];
        let mut fan_in = 1usize;
        for t in &self.tensors {
            if t.group == Group::Weight {
                fan_in = t.shape[1..].iter().product::<usize>().max(1);
            }
            let bound = 1.0 / (fan_in as f32).sqrt();
            for p in &mut params[t.range()] {
                *p = rng.random_range(-bound..bound);
            }
        }
        params
    }
}

/// The targets of a batch.
#[derive(Clone, Copy, Debug)]
pub enum TargetSlice<'a> {
    /// Regression targets.
    Values(&'a [f32]),
    /// Class labels.
    Classes(&'a [u32]),
}

impl<'a> TargetSlice<'a> {
    /// The class labels. A classifier given regression targets is a programming error.
    pub fn labels(self) -> &'a [u32] {
        match self {
            TargetSlice::Classes(l) => l,
            TargetSlice::Values(_) => panic!("a classifier needs class labels"),
        }
    }

    /// The regression targets. A regression model given labels is a programming error.
    pub fn values(self) -> &'a [f32] {
        match self {
            TargetSlice::Values(v) => v,
            TargetSlice::Classes(_) => panic!("a regression model needs real-valued targets"),
        }
    }

    /// The targets of examples `start..end` of a data set.
    pub fn of(targets: &'a Targets, start: usize, end: usize) -> Self {
        match targets {
            Targets::Values(v) => TargetSlice::Values(&v[start..end]),
            Targets::Classes { labels, .. } => TargetSlice::Classes(&labels[start..end]),
        }
    }
}

/// What one gradient evaluation reports besides the gradient.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BatchLoss {
    /// Mean loss over the batch.
    pub loss: f32,
    /// Correct predictions in the batch (0 for regression).
    pub correct: usize,
}

/// Loss and accuracy summed over some examples.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Eval {
    /// Sum of per-example losses.
    pub loss_sum: f64,
    /// Correct predictions (0 for regression).
    pub correct: usize,
    /// Examples seen.
    pub count: usize,
}

impl Eval {
    /// Mean loss.
    pub fn loss(&self) -> f64 {
        self.loss_sum / self.count.max(1) as f64
    }

    /// Share of correct predictions.
    pub fn accuracy(&self) -> f64 {
        self.correct as f64 / self.count.max(1) as f64
    }

    /// Adds another evaluation.
    pub fn add(&mut self, other: Eval) {
        self.loss_sum += other.loss_sum;
        self.correct += other.correct;
        self.count += other.count;
    }
}

/// A model: a function of a flat parameter vector that scores a batch and differentiates the
/// score. Implementations keep their own workspace, so repeated calls do not allocate once the
/// largest batch has been seen.
pub trait Model {
    /// Its tensors.
    fn layout(&self) -> &Layout;

    /// Numbers per input example.
    fn input_dim(&self) -> usize;

    /// Fresh parameters, PyTorch's default initialisation unless the model says otherwise.
    fn init(&self, rng: &mut StrideRng) -> Vec<f32> {
        self.layout().init_pytorch(rng)
    }

    /// The mean loss over the batch (`inputs` row-major, one row per target) and the number of
    /// correct predictions; the gradient of the mean loss with respect to `params` is written
    /// over `grad`.
    fn loss_grad(
        &mut self,
        params: &[f32],
        inputs: &[f32],
        targets: TargetSlice,
        grad: &mut [f32],
    ) -> BatchLoss;

    /// Loss and accuracy summed over the batch, without a gradient.
    fn evaluate(&mut self, params: &[f32], inputs: &[f32], targets: TargetSlice) -> Eval;

    /// The mean loss over `data` at each point (a, b) of `plane`, the weights
    /// θ₀ + a·d₁ + b·d₂ (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets", §3),
    /// one per point into `out`. By default each point's weights are evaluated in turn; a
    /// model may share work between the points.
    fn plane_losses(
        &mut self,
        data: &Dataset,
        plane: &Plane,
        points: &[(f64, f64)],
        out: &mut [f64],
    ) {
        losses_point_by_point(self, data, plane, points, out);
    }

    /// Loss and accuracy over a whole data set, in chunks of `chunk` examples.
    fn evaluate_all(&mut self, params: &[f32], data: &Dataset, chunk: usize) -> Eval {
        let chunk = chunk.max(1);
        let mut total = Eval::default();
        let mut start = 0;
        while start < data.len() {
            let end = (start + chunk).min(data.len());
            let inputs = &data.inputs[start * data.dim..end * data.dim];
            total.add(self.evaluate(params, inputs, TargetSlice::of(&data.targets, start, end)));
            start = end;
        }
        total
    }
}

/// [`Model::plane_losses`] one point at a time: each point's weights, evaluated over the data.
pub(crate) fn losses_point_by_point<M: Model + ?Sized>(
    model: &mut M,
    data: &Dataset,
    plane: &Plane,
    points: &[(f64, f64)],
    out: &mut [f64],
) {
    let mut probe = plane.origin.clone();
    for (&(a, b), o) in points.iter().zip(out) {
        plane.point(a, b, &mut probe);
        *o = model.evaluate_all(&probe, data, EVAL_CHUNK).loss();
    }
}

/// max(x, 0), written as a comparison: `f32::max` must ignore NaN, which wasm's `max`
/// instruction does not, so on wasm it compiles to a branchy sequence that blocks SIMD (the
/// 64 × 64 conv landscape ran 4× slower with it). Passes NaN through, as PyTorch's ReLU does.
#[inline]
pub(crate) fn relu(x: f32) -> f32 {
    if x < 0.0 { 0.0 } else { x }
}

/// The larger of `a` and `b`, by comparison (see [`relu`]); `a` on ties, so the first maximum of
/// a pooling window wins as in PyTorch.
#[inline]
pub(crate) fn greater(a: f32, b: f32) -> f32 {
    if b > a { b } else { a }
}

/// y ← y + a·x, the inner loop of every dense layer.
#[inline]
pub(crate) fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    for (yi, &xi) in y.iter_mut().zip(x) {
        *yi += a * xi;
    }
}

/// out = init + a·b, a row-major `rows × k`, b row-major `k × n`, `init` a row of n broadcast
/// to every row of out (a bias) or zero: every dense layer's forward pass and both halves of its
/// backward pass are this product.
///
/// Four rows by eight columns of out are summed at a time in accumulators that stay in SIMD
/// registers while a's columns and b's rows stream past: the axpy form reloads and stores the
/// output row once per term, which made the MLP's kernels load/store bound, more so in wasm.
/// Each output is still summed over k in order, so the result is the same as the plain loops'.
pub(crate) fn matmul(
    a: &[f32],
    b: &[f32],
    init: Option<&[f32]>,
    out: &mut [f32],
    (rows, k, n): (usize, usize, usize),
) {
    let (a, b, out) = (&a[..rows * k], &b[..k * n], &mut out[..rows * n]);
    let wide = n - n % 8;
    let start = |j: usize| -> [f32; 8] {
        let mut acc = [0.0f32; 8];
        if let Some(init) = init {
            acc.copy_from_slice(&init[j..j + 8]);
        }
        acc
    };
    let mut r = 0;
    while r + 4 <= rows {
        let ar: [&[f32]; 4] = std::array::from_fn(|q| &a[(r + q) * k..(r + q + 1) * k]);
        for j in (0..wide).step_by(8) {
            let mut acc = [start(j); 4];
            for (t, bt) in b.chunks_exact(n).enumerate() {
                let w: &[f32; 8] = bt[j..j + 8].try_into().expect("8 wide");
                for q in 0..4 {
                    let p = ar[q][t];
                    for l in 0..8 {
                        acc[q][l] += p * w[l];
                    }
                }
            }
            for (q, acc) in acc.iter().enumerate() {
                out[(r + q) * n + j..(r + q) * n + j + 8].copy_from_slice(acc);
            }
        }
        r += 4;
    }
    for r in r..rows {
        let ar = &a[r * k..(r + 1) * k];
        for j in (0..wide).step_by(8) {
            let mut acc = start(j);
            for (&p, bt) in ar.iter().zip(b.chunks_exact(n)) {
                let w: &[f32; 8] = bt[j..j + 8].try_into().expect("8 wide");
                for l in 0..8 {
                    acc[l] += p * w[l];
                }
            }
            out[r * n + j..r * n + j + 8].copy_from_slice(&acc);
        }
    }
    // Columns past the last multiple of eight (narrow layers, small inputs): plain sums.
    for j in wide..n {
        for r in 0..rows {
            let mut sum = init.map_or(0.0, |init| init[j]);
            for t in 0..k {
                sum += a[r * k + t] * b[t * n + j];
            }
            out[r * n + j] = sum;
        }
    }
}

/// The transpose of row-major `rows × cols` `m` into `out` (`cols × rows`).
pub(crate) fn transpose(m: &[f32], out: &mut [f32], rows: usize, cols: usize) {
    for r in 0..rows {
        for c in 0..cols {
            out[c * rows + r] = m[r * cols + c];
        }
    }
}

/// x · y, summed in eight interleaved lanes: a single running sum would pin the order of
/// additions and keep the compiler from using SIMD; eight lanes map onto two 4-wide vectors.
/// The result differs from a left-to-right sum only by float rounding.
#[inline]
pub(crate) fn dot(x: &[f32], y: &[f32]) -> f32 {
    let n = x.len().min(y.len());
    let (x, y) = (&x[..n], &y[..n]);
    let mut lanes = [0.0f32; 8];
    let (xc, yc) = (x.chunks_exact(8), y.chunks_exact(8));
    let (xr, yr) = (xc.remainder(), yc.remainder());
    for (a, b) in xc.zip(yc) {
        for k in 0..8 {
            lanes[k] += a[k] * b[k];
        }
    }
    let mut tail = 0.0f32;
    for (a, b) in xr.iter().zip(yr) {
        tail += a * b;
    }
    ((lanes[0] + lanes[4]) + (lanes[1] + lanes[5]))
        + ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7]))
        + tail
}

#[cfg(test)]
mod tests {
    use super::{matmul, transpose};

    /// The blocked product sums each output over k in order, like the textbook loops, so the
    /// two agree exactly, for every remainder of the row and column blocks.
    #[test]
    fn matmul_is_the_plain_product() {
        for rows in [0, 1, 3, 4, 5, 9] {
            for k in [1, 2, 7] {
                for n in [1, 2, 8, 11, 16, 19] {
                    let a: Vec<f32> = (0..rows * k).map(|i| (i as f32 * 0.37).sin()).collect();
                    let b: Vec<f32> = (0..k * n).map(|i| (i as f32 * 0.91).cos()).collect();
                    let bias: Vec<f32> = (0..n).map(|j| j as f32 - 3.5).collect();
                    for init in [None, Some(&bias[..])] {
                        let mut out = vec![f32::NAN; rows * n];
                        matmul(&a, &b, init, &mut out, (rows, k, n));
                        for r in 0..rows {
                            for j in 0..n {
                                let mut want = init.map_or(0.0, |b| b[j]);
                                for t in 0..k {
                                    want += a[r * k + t] * b[t * n + j];
                                }
                                assert_eq!(out[r * n + j], want, "{rows}x{k}x{n} at ({r}, {j})");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn transpose_swaps_indices() {
        let m: Vec<f32> = (0..6).map(|i| i as f32).collect();
        let mut t = vec![0.0; 6];
        transpose(&m, &mut t, 2, 3);
        assert_eq!(t, [0.0, 3.0, 1.0, 4.0, 2.0, 5.0]);
    }
}
