//! The verdict: each rule of `state::lessons::verdict::verdict` as a row of a table, and the cases a
//! learner met where the old read-out said the wrong thing, on real runs.

use std::cell::Cell;

use stride::engine::data::Toy;
use stride::engine::stability::Spectrum;
use stride::state::lessons::verdict::{Curvature, Facts, Verdict, verdict};
use stride::state::runs::session::Session;
use stride::state::{Config, DecayKind, OptKind, Preset, Task};

/// A healthy run half way: 50 of 100 iterations, the loss halved.
fn facts() -> Facts {
    Facts {
        diverged_at: None,
        steps: 50,
        total: 100,
        per_epoch: 10,
        first_loss: Some(1.0),
        loss: Some(0.5),
        floor: None,
        accuracy: None,
        chance: None,
        lr_now: 0.1,
        lr_peak: 0.1,
        lr_top: 0.1,
        rising: false,
    }
}

/// The line task's valley: λmin 0.5, λmax 4 (best rate 0.444, limit 0.5).
const QUADRATIC: Curvature = Curvature::Exact(Spectrum {
    lambda_min: 0.5,
    lambda_max: 4.0,
});

#[test]
fn every_rule_of_the_table() {
    let sgd = Config::default();
    let adam = Config {
        optimizer: OptKind::Adam,
        ..Config::default()
    };
    let warm = Config {
        warmup_epochs: 3.0,
        ..Config::default()
    };
    let net = Curvature::Estimated(4.0);
    let classifier = Facts {
        accuracy: Some(0.95),
        chance: Some(0.5),
        ..facts()
    };
    let rows: Vec<(&str, &Config, Curvature, Facts, Verdict)> = vec![
        // 1. It diverged.
        (
            "diverged",
            &sgd,
            net,
            Facts {
                diverged_at: Some(7),
                ..facts()
            },
            Verdict::Diverging,
        ),
        // 2. The loss rose above 1.25× its start.
        (
            "rising",
            &adam,
            Curvature::Unknown,
            Facts {
                loss: Some(1.3),
                ..facts()
            },
            Verdict::Diverging,
        ),
        (
            "not yet judged",
            &adam,
            Curvature::Unknown,
            Facts {
                loss: Some(1.3),
                steps: 3,
                ..facts()
            },
            Verdict::Converging,
        ),
        // 3. Plain SGD above the quadratic's limit: certain to diverge.
        (
            "above the limit",
            &sgd,
            QUADRATIC,
            Facts {
                lr_peak: 0.55,
                ..facts()
            },
            Verdict::Diverging,
        ),
        // 4. Still ramping up.
        (
            "warming up",
            &warm,
            net,
            Facts {
                rising: true,
                lr_now: 0.01,
                ..facts()
            },
            Verdict::WarmingUp,
        ),
        // 5. At chance after an epoch, at a rate that is not tiny.
        (
            "at chance",
            &sgd,
            net,
            Facts {
                accuracy: Some(0.52),
                chance: Some(0.5),
                loss: Some(0.95),
                ..facts()
            },
            Verdict::Stuck,
        ),
        (
            "at chance but tiny rate",
            &sgd,
            net,
            Facts {
                accuracy: Some(0.52),
                chance: Some(0.5),
                loss: Some(0.95),
                lr_peak: 1e-4,
                lr_now: 1e-4,
                lr_top: 1e-4,
                ..facts()
            },
            Verdict::Crawl,
        ),
        // 6. Crawl: exact on the quadratic, by the record elsewhere; a classifier that fits is
        //    converging however little its loss moves.
        (
            "quadratic crawl",
            &sgd,
            QUADRATIC,
            Facts {
                lr_peak: 1e-3,
                lr_now: 1e-3,
                lr_top: 1e-3,
                ..facts()
            },
            Verdict::Crawl,
        ),
        (
            "little progress",
            &adam,
            Curvature::Unknown,
            Facts {
                loss: Some(0.88),
                ..facts()
            },
            Verdict::Crawl,
        ),
        (
            "fits already",
            &sgd,
            net,
            Facts {
                loss: Some(0.97),
                ..classifier
            },
            Verdict::Converging,
        ),
        // 7. Lowered by design.
        (
            "annealed",
            &sgd,
            net,
            Facts {
                lr_now: 0.001,
                lr_peak: 0.1,
                ..facts()
            },
            Verdict::Annealing,
        ),
        // 8. The peak rate's regime.
        (
            "quadratic converging",
            &sgd,
            QUADRATIC,
            Facts {
                lr_peak: 0.2,
                ..facts()
            },
            Verdict::Converging,
        ),
        (
            "best rate",
            &sgd,
            QUADRATIC,
            Facts {
                lr_peak: 2.0 / 4.5,
                ..facts()
            },
            Verdict::Converging,
        ),
        (
            "quadratic zig-zag",
            &sgd,
            QUADRATIC,
            Facts {
                lr_peak: 0.47,
                ..facts()
            },
            Verdict::Oscillating,
        ),
        (
            "network, over half the limit",
            &sgd,
            net,
            Facts {
                lr_peak: 0.3,
                ..facts()
            },
            Verdict::Oscillating,
        ),
        (
            "network, under half",
            &sgd,
            net,
            Facts {
                lr_peak: 0.1,
                ..facts()
            },
            Verdict::Converging,
        ),
        (
            "adaptive",
            &adam,
            Curvature::Unknown,
            facts(),
            Verdict::Converging,
        ),
    ];
    for (name, config, curvature, f, want) in rows {
        let r = verdict(config, curvature, &f);
        assert_eq!(r.verdict, want, "{name}: {}", r.why);
        assert!(r.why.len() > 30, "{name}: a reason is given");
    }
}

#[test]
fn divergence_advice_suggests_warmup_only_where_it_can_help() {
    let diverged = Facts {
        diverged_at: Some(3),
        ..facts()
    };
    let quadratic = verdict(&Config::default(), QUADRATIC, &diverged);
    let advice = quadratic.advice.expect("advice");
    assert!(
        advice.contains("below 0.5") && !advice.contains("warm up"),
        "{advice}"
    );
    let net = verdict(&Config::default(), Curvature::Estimated(4.0), &diverged);
    assert!(net.advice.expect("advice").contains("warm up"));
    let late = Facts {
        diverged_at: Some(90),
        ..facts()
    };
    let net = verdict(&Config::default(), Curvature::Estimated(4.0), &late);
    let advice = net.advice.expect("advice");
    assert!(
        !advice.contains("warm up") && advice.contains("clip"),
        "{advice}"
    );
}

fn clock() -> impl Fn() -> f64 {
    let t = Cell::new(0.0);
    move || {
        t.set(t.get() + 1.0);
        t.get()
    }
}

/// The verdict on the main run after the whole run.
fn at_the_end(config: &Config) -> (Verdict, String) {
    let mut s = Session::for_config(config);
    s.show_all();
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    let r = s.report(0);
    (r.verdict, r.why)
}

#[test]
fn a_run_at_chance_is_not_converging() {
    // The old warmup lesson without its warmup: lr0 0.6 with momentum 0.937 kills the conv
    // net's ReLUs at the first steps, and it ends at chance (~11 %).
    let dead = Config {
        lr0: 0.6,
        momentum: 0.937,
        warmup_epochs: 0.0,
        ..Preset::Warmup.config()
    };
    let (v, why) = at_the_end(&dead);
    assert_eq!(v, Verdict::Stuck, "{why}");
    // Spirals at the default settings learn almost nothing.
    let (v, why) = at_the_end(&Config {
        task: Task::Toy(Toy::Spirals),
        ..Config::default()
    });
    assert!(matches!(v, Verdict::Crawl | Verdict::Stuck), "{v:?}: {why}");
}

#[test]
fn a_decayed_schedule_ends_annealed_not_crawling() {
    for config in [
        Preset::StepDecay.config(),
        Preset::CosineVsLinear.config(),
        Config {
            decay: DecayKind::OneCycle,
            ..Preset::CosineVsLinear.config()
        },
    ] {
        let (v, why) = at_the_end(&config);
        assert_eq!(v, Verdict::Annealing, "{:?}: {why}", config.decay);
    }
}

#[test]
fn adam_is_judged_by_what_its_loss_did() {
    let adam = |lr0| Config {
        optimizer: OptKind::Adam,
        lr0,
        ..Config::default()
    };
    let (v, why) = at_the_end(&adam(3.0));
    assert_eq!(v, Verdict::Diverging, "lr 3, the loss rises: {why}");
    let (v, why) = at_the_end(&adam(1e-3));
    assert_eq!(v, Verdict::Crawl, "lr 1e-3, a 12 % fall: {why}");
    let (v, why) = at_the_end(&adam(0.1));
    assert_eq!(v, Verdict::Converging, "{why}");
}

#[test]
fn the_best_mark_is_never_orange_and_the_fine_tune_rate_does_not_crawl() {
    let s = Session::for_config(&Config::default());
    let Curvature::Exact(spectrum) = s.curvature else {
        panic!("the line's curvature is exact")
    };
    let (v, why) = at_the_end(&Config {
        lr0: spectrum.best_lr(),
        ..Config::default()
    });
    assert_eq!(v, Verdict::Converging, "{why}");
    let (v, why) = at_the_end(&Preset::FineTune.config());
    assert_eq!(v, Verdict::Converging, "{why}");
}

#[test]
fn every_lesson_ends_with_the_verdict_its_sentence_implies() {
    for (p, want) in [
        (Preset::TooHigh, Verdict::Diverging),
        (Preset::TooLow, Verdict::Crawl),
        (Preset::JustRight, Verdict::Converging),
        (Preset::Warmup, Verdict::Converging),
        (Preset::StepDecay, Verdict::Annealing),
        (Preset::CosineVsLinear, Verdict::Annealing),
        (Preset::BatchScaling, Verdict::Converging),
        (Preset::FineTune, Verdict::Converging),
    ] {
        let (v, why) = at_the_end(&p.config());
        assert_eq!(v, want, "{}: {why}", p.name());
    }
    // And the runs a lesson shows beside its own: the large fine-tuning rate's loss rises.
    let mut s = Session::for_config(&Preset::FineTune.config());
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    assert_eq!(
        s.report(1).verdict,
        Verdict::Diverging,
        "{}",
        s.report(1).why
    );
}
