//! The small convolutional network of workload W3.

use super::{
    BatchLoss, Eval, Group, Layout, Model, TargetSlice, axpy, dot, greater, losses_point_by_point,
    relu,
};
use crate::engine::data::Dataset;
use crate::engine::landscape::Plane;
use crate::engine::loss::softmax_cross_entropy;

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

/// The W3 shape, for which [`ConvNet::forward_eval_w3`] keeps everything on the stack.
const W3: (usize, usize, usize) = (8, 3, 8);
const S: usize = 8;
const K: usize = 3;
const C: usize = 8;
const CS: usize = S - K + 1;
const PS: usize = CS / 2;
const POOLED: usize = C * PS * PS;

/// A W3 conv layer's output for one image, channels innermost: [position][channel].
type ConvMap = [[f32; C]; CS * CS];
/// W3 conv weights as [tap][channel], so one tap updates all channels at once.
type Taps = [[f32; C]; K * K];

/// The conv weights (PyTorch's [channel, 1, k, k]) as [`Taps`].
fn taps(cw: &[f32]) -> Taps {
    let mut wt = [[0.0f32; C]; K * K];
    for c in 0..C {
        for tap in 0..K * K {
            wt[tap][c] = cw[c * K * K + tap];
        }
    }
    wt
}

/// The conv layer's pre-activations z = w ⋆ img + bias: each output position is eight lanes of
/// accumulators held in registers while the nine taps stream past.
fn conv_w3(img: &[f32], wt: &Taps, bias: &[f32; C], out: &mut ConvMap) {
    for i in 0..CS {
        for j in 0..CS {
            let mut acc = *bias;
            for ki in 0..K {
                for kj in 0..K {
                    let x = img[(i + ki) * S + j + kj];
                    let w = &wt[ki * K + kj];
                    for c in 0..C {
                        acc[c] += x * w[c];
                    }
                }
            }
            out[i * CS + j] = acc;
        }
    }
}

/// Classes the W3 evaluation path takes, padded to whole 4-lane vectors.
const HEAD: usize = 12;

/// The dense weights ([class, channel·9 + position], torch's flatten order) transposed to
/// [position·8 + channel, class] and padded to [`HEAD`] classes with zeros, so that each pooled
/// value adds itself times a row of weights to all the logits at once: three vector
/// accumulators in registers, where ten dot products had LLVM gather weights lane by lane.
fn dense_w3(fw: &[f32], classes: usize, out: &mut [f32]) {
    for q in 0..PS * PS {
        for c in 0..C {
            let row = &mut out[(q * C + c) * HEAD..(q * C + c + 1) * HEAD];
            for (o, w) in row.iter_mut().enumerate() {
                *w = if o < classes {
                    fw[o * POOLED + c * PS * PS + q]
                } else {
                    0.0
                };
            }
        }
    }
}

/// 2×2 max-pool and ReLU of one image's conv pre-activations z(q), for the pooled positions
/// in [position·8 + channel] order. ReLU after the pool rather than before, as the layers are
/// written: both are monotone, so the result is the same, on a quarter of the values.
#[inline]
fn pool_w3(z: impl Fn(usize) -> [f32; C]) -> [f32; POOLED] {
    let mut pooled = [0.0f32; POOLED];
    for i in 0..PS {
        for j in 0..PS {
            let p = 2 * i * CS + 2 * j;
            let (a, b, d, e) = (z(p), z(p + 1), z(p + CS), z(p + CS + 1));
            let q = (i * PS + j) * C;
            for c in 0..C {
                pooled[q + c] = relu(greater(greater(greater(a[c], b[c]), d[c]), e[c]));
            }
        }
    }
    pooled
}

/// The dense layer on the pooled values; the logits go to `logits` (`fcw` from [`dense_w3`]).
fn dense_head_w3(pooled: &[f32; POOLED], fcw: &[f32], fb: &[f32], logits: &mut [f32]) {
    let classes = logits.len();
    let mut acc = [0.0f32; HEAD];
    acc[..classes].copy_from_slice(&fb[..classes]);
    for (&p, w) in pooled.iter().zip(fcw.chunks_exact(HEAD)) {
        for o in 0..HEAD {
            acc[o] += p * w[o];
        }
    }
    logits.copy_from_slice(&acc[..classes]);
}

/// Images per slice of the data in [`ConvNet::plane_losses_w3`]: their three conv maps (220 KB)
/// stay in cache while every point of the message reuses them.
const PLANE_IMAGES: usize = 64;

impl ConvNet {
    /// Whether this is the W3 shape, which has the fast evaluation paths.
    fn is_w3(&self) -> bool {
        (self.side, self.kernel, self.channels) == W3 && self.classes <= HEAD
    }

    /// The forward pass of the W3 shape for evaluation only (landscapes, validation): no arg-max
    /// bookkeeping, and the 8 channels innermost. The same arithmetic as [`ConvNet::forward`]
    /// up to the order of additions; logits land in `self.logits`.
    fn forward_eval_w3(&mut self, params: &[f32], inputs: &[f32], batch: usize) {
        let t = &self.layout.tensors;
        let (cw, cb) = (&params[t[0].range()], &params[t[1].range()]);
        let (fw, fb) = (&params[t[2].range()], &params[t[3].range()]);
        let wt = taps(cw);
        let bias: [f32; C] = cb[..C].try_into().expect("8 channels");
        dense_w3(fw, self.classes, &mut self.fc_eval);
        let mut z = [[0.0f32; C]; CS * CS];
        for r in 0..batch {
            conv_w3(&inputs[r * S * S..(r + 1) * S * S], &wt, &bias, &mut z);
            let logits = &mut self.logits[r * self.classes..(r + 1) * self.classes];
            dense_head_w3(&pool_w3(|p| z[p]), &self.fc_eval, fb, logits);
        }
    }

    /// [`Model::plane_losses`] for the W3 shape. The conv layer is linear in its weights, so on
    /// the plane θ₀ + a·d₁ + b·d₂ its pre-activations are z₀ + a·z₁ + b·z₂, with zₖ the layer
    /// applied with θ₀'s, d₁'s and d₂'s conv weights and biases. Those three maps are computed
    /// once per image for all the points, and each point then costs 2 multiply-adds per conv
    /// output instead of 9: the same losses up to float rounding, about twice as fast.
    fn plane_losses_w3(
        &mut self,
        data: &Dataset,
        plane: &Plane,
        points: &[(f64, f64)],
        out: &mut [f64],
    ) {
        let t = &self.layout.tensors;
        let (cw, cb, fw, fb) = (t[0].range(), t[1].range(), t[2].range(), t[3].range());
        let parts = [&plane.origin, &plane.d1, &plane.d2];
        let wts = parts.map(|p| taps(&p[cw.clone()]));
        let biases = parts.map(|p| -> [f32; C] { p[cb.clone()].try_into().expect("8 channels") });
        let classes = self.classes;
        let mut probe = plane.origin.clone();
        let mut maps = vec![[[0.0f32; C]; CS * CS]; 3 * PLANE_IMAGES];
        self.reserve(PLANE_IMAGES);
        let mut sums = vec![0.0f64; points.len()];
        let mut start = 0;
        while start < data.len() {
            let end = (start + PLANE_IMAGES).min(data.len());
            for (r, maps) in (start..end).zip(maps.chunks_exact_mut(3)) {
                let img = &data.inputs[r * S * S..(r + 1) * S * S];
                for ((map, wt), bias) in maps.iter_mut().zip(&wts).zip(&biases) {
                    conv_w3(img, wt, bias, map);
                }
            }
            let labels = TargetSlice::of(&data.targets, start, end).labels();
            for (k, &(a, b)) in points.iter().enumerate() {
                // The point's dense layer, made again for every slice of images: kept for all
                // points, a 64 × 64 grid's would not fit in cache.
                plane.point(a, b, &mut probe);
                dense_w3(&probe[fw.clone()], classes, &mut self.fc_eval);
                let (fcw, fcb) = (&self.fc_eval, &probe[fb.clone()]);
                let (a, b) = (a as f32, b as f32);
                for (r, maps) in maps.chunks_exact(3).take(end - start).enumerate() {
                    // z₀ + a·z₁ + b·z₂ formed where the pool reads it, in registers.
                    let pooled = pool_w3(|p| {
                        let mut z = maps[0][p];
                        for c in 0..C {
                            z[c] += a * maps[1][p][c] + b * maps[2][p][c];
                        }
                        z
                    });
                    let logits = &mut self.logits[r * classes..(r + 1) * classes];
                    dense_head_w3(&pooled, fcw, fcb, logits);
                }
                let scored = softmax_cross_entropy(
                    &self.logits[..(end - start) * classes],
                    labels,
                    classes,
                    None,
                );
                sums[k] += f64::from(scored.loss_sum);
            }
            start = end;
        }
        for (o, sum) in out.iter_mut().zip(sums) {
            *o = sum / data.len().max(1) as f64;
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
