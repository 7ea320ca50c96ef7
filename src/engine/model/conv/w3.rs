//! The W3 network's evaluation path for landscapes: every image's conv maps kept on the stack
//! and shared by all the points of a plane, since the conv layer is linear in its weights.

use super::ConvNet;
use crate::engine::data::Dataset;
use crate::engine::loss::softmax_cross_entropy;
use crate::engine::model::TargetSlice;
use crate::engine::model::kernels::{greater, relu};
use crate::engine::plane::Plane;

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
pub(super) const HEAD: usize = 12;

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
    pub(super) fn is_w3(&self) -> bool {
        (self.side, self.kernel, self.channels) == W3 && self.classes <= HEAD
    }

    /// The forward pass of the W3 shape for evaluation only (landscapes, validation): no arg-max
    /// bookkeeping, and the 8 channels innermost. The same arithmetic as [`ConvNet::forward`]
    /// up to the order of additions; logits land in `self.logits`.
    pub(super) fn forward_eval_w3(&mut self, params: &[f32], inputs: &[f32], batch: usize) {
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
    pub(super) fn plane_losses_w3(
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
