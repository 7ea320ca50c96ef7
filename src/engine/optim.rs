//! Optimizers, step for step as `torch.optim` 2.15 computes them (spec §2.1–§2.3). An optimizer
//! is a rule plus explicit state; the learning rate, momentum and weight decay of each
//! parameter group come in with every step, so a schedule, a constant and the LR finder are
//! just three ways of choosing them.
//!
//! Arithmetic is in `f32`, as PyTorch's is for `float32` parameters; scalars derived from the
//! step count (Adam's bias corrections) are computed in `f64` and rounded at use, as PyTorch
//! computes them in Python floats.

pub mod auto;

use std::ops::Range;

/// What a schedule sets on a parameter group at each step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupHyper {
    /// Learning rate γ.
    pub lr: f64,
    /// SGD's momentum μ, Adam's β₁ (Ultralytics passes `betas=(momentum, 0.999)`), RMSprop's μ.
    pub momentum: f64,
    /// Weight decay λ (L2 for SGD, Adam and RMSprop; decoupled for AdamW).
    pub weight_decay: f64,
}

/// The update rules.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Optimizer {
    /// `torch.optim.SGD`: g ← g + λθ; b₁ = g, bₜ = μbₜ₋₁ + (1 − τ)g; d = g + μb (Nesterov) or b;
    /// θ ← θ − γd. Robbins & Monro (1951); momentum: Polyak (1964); Nesterov form: Sutskever
    /// et al. (2013).
    Sgd {
        /// Dampening τ (not applied on the first step).
        dampening: f64,
        /// Nesterov momentum (Ultralytics always sets it).
        nesterov: bool,
    },
    /// `torch.optim.Adam` / `AdamW` (Kingma & Ba 2015; Loshchilov & Hutter 2019):
    /// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − (γ/(1 − β₁ᵗ))·m/(√v/√(1 − β₂ᵗ) + ε).
    Adam {
        /// β₂.
        beta2: f64,
        /// ε, added after dividing by √(1 − β₂ᵗ).
        eps: f64,
        /// AMSGrad (Reddi et al. 2018): use the running maximum of v.
        amsgrad: bool,
        /// AdamW: θ ← θ(1 − γλ) before the update, instead of adding λθ to g.
        decoupled: bool,
    },
    /// `torch.optim.RMSprop` (Hinton, Coursera lecture 6e, 2012): s ← αs + (1 − α)g²;
    /// d = g/(√s + ε) (centred: √(s − ḡ²)); with momentum b ← μb + d, θ ← θ − γb.
    RmsProp {
        /// Smoothing constant α.
        alpha: f64,
        /// ε.
        eps: f64,
        /// Subtract the square of the running mean gradient ḡ.
        centered: bool,
    },
}

impl Optimizer {
    /// SGD as Ultralytics builds it: Nesterov, no dampening.
    pub const ULTRALYTICS_SGD: Optimizer = Optimizer::Sgd {
        dampening: 0.0,
        nesterov: true,
    };

    /// Adam with PyTorch's defaults (β₂ 0.999, ε 1e-8).
    pub const ADAM: Optimizer = Optimizer::Adam {
        beta2: 0.999,
        eps: 1e-8,
        amsgrad: false,
        decoupled: false,
    };

    /// AdamW with PyTorch's defaults.
    pub const ADAMW: Optimizer = Optimizer::Adam {
        beta2: 0.999,
        eps: 1e-8,
        amsgrad: false,
        decoupled: true,
    };

    /// RMSprop with PyTorch's defaults (α 0.99, ε 1e-8).
    pub const RMSPROP: Optimizer = Optimizer::RmsProp {
        alpha: 0.99,
        eps: 1e-8,
        centered: false,
    };

    /// Whether the group's `momentum` is a momentum PyTorch stores under that name. Ultralytics
    /// warms up only such groups; Adam's β₁ lives in `betas` and is left alone (spec §1.3).
    pub fn has_momentum_key(&self) -> bool {
        !matches!(self, Optimizer::Adam { .. })
    }

    /// Whether a gradient k times larger gives (up to ε) the same step: Adam's m̂/√v̂ and
    /// RMSprop's g/√v are ratios of the gradient to its own running size, so a summed
    /// accumulation or a loss × batch does not change their rate; SGD's step is γ·g.
    pub fn scale_invariant(&self) -> bool {
        !matches!(self, Optimizer::Sgd { .. })
    }

    /// Fresh state for `len` parameters.
    pub fn state(&self, len: usize) -> OptState {
        let (a, b, c) = match self {
            Optimizer::Sgd { .. } => (len, 0, 0),
            Optimizer::Adam { amsgrad, .. } => (len, len, if *amsgrad { len } else { 0 }),
            Optimizer::RmsProp { centered, .. } => (len, len, if *centered { len } else { 0 }),
        };
        OptState {
            step: 0,
            started: false,
            a: vec![0.0; a],
            b: vec![0.0; b],
            c: vec![0.0; c],
        }
    }

    /// One update of `params` from `grads`, group by group.
    pub fn step(
        &self,
        state: &mut OptState,
        params: &mut [f32],
        grads: &[f32],
        groups: &[(Range<usize>, GroupHyper)],
    ) {
        state.step += 1;
        let first = !state.started;
        for (range, h) in groups {
            let p = &mut params[range.clone()];
            let g = &grads[range.clone()];
            match *self {
                Optimizer::Sgd {
                    dampening,
                    nesterov,
                } => sgd(
                    p,
                    g,
                    &mut state.a[range.clone()],
                    h,
                    dampening,
                    nesterov,
                    first,
                ),
                Optimizer::Adam {
                    beta2,
                    eps,
                    amsgrad,
                    decoupled,
                } => {
                    let (bc1, bc2) = (
                        1.0 - h.momentum.powf(state.step as f64),
                        1.0 - beta2.powf(state.step as f64),
                    );
                    let c = if amsgrad {
                        Some(&mut state.c[range.clone()])
                    } else {
                        None
                    };
                    let scalars = AdamScalars {
                        one_minus_beta1: (1.0 - h.momentum) as f32,
                        beta2: beta2 as f32,
                        one_minus_beta2: (1.0 - beta2) as f32,
                        eps: eps as f32,
                        step_size: (h.lr / bc1) as f32,
                        bc2_sqrt: bc2.sqrt() as f32,
                        lr: h.lr,
                        weight_decay: h.weight_decay,
                        decoupled,
                    };
                    adam(
                        p,
                        g,
                        &mut state.a[range.clone()],
                        &mut state.b[range.clone()],
                        c,
                        &scalars,
                    );
                }
                Optimizer::RmsProp {
                    alpha,
                    eps,
                    centered,
                } => {
                    let c = if centered {
                        Some(&mut state.c[range.clone()])
                    } else {
                        None
                    };
                    rmsprop(
                        p,
                        g,
                        &mut state.a[range.clone()],
                        &mut state.b[range.clone()],
                        c,
                        h,
                        alpha,
                        eps as f32,
                    );
                }
            }
        }
        // PyTorch creates the SGD momentum buffer at the first step with momentum ≠ 0.
        state.started |= groups.iter().any(|(_, h)| h.momentum != 0.0);
    }
}

/// An optimizer's memory: the step count and up to three buffers, one value per parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct OptState {
    /// Steps taken.
    pub step: u64,
    started: bool,
    /// SGD momentum buffer, Adam m, RMSprop s.
    a: Vec<f32>,
    /// Adam v, RMSprop momentum buffer.
    b: Vec<f32>,
    /// Adam max v (AMSGrad), RMSprop ḡ (centred).
    c: Vec<f32>,
}

fn sgd(
    p: &mut [f32],
    g: &[f32],
    buf: &mut [f32],
    h: &GroupHyper,
    dampening: f64,
    nesterov: bool,
    first: bool,
) {
    let (lr, mu, wd) = (h.lr as f32, h.momentum as f32, h.weight_decay as f32);
    let keep = (1.0 - dampening) as f32;
    for ((p, &g), b) in p.iter_mut().zip(g).zip(buf.iter_mut()) {
        let g = if wd != 0.0 { g + wd * *p } else { g };
        let d = if mu != 0.0 {
            *b = if first { g } else { *b * mu + keep * g };
            if nesterov { g + mu * *b } else { *b }
        } else {
            g
        };
        *p -= lr * d;
    }
}

// One-minus terms are formed in f64 and rounded once, as PyTorch forms them in Python floats;
// rounding β first and subtracting in f32 moves Adam's trajectory by ~1e-6 within five steps.
struct AdamScalars {
    one_minus_beta1: f32,
    beta2: f32,
    one_minus_beta2: f32,
    eps: f32,
    step_size: f32,
    bc2_sqrt: f32,
    lr: f64,
    weight_decay: f64,
    decoupled: bool,
}

fn adam(
    p: &mut [f32],
    g: &[f32],
    m: &mut [f32],
    v: &mut [f32],
    vmax: Option<&mut [f32]>,
    s: &AdamScalars,
) {
    let wd = s.weight_decay as f32;
    let shrink = (1.0 - s.lr * s.weight_decay) as f32;
    let mut vmax = vmax;
    for i in 0..p.len() {
        let mut gi = g[i];
        if wd != 0.0 {
            if s.decoupled {
                p[i] *= shrink;
            } else {
                gi += wd * p[i];
            }
        }
        // exp_avg.lerp_(grad, 1 − β₁)
        m[i] += s.one_minus_beta1 * (gi - m[i]);
        v[i] = v[i] * s.beta2 + s.one_minus_beta2 * gi * gi;
        let second = match vmax.as_deref_mut() {
            Some(vm) => {
                vm[i] = vm[i].max(v[i]);
                vm[i]
            }
            None => v[i],
        };
        let denom = second.sqrt() / s.bc2_sqrt + s.eps;
        p[i] -= s.step_size * (m[i] / denom);
    }
}

#[allow(clippy::too_many_arguments)]
fn rmsprop(
    p: &mut [f32],
    g: &[f32],
    sq: &mut [f32],
    buf: &mut [f32],
    avg: Option<&mut [f32]>,
    h: &GroupHyper,
    alpha: f64,
    eps: f32,
) {
    let (lr, mu, wd) = (h.lr as f32, h.momentum as f32, h.weight_decay as f32);
    let (one_minus_alpha, alpha) = ((1.0 - alpha) as f32, alpha as f32);
    let mut avg = avg;
    for i in 0..p.len() {
        let gi = if wd != 0.0 { g[i] + wd * p[i] } else { g[i] };
        sq[i] = sq[i] * alpha + one_minus_alpha * gi * gi;
        let denom = match avg.as_deref_mut() {
            Some(a) => {
                a[i] += one_minus_alpha * (gi - a[i]);
                (sq[i] - a[i] * a[i]).sqrt() + eps
            }
            None => sq[i].sqrt() + eps,
        };
        if mu > 0.0 {
            buf[i] = buf[i] * mu + gi / denom;
            p[i] -= lr * buf[i];
        } else {
            p[i] -= lr * gi / denom;
        }
    }
}

/// `torch.nn.utils.clip_grad_norm_`: the global L2 norm ‖g‖ over all gradients, and, when it
/// exceeds `max_norm`, every gradient scaled by max_norm/(‖g‖ + 1e-6). Returns ‖g‖ before
/// clipping. Ultralytics clips at 10 before every optimizer step (spec §1.5).
pub fn clip_grad_norm(grads: &mut [f32], max_norm: f32) -> f32 {
    let norm = grad_norm(grads);
    let coef = max_norm / (norm + 1e-6);
    if coef < 1.0 {
        grads.iter_mut().for_each(|g| *g *= coef);
    }
    norm
}

/// ‖g‖₂, accumulated in f64 so that long vectors do not lose precision.
pub fn grad_norm(grads: &[f32]) -> f32 {
    grads
        .iter()
        .map(|&g| f64::from(g) * f64::from(g))
        .sum::<f64>()
        .sqrt() as f32
}
