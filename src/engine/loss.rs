//! Loss functions with their gradients, averaged over the batch as PyTorch's default
//! `reduction="mean"` does.

/// Mean squared error (1/B) Σ (pᵢ − yᵢ)² (PyTorch `nn.MSELoss`). When `grad` is given, it
/// receives ∂L/∂pᵢ = 2(pᵢ − yᵢ)/B.
pub fn mse(pred: &[f32], target: &[f32], grad: Option<&mut [f32]>) -> f32 {
    let scale = 1.0 / pred.len().max(1) as f32;
    let mut sum = 0.0f32;
    match grad {
        Some(g) => {
            for ((g, &p), &y) in g.iter_mut().zip(pred).zip(target) {
                let r = p - y;
                sum += r * r;
                *g = 2.0 * r * scale;
            }
        }
        None => {
            for (&p, &y) in pred.iter().zip(target) {
                let r = p - y;
                sum += r * r;
            }
        }
    }
    sum * scale
}

/// The outcome of scoring a batch of logits.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scored {
    /// Sum over the batch of the per-example loss.
    pub loss_sum: f32,
    /// Examples whose largest logit is the true class.
    pub correct: usize,
}

/// Softmax cross-entropy over rows of `logits` (B × C, row-major) against `labels`
/// (PyTorch `nn.CrossEntropyLoss`): ℓ = log Σⱼ exp(zⱼ) − z_y, computed as
/// m + log Σⱼ exp(zⱼ − m) with m = maxⱼ zⱼ so that no exponential overflows.
///
/// When `grad` is given it receives ∂(mean ℓ)/∂z = (softmax(z) − onehot(y))/B.
pub fn softmax_cross_entropy(
    logits: &[f32],
    labels: &[u32],
    classes: usize,
    grad: Option<&mut [f32]>,
) -> Scored {
    let batch = labels.len();
    let scale = 1.0 / batch.max(1) as f32;
    let mut scored = Scored::default();
    let mut grad = grad;
    for (r, &label) in labels.iter().enumerate() {
        let row = &logits[r * classes..(r + 1) * classes];
        let (mut argmax, mut max) = (0, f32::NEG_INFINITY);
        for (j, &z) in row.iter().enumerate() {
            if z > max {
                max = z;
                argmax = j;
            }
        }
        let sum: f32 = row.iter().map(|&z| (z - max).exp()).sum();
        let log_sum = sum.ln();
        let y = label as usize;
        scored.loss_sum += max + log_sum - row[y];
        scored.correct += usize::from(argmax == y);
        if let Some(g) = grad.as_deref_mut() {
            let g = &mut g[r * classes..(r + 1) * classes];
            for (gj, &z) in g.iter_mut().zip(row) {
                *gj = (z - max - log_sum).exp() * scale;
            }
            g[y] -= scale;
        }
    }
    scored
}
