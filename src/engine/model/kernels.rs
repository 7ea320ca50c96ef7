//! The numeric kernels every model is built from: dense products, dot products and the
//! activations, written so that they vectorise to SIMD natively and in wasm.

/// max(x, 0), written as a comparison: `f32::max` must ignore NaN, which wasm's `max`
/// instruction does not, so on wasm it compiles to a branchy sequence that blocks SIMD (the
/// 64 × 64 conv landscape ran 4× slower with it). Passes NaN through, as PyTorch's ReLU does.
#[inline]
pub(crate) fn relu(x: f32) -> f32 {
    if x < 0.0 { 0.0 } else { x }
}

/// The larger of `a` and `b`, by comparison (see [`relu`]); `a` on ties, so the first maximum of
/// a pooling window wins as in PyTorch.
#[inline]
pub(crate) fn greater(a: f32, b: f32) -> f32 {
    if b > a { b } else { a }
}

/// y ← y + a·x, the inner loop of every dense layer.
#[inline]
pub(crate) fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    for (yi, &xi) in y.iter_mut().zip(x) {
        *yi += a * xi;
    }
}

/// out = init + a·b, a row-major `rows × k`, b row-major `k × n`, `init` a row of n broadcast
/// to every row of out (a bias) or zero: every dense layer's forward pass and both halves of its
/// backward pass are this product.
///
/// Four rows by eight columns of out are summed at a time in accumulators that stay in SIMD
/// registers while a's columns and b's rows stream past: the axpy form reloads and stores the
/// output row once per term, which made the MLP's kernels load/store bound, more so in wasm.
/// Each output is still summed over k in order, so the result is the same as the plain loops'.
pub(crate) fn matmul(
    a: &[f32],
    b: &[f32],
    init: Option<&[f32]>,
    out: &mut [f32],
    (rows, k, n): (usize, usize, usize),
) {
    let (a, b, out) = (&a[..rows * k], &b[..k * n], &mut out[..rows * n]);
    let wide = n - n % 8;
    let start = |j: usize| -> [f32; 8] {
        let mut acc = [0.0f32; 8];
        if let Some(init) = init {
            acc.copy_from_slice(&init[j..j + 8]);
        }
        acc
    };
    let mut r = 0;
    while r + 4 <= rows {
        let ar: [&[f32]; 4] = std::array::from_fn(|q| &a[(r + q) * k..(r + q + 1) * k]);
        for j in (0..wide).step_by(8) {
            let mut acc = [start(j); 4];
            for (t, bt) in b.chunks_exact(n).enumerate() {
                let w: &[f32; 8] = bt[j..j + 8].try_into().expect("8 wide");
                for q in 0..4 {
                    let p = ar[q][t];
                    for l in 0..8 {
                        acc[q][l] += p * w[l];
                    }
                }
            }
            for (q, acc) in acc.iter().enumerate() {
                out[(r + q) * n + j..(r + q) * n + j + 8].copy_from_slice(acc);
            }
        }
        r += 4;
    }
    for r in r..rows {
        let ar = &a[r * k..(r + 1) * k];
        for j in (0..wide).step_by(8) {
            let mut acc = start(j);
            for (&p, bt) in ar.iter().zip(b.chunks_exact(n)) {
                let w: &[f32; 8] = bt[j..j + 8].try_into().expect("8 wide");
                for l in 0..8 {
                    acc[l] += p * w[l];
                }
            }
            out[r * n + j..r * n + j + 8].copy_from_slice(&acc);
        }
    }
    // Columns past the last multiple of eight (narrow layers, small inputs): plain sums.
    for j in wide..n {
        for r in 0..rows {
            let mut sum = init.map_or(0.0, |init| init[j]);
            for t in 0..k {
                sum += a[r * k + t] * b[t * n + j];
            }
            out[r * n + j] = sum;
        }
    }
}

/// The transpose of row-major `rows × cols` `m` into `out` (`cols × rows`).
pub(crate) fn transpose(m: &[f32], out: &mut [f32], rows: usize, cols: usize) {
    for r in 0..rows {
        for c in 0..cols {
            out[c * rows + r] = m[r * cols + c];
        }
    }
}

/// x · y, summed in eight interleaved lanes: a single running sum would pin the order of
/// additions and keep the compiler from using SIMD; eight lanes map onto two 4-wide vectors.
/// The result differs from a left-to-right sum only by float rounding.
#[inline]
pub(crate) fn dot(x: &[f32], y: &[f32]) -> f32 {
    let n = x.len().min(y.len());
    let (x, y) = (&x[..n], &y[..n]);
    let mut lanes = [0.0f32; 8];
    let (xc, yc) = (x.chunks_exact(8), y.chunks_exact(8));
    let (xr, yr) = (xc.remainder(), yc.remainder());
    for (a, b) in xc.zip(yc) {
        for k in 0..8 {
            lanes[k] += a[k] * b[k];
        }
    }
    let mut tail = 0.0f32;
    for (a, b) in xr.iter().zip(yr) {
        tail += a * b;
    }
    ((lanes[0] + lanes[4]) + (lanes[1] + lanes[5]))
        + ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7]))
        + tail
}

#[cfg(test)]
mod tests {
    use super::{matmul, transpose};

    /// The blocked product sums each output over k in order, like the textbook loops, so the
    /// two agree exactly, for every remainder of the row and column blocks.
    #[test]
    fn matmul_is_the_plain_product() {
        for rows in [0, 1, 3, 4, 5, 9] {
            for k in [1, 2, 7] {
                for n in [1, 2, 8, 11, 16, 19] {
                    let a: Vec<f32> = (0..rows * k).map(|i| (i as f32 * 0.37).sin()).collect();
                    let b: Vec<f32> = (0..k * n).map(|i| (i as f32 * 0.91).cos()).collect();
                    let bias: Vec<f32> = (0..n).map(|j| j as f32 - 3.5).collect();
                    for init in [None, Some(&bias[..])] {
                        let mut out = vec![f32::NAN; rows * n];
                        matmul(&a, &b, init, &mut out, (rows, k, n));
                        for r in 0..rows {
                            for j in 0..n {
                                let mut want = init.map_or(0.0, |b| b[j]);
                                for t in 0..k {
                                    want += a[r * k + t] * b[t * n + j];
                                }
                                assert_eq!(out[r * n + j], want, "{rows}x{k}x{n} at ({r}, {j})");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn transpose_swaps_indices() {
        let m: Vec<f32> = (0..6).map(|i| i as f32).collect();
        let mut t = vec![0.0; 6];
        transpose(&m, &mut t, 2, 3);
        assert_eq!(t, [0.0, 3.0, 1.0, 4.0, 2.0, 5.0]);
    }
}
