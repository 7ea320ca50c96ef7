//! The two-parameter line model as a [`Model`].

use super::{BatchLoss, Eval, Model, TargetSlice};
use crate::engine::layout::{Group, Layout};
use crate::engine::rng::StrideRng;

/// Every run of the line task starts here, (w, b) = (−1, 0): off the minimum (2, −1) both along
/// the valley floor and across it, so both the slow and the steep direction show in the path.
pub const START: (f32, f32) = (-1.0, 0.0);

/// y = w·x + b under the mean squared error; `w` is a weight, `b` a bias.
#[derive(Clone, Debug)]
pub struct LineModel {
    layout: Layout,
}

impl Default for LineModel {
    fn default() -> Self {
        let mut layout = Layout::default();
        layout.push("weight", &[1, 1], Group::Weight);
        layout.push("bias", &[1], Group::Bias);
        Self { layout }
    }
}

impl LineModel {
    /// The line model.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Model for LineModel {
    fn layout(&self) -> &Layout {
        &self.layout
    }

    fn input_dim(&self) -> usize {
        1
    }

    /// Starts at (w, b) = [`START`], whatever the seed, so every run of the lesson starts from
    /// the same line, off the minimum along both directions of the valley.
    fn init(&self, _rng: &mut StrideRng) -> Vec<f32> {
        vec![START.0, START.1]
    }

    /// L = (1/B) Σ (w·x + b − y)², ∂L/∂w = (2/B) Σ r·x, ∂L/∂b = (2/B) Σ r.
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
            let r = w * x + b - y;
            sum += r * r;
            gw += r * x;
            gb += r;
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
            .map(|(&x, &y)| f64::from((params[0] * x + params[1] - y).powi(2)))
            .sum();
        Eval {
            loss_sum,
            correct: 0,
            count: ys.len(),
        }
    }
}
