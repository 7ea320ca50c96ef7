//! Every model's gradient against central finite differences, the losses' stability, and the
//! data sets.

use stride::engine::data::{Dataset, Targets, Toy, digits};
use stride::engine::layout::Group;
use stride::engine::loss::{mse, softmax_cross_entropy};
use stride::engine::model::{Activation, ConvNet, LineModel, Mlp, Model, TargetSlice, tanh};
use stride::engine::rng::seeded;

/// Compares the analytic gradient with (L(θ + h·eᵢ) − L(θ − h·eᵢ))/2h, computed in f64 from f32
/// evaluations, for a spread of coordinates.
fn check_gradient(model: &mut dyn Model, data: &Dataset, seed: u64) {
    let params = model.init(&mut seeded(seed));
    let targets = TargetSlice::of(&data.targets, 0, data.len());
    let mut grad = vec![0.0f32; params.len()];
    model.loss_grad(&params, &data.inputs, targets, &mut grad);
    let mut probe = params.clone();
    let mut scratch = vec![0.0f32; params.len()];
    let step = (params.len() / 40).max(1);
    let mut checked = 0;
    for i in (0..params.len()).step_by(step) {
        // Small enough that a step rarely crosses a ReLU's kink, where the two sides disagree;
        // large enough that f32 rounding of the loss stays well inside the tolerance.
        let h = 1e-3f32;
        probe[i] = params[i] + h;
        let up = f64::from(
            model
                .loss_grad(&probe, &data.inputs, targets, &mut scratch)
                .loss,
        );
        probe[i] = params[i] - h;
        let down = f64::from(
            model
                .loss_grad(&probe, &data.inputs, targets, &mut scratch)
                .loss,
        );
        probe[i] = params[i];
        let numeric = (up - down) / (2.0 * f64::from(h));
        let analytic = f64::from(grad[i]);
        let tol = 2e-3 + 2e-2 * numeric.abs().max(analytic.abs());
        assert!(
            (numeric - analytic).abs() < tol,
            "param {i} ({}): analytic {analytic}, numeric {numeric}",
            model
                .layout()
                .tensors
                .iter()
                .find(|t| t.range().contains(&i))
                .map_or("?", |t| t.name.as_str())
        );
        checked += 1;
    }
    assert!(checked >= 2);
}

fn blobs(n: usize, dim: usize, classes: usize, seed: u64) -> Dataset {
    use rand::RngExt;
    let mut rng = seeded(seed);
    Dataset {
        inputs: (0..n * dim)
            .map(|_| rng.random_range(-1.0f32..1.0))
            .collect(),
        dim,
        targets: Targets::Classes {
            labels: (0..n).map(|i| (i % classes) as u32).collect(),
            count: classes,
        },
    }
}

#[test]
fn line_model_gradient() {
    let data = stride::engine::data::LineData::generate(Default::default(), 1).to_dataset();
    let mut model = LineModel::new();
    // Start away from zero so both partial derivatives are large.
    let params = vec![-1.0f32, 0.5];
    let mut grad = vec![0.0; 2];
    let t = TargetSlice::of(&data.targets, 0, data.len());
    model.loss_grad(&params, &data.inputs, t, &mut grad);
    let h = 1e-3f32;
    for i in 0..2 {
        let mut p = params.clone();
        p[i] += h;
        let up = model.evaluate(&p, &data.inputs, t).loss();
        p[i] -= 2.0 * h;
        let down = model.evaluate(&p, &data.inputs, t).loss();
        let numeric = (up - down) / (2.0 * f64::from(h));
        assert!((numeric - f64::from(grad[i])).abs() < 1e-3 * numeric.abs().max(1.0));
    }
}

#[test]
fn linear_classifier_gradient() {
    check_gradient(
        &mut Mlp::new(&[2, 3], Activation::Tanh),
        &blobs(16, 2, 3, 1),
        2,
    );
}

#[test]
fn mlp_tanh_gradient() {
    check_gradient(
        &mut Mlp::new(&[2, 8, 6, 2], Activation::Tanh),
        &blobs(24, 2, 2, 3),
        4,
    );
}

#[test]
fn mlp_gradient_with_wide_layers_and_a_ragged_batch() {
    // Layers of 8 or more run through the blocked product, whose row blocks of four and column
    // blocks of eight both leave remainders here (23 rows; 12 and 9 columns).
    check_gradient(
        &mut Mlp::new(&[10, 12, 9, 3], Activation::Tanh),
        &blobs(23, 10, 3, 8),
        9,
    );
}

#[test]
fn mlp_relu_gradient() {
    check_gradient(
        &mut Mlp::new(&[3, 7, 4], Activation::Relu),
        &blobs(20, 3, 4, 5),
        6,
    );
}

#[test]
fn conv_net_gradient() {
    let all = digits();
    let data = all.subset(&(0..12).collect::<Vec<_>>());
    check_gradient(&mut ConvNet::w3(), &data, 7);
}

#[test]
fn conv_net_has_w3_shapes() {
    let net = ConvNet::w3();
    let shapes: Vec<_> = net
        .layout()
        .tensors
        .iter()
        .map(|t| (t.name.as_str(), t.shape.clone(), t.group))
        .collect();
    assert_eq!(
        shapes,
        [
            ("conv.weight", vec![8, 1, 3, 3], Group::Weight),
            ("conv.bias", vec![8], Group::Bias),
            ("fc.weight", vec![10, 72], Group::Weight),
            ("fc.bias", vec![10], Group::Bias),
        ]
    );
    assert_eq!(net.layout().len(), 72 + 8 + 720 + 10);
}

#[test]
fn batch_gradient_is_the_mean_of_per_example_gradients() {
    let data = blobs(6, 2, 2, 9);
    let mut model = Mlp::new(&[2, 5, 2], Activation::Tanh);
    let params = model.init(&mut seeded(1));
    let mut full = vec![0.0f32; params.len()];
    model.loss_grad(
        &params,
        &data.inputs,
        TargetSlice::of(&data.targets, 0, 6),
        &mut full,
    );
    let mut mean = vec![0.0f32; params.len()];
    let mut one = vec![0.0f32; params.len()];
    for i in 0..6 {
        model.loss_grad(
            &params,
            data.row(i),
            TargetSlice::of(&data.targets, i, i + 1),
            &mut one,
        );
        for (m, g) in mean.iter_mut().zip(&one) {
            *m += g / 6.0;
        }
    }
    for (a, b) in full.iter().zip(&mean) {
        assert!((a - b).abs() < 1e-6, "{a} vs {b}");
    }
}

#[test]
fn pytorch_default_init_bounds_follow_fan_in() {
    let net = Mlp::new(&[64, 16, 10], Activation::Relu);
    let params = net.init(&mut seeded(3));
    let t = &net.layout().tensors;
    let bound1 = 1.0 / 64f32.sqrt();
    assert!(params[t[0].range()].iter().all(|p| p.abs() <= bound1));
    assert!(params[t[1].range()].iter().all(|p| p.abs() <= bound1));
    let bound2 = 1.0 / 16f32.sqrt();
    assert!(params[t[2].range()].iter().all(|p| p.abs() <= bound2));
    // Not degenerate: the values use most of the interval.
    let max = params[t[0].range()]
        .iter()
        .fold(0.0f32, |m, p| m.max(p.abs()));
    assert!(max > 0.9 * bound1);
}

#[test]
fn cross_entropy_is_stable_for_huge_logits() {
    let logits = [1000.0f32, 0.0, -1000.0, 3e38, -3e38, 0.0];
    let mut grad = [0.0f32; 6];
    let s = softmax_cross_entropy(&logits, &[1, 0], 3, Some(&mut grad));
    assert!(
        s.loss_sum.is_finite() && (s.loss_sum - 1000.0).abs() < 1e-3,
        "{}",
        s.loss_sum
    );
    assert!(grad.iter().all(|g| g.is_finite()));
    // Softmax minus one-hot, halved for the batch of two.
    assert!((grad[0] - 0.5).abs() < 1e-6 && (grad[1] + 0.5).abs() < 1e-6);
    assert_eq!(s.correct, 1);
    // Uniform logits give log C.
    let u = softmax_cross_entropy(&[0.0; 4], &[2], 4, None);
    assert!((u.loss_sum - 4f32.ln()).abs() < 1e-6);
}

#[test]
fn mse_matches_its_definition() {
    let mut g = [0.0f32; 2];
    let l = mse(&[1.0, 3.0], &[0.0, 1.0], Some(&mut g));
    assert_eq!(l, (1.0 + 4.0) / 2.0);
    assert_eq!(g, [1.0, 2.0]);
}

#[test]
fn digits_are_all_there_and_scaled() {
    let d = digits();
    assert_eq!(d.len(), 1797);
    assert_eq!(d.dim, 64);
    assert!(d.inputs.iter().all(|p| (0.0..=1.0).contains(p)));
    let Targets::Classes { labels, count } = &d.targets else {
        panic!("classes")
    };
    assert_eq!(*count, 10);
    for c in 0..10 {
        let n = labels.iter().filter(|&&l| l == c).count();
        assert!((170..=185).contains(&n), "class {c}: {n}");
    }
    // The first image of the file is a 0 with a hollow middle.
    assert_eq!(labels[0], 0);
    assert_eq!(d.row(0)[2], 5.0 / 16.0);
}

#[test]
fn toy_sets_are_balanced_seeded_and_noisy_on_request() {
    for toy in Toy::ALL {
        let a = toy.generate(200, 0.1, 1);
        assert_eq!(a.len(), 200);
        assert_eq!(a, toy.generate(200, 0.1, 1), "{}", toy.name());
        assert_ne!(a, toy.generate(200, 0.1, 2), "{}", toy.name());
        let Targets::Classes { labels, .. } = &a.targets else {
            panic!()
        };
        assert_eq!(labels.iter().filter(|&&l| l == 1).count(), 100);
        assert!(a.inputs.iter().all(|v| v.abs() < 2.5), "{}", toy.name());
        let clean = toy.generate(200, 0.0, 1);
        assert!(clean.inputs.iter().all(|v| v.is_finite()));
    }
    // Circles: the classes sit on radii 0.9 and 0.45 when there is no noise.
    let c = Toy::Circles.generate(100, 0.0, 0);
    let r = |i: usize| (c.row(i)[0].powi(2) + c.row(i)[1].powi(2)).sqrt();
    assert!((r(0) - 0.9).abs() < 1e-6 && (r(99) - 0.45).abs() < 1e-6);
}

#[test]
fn split_is_a_seeded_partition() {
    let d = Toy::Moons.generate(100, 0.1, 0);
    let (train, val) = d.split(0.2, 5);
    assert_eq!((train.len(), val.len()), (80, 20));
    assert_eq!(d.split(0.2, 5), (train.clone(), val.clone()));
    // Every example lands in exactly one part.
    let mut rows: Vec<Vec<u32>> = (0..train.len())
        .map(|i| train.row(i).iter().map(|v| v.to_bits()).collect())
        .chain((0..val.len()).map(|i| val.row(i).iter().map(|v| v.to_bits()).collect()))
        .collect();
    let mut all: Vec<Vec<u32>> = (0..d.len())
        .map(|i| d.row(i).iter().map(|v| v.to_bits()).collect())
        .collect();
    rows.sort();
    all.sort();
    assert_eq!(rows, all);
}

#[test]
fn the_fast_tanh_is_within_a_few_ulps_of_the_exact_one() {
    let mut worst = 0.0f64;
    for k in -200_000..=200_000 {
        let x = k as f32 * 5e-5;
        let err = (f64::from(tanh(x)) - f64::from(x).tanh()).abs();
        worst = worst.max(err);
    }
    assert!(worst < 4.5e-7, "max error {worst:e}");
    assert_eq!(tanh(100.0), tanh(7.905_311));
    assert!((tanh(100.0) - 1.0).abs() < 1e-6 && tanh(0.0) == 0.0 && tanh(-3.0) == -tanh(3.0));
}

#[test]
fn the_conv_nets_fast_evaluation_agrees_with_its_training_forward_pass() {
    let data = digits().subset(&(0..300).collect::<Vec<_>>());
    let mut net = ConvNet::w3();
    for seed in 0..3 {
        let params = net.init(&mut seeded(seed));
        let t = TargetSlice::of(&data.targets, 0, data.len());
        let mut grad = vec![0.0f32; params.len()];
        let train = net.loss_grad(&params, &data.inputs, t, &mut grad);
        let eval = net.evaluate(&params, &data.inputs, t);
        assert!(
            (eval.loss() - f64::from(train.loss)).abs() < 1e-5 * eval.loss(),
            "{} vs {}",
            eval.loss(),
            train.loss
        );
        assert_eq!(eval.correct, train.correct);
    }
}

/// The compiled-in digits are the bundled file's, image by image and pixel by pixel, whatever
/// order the build script packs them in (it packs them column by column, which compresses
/// better), scaled from 0..16 to [0, 1].
#[test]
#[cfg(not(target_arch = "wasm32"))]
fn the_digits_are_the_bundled_files() {
    use std::io::Read;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/engine/data/digits.csv.gz");
    let mut csv = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).expect("the bundled digits"))
        .read_to_string(&mut csv)
        .expect("gzip text");
    let rows: Vec<Vec<u8>> = csv
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.split(',')
                .map(|f| f.trim().parse().expect("0..16"))
                .collect()
        })
        .collect();
    let d = digits();
    let Targets::Classes { labels, count } = &d.targets else {
        panic!("digits are classes");
    };
    assert_eq!((rows.len(), d.dim, *count), (1797, 64, 10));
    assert_eq!(d.inputs.len(), rows.len() * 64);
    for (i, row) in rows.iter().enumerate() {
        let pixels: Vec<f32> = row[..64].iter().map(|&p| f32::from(p) / 16.0).collect();
        assert_eq!(&d.inputs[i * 64..(i + 1) * 64], &pixels[..], "image {i}");
        assert_eq!(labels[i], u32::from(row[64]), "label {i}");
    }
}
