//! The Scene: what the page shows, decided natively from the session.

use crate::common::clock;
use std::rc::Rc;

use stride::charts::palette;
use stride::engine::data::Toy;
use stride::state::lessons::predict::Prediction;
use stride::state::lessons::verdict::Verdict;
use stride::state::runs::session::{Command, Session};
use stride::state::scene::{FIRST_VISIT, GHOST, SceneCache, run_color};
use stride::state::{Action, Config, Key, OptKind, Preset, Scene, Task};

fn moons() -> Config {
    Config {
        task: Task::Toy(Toy::Moons),
        epochs: 3,
        batch: 32,
        nbs: 32,
        ..Config::default()
    }
}

fn scene(s: &Session) -> Scene {
    Scene::build(s, &mut SceneCache::default(), 0.0)
}

#[test]
fn the_default_page_reveals_the_line_run_and_suggests_where_to_start() {
    let mut s = Session::for_config(&Config::default());
    let first = scene(&s);
    assert_eq!(first.run_bar.iteration, 0, "revealed from the start");
    assert!(first.run_bar.playing && !first.run_bar.finished);
    assert_eq!(first.landscape.paths[0].path.len(), 1, "just the start");
    assert!(first.loss.series[0].raw.is_empty());
    assert_eq!(first.lesson.map(|l| l.claim), Some(FIRST_VISIT));
    // Dragging lr0, as the suggestion says, keeps it (and so the layout) in place.
    let dragged = Session::for_config(&Config::default().apply(Action::SlideLr(0.5)));
    assert_eq!(scene(&dragged).lesson.map(|l| l.claim), Some(FIRST_VISIT));
    let other = Session::for_config(&Config::default().apply(Action::Set(Key::Batch, "32".into())));
    assert_eq!(
        scene(&other).lesson,
        None,
        "gone once the settings are the reader's own"
    );
    s.show_all();
    let scene = scene(&s);
    assert_eq!(scene.run_bar.iteration, 100);
    assert_eq!(scene.run_bar.shown, Some(99), "the latest iteration");
    assert_eq!(scene.readout.values.iteration, 100);
    assert_eq!(scene.readout.verdict.verdict, Verdict::Converging);
    assert_eq!(scene.loss.series.len(), 1);
    assert_eq!(scene.loss.series[0].raw.len(), 100);
    assert!(
        scene.loss.series[0].smooth.is_none(),
        "full batch: no smoothing"
    );
    assert!(
        scene.loss.floor.is_some(),
        "the lowest loss possible is known"
    );
    let path = &scene.landscape.paths[0].path;
    assert_eq!(path.first(), Some(&(-1.0, 0.0)));
    assert_eq!(path.len(), 101);
    assert!(scene.landscape.backdrop.is_some() && scene.landscape.progress == 1.0);
    assert!(scene.landscape.summary.contains("(w -1.00, b 0.00)"));
    assert!(
        scene.landscape.caption.contains("×"),
        "the line's minimum is drawn"
    );
    // The time cursor's diamond is named only while the cursor is set, by a symbol other than
    // the start's ring.
    assert!(!scene.landscape.caption.contains("time cursor"));
    s.sync(&Config {
        at: 10,
        ..s.config.clone()
    });
    let cursor = Scene::build(&s, &mut SceneCache::default(), 0.0);
    assert!(
        cursor.landscape.cursor.is_some() && cursor.landscape.caption.contains("◇ time cursor"),
        "{}",
        cursor.landscape.caption
    );
    let start = cursor
        .landscape
        .caption
        .find("start")
        .expect("the start named");
    let symbol = |at: usize| cursor.landscape.caption[..at].chars().rev().nth(1);
    let ring = cursor.landscape.caption.find("time cursor").expect("named");
    assert_ne!(symbol(start), symbol(ring), "{}", cursor.landscape.caption);
    assert!(scene.boundary.is_none(), "a line has no decision boundary");
    let names: Vec<&str> = scene.marks.iter().map(|m| m.class).collect();
    assert_eq!(names, ["try", "critical"]);
    assert!(scene.marks[0].value < scene.marks[1].value);
    assert!(scene.readout.values.accuracy.is_none());
    assert_eq!(scene.schedule.settings.total, 100);
    assert_eq!(
        scene.schedule.settings.points.len(),
        100,
        "every iteration of a short run"
    );
    assert!(!scene.schedule.log_y);
    // A lesson's sentence replaces the suggestion; so do settings of one's own.
    let mut lesson = Session::for_config(&Preset::TooLow.config());
    lesson.command(Command::Predict(None), &|| 0.0);
    lesson.show_all();
    assert_eq!(
        scene_of(&lesson).lesson.map(|l| (l.claim, l.detail)),
        Some((Preset::TooLow.claim(), Some(Preset::TooLow.lesson())))
    );
    // The reader's own settings (more than lr0 moved: the suggestion stays while lr0 is dragged).
    let own = Session::for_config(&Config {
        lr0: 0.3,
        batch: 32,
        ..Config::default()
    });
    assert_eq!(scene_of(&own).lesson, None);
}

fn scene_of(s: &Session) -> Scene {
    scene(s)
}

#[test]
fn compare_mode_reads_out_the_others_in_the_colours_of_their_regimes() {
    let mut s = Session::for_config(&Config {
        lr0: 0.05,
        compare: true,
        ..Config::default()
    });
    s.show_all();
    let scene = scene(&s);
    let labels: Vec<&str> = scene.loss.series.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["lr0 0.05", "lr0 0.005", "lr0 0.5"]);
    // Three rates, three lines, a hundred times apart at the ends: a log axis shows all three.
    let lines: Vec<&str> = scene
        .schedule
        .references
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(lines, ["lr0 0.005", "lr0 0.5"]);
    assert_eq!(
        scene.schedule.references[0].color,
        scene.loss.series[1].color
    );
    assert!(scene.schedule.log_y);
    assert_eq!(scene.loss.series[0].color, palette::BLUE);
    assert_eq!(scene.loss.series[1].color, palette::SKY);
    assert_eq!(scene.landscape.paths[2].color, palette::VERMILLION);
    let others: Vec<(&str, Verdict)> = scene
        .readout
        .others
        .iter()
        .map(|(l, r)| (l.as_str(), *r))
        .collect();
    assert_eq!(
        others,
        [
            ("lr0 0.005", Verdict::Crawl),
            ("lr0 0.5", Verdict::Diverging)
        ]
    );
    assert!(
        scene.readout.verdict.advice.is_none(),
        "the main run converged"
    );
}

#[test]
fn a_ghost_is_grey_pale_and_says_what_differed() {
    let mut s = Session::for_config(&Config::default());
    s.show_all();
    let pinned = Config::default().apply(Action::Pin(s.pin_query()));
    let moved = Config { lr0: 0.3, ..pinned };
    s.sync(&moved);
    let scene = scene(&s);
    let ghost = scene.loss.series.iter().find(|c| c.ghost).expect("a ghost");
    assert_eq!(ghost.color, GHOST);
    assert_ne!(GHOST, palette::PURPLE, "not the momentum line's colour");
    assert_eq!(ghost.label, "pinned: lr0 0.1");
    assert!(scene.landscape.paths.iter().any(|p| p.ghost));
    assert!(scene.run_bar.has_ghost);
}

#[test]
fn the_cursor_comes_from_the_url_and_is_clamped_to_what_is_shown() {
    let mut s = Session::for_config(&Config {
        at: 10,
        ..Config::default()
    });
    s.show_all();
    let scene = scene(&s);
    assert_eq!(scene.readout.values.iteration, 10);
    assert_eq!(scene.loss.cursor, Some(9));
    assert_eq!(scene.landscape.cursor, Some(9), "one snapshot per step");
    s.sync(&Config {
        at: 10_000,
        ..Config::default()
    });
    assert_eq!(self::scene(&s).run_bar.shown, Some(99));
}

#[test]
fn the_loss_read_out_is_the_smoothed_line_not_the_last_minibatch() {
    let mut s = Session::for_config(&moons());
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    let scene = scene(&s);
    let series = &scene.loss.series[0];
    let beta = stride::state::runs::session::smoothing(s.slots[0].run.total_iterations());
    let smooth = stride::engine::smooth::smoothed(&series.raw, beta);
    assert_eq!(
        series.smooth.as_ref(),
        Some(&smooth),
        "the chart's solid line"
    );
    let shown = scene.readout.values.loss.expect("a loss");
    assert_eq!(shown, *smooth.last().expect("values"));
    assert_ne!(shown, f64::from(*series.raw.last().expect("values")));
}

#[test]
fn adam_gets_no_stability_marks() {
    let s = Session::for_config(&Config {
        optimizer: OptKind::Adam,
        ..Config::default()
    });
    assert!(scene(&s).marks.is_empty());
}

#[test]
fn the_limit_mark_is_in_lr0_units_when_a_step_sums_many_gradients() {
    // The line's exact valley, full batch: the mark is 2/λmax itself.
    let plain = Session::for_config(&Config::default());
    let limit = |s: &Session| {
        scene(s)
            .marks
            .iter()
            .find(|m| m.class == "critical")
            .map(|m| m.value)
            .expect("a limit")
    };
    let base = limit(&plain);
    // Batch 16 of the line's data with nbs 64 sums 4 minibatch gradients per step; Ultralytics'
    // loss × batch multiplies each by 16 more: lr0 meets the curvature 4× and 64× harder.
    let accumulated = Config {
        batch: 16,
        nbs: 64,
        ..Config::default()
    };
    let scaled = Config {
        loss_scale: stride::engine::run::LossScale::Batch,
        ..accumulated.clone()
    };
    let (a, b) = (
        Session::for_config(&accumulated),
        Session::for_config(&scaled),
    );
    assert!(
        (limit(&a) * 4.0 - base).abs() < 1e-9 * base,
        "{} vs {base}",
        limit(&a)
    );
    assert!(
        (limit(&b) * 64.0 - base).abs() < 1e-9 * base,
        "{} vs {base}",
        limit(&b)
    );
    let marks = scene(&b).marks;
    let title = &marks
        .iter()
        .find(|m| m.class == "critical")
        .expect("a limit")
        .title;
    assert!(
        title.contains("divided by 64: here the loss is added up")
            && title.contains("each step is 64 times as long"),
        "{title}"
    );
}

#[test]
fn a_network_shows_its_boundary_accuracy_and_a_live_landscape() {
    let mut s = Session::for_config(&moons());
    let mut cache = SceneCache::default();
    let scene = Scene::build(&s, &mut cache, 0.0);
    assert!(
        scene.landscape.backdrop.is_some(),
        "a landscape while it trains"
    );
    assert!(scene.landscape.caption.contains("random"));
    assert!(
        !scene.landscape.caption.contains("×"),
        "no minimum is drawn"
    );
    let b = scene
        .boundary
        .clone()
        .expect("moons are points of the plane");
    assert_eq!(b.prob.len(), SceneCache::BOUNDARY_SIDE.pow(2));
    assert!(scene.readout.values.accuracy.is_none(), "no epoch yet");
    // The boundary is reused while the weights stay.
    let again = Scene::build(&s, &mut cache, 1.0);
    assert!(Rc::ptr_eq(&b, again.boundary.as_ref().expect("boundary")));
    let nb = s.config.batches_per_epoch();
    s.tick(nb, f64::INFINITY, 0.0, &clock());
    let scene = Scene::build(&s, &mut cache, 2.0);
    assert!(
        scene.readout.values.accuracy.is_some(),
        "after the first epoch"
    );
    assert!(!Rc::ptr_eq(&b, scene.boundary.as_ref().expect("boundary")));
    assert_eq!(scene.readout.values.epoch, Some(1));
    // The accuracy says which examples it is measured on, and is that measure.
    let first = &s.slots[0].run.epochs[0];
    let (on, acc) = match first.val_accuracy {
        Some(v) => ("validation", v),
        None => ("training", first.train_accuracy),
    };
    assert_eq!(scene.readout.values.accuracy_on, on);
    assert_eq!(scene.readout.values.accuracy, Some(acc));
    // On the line every step is a whole epoch: only the iteration is shown.
    let mut line = Session::for_config(&Config::default());
    line.show_all();
    let values = Scene::build(&line, &mut SceneCache::default(), 0.0)
        .readout
        .values;
    assert_eq!((values.iteration, values.epoch), (100, None));
}

#[test]
fn a_filling_landscape_is_redrawn_a_few_times_a_second_not_every_frame() {
    let mut s = Session::for_config(&Config {
        random_dirs: true,
        ..moons()
    });
    let mut cache = SceneCache::default();
    let a = Scene::build(&s, &mut cache, 0.0)
        .landscape
        .backdrop
        .expect("partial");
    s.landscape.fill(2.0, &clock());
    assert!(s.landscape.filling());
    let b = Scene::build(&s, &mut cache, 50.0)
        .landscape
        .backdrop
        .expect("partial");
    assert!(Rc::ptr_eq(&a, &b), "within 125 ms the same picture");
    let c = Scene::build(&s, &mut cache, 50.0 + SceneCache::FILL_EVERY_MS)
        .landscape
        .backdrop
        .expect("partial");
    assert!(!Rc::ptr_eq(&a, &c), "then the newer grid");
    s.landscape.fill(f64::INFINITY, &|| 0.0);
    let done = Scene::build(&s, &mut cache, 60.0)
        .landscape
        .backdrop
        .expect("done");
    assert!(
        !done.contours.is_empty(),
        "the finished picture shows at once"
    );
}

#[test]
fn a_lesson_of_two_runs_draws_the_other_schedule_and_both_losses() {
    let s = Session::for_config(&Preset::CosineVsLinear.config());
    let scene = scene(&s);
    let [other] = &scene.schedule.references[..] else {
        panic!("one reference schedule")
    };
    assert_eq!(other.label, "linear");
    assert_eq!(
        other.color, scene.loss.series[1].color,
        "in the other run's colour"
    );
    assert_eq!(other.settings.total, scene.schedule.settings.total);
    assert_ne!(other.settings, scene.schedule.settings);
    assert!(scene.schedule.warmup > 0);
    assert_eq!(scene.loss.series.len(), 2);
    assert_eq!(run_color(1, 2, false), palette::ORANGE);
    assert_eq!(scene.landscape.legend.len(), 2, "two paths, named");
}

#[test]
fn the_smoothed_loss_kept_as_a_run_grows_equals_smoothing_it_whole() {
    // The slot extends its smoothed loss frame by frame, and starts again when a long run thins
    // its records; at every frame it must equal smoothing the records from scratch, so the
    // verdict, the read-out and the chart (which all read it) say the same as before.
    let mut s = Session::for_config(&Config {
        epochs: 400,
        batch: 8,
        nbs: 8,
        ..moons()
    });
    let clock = clock();
    let mut strides = std::collections::BTreeSet::new();
    for _ in 0..40 {
        s.tick(700, f64::INFINITY, 0.0, &clock);
        let slot = &s.slots[0];
        let raw: Vec<f32> = slot
            .run
            .records_upto(usize::MAX)
            .iter()
            .map(|r| r.loss)
            .collect();
        let beta = stride::state::runs::session::smoothing(slot.run.total_iterations());
        let whole = stride::engine::smooth::smoothed(&raw, beta);
        assert_eq!(&*slot.smoothed(raw.len()), &whole[..]);
        assert_eq!(&*slot.smoothed(raw.len() / 2), &whole[..raw.len() / 2]);
        strides.insert(slot.run.stride());
    }
    assert!(
        strides.len() > 1,
        "the run thinned its records: {strides:?}"
    );
}

#[test]
fn views_kept_between_frames_equal_views_built_afresh() {
    // The cache keeps the slider marks, the sweep and the gradient chart until what they are
    // drawn from changes: frame after frame, and across an lr0 change and a new sweep, the
    // scene it gives must be the one a fresh cache gives.
    let mut s = Session::for_config(&Config {
        grad: true,
        sweep: true,
        ..moons()
    });
    let mut kept = SceneCache::default();
    let clock = clock();
    s.command(Command::Sweep, &|| 0.0);
    for frame in 0..12 {
        if frame == 6 {
            let next = s.config.apply(Action::SetLr(0.05));
            s.sync(&next);
        }
        s.tick(7, f64::INFINITY, 0.0, &clock);
        if let Some(sweep) = s.sweep.as_mut() {
            // A few milliseconds of the page-side sweep per frame, on a clock that counts calls.
            let tick = crate::common::clock();
            sweep.work(40.0, &tick);
        }
        let fresh = scene(&s);
        let cached = Scene::build(&s, &mut kept, 0.0);
        assert_eq!(cached.marks, fresh.marks, "frame {frame}");
        assert_eq!(cached.sweep, fresh.sweep, "frame {frame}");
        assert_eq!(cached.grad, fresh.grad, "frame {frame}");
        assert!(fresh.grad.is_some() && fresh.sweep.is_some());
    }
}

/// A regression has no accuracy to read out, so the read-outs leave it out rather than show a
/// dash for ever; a classifier keeps it.
#[test]
fn accuracy_is_read_out_only_where_the_task_classifies() {
    for (task, classifies) in [
        (Task::Line, false),
        (Task::Sine, false),
        (Task::Digits, true),
    ] {
        let s = Session::for_config(&Config {
            task,
            ..Config::default()
        });
        assert_eq!(scene(&s).readout.values.classifies, classifies, "{task:?}");
    }
}

/// A lesson's claim is about its own run: once the learner changes lr0 or another setting, the
/// page says so beside the claim, with the lesson's lr0 and the way back (a student read "no
/// step overshoots" beside the diverging run of the lr0 they had typed). On the lesson's own
/// settings, and on every lesson as it opens, nothing is added.
#[test]
fn a_lesson_whose_settings_were_changed_says_its_claim_is_about_its_own_run() {
    let finished = |c: &Config| {
        let mut s = Session::for_config(c);
        s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
        scene(&s).lesson.expect("the lesson's words")
    };
    for p in Preset::ALL {
        let own = Config {
            predict: false,
            ..p.config()
        };
        assert_eq!(finished(&own).changed, None, "{}", p.name());
    }
    let own = Config {
        predict: false,
        ..Preset::JustRight.config()
    };
    let typed = own.clone().apply(Action::SetLr(2.0));
    let note = finished(&typed).changed.expect("a note");
    assert!(note.contains("lr0 to 2 (the lesson's is 0.2)"), "{note}");
    // The way back, the button beside the note, restores the lesson's run and its question.
    let back = typed.apply(Action::Preset(typed.preset));
    assert_eq!(back.bare(), Preset::JustRight.config().bare());
    let mut s = Session::for_config(&Preset::JustRight.config());
    s.command(Command::Predict(None), &clock());
    s.sync(&Preset::JustRight.config().apply(Action::SetLr(2.0)));
    assert_eq!(
        s.prediction,
        Prediction::Off,
        "a new lr0 drops the question"
    );
    s.sync(&s.config.apply(Action::Preset(Some(Preset::JustRight))));
    assert_eq!(
        s.prediction,
        Prediction::Asking,
        "back on the lesson's run, it asks again"
    );
    assert_eq!(s.shown(0), 0, "and the run waits for the answer");
    let longer = own.apply(Action::Set(Key::Epochs, "30".into()));
    let note = finished(&longer).changed.expect("a note");
    // What changed, by name and value (a teacher changed the seed and was not told the claim
    // was the lesson's seed's).
    assert!(
        note.starts_with(&format!(
            "You changed epochs {} → 30: the sentence above is about the lesson's own run",
            own.epochs
        )),
        "{note}"
    );
    let moved = own
        .apply(Action::Set(Key::Seed, "3".into()))
        .apply(Action::Set(Key::Epochs, "30".into()))
        .apply(Action::Set(Key::Batch, "8".into()))
        .apply(Action::Set(Key::Noise, "0.5".into()));
    let note = finished(&moved).changed.expect("a note");
    assert_eq!(note.matches(" → ").count(), 3, "{note}");
    assert!(note.contains(", and 1 more:"), "{note}");
    let seeded = own.apply(Action::Set(Key::Seed, "3".into()));
    let note = finished(&seeded).changed.expect("a note");
    assert!(
        note.starts_with(&format!("You changed seed {} → 3:", own.seed)),
        "{note}"
    );
    // A switch reads in words (a student read "compare 0 → 1" as code).
    let compared = own.apply(Action::Set(Key::Compare, "1".into()));
    let note = finished(&compared).changed.expect("a note");
    assert!(note.starts_with("You changed compare off → on:"), "{note}");
    // Under optimizer=auto lr0 changes nothing, and the note says so, and what would use it.
    let auto = Config {
        predict: false,
        ..Preset::UltralyticsDefaults.config()
    };
    assert_eq!(auto.optimizer, OptKind::Auto);
    let typed = auto.apply(Action::SetLr(0.1));
    assert!(typed.same_runs(&auto), "auto's run ignores lr0");
    let note = finished(&typed).changed.expect("a note");
    assert!(
        note.contains("optimizer=auto ignores your lr0 0.1") && note.contains("Settings"),
        "{note}"
    );
}

/// Beside other runs' badges, the main run's badge names its run too (a teacher could not tell
/// whose CONVERGING it was); alone, it needs no name.
#[test]
fn the_main_runs_badge_names_its_run_beside_others() {
    let two = Session::for_config(&Config {
        predict: false,
        ..Preset::Clipping.config()
    });
    let r = scene(&two).readout;
    assert_eq!(r.main.as_deref(), Some(two.slots[0].label.as_str()));
    assert!(!r.others.is_empty());
    let one = Session::for_config(&Config::default());
    assert_eq!(scene(&one).readout.main, None);
}

#[test]
fn every_other_runs_badge_has_its_reason_for_the_open_verdict() {
    let s = crate::common::finished(&Preset::Clipping.config());
    let readout = scene(&s).readout;
    assert_eq!(readout.others.len(), readout.others_why.len());
    for (k, why) in readout.others_why.iter().enumerate() {
        assert_eq!(why, &s.report(k + 1).why, "run {}", k + 1);
        assert!(!why.is_empty());
    }
}

/// A loss is written one way wherever it appears: three significant figures, trailing zeros
/// kept, scientific below 0.001 (a student met one run's loss as 0.0228 in the read-out,
/// 0.023 in the other run's verdict and 0.018 in the lesson's result).
#[test]
fn a_loss_reads_the_same_in_the_read_out_and_the_verdicts() {
    use stride::engine::stability::fmt_loss;
    for (loss, text) in [
        (0.02283, "0.0228"),
        (0.01796, "0.0180"),
        (0.4, "0.400"),
        (1.1834, "1.18"),
        (0.099_96, "0.100"),
        (12.345, "12.3"),
        (2.5e-5, "2.50e-5"),
    ] {
        assert_eq!(fmt_loss(loss), text, "{loss}");
    }
    // Warmup's lesson: the run without warmup stalls, and its verdict names the warmed-up
    // run's loss as the read-out shows it.
    let (config, _) = stride::state::parse_query("preset=warmup&predict=0");
    let mut s = Session::for_config(&config);
    s.tick(usize::MAX, f64::INFINITY, 0.0, &crate::common::clock());
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let shown = fmt_loss(scene.readout.values.loss.expect("a loss"));
    let other = s.report(1);
    assert_eq!(
        other.verdict,
        stride::state::lessons::verdict::Verdict::Stalled
    );
    assert!(
        other.why.contains(&format!("down to {shown},")),
        "the read-out's {shown} in: {}",
        other.why
    );
}

/// Where warmup ends below lr0 (Ultralytics' straight-line decay has already lowered the rate),
/// the schedule's caption says so with both numbers: a student read "peak at 0.00162" beside
/// "AdamW at 0.00167" with nothing saying which is which. Without warmup it says nothing more.
#[test]
fn the_schedule_says_why_warmup_peaks_below_lr0() {
    for (query, lr0, peak) in [
        (
            "preset=ultralytics-defaults&predict=0",
            "auto's rate 0.00167",
            "0.00162",
        ),
        ("preset=warmup&predict=0", "lr0 0.3", "0.181"),
    ] {
        let s = Session::for_config(&stride::state::parse_query(query).0);
        let text = Scene::build(&s, &mut SceneCache::default(), 0.0)
            .schedule
            .summary();
        assert!(
            text.contains(&format!("peak at {peak}"))
                && text.contains(&format!("never reach {lr0}: by the end of warmup")),
            "{query}: {text}"
        );
    }
    let s = Session::for_config(&Config::default());
    let text = Scene::build(&s, &mut SceneCache::default(), 0.0)
        .schedule
        .summary();
    assert!(!text.contains("never reach"), "{text}");
}

/// The clipping lesson's "why" says lr0 0.05 is below the slider's limit at start and plain
/// SGD's, and that the unclipped run still flies off: both are true of the page.
#[test]
fn clipping_blows_up_below_both_limits_read_at_the_start() {
    let (config, _) = stride::state::parse_query("preset=clipping&predict=0");
    let detail = Preset::Clipping.entry().detail;
    assert!(detail.contains(
        "lr0 0.05 is below the slider's limit at start, and below plain SGD's limit without momentum too"
    ));
    assert_eq!(config.lr0, 0.05);
    let mut s = Session::for_config(&config);
    let marks = stride::state::scene::marks(&config, s.curvature);
    for class in ["critical", "plain"] {
        let m = marks
            .iter()
            .find(|m| m.class == class)
            .expect("a limit mark");
        assert!(
            m.value > config.lr0,
            "{class} {} vs {}",
            m.value,
            config.lr0
        );
    }
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    let unclipped = (0..s.slots.len())
        .find(|&k| !s.slots[k].config.clip)
        .expect("an unclipped run");
    assert_eq!(s.report(unclipped).verdict, Verdict::Diverging);
    // The claim says the clipped run's loss still swings, as its badge does.
    let clipped = (0..s.slots.len())
        .find(|&k| s.slots[k].config.clip)
        .expect("a clipped run");
    assert_eq!(s.report(clipped).verdict, Verdict::Oscillating);
    assert!(
        Preset::Clipping
            .claim()
            .contains("it trains, its loss swinging")
    );
}

/// Where runs are compared, the read-outs say whose numbers they are: the main run's name and
/// its colour on the charts. A single run needs neither.
#[test]
fn the_read_outs_name_their_run_where_runs_are_compared() {
    let s = Session::for_config(&stride::state::parse_query("preset=warmup&predict=0").0);
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let (name, color) = scene.readout.values.run.expect("whose numbers");
    assert_eq!(name, s.slots[0].label);
    assert_eq!(scene.readout.main.as_deref(), Some(name.as_str()));
    assert_eq!(color, run_color(0, s.slots.len(), false));
    let one = Session::for_config(&Config::default());
    assert!(
        Scene::build(&one, &mut SceneCache::default(), 0.0)
            .readout
            .values
            .run
            .is_none()
    );
}

/// The limit mark's tip says why momentum moved the limit, each way: the heavy ball of the
/// momentum lesson raises it, the warmup lesson's Nesterov lowers it, and the label alone
/// (cut short on a phone) does not say why.
#[test]
fn the_limit_mark_says_why_momentum_raises_it_and_nesterov_lowers_it() {
    use stride::state::Preset;
    let tip = |p: Preset| {
        let c = p.config();
        let s = Session::for_config(&c);
        let marks = stride::state::scene::marks(&c, s.curvature);
        let limit = marks
            .iter()
            .find(|m| m.class == "critical")
            .expect("a limit")
            .clone();
        let plain = marks
            .iter()
            .find(|m| m.class == "plain")
            .expect("the plain limit")
            .value;
        (limit, plain)
    };
    let (heavy, plain) = tip(Preset::Momentum);
    assert!(heavy.value > plain && heavy.label.contains("raises it"));
    assert!(
        heavy.title.contains("a larger rate stays stable"),
        "{}",
        heavy.title
    );
    let (nesterov, plain) = tip(Preset::Warmup);
    assert!(nesterov.value < plain && nesterov.title.contains("Nesterov 0.9 lowers it"));
    assert!(
        nesterov.title.contains("meets the rise sooner"),
        "{}",
        nesterov.title
    );
}

/// Where the loss chart counts epochs (runs of different batches side by side), the schedule
/// counts epochs too, and its caption says whose, and how many iterations make one; elsewhere
/// it says nothing of it.
#[test]
fn a_schedule_under_an_epoch_axis_says_whose_iterations_it_counts() {
    let s = Session::for_config(&Config {
        predict: false,
        ..Preset::BatchScaling.config()
    });
    let built = scene(&s);
    assert!(built.loss.epochs, "the batch lesson's loss counts epochs");
    let nb = s.slots[0].run.batches_per_epoch();
    assert!(
        built.schedule.summary().contains(&format!(
            "counts epochs, as the runs' batches differ (the first run's epoch is {nb} iterations)"
        )),
        "{}",
        built.schedule.summary()
    );
    assert_eq!(built.schedule.per_epoch, Some(nb));
    let one = scene(&Session::for_config(&Config::default()));
    assert!(!one.loss.epochs && !one.schedule.summary().contains("iterations each"));
    assert_eq!(one.schedule.per_epoch, None);
}

/// On the long valley of SGD vs Adam even the best fixed rate crawls in the run, as its badge
/// says: the slider's mark says so, and not "try"; on the line's valley it is a rate to try.
#[test]
fn the_try_mark_says_when_even_it_crawls() {
    let label = |c: &Config| {
        let s = Session::for_config(c);
        scene(&s)
            .marks
            .iter()
            .find(|m| m.class == "try")
            .map(|m| (m.label.clone(), m.value))
            .expect("a try mark")
    };
    let sgd = Config {
        predict: false,
        optimizer: OptKind::Sgd,
        ..Preset::SgdVsAdam.config()
    };
    let (text, t) = label(&sgd);
    // Beside Adam's run, the marks say they are SGD's: a student met "limit 0.00726" beside
    // Adam training best at 0.3.
    assert!(
        text.starts_with("SGD least slow "),
        "not a rate to try: {text}"
    );
    let marks = scene(&Session::for_config(&sgd)).marks;
    let mark = |class: &str| marks.iter().find(|m| m.class == class).expect("a mark");
    let limit = &mark("critical").label;
    assert!(limit.starts_with("SGD limit "), "{limit}");
    // The try mark's tip says "gets furthest" once (a student read "this one gets furthest…
    // it gets furthest").
    let tip = &mark("try").title;
    assert_eq!(tip.matches("furthest").count(), 1, "{tip}");
    // Alone, a run's marks need no owner.
    let alone = scene(&Session::for_config(&Config {
        preset: None,
        ..sgd.clone()
    }));
    assert!(
        alone.marks.iter().all(|m| !m.label.starts_with("SGD ")),
        "{:?}",
        alone.marks
    );
    let mut s = Session::for_config(&Config {
        lr0: t,
        ..sgd.clone()
    });
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    assert_eq!(s.report(0).verdict, Verdict::Crawl, "its badge says crawl");
    assert_eq!(label(&Config::default()).0, "try 0.21");
}

/// The loss chart draws an iteration where the words count it: the too-high step's verdict
/// says the loss exploded at iteration N, and the chart's dashed line stands at N (a student
/// read 20 in the verdict and saw the line at 19); its last point is the read-out's iteration.
#[test]
fn the_loss_chart_counts_iterations_as_the_words_do() {
    let s = crate::common::finished(&stride::state::Preset::TooHigh.config());
    let scene =
        stride::state::Scene::build(&s, &mut stride::state::scene::SceneCache::default(), 0.0);
    let why = s.report(0).why;
    let n: f64 = why
        .split("exploded at iteration ")
        .nth(1)
        .and_then(|r| r.trim_end_matches('.').parse().ok())
        .unwrap_or_else(|| panic!("an iteration in: {why}"));
    let main = scene.loss.series.iter().find(|s| !s.ghost).expect("a run");
    let step = main.diverged_at.expect("it diverged");
    assert_eq!(main.x(step, false), n, "{why}");
    let last = main.raw.len() - 1;
    assert_eq!(
        main.x(last, false),
        scene.readout.values.iteration as f64,
        "the line ends at the read-out's iteration"
    );
}

/// A path that runs off the 2-D map says so under it, as the 3-D view does; one that stays on
/// it says nothing (a student at lr0 5 saw the path vanish off the edge with nothing said).
#[test]
fn the_map_says_when_the_path_runs_off_its_edge() {
    let caption = |lr0: f64| {
        let s = crate::common::finished(&Config {
            lr0,
            ..Config::default()
        });
        let mut cache = SceneCache::default();
        let scene = Scene::build(&s, &mut cache, 0.0);
        scene.landscape.caption.clone()
    };
    assert!(
        caption(5.0).contains("ran off the map's edge"),
        "{}",
        caption(5.0)
    );
    assert!(!caption(0.1).contains("ran off"), "{}", caption(0.1));
}

/// Under Adam the read-out's momentum is named β₁, a term with a tip, not "momentum": a student
/// read "auto ignores momentum" beside "momentum 0.900" under AdamW. SGD's stays momentum.
#[test]
fn adams_momentum_is_named_beta_one() {
    for (preset, name) in [
        (Preset::UltralyticsDefaults, "β₁"),
        (Preset::Momentum, "momentum"),
    ] {
        let s = crate::common::finished(&Config {
            predict: false,
            ..preset.config()
        });
        let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
        let values = &scene.readout.values;
        assert!(values.has_momentum, "{preset:?}");
        assert_eq!(values.momentum_name, name, "{preset:?}");
        assert!(
            stride::state::lessons::glossary::lookup(name).is_some(),
            "{name}"
        );
    }
}

/// A lesson that chose its lr0 for what it shows (a schedule, a batch, a recipe) shows no rate
/// to try beside it on the slider, until the learner sets a rate of their own: a student met
/// the cosine step's run at 0.02 under "try 0.316" and asked which to believe. The lessons
/// about the rate itself keep it (too low: "fifty times below the slider's try mark").
#[test]
fn only_the_lessons_about_the_rate_show_a_rate_to_try_beside_their_own() {
    let try_mark = |c: &Config| {
        let mut s = Session::for_config(c);
        s.command(Command::Sweep, &|| 0.0);
        s.sweep
            .as_mut()
            .expect("a sweep")
            .work(f64::INFINITY, &|| 0.0);
        scene(&s)
            .marks
            .iter()
            .find(|m| m.class == "try")
            .map(|m| m.value)
    };
    for p in Preset::ALL.into_iter().filter(|p| !p.about_the_rate()) {
        let own = Config {
            predict: false,
            ..p.config()
        };
        assert_eq!(
            try_mark(&own),
            None,
            "{}: a try mark beside the lesson's own lr0",
            p.name()
        );
        let yours = Config {
            lr0: own.lr0 * 3.0,
            ..own.clone()
        };
        assert!(
            try_mark(&yours).is_some() || p.config().optimizer == OptKind::Auto,
            "{}: no try mark once lr0 is the learner's",
            p.name()
        );
    }
    let too_low = Config {
        predict: false,
        ..Preset::TooLow.config()
    };
    assert!(Preset::TooLow.about_the_rate());
    assert_eq!(
        try_mark(&too_low)
            .map(stride::engine::stability::fmt_lr)
            .as_deref(),
        Some("0.21")
    );
}

/// A run the verdict calls a good rate, beside a try mark at another rate, says what the mark
/// is (a student met "A good rate" for the momentum step's 0.22 beside "try 0.0684").
#[test]
fn a_good_rate_beside_another_try_mark_says_what_the_mark_is() {
    let config = Config {
        predict: false,
        ..Preset::Momentum.config()
    };
    let s = crate::common::finished(&config);
    let built = scene(&s);
    let why = &built.readout.verdict.why;
    let mark = built
        .marks
        .iter()
        .find(|m| m.class == "try")
        .expect("a try mark");
    assert!(why.contains("settles at the bottom"), "{why}");
    assert!(
        why.contains(&format!(
            "The slider's try mark is {}: ",
            stride::engine::stability::fmt_lr(mark.value)
        )),
        "{why}"
    );
    // At the mark's own rate, nothing is added.
    let at_mark = crate::common::finished(&Config {
        lr0: mark.value,
        ..config
    });
    assert!(
        !scene(&at_mark)
            .readout
            .verdict
            .why
            .contains("The slider's try mark")
    );
}

/// The read-out says the rate is warming up while it is (a teacher's class would read "lr 0"
/// at iteration 0 as a bug), and not once warmup is over, nor on a run without warmup.
#[test]
fn the_read_out_says_when_the_rate_is_warming_up() {
    use stride::state::scene::Readout;
    let c = Config {
        predict: false,
        ..Preset::Warmup.config()
    };
    let s = crate::common::finished(&c);
    let warmup = stride::state::plan::warmup_iters(&c);
    assert!(warmup > 0);
    let start = Readout::build(&s, None).values;
    assert!(start.warming && start.lr == Some(0.0), "{start:?}");
    assert!(Readout::build(&s, Some(warmup - 2)).values.warming);
    let after = Readout::build(&s, Some(warmup)).values;
    assert!(
        !after.warming && after.lr.is_some_and(|l| l > 0.0),
        "{after:?}"
    );
    let plain = Session::for_config(&Config::default());
    assert!(!Readout::build(&plain, None).values.warming);
}
