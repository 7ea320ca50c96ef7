//! The LR range test: the ramp, the smoothing, the stop rules, fastai's four suggestions, and a
//! real test on a real run.

use stride::engine::data::Toy;
use stride::engine::lr_finder::{
    FinderConfig, minimum, should_stop, slide, steep, suggest, valley,
};
use stride::engine::model::{Activation, Mlp};
use stride::engine::optim::Optimizer;
use stride::engine::run::{LossScale, Run, RunConfig};
use stride::engine::schedule::LrPlan;
use stride::engine::smooth::SmoothLoss;

#[test]
fn the_ramp_is_exponential_and_never_reaches_end_lr() {
    let c = FinderConfig::default();
    assert!((c.lr_at(0) - 1e-7).abs() < 1e-20);
    assert!((c.lr_at(50) - 1e-3).abs() < 1e-15);
    assert!((c.lr_at(99) - 8.3176).abs() < 1e-4, "{}", c.lr_at(99));
    let short = FinderConfig { num_it: 2, ..c };
    assert_eq!(short.iterations(), 6);
}

#[test]
fn smoothing_is_debiased() {
    let mut s = SmoothLoss::new();
    // A constant loss is reported exactly from the first step on, which an undebiased average
    // (starting at 0) would not do.
    for _ in 0..5 {
        assert!((s.push(2.5) - 2.5).abs() < 1e-12);
    }
    let mut s = SmoothLoss::with_beta(0.5);
    s.push(1.0);
    // a = 0.5·(0.5·1) + 0.5·3 = 1.75; 1 − 0.5² = 0.75.
    assert!((s.push(3.0) - 1.75 / 0.75).abs() < 1e-12);
}

#[test]
fn stops_at_four_times_the_best_on_nan_and_after_num_it() {
    let c = FinderConfig::default();
    let mut best = f64::INFINITY;
    assert!(!should_stop(&c, 0, 1.0, &mut best));
    assert!(!should_stop(&c, 1, 0.5, &mut best));
    assert_eq!(best, 0.5);
    assert!(!should_stop(&c, 2, 2.0, &mut best));
    assert!(should_stop(&c, 3, 2.01, &mut best));
    assert!(should_stop(&c, 3, f64::NAN, &mut 1.0));
    assert!(should_stop(&c, 99, 0.1, &mut 1.0));
    let no_div = FinderConfig {
        stop_div: false,
        ..c
    };
    assert!(!should_stop(&no_div, 3, 100.0, &mut 1.0));
}

fn ramp(n: usize) -> Vec<f64> {
    (0..n).map(|k| 10f64.powf(-4.0 + k as f64 / 10.0)).collect()
}

#[test]
fn valley_is_a_third_and_a_sixth_along_the_longest_descent() {
    let lrs = ramp(12);
    // Longest strictly decreasing subsequence: indices 1..=8 (3.5 down to 1.0, 8 points), so
    // max_end 8 and max_start 8 − 8 = 0; sections 8/3; idx = 0 + 2 + 1 = 3. (Checked against
    // fastai's Python.)
    let losses = [3.0, 3.5, 3.2, 3.0, 2.5, 2.0, 1.5, 1.2, 1.0, 1.5, 4.0, 9.0];
    assert_eq!(valley(&lrs, &losses), Some(lrs[3]));
    // fastai's quirk: a valley starting at index 0 gives max_start −1, and a short one then
    // indexes from the end.
    let lrs3 = ramp(3);
    assert_eq!(valley(&lrs3, &[2.0, 1.0, 3.0]), Some(lrs3[2]));
    assert_eq!(valley(&[], &[]), None);
}

#[test]
fn minimum_is_a_tenth_of_the_best_rate() {
    let lrs = ramp(5);
    assert_eq!(
        minimum(&lrs, &[3.0, 2.0, 1.0, 1.0, 5.0]),
        Some(lrs[2] / 10.0)
    );
    assert_eq!(minimum(&lrs, &[f64::NAN; 5]), None);
}

#[test]
fn steep_is_the_left_end_of_the_steepest_drop() {
    let lrs = ramp(5);
    assert_eq!(steep(&lrs, &[3.0, 2.9, 1.0, 0.9, 0.8]), Some(lrs[1]));
}

#[test]
fn slide_walks_left_until_the_slopes_agree() {
    let lrs = ramp(30);
    // Flat, then a ramp of slope 1 from index 20: gradients 0 … 0, 0.5 at 20, then 1.
    let losses: Vec<f64> = (0..30).map(|i| (i as f64 - 20.0).max(0.0)).collect();
    assert_eq!(slide(&lrs, &losses, 15, 0.005, 1.0), Some(lrs[5]));
    // A straight line: the first comparison already agrees, so the answer is lrs[−16].
    let line: Vec<f64> = (0..30).map(|i| i as f64).collect();
    assert_eq!(slide(&lrs, &line, 15, 0.005, 1.0), Some(lrs[14]));
    assert_eq!(slide(&lrs[..10], &line[..10], 15, 0.005, 1.0), None);
}

#[test]
fn suggestions_use_fastais_slice() {
    let lrs = ramp(100);
    // A minimum at index 3 lies outside lrs[10..95] and must be ignored.
    let mut losses: Vec<f64> = (0..100)
        .map(|i| 1.0 + ((i as f64 - 60.0) / 30.0).powi(2))
        .collect();
    losses[3] = 0.0;
    let s = suggest(&lrs, &losses, 100);
    assert_eq!(s.minimum, Some(lrs[60] / 10.0));
    // A NaN cuts the slice.
    losses[70] = f64::NAN;
    let cut = suggest(&lrs, &losses, 100);
    assert_eq!(cut.minimum, Some(lrs[60] / 10.0));
    assert!(cut.steep.expect("steep") < lrs[70]);
    assert_eq!(suggest(&lrs[..12], &losses[..12], 100), Default::default());
}

#[test]
fn a_range_test_on_a_real_run_diverges_suggests_and_restores_the_weights() {
    let (train, _) = Toy::Moons.generate(256, 0.1, 0).split(0.0, 0);
    let config = RunConfig {
        optimizer: Optimizer::Sgd {
            dampening: 0.0,
            nesterov: false,
        },
        plan: LrPlan::Constant {
            lr: 0.1,
            momentum: 0.9,
        },
        batch: 16,
        epochs: 3,
        weight_decay: 0.0,
        clip_norm: None,
        loss_scale: LossScale::Mean,
        seed: 0,
    };
    let mut run = Run::new(
        config,
        Box::new(Mlp::new(&[2, 16, 2], Activation::Relu)),
        train,
        None,
    );
    let before = run.params().to_vec();
    let finder = run.lr_find(&FinderConfig {
        start_lr: 1e-5,
        end_lr: 1e4,
        ..FinderConfig::default()
    });
    assert!(finder.stopped_early, "a rate of 1e4 must blow the loss up");
    assert_eq!(run.params(), before.as_slice());
    assert_eq!(run.iteration(), 0);
    assert!(finder.lrs.windows(2).all(|w| w[1] > w[0]));
    let last = *finder.losses.last().expect("losses");
    let best = finder.losses.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(!last.is_finite() || last > 4.0 * best);
    let valley = finder.suggestions.valley.expect("a valley");
    assert!(valley > 1e-5 && valley < *finder.lrs.last().expect("lrs"));
    // The run trains as if the test had not happened.
    let mut twin = Run::new(
        run.config().clone(),
        Box::new(Mlp::new(&[2, 16, 2], Activation::Relu)),
        run.train_set().clone(),
        None,
    );
    run.advance(20);
    twin.advance(20);
    assert_eq!(run.steps, twin.steps);
}
