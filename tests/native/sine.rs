//! The sine task's engine: its data, its model's gradients, the exact loss and Hessian, and
//! the landscape with its two minima.

use stride::engine::data::{SineSpec, Targets, sine_data};
use stride::engine::model::sine::START;
use stride::engine::model::{Model, SineModel, TargetSlice};
use stride::engine::sine::{B_AXIS, SineLoss, W_AXIS, surface};
use stride::engine::stability::Spectrum;
use stride::engine::surface::weight_plane;

fn values(t: &Targets) -> &[f32] {
    match t {
        Targets::Values(v) => v,
        Targets::Classes { .. } => panic!("regression targets"),
    }
}

#[test]
fn the_data_follow_sin_3x_on_a_grid_and_the_seed_draws_only_the_noise() {
    let spec = SineSpec::default();
    let (a, b) = (sine_data(spec, 0), sine_data(spec, 1));
    assert_eq!(a.len(), 256);
    assert_eq!(a.inputs, b.inputs, "the same inputs for every seed");
    assert_ne!(a.targets, b.targets, "another seed, other noise");
    let step = a.inputs[1] - a.inputs[0];
    assert!(
        a.inputs
            .windows(2)
            .all(|w| (w[1] - w[0] - step).abs() < 1e-5)
    );
    assert!(a.inputs.iter().all(|x| (-0.3..=1.3).contains(x)));
    // With σ = 0.1 the targets stray from sin(3x) by about σ.
    let ms: f32 = a
        .inputs
        .iter()
        .zip(values(&a.targets))
        .map(|(&x, &y)| (y - (3.0 * x).sin()).powi(2))
        .sum::<f32>()
        / 256.0;
    assert!((0.006..0.015).contains(&ms), "{ms}");
    let clean = sine_data(SineSpec { noise: 0.0, ..spec }, 5);
    assert!(
        clean
            .inputs
            .iter()
            .zip(values(&clean.targets))
            .all(|(&x, &y)| y == (3.0 * x).sin())
    );
}

#[test]
fn the_models_gradient_matches_finite_differences_of_the_exact_loss() {
    let data = sine_data(SineSpec::default(), 2);
    let exact = SineLoss::new(&data);
    let mut model = SineModel::new();
    for &(w, b) in &[
        (1.0f32, -1.2f32),
        (0.15, 0.2),
        (3.0, 0.0),
        (-0.4, 1.7),
        (2.2, -0.9),
    ] {
        let mut grad = [0.0f32; 2];
        let out = model.loss_grad(
            &[w, b],
            &data.inputs,
            TargetSlice::Values(values(&data.targets)),
            &mut grad,
        );
        let (w, b) = (f64::from(w), f64::from(b));
        let h = 1e-6;
        let fd = [
            (exact.loss(w + h, b) - exact.loss(w - h, b)) / (2.0 * h),
            (exact.loss(w, b + h) - exact.loss(w, b - h)) / (2.0 * h),
        ];
        let l = exact.loss(w, b);
        assert!(
            (f64::from(out.loss) - l).abs() < 1e-5 * l.max(1.0),
            "loss at ({w}, {b})"
        );
        let analytic = exact.gradient(w, b);
        for k in 0..2 {
            assert!(
                (f64::from(grad[k]) - fd[k]).abs() < 1e-4 * fd[k].abs().max(1.0),
                "∂{k} at ({w}, {b}): {} vs {}",
                grad[k],
                fd[k]
            );
            assert!((analytic[k] - fd[k]).abs() < 1e-7 * fd[k].abs().max(1.0));
        }
    }
}

#[test]
fn the_hessian_matches_finite_differences_of_the_gradient() {
    let exact = SineLoss::new(&sine_data(SineSpec::default(), 0));
    for &(w, b) in &[(1.0, -1.2), (0.15, 0.2), (3.0, 0.0), (-0.4, 1.7)] {
        let h = exact.hessian(w, b);
        let e = 1e-6;
        let (gw1, gw0) = (exact.gradient(w + e, b), exact.gradient(w - e, b));
        let (gb1, gb0) = (exact.gradient(w, b + e), exact.gradient(w, b - e));
        let fd = [
            [(gw1[0] - gw0[0]) / (2.0 * e), (gw1[1] - gw0[1]) / (2.0 * e)],
            [(gb1[0] - gb0[0]) / (2.0 * e), (gb1[1] - gb0[1]) / (2.0 * e)],
        ];
        for i in 0..2 {
            for j in 0..2 {
                assert!(
                    (h[i][j] - fd[i][j]).abs() < 1e-6 * fd[i][j].abs().max(1.0),
                    "H[{i}][{j}] at ({w}, {b}): {} vs {}",
                    h[i][j],
                    fd[i][j]
                );
            }
        }
    }
}

#[test]
fn the_loss_has_a_shallow_minimum_near_the_start_and_the_deep_one_at_w_3() {
    for seed in 0..4 {
        let data = sine_data(SineSpec::default(), seed);
        let exact = SineLoss::new(&data);
        let s = surface(&data);
        let (w, b) = s.minimum;
        assert!((w - 3.0).abs() < 0.05 && b.abs() < 0.05, "deep ({w}, {b})");
        // The noise is all that is left: σ² = 0.01.
        assert!((0.007..0.013).contains(&s.min_loss), "{}", s.min_loss);
        let shallow = exact.minimum_near((0.5, 0.0));
        let g = exact.gradient(shallow.0, shallow.1);
        assert!(g[0].hypot(g[1]) < 1e-9, "a stationary point");
        let spectrum = Spectrum::of_symmetric_2x2(exact.hessian(shallow.0, shallow.1));
        assert!(spectrum.lambda_min > 0.1, "a minimum: {spectrum:?}");
        assert!(
            (0.0..0.3).contains(&shallow.0) && (0.1..0.3).contains(&shallow.1),
            "shallow {shallow:?}"
        );
        let shallow_loss = exact.loss(shallow.0, shallow.1);
        assert!(
            shallow_loss > 25.0 * s.min_loss,
            "{shallow_loss} vs {}",
            s.min_loss
        );
        // Both minima and the start are in the picture, with room to spare.
        for (pw, pb) in [s.minimum, shallow, (f64::from(START.0), f64::from(START.1))] {
            assert!(pw > W_AXIS.min + 0.25 && pw < W_AXIS.max - 0.25);
            assert!(pb > B_AXIS.min + 0.25 && pb < B_AXIS.max - 0.25);
        }
    }
}

#[test]
fn the_landscape_is_the_models_own_loss_at_each_grid_point() {
    let data = sine_data(SineSpec::default(), 0);
    let exact = SineLoss::new(&data);
    let s = surface(&data);
    assert_eq!(s.names, ("w (frequency)", "b (phase)"));
    assert_eq!((s.grid.x, s.grid.y), (W_AXIS, B_AXIS));
    for j in (0..B_AXIS.len).step_by(7) {
        for i in (0..W_AXIS.len).step_by(5) {
            let l = exact.loss(W_AXIS.at(i), B_AXIS.at(j));
            assert!(
                (s.grid.value(i, j) - l).abs() < 1e-5 * l.max(1.0),
                "({i}, {j})"
            );
        }
    }
    assert!(
        s.grid.range().0 >= s.min_loss,
        "nothing in the grid below the minimum"
    );
    // The same evaluation gives the line's closed form for the line's model.
    let valley = stride::engine::valley::Valley::new(0, 1.0);
    let (w, b) = valley.window();
    let by_model = weight_plane(
        &mut stride::engine::model::LineModel::new(),
        &valley.data.to_dataset(),
        w,
        b,
    );
    let closed = valley.grid();
    assert!(
        by_model
            .values
            .iter()
            .zip(&closed.values)
            .all(|(m, c)| (m - c).abs() < 1e-4 * c.max(1.0))
    );
}
