//! The rate a run really gets: `optimizer=auto` as the page resolves it, the loss scaling, and
//! the effective-LR ledger, whose every number must be what the engine's run used.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use stride::engine::data::Toy;
use stride::engine::optim::auto::lr_fit;
use stride::engine::run::{LossScale, Status};
use stride::state::plan::{self, auto_note, effective};
use stride::state::scene::{LedgerLine, LedgerView, ledger};

/// The ledger's line for `factor`.
fn line<'a>(l: &'a LedgerView, factor: &str) -> &'a LedgerLine {
    l.lines
        .iter()
        .find(|x| x.factor == factor)
        .unwrap_or_else(|| panic!("a {factor} line"))
}
use stride::state::settings::task::Task;
use stride::state::{Config, DecayKind, OptKind, parse_query};

fn auto(task: Task, batch: usize, epochs: usize) -> Config {
    Config {
        task,
        optimizer: OptKind::Auto,
        batch,
        nbs: 64,
        epochs,
        lr0: 0.05,
        momentum: 0.937,
        warmup_epochs: 3.0,
        warmup_bias_lr: 0.1,
        decay: DecayKind::Linear,
        ..Config::default()
    }
}

#[test]
fn auto_resolves_by_the_tasks_classes_and_iterations() {
    // The toy sets have 400 training points, 2 classes: ⌈400/64⌉ = 7 steps per epoch.
    let moons = Task::Toy(Toy::Moons);
    let short = effective(&auto(moons, 16, 100));
    assert_eq!(short.optimizer, OptKind::AdamW);
    assert_eq!(short.lr0, lr_fit(2));
    assert_eq!(short.lr0, 0.001667, "spec §1.6's table, nc 2");
    assert_eq!(short.momentum, 0.9, "β₁ 0.9; Adam's is never warmed");
    assert_eq!(short.warmup_bias_lr, 0.0, "auto forces warmup_bias_lr to 0");
    // The digits: 10 classes.
    let digits = effective(&auto(Task::Digits, 16, 10));
    assert_eq!(digits.lr0, 0.000714, "spec §1.6's table, nc 10");
    // The line has no classes: Ultralytics' default nc, 10.
    assert_eq!(effective(&auto(Task::Line, 16, 10)).lr0, 0.000714);
    // 7 × 1428 = 9996 ≤ 10,000 stays AdamW; 7 × 1429 = 10,003 is past it. (Epochs stop at 500
    // on the page, but the rule is the rule.)
    assert_eq!(effective(&auto(moons, 16, 1428)).optimizer, OptKind::AdamW);
    let long = effective(&auto(moons, 16, 1429));
    assert_eq!(long.optimizer, OptKind::Sgd);
    assert_eq!(long.lr0, 0.01);
    assert!(long.nesterov);
    assert_eq!(long.momentum, 0.937, "warmed to `momentum`, not 0.9");
    let unwarmed = effective(&Config {
        warmup_epochs: 0.0,
        ..auto(moons, 16, 1429)
    });
    assert_eq!(unwarmed.momentum, 0.9, "the constructor's, without warmup");
}

#[test]
fn auto_says_what_it_picked_and_that_musgd_is_not_run() {
    let note = auto_note(&auto(Task::Toy(Toy::Moons), 16, 100)).expect("auto");
    assert!(note.contains("AdamW") && note.contains("0.00167"), "{note}");
    // The comparison reads with the count it is about, and the arithmetic follows it.
    assert!(
        note.contains("700 optimizer steps, at most 10,000 (400 training images"),
        "{note}"
    );
    // Beside the counter's iterations, the run's own: which count is which.
    let config = auto(Task::Toy(Toy::Moons), 16, 100);
    let iterations = stride::state::runs::session::Session::for_config(&config).slots[0]
        .run
        .total_iterations();
    assert!(
        note.contains(&format!(
            "). The iteration counter counts minibatches of 16, {} in all.",
            stride::charts::thousands(iterations)
        )),
        "{note}"
    );
    // Said in the line in view, before the fold: a student set lr0 under auto and saw nothing
    // change, with nothing in view saying why.
    let (pick, _) = note.split_once(", because ").expect("a pick, then why");
    assert!(pick.contains("ignores lr0 and momentum"), "{note}");
    // The digits' 1437 training images at batch 16: 23 steps an epoch, 10,005 in 435 epochs.
    let note = auto_note(&auto(Task::Digits, 16, 435)).expect("auto");
    assert!(note.contains("MuSGD at lr 0.01"), "{note}");
    assert!(note.contains("does not implement MuSGD"), "{note}");
    assert!(note.contains("Nesterov SGD"), "{note}");
    assert_eq!(auto_note(&Config::default()), None);
    // A task without classes is fitted to Ultralytics' default nc, said so.
    let line = auto_note(&auto(Task::Line, 16, 10)).expect("auto");
    assert!(
        line.contains("(fitted to 10 classes, Ultralytics' default nc, as this task has none)"),
        "{line}"
    );
    // The legend names what ran, not the ignored lr0.
    assert_eq!(
        plan::run_label(&auto(Task::Toy(Toy::Moons), 16, 100)),
        "auto: AdamW 0.00167"
    );
}

#[test]
fn auto_and_the_loss_scaling_are_read_from_the_url() {
    let (c, notices) = parse_query("optimizer=auto&loss_scale=batch");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(c.optimizer, OptKind::Auto);
    assert_eq!(c.loss_scale, LossScale::Batch);
    let (c, notices) = parse_query("loss_scale=sum");
    assert_eq!(c.loss_scale, LossScale::Mean);
    assert_eq!(notices.len(), 1, "a bad value is reported");
}

#[test]
fn a_run_with_auto_uses_what_auto_picked() {
    let c = auto(Task::Toy(Toy::Moons), 16, 5);
    let mut run = plan::run(&c, None);
    run.advance(usize::MAX);
    let nb = c.batches_per_epoch();
    let last = run.records_upto(run.total_iterations());
    let after = last[nb * 4].lr_weight;
    // Epoch 4 of 5 of linear decay from lr_fit(2), not from the typed 0.05.
    let lf = (1.0 - 4.0 / 5.0) * (1.0 - c.lrf) + c.lrf;
    assert!((after - lr_fit(2) * lf).abs() < 1e-12, "{after}");
    assert_eq!(last[0].lr_bias, 0.0, "warmup_bias_lr forced to 0");
}

#[test]
fn the_ultralytics_loss_multiplies_an_sgd_step_by_the_batch() {
    let mean = Config {
        task: Task::Toy(Toy::Moons),
        batch: 16,
        nbs: 16,
        epochs: 1,
        lr0: 0.01,
        decay: DecayKind::Constant,
        ..Config::default()
    };
    let scaled = Config {
        loss_scale: LossScale::Batch,
        lr0: 0.01 / 16.0,
        ..mean.clone()
    };
    let (mut a, mut b) = (plan::run(&mean, None), plan::run(&scaled, None));
    a.advance(usize::MAX);
    b.advance(usize::MAX);
    // lr × 16 × the mean gradient is the same step as (lr/16) × (16 × the mean gradient).
    for (x, y) in a.params().iter().zip(b.params()) {
        assert!((x - y).abs() < 1e-5, "{x} vs {y}");
    }
}

/// Settings whose runs are short enough to record every iteration.
fn settings() -> impl Strategy<Value = Config> {
    (
        prop_oneof![Just(Task::Line), Just(Task::Toy(Toy::Moons))],
        prop_oneof![
            Just(OptKind::Sgd),
            Just(OptKind::Adam),
            Just(OptKind::AdamW),
            Just(OptKind::RmsProp),
            Just(OptKind::Auto)
        ],
        prop_oneof![
            Just(DecayKind::Linear),
            Just(DecayKind::Cosine),
            Just(DecayKind::Step),
            Just(DecayKind::Exponential),
            Just(DecayKind::OneCycle),
            Just(DecayKind::Constant)
        ],
        (4usize..80, 1usize..128, 1usize..8),
        (0.0f64..4.0, 0.0f64..0.3, 0.0f64..0.95),
        (-4.0f64..-0.5, any::<bool>(), any::<bool>(), 0.0f64..0.01),
    )
        .prop_map(
            |(
                task,
                optimizer,
                decay,
                (batch, nbs, epochs),
                (we, wbl, m),
                (lg, nesterov, scaled, wd),
            )| {
                Config {
                    task,
                    optimizer,
                    decay,
                    batch,
                    nbs,
                    epochs,
                    warmup_epochs: we,
                    warmup_bias_lr: wbl,
                    momentum: m,
                    nesterov,
                    lr0: 10f64.powf(lg),
                    loss_scale: if scaled {
                        LossScale::Batch
                    } else {
                        LossScale::Mean
                    },
                    weight_decay: wd,
                    ..Config::default()
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// At every iteration, the ledger's rates, momentum and step are what the run recorded.
    #[test]
    fn the_ledger_is_what_the_run_applied(c in settings()) {
        let mut run = plan::run(&c, None);
        run.advance(usize::MAX);
        let records = run.records_upto(run.total_iterations());
        prop_assume!(records.iter().all(|r| r.count == 1));
        for (ni, r) in records.iter().enumerate() {
            let l = ledger(&c, ni);
            prop_assert_eq!(l.ni, ni);
            prop_assert_eq!(l.groups[0].lr, r.lr_weight, "weights at {}", ni);
            prop_assert_eq!(l.groups[1].lr, r.lr_bias, "biases at {}", ni);
            prop_assert_eq!(l.settings.momentum, r.momentum, "momentum at {}", ni);
            // A run that diverged recorded its last iteration without stepping.
            if !(ni + 1 == records.len() && matches!(run.status(), Status::Diverged { .. })) {
                prop_assert_eq!(l.steps, r.stepped, "step at {} of {:?}", ni, c);
            }
            prop_assert_eq!(l.groups[1].weight_decay, 0.0);
        }
    }
}

#[test]
fn the_ledger_steps_where_ultralytics_does_from_last_opt_step_minus_one() {
    // The example: batch 3, nbs 64 (accumulate 21), no warmup.
    let c = Config {
        batch: 3,
        nbs: 64,
        epochs: 3,
        decay: DecayKind::Linear,
        ..Config::default()
    };
    let steps: Vec<usize> = (0..70).filter(|&ni| ledger(&c, ni).steps).collect();
    assert_eq!(steps, [20, 41, 62]);
    let l = ledger(&c, 30);
    let accumulate = line(&l, "accumulate");
    assert!(
        accumulate
            .arithmetic
            .contains("max(round(nbs 64 / batch 3), 1) = 21"),
        "{accumulate:?}"
    );
    assert!(
        accumulate.arithmetic.contains("since the step at ni 20"),
        "{accumulate:?}"
    );
}

#[test]
fn the_ledger_writes_out_each_factor_with_the_engines_numbers() {
    // Ultralytics' worked example (spec §1.3): lr0 0.01, lrf 0.01, E 100, warmup 3, nb 63,
    // batch 16, SGD momentum 0.937; at ni 95: weights 0.00497669, bias 0.05471214, momentum
    // 0.86886243, accumulate 3. The digits have 1437 training images: 90 batches of 16, so nb
    // differs; the arithmetic is checked on the page's own numbers instead.
    let c = Config {
        task: Task::Digits,
        lr0: 0.01,
        lrf: 0.01,
        epochs: 100,
        batch: 16,
        nbs: 64,
        warmup_epochs: 3.0,
        warmup_bias_lr: 0.1,
        warmup_momentum: 0.8,
        momentum: 0.937,
        nesterov: true,
        weight_decay: 0.0005,
        decay: DecayKind::Linear,
        optimizer: OptKind::Sgd,
        ..Config::default()
    };
    let l = ledger(&c, 95);
    let text = |f: &str| {
        l.lines
            .iter()
            .find(|x| x.factor == f)
            .map(|x| x.arithmetic.clone())
            .unwrap_or_default()
    };
    assert!(
        text("optimizer").contains("SGD (Nesterov), lr0 = 0.01"),
        "{}",
        text("optimizer")
    );
    assert!(
        text("decay")
            .contains("epoch 1 (counted from 0): lf = (1 − 1/100)·(1 − 0.01) + 0.01 = 0.9901"),
        "{}",
        text("decay")
    );
    assert!(
        text("warmup").contains("ni 95 ≤ nw 270"),
        "{}",
        text("warmup")
    );
    assert!(
        text("warmup").contains("0.1 + (0.009901 − 0.1)·95/270"),
        "{}",
        text("warmup")
    );
    assert!(
        text("momentum").contains("0.8 + (0.937 − 0.8)·95/270"),
        "{}",
        text("momentum")
    );
    assert!(
        text("weight decay").contains("0.0005 × 16 × 4 / 64 = 0.0005"),
        "{}",
        text("weight decay")
    );
    assert!(
        text("loss scaling").contains("mean loss")
            && text("loss scaling").contains(&format!(
                "with {} batches' gradients added up before each step",
                l.settings.accumulate
            )),
        "{}",
        text("loss scaling")
    );
    // With one batch a step, nothing is added up, and the line does not say "1 summed".
    let one = ledger(
        &Config {
            nbs: 16,
            ..c.clone()
        },
        95,
    );
    let scaling = &one
        .lines
        .iter()
        .find(|x| x.factor == "loss scaling")
        .expect("a loss-scaling line")
        .arithmetic;
    assert!(
        !scaling.contains("added up")
            && !scaling.contains("summed")
            && scaling.contains("a step moves like lr ×"),
        "{scaling}"
    );
    assert_eq!(l.groups[0].lr, l.settings.lr_weight);
    let expected = 0.01 * 0.9901 * 95.0 / 270.0;
    assert!(
        (l.groups[0].lr - expected).abs() < 1e-12,
        "{}",
        l.groups[0].lr
    );
}

/// A constant schedule's factor is written once ("lf = 1", not "lf = 1 = 1").
#[test]
fn a_constant_decay_states_its_factor_once() {
    let l = ledger(&Config::default(), 10);
    let decay = line(&l, "decay");
    assert!(
        decay.arithmetic.contains("lf = 1;") && !decay.arithmetic.contains("= 1 = 1"),
        "{}",
        decay.arithmetic
    );
}

/// Adam with momentum 0 says why its β₁ read-out is 0 and what to set: Ultralytics passes
/// momentum as Adam's β₁. A student switched the plain-SGD lesson to Adam and met "β₁ 0.000"
/// beside a stalled run. The run itself is checked to have no momentum state at work: with
/// β₁ 0.9 the same run ends elsewhere. No lesson as set, and no task's default, carries it.
#[test]
fn adam_with_momentum_zero_says_its_beta_is_zero() {
    let (config, _) =
        stride::state::parse_query("preset=sgd-vs-adam&optimizer=Adam&lr0=0.03&predict=0");
    assert_eq!(config.momentum, 0.0);
    let note = auto_note(&config).expect("a note");
    assert!(note.starts_with("Adam's β₁ is 0 here"), "{note}");
    assert!(
        note.contains("set momentum in Settings, usually 0.9"),
        "{note}"
    );
    let end = |c: &Config| {
        let s = crate::common::finished(c);
        s.facts(0).loss.expect("a loss")
    };
    let with = Config {
        momentum: 0.9,
        ..config.clone()
    };
    assert!(auto_note(&with).is_none());
    assert_ne!(end(&config), end(&with));
    for preset in stride::state::Preset::ALL {
        assert!(
            auto_note(&preset.config()).is_none_or(|n| !n.contains("β₁ is 0")),
            "{preset:?}"
        );
    }
    for task in Task::ALL {
        assert!(auto_note(&Config::for_task(task)).is_none(), "{task:?}");
    }
}

/// Ultralytics' linear and cosine decays head toward lr0·lrf but step once per epoch from
/// epoch 0, so the last epoch trains above it; the decay menu says "→", not "to" (a YOLO
/// user read "linear to lr0·lrf" as 1e-4 and found 1.99e-4 on the charts).
#[test]
fn the_decays_toward_lr0_lrf_end_above_it_as_their_label_says() {
    use stride::state::DecayKind;
    for decay in [DecayKind::Linear, DecayKind::Cosine] {
        let c = stride::state::Config {
            decay,
            lr0: 0.01,
            lrf: 0.01,
            ..stride::state::Config::default()
        };
        let mut run = plan::run(&c, None);
        run.advance(usize::MAX);
        let records = run.records_upto(run.total_iterations());
        let end = records.last().expect("records").lr_weight;
        assert!(end > c.lr0 * c.lrf * 1.01, "{decay:?} ends at {end}");
        assert!(decay.label().contains("→ lr0·lrf"), "{}", decay.label());
    }
}

/// Two lessons at batch 16 step by different multiples of lr (summed over 4 minibatches on
/// one, none on the other), and each verdict says where its count comes from: nbs ÷ batch.
#[test]
fn the_verdict_says_where_its_minibatch_count_comes_from() {
    use stride::state::Preset;
    let why = |p: Preset| crate::common::finished(&p.config()).report(0).why;
    let s = crate::common::finished(&Preset::BatchUltralytics.config());
    let k = (0..s.slots.len())
        .find(|&k| s.slots[k].config.batch == 16)
        .expect("a run at batch 16");
    let summed = s.report(k).why;
    assert!(
        summed.contains(
            "4 minibatches (nbs 64 ÷ batch 16) are summed per step, so a step moves by 64 × lr"
        ),
        "{summed}"
    );
    let alone = why(Preset::Clipping);
    let c = Preset::Clipping.config();
    assert_eq!((c.batch, c.loss_scale), (16, LossScale::Batch));
    assert!(c.nbs <= c.batch, "nbs {}", c.nbs);
    assert!(
        alone.contains(&format!(
            "with nbs {}, no more than the batch, each minibatch is a step of its own, so a step moves by 16 × lr",
            c.nbs
        )),
        "{alone}"
    );
}
