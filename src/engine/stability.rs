//! When does gradient descent converge, crawl, zig-zag or diverge? On a quadratic the answer is
//! exact, and it is what the playground labels every run with.
//!
//! Source: the classic analysis of gradient descent on f(θ) = ½θᵀAθ − bᵀθ (Nocedal & Wright,
//! *Numerical Optimization*, §3.3; Goh, "Why Momentum Really Works", Distill 2017). The error
//! along the eigenvector of eigenvalue λ is multiplied by (1 − α·λ) at every step.

use rand_distr::{Distribution, StandardNormal};

use super::data::Dataset;
use super::model::{Model, TargetSlice};
use super::rng::seeded;

/// The extreme eigenvalues of a Hessian, which decide the behaviour of gradient descent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spectrum {
    /// λmin, the curvature along the flattest direction (the floor of the valley).
    pub lambda_min: f64,
    /// λmax, the curvature along the steepest direction (across the valley).
    pub lambda_max: f64,
}

impl Spectrum {
    /// Eigenvalues of the symmetric 2×2 matrix [[a, c], [c, d]]:
    /// λ = (a + d)/2 ± √(((a − d)/2)² + c²).
    pub fn of_symmetric_2x2(h: [[f64; 2]; 2]) -> Self {
        let (a, c, d) = (h[0][0], h[0][1], h[1][1]);
        let mean = 0.5 * (a + d);
        let radius = (0.25 * (a - d) * (a - d) + c * c).sqrt();
        Self {
            lambda_min: mean - radius,
            lambda_max: mean + radius,
        }
    }

    /// The critical rate 2/λmax: gradient descent converges iff 0 < α < 2/λmax. At α = 2/λmax the
    /// steepest direction oscillates forever; above it that oscillation grows (SPEC §6).
    pub fn critical_lr(&self) -> f64 {
        2.0 / self.lambda_max
    }

    /// The best fixed rate α* = 2/(λmin + λmax), which minimises the convergence factor
    /// ρ(α) = max(|1 − αλmin|, |1 − αλmax|) to ρ* = (κ − 1)/(κ + 1) (SPEC §6).
    pub fn best_lr(&self) -> f64 {
        2.0 / (self.lambda_min + self.lambda_max)
    }

    /// The condition number κ = λmax/λmin: how long and narrow the valley is.
    pub fn condition_number(&self) -> f64 {
        self.lambda_max / self.lambda_min
    }

    /// The worst per-step factor ρ(α) = max(|1 − αλmin|, |1 − αλmax|) by which the error shrinks
    /// (ρ < 1) or grows (ρ > 1).
    pub fn contraction(&self, lr: f64) -> f64 {
        (1.0 - lr * self.lambda_min)
            .abs()
            .max((1.0 - lr * self.lambda_max).abs())
    }

    /// The largest rate that still counts as a crawl over `steps` steps: below it, the error
    /// along the flattest direction, multiplied by (1 − αλmin) each step, keeps more than
    /// [`CRAWL_REMAINING`] of its size: (1 − αλmin)^steps > r, i.e. α < (1 − r^(1/steps))/λmin.
    pub fn crawl_lr(&self, steps: usize) -> f64 {
        let steps = steps.max(1) as f64;
        (1.0 - CRAWL_REMAINING.powf(1.0 / steps)) / self.lambda_min
    }

    /// Which of the four regimes a fixed rate `lr` falls in, for a run of `steps` steps, named
    /// after the slowest of the two directions, which is what is left to see as the run goes on.
    /// The thresholds are, in order: [`Spectrum::crawl_lr`]; the best rate
    /// [`Spectrum::best_lr`] = 2/(λmin + λmax), above which the overshoot across the valley,
    /// |1 − αλmax|, shrinks more slowly than the progress along its floor, |1 − αλmin|, so the
    /// zig-zag lasts longest; and [`Spectrum::critical_lr`]. Between 1/λmax and the best rate the
    /// steep direction overshoots too, but that zig-zag dies out before the floor is crossed.
    ///
    /// The best rate is compared as the page writes it, to 3 significant digits ([`fmt_lr`]): a
    /// student who set the slider's "fastest 0.46" got a zig-zag badge, the rate being 0.4596.
    pub fn regime(&self, lr: f64, steps: usize) -> Regime {
        let best = self.best_lr();
        let written = format!("{best:.2e}").parse::<f64>().unwrap_or(best);
        if lr.is_nan() || lr >= self.critical_lr() {
            Regime::Diverging
        } else if lr > best.max(written) {
            Regime::Oscillating
        } else if lr < self.crawl_lr(steps) {
            Regime::Crawl
        } else {
            Regime::Converging
        }
    }
}

/// The share of the initial error along the flattest direction that a run must leave behind to
/// be called a crawl: more than 10 % still to go when the run ends.
pub const CRAWL_REMAINING: f64 = 0.1;

/// What a fixed learning rate does to gradient descent on a quadratic valley.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Regime {
    /// The rate is so small that the run ends far from the minimum.
    Crawl,
    /// Steady, monotone progress to the minimum.
    Converging,
    /// Each step overshoots across the valley, but less each time: a zig-zag that converges, and
    /// the slowest part of the run.
    Oscillating,
    /// Each step overshoots by more than it corrects: the error grows without bound.
    Diverging,
}

impl Regime {
    /// A short name for labels.
    pub fn name(self) -> &'static str {
        match self {
            Regime::Crawl => "crawl",
            Regime::Converging => "converging",
            Regime::Oscillating => "oscillating",
            Regime::Diverging => "diverging",
        }
    }

    /// One sentence on why `lr` gives this regime, with the thresholds in numbers.
    pub fn why(self, lr: f64, spectrum: &Spectrum, steps: usize) -> String {
        self.why_named("lr", lr, spectrum, steps)
    }

    /// [`Self::why`], naming the rate `name`: the page says "lr0" where the rate is lr0 itself,
    /// as its slider does.
    pub fn why_named(self, name: &str, lr: f64, spectrum: &Spectrum, steps: usize) -> String {
        let crit = spectrum.critical_lr();
        match self {
            Regime::Crawl => {
                let left = (1.0 - lr * spectrum.lambda_min).abs().powf(steps as f64);
                // Near the fastest rate the crawl is the valley's fault, not the rate's.
                let best = fmt_lr(spectrum.best_lr());
                let head = if lr >= 0.5 * spectrum.best_lr() {
                    format!(
                        "{name} is close to the fastest rate {best} (2/(λmin+λmax), just under the stable limit {}), yet the valley is too long for any one rate",
                        fmt_lr(crit)
                    )
                } else {
                    format!("{name} is far below the stable limit {}", fmt_lr(crit))
                };
                // At a tiny rate four decimals read 1.0000 and "100 % left", as if nothing
                // moved while the loss did fall: enough digits to show the step's effect.
                let factor = 1.0 - lr * spectrum.lambda_min;
                let factor = if (1.0 - factor).abs() < 1e-3 {
                    format!("{factor:.6}")
                } else {
                    format!("{factor:.4}")
                };
                let left = if left > 0.995 {
                    "over 99.5".to_string()
                } else {
                    format!("{:.0}", 100.0 * left)
                };
                format!(
                    "{head}: along the flat valley floor \
                     each step shrinks the distance to the minimum only by the factor {factor}, so after {steps} steps {left} % of that distance is still left, and a run that ends with over {:.0} % left is a crawl, however far its loss has fallen.",
                    100.0 * CRAWL_REMAINING
                )
            }
            // Every threshold is named from the stable limit, the number on the slider's mark (a
            // student met the fastest rate 0.46 beside a slider showing only the limit and the
            // rate to try). 1/λmax is named as the lessons name it, its number first and then the
            // limit it halves: a student met 0.249 as "1/λmax" here and as "half the limit" in a
            // lesson, and another read "half the stable limit 0.498 (1/λmax)" as the limit being
            // 1/λmax.
            Regime::Converging if lr * spectrum.lambda_max > 1.0 => format!(
                "{name} is above {} (1/λmax), half the stable limit {}, but at most the fastest rate {} (2/(λmin+λmax), just under the limit): the first steps overshoot across the steep wall, \
                 but that overshoot dies out faster than the path moves along the floor, and the error shrinks by the factor {:.3} per step.",
                fmt_lr(1.0 / spectrum.lambda_max),
                fmt_lr(crit),
                fmt_lr(spectrum.best_lr()),
                spectrum.contraction(lr)
            ),
            Regime::Converging => format!(
                "{name} is below {} (1/λmax), half the stable limit {}: every step moves downhill without overshooting, and the error shrinks by the factor {:.3} per step.",
                fmt_lr(1.0 / spectrum.lambda_max),
                fmt_lr(crit),
                spectrum.contraction(lr)
            ),
            Regime::Oscillating => {
                // At the limit the zig-zag hardly shrinks: "all the way in" beside a loss that
                // stayed near 4.5 for the whole run (a student typed lr0 0.498, the limit).
                let factor = spectrum.contraction(lr);
                let left = factor.powf(steps as f64);
                let end = if left > 0.5 {
                    format!(
                        "so the path bounces between the walls and barely comes in: after {steps} steps {:.0} % of that zig-zag is still there",
                        100.0 * left
                    )
                } else {
                    "so the path zig-zags all the way in".to_string()
                };
                format!(
                    "{name} is between the fastest rate {} (2/(λmin+λmax)) and the stable limit {} (2/λmax): each step overshoots across the steep side of the valley, \
                     and that overshoot shrinks more slowly than anything else (factor {:.4} per step), {end}.",
                    fmt_lr(spectrum.best_lr()),
                    fmt_lr(crit),
                    factor
                )
            }
            Regime::Diverging => format!(
                "{name} is above the stable limit {} (2/λmax): each step overshoots the valley by more than it corrects, so the error grows by the factor {:.3} per step.",
                fmt_lr(crit),
                spectrum.contraction(lr)
            ),
        }
    }
}

/// A learning rate written the way people read them: 3 significant digits, in decimals down to
/// 0.001 as Ultralytics writes its rates (lr0 0.01, AdamW's 0.001), scientific notation below
/// (3e-4 rather than 0.0003). One notation for every rate a student meets: a lesson titled
/// "The rate 0.004" beside a slider box reading "4e-3" looked like two numbers.
pub fn fmt_lr(lr: f64) -> String {
    if !lr.is_finite() || lr == 0.0 {
        return format!("{lr}");
    }
    // Rounded to 3 significant digits first, so that 0.0009996 is written as 0.001 is.
    let sci = format!("{lr:.2e}");
    let lr = sci.parse::<f64>().unwrap_or(lr);
    if lr.abs() < 0.001 * (1.0 - 1e-9) {
        // "3.00e-4" -> "3e-4", "2.50e-4" -> "2.5e-4"
        if let Some((mant, exp)) = sci.split_once('e') {
            let mant = mant.trim_end_matches('0').trim_end_matches('.');
            return format!("{mant}e{exp}");
        }
        sci
    } else {
        // Three significant digits, then drop trailing zeros: 0.0123, 0.1, 1.02, 12.3.
        let decimals = (2 - lr.abs().log10().floor() as i32).max(0) as usize;
        let s = format!("{lr:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    }
}

/// A loss as every text on the page writes it: three significant figures, trailing zeros kept
/// (1.18, 0.446, 0.0840, 0.0101), in scientific notation below 0.001 (2.50e-5). One notation for
/// the read-out, the verdict and the lesson's result: a student met one run's loss as 0.0228,
/// 0.023 and 0.02280 in three places.
pub fn fmt_loss(loss: f64) -> String {
    if !loss.is_finite() || loss == 0.0 {
        return format!("{loss}");
    }
    if loss.abs() < 0.001 {
        return format!("{loss:.2e}");
    }
    // Rounded to 3 significant figures first, so that 0.09996 is written as 0.100 is.
    let rounded = format!("{loss:.2e}").parse::<f64>().unwrap_or(loss);
    let digits = (2 - rounded.abs().log10().floor() as i32).max(0) as usize;
    format!("{rounded:.digits$}")
}

/// The Hessian's eigenvalue of largest magnitude at `params` (near a minimum, the top
/// curvature λmax) by power iteration (von Mises 1929) on Hessian-vector products, each a
/// central difference of full-data gradients:
/// H·v ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε, with ε = 1e-3·(1 + ‖θ‖/√P) for a unit v.
/// Stops when the Rayleigh quotient vᵀHv changes by less than 1e-4 (relative) or after
/// `max_iters` products.
pub fn top_hessian_eigenvalue(
    model: &mut dyn Model,
    params: &[f32],
    data: &Dataset,
    max_iters: usize,
    seed: u64,
) -> f64 {
    let p = params.len();
    let mut rng = seeded(seed);
    let mut v: Vec<f32> = (0..p).map(|_| StandardNormal.sample(&mut rng)).collect();
    normalise(&mut v);
    let theta_rms =
        (params.iter().map(|&x| f64::from(x).powi(2)).sum::<f64>() / p.max(1) as f64).sqrt();
    let eps = (1e-3 * (1.0 + theta_rms)) as f32;
    let targets = TargetSlice::of(&data.targets, 0, data.len());
    let (mut plus, mut minus) = (vec![0.0f32; p], vec![0.0f32; p]);
    let (mut g_plus, mut g_minus) = (vec![0.0f32; p], vec![0.0f32; p]);
    let mut lambda = 0.0f64;
    for _ in 0..max_iters.max(1) {
        for j in 0..p {
            plus[j] = params[j] + eps * v[j];
            minus[j] = params[j] - eps * v[j];
        }
        model.loss_grad(&plus, &data.inputs, targets, &mut g_plus);
        model.loss_grad(&minus, &data.inputs, targets, &mut g_minus);
        for (hv, gm) in g_plus.iter_mut().zip(&g_minus) {
            *hv = (*hv - gm) / (2.0 * eps);
        }
        let next: f64 = g_plus
            .iter()
            .zip(&v)
            .map(|(&a, &b)| f64::from(a) * f64::from(b))
            .sum();
        std::mem::swap(&mut v, &mut g_plus);
        normalise(&mut v);
        let done = (next - lambda).abs() <= 1e-4 * next.abs();
        lambda = next;
        if done {
            break;
        }
    }
    lambda
}

fn normalise(v: &mut [f32]) {
    let len = v.iter().map(|&x| f64::from(x).powi(2)).sum::<f64>().sqrt();
    if len > 0.0 {
        v.iter_mut().for_each(|x| *x = (f64::from(*x) / len) as f32);
    }
}

/// The largest stable rate of plain gradient descent at curvature λ: 2/λ (spec §6).
pub fn critical_lr(lambda_max: f64) -> f64 {
    2.0 / lambda_max
}

/// The largest stable rate of heavy-ball momentum β (PyTorch SGD, dampening 0) at curvature λ:
/// (2 + 2β)/λ (Goh 2017, spec §6).
pub fn heavy_ball_critical_lr(lambda_max: f64, beta: f64) -> f64 {
    (2.0 + 2.0 * beta) / lambda_max
}

/// The largest stable rate of PyTorch's Nesterov form at curvature λ:
/// (2 + 2β)/((1 + 2β)·λ). Derived in the spec (§6) and checked numerically there, not taken
/// from a published source.
pub fn nesterov_critical_lr(lambda_max: f64, beta: f64) -> f64 {
    (2.0 + 2.0 * beta) / ((1.0 + 2.0 * beta) * lambda_max)
}
