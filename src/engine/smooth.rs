//! The smoothed loss: one exponential moving average, debiased, for the loss chart, the
//! verdict and the LR finder alike.

/// fastai's `AvgSmoothLoss`: a ← β·a + (1 − β)·loss with a₀ = 0, reported debiased as
/// a/(1 − βᵏ) after the k-th loss (β = 0.98).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SmoothLoss {
    beta: f64,
    avg: f64,
    count: i32,
}

impl SmoothLoss {
    /// A smoother with fastai's β = 0.98.
    pub fn new() -> Self {
        Self::with_beta(0.98)
    }

    /// A smoother with another β.
    pub fn with_beta(beta: f64) -> Self {
        Self {
            beta,
            avg: 0.0,
            count: 0,
        }
    }

    /// Adds a loss and returns the debiased average.
    pub fn push(&mut self, loss: f64) -> f64 {
        self.count += 1;
        self.avg = self.beta * self.avg + (1.0 - self.beta) * loss;
        self.avg / (1.0 - self.beta.powi(self.count))
    }
}

impl Default for SmoothLoss {
    fn default() -> Self {
        Self::new()
    }
}

/// Every prefix's smoothed value of `raw`, with [`SmoothLoss`] at `beta`: the smoothed curve
/// starts at the first loss instead of at zero. A non-finite loss (a diverged run's last) gives
/// NaN and leaves the average as it was.
pub fn smoothed(raw: &[f32], beta: f64) -> Vec<f64> {
    let mut avg = SmoothLoss::with_beta(beta);
    raw.iter()
        .map(|&l| {
            let l = f64::from(l);
            if l.is_finite() { avg.push(l) } else { f64::NAN }
        })
        .collect()
}
