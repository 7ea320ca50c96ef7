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
