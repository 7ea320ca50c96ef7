//! The LR range test as fastai v2's `Learner.lr_find` runs it (spec §3.1; Smith 2015, "Cyclical
//! Learning Rates for Training Neural Networks", §3.3): train for `num_it` minibatches while the
//! rate grows exponentially, smooth the losses, stop when they blow up, and suggest a rate.

/// Settings of the range test, fastai's defaults in [`FinderConfig::default`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FinderConfig {
    /// Rate of the first minibatch (1e-7).
    pub start_lr: f64,
    /// Rate the ramp heads for; never reached itself (10).
    pub end_lr: f64,
    /// Minibatches (100; at least 6).
    pub num_it: usize,
    /// Stop when the smoothed loss exceeds 4× the best so far (true).
    pub stop_div: bool,
}

impl Default for FinderConfig {
    fn default() -> Self {
        Self {
            start_lr: 1e-7,
            end_lr: 10.0,
            num_it: 100,
            stop_div: true,
        }
    }
}

impl FinderConfig {
    /// Minibatches actually scheduled: fastai raises `num_it` to at least 6.
    pub fn iterations(&self) -> usize {
        self.num_it.max(6)
    }

    /// The rate of minibatch k (fastai `SchedExp`): lr_k = start · (end/start)^(k/num_it).
    pub fn lr_at(&self, k: usize) -> f64 {
        self.start_lr * (self.end_lr / self.start_lr).powf(k as f64 / self.iterations() as f64)
    }
}

/// What the range test recorded and suggests.
#[derive(Clone, Debug, PartialEq)]
pub struct Finder {
    /// Rate of each minibatch.
    pub lrs: Vec<f64>,
    /// Smoothed loss after each minibatch.
    pub losses: Vec<f64>,
    /// Raw minibatch losses.
    pub raw: Vec<f32>,
    /// Whether the test stopped before `num_it` minibatches (divergence).
    pub stopped_early: bool,
    /// The four suggestions.
    pub suggestions: Suggestions,
}

/// fastai's suggestion functions; `None` when too few points were recorded.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Suggestions {
    /// `valley`: halfway down the longest strictly decreasing stretch (fastai's default).
    pub valley: Option<f64>,
    /// `slide`: where the loss curve's slope stops changing, walking left from the end.
    pub slide: Option<f64>,
    /// `minimum`: a tenth of the rate with the lowest loss.
    pub minimum: Option<f64>,
    /// `steep`: the rate where the loss falls fastest against log(lr).
    pub steep: Option<f64>,
}

/// The stop rule after each minibatch: update the best loss, then stop if the loss exceeds
/// 4 × best (when `stop_div`) or is not finite, or after `num_it` minibatches.
pub fn should_stop(config: &FinderConfig, k: usize, smooth: f64, best: &mut f64) -> bool {
    if smooth < *best {
        *best = smooth;
    }
    !smooth.is_finite() || (config.stop_div && smooth > 4.0 * *best) || k + 1 >= config.iterations()
}

/// The part of a test of `len` minibatches that fastai's suggestions read: indices
/// `num_it/10 .. len − 5` (`fastai.callback.schedule.LRFinder.after_fit`), leaving out the first
/// tenth, where the loss has barely moved, and the last five, where it blows up. The chart greys
/// the rest: its lowest point can lie there, and a student found the page's "lowest" elsewhere
/// than the curve's.
pub fn read_window(len: usize, num_it: usize) -> (usize, usize) {
    (num_it / 10, len.saturating_sub(5))
}

/// The suggestions from a recorded test, on fastai's slice lrs[num_it/10 .. len − 5]
/// ([`read_window`]), cut at the first NaN loss.
pub fn suggest(lrs: &[f64], losses: &[f64], num_it: usize) -> Suggestions {
    let (start, end) = read_window(lrs.len(), num_it);
    if start >= end {
        return Suggestions::default();
    }
    let cut = losses[start..end]
        .iter()
        .position(|l| l.is_nan())
        .map_or(end, |p| start + p);
    let (lrs, losses) = (&lrs[start..cut], &losses[start..cut]);
    Suggestions {
        valley: valley(lrs, losses),
        slide: slide(lrs, losses, 15, 0.005, 1.0),
        minimum: minimum(lrs, losses),
        steep: steep(lrs, losses),
    }
}

/// fastai `valley`: the longest strictly decreasing subsequence by O(n²) dynamic programming,
/// then the point a third plus a sixth of the way along it.
pub fn valley(lrs: &[f64], losses: &[f64]) -> Option<f64> {
    let n = losses.len();
    if n == 0 {
        return None;
    }
    let mut lds = vec![1isize; n];
    let (mut max_start, mut max_end) = (0isize, 0usize);
    for i in 1..n {
        for j in 0..i {
            if losses[i] < losses[j] && lds[i] < lds[j] + 1 {
                lds[i] = lds[j] + 1;
            }
            // fastai updates the best valley inside the inner loop; kept for identical ties.
            if lds[max_end] < lds[i] {
                max_end = i;
                // One before the valley's first point, and −1 when it starts at 0, as in fastai.
                max_start = max_end as isize - lds[max_end];
            }
        }
    }
    let sections = (max_end as isize - max_start) as f64 / 3.0;
    let idx = max_start + sections as isize + (sections / 2.0) as isize;
    // Python indexing: −1 is the last element.
    let idx = if idx < 0 { idx + n as isize } else { idx };
    lrs.get(idx as usize).copied()
}

/// `numpy.gradient` with unit spacing: one-sided at the ends, centred inside.
fn gradient(y: &[f64]) -> Vec<f64> {
    let n = y.len();
    (0..n)
        .map(|i| match i {
            0 => y[1] - y[0],
            i if i == n - 1 => y[n - 1] - y[n - 2],
            i => (y[i + 1] - y[i - 1]) / 2.0,
        })
        .collect()
}

/// fastai `slide(lr_diff, thresh, adjust_value)`: compare the slope at a right index with the
/// slope `lr_diff` points to its left, and walk both left while they differ by more than
/// `thresh`.
pub fn slide(
    lrs: &[f64],
    losses: &[f64],
    lr_diff: usize,
    thresh: f64,
    adjust_value: f64,
) -> Option<f64> {
    let n = losses.len() as isize;
    if n < 2 || n < lr_diff as isize + 1 {
        return None;
    }
    let g = gradient(losses);
    let at = |idx: isize| (n + idx) as usize; // Python's negative indexing.
    let mut r = -1isize;
    let mut l = r - lr_diff as isize;
    let mut candidate = lrs[at(l)];
    while l >= -n && (g[at(r)] - g[at(l)]).abs() > thresh {
        candidate = lrs[at(l)];
        r -= 1;
        l -= 1;
    }
    Some(candidate * adjust_value)
}

/// fastai `minimum`: lrs[argmin loss] / 10.
pub fn minimum(lrs: &[f64], losses: &[f64]) -> Option<f64> {
    argmin(losses).map(|i| lrs[i] / 10.0)
}

/// fastai `steep`: the left end of the pair with the most negative
/// (loss₍ᵢ₊₁₎ − lossᵢ)/(ln lr₍ᵢ₊₁₎ − ln lrᵢ).
pub fn steep(lrs: &[f64], losses: &[f64]) -> Option<f64> {
    let slopes: Vec<f64> = (0..losses.len().saturating_sub(1))
        .map(|i| (losses[i + 1] - losses[i]) / (lrs[i + 1].ln() - lrs[i].ln()))
        .collect();
    argmin(&slopes).map(|i| lrs[i])
}

/// Index of the first smallest value (NaNs never win), like `torch.argmin` on clean data.
fn argmin(v: &[f64]) -> Option<usize> {
    v.iter()
        .enumerate()
        .filter(|(_, x)| !x.is_nan())
        .fold(None, |best: Option<(usize, f64)>, (i, &x)| match best {
            Some((_, b)) if b <= x => best,
            _ => Some((i, x)),
        })
        .map(|(i, _)| i)
}
