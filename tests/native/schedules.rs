//! Schedules against the spec's tables and PyTorch's sequences (tests/data/torch_vectors.json).

use serde_json::Value;
use stride::engine::schedule::{Decay, OneCycle, Scheduler, UltralyticsSchedule, WarmupRule};

fn vectors() -> Value {
    serde_json::from_str(include_str!("../data/torch_vectors.json")).expect("valid JSON")
}

/// Step-indexed comparison with a tolerance, as burn's `check_lr_sequence` does.
fn assert_sequence(name: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{name}: length");
    for (t, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol, "{name}, step {t}: got {g}, want {w}");
    }
}

fn torch(name: &str) -> Vec<f64> {
    let v = vectors();
    let list = if name == "onecycle_momentum" {
        &v[name]
    } else {
        &v["schedulers"][name]
    };
    list.as_array()
        .unwrap_or_else(|| panic!("no vector {name}"))
        .iter()
        .map(|x| x.as_f64().expect("number"))
        .collect()
}

fn run(s: &Scheduler) -> Vec<f64> {
    (0..12).map(|t| s.lr_at(1.0, t)).collect()
}

#[test]
fn pytorch_schedulers_reproduce_torch_sequences() {
    let cases = [
        (
            "StepLR(step_size=3,gamma=0.1)",
            Scheduler::Step {
                step_size: 3,
                gamma: 0.1,
            },
        ),
        (
            "MultiStepLR([2,5],0.1)",
            Scheduler::MultiStep {
                milestones: vec![2, 5],
                gamma: 0.1,
            },
        ),
        ("ExponentialLR(0.9)", Scheduler::Exponential { gamma: 0.9 }),
        (
            "CosineAnnealingLR(T_max=10)",
            Scheduler::CosineAnnealing {
                t_max: 10,
                eta_min: 0.0,
            },
        ),
        (
            "LinearLR(defaults 1/3->1 over 5)",
            Scheduler::Linear {
                start_factor: 1.0 / 3.0,
                end_factor: 1.0,
                total_iters: 5,
            },
        ),
        (
            "CosineAnnealingWarmRestarts(T_0=3,T_mult=2)",
            Scheduler::CosineWarmRestarts {
                t_0: 3,
                t_mult: 2,
                eta_min: 0.0,
            },
        ),
        (
            "OneCycleLR(max_lr=1,total_steps=12)",
            Scheduler::OneCycle(OneCycle::new(12)),
        ),
        (
            "OneCycleLR(max_lr=1,total_steps=12,three_phase)",
            Scheduler::OneCycle(OneCycle {
                three_phase: true,
                ..OneCycle::new(12)
            }),
        ),
    ];
    for (name, scheduler) in cases {
        // PyTorch's recursive forms differ from the closed forms by a few ulps (spec §2.4).
        assert_sequence(name, &run(&scheduler), &torch(name), 1e-12);
    }
}

#[test]
fn onecycle_momentum_moves_against_the_rate() {
    let s = Scheduler::OneCycle(OneCycle::new(12));
    let got: Vec<f64> = (0..12)
        .map(|t| s.momentum_at(t).expect("OneCycle sets momentum"))
        .collect();
    assert_sequence(
        "onecycle_momentum",
        &got,
        &torch("onecycle_momentum"),
        1e-12,
    );
    assert_eq!(Scheduler::Constant.momentum_at(3), None);
}

#[test]
fn step_lr_is_the_classic_divide_by_ten_every_thirty_epochs() {
    let s = Scheduler::Step {
        step_size: 30,
        gamma: 0.1,
    };
    assert_eq!(s.lr_at(0.1, 29), 0.1);
    assert!((s.lr_at(0.1, 30) - 0.01).abs() < 1e-15);
    assert!((s.lr_at(0.1, 60) - 0.001).abs() < 1e-15);
}

#[test]
fn repeated_milestones_count_twice() {
    let s = Scheduler::MultiStep {
        milestones: vec![2, 2],
        gamma: 0.1,
    };
    assert!((s.lr_at(1.0, 2) - 0.01).abs() < 1e-15);
}

/// The worked example of spec §1.3: lr0 0.01, lrf 0.01, E 100, warmup 3, nb 63, batch 16.
fn worked() -> UltralyticsSchedule {
    UltralyticsSchedule::defaults(63)
}

#[test]
fn ultralytics_worked_189_iteration_warmup() {
    let s = worked();
    assert_eq!(s.warmup_iters(), 189);
    assert_eq!(s.accumulate(), 4);
    // (ni, accumulate, lr weight, lr bias, momentum), from the spec's table.
    let rows = [
        (0, 1, 0.0, 0.1, 0.8),
        (1, 1, 5.291005e-05, 0.09952381, 0.80072487),
        (62, 2, 0.00328042, 0.07047619, 0.84494180),
        (63, 2, 0.00330033, 0.069967, 0.84566667),
        (95, 3, 0.00497669, 0.05471214, 0.86886243),
        (188, 4, 0.00975014, 0.01027924, 0.93627513),
        (189, 4, 0.009703, 0.009703, 0.937),
        (190, 4, 0.009703, 0.009703, 0.937),
    ];
    for (ni, acc, lw, lb, m) in rows {
        let it = s.at(ni);
        let close = |a: f64, b: f64| (a - b).abs() <= 5e-8 + 1e-6 * b.abs();
        assert_eq!(it.accumulate, acc, "accumulate at {ni}");
        assert!(
            close(it.lr_weight, lw),
            "lr weight at {ni}: {}",
            it.lr_weight
        );
        assert!(close(it.lr_bias, lb), "lr bias at {ni}: {}", it.lr_bias);
        assert!(close(it.momentum, m), "momentum at {ni}");
    }
    // The last epoch never reaches lr0·lrf: lr0·(lrf + (1 − lrf)/E).
    let last = s.at(99 * 63);
    assert!((last.lr_weight - 0.000199).abs() < 1e-12);
    assert!(!last.warmup && s.at(189).warmup && !s.at(190).warmup);
    // The lrf term's tip says so, with the factor the schedule gives over 10 epochs (a teacher
    // read "linear → lr0·lrf" and found the warmup lesson's run ending at 11 % of lr0).
    let ten = UltralyticsSchedule {
        epochs: 10,
        warmup_epochs: 0.0,
        ..UltralyticsSchedule::defaults(1)
    };
    assert!(!ten.at(9).warmup);
    let factor = ten.at(9).lr_weight / ten.lr0;
    let tip = stride::state::lessons::glossary::GLOSSARY
        .iter()
        .find(|e| e.term == "lrf")
        .expect("lrf is explained")
        .text;
    assert!(
        tip.contains(&format!(
            "over 10 epochs of linear decay with lrf 0.01, at {} × lr0",
            stride::engine::stability::fmt_lr(factor)
        )),
        "{factor}: {tip}"
    );
}

#[test]
fn warmup_ramps_round_as_numpy_interp_does() {
    // batch 11, nbs 64: acc0 = round(5.82) = 6; one warmup epoch of nb = 154 is nw = 154. At
    // ni = 77 the ramp 1 → 6 is at 3.5 exactly, which rounds to 4; np.interp forms
    // (6 − 1)/154·77 + 1 = 3.4999999999999996 (numpy's compiled_base.c, without fused
    // multiply-add), which rounds to 3, so Ultralytics accumulates 3 minibatches there.
    let s = UltralyticsSchedule {
        batch: 11,
        warmup_epochs: 1.0,
        ..UltralyticsSchedule::defaults(154)
    };
    assert_eq!((s.warmup_iters(), s.accumulate()), (154, 6));
    assert_eq!(s.at(77).accumulate, 3);
    assert_eq!((s.at(76).accumulate, s.at(78).accumulate), (3, 4));
    // np.interp returns the end points themselves: at ni = nw the bias rate is lr0·lf(epoch)
    // to the bit (0.1 + (0.009703 − 0.1)·1 is not).
    let w = worked();
    let target = w.lr0 * w.lf(3);
    assert_eq!((w.at(189).lr_bias, w.at(189).lr_weight), (target, target));
    assert_ne!(0.1 + (target - 0.1) * 1.0, target);
    assert_eq!(w.at(189).momentum, w.momentum);
}

#[test]
fn ultralytics_lf_table() {
    let mut s = UltralyticsSchedule::defaults(10);
    for (epoch, lf) in [
        (0, 1.0),
        (1, 0.9901),
        (2, 0.9802),
        (3, 0.9703),
        (50, 0.505),
        (99, 0.0199),
    ] {
        assert!((s.lf(epoch) - lf).abs() < 1e-12, "linear lf({epoch})");
    }
    s.decay = Decay::Cosine;
    for (epoch, lf) in [(0, 1.0), (1, 0.99975575), (50, 0.505), (99, 0.01024425)] {
        assert!(
            (s.lf(epoch) - lf).abs() < 1e-8,
            "cosine lf({epoch}) = {}",
            s.lf(epoch)
        );
    }
}

#[test]
fn ultralytics_small_data_current_versus_classic() {
    let mut s = UltralyticsSchedule {
        epochs: 10,
        ..UltralyticsSchedule::defaults(20)
    };
    let table = [
        (
            WarmupRule::Current,
            60,
            [0.0078863, 0.00703, 0.00604, 0.00505],
        ),
        (
            WarmupRule::Classic,
            100,
            [0.0047318, 0.004218, 0.0059796, 0.00505],
        ),
    ];
    for (rule, nw, lrs) in table {
        s.rule = rule;
        assert_eq!(s.warmup_iters(), nw, "{rule:?}");
        for (ni, want) in [59, 60, 99, 100].into_iter().zip(lrs) {
            let got = s.at(ni).lr_weight;
            assert!(
                (got - want).abs() < 5e-8,
                "{rule:?} at {ni}: {got} vs {want}"
            );
        }
    }
}

#[test]
fn current_and_classic_agree_when_warmup_is_long_enough() {
    // 3·nb ≥ 100 and E > 3.
    let mut current = UltralyticsSchedule::defaults(40);
    current.epochs = 20;
    let classic = UltralyticsSchedule {
        rule: WarmupRule::Classic,
        ..current
    };
    for ni in 0..current.total_iters() {
        let (a, b) = (current.at(ni), classic.at(ni));
        assert_eq!(
            (a.lr_weight, a.lr_bias, a.momentum),
            (b.lr_weight, b.lr_bias, b.momentum),
            "ni {ni}"
        );
    }
}

#[test]
fn warmup_is_capped_so_the_last_epoch_runs_without_it() {
    let s = UltralyticsSchedule {
        epochs: 2,
        warmup_epochs: 3.0,
        ..UltralyticsSchedule::defaults(10)
    };
    assert_eq!(s.warmup_iters(), 10);
    let none = UltralyticsSchedule {
        epochs: 1,
        ..UltralyticsSchedule::defaults(10)
    };
    assert_eq!(none.warmup_iters(), 0);
    assert_eq!(none.at(0).lr_weight, 0.01);
    let off = UltralyticsSchedule {
        warmup_epochs: 0.0,
        ..UltralyticsSchedule::defaults(10)
    };
    assert_eq!(off.warmup_iters(), 0);
    assert_eq!(off.at(0).lr_bias, 0.01, "no warmup: the bias starts at lr0");
}

#[test]
fn adam_momentum_is_not_warmed_up() {
    let s = UltralyticsSchedule {
        warm_momentum: false,
        ..worked()
    };
    // β₁ stays where it is set; only a `momentum` key is warmed up.
    assert_eq!(s.at(10).momentum, s.momentum);
    assert_eq!(s.at(0).momentum, s.momentum);
}

#[test]
fn weight_decay_scaling_table() {
    let wd = 5e-4;
    let table = [
        (1, 64, 5e-4),
        (16, 4, 5e-4),
        (64, 1, 5e-4),
        (24, 3, 5.625e-4),
        (48, 1, 3.75e-4),
        (96, 1, 7.5e-4),
        (128, 1, 1e-3),
        (256, 1, 2e-3),
    ];
    for (batch, acc, used) in table {
        let s = UltralyticsSchedule {
            batch,
            ..UltralyticsSchedule::defaults(1000)
        };
        assert_eq!(s.accumulate(), acc, "batch {batch}");
        assert!(
            (s.scaled_weight_decay(wd) - used).abs() < 1e-15,
            "batch {batch}"
        );
    }
    // acc0 is capped at nb·E, the decay scaling is not.
    let tiny = UltralyticsSchedule {
        batch: 1,
        epochs: 2,
        ..UltralyticsSchedule::defaults(3)
    };
    assert_eq!(tiny.accumulate(), 6);
    assert!((tiny.scaled_weight_decay(wd) - 5e-4).abs() < 1e-15);
    // The nbs control's help says the same rule: rounded, not rounded up (a teacher read
    // "⌈nbs/batch⌉", 2 at batch 48, beside the effective-rate panel's 1).
    let help = stride::state::Key::Nbs.param().help;
    assert!(
        help.contains("nbs/batch minibatches, rounded and at least 1"),
        "{help}"
    );
    assert!(!help.contains('⌈'), "{help}");
}

#[test]
fn epoch_decays_inside_the_ultralytics_warmup() {
    let step = UltralyticsSchedule {
        decay: Decay::Step {
            every: 30,
            factor: 0.1,
        },
        warmup_epochs: 0.0,
        ..UltralyticsSchedule::defaults(10)
    };
    assert_eq!(step.at(29 * 10).lr_weight, 0.01);
    assert!((step.at(30 * 10).lr_weight - 0.001).abs() < 1e-15);
    assert!((step.at(60 * 10 + 5).lr_weight - 0.0001).abs() < 1e-15);
    let exp = UltralyticsSchedule {
        decay: Decay::Exponential { gamma: 0.9 },
        ..step
    };
    assert!((exp.at(20).lr_weight - 0.01 * 0.81).abs() < 1e-15);
    let constant = UltralyticsSchedule {
        decay: Decay::Constant,
        ..UltralyticsSchedule::defaults(10)
    };
    // Warmup still ramps to lr0, then the rate stays there.
    assert!(constant.at(5).lr_weight < 0.01);
    assert_eq!(constant.at(999).lr_weight, 0.01);
}

/// Where the page's runs count different iterations (the batch lessons), the schedule chart
/// counts epochs as the loss chart does and draws every run by its own epochs: a student met
/// a legend of three runs above a chart of one line. Two runs at one rate an epoch draw one
/// line, and the caption says whose the hidden one is.
#[test]
fn the_schedule_draws_every_run_by_its_own_epochs() {
    use stride::state::scene::SceneCache;
    use stride::state::{Preset, Scene};
    for preset in [Preset::BatchScaling, Preset::BatchUltralytics] {
        let s = stride::state::runs::session::Session::for_config(&preset.config());
        let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
        let view = &scene.schedule;
        assert_eq!(view.per_epoch, Some(s.slots[0].run.batches_per_epoch()));
        let caption = view.summary();
        // Every other run is drawn or named under the line it shares.
        for slot in &s.slots[1..] {
            let drawn = view.references.iter().find(|r| r.label == slot.label);
            let hidden = view.hidden.iter().find(|(run, _)| *run == slot.label);
            assert!(
                drawn.is_some() != hidden.is_some(),
                "{preset:?}: {}",
                slot.label
            );
            if let Some(r) = drawn {
                assert_eq!(r.per_epoch, slot.run.batches_per_epoch(), "{preset:?}");
                assert_eq!(r.settings.total, slot.run.total_iterations(), "{preset:?}");
            }
            if let Some((_, under)) = hidden {
                assert!(
                    caption.contains(&format!(
                        "The run “{}” has the same rates as “{under}”",
                        slot.label
                    )),
                    "{preset:?}: {caption}"
                );
                // Its rate at every epoch's end is the other's.
                let other = s.slots.iter().find(|o| o.label == *under).expect("drawn");
                let rate = |o: &stride::state::runs::session::Slot, e: usize| {
                    let nb = o.run.batches_per_epoch();
                    stride::state::plan::plan(&o.config, nb)
                        .at(e * nb, nb)
                        .lr_weight
                };
                for e in 0..s.config.epochs {
                    assert_eq!(rate(slot, e), rate(other, e), "{preset:?} epoch {e}");
                }
            }
        }
        assert!(!caption.contains("Only the first run's"), "{caption}");
    }
    // Two runs of one batch, drawn together, name nothing.
    let s =
        stride::state::runs::session::Session::for_config(&stride::state::Preset::Warmup.config());
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    assert_eq!(scene.schedule.references.len(), 1);
    assert!(scene.schedule.hidden.is_empty());
}
