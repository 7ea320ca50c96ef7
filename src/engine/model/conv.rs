//! The small convolutional network of workload W3.

mod w3;

use self::w3::HEAD;
use super::kernels::{axpy, dot, relu};
use super::{BatchLoss, Eval, Model, TargetSlice, losses_point_by_point};
use crate::engine::data::Dataset;
use crate::engine::layout::{Group, Layout};
use crate::engine::loss::softmax_cross_entropy;
use crate::engine::plane::Plane;

/// conv k×k (1 → `channels`, stride 1, no padding) → ReLU → 2×2 max-pool, stride 2 →
/// dense → softmax cross-entropy, on square one-channel images. With 8×8 digits, k = 3 and 8
/// channels: 8×8 → 8×6×6 → 8×3×3 = 72 → 10, as W3 specifies. Tensors are laid out as PyTorch's
/// `nn.Conv2d` ([out, in, k, k]) and `nn.Linear` ([out, in]), and the pooled map is flattened
/// channel-major like `torch.flatten`.
#[derive(Clone, Debug)]
pub struct ConvNet {
    side: usize,
    kernel: usize,
    channels: usize,
    classes: usize,
    layout: Layout,
    capacity: usize,
    conv: Vec<f32>,
    pooled: Vec<f32>,
    argmax: Vec<u32>,
    patches: Vec<f32>,
    fc_eval: Vec<f32>,
    logits: Vec<f32>,
    dlogits: Vec<f32>,
    dpooled: Vec<f32>,
}

impl ConvNet {
    /// A network for `side`×`side` images.
    pub fn new(side: usize, kernel: usize, channels: usize, classes: usize) -> Self {
        assert!(
            side > kernel && kernel >= 1,
            "the image must be larger than the kernel"
        );
        let mut layout = Layout::default();
        layout.push("conv.weight", &[channels, 1, kernel, kernel], Group::Weight);
        layout.push("conv.bias", &[channels], Group::Bias);
        let conv_side = side - kernel + 1;
        let pooled = channels * (conv_side / 2).pow(2);
        layout.push("fc.weight", &[classes, pooled], Group::Weight);
        layout.push("fc.bias", &[classes], Group::Bias);
        Self {
            side,
            kernel,
            channels,
            classes,
            layout,
            capacity: 0,
            conv: Vec::new(),
            pooled: Vec::new(),
            argmax: Vec::new(),
            patches: vec![0.0; kernel * kernel * (side - kernel + 1).pow(2)],
            fc_eval: vec![0.0; HEAD * pooled],
            logits: Vec::new(),
            dlogits: Vec::new(),
            dpooled: Vec::new(),
        }
    }

    /// W3's network for the 8×8 digits.
    pub fn w3() -> Self {
        Self::new(8, 3, 8, 10)
    }

    fn conv_side(&self) -> usize {
        self.side - self.kernel + 1
    }

    fn pool_side(&self) -> usize {
        self.conv_side() / 2
    }

    fn pooled_len(&self) -> usize {
        self.channels * self.pool_side().pow(2)
    }

    fn reserve(&mut self, batch: usize) {
        if batch <= self.capacity {
            return;
        }
        self.capacity = batch;
        let conv = self.channels * self.conv_side().pow(2);
        self.conv.resize(batch * conv, 0.0);
        self.pooled.resize(batch * self.pooled_len(), 0.0);
        self.argmax.resize(batch * self.pooled_len(), 0);
        self.logits.resize(batch * self.classes, 0.0);
        self.dlogits.resize(batch * self.classes, 0.0);
        self.dpooled.resize(self.pooled_len(), 0.0);
    }

    fn forward(&mut self, params: &[f32], inputs: &[f32], batch: usize) {
        self.reserve(batch);
        let (s, k, cs, ps) = (self.side, self.kernel, self.conv_side(), self.pool_side());
        let t = &self.layout.tensors;
        let (cw, cb) = (&params[t[0].range()], &params[t[1].range()]);
        let (fw, fb) = (&params[t[2].range()], &params[t[3].range()]);
        let conv_len = self.channels * cs * cs;
        let pooled_len = self.pooled_len();
        for r in 0..batch {
            let img = &inputs[r * s * s..(r + 1) * s * s];
            // im2col, transposed: row t holds kernel tap t's input under every output position,
            // so each (channel, tap) pair is one long axpy that vectorises, instead of a 3-wide
            // dot product per output pixel.
            let positions = cs * cs;
            for ki in 0..k {
                for kj in 0..k {
                    let row =
                        &mut self.patches[(ki * k + kj) * positions..(ki * k + kj + 1) * positions];
                    for i in 0..cs {
                        row[i * cs..(i + 1) * cs]
                            .copy_from_slice(&img[(i + ki) * s + kj..(i + ki) * s + kj + cs]);
                    }
                }
            }
            let conv = &mut self.conv[r * conv_len..(r + 1) * conv_len];
            for c in 0..self.channels {
                let out = &mut conv[c * positions..(c + 1) * positions];
                out.fill(cb[c]);
                for (tap, &w) in cw[c * k * k..(c + 1) * k * k].iter().enumerate() {
                    axpy(
                        out,
                        w,
                        &self.patches[tap * positions..(tap + 1) * positions],
                    );
                }
                out.iter_mut().for_each(|v| *v = relu(*v));
            }
            let pooled = &mut self.pooled[r * pooled_len..(r + 1) * pooled_len];
            let argmax = &mut self.argmax[r * pooled_len..(r + 1) * pooled_len];
            for c in 0..self.channels {
                for i in 0..ps {
                    for j in 0..ps {
                        let mut best = (c * cs + 2 * i) * cs + 2 * j;
                        for (di, dj) in [(0, 1), (1, 0), (1, 1)] {
                            let idx = (c * cs + 2 * i + di) * cs + 2 * j + dj;
                            // Strictly greater: the first maximum wins, as in PyTorch.
                            if conv[idx] > conv[best] {
                                best = idx;
                            }
                        }
                        let o = (c * ps + i) * ps + j;
                        pooled[o] = conv[best];
                        argmax[o] = best as u32;
                    }
                }
            }
            let logits = &mut self.logits[r * self.classes..(r + 1) * self.classes];
            for (o, z) in logits.iter_mut().enumerate() {
                *z = fb[o] + dot(&fw[o * pooled_len..(o + 1) * pooled_len], pooled);
            }
        }
    }
}

impl Model for ConvNet {
    fn layout(&self) -> &Layout {
        &self.layout
    }

    fn input_dim(&self) -> usize {
        self.side * self.side
    }

    /// Backpropagation through dense, max-pool (the gradient goes to the arg-max only),
    /// ReLU (passes where the output is positive) and the convolution
    /// (∂L/∂w[c, ki, kj] = Σᵢⱼ δ[c, i, j]·x[i + ki, j + kj], ∂L/∂b[c] = Σᵢⱼ δ[c, i, j]).
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
        let scored = softmax_cross_entropy(
            &self.logits[..batch * self.classes],
            labels,
            self.classes,
            Some(&mut self.dlogits[..batch * self.classes]),
        );
        grad.fill(0.0);
        let (s, k, cs) = (self.side, self.kernel, self.conv_side());
        let t = &self.layout.tensors;
        let (cw_r, cb_r, fw_r, fb_r) = (t[0].range(), t[1].range(), t[2].range(), t[3].range());
        let fw = &params[fw_r.clone()];
        let pooled_len = self.pooled_len();
        let conv_len = self.channels * cs * cs;
        for r in 0..batch {
            let dl = &self.dlogits[r * self.classes..(r + 1) * self.classes];
            let pooled = &self.pooled[r * pooled_len..(r + 1) * pooled_len];
            self.dpooled.fill(0.0);
            for (o, &d) in dl.iter().enumerate() {
                grad[fb_r.start + o] += d;
                axpy(
                    &mut grad[fw_r.start + o * pooled_len..fw_r.start + (o + 1) * pooled_len],
                    d,
                    pooled,
                );
                axpy(
                    &mut self.dpooled,
                    d,
                    &fw[o * pooled_len..(o + 1) * pooled_len],
                );
            }
            let img = &inputs[r * s * s..(r + 1) * s * s];
            let conv = &self.conv[r * conv_len..(r + 1) * conv_len];
            let argmax = &self.argmax[r * pooled_len..(r + 1) * pooled_len];
            for (o, &d) in self.dpooled.iter().enumerate() {
                let idx = argmax[o] as usize;
                if d == 0.0 || conv[idx] <= 0.0 {
                    continue;
                }
                let c = idx / (cs * cs);
                let (i, j) = ((idx % (cs * cs)) / cs, idx % cs);
                grad[cb_r.start + c] += d;
                let gw = &mut grad[cw_r.start + c * k * k..cw_r.start + (c + 1) * k * k];
                for ki in 0..k {
                    axpy(
                        &mut gw[ki * k..(ki + 1) * k],
                        d,
                        &img[(i + ki) * s + j..(i + ki) * s + j + k],
                    );
                }
            }
        }
        BatchLoss {
            loss: scored.loss_sum / batch.max(1) as f32,
            correct: scored.correct,
        }
    }

    fn plane_losses(
        &mut self,
        data: &Dataset,
        plane: &Plane,
        points: &[(f64, f64)],
        out: &mut [f64],
    ) {
        if self.is_w3() {
            self.plane_losses_w3(data, plane, points, out);
        } else {
            losses_point_by_point(self, data, plane, points, out);
        }
    }

    fn evaluate(&mut self, params: &[f32], inputs: &[f32], targets: TargetSlice) -> Eval {
        let labels = targets.labels();
        let batch = labels.len();
        if self.is_w3() {
            self.reserve(batch);
            self.forward_eval_w3(params, inputs, batch);
        } else {
            self.forward(params, inputs, batch);
        }
        let scored = softmax_cross_entropy(
            &self.logits[..batch * self.classes],
            labels,
            self.classes,
            None,
        );
        Eval {
            loss_sum: f64::from(scored.loss_sum),
            correct: scored.correct,
            count: batch,
        }
    }
}
