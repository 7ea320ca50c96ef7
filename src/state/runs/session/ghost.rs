//! The ghost: a pinned run kept to compare the next ones with. It lives in the URL as its own
//! settings (a query) and how far it ran, so a link shows it too; runs are deterministic, so
//! the same settings give the same ghost.

use super::Session;
use crate::engine::run::{Run, Status};
use crate::state::plan;
use crate::state::settings::config::Config;
use crate::state::settings::key::Key;
use crate::state::settings::params::{PARAMS, Section};
use crate::state::settings::url::{parse_query, to_query};

/// A pinned run: what of it is drawn, and, while it is still being trained, the run itself.
#[derive(Debug)]
pub struct Ghost {
    /// Its settings.
    pub config: Config,
    /// Loss of each iteration.
    pub losses: Vec<f32>,
    /// Validation loss per epoch, at the iteration where each ended.
    pub val: Vec<(usize, f64)>,
    /// Its path (two-weight tasks only: a network's planes differ from run to run).
    pub path: Vec<(f64, f64)>,
    /// Minibatches per epoch.
    pub per_epoch: usize,
    /// Iterations per loss (1 unless its history was thinned).
    pub stride: usize,
    /// The iteration it was pinned at, where that is before its run's end: its line stops
    /// there, and its legend says so (a teacher pinned a run mid-way and found its line ending
    /// at iteration 24, nothing saying why).
    pub cut: Option<usize>,
    /// The run while it trains, frame by frame, and the iteration it is pinned at.
    training: Option<(Box<Run>, usize)>,
}

/// The query that pins a run with settings `config` after `at` iterations.
pub fn pin_query(config: &Config, at: usize) -> String {
    let bare = Config {
        at,
        ..config.bare()
    };
    to_query(&bare)
}

/// Validation loss per epoch at the iteration where each epoch ended, up to iteration `upto`.
pub fn validation_points(run: &Run, upto: usize) -> Vec<(usize, f64)> {
    let nb = run.batches_per_epoch();
    run.epochs
        .iter()
        .enumerate()
        .filter_map(|(e, r)| r.val_loss.map(|v| ((e + 1) * nb, v)))
        .filter(|&(k, _)| k <= upto)
        .collect()
}

impl Ghost {
    /// The ghost `config.ghost` names, taken from the session's first run when it is that run;
    /// else a new run of its settings. A two-weight task's is trained here, as its runs are
    /// (microseconds); a network's only starts here, and trains a few milliseconds a frame
    /// ([`Ghost::train`]), so a link with a long ghost still draws its first picture at once.
    /// `None` without a ghost, or for one of another task.
    pub fn for_config(config: &Config, session: &Session) -> Option<Ghost> {
        if config.ghost.is_empty() {
            return None;
        }
        let (mut g, _) = parse_query(&config.ghost);
        let at = std::mem::take(&mut g.at);
        g.ghost.clear();
        if g.task != config.task {
            return None;
        }
        let live = session
            .slots
            .first()
            .filter(|s| s.config.bare() == g.bare() && session.shown(0) >= at);
        // Pinned at 0: the whole run.
        let target = if at == 0 { usize::MAX } else { at };
        let mut ghost = Ghost {
            losses: Vec::new(),
            val: Vec::new(),
            path: Vec::new(),
            per_epoch: 1,
            stride: 1,
            cut: None,
            training: None,
            config: g,
        };
        match live {
            Some(slot) => ghost.draw(&slot.run, target),
            None => {
                let mut run = plan::run(&ghost.config, plan::start(&ghost.config));
                if ghost.config.task.computed_at_once() {
                    run.advance(target);
                }
                ghost.draw(&run, target);
                ghost.training = Some((Box::new(run), target));
                ghost.settle();
            }
        }
        Some(ghost)
    }

    /// Whether its run is still being trained.
    pub fn training(&self) -> bool {
        self.training.is_some()
    }

    /// Trains its run until `clock()` passes `until` (milliseconds) or the run reaches the
    /// iteration it was pinned at, then draws what it has. The same iterations as training it
    /// at once, so it ends as the same ghost.
    pub fn train(&mut self, until: f64, clock: &dyn Fn() -> f64) {
        let Some((run, target)) = &mut self.training else {
            return;
        };
        let target = *target;
        while run.iteration() < target && run.status() == Status::Running {
            run.advance(1);
            if clock() >= until {
                break;
            }
        }
        let run = std::mem::take(&mut self.training);
        if let Some((run, target)) = &run {
            self.draw(run, *target);
        }
        self.training = run;
        self.settle();
    }

    /// Lets the run go once it has reached its end or its pinned iteration.
    fn settle(&mut self) {
        let done = self.training.as_ref().is_some_and(|(run, target)| {
            run.iteration() >= *target || run.status() != Status::Running
        });
        if done {
            self.training = None;
        }
    }

    /// Takes what is drawn from `run`, up to iteration `at` (or as far as it went).
    fn draw(&mut self, run: &Run, at: usize) {
        let upto = at.min(run.iteration());
        self.cut = (at < run.total_iterations()).then_some(at);
        self.path = if self.config.task.exact_landscape() {
            let snapshots = run.trajectory_steps().take_while(|&s| s <= upto).count();
            run.trajectory()
                .take(snapshots)
                .map(|p| (f64::from(p[0]), f64::from(p[1])))
                .collect()
        } else {
            Vec::new()
        };
        self.losses = run.records_upto(upto).iter().map(|s| s.loss).collect();
        self.stride = run.stride();
        self.val = validation_points(run, upto);
        self.per_epoch = run.batches_per_epoch();
    }

    /// Its legend: what in its settings differs from `current`'s.
    pub fn label(&self, current: &Config) -> String {
        let differs: Vec<String> = PARAMS
            .iter()
            .filter(|p| !matches!(p.section, Section::Page | Section::Lesson | Section::Run))
            .filter(|p| p.key != Key::Dirs)
            .filter(|p| p.write(&self.config) != p.write(current))
            .map(|p| {
                // The address keeps every digit; the legend three ("lr0 0.4596350985807117"
                // read as noise beside the slider's 0.46).
                let text = p.write(&self.config);
                let short = text
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite() && text.len() > 6)
                    .map_or(text, crate::engine::stability::fmt_lr);
                format!("{} {short}", p.name)
            })
            .collect();
        let pinned = match self.cut {
            Some(1) => "pinned after 1 iteration".to_string(),
            Some(at) => format!("pinned after {at} iterations"),
            None => "pinned".to_string(),
        };
        if differs.is_empty() {
            format!("{pinned} (same settings)")
        } else {
            format!("{pinned}: {}", differs.join(", "))
        }
    }
}
