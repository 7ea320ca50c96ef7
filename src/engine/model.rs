//! Models with hand-written forward and backward passes. Parameters live in one flat `f32`
//! vector; a [`Layout`] names its pieces and says which are weights and which are biases,
//! because Ultralytics treats the two differently (decay, warmup_bias_lr).

pub mod conv;
pub(crate) mod kernels;
pub mod line;
pub mod mlp;
pub mod sine;
pub mod two_weights;

use super::data::{Dataset, Targets};
use super::layout::Layout;
use super::plane::{EVAL_CHUNK, Plane};
use super::rng::StrideRng;

pub use conv::ConvNet;
pub use line::LineModel;
pub use mlp::{Activation, Mlp, tanh};
pub use sine::SineModel;

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
