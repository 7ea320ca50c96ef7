//! Training runs: determinism, minibatching, plans, accumulation, loss scaling, divergence and
//! fine-tuning.

use stride::engine::data::{Dataset, Toy, digits};
use stride::engine::model::{Activation, ConvNet, Mlp};
use stride::engine::optim::Optimizer;
use stride::engine::run::{EXPLODE_FACTOR, LossScale, Run, RunConfig, Status};
use stride::engine::schedule::{Every, LrPlan, Scheduler, UltralyticsSchedule, WarmupRule};

fn sgd(lr: f64, batch: usize, epochs: usize) -> RunConfig {
    RunConfig::sgd(lr, batch, epochs, 1)
}

fn moons_run(config: RunConfig) -> Run {
    let data = Toy::Moons.generate(200, 0.1, 3);
    let (train, val) = data.split(0.2, 3);
    Run::new(
        config,
        Box::new(Mlp::new(&[2, 16, 2], Activation::Tanh)),
        train,
        Some(val),
    )
}

#[test]
fn the_same_seed_gives_a_bit_identical_history() {
    let mut a = moons_run(sgd(0.3, 16, 3));
    let mut b = moons_run(sgd(0.3, 16, 3));
    a.advance(usize::MAX);
    b.advance(usize::MAX);
    assert_eq!(a.steps, b.steps);
    assert_eq!(a.epochs, b.epochs);
    let bits = |r: &Run| r.params().iter().map(|p| p.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&a), bits(&b));
    let mut c = moons_run(RunConfig {
        seed: 2,
        ..sgd(0.3, 16, 3)
    });
    c.advance(usize::MAX);
    assert_ne!(a.steps, c.steps);
}

#[test]
fn advancing_in_slices_equals_advancing_at_once() {
    let mut whole = moons_run(sgd(0.3, 16, 2));
    whole.advance(usize::MAX);
    let mut sliced = moons_run(sgd(0.3, 16, 2));
    while sliced.advance(3) == Status::Running {}
    assert_eq!(whole.steps, sliced.steps);
}

#[test]
fn an_mlp_learns_the_moons() {
    let mut run = moons_run(sgd(0.5, 16, 60));
    assert_eq!(run.advance(usize::MAX), Status::Finished);
    let first = run.epochs.first().expect("epochs");
    let last = run.epochs.last().expect("epochs");
    assert!(
        last.train_loss < 0.5 * first.train_loss,
        "{} -> {}",
        first.train_loss,
        last.train_loss
    );
    assert!(
        last.val_accuracy.expect("val") > 0.85,
        "{:?}",
        last.val_accuracy
    );
}

#[test]
fn the_last_partial_batch_is_kept() {
    // 160 training examples in batches of 48: 48, 48, 48, 16.
    let mut run = moons_run(sgd(0.1, 48, 2));
    assert_eq!(run.batches_per_epoch(), 4);
    assert_eq!(run.total_iterations(), 8);
    run.advance(usize::MAX);
    assert_eq!(run.steps.len(), 8);
    assert_eq!(run.epochs.len(), 2);
}

#[test]
fn every_step_records_the_plan_it_used() {
    let plan = LrPlan::Torch {
        scheduler: Scheduler::Step {
            step_size: 1,
            gamma: 0.5,
        },
        lr0: 0.2,
        momentum: 0.9,
        every: Every::Epoch,
    };
    let mut run = moons_run(RunConfig {
        plan: plan.clone(),
        ..sgd(0.0, 40, 3)
    });
    run.advance(usize::MAX);
    let nb = run.batches_per_epoch();
    for (ni, s) in run.steps.iter().enumerate() {
        let want = plan.at(ni, nb);
        assert_eq!(
            (s.lr_weight, s.lr_bias, s.momentum),
            (want.lr_weight, want.lr_bias, want.momentum)
        );
        assert!(s.stepped && s.grad_norm > 0.0);
    }
    assert_eq!(run.steps[nb].lr_weight, 0.1);
}

#[test]
fn a_new_lr0_takes_effect_without_a_restart() {
    let mut run = moons_run(sgd(0.1, 16, 4));
    run.advance(5);
    let before = run.params().to_vec();
    run.set_plan(LrPlan::Constant {
        lr: 0.02,
        momentum: 0.0,
    });
    run.advance(1);
    assert_eq!(run.steps[5].lr_weight, 0.02);
    assert_eq!(run.iteration(), 6, "the run went on");
    let moved: f32 = run
        .params()
        .iter()
        .zip(&before)
        .map(|(a, b)| (a - b).abs())
        .sum();
    assert!(moved > 0.0);
}

#[test]
fn an_exploding_loss_ends_the_run_as_diverged() {
    let mut run = moons_run(sgd(1e4, 16, 10));
    let Status::Diverged { step } = run.advance(usize::MAX) else {
        panic!("lr 1e4 must diverge: {:?}", run.status());
    };
    assert_eq!(run.steps.len(), step + 1);
    let last = run.steps[step].loss;
    assert!(!last.is_finite() || last > EXPLODE_FACTOR * run.steps[0].loss.max(1.0));
    assert_eq!(
        run.advance(10),
        Status::Diverged { step },
        "a diverged run stays stopped"
    );
}

#[test]
fn ultralytics_accumulates_to_the_nominal_batch_after_warmup() {
    // 160 examples, batch 16: nb 10; nbs 64 gives accumulate 4 once warmup (10 iterations) ends.
    let mut u = UltralyticsSchedule::defaults(10);
    u.epochs = 5;
    u.warmup_epochs = 1.0;
    u.lr0 = 0.05;
    let config = RunConfig {
        optimizer: Optimizer::ULTRALYTICS_SGD,
        plan: LrPlan::Ultralytics(u),
        batch: 16,
        epochs: 5,
        weight_decay: 5e-4,
        clip_norm: Some(10.0),
        loss_scale: LossScale::Mean,
        seed: 4,
    };
    let mut run = moons_run(config);
    run.advance(usize::MAX);
    let stepped: Vec<usize> = (0..run.steps.len())
        .filter(|&k| run.steps[k].stepped)
        .collect();
    let after: Vec<usize> = stepped.iter().copied().filter(|&k| k > 10).collect();
    assert!(after.windows(2).all(|w| w[1] - w[0] == 4), "{after:?}");
    // Warmup: bias lr falls from 0.1, weight lr rises from 0, momentum rises from 0.8.
    assert!((run.steps[0].lr_bias - 0.1).abs() < 1e-12 && run.steps[0].lr_weight == 0.0);
    assert!((run.steps[0].momentum - 0.8).abs() < 1e-12);
    assert!((run.steps[20].momentum - 0.937).abs() < 1e-12);
}

#[test]
fn clipping_bounds_every_update() {
    let mut run = moons_run(RunConfig {
        clip_norm: Some(1e-3),
        ..sgd(1.0, 32, 1)
    });
    let mut before = run.params().to_vec();
    for _ in 0..5 {
        run.advance(1);
        let step: f32 = run
            .params()
            .iter()
            .zip(&before)
            .map(|(a, b)| (a - b).powi(2))
            .sum::<f32>()
            .sqrt();
        assert!(step <= 1.0 * 1e-3 * 1.001, "update of norm {step}");
        before = run.params().to_vec();
    }
}

#[test]
fn fine_tuning_starts_where_the_pretrained_run_ended() {
    let mut pre = moons_run(sgd(0.5, 16, 30));
    pre.advance(usize::MAX);
    let weights = pre.params().to_vec();
    let data = Toy::Moons.generate(200, 0.1, 3);
    let (train, val) = data.split(0.2, 3);
    let mut tuned = Run::from_weights(
        sgd(0.01, 16, 1),
        Box::new(Mlp::new(&[2, 16, 2], Activation::Tanh)),
        train,
        Some(val),
        weights,
    );
    let mut fresh = moons_run(sgd(0.01, 16, 1));
    tuned.advance(usize::MAX);
    fresh.advance(usize::MAX);
    assert!(tuned.steps[0].loss < 0.5 * fresh.steps[0].loss);
    assert!(tuned.epochs[0].val_accuracy > fresh.epochs[0].val_accuracy);
}

#[test]
fn the_conv_net_learns_digits() {
    let data: Dataset = digits();
    let (train, val) = data.split(0.2, 0);
    let mut run = Run::new(sgd(0.05, 32, 5), Box::new(ConvNet::w3()), train, Some(val));
    assert_eq!(run.total_iterations(), 5 * 45);
    run.advance(usize::MAX);
    let last = run.epochs.last().expect("epochs");
    assert!(last.val_accuracy.expect("val") > 0.8, "{last:?}");
    assert!(run.model().layout().len() == 810);
}

/// An Ultralytics set-up for the moons (160 training examples) with SGD as Ultralytics builds
/// it, no decay and no clipping, so that a step is lr times a plain function of the gradient.
fn ultralytics(batch: usize, epochs: usize, warmup_epochs: f64, rule: WarmupRule) -> RunConfig {
    let u = UltralyticsSchedule {
        batch,
        epochs,
        warmup_epochs,
        rule,
        ..UltralyticsSchedule::defaults(160usize.div_ceil(batch))
    };
    RunConfig {
        optimizer: Optimizer::ULTRALYTICS_SGD,
        plan: LrPlan::Ultralytics(u),
        ..sgd(0.0, batch, epochs)
    }
}

fn ultralytics_run(batch: usize, epochs: usize, warmup_epochs: f64, rule: WarmupRule) -> Run {
    let run = moons_run(ultralytics(batch, epochs, warmup_epochs, rule));
    assert_eq!(run.batches_per_epoch(), 160usize.div_ceil(batch));
    run
}

fn stepped(run: &Run) -> Vec<usize> {
    (0..run.steps.len())
        .filter(|&k| run.steps[k].stepped)
        .collect()
}

#[test]
fn without_warmup_the_first_step_waits_for_a_full_accumulation() {
    // batch 3, nbs 64: accumulate = round(64/3) = 21. Ultralytics starts at last_opt_step = −1
    // and steps when ni − last ≥ 21: at ni = 20, 41, 62, … — never on a lone minibatch.
    let mut run = ultralytics_run(3, 3, 0.0, WarmupRule::Current);
    let start = run.params().to_vec();
    run.advance(20);
    assert_eq!(
        run.params(),
        start.as_slice(),
        "20 minibatches only accumulate"
    );
    run.advance(usize::MAX);
    let got = stepped(&run);
    assert_eq!(got[..3], [20, 41, 62]);
    let want: Vec<usize> = (20..run.total_iterations()).step_by(21).collect();
    assert_eq!(got, want);
}

#[test]
fn accumulation_ramps_with_warmup_as_ultralytics_steps() {
    // Ultralytics' loop written out: accumulate(ni) = max(1, round(interp(ni; 0 → 1, nw → acc)))
    // during warmup (8.4.190 ramps to acc0 = 21, classic code to nbs/batch = 64/3 unrounded),
    // acc0 afterwards; step when ni − last ≥ accumulate(ni), last starting at −1.
    for (rule, nw, ramp_to) in [
        (WarmupRule::Current, 54, 21.0),
        (WarmupRule::Classic, 100, 64.0 / 3.0),
    ] {
        let mut run = ultralytics_run(3, 4, 1.0, rule);
        run.advance(usize::MAX);
        let accumulate = |ni: usize| -> i64 {
            // np.interp(ni, [0, nw], [1, ramp_to]) as numpy computes it: slope·ni + 1.
            let x = match ni {
                0 => 1.0,
                _ if ni < nw => (ramp_to - 1.0) / nw as f64 * ni as f64 + 1.0,
                _ if ni == nw => ramp_to,
                _ => return 21,
            };
            (x.round_ties_even() as i64).max(1)
        };
        let (mut last, mut want) = (-1i64, Vec::new());
        for ni in 0..run.total_iterations() {
            if ni as i64 - last >= accumulate(ni) {
                want.push(ni);
                last = ni as i64;
            }
        }
        let got = stepped(&run);
        assert_eq!(got, want, "{rule:?}");
        assert_eq!(got[..2], [0, 1], "{rule:?}: accumulate starts at 1");
        let gaps: Vec<usize> = got.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(gaps.windows(2).all(|w| w[1] >= w[0]), "{rule:?}: {gaps:?}");
        assert_eq!(*gaps.last().expect("gaps"), 21, "{rule:?}");
    }
}

/// The weights before and after the first optimizer step of `run`, in f64.
fn first_step(mut run: Run) -> (Vec<f64>, Vec<f64>) {
    let before: Vec<f64> = run.params().iter().map(|&p| f64::from(p)).collect();
    while !run.steps.last().is_some_and(|s| s.stepped) {
        run.advance(1);
    }
    let after = run.params().iter().map(|&p| f64::from(p)).collect();
    (before, after)
}

fn moves(run: Run) -> Vec<f64> {
    let (before, after) = first_step(run);
    after.iter().zip(&before).map(|(a, b)| a - b).collect()
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

#[test]
fn batch_loss_scaling_moves_the_weights_rows_times_as_far() {
    // One SGD step from the same weights on the same minibatch: with the loss times B the
    // step is B times the mean-loss step, for every parameter, up to the f32 rounding of the
    // weights. B is the minibatch's rows: 48 for a full batch, 20 when the whole training set
    // (20 examples) is one short batch of a batch-32 run.
    let short = Toy::Moons.generate(20, 0.1, 5).split(0.0, 5).0;
    let cases = [(48, None, 48.0), (32, Some(short), 20.0)];
    for (batch, data, rows) in cases {
        let build = |scale| {
            let config = RunConfig {
                loss_scale: scale,
                ..sgd(0.01, batch, 1)
            };
            match &data {
                Some(train) => Run::new(
                    config,
                    Box::new(Mlp::new(&[2, 16, 2], Activation::Tanh)),
                    train.clone(),
                    None,
                ),
                None => moons_run(config),
            }
        };
        let (before, mean) = first_step(build(LossScale::Mean));
        let (_, scaled) = first_step(build(LossScale::Batch));
        let mut moved = 0;
        for ((p, m), s) in before.iter().zip(&mean).zip(&scaled) {
            let (dm, ds) = (m - p, s - p);
            let slack = (rows + 1.0) * f64::from(f32::EPSILON) * p.abs() + 1e-6 * (rows * dm).abs();
            assert!((ds - rows * dm).abs() <= slack, "{ds} vs {rows}·{dm}");
            moved += usize::from(dm != 0.0);
        }
        assert!(moved > before.len() / 2, "the step moved {moved} weights");
    }
}

#[test]
fn with_batch_scaling_an_accumulated_step_follows_the_summed_gradient_of_nbs_images() {
    // Same seed, so the same weights and the same shuffled order: batch 16 × accumulate 4 and
    // batch 64 × accumulate 1 both take their first step on the same 64 images, before any
    // weight has changed. With the loss times B both steps are lr·(1 + μ)·Σ∇ℓᵢ over those 64
    // images (Nesterov's first step), i.e. 64 times the mean-loss step of batch 64; with the
    // mean loss, batch 16 sums four means and steps 4 times as far as batch 64.
    let run = |batch, loss_scale| {
        moons_run(RunConfig {
            loss_scale,
            ..ultralytics(batch, 2, 0.0, WarmupRule::Current)
        })
    };
    let b64_mean = moves(run(64, LossScale::Mean));
    let b64_sum = moves(run(64, LossScale::Batch));
    let b16_sum = moves(run(16, LossScale::Batch));
    let b16_mean = moves(run(16, LossScale::Mean));
    let close = |a: &[f64], b: &[f64], k: f64| {
        let diff: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - k * y).collect();
        norm(&diff) <= 1e-4 * norm(a)
    };
    assert!(norm(&b64_mean) > 0.0);
    assert!(close(&b16_sum, &b64_sum, 1.0), "batch 16 vs 64, loss × B");
    assert!(
        close(&b64_sum, &b64_mean, 64.0),
        "loss × B is 64 mean steps"
    );
    assert!(
        close(&b16_mean, &b64_mean, 4.0),
        "mean loss: four means summed"
    );
}

#[test]
fn a_long_run_keeps_a_bounded_history_with_its_extremes() {
    use stride::engine::run::HISTORY;
    // 160 examples at batch 1 for 70 epochs: 11,200 iterations, past HISTORY twice.
    let data = Toy::Moons.generate(200, 0.1, 3);
    let (train, _) = data.split(0.2, 3);
    let make = |epochs| {
        Run::new(
            sgd(0.05, 1, epochs),
            Box::new(Mlp::new(&[2, 8, 2], Activation::Tanh)),
            train.clone(),
            None,
        )
    };
    let mut long = make(70);
    long.advance(usize::MAX);
    assert_eq!(long.iteration(), 11_200);
    assert!(long.steps.len() <= HISTORY && long.steps.len() > HISTORY / 4);
    assert!(long.stride().is_power_of_two() && long.stride() >= 4);
    let counts: Vec<u32> = long.steps.iter().map(|r| r.count).collect();
    assert_eq!(counts.iter().map(|&c| c as usize).sum::<usize>(), 11_200);
    assert!(
        counts[..counts.len() - 1]
            .iter()
            .all(|&c| c as usize == long.stride())
    );
    assert!(
        long.steps
            .iter()
            .all(|r| r.loss_min <= r.loss && r.loss <= r.loss_max)
    );
    // The same run's first 2,000 iterations, kept one by one, against the thinned records.
    let mut short = make(70);
    short.advance(2_000);
    assert_eq!(short.stride(), 1);
    let stride = long.stride();
    for (k, record) in long.steps.iter().take(2_000 / stride).enumerate() {
        let raw = &short.steps[k * stride..(k + 1) * stride];
        let max = raw.iter().map(|r| r.loss).fold(f32::MIN, f32::max);
        let min = raw.iter().map(|r| r.loss).fold(f32::MAX, f32::min);
        let mean = raw.iter().map(|r| f64::from(r.loss)).sum::<f64>() / stride as f64;
        assert_eq!(
            (record.loss_min, record.loss_max),
            (min, max),
            "record {k}: the extremes stay"
        );
        assert!(
            (f64::from(record.loss) - mean).abs() < 1e-4 * mean.max(1.0),
            "record {k}"
        );
    }
    let exact: Vec<f32> = short.steps.iter().take(8).map(|r| r.loss).collect();
    assert_eq!(
        long.first_losses(),
        exact.as_slice(),
        "the first losses are kept exactly"
    );
}

#[test]
fn a_late_divergence_stays_visible_in_a_thinned_history() {
    // The rate grows tenfold every 2,000 iterations (ExponentialLR per iteration), so the run
    // trains for a while and then explodes, long after its history was first thinned.
    let data = Toy::Moons.generate(200, 0.1, 3);
    let (train, _) = data.split(0.2, 3);
    let mut run = Run::new(
        RunConfig {
            plan: LrPlan::Torch {
                scheduler: Scheduler::Exponential {
                    gamma: 10f64.powf(1.0 / 2000.0),
                },
                lr0: 1e-3,
                momentum: 0.0,
                every: Every::Iteration,
            },
            ..sgd(1e-3, 1, 200)
        },
        Box::new(Mlp::new(&[2, 8, 2], Activation::Tanh)),
        train,
        None,
    );
    run.advance(usize::MAX);
    let Status::Diverged { step } = run.status() else {
        panic!("the growing rate must blow up")
    };
    assert!(step > stride::engine::run::HISTORY, "diverged at {step}");
    assert!(run.stride() > 1);
    assert_eq!(run.recorded(), step + 1);
    let last = run.steps.last().expect("records");
    let first = f64::from(run.first_losses()[0]);
    assert!(
        !last.loss_max.is_finite()
            || f64::from(last.loss_max) > f64::from(EXPLODE_FACTOR) * first.max(1.0) * 0.999
    );
}
