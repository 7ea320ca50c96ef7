//! The playground's live state: runs built from settings, the regime read-out, compare mode,
//! retuning lr0 in place, ghosts, landscapes filled in slices, and the lessons.

use std::cell::Cell;

use stride::engine::data::Toy;
use stride::engine::run::Status;
use stride::engine::stability::{Regime, Spectrum};
use stride::state::landscape::{Delivery, JobId, LANDSCAPE_EXAMPLES, View, worker_setup};
use stride::state::regime::{Curvature, Progress, report, stable_limit};
use stride::state::session::{Command, Session, Sync};
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
    let rates: Vec<f64> = s.slots.iter().map(|slot| slot.config.lr0).collect();
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
    let sync = s.sync(&Config {
        lr0: 0.02,
        ..config
    });
    assert_eq!(sync, Sync::Retuned);
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
    assert!(matches!(s.landscape.view, View::Waiting));
    s.tick(usize::MAX, f64::INFINITY, 0.0, &fake_clock());
    assert!(s.finished());
    assert!(s.landscape.filling(), "PCA starts when the run ends");
    let clock = fake_clock();
    let mut frames = 0;
    while s.landscape.filling() {
        let t = clock();
        s.landscape.fill(t + 3.0, &clock);
        frames += 1;
        assert!(frames < 10_000);
    }
    assert!(frames > 1, "spread over several frames");
    let backdrop = s.landscape.backdrop().expect("a picture");
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
    let s = Session::for_config(&Config {
        random_dirs: true,
        ..moons()
    });
    assert!(s.landscape.filling());
    assert!(
        s.landscape.backdrop().is_some(),
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
    assert_eq!(s.sync(&new), Sync::Rerun);
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
    local.landscape.fill(f64::INFINITY, &fake_clock());
    let mut remote = Session::for_config(&config);
    remote.landscape.external = true;
    remote.tick(usize::MAX, f64::INFINITY, 0.0, &fake_clock());
    assert!(
        remote.landscape.filling(),
        "external mode leaves the points to the workers"
    );
    // A "worker": rebuild model and sample from the spec, as src/ui/workers.rs does.
    let mut jobs = Vec::new();
    while let Some(job) = remote.hand_out(50) {
        jobs.push(job);
    }
    for job in jobs.into_iter().rev() {
        let (mut model, sample) = worker_setup(&job.spec);
        assert_eq!(sample.len(), LANDSCAPE_EXAMPLES);
        let values = plane_losses(
            model.as_mut(),
            &sample,
            &job.plane,
            job.x,
            job.y,
            job.range.clone(),
        );
        remote.receive(&Delivery {
            job: job.job,
            start: job.range.start,
            values,
        });
        // An answer for another landscape is dropped.
        remote.receive(&Delivery {
            job: JobId(job.job.0 + 1),
            start: job.range.start,
            values: vec![f64::NAN],
        });
    }
    assert!(!remote.landscape.filling());
    assert_eq!(
        remote.landscape.backdrop().expect("done").grid,
        local.landscape.backdrop().expect("done").grid
    );
}

#[test]
fn the_warmup_lesson_trains_only_with_its_warmup() {
    // What the lesson's text promises: at lr0 0.6 with momentum 0.937 the conv net's ReLUs die
    // from the random start, and three warmup epochs let the same rate train.
    let lesson = Preset::Warmup.config();
    let accuracy = |config: &Config| {
        let mut run = build::run(config, None);
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

#[test]
fn sync_keeps_the_runs_for_page_settings_and_rebuilds_for_the_rest() {
    let config = moons();
    let mut s = Session::for_config(&config);
    s.tick(5, f64::INFINITY, 0.0, &fake_clock());
    let embedded = Config {
        embed: true,
        hide: vec![stride::state::Key::Seed],
        ..config.clone()
    };
    assert_eq!(s.sync(&embedded), Sync::Kept);
    assert_eq!(s.slots[0].run.iteration(), 5, "the run goes on");
    assert_eq!(
        s.config, embedded,
        "the session holds the settings it follows"
    );
    assert_eq!(s.sync(&embedded), Sync::Kept);

    s.pin(0);
    s.command(Command::Speed(64), &fake_clock());
    let bigger = Config {
        batch: 64,
        ..embedded.clone()
    };
    assert_eq!(s.sync(&bigger), Sync::Rebuilt);
    assert_eq!(s.slots[0].run.iteration(), 0, "new runs from the start");
    assert!(s.ghost.is_some(), "the ghost stays while the task does");
    assert_eq!(s.playback.speed, 64, "and so does the speed");

    let line = Config {
        task: Task::Line,
        ..bigger
    };
    assert_eq!(s.sync(&line), Sync::Rebuilt);
    assert!(s.ghost.is_none(), "a ghost of another task means nothing");
    assert_eq!(s.playback.speed, Task::Line.default_speed());
    assert!(!s.playback.playing, "the line task is computed at once");
}

#[test]
fn commands_play_step_pin_reset_and_move_the_cursor() {
    let clock = fake_clock();
    let mut s = Session::for_config(&moons());
    assert!(s.playback.playing && s.active(), "networks train on load");
    s.command(Command::Speed(3), &clock);
    s.frame(&clock);
    assert_eq!(s.slots[0].run.iteration(), 3, "three iterations a frame");
    s.command(Command::Toggle, &clock);
    assert!(!s.playback.playing);
    assert!(
        s.landscape.filling(),
        "a pause shows the landscape of the path so far"
    );
    s.frame(&clock);
    assert_eq!(s.slots[0].run.iteration(), 3, "paused frames do not train");
    s.command(Command::Step, &clock);
    s.command(Command::Step, &clock);
    assert_eq!(s.slots[0].run.iteration(), 5);
    s.command(Command::Cursor(Some(1)), &clock);
    assert_eq!(s.cursor, Some(1));
    s.command(Command::Pin, &clock);
    assert_eq!(s.ghost.as_ref().map(|g| g.losses.len()), Some(5));
    s.command(Command::Reset, &clock);
    assert_eq!(s.slots[0].run.iteration(), 0);
    assert!(s.ghost.is_some() && s.cursor.is_none() && s.playback.speed == 3);
    s.command(Command::Unpin, &clock);
    assert!(s.ghost.is_none());
}

#[test]
fn a_frame_trains_within_its_budget_and_stops_playing_at_the_end() {
    let mut s = Session::for_config(&moons());
    s.command(Command::Speed(0), &fake_clock());
    let mut frames = 0;
    while s.playback.playing {
        s.frame(&fake_clock());
        frames += 1;
        assert!(frames < 1000);
    }
    // The fake clock passes 1 ms per reading, so an 8 ms budget allows about eight iterations.
    let total = s.slots[0].run.total_iterations();
    assert!(
        frames >= total / 9,
        "{frames} frames for {total} iterations"
    );
    assert!(s.finished() && !s.playback.playing);
    assert!(s.active(), "the PCA landscape still fills in after the run");
}
