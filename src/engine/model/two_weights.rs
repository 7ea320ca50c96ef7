//! What the line and the sine model share: one input, two parameters (w, b), the prediction
//! y = φ(w·x + b) for a fixed function φ, and the mean squared error.

use std::fmt::Debug;
use std::marker::PhantomData;

use super::{BatchLoss, Eval, Model, TargetSlice};
use crate::engine::layout::{Group, Layout};
use crate::engine::rng::StrideRng;

/// The function φ a two-weight model passes t = w·x + b through, and where its runs start.
pub trait Curve: Clone + Debug {
    /// (w, b) of every run, whatever the seed, so every run of a lesson starts from the same
    /// curve.
    const START: (f32, f32);

    /// φ(t) and its derivative φ′(t).
    fn value_slope(t: f32) -> (f32, f32);

    /// φ(t) alone, for evaluations that need no gradient.
    fn value(t: f32) -> f32 {
        Self::value_slope(t).0
    }
}

/// y = φ(w·x + b) under the mean squared error; `w` is a weight, `b` a bias (Ultralytics'
/// groups: `b` gets no weight decay and warms up at `warmup_bias_lr`).
#[derive(Clone, Debug)]
pub struct TwoWeights<C: Curve> {
    layout: Layout,
    curve: PhantomData<C>,
}

impl<C: Curve> Default for TwoWeights<C> {
    fn default() -> Self {
        let mut layout = Layout::default();
        layout.push("weight", &[1, 1], Group::Weight);
        layout.push("bias", &[1], Group::Bias);
        Self {
            layout,
            curve: PhantomData,
        }
    }
}

impl<C: Curve> TwoWeights<C> {
    /// The model.
    pub fn new() -> Self {
        Self::default()
    }
}

impl<C: Curve> Model for TwoWeights<C> {
    fn layout(&self) -> &Layout {
        &self.layout
    }

    fn input_dim(&self) -> usize {
        1
    }

    /// Starts at (w, b) = [`Curve::START`], whatever the seed.
    fn init(&self, _rng: &mut StrideRng) -> Vec<f32> {
        vec![C::START.0, C::START.1]
    }

    /// With t = w·x + b and r = φ(t) − y, by the chain rule:
    /// L = (1/B) Σ r², ∂L/∂w = (2/B) Σ r·φ′(t)·x, ∂L/∂b = (2/B) Σ r·φ′(t).
    fn loss_grad(
        &mut self,
        params: &[f32],
        inputs: &[f32],
        targets: TargetSlice,
        grad: &mut [f32],
    ) -> BatchLoss {
        let (w, b) = (params[0], params[1]);
        let ys = targets.values();
        let (mut sum, mut gw, mut gb) = (0.0f32, 0.0f32, 0.0f32);
        for (&x, &y) in inputs.iter().zip(ys) {
            let (value, slope) = C::value_slope(w * x + b);
            let r = value - y;
            sum += r * r;
            gw += r * slope * x;
            gb += r * slope;
        }
        let n = ys.len().max(1) as f32;
        grad[0] = 2.0 * gw / n;
        grad[1] = 2.0 * gb / n;
        BatchLoss {
            loss: sum / n,
            correct: 0,
        }
    }

    fn evaluate(&mut self, params: &[f32], inputs: &[f32], targets: TargetSlice) -> Eval {
        let ys = targets.values();
        let loss_sum: f64 = inputs
            .iter()
            .zip(ys)
            .map(|(&x, &y)| f64::from((C::value(params[0] * x + params[1]) - y).powi(2)))
            .sum();
        Eval {
            loss_sum,
            correct: 0,
            count: ys.len(),
        }
    }
}
