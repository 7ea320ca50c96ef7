//! Optimizers against PyTorch: every trajectory of tests/data/torch_vectors.json, plus the
//! invariants the playground teaches.

use std::ops::Range;

use serde_json::Value;
use stride::engine::optim::{GroupHyper, Optimizer, clip_grad_norm};

fn vectors() -> Value {
    serde_json::from_str(include_str!("../data/torch_vectors.json")).expect("valid JSON")
}

/// f(x) = ½(x₁² + 10x₂²) from x₀ = (1, −2), five steps, one group.
fn trajectory(opt: Optimizer, h: GroupHyper) -> Vec<[f32; 2]> {
    let mut x = [1.0f32, -2.0];
    let mut state = opt.state(2);
    let groups: [(Range<usize>, GroupHyper); 1] = [(0..2, h)];
    (0..5)
        .map(|_| {
            let g = [x[0], 10.0 * x[1]];
            opt.step(&mut state, &mut x, &g, &groups);
            x
        })
        .collect()
}

fn hyper(lr: f64, momentum: f64, weight_decay: f64) -> GroupHyper {
    GroupHyper {
        lr,
        momentum,
        weight_decay,
    }
}

fn assert_matches(name: &str, got: &[[f32; 2]]) {
    let v = vectors();
    let want = v["optimizers"][name]
        .as_array()
        .unwrap_or_else(|| panic!("no vector {name}"));
    assert_eq!(want.len(), got.len());
    for (step, (w, g)) in want.iter().zip(got).enumerate() {
        for k in 0..2 {
            let w = w[k].as_f64().expect("number");
            // f32 arithmetic against a float64 reference.
            let tol = 2e-6 * w.abs().max(1.0);
            assert!(
                (f64::from(g[k]) - w).abs() < tol,
                "{name}, step {}, x{}: got {}, PyTorch {w}",
                step + 1,
                k + 1,
                g[k]
            );
        }
    }
}

const SGD: Optimizer = Optimizer::Sgd {
    dampening: 0.0,
    nesterov: false,
};

#[test]
fn sgd_plain() {
    assert_matches("SGD lr=0.1", &trajectory(SGD, hyper(0.1, 0.0, 0.0)));
}

#[test]
fn sgd_momentum() {
    assert_matches("SGD lr=0.1 mom=0.9", &trajectory(SGD, hyper(0.1, 0.9, 0.0)));
}

#[test]
fn sgd_momentum_dampening() {
    let opt = Optimizer::Sgd {
        dampening: 0.1,
        nesterov: false,
    };
    assert_matches(
        "SGD lr=0.1 mom=0.9 damp=0.1",
        &trajectory(opt, hyper(0.1, 0.9, 0.0)),
    );
}

#[test]
fn sgd_nesterov_weight_decay() {
    assert_matches(
        "SGD lr=0.1 mom=0.9 nesterov wd=0.01",
        &trajectory(Optimizer::ULTRALYTICS_SGD, hyper(0.1, 0.9, 0.01)),
    );
}

#[test]
fn adam() {
    assert_matches(
        "Adam lr=0.1",
        &trajectory(Optimizer::ADAM, hyper(0.1, 0.9, 0.0)),
    );
}

#[test]
fn adam_l2_weight_decay() {
    assert_matches(
        "Adam lr=0.1 wd=0.1",
        &trajectory(Optimizer::ADAM, hyper(0.1, 0.9, 0.1)),
    );
}

#[test]
fn adam_amsgrad() {
    let opt = Optimizer::Adam {
        beta2: 0.999,
        eps: 1e-8,
        amsgrad: true,
        decoupled: false,
    };
    assert_matches(
        "Adam lr=0.1 amsgrad",
        &trajectory(opt, hyper(0.1, 0.9, 0.0)),
    );
}

#[test]
fn adamw_decoupled_weight_decay() {
    assert_matches(
        "AdamW lr=0.1 (wd default 0.01)",
        &trajectory(Optimizer::ADAMW, hyper(0.1, 0.9, 0.01)),
    );
}

#[test]
fn rmsprop() {
    assert_matches(
        "RMSprop lr=0.01",
        &trajectory(Optimizer::RMSPROP, hyper(0.01, 0.0, 0.0)),
    );
}

#[test]
fn rmsprop_centered_momentum() {
    let opt = Optimizer::RmsProp {
        alpha: 0.99,
        eps: 1e-8,
        centered: true,
    };
    assert_matches(
        "RMSprop lr=0.01 mom=0.9 centered",
        &trajectory(opt, hyper(0.01, 0.9, 0.0)),
    );
}

#[test]
fn adams_first_step_has_the_size_of_the_learning_rate() {
    for g in [1e-6f32, 1.0, 1e4] {
        let mut x = [0.0f32];
        let mut state = Optimizer::ADAM.state(1);
        Optimizer::ADAM.step(&mut state, &mut x, &[g], &[(0..1, hyper(0.01, 0.9, 0.0))]);
        assert!(
            (x[0] + 0.01).abs() < 1e-4,
            "gradient {g} moved x to {}",
            x[0]
        );
    }
}

#[test]
fn gd_on_a_quadratic_converges_iff_lr_is_below_two_over_l() {
    // f = ½·L·x², so each step multiplies x by (1 − γL).
    let l = 4.0f64;
    let run = |lr: f64| {
        let mut x = [1.0f32];
        let mut state = SGD.state(1);
        for _ in 0..2000 {
            let g = [l as f32 * x[0]];
            SGD.step(&mut state, &mut x, &g, &[(0..1, hyper(lr, 0.0, 0.0))]);
        }
        x[0].abs()
    };
    assert!(run(0.99 * 2.0 / l) < 1e-3);
    // Past the threshold x overflows to ±∞ and then NaN, so "diverged" is "not small".
    let diverged = |x: f32| x.is_nan() || x >= 1.0;
    assert!(diverged(run(1.01 * 2.0 / l)));
}

#[test]
fn heavy_ball_converges_iff_lr_is_below_two_plus_two_beta_over_l() {
    let (l, beta) = (4.0f64, 0.9);
    let crit = (2.0 + 2.0 * beta) / l;
    let run = |lr: f64| {
        let mut x = [1.0f32];
        let mut state = SGD.state(1);
        for _ in 0..5000 {
            let g = [l as f32 * x[0]];
            SGD.step(&mut state, &mut x, &g, &[(0..1, hyper(lr, beta, 0.0))]);
        }
        x[0].abs()
    };
    assert!(run(0.98 * crit) < 1e-2, "{}", run(0.98 * crit));
    let x = run(1.02 * crit);
    assert!(x.is_nan() || x >= 1.0, "{x}");
}

#[test]
fn groups_get_their_own_hyper_parameters() {
    let mut x = [1.0f32, 1.0];
    let mut state = SGD.state(2);
    let groups = [(0..1, hyper(0.1, 0.0, 0.5)), (1..2, hyper(0.2, 0.0, 0.0))];
    SGD.step(&mut state, &mut x, &[1.0, 1.0], &groups);
    assert!((x[0] - (1.0 - 0.1 * 1.5)).abs() < 1e-7);
    assert!((x[1] - 0.8).abs() < 1e-7);
}

#[test]
fn changing_the_rate_rescales_the_momentum_step_at_once() {
    // PyTorch applies γ to the whole buffer at step time (spec §2.1).
    let mut x = [0.0f32];
    let mut state = SGD.state(1);
    SGD.step(&mut state, &mut x, &[1.0], &[(0..1, hyper(0.1, 0.9, 0.0))]);
    SGD.step(&mut state, &mut x, &[1.0], &[(0..1, hyper(1.0, 0.9, 0.0))]);
    // buffer 1, then 1.9; x = −0.1 − 1.9.
    assert!((x[0] + 2.0).abs() < 1e-6, "{}", x[0]);
}

#[test]
fn clipping_scales_to_the_max_norm_and_leaves_small_gradients() {
    let mut g = [30.0f32, 40.0];
    let norm = clip_grad_norm(&mut g, 10.0);
    assert_eq!(norm, 50.0);
    let after = (g[0] * g[0] + g[1] * g[1]).sqrt();
    assert!((after - 10.0).abs() < 1e-4);
    let mut small = [3.0f32, 4.0];
    assert_eq!(clip_grad_norm(&mut small, 10.0), 5.0);
    assert_eq!(small, [3.0, 4.0]);
}
