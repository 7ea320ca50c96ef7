//! The playground's live state: runs built from settings, compare mode and lessons' side-by-side
//! runs, following new settings (retune, rerun, rebuild), the line task revealed step by step,
//! ghosts from the URL, and landscapes filled in slices, here or in workers.

use crate::common::clock;

use stride::engine::data::Toy;
use stride::engine::landscape::plane_losses;
use stride::engine::run::Status;
use stride::state::lessons::verdict::Curvature;
use stride::state::runs::landscape::{
    Delivery, JobId, LANDSCAPE_EXAMPLES, LandscapeJob, View, worker_setup,
};
use stride::state::runs::session::{
    Cadence, Command, FrameWork, REVEAL_FRAMES, SLOW, SLOW_FRAMES, Session, Sync,
};
use stride::state::{Action, Config, Key, Preset, Task, plan};

/// A worker's answer to `job`: model and sample from its spec, as src/ui/workers/entry.rs does.
fn work(job: &LandscapeJob) -> Delivery {
    let (mut model, sample) = worker_setup(&job.spec);
    let values = plane_losses(
        model.as_mut(),
        &sample,
        &job.plane,
        job.x,
        job.y,
        job.range.clone(),
    );
    Delivery {
        job: job.job,
        start: job.range.start,
        values,
    }
}

fn moons() -> Config {
    Config {
        task: Task::Toy(Toy::Moons),
        epochs: 4,
        batch: 32,
        nbs: 32,
        ..Config::default()
    }
}

/// Plays a session until nothing moves any more.
fn play_out(s: &mut Session) {
    let clock = clock();
    let mut frames = 0;
    while s.active() {
        s.frame(&clock);
        frames += 1;
        assert!(frames < 100_000, "the session never settles");
    }
}

#[test]
fn the_line_task_is_computed_at_once_and_revealed_over_about_a_second() {
    let mut s = Session::for_config(&Config::default());
    assert_eq!(s.slots[0].run.iteration(), 100, "computed whole");
    assert_eq!(s.shown(0), 0, "but shown from the start");
    assert!(s.playback.playing && s.active());
    assert_eq!(s.path(0).len(), 1, "the path starts as its first point");
    let clock = clock();
    let mut frames = 0;
    let mut seen = vec![s.shown(0)];
    while s.playback.playing {
        s.frame(&clock);
        frames += 1;
        seen.push(s.shown(0));
    }
    // About two seconds at 60 frames a second: whole steps per frame, at most one frame's worth early.
    assert!(
        (REVEAL_FRAMES * 2 / 3..=REVEAL_FRAMES + 1).contains(&frames),
        "{frames} frames"
    );
    assert!(
        seen.windows(2).all(|w| w[1] > w[0]),
        "the dot moves every frame"
    );
    assert_eq!(s.shown(0), 100);
    assert_eq!(s.path(0).len(), 101);
    assert!(s.finished() && !s.active());
}

#[test]
fn step_and_reset_work_on_a_revealed_run_and_a_drag_shows_it_whole() {
    let clock = clock();
    let mut s = Session::for_config(&Config::default());
    s.command(Command::Toggle, &clock);
    assert!(!s.playback.playing);
    s.command(Command::Step, &clock);
    s.command(Command::Step, &clock);
    assert_eq!(s.shown(0), 2);
    s.frame(&clock);
    assert_eq!(s.shown(0), 2, "paused");
    s.show_all();
    assert_eq!(s.shown(0), 100);
    assert!(s.finished());
    s.command(Command::Reset, &clock);
    assert_eq!(s.shown(0), 0, "reset goes back to the start");
    assert!(!s.playback.playing, "and waits there");
    s.frame(&clock);
    assert_eq!(s.shown(0), 0, "until Play or Step");
    s.command(Command::Step, &clock);
    assert_eq!(s.shown(0), 1);
    s.command(Command::Toggle, &clock);
    assert!(s.playback.playing);
    // Replay, at a run's end: back to the start and playing.
    s.show_all();
    s.command(Command::Replay, &clock);
    assert_eq!(s.shown(0), 0);
    assert!(s.playback.playing);
    // A new lr0 reruns the line on the same landscape and reveals it again; a slider drag
    // shows the result at once.
    let faster = Config {
        lr0: 0.2,
        ..Config::default()
    };
    assert_eq!(s.sync(&faster), Sync::Rerun);
    assert_eq!(s.shown(0), 0);
    s.show_all();
    assert_eq!(s.shown(0), 100);
}

#[test]
fn compare_mode_runs_lr0_first_then_a_tenth_and_ten_times() {
    let s = Session::for_config(&Config {
        lr0: 0.05,
        compare: true,
        ..Config::default()
    });
    let rates: Vec<f64> = s.slots.iter().map(|slot| slot.config.lr0).collect();
    assert_eq!(rates.len(), 3);
    assert!(rates[0] == 0.05 && (rates[1] - 0.005).abs() < 1e-15 && (rates[2] - 0.5).abs() < 1e-15);
}

#[test]
fn lessons_that_compare_run_their_runs_side_by_side() {
    let count = |p: Preset| plan::slots(&p.config()).len();
    assert_eq!(count(Preset::Warmup), 2);
    assert_eq!(count(Preset::CosineVsLinear), 2);
    assert_eq!(count(Preset::BatchScaling), 3);
    assert_eq!(count(Preset::FineTune), 2);
    assert_eq!(count(Preset::TooHigh), 1);
    let warm = plan::slots(&Preset::Warmup.config());
    assert_eq!(warm[1].config.warmup_epochs, 0.0);
    assert_eq!(warm[1].label, "no warmup");
    let batch = plan::slots(&Preset::BatchScaling.config());
    let settings: Vec<(usize, f64)> = batch
        .iter()
        .map(|r| (r.config.batch, r.config.lr0))
        .collect();
    assert_eq!(settings, [(64, 0.4), (16, 0.1), (64, 0.1)]);
}

#[test]
fn a_new_lr0_retunes_a_running_network_in_place() {
    let config = moons();
    let mut s = Session::for_config(&config);
    let clock = clock();
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
fn a_new_lr0_after_a_network_run_has_ended_runs_it_again() {
    // The fine-tuning lesson's "raise lr0 and watch": once the run has ended, a new rate must
    // show a new run, not change nothing.
    let config = moons();
    let mut s = Session::for_config(&config);
    play_out(&mut s);
    assert!(s.finished());
    let before = s.slots[0].run.steps.clone();
    let sync = s.sync(&Config {
        lr0: 1.0,
        ..config.clone()
    });
    assert_eq!(sync, Sync::Rerun);
    assert!(s.playback.playing, "the new run trains");
    assert_eq!(s.slots[0].run.iteration(), 0);
    play_out(&mut s);
    assert_ne!(s.slots[0].run.steps, before);
    assert_eq!(s.slots[0].run.steps[0].lr_weight, 1.0);
    let fresh = {
        let mut f = Session::for_config(&Config { lr0: 1.0, ..config });
        play_out(&mut f);
        f
    };
    assert_eq!(
        s.slots[0].run.steps, fresh.slots[0].run.steps,
        "as from scratch"
    );
}

#[test]
fn ticks_respect_the_frame_deadline() {
    let mut s = Session::for_config(&moons());
    let clock = clock();
    // Each iteration reads the clock once; a deadline 5 ms away allows about five.
    let taken = s.tick(usize::MAX, 5.0, 5.0, &clock);
    assert!((1..=6).contains(&taken), "{taken}");
}

#[test]
fn a_network_shows_random_directions_while_it_trains_then_its_pca_plane() {
    let mut s = Session::for_config(&moons());
    assert!(s.landscape.random_plane());
    assert!(s.landscape.filling(), "a landscape from the first frame");
    assert!(
        s.landscape.backdrop().is_some(),
        "a partial grid is drawn at once"
    );
    assert_eq!(
        s.path(0).first(),
        Some(&(0.0, 0.0)),
        "the plane goes through the start"
    );
    s.landscape.fill(f64::INFINITY, &clock());
    assert!(!s.landscape.filling());
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    assert!(s.finished());
    assert!(s.landscape.filling(), "PCA starts when the run ends");
    // Until the PCA plane is done, the finished random picture stays up, path and all, and
    // the caption says so (a student met "the path's two main directions (PCA)" under axes
    // named "random direction 1").
    let random = s.landscape.backdrop().expect("the random picture");
    assert!(random.labels.0.starts_with("random"));
    assert!(s.landscape.random_plane());
    let caption = |s: &Session| {
        stride::state::Scene::build(s, &mut stride::state::scene::SceneCache::default(), 0.0)
            .landscape
            .caption
    };
    // And that the picture will change: a student found the mountain's axes switch from
    // "dir 1" to PCA at the run's end with nothing said.
    assert!(caption(&s).contains("random directions"), "{}", caption(&s));
    let term = stride::state::lessons::glossary::GLOSSARY
        .iter()
        .find(|e| e.term == "random directions")
        .expect("the caption's term is explained");
    assert!(term.text.contains(
        "When the run ends it is drawn again on the path's own two main directions (PCA)"
    ));
    assert_eq!(s.path(0).len(), s.slots[0].run.trajectory().len());
    let clock = clock();
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
    assert!(!s.landscape.random_plane());
    assert!(caption(&s).contains("(PCA)"), "{}", caption(&s));
    let path = s.path(0);
    assert_eq!(path.len(), s.slots[0].run.trajectory().len());
    // The path ends at the plane's origin.
    let end = path.last().expect("points");
    assert!(end.0.abs() < 1e-4 && end.1.abs() < 1e-4, "{end:?}");
    assert!(matches!(s.landscape.view, View::Done { .. }));
}

#[test]
fn fine_tuning_starts_from_weights_trained_first() {
    let lesson = Preset::FineTune.config();
    let mut a = Session::for_config(&lesson);
    let mut b = Session::for_config(&Config {
        preset: None,
        ..lesson.clone()
    });
    a.tick(1, f64::INFINITY, 0.0, &clock());
    b.tick(1, f64::INFINITY, 0.0, &clock());
    assert!(a.slots[0].run.steps[0].loss < 0.5 * b.slots[0].run.steps[0].loss);
    assert_eq!(
        a.slots[0].run.steps[0].loss, a.slots[1].run.steps[0].loss,
        "both of the lesson's runs start from the same weights"
    );
    assert_eq!(
        plan::pretrained(&lesson),
        plan::pretrained(&lesson),
        "the start is deterministic"
    );
}

#[test]
fn the_pca_grid_samples_the_main_runs_end_so_a_narrow_minimum_shows() {
    // The fine-tuning lesson: the large rate's wandering path sets the plane's extent, and the
    // small rate's end sits in a minimum a cell or two wide.
    let mut s = Session::for_config(&Preset::FineTune.config());
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    let clock = clock();
    while s.landscape.filling() {
        let t = clock();
        s.landscape.fill(t + 1e6, &clock);
    }
    let grid = s.landscape.backdrop().expect("a picture").grid.clone();
    let origin =
        |a: &stride::engine::plane::Axis| (0..a.len).find(|&i| a.at(i).abs() < 1e-9 * a.step());
    let (i, j) = (origin(&grid.x), origin(&grid.y));
    let (Some(i), Some(j)) = (i, j) else {
        panic!("no grid point at the origin: {:?} {:?}", grid.x, grid.y)
    };
    let at_end = grid.values[j * grid.x.len + i];
    let last = s.slots[0].run.epochs.last().expect("epochs").train_loss;
    assert!(
        at_end < 3.0 * last.max(0.01),
        "{at_end} at the end, {last} trained"
    );
    let lowest = grid.values.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(lowest <= at_end, "the colour scale reaches the run's end");
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
fn every_lesson_builds_and_trains_to_the_end() {
    for p in Preset::ALL {
        let mut s = Session::for_config(&p.config());
        // Every lesson asks first, and runs once answered (here: skipped).
        s.command(Command::Predict(None), &|| 0.0);
        play_out(&mut s);
        assert!(s.finished(), "{}", p.name());
        for k in 0..s.slots.len() {
            assert!(!s.report(k).why.is_empty());
        }
    }
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
    let config = moons();
    let mut local = Session::for_config(&config);
    local.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    local.landscape.fill(f64::INFINITY, &clock());
    let mut remote = Session::for_config(&config);
    remote.landscape.external = true;
    remote.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    assert!(
        remote.landscape.filling(),
        "external mode leaves the points to the workers"
    );
    while remote.landscape.filling() {
        let mut jobs = Vec::new();
        while let Some(job) = remote.hand_out(50) {
            jobs.push(job);
        }
        // A "worker": model and sample from the spec, as src/ui/workers/entry.rs does.
        for job in jobs.into_iter().rev() {
            assert_eq!(worker_setup(&job.spec).1.len(), LANDSCAPE_EXAMPLES);
            let answer = work(&job);
            remote.receive(&answer);
            // An answer for another landscape is dropped.
            remote.receive(&Delivery {
                job: JobId(job.job.0 + 1),
                start: job.range.start,
                values: vec![f64::NAN],
            });
        }
    }
    assert!(!remote.landscape.filling());
    assert_eq!(
        remote.landscape.backdrop().expect("done").grid,
        local.landscape.backdrop().expect("done").grid
    );
}

#[test]
fn sync_keeps_the_runs_for_page_settings_and_rebuilds_for_the_rest() {
    let config = moons();
    let mut s = Session::for_config(&config);
    s.tick(5, f64::INFINITY, 0.0, &clock());
    let embedded = Config {
        embed: true,
        hide: vec![Key::Seed],
        at: 3,
        ..config.clone()
    };
    assert_eq!(s.sync(&embedded), Sync::Kept);
    assert_eq!(s.slots[0].run.iteration(), 5, "the run goes on");
    assert_eq!(
        s.config, embedded,
        "the session holds the settings it follows"
    );
    assert_eq!(s.sync(&embedded), Sync::Kept);

    s.command(Command::Speed(64), &clock());
    let pinned = embedded.apply(Action::Pin(s.pin_query()));
    assert_eq!(s.sync(&pinned), Sync::Kept);
    assert!(s.ghost.is_some());
    let bigger = Config {
        batch: 64,
        ..pinned.clone()
    };
    assert_eq!(s.sync(&bigger), Sync::Rebuilt);
    assert_eq!(s.slots[0].run.iteration(), 0, "new runs from the start");
    assert!(s.ghost.is_some(), "the ghost stays while the task does");
    assert_eq!(s.playback.speed, 64, "and so does the speed");

    let line = bigger.apply(Action::Set(Key::Task, "line".into()));
    assert!(
        line.ghost.is_empty(),
        "a ghost of another task means nothing"
    );
    assert_eq!(s.sync(&line), Sync::Rebuilt);
    assert!(s.ghost.is_none());
    assert_eq!(s.playback.speed, Task::Line.default_speed());
}

#[test]
fn the_slow_speed_takes_one_step_every_few_frames_on_a_revealed_run_and_a_network() {
    let clock = clock();
    for config in [Config::default(), moons()] {
        let mut s = Session::for_config(&config);
        s.command(Command::Reset, &clock);
        s.command(Command::Speed(SLOW), &clock);
        s.command(Command::Toggle, &clock);
        let done = |s: &Session| {
            if config.task.computed_at_once() {
                s.shown(0)
            } else {
                s.slots[0].run.iteration()
            }
        };
        s.frame(&clock);
        assert_eq!(
            done(&s),
            1,
            "{:?}: the first frame after play steps",
            config.task
        );
        for _ in 1..SLOW_FRAMES * 3 {
            s.frame(&clock);
        }
        assert_eq!(
            done(&s),
            3,
            "{:?}: one step every {SLOW_FRAMES} frames",
            config.task
        );
        s.command(Command::Toggle, &clock);
        for _ in 0..SLOW_FRAMES * 2 {
            s.frame(&clock);
        }
        assert_eq!(done(&s), 3, "{:?}: paused", config.task);
    }
}

#[test]
fn commands_play_step_and_reset() {
    let clock = clock();
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
    assert!(!s.landscape.random_plane());
    s.frame(&clock);
    assert_eq!(s.slots[0].run.iteration(), 3, "paused frames do not train");
    s.command(Command::Step, &clock);
    s.command(Command::Step, &clock);
    assert_eq!(s.slots[0].run.iteration(), 5);
    s.command(Command::Reset, &clock);
    assert_eq!(s.slots[0].run.iteration(), 0);
    assert_eq!(s.playback.speed, 3, "reset keeps the speed");
}

#[test]
fn a_ghost_is_a_query_in_the_url_and_comes_back_the_same() {
    let config = Config::default();
    let mut s = Session::for_config(&config);
    s.show_all();
    let query = s.pin_query();
    assert_eq!(query, "at=100");
    let pinned = config.apply(Action::Pin(query));
    s.sync(&pinned);
    let live = s.ghost.take().expect("a ghost");
    assert_eq!(live.losses.len(), 100);
    assert_eq!(live.path.len(), 101);
    // The same link on a fresh page, where the ghost is trained from its settings.
    let (from_url, notices) =
        stride::state::parse_query(&stride::state::to_query(&Config { lr0: 0.3, ..pinned }));
    assert!(notices.is_empty(), "{notices:?}");
    let fresh = Session::for_config(&from_url);
    let ghost = fresh.ghost.expect("the ghost from the URL");
    assert_eq!(ghost.losses, live.losses);
    assert_eq!(ghost.path, live.path);
    assert_eq!(ghost.label(&from_url), "pinned: lr0 0.1");
    // A rate the slider set to every digit is named as the page writes rates.
    let dragged = Session::for_config(&Config {
        ghost: "lr0=0.4596350985807117".into(),
        ..Config::default()
    });
    assert_eq!(
        dragged.ghost.expect("a ghost").label(&Config::default()),
        "pinned: lr0 0.46"
    );
    let half = Session::for_config(&Config {
        ghost: "lr0=0.2&at=40".into(),
        ..Config::default()
    });
    // A ghost pinned half way keeps only what it had done, and its legend says where it
    // stops (a teacher found a pinned line ending at iteration 24, nothing saying why).
    let half = half.ghost.expect("ghost");
    assert_eq!(half.losses.len(), 40);
    assert_eq!(
        half.label(&Config::default()),
        "pinned after 40 iterations: lr0 0.2"
    );
}

#[test]
fn the_warmup_lesson_trains_only_with_its_warmup() {
    // What the lesson's text promises, natively: the same rate with and without warmup.
    let lesson = Preset::Warmup.config();
    let final_accuracy = |config: &Config| {
        let mut run = plan::run(config, None);
        run.advance(usize::MAX);
        assert_eq!(run.status(), Status::Finished);
        run.epochs
            .last()
            .and_then(|e| e.val_accuracy)
            .expect("the digits have a validation split")
    };
    let with = final_accuracy(&lesson);
    let without = final_accuracy(&Config {
        warmup_epochs: 0.0,
        ..lesson.clone()
    });
    assert!(with > 0.95, "with warmup: {with}");
    assert!(with - without > 0.05, "with {with}, without {without}");
}

#[test]
fn when_workers_fail_their_points_are_computed_here_and_the_reader_is_told() {
    let config = Config {
        random_dirs: true,
        ..moons()
    };
    let mut local = Session::for_config(&config);
    local.landscape.fill(f64::INFINITY, &clock());
    let mut remote = Session::for_config(&config);
    remote.landscape.external = true;
    let mut jobs = Vec::new();
    while let Some(job) = remote.hand_out(64) {
        jobs.push(job);
    }
    // Only every other job is answered; then the workers fail.
    for job in jobs.iter().step_by(2) {
        remote.receive(&work(job));
    }
    assert!(remote.landscape.filling());
    remote.workers_failed("a landscape worker did not answer within 10 s");
    assert!(!remote.landscape.external);
    assert!(
        remote.notes[0].starts_with("A landscape worker did not answer"),
        "{:?}",
        remote.notes
    );
    remote.landscape.fill(f64::INFINITY, &clock());
    assert!(
        !remote.landscape.filling(),
        "the landscape always completes"
    );
    assert_eq!(
        remote.landscape.backdrop().expect("done").grid,
        local.landscape.backdrop().expect("done").grid
    );
    remote.command(Command::Dismiss, &clock());
    assert!(remote.notes.is_empty());
}

#[test]
fn an_embed_trains_only_while_it_is_seen_and_resumes_where_it_was() {
    let clock = clock();
    let embed = Config {
        embed: true,
        ..moons()
    };
    let mut s = Session::for_config(&embed);
    // Below the fold: no frames, no training, no workers.
    assert!(!s.seen && !s.active() && !s.needs_workers());
    for _ in 0..10 {
        s.frame(&clock);
    }
    assert_eq!(s.slots[0].run.iteration(), 0);
    // Scrolled into view: it trains, and its landscape wants workers.
    s.command(Command::Seen(true), &clock);
    assert!(s.active() && s.needs_workers());
    s.frame(&clock);
    let before = s.slots[0].run.iteration();
    assert!(before > 0);
    // Scrolled away: frozen where it is, still "playing" so that it goes on when seen again.
    s.command(Command::Seen(false), &clock);
    assert!(!s.active() && !s.needs_workers());
    for _ in 0..10 {
        s.frame(&clock);
    }
    assert_eq!(s.slots[0].run.iteration(), before);
    assert!(s.playback.playing);
    s.command(Command::Seen(true), &clock);
    s.frame(&clock);
    assert!(
        s.slots[0].run.iteration() > before,
        "it goes on from where it was"
    );
    // New settings and a reset keep whether it is seen.
    s.command(Command::Seen(false), &clock);
    s.sync(&Config {
        seed: 5,
        ..embed.clone()
    });
    assert!(!s.seen);
    s.command(Command::Reset, &clock);
    assert!(!s.seen && !s.active());
    // A page of its own is seen from the start.
    assert!(Session::for_config(&moons()).seen);
}

#[test]
fn the_sine_task_is_computed_at_once_on_its_exact_landscape() {
    let (config, notices) = stride::state::parse_query("task=sine&lr0=0.2");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(config.task, Task::Sine);
    let mut s = Session::for_config(&config);
    assert_eq!(s.slots[0].run.iteration(), 100, "computed whole");
    assert_eq!(s.shown(0), 0, "but shown from the start");
    assert!(s.valley.is_none(), "no quadratic valley");
    let surface = s.surface.clone().expect("an exact landscape");
    let View::Exact(backdrop) = &s.landscape.view else {
        panic!("the exact plane, at once")
    };
    assert_eq!(
        backdrop.labels,
        ("w (frequency)".into(), "b (phase)".into())
    );
    assert_eq!(backdrop.grid, surface.grid);
    assert!(!s.needs_workers(), "nothing to compute elsewhere");
    // The sine is not quadratic: its curvature is the start's, estimated, and agrees with the
    // exact Hessian there.
    let start = stride::engine::model::sine::START;
    let exact = stride::engine::sine::SineLoss::new(s.slots[0].run.train_set());
    let h = exact.hessian(f64::from(start.0), f64::from(start.1));
    let top = stride::engine::stability::Spectrum::of_symmetric_2x2(h).lambda_max;
    let Curvature::Estimated(lambda) = s.curvature else {
        panic!("estimated, not exact: {:?}", s.curvature)
    };
    assert!((lambda / top - 1.0).abs() < 0.01, "{lambda} vs {top}");
    let scene = stride::state::Scene::build(&s, &mut Default::default(), 0.0);
    assert_eq!(scene.landscape.minimum, Some(surface.minimum));
    assert_eq!(scene.loss.floor, Some(surface.min_loss));
    // The path is in (w, b) itself, from the start.
    assert_eq!(
        s.path(0)[0],
        (f64::from(start.0), f64::from(start.1)),
        "the start"
    );
    let faster = Config {
        lr0: 1.0,
        ..config.clone()
    };
    assert_eq!(s.sync(&faster), Sync::Rerun);
    s.show_all();
    assert_eq!(s.path(0).len(), 101);
}

/// While a network trains live for the frame's whole time budget (speed 0), frames alternate
/// between training and drawing what was trained; once it stops, the last training is drawn at
/// once and every frame draws. A few iterations a frame, or a run computed at once (the line),
/// train and draw in every frame.
#[test]
fn a_live_network_alternates_training_and_drawing_frames() {
    let mut s = Session::for_config(&moons());
    s.command(Command::Speed(0), &clock());
    let mut cadence = Cadence::default();
    // The first frame has not filled its budget yet: it trains and draws.
    assert!(!s.trains_live());
    let first = cadence.next(s.trains_live());
    assert!(first.train && first.draw);
    s.frame(&clock());
    assert!(s.trains_live(), "the budget ran out");
    let mut trained = 0;
    // As if the frame before had drawn: the first one trains.
    let mut last = FrameWork {
        train: false,
        draw: true,
    };
    let mut frames = 0;
    while s.trains_live() {
        let work = cadence.next(s.trains_live());
        assert!(work.train != work.draw, "one or the other: {work:?}");
        assert!(
            work.train != last.train,
            "they alternate: {work:?} after {last:?}"
        );
        if work.train {
            let before = s.slots[0].run.iteration();
            s.frame(&clock());
            assert!(
                s.slots[0].run.iteration() > before,
                "a training frame trains"
            );
            trained += 1;
        }
        last = work;
        frames += 1;
        assert!(frames < 100_000, "the run ends");
    }
    assert!(trained > 1);
    assert!(s.finished());
    // The frame that finished trained; the next draws it, and every frame after draws.
    assert!(last.train);
    for _ in 0..3 {
        let work = cadence.next(s.trains_live());
        assert!(work.draw && work.train, "{work:?}");
    }
    // Paused: nothing trains live, every frame draws (a landscape filling, a sweep).
    let mut paused = Session::for_config(&moons());
    paused.command(Command::Toggle, &clock());
    assert!(!paused.trains_live());
    assert!(Cadence::default().next(paused.trains_live()).draw);
    // Three iterations a frame leave room to draw: every frame trains and draws.
    let mut slow = Session::for_config(&moons());
    slow.command(Command::Speed(3), &clock());
    let mut cadence = Cadence::default();
    for _ in 0..5 {
        let work = cadence.next(slow.trains_live());
        assert!(work.train && work.draw, "{work:?}");
        slow.frame(&clock());
    }
    assert_eq!(slow.slots[0].run.iteration(), 15);
    // The line is computed at once: revealed and drawn every frame.
    let mut line = Session::for_config(&Config::default());
    line.frame(&clock());
    assert!(line.playback.playing && !line.trains_live());
}

/// Every speed a task starts at, presenting or not, is one the speed menu offers: the toy
/// tasks' 8 a frame was not, and the menu showed its first entry, "¼ / frame", beside a run
/// going at 8 a frame.
#[test]
fn every_starting_speed_is_on_the_speed_menu() {
    use stride::state::runs::session::SPEEDS;
    for task in stride::state::Task::ALL {
        for presenting in [false, true] {
            let speed = task.start_speed(presenting);
            assert!(
                SPEEDS.iter().any(|(v, _)| *v == speed),
                "{task:?} starts at {speed}, not on the menu"
            );
        }
    }
}

/// The speed menu names speed 0 by what it does on the task: on the two-weight tasks, computed
/// at once, it reveals the whole run in the seconds it says (a student read "as fast as
/// possible" as a run too fast to watch); on the networks it trains as fast as the frames allow.
#[test]
fn the_speed_menu_says_how_long_a_computed_run_takes() {
    use stride::state::runs::session::speed_menu;
    for task in stride::state::Task::ALL {
        let config = Config::for_task(task);
        let s = Session::for_config(&config);
        let scene =
            stride::state::Scene::build(&s, &mut stride::state::scene::SceneCache::default(), 0.0);
        let fastest = scene
            .run_bar
            .speeds
            .iter()
            .find(|(v, _)| *v == 0)
            .expect("0")
            .1;
        assert_eq!(scene.run_bar.speeds, speed_menu(task.computed_at_once()));
        if task.computed_at_once() {
            let seconds = REVEAL_FRAMES as f64 / 60.0;
            assert_eq!(fastest, format!("whole run in {seconds} s"), "{task:?}");
        } else {
            assert_eq!(fastest, "as fast as possible", "{task:?}");
        }
    }
}

/// Replay at a network run's end shows the same run again from its start, step by step, on
/// the same PCA map: it does not train again (a student saw the map switch to random
/// directions while the net retrained), and a new lr0 during the replay runs anew.
#[test]
fn replay_on_a_network_reveals_the_same_run_on_its_pca_map() {
    let mut s = Session::for_config(&moons());
    play_out(&mut s);
    assert!(s.finished() && !s.landscape.random_plane());
    let (steps, path) = (s.slots[0].run.steps.clone(), s.path(0));
    let length = s.slots[0].run.recorded();
    s.command(Command::Replay, &clock());
    assert_eq!(s.shown(0), 0, "back to the start");
    assert!(s.playback.playing && !s.finished());
    s.frame(&clock());
    let partway = s.shown(0);
    assert!(partway > 0 && partway < length, "{partway} of {length}");
    assert!(
        !s.landscape.random_plane() && s.path(0).len() < path.len(),
        "the path grows on the same map"
    );
    assert_eq!(s.path(0)[..], path[..s.path(0).len()]);
    s.command(Command::Toggle, &clock());
    s.command(Command::Step, &clock());
    assert_eq!(s.shown(0), partway + 1, "Step shows one more");
    s.command(Command::Toggle, &clock());
    play_out(&mut s);
    assert!(s.finished());
    assert_eq!(s.shown(0), length);
    assert_eq!(s.slots[0].run.steps, steps, "the same run, not a new one");
    assert_eq!(s.path(0), path);
    // A new rate during a replay trains a new run, shown as it trains.
    s.command(Command::Replay, &clock());
    s.frame(&clock());
    let sync = s.sync(&Config {
        lr0: 1.0,
        ..moons()
    });
    assert_eq!(sync, Sync::Rerun);
    assert!(!s.replaying());
    play_out(&mut s);
    assert_eq!(s.slots[0].run.steps[0].lr_weight, 1.0);
    assert_eq!(s.shown(0), s.slots[0].run.recorded());
}

/// A time cursor the reader set holds the read-outs until a button asks to watch the run move:
/// Play, Step, Replay and Reset let go of it (the run bar sets `at` back to 0), Pause keeps it (a
/// teacher set the cursor at iteration 9, pressed Play and then Replay, and watched the run train
/// to its end beside read-outs held at 9).
#[test]
fn play_step_replay_and_reset_let_go_of_the_time_cursor_and_pause_keeps_it() {
    use stride::state::Scene;
    use stride::state::scene::SceneCache;
    let held = Config::default().apply(Action::Set(Key::At, "9".into()));
    let mut s = Session::for_config(&held);
    s.show_all();
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    let scene = |s: &Session| Scene::build(s, &mut SceneCache::default(), 0.0);
    assert_eq!(scene(&s).run_bar.shown, Some(8), "held at iteration 9");
    for (command, playing) in [
        (Command::Toggle, false),
        (Command::Step, false),
        (Command::Replay, false),
        (Command::Reset, true),
    ] {
        assert!(command.releases_cursor(playing), "{command:?}");
        let released = held.apply(Action::Set(Key::At, "0".into()));
        s.sync(&released);
        let done = s.shown(0);
        assert_eq!(
            scene(&s).run_bar.shown,
            done.checked_sub(1),
            "{command:?}: the read-outs follow the run"
        );
        s.sync(&held);
    }
    assert!(!Command::Toggle.releases_cursor(true), "Pause keeps it");
    assert!(!Command::Speed(2).releases_cursor(false));
}
