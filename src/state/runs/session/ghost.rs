//! The ghost: a pinned run kept to compare the next ones with. It lives in the URL as its own
//! settings (a query) and how far it ran, so a link shows it too; runs are deterministic, so
//! the same settings give the same ghost.

use super::Session;
use crate::engine::run::Run;
use crate::state::plan;
use crate::state::settings::config::Config;
use crate::state::settings::key::Key;
use crate::state::settings::params::{PARAMS, Section};
use crate::state::settings::url::{parse_query, to_query};

/// A pinned run.
#[derive(Clone, Debug, PartialEq)]
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
    /// The ghost `config.ghost` names, taken from the session's first run when it is that run,
    /// else trained here. `None` without a ghost, or for one of another task.
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
        let trained;
        let run = match live {
            Some(slot) => &slot.run,
            None => {
                let mut run = plan::run(&g, plan::start(&g));
                run.advance(if at == 0 { usize::MAX } else { at });
                trained = run;
                &trained
            }
        };
        let upto = if at == 0 {
            run.iteration()
        } else {
            at.min(run.iteration())
        };
        let path = if g.task.exact_landscape() {
            let snapshots = run.trajectory_steps().take_while(|&s| s <= upto).count();
            run.trajectory()
                .take(snapshots)
                .map(|p| (f64::from(p[0]), f64::from(p[1])))
                .collect()
        } else {
            Vec::new()
        };
        Some(Ghost {
            losses: run.records_upto(upto).iter().map(|s| s.loss).collect(),
            stride: run.stride(),
            val: validation_points(run, upto),
            path,
            per_epoch: run.batches_per_epoch(),
            config: g,
        })
    }

    /// Its legend: what in its settings differs from `current`'s.
    pub fn label(&self, current: &Config) -> String {
        let differs: Vec<String> = PARAMS
            .iter()
            .filter(|p| !matches!(p.section, Section::Page | Section::Lesson | Section::Run))
            .filter(|p| p.key != Key::Dirs)
            .filter(|p| p.write(&self.config) != p.write(current))
            .map(|p| format!("{} {}", p.name, p.write(&self.config)))
            .collect();
        if differs.is_empty() {
            "pinned (same settings)".to_string()
        } else {
            format!("pinned: {}", differs.join(", "))
        }
    }
}
