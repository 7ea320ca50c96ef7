//! Training runs: determinism, minibatching, plans, accumulation, divergence and fine-tuning.

use stride::engine::data::{Dataset, Toy, digits};
use stride::engine::model::{Activation, ConvNet, Mlp};
use stride::engine::optim::Optimizer;
use stride::engine::run::{EXPLODE_FACTOR, Run, RunConfig, Status};
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
            if ni <= nw {
                let x = 1.0 + (ramp_to - 1.0) * (ni as f64 / nw as f64);
                (x.round_ties_even() as i64).max(1)
            } else {
                21
            }
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
