//! `optimizer=auto` against the spec's tables (§1.6), its boundary and Python's rounding.

use stride::engine::optim::auto::{
    AUTO_ITERATIONS, AutoInput, AutoPick, AutoRule, lr_fit, round_decimals,
};

fn input(images: usize) -> AutoInput {
    AutoInput {
        images,
        batch: 16,
        nbs: 64,
        epochs: 100,
        nc: 10,
    }
}

#[test]
fn lr_fit_follows_the_class_count() {
    let table = [
        (1, 0.002),
        (2, 0.001667),
        (3, 0.001429),
        (5, 0.001111),
        (10, 0.000714),
        (20, 0.000417),
        (80, 0.000119),
    ];
    for (nc, want) in table {
        assert_eq!(lr_fit(nc), want, "nc {nc}");
    }
}

#[test]
fn the_spec_cases_pick_by_iterations() {
    use AutoPick::{AdamW, MuSgd, Sgd};
    let cases = [
        (1000, 1600, AdamW, AdamW),
        (5000, 7900, AdamW, AdamW),
        (6500, 10200, MuSgd, Sgd),
        (118_287, 184_900, MuSgd, Sgd),
    ];
    for (images, iterations, current, classic) in cases {
        for (rule, pick) in [(AutoRule::Current, current), (AutoRule::Classic, classic)] {
            let got = input(images).resolve(rule);
            assert_eq!(got.iterations, iterations, "N {images}");
            assert_eq!(got.pick, pick, "N {images}, {rule:?}");
            let lr = if pick == AdamW { lr_fit(10) } else { 0.01 };
            assert_eq!(got.lr, lr, "N {images}, {rule:?}");
            assert_eq!(got.lr_fit, 0.000714);
            assert_eq!((got.momentum, got.warmup_bias_lr), (0.9, 0.0));
        }
    }
    assert_eq!(
        [AdamW, Sgd, MuSgd].map(AutoPick::name),
        ["AdamW", "SGD", "MuSGD"]
    );
}

#[test]
fn more_than_ten_thousand_iterations_switch_exactly_ten_thousand_do_not() {
    // One epoch of ⌈N/64⌉ iterations: N = 640 000 gives exactly 10 000, one more image 10 001.
    let at = |images| AutoInput {
        epochs: 1,
        ..input(images)
    };
    for (rule, long) in [
        (AutoRule::Current, AutoPick::MuSgd),
        (AutoRule::Classic, AutoPick::Sgd),
    ] {
        let edge = at(64 * AUTO_ITERATIONS).resolve(rule);
        assert_eq!(edge.iterations, 10_000);
        assert_eq!(edge.pick, AutoPick::AdamW, "{rule:?}");
        let past = at(64 * AUTO_ITERATIONS + 1).resolve(rule);
        assert_eq!(past.iterations, 10_001);
        assert_eq!(past.pick, long, "{rule:?}");
    }
    // Epochs multiply: 100 iterations per epoch for 100 epochs is 10 000, for 101 it is 10 100.
    let n = 6400;
    assert_eq!(input(n).resolve(AutoRule::Current).pick, AutoPick::AdamW);
    let longer = AutoInput {
        epochs: 101,
        ..input(n)
    };
    assert_eq!(longer.resolve(AutoRule::Current).pick, AutoPick::MuSgd);
}

#[test]
fn a_batch_above_nbs_counts_its_own_steps() {
    // max(batch, nbs): batch 128 takes ⌈6500/128⌉ = 51 steps an epoch, not ⌈6500/64⌉ = 102.
    let big = AutoInput {
        batch: 128,
        ..input(6500)
    };
    assert_eq!(big.iterations(), 5100);
    assert_eq!(big.resolve(AutoRule::Current).pick, AutoPick::AdamW);
    let small = AutoInput {
        batch: 1,
        ..input(6500)
    };
    assert_eq!(small.iterations(), 10200);
}

#[test]
fn rounding_is_pythons() {
    // Python: round(0.01/32, 6) = 0.000313 (the binary value lies above the half), while
    // rounding 0.01/32·1e6 = 312.5 in f64 gives 312. nc = 28 is that case.
    assert_eq!(lr_fit(28), 0.000313);
    assert_ne!((0.01f64 / 32.0 * 1e6).round_ties_even() / 1e6, 0.000313);
    // Exact halves go to even; 2.675 is below its half in binary.
    assert_eq!(round_decimals(0.125, 2), 0.12);
    assert_eq!(round_decimals(0.375, 2), 0.38);
    assert_eq!(round_decimals(2.5, 0), 2.0);
    assert_eq!(round_decimals(2.675, 2), 2.67);
    assert!(round_decimals(f64::NAN, 6).is_nan());
}

/// Under auto the settings say what the run uses where it is not what they hold: the optimizer,
/// the rate, Adam's β₁ and warmup_bias_lr (a YOLO user read lr0 0.01, momentum 0.937 and
/// warmup_bias_lr 0.1 beside a run at 0.00167, β₁ 0.9 and 0); nothing else, and nothing
/// without auto.
#[test]
fn the_settings_name_what_auto_uses_in_their_place() {
    use stride::state::plan::in_use;
    use stride::state::{Config, Key, OptKind};
    let auto = stride::state::Preset::UltralyticsDefaults.config();
    assert_eq!(auto.optimizer, OptKind::Auto);
    let used = stride::state::plan::effective(&auto);
    assert_eq!(in_use(&auto, Key::Optimizer).as_deref(), Some("AdamW"));
    assert_eq!(in_use(&auto, Key::Lr0), Some(Key::Lr0.param().write(&used)));
    assert_ne!(used.lr0, auto.lr0);
    assert_eq!(in_use(&auto, Key::WarmupBiasLr).as_deref(), Some("0"));
    assert_eq!(in_use(&auto, Key::Epochs), None);
    let sgd = Config {
        optimizer: OptKind::Sgd,
        ..auto
    };
    for key in [Key::Optimizer, Key::Lr0, Key::Momentum, Key::WarmupBiasLr] {
        assert_eq!(in_use(&sgd, key), None, "{key:?}");
    }
}

/// Under optimizer=auto the slider marks the rate the run trains at, beside the lr0 it ignores
/// (a student read lr0 0.01 on the slider beside a run at 0.00167): on the plain page and on
/// the defaults lesson once answered, not while its question waits (it is the answer), and
/// never under another optimizer.
#[test]
fn the_slider_marks_the_rate_auto_uses() {
    use stride::state::lessons::predict::Prediction;
    use stride::state::scene::SceneCache;
    use stride::state::{Scene, parse_query};
    let marks = |s: &stride::state::runs::session::Session| {
        Scene::build(s, &mut SceneCache::default(), 0.0).marks
    };
    for q in [
        "optimizer=auto&task=moons",
        "preset=ultralytics-defaults&predict=0",
    ] {
        let s = crate::common::finished(&parse_query(q).0);
        let used = stride::state::plan::effective(&s.slots[0].config);
        let m = marks(&s);
        let auto = m.iter().find(|m| m.class == "auto").expect("an auto mark");
        assert_eq!(auto.value, used.lr0, "{q}");
        assert_ne!(
            auto.value, s.slots[0].config.lr0,
            "{q}: not the slider's lr0"
        );
        assert!(auto.label.starts_with("auto uses "), "{}", auto.label);
        assert!(auto.title.contains("ignores lr0") && auto.title.contains(used.optimizer.name()));
        // Lowest first, as the slider lays them out.
        assert!(m.windows(2).all(|w| w[0].value <= w[1].value), "{q}");
    }
    let asking = stride::state::runs::session::Session::for_config(
        &parse_query("preset=ultralytics-defaults").0,
    );
    assert_eq!(asking.prediction, Prediction::Asking);
    assert!(marks(&asking).iter().all(|m| m.class != "auto"));
    let sgd = crate::common::finished(&parse_query("task=moons").0);
    assert!(marks(&sgd).iter().all(|m| m.class != "auto"));
}

/// The schedule's momentum line is named as the read-out names it: β₁ under Adam and AdamW
/// (a student read "β₁ 0.900" in the read-out beside a line called momentum), momentum else.
#[test]
fn the_schedules_momentum_line_is_named_as_the_readout_names_it() {
    use stride::state::scene::SceneCache;
    use stride::state::{Scene, parse_query};
    for (q, readout, line) in [
        (
            "preset=ultralytics-defaults&predict=0",
            "β₁",
            "β₁ (Adam's momentum)",
        ),
        ("task=moons&momentum=0.9", "momentum", "momentum"),
    ] {
        let s = crate::common::finished(&parse_query(q).0);
        let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
        assert_eq!(scene.readout.values.momentum_name, readout, "{q}");
        assert_eq!(scene.schedule.momentum_label, line, "{q}");
        assert!(line.starts_with(readout), "{q}");
    }
}
