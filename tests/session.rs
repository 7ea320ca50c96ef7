//! The playground's live state: runs built from settings, the regime read-out, compare mode,
//! retuning lr0 in place, ghosts, landscapes filled in slices, and the lessons.

use std::cell::Cell;

use stride::engine::data::Toy;
use stride::engine::run::Status;
use stride::engine::stability::{Regime, Spectrum};
use stride::state::regime::{Curvature, Progress, report, stable_limit};
use stride::state::session::{Directions, Landscape, Session};
use stride::state::{Config, OptKind, Preset, Task, build};

fn moons() -> Config {
    Config {
        task: Task::Toy(Toy::Moons),
        epochs: 4,
        batch: 32,
        nbs: 32,
        ..Config::default()
    }
}

/// A clock that advances 1 ms per reading, so deadlines are reached deterministically.
fn fake_clock() -> impl Fn() -> f64 {
    let t = Cell::new(0.0);
    move || {
        t.set(t.get() + 1.0);
        t.get()
    }
}

#[test]
fn the_line_lesson_runs_whole_and_reads_out_the_exact_regime() {
    for (lr, regime) in [
        (1e-3, Regime::Crawl),
        (0.1, Regime::Converging),
        (0.3, Regime::Oscillating),
        (0.6, Regime::Diverging),
    ] {
        let config = Config {
            lr0: lr,
            ..Config::default()
        };
        let s = Session::for_config(&config);
        assert!(s.finished(), "the line task is computed at once");
        let r = s.report(0);
        assert_eq!(r.regime, regime, "lr {lr}: {}", r.why);
        let path = s.path(0);
        assert_eq!(path[0], (-1.0, 0.0), "every run starts at (w, b) = (−1, 0)");
    }
    let s = Session::for_config(&Config {
        lr0: 0.6,
        ..Config::default()
    });
    assert!(matches!(s.slots[0].run.status(), Status::Diverged { .. }));
    assert!(s.report(0).why.contains("exploded"));
}

#[test]
fn compare_mode_runs_a_tenth_and_ten_times_lr0() {
    let s = Session::for_config(&Config {
        lr0: 0.05,
        compare: true,
        ..Config::default()
    });
    let rates: Vec<f64> = s.slots.iter().map(|slot| slot.lr0).collect();
    assert_eq!(rates.len(), 3);
    assert!((rates[0] - 0.005).abs() < 1e-15 && rates[1] == 0.05 && (rates[2] - 0.5).abs() < 1e-15);
    assert_eq!(s.report(0).regime, Regime::Crawl);
    assert_eq!(s.report(2).regime, Regime::Diverging);
}

#[test]
fn a_new_lr0_retunes_a_running_network_in_place() {
    let config = moons();
    let mut s = Session::for_config(&config);
    let clock = fake_clock();
    s.tick(10, f64::INFINITY, 0.0, &clock);
    assert_eq!(s.slots[0].run.iteration(), 10);
    s.set_lr0(&Config {
        lr0: 0.02,
        ..config
    });
    s.tick(1, f64::INFINITY, 0.0, &clock);
    assert_eq!(s.slots[0].run.iteration(), 11, "no restart");
    assert_eq!(s.slots[0].run.steps[10].lr_weight, 0.02);
}

#[test]
fn ticks_respect_the_frame_deadline() {
    let mut s = Session::for_config(&moons());
    let clock = fake_clock();
    // Each iteration reads the clock once; a deadline 5 ms away allows about five.
    let taken = s.tick(usize::MAX, 5.0, 5.0, &clock);
    assert!((1..=6).contains(&taken), "{taken}");
}

#[test]
fn after_the_run_the_pca_landscape_fills_in_slices() {
    let mut s = Session::for_config(&moons());
    assert!(matches!(s.landscape, Landscape::Waiting));
    s.tick(usize::MAX, f64::INFINITY, 0.0, &fake_clock());
    assert!(s.finished());
    assert!(s.filling(), "PCA starts when the run ends");
    let clock = fake_clock();
    let mut frames = 0;
    while s.filling() {
        let t = clock();
        s.fill_landscape(t + 3.0, &clock);
        frames += 1;
        assert!(frames < 10_000);
    }
    assert!(frames > 1, "spread over several frames");
    let backdrop = s.backdrop().expect("a picture");
    assert!(backdrop.grid.values.iter().all(|v| v.is_finite()));
    assert!(backdrop.labels.0.starts_with("PC1"));
    let path = s.path(0);
    assert_eq!(path.len(), s.slots[0].run.trajectory().len());
    // The path ends at the plane's origin.
    let end = path.last().expect("points");
    assert!(end.0.abs() < 1e-4 && end.1.abs() < 1e-4, "{end:?}");
}

#[test]
fn random_directions_are_live_from_the_start() {
    let s = Session::new(&moons(), Directions::Random, None);
    assert!(s.filling());
    assert!(
        s.backdrop().is_some(),
        "a partial grid can be drawn at once"
    );
    assert_eq!(
        s.path(0).first(),
        Some(&(0.0, 0.0)),
        "the plane goes through the start"
    );
}

#[test]
fn a_pinned_ghost_keeps_the_losses() {
    let mut s = Session::for_config(&Config::default());
    s.pin(0);
    let ghost = s.ghost.as_ref().expect("ghost");
    assert_eq!(ghost.losses.len(), s.slots[0].run.steps.len());
    assert_eq!(ghost.path.len(), s.path(0).len());
    assert!(ghost.label.contains("0.1"));
}

#[test]
fn fine_tuning_starts_from_weights_trained_first() {
    let lesson = Preset::FineTune.config();
    let s = Session::for_config(&lesson);
    let fresh = Session::for_config(&Config {
        preset: None,
        ..lesson.clone()
    });
    let mut a = s;
    let mut b = fresh;
    a.tick(1, f64::INFINITY, 0.0, &fake_clock());
    b.tick(1, f64::INFINITY, 0.0, &fake_clock());
    assert!(a.slots[0].run.steps[0].loss < 0.5 * b.slots[0].run.steps[0].loss);
    assert_eq!(
        build::pretrained(&lesson),
        build::pretrained(&lesson),
        "the start is deterministic"
    );
}

#[test]
fn momentum_and_nesterov_move_the_stable_limit() {
    let l = 10.0;
    let plain = Config::default();
    assert_eq!(stable_limit(&plain, l), 0.2);
    let heavy = Config {
        momentum: 0.9,
        ..plain.clone()
    };
    assert!((stable_limit(&heavy, l) - 0.38).abs() < 1e-12);
    let nesterov = Config {
        nesterov: true,
        ..heavy.clone()
    };
    assert!(stable_limit(&nesterov, l) < stable_limit(&plain, l));
    // With momentum the read-out uses the momentum-adjusted limit.
    let s = Spectrum {
        lambda_min: 1.0,
        lambda_max: l,
    };
    let progress = Progress {
        diverged_at: None,
        steps: 0,
        total: 100,
        first_loss: None,
        loss: None,
    };
    assert_eq!(
        report(&heavy, 0.3, Curvature::Exact(s), progress).regime,
        Regime::Oscillating
    );
    assert_eq!(
        report(&plain, 0.3, Curvature::Exact(s), progress).regime,
        Regime::Diverging
    );
}

#[test]
fn adaptive_optimizers_are_read_by_their_progress() {
    let adam = Config {
        optimizer: OptKind::Adam,
        ..Config::default()
    };
    let s = Spectrum {
        lambda_min: 1.0,
        lambda_max: 10.0,
    };
    let slow = Progress {
        diverged_at: None,
        steps: 50,
        total: 100,
        first_loss: Some(1.0),
        loss: Some(0.95),
    };
    let fast = Progress {
        loss: Some(0.2),
        ..slow
    };
    assert_eq!(
        report(&adam, 5.0, Curvature::Exact(s), slow).regime,
        Regime::Crawl
    );
    let r = report(&adam, 5.0, Curvature::Exact(s), fast);
    assert_eq!(r.regime, Regime::Converging);
    assert!(r.why.contains("80 %"), "{}", r.why);
}

#[test]
fn networks_get_a_curvature_estimate() {
    let s = Session::for_config(&moons());
    let Curvature::Estimated(l) = s.curvature else {
        panic!("expected an estimate, got {:?}", s.curvature);
    };
    assert!(l > 0.0 && l.is_finite());
}

#[test]
fn every_lesson_builds_and_trains() {
    for p in Preset::ALL {
        let mut s = Session::for_config(&p.config());
        s.tick(usize::MAX, f64::INFINITY, 0.0, &fake_clock());
        assert!(s.finished(), "{}", p.name());
        let r = s.report(0);
        assert!(!r.why.is_empty());
        let want = match p {
            Preset::TooHigh => Some(Regime::Diverging),
            Preset::TooLow => Some(Regime::Crawl),
            Preset::JustRight => Some(Regime::Converging),
            _ => None,
        };
        if let Some(w) = want {
            assert_eq!(r.regime, w, "{}: {}", p.name(), r.why);
        }
    }
}

#[test]
fn accumulation_multiplies_the_step_the_regime_sees() {
    // Batch 16 with nbs 64 sums four minibatch gradients per step: lr 0.1 acts like 0.4,
    // which is oscillating on the default valley (1/λmax ≈ 0.22 < 0.4 < 2/λmax ≈ 0.45).
    let config = Config {
        batch: 16,
        ..Config::default()
    };
    let s = Session::for_config(&config);
    let r = s.report(0);
    assert_eq!(r.regime, Regime::Oscillating, "{}", r.why);
    assert!(r.why.contains("4 minibatches"), "{}", r.why);
    let plain = Session::for_config(&Config {
        batch: 16,
        nbs: 16,
        ..Config::default()
    });
    assert!(!plain.report(0).why.contains("minibatches are summed"));
}

#[test]
fn a_line_rerun_equals_a_fresh_session_at_the_new_rate() {
    let mut s = Session::for_config(&Config::default());
    let new = Config {
        lr0: 0.3,
        ..Config::default()
    };
    s.rerun(&new);
    let fresh = Session::for_config(&new);
    assert_eq!(s.slots[0].run.steps, fresh.slots[0].run.steps);
    assert_eq!(s.report(0), fresh.report(0));
}

#[test]
fn landscape_points_computed_elsewhere_make_the_same_picture() {
    use stride::engine::landscape::plane_losses;
    let config = moons();
    let mut local = Session::for_config(&config);
    local.tick(usize::MAX, f64::INFINITY, 0.0, &fake_clock());
    local.fill_landscape(f64::INFINITY, &fake_clock());
    let mut remote = Session::for_config(&config);
    remote.external = true;
    remote.tick(usize::MAX, f64::INFINITY, 0.0, &fake_clock());
    assert!(
        remote.filling(),
        "external mode leaves the points to the workers"
    );
    // A "worker": rebuild model and sample from the spec, as src/ui/workers.rs does.
    let mut jobs = Vec::new();
    while let Some(job) = remote.hand_out(50) {
        jobs.push(job);
    }
    for (id, spec, plane, x, y, range) in jobs.into_iter().rev() {
        let (c, _) = stride::state::parse_query(&spec);
        let (train, _) = build::data(&c);
        let sample = train.subset(
            &(0..train.len().min(stride::state::session::LANDSCAPE_EXAMPLES)).collect::<Vec<_>>(),
        );
        let values = plane_losses(
            build::model(c.task).as_mut(),
            &sample,
            &plane,
            x,
            y,
            range.clone(),
        );
        remote.receive(id, range.start, &values);
        remote.receive(id + 1, range.start, &[f64::NAN]);
    }
    assert!(!remote.filling());
    assert_eq!(
        remote.backdrop().expect("done").grid,
        local.backdrop().expect("done").grid
    );
}

#[test]
fn the_warmup_lesson_trains_only_with_its_warmup() {
    // What the lesson's text promises: at lr0 0.6 with momentum 0.937 the conv net's ReLUs die
    // from the random start, and three warmup epochs let the same rate train.
    let lesson = Preset::Warmup.config();
    let accuracy = |config: &Config| {
        let mut run = build::run(config, config.lr0, None);
        run.advance(usize::MAX);
        run.epochs
            .last()
            .and_then(|e| e.val_accuracy)
            .expect("the digits have a validation split")
    };
    let with = accuracy(&lesson);
    let without = accuracy(&Config {
        warmup_epochs: 0.0,
        ..lesson.clone()
    });
    // Chance is 10 %; a net whose ReLUs died stays there. The trained accuracy moves by a few
    // points with float rounding at a rate this high, so the line is drawn well below it.
    assert!(with > 0.7, "with warmup: {with}");
    assert!(without < 0.3, "without warmup: {without}");
}
