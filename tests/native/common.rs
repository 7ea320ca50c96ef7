//! Helpers shared by the session tests.
#![allow(dead_code)]

use std::cell::Cell;

use stride::engine::data::Toy;
use stride::state::{Config, Task};

/// A clock that moves one millisecond per reading: a frame's budget runs out after a fixed
/// number of steps, whatever the machine.
pub fn clock() -> impl Fn() -> f64 {
    let t = Cell::new(0.0);
    move || {
        t.set(t.get() + 1.0);
        t.get()
    }
}

/// The MLP on moons: 30 epochs of batch 16 at a small rate with momentum.
pub fn moons() -> Config {
    Config {
        task: Task::Toy(Toy::Moons),
        epochs: 30,
        batch: 16,
        nbs: 16,
        lr0: 1e-4,
        momentum: 0.9,
        ..Config::default()
    }
}

/// Spirals at the common defaults, not their own: full batches of 256 without momentum, with
/// noise 0.3 blurring the arms. No rate learns that in 100 epochs of two minibatches.
pub fn spirals_unlearnable() -> Config {
    Config {
        task: Task::Toy(Toy::Spirals),
        noise: 0.3,
        ..Config::default()
    }
}

/// A session of `config` with every run trained to the end and shown whole.
pub fn finished(config: &Config) -> stride::state::runs::session::Session {
    let mut s = stride::state::runs::session::Session::for_config(config);
    s.show_all();
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    s
}

/// Ultralytics' SGD settings on the line at `lr0`, with the biases' first warmup rate
/// `warmup_bias_lr`: momentum 0.937, 3 warmup epochs, batch 16 summed into steps of nbs 64,
/// and the loss × batch. The YOLO users' setting in several tests.
pub fn yolo_line(lr0: f64, warmup_bias_lr: f64) -> Config {
    Config {
        optimizer: stride::state::OptKind::Sgd,
        lr0,
        momentum: 0.937,
        warmup_bias_lr,
        warmup_epochs: 3.0,
        nbs: 64,
        batch: 16,
        loss_scale: stride::engine::run::LossScale::Batch,
        predict: false,
        ..Config::default()
    }
}

/// A session of `config` whose LR sweep has run to the end, frame by frame.
pub fn swept(config: &Config) -> stride::state::runs::session::Session {
    use stride::state::runs::session::{Command, Session};
    let mut s = Session::for_config(config);
    s.command(Command::Sweep, &|| 0.0);
    for _ in 0..200_000 {
        if s.sweep
            .as_ref()
            .is_some_and(stride::state::runs::sweep::Sweep::finished)
        {
            break;
        }
        s.frame(&clock());
    }
    s
}

/// The runs of `s`'s LR sweep, lowest rate first.
pub fn sweep_points(
    s: &stride::state::runs::session::Session,
) -> Vec<stride::state::runs::sweep::SweepPoint> {
    s.sweep
        .as_ref()
        .expect("a sweep")
        .points
        .iter()
        .flatten()
        .copied()
        .collect()
}

/// The slider's mark of CSS class `class` in `scene` ("critical" is the stable limit's).
pub fn slider_mark<'a>(
    scene: &'a stride::state::Scene,
    class: &str,
) -> &'a stride::state::scene::Mark {
    scene
        .marks
        .iter()
        .find(|m| m.class == class)
        .unwrap_or_else(|| panic!("the slider's {class} mark"))
}

/// The slider's stable-limit mark in `scene`, in lr0's units.
pub fn slider_limit(scene: &stride::state::Scene) -> f64 {
    slider_mark(scene, "critical").value
}

/// Each shared real Ultralytics run's folder (`../shared/data/ultralytics-runs/<version>/<run>`,
/// or under `STRIDE_SHARED`), sorted; `None`, saying so, when the shared data is not beside the
/// clone, where the real-run checks are skipped.
pub fn shared_runs() -> Option<Vec<std::path::PathBuf>> {
    use std::path::{Path, PathBuf};
    let shared = std::env::var_os("STRIDE_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    );
    let root = shared.join("data/ultralytics-runs");
    let Ok(versions) = std::fs::read_dir(&root) else {
        eprintln!(
            "SKIPPED: {} is missing; the real-run checks need shared/ beside the clone.",
            root.display()
        );
        return None;
    };
    let mut dirs: Vec<PathBuf> = versions
        .flatten()
        .filter(|v| v.path().is_dir())
        .flat_map(|v| {
            std::fs::read_dir(v.path())
                .into_iter()
                .flatten()
                .flatten()
                .map(|r| r.path())
        })
        .filter(|r| r.join("results.csv").exists())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 5,
        "expected the five shared runs, found {dirs:?}"
    );
    Some(dirs)
}

/// The shared run `name` ("8.4.190/c_auto"), or `None` where the shared data is missing.
pub fn shared_run(name: &str) -> Option<std::path::PathBuf> {
    let dirs = shared_runs()?;
    let found = dirs.iter().find(|d| d.ends_with(name)).cloned();
    Some(found.unwrap_or_else(|| panic!("no shared run {name} in {dirs:?}")))
}
