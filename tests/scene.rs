//! The Scene: what the page shows, decided natively from the session.

use std::cell::Cell;

use stride::charts::palette;
use stride::engine::data::Toy;
use stride::engine::stability::Regime;
use stride::state::scene::{GHOST, SceneCache, run_color};
use stride::state::session::Command;
use stride::state::{Config, Preset, Scene, Session, Task};

fn fake_clock() -> impl Fn() -> f64 {
    let t = Cell::new(0.0);
    move || {
        t.set(t.get() + 1.0);
        t.get()
    }
}

fn moons() -> Config {
    Config {
        task: Task::Toy(Toy::Moons),
        epochs: 3,
        batch: 32,
        nbs: 32,
        ..Config::default()
    }
}

#[test]
fn the_default_page_shows_the_whole_line_run_its_floor_and_both_marks() {
    let s = Session::for_config(&Config::default());
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    assert_eq!(scene.run_bar.iteration, 100);
    assert_eq!(scene.run_bar.shown, Some(99), "the latest iteration");
    assert_eq!(scene.readout.values.iteration, 100);
    assert_eq!(scene.readout.verdict.regime, Regime::Converging);
    assert_eq!(scene.loss.series.len(), 1);
    assert_eq!(scene.loss.series[0].raw.len(), 100);
    assert!(
        scene.loss.floor.is_some(),
        "the lowest loss possible is known"
    );
    let path = &scene.landscape.paths[0].path;
    assert_eq!(path.first(), Some(&(-1.0, 0.0)));
    assert_eq!(path.len(), 101);
    assert!(scene.landscape.backdrop.is_some() && scene.landscape.progress == 1.0);
    assert!(scene.landscape.summary.contains("(w -1.00, b 0.00)"));
    assert!(scene.boundary.is_none(), "a line has no decision boundary");
    let names: Vec<&str> = scene.marks.iter().map(|m| m.class).collect();
    assert_eq!(names, ["best", "critical"]);
    assert!(scene.marks[0].value < scene.marks[1].value);
    assert!(scene.readout.values.accuracy.is_none());
    assert_eq!(scene.schedule.settings.len(), 100);
}

#[test]
fn compare_mode_puts_the_main_run_first_and_reads_out_the_others() {
    let s = Session::for_config(&Config {
        lr0: 0.05,
        compare: true,
        ..Config::default()
    });
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let labels: Vec<&str> = scene.loss.series.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["lr0 0.05", "lr0 5e-3", "lr0 0.5"]);
    assert_eq!(scene.loss.series[0].color, run_color(1, 3));
    assert_eq!(scene.landscape.paths[0].color, run_color(1, 3));
    let others: Vec<(&str, Regime)> = scene
        .readout
        .others
        .iter()
        .map(|(l, r)| (l.as_str(), *r))
        .collect();
    assert_eq!(
        others,
        [("lr0 5e-3", Regime::Crawl), ("lr0 0.5", Regime::Diverging)]
    );
    assert!(scene.readout.diverged.is_none(), "the main run converged");
}

#[test]
fn a_ghost_is_drawn_first_and_pale_in_its_own_colour() {
    let mut s = Session::for_config(&Config::default());
    s.command(Command::Pin, &fake_clock());
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    assert!(scene.loss.series[0].ghost && scene.loss.series[0].color == GHOST);
    assert!(scene.landscape.paths.iter().any(|p| p.ghost));
    assert!(scene.run_bar.has_ghost);
}

#[test]
fn the_cursor_moves_the_readouts_and_is_clamped_to_what_was_trained() {
    let mut s = Session::for_config(&Config::default());
    s.command(Command::Cursor(Some(9)), &fake_clock());
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    assert_eq!(scene.readout.values.iteration, 10);
    assert_eq!(scene.loss.cursor, Some(9));
    assert_eq!(scene.landscape.cursor, Some(9), "one snapshot per step");
    s.command(Command::Cursor(Some(10_000)), &fake_clock());
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    assert_eq!(scene.run_bar.shown, Some(99));
}

#[test]
fn a_network_shows_its_boundary_accuracy_and_why_its_landscape_waits() {
    let mut s = Session::for_config(&moons());
    let mut cache = SceneCache::default();
    let scene = Scene::build(&s, &mut cache, 0.0);
    assert!(scene.landscape.backdrop.is_none());
    assert!(
        scene.landscape.note.contains("PCA"),
        "{}",
        scene.landscape.note
    );
    let b = scene
        .boundary
        .clone()
        .expect("moons are points of the plane");
    assert_eq!(b.prob.len(), SceneCache::BOUNDARY_SIDE.pow(2));
    assert!(scene.readout.values.accuracy.is_none(), "no epoch yet");
    // The boundary is reused while the weights stay.
    let again = Scene::build(&s, &mut cache, 1.0);
    assert!(std::rc::Rc::ptr_eq(
        &b,
        again.boundary.as_ref().expect("boundary")
    ));
    let nb = s.config.batches_per_epoch();
    s.tick(nb, f64::INFINITY, 0.0, &fake_clock());
    let scene = Scene::build(&s, &mut cache, 2.0);
    assert!(
        scene.readout.values.accuracy.is_some(),
        "after the first epoch"
    );
    assert!(!std::rc::Rc::ptr_eq(
        &b,
        scene.boundary.as_ref().expect("boundary")
    ));
    assert_eq!(scene.readout.values.epoch, 1);
}

#[test]
fn a_filling_landscape_is_redrawn_a_few_times_a_second_not_every_frame() {
    let mut s = Session::for_config(&Config {
        random_dirs: true,
        ..moons()
    });
    let mut cache = SceneCache::default();
    let first = Scene::build(&s, &mut cache, 0.0)
        .landscape
        .backdrop
        .expect("partial");
    s.landscape.fill(f64::INFINITY, &|| 0.0);
    // Filled now, so the finished picture shows at once.
    let done = Scene::build(&s, &mut cache, 1.0)
        .landscape
        .backdrop
        .expect("done");
    assert!(!std::rc::Rc::ptr_eq(&first, &done));
    assert!(!done.contours.is_empty());

    let mut s = Session::for_config(&Config {
        random_dirs: true,
        ..moons()
    });
    let mut cache = SceneCache::default();
    let a = Scene::build(&s, &mut cache, 0.0)
        .landscape
        .backdrop
        .expect("partial");
    s.landscape.fill(2.0, &fake_clock());
    assert!(s.landscape.filling());
    let b = Scene::build(&s, &mut cache, 50.0)
        .landscape
        .backdrop
        .expect("partial");
    assert!(
        std::rc::Rc::ptr_eq(&a, &b),
        "within 125 ms the same picture"
    );
    let c = Scene::build(&s, &mut cache, 50.0 + SceneCache::FILL_EVERY_MS)
        .landscape
        .backdrop
        .expect("partial");
    assert!(!std::rc::Rc::ptr_eq(&a, &c), "then the newer grid");
}

#[test]
fn the_cosine_lesson_draws_the_other_decay_beside_its_own() {
    let s = Session::for_config(&Preset::CosineVsLinear.config());
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let (other, name) = scene.schedule.reference.expect("a reference schedule");
    assert_eq!(name, "other decay");
    assert_eq!(other.len(), scene.schedule.settings.len());
    assert_ne!(*other, *scene.schedule.settings);
    assert!(scene.schedule.warmup > 0);
    assert_eq!(palette::BLUE, run_color(0, 1));
}
