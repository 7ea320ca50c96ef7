//! Landscapes along random and PCA directions, and the curvature that sets the critical rate.

use stride::engine::data::{Toy, digits};
use stride::engine::landscape::{
    PlaneGrid, filter_normalized, line_plane, pca_plane, random_plane,
};
use stride::engine::model::{Activation, ConvNet, LineModel, Mlp, Model, TargetSlice};
use stride::engine::plane::{Axis, Plane};
use stride::engine::rng::seeded;
use stride::engine::stability::{
    critical_lr, heavy_ball_critical_lr, nesterov_critical_lr, top_hessian_eigenvalue,
};
use stride::engine::valley::Valley;

fn norm(v: &[f32]) -> f64 {
    v.iter().map(|&x| f64::from(x).powi(2)).sum::<f64>().sqrt()
}

#[test]
fn filter_normalised_directions_match_each_filters_norm_and_skip_biases() {
    let net = ConvNet::w3();
    let params = net.init(&mut seeded(1));
    let d = filter_normalized(net.layout(), &params, &mut seeded(2));
    for t in &net.layout().tensors {
        if t.shape.len() < 2 {
            assert!(
                d[t.range()].iter().all(|&x| x == 0.0),
                "{} must be zero",
                t.name
            );
            continue;
        }
        let per = t.len() / t.shape[0];
        for f in 0..t.shape[0] {
            let r = t.offset + f * per..t.offset + (f + 1) * per;
            let (dn, pn) = (norm(&d[r.clone()]), norm(&params[r]));
            assert!(
                (dn - pn).abs() < 1e-5 * pn,
                "{} filter {f}: {dn} vs {pn}",
                t.name
            );
        }
    }
    // Two directions from one stream are different.
    let plane = random_plane(net.layout(), &params, 3);
    assert_ne!(plane.d1, plane.d2);
}

#[test]
fn a_grid_point_is_the_full_data_loss_at_that_point_of_the_plane() {
    let data = Toy::Spirals.generate(128, 0.05, 0);
    let mut model = Mlp::new(&[2, 8, 2], Activation::Tanh);
    let params = model.init(&mut seeded(0));
    let plane = random_plane(model.layout(), &params, 9);
    let axis = Axis {
        min: -1.0,
        max: 1.0,
        len: 5,
    };
    let mut grid = PlaneGrid::new(plane.clone(), axis, axis);
    // Slices between frames give the same grid as one pass.
    let mut slices = 0;
    while !grid.advance(&mut model, &data, 7) {
        slices += 1;
        assert!(grid.progress() < 1.0);
    }
    assert_eq!(slices, 25 / 7);
    let mut probe = vec![0.0f32; params.len()];
    for (i, j) in [(0, 0), (4, 4), (2, 2), (1, 3)] {
        plane.point(axis.at(i), axis.at(j), &mut probe);
        let direct = model.evaluate_all(&probe, &data, 10).loss();
        assert!(
            (grid.grid().value(i, j) - direct).abs() < 1e-6 * direct,
            "({i}, {j})"
        );
    }
    // The centre is θ₀ itself.
    let centre = model.evaluate_all(&params, &data, 64).loss();
    assert!((grid.grid().value(2, 2) - centre).abs() < 1e-6 * centre);
}

#[test]
fn pca_recovers_the_plane_a_trajectory_moves_in() {
    let layout = Mlp::new(&[3, 4, 2], Activation::Tanh).layout().clone();
    let p = layout.len();
    // Two orthonormal directions that avoid the bias entries.
    let weights: Vec<usize> = layout
        .tensors
        .iter()
        .filter(|t| t.shape.len() >= 2)
        .flat_map(|t| t.range())
        .collect();
    let mut u = vec![0.0f32; p];
    let mut v = vec![0.0f32; p];
    u[weights[0]] = 0.6;
    u[weights[1]] = 0.8;
    v[weights[2]] = 1.0;
    let end: Vec<f32> = (0..p).map(|j| j as f32 * 0.01).collect();
    // 601 checkpoints is more than the PCA takes (it picks evenly spaced ones); every one is
    // still projected.
    for count in [20, 601] {
        let traj: Vec<Vec<f32>> = (0..count)
            .map(|i| {
                let t = i as f32 / (count - 1) as f32;
                let (a, b) = (3.0 * (1.0 - t), 0.5 * (6.0 * t).sin() * (1.0 - t));
                (0..p).map(|j| end[j] + a * u[j] + b * v[j]).collect()
            })
            .collect();
        let pca = pca_plane(&layout, &traj).expect("the trajectory moves");
        // The plane holds both directions the path moves in, and pc1 lies close to the long
        // one, u (not exactly: the path's a and b are correlated, which turns the axes a little).
        let dot = |a: &[f32], b: &[f32]| {
            a.iter()
                .zip(b)
                .map(|(x, y)| f64::from(*x) * f64::from(*y))
                .sum::<f64>()
        };
        for w in [&u, &v] {
            let held = dot(&pca.plane.d1, w).powi(2) + dot(&pca.plane.d2, w).powi(2);
            assert!((held - 1.0).abs() < 1e-5, "{count}: {held}");
        }
        assert!(
            dot(&pca.plane.d1, &u).abs() > 0.98,
            "{count}: {}",
            dot(&pca.plane.d1, &u)
        );
        assert!((norm(&pca.plane.d1) - 1.0).abs() < 1e-5);
        assert!(dot(&pca.plane.d1, &pca.plane.d2).abs() < 1e-5);
        assert!((pca.explained[0] + pca.explained[1] - 1.0).abs() < 1e-6);
        assert!(pca.explained[0] > pca.explained[1]);
        // The last checkpoint is the origin, and because the plane holds the whole trajectory the
        // projection keeps every distance to it: the first point is 3 away.
        assert_eq!(pca.coords[count - 1], (0.0, 0.0));
        for (i, th) in traj.iter().enumerate() {
            let dist = th
                .iter()
                .zip(&end)
                .map(|(a, b)| f64::from(a - b).powi(2))
                .sum::<f64>()
                .sqrt();
            let (x, y) = pca.coords[i];
            assert!(
                (x.hypot(y) - dist).abs() < 1e-4,
                "point {i}: {:?} vs {dist}",
                pca.coords[i]
            );
        }
        assert!((pca.coords[0].0.hypot(pca.coords[0].1) - 3.0).abs() < 1e-4);
        assert_eq!(pca.coords.len(), count);
    }
    let traj: Vec<Vec<f32>> = (0..5)
        .map(|i| (0..p).map(|j| end[j] + i as f32 * u[j]).collect())
        .collect();
    assert!(pca_plane(&layout, &traj[..2]).is_none());
    assert!(pca_plane(&layout, &vec![end.clone(); 5]).is_none());
}

#[test]
fn the_line_plane_and_the_general_plane_agree() {
    // For the 2-parameter model the (w, b) plane is the parameter space; a Plane with unit
    // directions evaluated through the Model gives the same numbers as the closed form.
    let valley = Valley::new(0, 1.0);
    let data = valley.data.to_dataset();
    let mut model = LineModel::new();
    let plane = Plane {
        origin: vec![0.0, 0.0],
        d1: vec![1.0, 0.0],
        d2: vec![0.0, 1.0],
    };
    let axis = Axis {
        min: -2.0,
        max: 3.0,
        len: 6,
    };
    let mut grid = PlaneGrid::new(plane, axis, axis);
    grid.advance(&mut model, &data, usize::MAX);
    let exact = line_plane(&valley.loss, axis, axis);
    for (a, b) in grid.grid().values.iter().zip(&exact.values) {
        assert!((a - b).abs() < 1e-4 * b.max(1.0), "{a} vs {b}");
    }
}

#[test]
fn power_iteration_finds_the_exact_top_curvature_of_the_line_model() {
    let valley = Valley::new(0, 1.0);
    let data = valley.data.to_dataset();
    let lambda = top_hessian_eigenvalue(&mut LineModel::new(), &[0.3, -0.2], &data, 100, 0);
    let exact = valley.spectrum.lambda_max;
    assert!((lambda - exact).abs() < 2e-3 * exact, "{lambda} vs {exact}");
    assert!(
        (critical_lr(lambda) - valley.spectrum.critical_lr()).abs()
            < 2e-3 * valley.spectrum.critical_lr()
    );
}

#[test]
fn power_iteration_agrees_with_a_dense_hessian_on_an_mlp() {
    let data = Toy::Moons.generate(64, 0.1, 1);
    let mut model = Mlp::new(&[2, 3, 2], Activation::Tanh);
    let params = model.init(&mut seeded(5));
    let p = params.len();
    // Dense Hessian from central differences of the gradient, one column per parameter.
    let targets = TargetSlice::of(&data.targets, 0, data.len());
    let h = 1e-2f32;
    let mut dense = vec![0.0f64; p * p];
    let (mut gp, mut gm) = (vec![0.0f32; p], vec![0.0f32; p]);
    for j in 0..p {
        let mut probe = params.clone();
        probe[j] += h;
        model.loss_grad(&probe, &data.inputs, targets, &mut gp);
        probe[j] -= 2.0 * h;
        model.loss_grad(&probe, &data.inputs, targets, &mut gm);
        for i in 0..p {
            dense[i * p + j] = f64::from(gp[i] - gm[i]) / (2.0 * f64::from(h));
        }
    }
    // Largest |eigenvalue| of the symmetrised matrix by plain power iteration in f64.
    let mut v = vec![1.0f64; p];
    let mut lambda = 0.0;
    for _ in 0..2000 {
        let w: Vec<f64> = (0..p)
            .map(|i| {
                (0..p)
                    .map(|j| 0.5 * (dense[i * p + j] + dense[j * p + i]) * v[j])
                    .sum()
            })
            .collect();
        lambda = w.iter().zip(&v).map(|(a, b)| a * b).sum::<f64>()
            / v.iter().map(|x| x * x).sum::<f64>();
        let len = w.iter().map(|x| x * x).sum::<f64>().sqrt();
        v = w.iter().map(|x| x / len).collect();
    }
    let got = top_hessian_eigenvalue(&mut model, &params, &data, 300, 1);
    assert!(
        (got - lambda).abs() < 2e-2 * lambda.abs(),
        "{got} vs dense {lambda}"
    );
}

#[test]
fn momentum_raises_and_nesterov_lowers_the_critical_rate() {
    let l = 100.0;
    assert!((heavy_ball_critical_lr(l, 0.9) - 0.038).abs() < 1e-12);
    assert!((nesterov_critical_lr(l, 0.9) * l - 1.357).abs() < 1e-3);
    assert!((nesterov_critical_lr(l, 0.937) * l - 1.348).abs() < 1e-3);
    assert_eq!(nesterov_critical_lr(l, 0.0), critical_lr(l));
}

#[test]
fn the_conv_landscape_is_finite_everywhere_on_a_small_grid() {
    let data = digits().subset(&(0..200).collect::<Vec<_>>());
    let mut net = ConvNet::w3();
    let params = net.init(&mut seeded(0));
    let plane = random_plane(net.layout(), &params, 1);
    let axis = Axis {
        min: -1.0,
        max: 1.0,
        len: 4,
    };
    let mut grid = PlaneGrid::new(plane, axis, axis);
    assert!(grid.advance(&mut net, &data, 100));
    assert!(grid.grid().values.iter().all(|v| v.is_finite() && *v > 0.0));
}

#[test]
fn the_conv_nets_shared_plane_evaluation_agrees_with_point_by_point() {
    // The W3 shape computes the conv layer once per image for all points (it is linear in its
    // weights); other shapes go point by point. Both must give each point's full-data loss.
    // 150 images: two full slices of 64 and a partial one.
    let data = digits().subset(&(0..150).collect::<Vec<_>>());
    for mut net in [ConvNet::w3(), ConvNet::new(8, 3, 4, 10)] {
        let params = net.init(&mut seeded(3));
        let plane = random_plane(net.layout(), &params, 4);
        let points = [(0.0, 0.0), (-1.0, 0.5), (0.75, -0.25), (2.0, 2.0)];
        let mut shared = [0.0; 4];
        net.plane_losses(&data, &plane, &points, &mut shared);
        let mut probe = vec![0.0f32; params.len()];
        for (&(a, b), &got) in points.iter().zip(&shared) {
            plane.point(a, b, &mut probe);
            let direct = net.evaluate_all(&probe, &data, 32).loss();
            assert!(
                (got - direct).abs() < 1e-5 * direct,
                "at ({a}, {b}): {got} vs {direct}"
            );
        }
        assert!(
            shared[3] > shared[0],
            "far from θ₀ the loss rises: {shared:?}"
        );
    }
}

#[test]
fn the_sines_start_lies_in_the_shallow_basin_and_its_minimum_in_the_deep_one() {
    let config = stride::state::parse_query("task=sine").0;
    let s = stride::state::runs::session::Session::for_config(&config);
    let surface = s.surface.as_ref().expect("the sine's exact surface");
    // From the lowest point, steepest descent stays there.
    let (deep, at) = surface
        .basin_floor(surface.minimum)
        .expect("inside the window");
    assert!(
        (deep - surface.min_loss).abs() < 0.05 * surface.min_loss.max(0.01),
        "{deep}"
    );
    assert!((at.0 - surface.minimum.0).abs() < 0.2, "{at:?}");
    // From the start of the path, it ends far above: the lesson's shallow minimum.
    let start = s.path(0)[0];
    let (shallow, _) = surface
        .basin_floor(start)
        .expect("the start is in the window");
    assert!(
        shallow > 3.0 * surface.min_loss + 0.01,
        "{shallow} vs {}",
        surface.min_loss
    );
    // Outside the window there is no answer.
    assert!(surface.basin_floor((1e6, 0.0)).is_none());
}
