//! The line lesson's engine: data, exact loss, curvature, gradient descent and the regimes.

use stride::engine::data::{LineData, LineSpec};
use stride::engine::landscape::line_plane;
use stride::engine::line::LineLoss;
use stride::engine::model::line::START;
use stride::engine::model::{LineModel, Model, TargetSlice};
use stride::engine::plane::Axis;
use stride::engine::run::EXPLODE_FACTOR;
use stride::engine::stability::{Regime, Spectrum, fmt_lr};
use stride::engine::valley::{Outcome, Valley};

const STEPS: usize = 100;

/// The line model's loss and gradient over the whole data set at (w, b).
fn loss_and_grad(valley: &Valley, w: f32, b: f32) -> (f32, f32, f32) {
    let mut grad = [0.0f32; 2];
    let out = LineModel::new().loss_grad(
        &[w, b],
        &valley.data.x,
        TargetSlice::Values(&valley.data.y),
        &mut grad,
    );
    (out.loss, grad[0], grad[1])
}

#[test]
fn w1_data_has_the_documented_shape() {
    let data = LineData::generate(LineSpec::default(), 7);
    assert_eq!(data.len(), 256);
    assert!(data.x.iter().all(|x| (-1.0..=1.0).contains(x)));
    let loss = LineLoss::new(&data);
    let (w, b) = loss.minimum().expect("x values differ");
    // The least-squares fit recovers y = 2x − 1 up to the noise.
    assert!(
        (w - 2.0).abs() < 0.15 && (b + 1.0).abs() < 0.1,
        "fit ({w}, {b})"
    );
    // With σ = 0.3 the residual mean square is close to σ² = 0.09.
    let floor = loss.loss(w, b);
    assert!((0.06..0.12).contains(&floor), "floor {floor}");
}

#[test]
fn the_same_seed_gives_the_same_data_and_another_seed_does_not() {
    let spec = LineSpec::default();
    assert_eq!(LineData::generate(spec, 3), LineData::generate(spec, 3));
    assert_ne!(LineData::generate(spec, 3), LineData::generate(spec, 4));
}

#[test]
fn shift_moves_the_inputs_and_stretches_the_valley() {
    let centred = Valley::new(0, 0.0);
    let shifted = Valley::new(0, 1.0);
    assert!(shifted.data.x.iter().all(|x| (0.0..=2.0).contains(x)));
    assert!(shifted.spectrum.condition_number() > 3.0 * centred.spectrum.condition_number());
    // The minimum does not move: the data still follow y = 2x − 1.
    assert!((shifted.minimum.0 - 2.0).abs() < 0.15 && (shifted.minimum.1 + 1.0).abs() < 0.2);
}

#[test]
fn gradient_matches_finite_differences_of_the_exact_loss() {
    let valley = Valley::new(1, 1.0);
    for &(w, b) in &[(-1.0f32, 0.0f32), (0.5, 2.0), (3.0, -2.5)] {
        let (l, gw, gb) = loss_and_grad(&valley, w, b);
        let (w64, b64) = (f64::from(w), f64::from(b));
        let h = 1e-5;
        let fd_w = (valley.loss.loss(w64 + h, b64) - valley.loss.loss(w64 - h, b64)) / (2.0 * h);
        let fd_b = (valley.loss.loss(w64, b64 + h) - valley.loss.loss(w64, b64 - h)) / (2.0 * h);
        assert!((f64::from(l) - valley.loss.loss(w64, b64)).abs() < 1e-4 * f64::from(l));
        assert!(
            (f64::from(gw) - fd_w).abs() < 1e-3 * fd_w.abs().max(1.0),
            "{gw} vs {fd_w}"
        );
        assert!(
            (f64::from(gb) - fd_b).abs() < 1e-3 * fd_b.abs().max(1.0),
            "{gb} vs {fd_b}"
        );
    }
}

#[test]
fn hessian_is_the_second_derivative_and_its_eigenvalues_are_exact() {
    let valley = Valley::new(2, 1.5);
    let h = valley.loss.hessian();
    // Second differences of a quadratic are exact up to rounding.
    let d = 1e-2;
    let l = |w: f64, b: f64| valley.loss.loss(w, b);
    let hww = (l(1.0 + d, 0.0) - 2.0 * l(1.0, 0.0) + l(1.0 - d, 0.0)) / (d * d);
    let hbb = (l(1.0, d) - 2.0 * l(1.0, 0.0) + l(1.0, -d)) / (d * d);
    let hwb = (l(1.0 + d, d) - l(1.0 + d, -d) - l(1.0 - d, d) + l(1.0 - d, -d)) / (4.0 * d * d);
    assert!((h[0][0] - hww).abs() < 1e-6 * hww.abs().max(1.0));
    assert!((h[1][1] - hbb).abs() < 1e-6);
    assert!((h[0][1] - hwb).abs() < 1e-6 * hwb.abs().max(1.0));
    // Each eigenvalue makes H − λI singular; their sum and product are the trace and determinant.
    let s = valley.spectrum;
    for lambda in [s.lambda_min, s.lambda_max] {
        let det = (h[0][0] - lambda) * (h[1][1] - lambda) - h[0][1] * h[1][0];
        assert!(det.abs() < 1e-9 * h[0][0].max(1.0).powi(2), "det {det}");
    }
    assert!((s.lambda_min + s.lambda_max - (h[0][0] + h[1][1])).abs() < 1e-12);
    assert!(s.lambda_min > 0.0 && s.lambda_min <= s.lambda_max);
}

#[test]
fn gradient_is_zero_at_the_minimum() {
    let valley = Valley::new(5, 1.0);
    let (w, b) = valley.minimum;
    let (_, gw, gb) = loss_and_grad(&valley, w as f32, b as f32);
    assert!(gw.abs() < 1e-4 && gb.abs() < 1e-4, "({gw}, {gb})");
}

#[test]
fn a_grid_value_equals_the_loss_computed_directly_at_that_point() {
    let valley = Valley::new(3, 1.0);
    let w = Axis {
        min: -3.0,
        max: 5.0,
        len: 33,
    };
    let b = Axis {
        min: -4.0,
        max: 2.0,
        len: 17,
    };
    let grid = line_plane(&valley.loss, w, b);
    assert_eq!(grid.values.len(), 33 * 17);
    for &(i, j) in &[(0, 0), (32, 16), (7, 11), (20, 3)] {
        let (wi, bj) = (w.at(i), b.at(j));
        // Straight from the definition, in f64: (1/n) Σ (w·x + b − y)².
        let direct = valley
            .data
            .x
            .iter()
            .zip(&valley.data.y)
            .map(|(&x, &y)| (wi * f64::from(x) + bj - f64::from(y)).powi(2))
            .sum::<f64>()
            / valley.data.len() as f64;
        assert!(
            (grid.value(i, j) - direct).abs() < 1e-9 * direct.max(1.0),
            "({i}, {j})"
        );
    }
}

#[test]
fn gd_converges_just_below_the_critical_rate_and_diverges_just_above() {
    let valley = Valley::new(0, 1.0);
    let crit = valley.spectrum.critical_lr();

    let below = valley.descend(0.97 * crit, 3000);
    assert_eq!(below.outcome, Outcome::Completed);
    let gap = f64::from(*below.losses.last().expect("losses")) - valley.min_loss;
    assert!(gap < 1e-4, "still {gap} above the minimum");

    let above = valley.descend(1.03 * crit, 3000);
    assert!(
        matches!(above.outcome, Outcome::Diverged { .. }),
        "{:?}",
        above.outcome
    );
    assert!(above.losses.last().expect("losses") > &above.losses[0]);
}

#[test]
fn divergence_is_reported_at_the_step_the_loss_explodes_and_the_run_stops_there() {
    let valley = Valley::new(0, 1.0);
    let run = valley.descend(10.0, STEPS);
    let Outcome::Diverged { step } = run.outcome else {
        panic!("lr 10 must diverge, got {:?}", run.outcome);
    };
    assert_eq!(run.path.len(), step + 1);
    assert_eq!(run.losses.len(), step + 1);
    let last = *run.losses.last().expect("losses");
    assert!(!last.is_finite() || last > EXPLODE_FACTOR * run.losses[0].max(1.0));
    // Every earlier loss was within bounds, so the reported step is the first bad one.
    assert!(
        run.losses[..step]
            .iter()
            .all(|l| l.is_finite() && *l <= 1e6 * run.losses[0].max(1.0))
    );
}

#[test]
fn a_non_finite_rate_diverges_at_once() {
    let valley = Valley::new(0, 0.0);
    let run = valley.descend(f64::NAN, 10);
    assert_eq!(run.outcome, Outcome::Diverged { step: 1 });
}

#[test]
fn regime_thresholds_are_where_the_theory_puts_them() {
    let s = Spectrum {
        lambda_min: 0.5,
        lambda_max: 4.0,
    };
    assert_eq!(s.critical_lr(), 0.5);
    assert!((s.best_lr() - 2.0 / 4.5).abs() < 1e-15);
    let crawl = s.crawl_lr(STEPS);
    assert!(crawl > 0.0 && crawl < 0.25);
    // (1 − crawl·λmin)^steps is exactly the crawl limit.
    assert!(((1.0 - crawl * 0.5).powi(STEPS as i32) - 0.1).abs() < 1e-12);
    let eps = 1e-9;
    assert_eq!(s.regime(crawl * (1.0 - eps), STEPS), Regime::Crawl);
    assert_eq!(s.regime(crawl * (1.0 + eps), STEPS), Regime::Converging);
    // Oscillating starts at the best rate 2/(λmin + λmax) = 2/4.5, where the zig-zag across the
    // valley starts to outlast the progress along it; the green "best" mark is never orange.
    let best = 2.0 / 4.5;
    assert_eq!(s.regime(0.25 + eps, STEPS), Regime::Converging);
    assert_eq!(s.regime(best, STEPS), Regime::Converging);
    assert_eq!(s.regime(best + eps, STEPS), Regime::Oscillating);
    assert!(
        s.contraction(best + 1e-3) > s.contraction(best),
        "the best rate is the fastest"
    );
    assert!(s.contraction(best - 1e-3) > s.contraction(best));
    assert_eq!(s.regime(0.5 - eps, STEPS), Regime::Oscillating);
    assert_eq!(s.regime(0.5, STEPS), Regime::Diverging);
    assert_eq!(s.regime(f64::NAN, STEPS), Regime::Diverging);
    // A longer run leaves less to crawl.
    assert!(s.crawl_lr(1000) < crawl);
}

#[test]
fn sweeping_the_rate_up_goes_crawl_converging_oscillating_diverging() {
    let valley = Valley::new(0, 1.0);
    let mut seen = Vec::new();
    for k in 0..=250 {
        let lr = 10f64.powf(-4.0 + 5.0 * f64::from(k) / 250.0);
        let regime = valley.regime(lr, STEPS);
        if seen.last() != Some(&regime) {
            seen.push(regime);
        }
    }
    assert_eq!(
        seen,
        [
            Regime::Crawl,
            Regime::Converging,
            Regime::Oscillating,
            Regime::Diverging
        ]
    );
}

/// Component of (θ − θ*) along the steep eigenvector of the Hessian.
fn steep_component(valley: &Valley, p: (f32, f32)) -> f64 {
    let h = valley.loss.hessian();
    let l = valley.spectrum.lambda_max;
    // (H − λI)v = 0 gives v = (h01, λ − h00).
    let v = (h[0][1], l - h[0][0]);
    let norm = (v.0 * v.0 + v.1 * v.1).sqrt();
    let d = (
        f64::from(p.0) - valley.minimum.0,
        f64::from(p.1) - valley.minimum.1,
    );
    (d.0 * v.0 + d.1 * v.1) / norm
}

#[test]
fn each_regime_looks_like_its_name_in_a_real_run() {
    let valley = Valley::new(0, 1.0);
    let s = valley.spectrum;
    let dist = |p: (f32, f32)| {
        (f64::from(p.0) - valley.minimum.0).hypot(f64::from(p.1) - valley.minimum.1)
    };

    // Crawl: far from the minimum when the run ends.
    let lr = 0.5 * s.crawl_lr(STEPS);
    assert_eq!(valley.regime(lr, STEPS), Regime::Crawl);
    let run = valley.descend(lr, STEPS);
    assert!(
        dist(run.current()) > 0.2 * dist(START),
        "crawl reached the minimum"
    );

    // Converging: the loss falls at every step and the steep component never changes sign.
    let lr = 0.9 / s.lambda_max;
    assert_eq!(valley.regime(lr, STEPS), Regime::Converging);
    let run = valley.descend(lr, STEPS);
    assert!(run.losses.windows(2).all(|w| w[1] <= w[0]));
    let signs: Vec<bool> = run.path[..10]
        .iter()
        .map(|&p| steep_component(&valley, p) > 0.0)
        .collect();
    assert!(
        signs.windows(2).all(|w| w[0] == w[1]),
        "no zig-zag expected"
    );
    assert!(dist(run.current()) < 0.1 * dist(START));

    // Oscillating: the steep component flips sign every step, and the run still converges.
    let lr = 0.5 * (s.best_lr() + s.critical_lr());
    assert_eq!(valley.regime(lr, STEPS), Regime::Oscillating);
    let run = valley.descend(lr, STEPS);
    let comps: Vec<f64> = run.path[..10]
        .iter()
        .map(|&p| steep_component(&valley, p))
        .collect();
    assert!(
        comps.windows(2).all(|w| w[0] * w[1] < 0.0),
        "zig-zag expected: {comps:?}"
    );
    assert_eq!(run.outcome, Outcome::Completed);
    assert!(dist(run.current()) < dist(START));

    // Diverging: the error grows.
    let lr = 2.5 / s.lambda_max;
    assert_eq!(valley.regime(lr, STEPS), Regime::Diverging);
    let run = valley.descend(lr, STEPS);
    assert!(matches!(run.outcome, Outcome::Diverged { .. }));
}

#[test]
fn the_explanation_quotes_the_thresholds() {
    let valley = Valley::new(0, 1.0);
    let s = valley.spectrum;
    let text = Regime::Diverging.why(1.0, &s, STEPS);
    assert!(
        text.contains(&format!(
            "stable limit {} (2/λmax)",
            fmt_lr(s.critical_lr())
        )),
        "{text}"
    );
    let text = Regime::Crawl.why(1e-3, &s, STEPS);
    assert!(text.contains("% of that distance is still left"), "{text}");
}

#[test]
fn learning_rates_are_printed_as_people_write_them() {
    assert_eq!(fmt_lr(3e-4), "3e-4");
    assert_eq!(fmt_lr(2.5e-4), "2.5e-4");
    // Decimals down to 0.001, as Ultralytics writes its rates; one notation either side.
    assert_eq!(fmt_lr(2.5e-3), "0.0025");
    assert_eq!(fmt_lr(0.004), "0.004");
    assert_eq!(fmt_lr(0.001), "0.001");
    assert_eq!(fmt_lr(9.996e-4), "0.001");
    assert_eq!(fmt_lr(9.99e-4), "9.99e-4");
    assert_eq!(fmt_lr(0.00167), "0.00167");
    assert_eq!(fmt_lr(0.0123), "0.0123");
    assert_eq!(fmt_lr(0.1), "0.1");
    assert_eq!(fmt_lr(1.0234), "1.02");
    assert_eq!(fmt_lr(10.0), "10");
    assert_eq!(fmt_lr(0.0), "0");
}

/// A crawl near the fastest rate is the valley's doing, and the sentence says so; far below it,
/// the rate's.
#[test]
fn the_crawl_sentence_blames_the_rate_only_when_the_rate_is_small() {
    use stride::engine::stability::Regime;
    let valley = Valley::new(0, 1.0);
    let best = valley.spectrum.best_lr();
    let near = Regime::Crawl.why(0.9 * best, &valley.spectrum, 100);
    let far = Regime::Crawl.why(0.01 * best, &valley.spectrum, 100);
    assert!(
        near.starts_with("lr is close to the fastest rate")
            && near.contains("too long for any one rate"),
        "{near}"
    );
    assert!(far.starts_with("lr is far below the stable limit"), "{far}");
}

#[test]
fn a_tiny_rates_crawl_still_shows_that_it_moved() {
    use stride::engine::stability::{Regime, Spectrum};
    let s = Spectrum {
        lambda_min: 0.5,
        lambda_max: 4.0,
    };
    let why = Regime::Crawl.why(5e-5, &s, 100);
    assert!(why.contains("factor 0.999975"), "{why}");
    assert!(
        why.contains("over 99.5 % of that distance is still left"),
        "{why}"
    );
    assert!(!why.contains("1.0000") && !why.contains(" 100 %"), "{why}");
}

/// The slider's "fastest" mark is a rate a student can type: at the rate as the mark writes it
/// the regime is the best rate's own, whichever way the 3 digits round, and above it oscillating
/// (the line's best rate 0.4596 is written 0.46, and 0.46 read as a zig-zag).
#[test]
fn the_fastest_rate_as_written_converges() {
    for (seed, shift) in [(0u64, 1.0f32), (1, 1.0), (0, 2.0), (3, 0.5), (7, 3.0)] {
        let s = Valley::new(seed, shift).spectrum;
        let written: f64 = fmt_lr(s.best_lr()).parse().expect("a number");
        // As the best rate itself: converging, or a crawl on a valley too long for any rate.
        assert_eq!(
            s.regime(written, 100),
            s.regime(s.best_lr(), 100),
            "seed {seed} shift {shift}: {written}"
        );
        assert_ne!(s.regime(written, 100), Regime::Oscillating);
        let above = 0.5 * (s.best_lr().max(written) + s.critical_lr());
        assert_eq!(s.regime(above, 100), Regime::Oscillating, "{above}");
    }
}
