//! Multi-layer perceptrons, from the linear classifier (no hidden layer) to deep MLPs.

use super::kernels::{dot, matmul, relu, transpose};
use super::{BatchLoss, Eval, Model, TargetSlice};
use crate::engine::layout::{Group, Layout};
use crate::engine::loss::{Scored, softmax_cross_entropy};

/// The non-linearity of the hidden layers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activation {
    /// tanh(z); derivative 1 − tanh²(z).
    Tanh,
    /// max(z, 0); derivative 1 for z > 0, else 0 (PyTorch's choice at 0).
    Relu,
}

impl Activation {
    /// Applies the activation in place, with the match outside the loop so the loop vectorises.
    #[inline]
    fn apply_all(self, zs: &mut [f32]) {
        match self {
            Activation::Tanh => zs.iter_mut().for_each(|z| *z = tanh(*z)),
            Activation::Relu => zs.iter_mut().for_each(|z| *z = relu(*z)),
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

/// tanh as a rational function, x·P(x²)/Q(x²) on x clamped to ±7.90531 (where tanh rounds to
/// ±1 in f32), with the coefficients of Eigen's `ptanh_float` (`MathFunctionsImpl.h`).
/// Within 4.1e-7 of the exact value everywhere (a few ulps; tested), and several times faster
/// than the libm call, which dominated MLP training and landscapes; it also vectorises.
#[inline]
// The coefficients are quoted as published; f32 rounds the last digits away. The clamp is
// written out because `f32::clamp` uses min/max, which are slow on wasm (see `relu`).
#[allow(clippy::excessive_precision, clippy::manual_clamp)]
pub fn tanh(x: f32) -> f32 {
    // Comparisons, not clamp: see `relu` on wasm's min and max.
    const LIMIT: f32 = 7.905_311;
    let x = if x > LIMIT {
        LIMIT
    } else if x < -LIMIT {
        -LIMIT
    } else {
        x
    };
    let x2 = x * x;
    let p = ((((((-2.760_768_5e-16f32 * x2 + 2.000_187_9e-13) * x2 - 8.604_671_5e-11) * x2
        + 5.122_297e-8)
        * x2
        + 1.485_722_4e-5)
        * x2
        + 6.372_619_3e-4)
        * x2
        + 4.893_524_6e-3)
        * x;
    let q = ((1.198_258_4e-6f32 * x2 + 1.185_347_1e-4) * x2 + 2.268_434_6e-3) * x2 + 4.893_525e-3;
    p / q
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
    /// Per layer: Wᵀ in the forward pass, then ∂L/∂Wᵀ in the backward pass.
    wt: Vec<Vec<f32>>,
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
            wt: sizes.windows(2).map(|p| vec![0.0; p[0] * p[1]]).collect(),
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
            if n_out >= 8 {
                // Wᵀ ([in, out]) once per batch, so that the product runs along the outputs.
                let wt = &mut self.wt[k];
                transpose(w, wt, n_out, n_in);
                matmul(x, wt, Some(b), out, (batch, n_in, n_out));
            } else {
                // A narrow layer (the logits): dot products over the inputs vectorise; a
                // product only two columns wide would not.
                for (r, zr) in out[..batch * n_out].chunks_exact_mut(n_out).enumerate() {
                    let xr = &x[r * n_in..(r + 1) * n_in];
                    for (o, z) in zr.iter_mut().enumerate() {
                        *z = b[o] + dot(&w[o * n_in..(o + 1) * n_in], xr);
                    }
                }
            }
            if hidden {
                self.activation.apply_all(&mut out[..batch * n_out]);
            }
        }
    }
}

impl Mlp {
    /// Forward pass and softmax cross-entropy over the batch; with `grad`, ∂L/∂logits goes to
    /// `self.delta` for the backward pass.
    fn score(&mut self, params: &[f32], inputs: &[f32], labels: &[u32], grad: bool) -> Scored {
        let batch = labels.len();
        self.forward(params, inputs, batch);
        let layers = self.sizes.len() - 1;
        let classes = self.sizes[layers];
        let delta = grad.then(|| &mut self.delta[..batch * classes]);
        softmax_cross_entropy(
            &self.acts[layers - 1][..batch * classes],
            labels,
            classes,
            delta,
        )
    }

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

    /// The decision boundary of a two-input, two-class model: P(class 1) at the centres of a
    /// `side` × `side` grid over the square [lo, hi]², row-major from the bottom row.
    pub fn probability_grid(
        &mut self,
        params: &[f32],
        side: usize,
        (lo, hi): (f64, f64),
    ) -> Vec<f32> {
        let cell = (hi - lo) / side.max(1) as f64;
        let centre = |i: usize| (lo + (i as f64 + 0.5) * cell) as f32;
        let points: Vec<f32> = (0..side * side)
            .flat_map(|k| [centre(k % side), centre(k / side)])
            .collect();
        let mut prob = Vec::with_capacity(side * side);
        self.class1_probability(params, &points, &mut prob);
        prob
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
        let scored = self.score(params, inputs, labels, true);
        let layers = self.sizes.len() - 1;
        grad.fill(0.0);
        for k in (0..layers).rev() {
            let (n_in, n_out) = (self.sizes[k], self.sizes[k + 1]);
            let w_range = self.layout.tensors[2 * k].range();
            let b_range = self.layout.tensors[2 * k + 1].range();
            let x: &[f32] = if k == 0 { inputs } else { &self.acts[k - 1] };
            let delta = &self.delta[..batch * n_out];
            let gb = &mut grad[b_range];
            for dr in delta.chunks_exact(n_out) {
                for (g, &d) in gb.iter_mut().zip(dr) {
                    *g += d;
                }
            }
            // ∂L/∂W = δᵀ·x, summed over the batch. The product is arranged so that its output
            // rows are at least eight wide (PyTorch's [out, in] directly, or its transpose for
            // a layer with fewer than eight inputs); `delta_in` is free until ∂L/∂x below.
            let scratch = &mut self.delta_in;
            if n_in >= 8 {
                transpose(delta, scratch, batch, n_out);
                matmul(
                    scratch,
                    x,
                    None,
                    &mut grad[w_range.clone()],
                    (n_out, batch, n_in),
                );
            } else {
                transpose(&x[..batch * n_in], scratch, batch, n_in);
                let gwt = &mut self.wt[k];
                matmul(scratch, delta, None, gwt, (n_in, batch, n_out));
                transpose(gwt, &mut grad[w_range.clone()], n_in, n_out);
            }
            if k == 0 {
                break;
            }
            let w = &params[w_range];
            let below = &self.acts[k - 1][..batch * n_in];
            let dx = &mut self.delta_in[..batch * n_in];
            matmul(delta, w, None, dx, (batch, n_out, n_in));
            for (dxi, &a) in dx.iter_mut().zip(below) {
                *dxi *= self.activation.derivative_from_output(a);
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
        let scored = self.score(params, inputs, labels, false);
        Eval {
            loss_sum: f64::from(scored.loss_sum),
            correct: scored.correct,
            count: batch,
        }
    }
}
