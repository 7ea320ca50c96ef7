//! Multi-layer perceptrons, from the linear classifier (no hidden layer) to deep MLPs.

use super::{BatchLoss, Eval, Group, Layout, Model, TargetSlice, axpy, dot};
use crate::engine::loss::softmax_cross_entropy;

/// The non-linearity of the hidden layers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activation {
    /// tanh(z); derivative 1 − tanh²(z).
    Tanh,
    /// max(z, 0); derivative 1 for z > 0, else 0 (PyTorch's choice at 0).
    Relu,
}

impl Activation {
    #[inline]
    fn apply(self, z: f32) -> f32 {
        match self {
            Activation::Tanh => z.tanh(),
            Activation::Relu => z.max(0.0),
        }
    }

    /// The derivative, written in terms of the output a = f(z).
    #[inline]
    fn derivative_from_output(self, a: f32) -> f32 {
        match self {
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu => f32::from(u8::from(a > 0.0)),
        }
    }

    /// Its name in menus and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
        }
    }
}

/// Dense layers `sizes[0] → sizes[1] → … → classes` with `activation` between them and
/// softmax cross-entropy on the output logits. Layer k computes z = x·Wₖᵀ + bₖ, Wₖ of shape
/// [out, in] as in PyTorch's `nn.Linear`. With `sizes = [d, c]` this is a linear classifier.
#[derive(Clone, Debug)]
pub struct Mlp {
    sizes: Vec<usize>,
    activation: Activation,
    layout: Layout,
    capacity: usize,
    /// Output of each layer for the current batch (`acts[k]` is B × sizes[k + 1]).
    acts: Vec<Vec<f32>>,
    /// Gradient with respect to the current layer's output, and to its input.
    delta: Vec<f32>,
    delta_in: Vec<f32>,
}

impl Mlp {
    /// An MLP with the given layer sizes (input first, classes last; at least two entries).
    pub fn new(sizes: &[usize], activation: Activation) -> Self {
        assert!(sizes.len() >= 2, "an MLP needs an input and an output size");
        let mut layout = Layout::default();
        for (k, pair) in sizes.windows(2).enumerate() {
            layout.push(
                format!("fc{}.weight", k + 1),
                &[pair[1], pair[0]],
                Group::Weight,
            );
            layout.push(format!("fc{}.bias", k + 1), &[pair[1]], Group::Bias);
        }
        Self {
            sizes: sizes.to_vec(),
            activation,
            layout,
            capacity: 0,
            acts: vec![Vec::new(); sizes.len() - 1],
            delta: Vec::new(),
            delta_in: Vec::new(),
        }
    }

    /// The layer sizes.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    fn reserve(&mut self, batch: usize) {
        if batch <= self.capacity {
            return;
        }
        self.capacity = batch;
        for (k, a) in self.acts.iter_mut().enumerate() {
            a.resize(batch * self.sizes[k + 1], 0.0);
        }
        let widest = self.sizes.iter().copied().max().unwrap_or(0);
        self.delta.resize(batch * widest, 0.0);
        self.delta_in.resize(batch * widest, 0.0);
    }

    fn forward(&mut self, params: &[f32], inputs: &[f32], batch: usize) {
        self.reserve(batch);
        let layers = self.sizes.len() - 1;
        for k in 0..layers {
            let (n_in, n_out) = (self.sizes[k], self.sizes[k + 1]);
            let w = &params[self.layout.tensors[2 * k].range()];
            let b = &params[self.layout.tensors[2 * k + 1].range()];
            let (before, rest) = self.acts.split_at_mut(k);
            let x: &[f32] = if k == 0 { inputs } else { &before[k - 1] };
            let out = &mut rest[0];
            let hidden = k + 1 < layers;
            for r in 0..batch {
                let xr = &x[r * n_in..(r + 1) * n_in];
                let zr = &mut out[r * n_out..(r + 1) * n_out];
                for (o, z) in zr.iter_mut().enumerate() {
                    let v = b[o] + dot(&w[o * n_in..(o + 1) * n_in], xr);
                    *z = if hidden { self.activation.apply(v) } else { v };
                }
            }
        }
    }
}

impl Mlp {
    /// The predicted probability of class 1 for each row of `inputs` (two-class models), for
    /// drawing the decision boundary. Written into `out`.
    pub fn class1_probability(&mut self, params: &[f32], inputs: &[f32], out: &mut Vec<f32>) {
        let batch = inputs.len() / self.sizes[0].max(1);
        self.forward(params, inputs, batch);
        let layers = self.sizes.len() - 1;
        let classes = self.sizes[layers];
        out.clear();
        for r in 0..batch {
            let z = &self.acts[layers - 1][r * classes..(r + 1) * classes];
            let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let sum: f32 = z.iter().map(|&v| (v - max).exp()).sum();
            out.push(z.get(1).map_or(0.0, |&v| (v - max).exp() / sum));
        }
    }
}

impl Model for Mlp {
    fn layout(&self) -> &Layout {
        &self.layout
    }

    fn input_dim(&self) -> usize {
        self.sizes[0]
    }

    /// Backpropagation: with δ = ∂L/∂z of a layer, ∂L/∂W = δᵀ·x, ∂L/∂b = Σ_rows δ,
    /// ∂L/∂x = δ·W, and the δ of the layer below is ∂L/∂x ⊙ f′.
    fn loss_grad(
        &mut self,
        params: &[f32],
        inputs: &[f32],
        targets: TargetSlice,
        grad: &mut [f32],
    ) -> BatchLoss {
        let labels = targets.labels();
        let batch = labels.len();
        self.forward(params, inputs, batch);
        let layers = self.sizes.len() - 1;
        let classes = self.sizes[layers];
        let scored = softmax_cross_entropy(
            &self.acts[layers - 1][..batch * classes],
            labels,
            classes,
            Some(&mut self.delta[..batch * classes]),
        );
        grad.fill(0.0);
        for k in (0..layers).rev() {
            let (n_in, n_out) = (self.sizes[k], self.sizes[k + 1]);
            let w_range = self.layout.tensors[2 * k].range();
            let b_range = self.layout.tensors[2 * k + 1].range();
            let x: &[f32] = if k == 0 { inputs } else { &self.acts[k - 1] };
            {
                let (gw, gb) = grad.split_at_mut(b_range.start);
                let gw = &mut gw[w_range.clone()];
                let gb = &mut gb[..n_out];
                for r in 0..batch {
                    let dr = &self.delta[r * n_out..(r + 1) * n_out];
                    let xr = &x[r * n_in..(r + 1) * n_in];
                    for (o, &d) in dr.iter().enumerate() {
                        gb[o] += d;
                        axpy(&mut gw[o * n_in..(o + 1) * n_in], d, xr);
                    }
                }
            }
            if k == 0 {
                break;
            }
            let w = &params[w_range];
            let below = &self.acts[k - 1];
            for r in 0..batch {
                let dx = &mut self.delta_in[r * n_in..(r + 1) * n_in];
                dx.fill(0.0);
                for (o, &d) in self.delta[r * n_out..(r + 1) * n_out].iter().enumerate() {
                    axpy(dx, d, &w[o * n_in..(o + 1) * n_in]);
                }
                for (dxi, &a) in dx.iter_mut().zip(&below[r * n_in..(r + 1) * n_in]) {
                    *dxi *= self.activation.derivative_from_output(a);
                }
            }
            std::mem::swap(&mut self.delta, &mut self.delta_in);
        }
        BatchLoss {
            loss: scored.loss_sum / batch.max(1) as f32,
            correct: scored.correct,
        }
    }

    fn evaluate(&mut self, params: &[f32], inputs: &[f32], targets: TargetSlice) -> Eval {
        let labels = targets.labels();
        let batch = labels.len();
        self.forward(params, inputs, batch);
        let layers = self.sizes.len() - 1;
        let classes = self.sizes[layers];
        let scored = softmax_cross_entropy(
            &self.acts[layers - 1][..batch * classes],
            labels,
            classes,
            None,
        );
        Eval {
            loss_sum: f64::from(scored.loss_sum),
            correct: scored.correct,
            count: batch,
        }
    }
}
