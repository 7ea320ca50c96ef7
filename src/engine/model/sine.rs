//! The two-parameter sine model as a [`Model`].

use super::{BatchLoss, Eval, Model, TargetSlice};
use crate::engine::layout::{Group, Layout};
use crate::engine::rng::StrideRng;

/// Every run of the sine task starts here, whatever the seed: (w, b) = (1, −1.2), on the
/// slope below the ridge that parts the shallow minimum from the deep one. Small steps run
/// down to the floor on the near side of the ridge and then to the shallow minimum; a step of
/// lr ≈ 1 lands beyond it (measured at noise 0.1, seeds 0 to 5: lr 0.1 to 0.5 stay, 0.8 to
/// 1.2 cross).
pub const START: (f32, f32) = (1.0, -1.2);

/// y = sin(w·x + b) under the mean squared error; `w` (the frequency) is a weight, `b` (the
/// phase) a bias.
#[derive(Clone, Debug)]
pub struct SineModel {
    layout: Layout,
}

impl Default for SineModel {
    fn default() -> Self {
        let mut layout = Layout::default();
        layout.push("weight", &[1, 1], Group::Weight);
        layout.push("bias", &[1], Group::Bias);
        Self { layout }
    }
}

impl SineModel {
    /// The sine model.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Model for SineModel {
    fn layout(&self) -> &Layout {
        &self.layout
    }

    fn input_dim(&self) -> usize {
        1
    }

    /// Starts at (w, b) = [`START`], whatever the seed, so every run of the lesson starts from
    /// the same wave.
    fn init(&self, _rng: &mut StrideRng) -> Vec<f32> {
        vec![START.0, START.1]
    }

    /// L = (1/B) Σ (sin(w·x + b) − y)²; with r = sin(w·x + b) − y,
    /// ∂L/∂w = (2/B) Σ r·cos(w·x + b)·x and ∂L/∂b = (2/B) Σ r·cos(w·x + b).
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
            let (s, c) = (w * x + b).sin_cos();
            let r = s - y;
            sum += r * r;
            gw += r * c * x;
            gb += r * c;
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
            .map(|(&x, &y)| f64::from(((params[0] * x + params[1]).sin() - y).powi(2)))
            .sum();
        Eval {
            loss_sum,
            correct: 0,
            count: ys.len(),
        }
    }
}
