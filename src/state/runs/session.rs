//! The live state of the playground: the runs being trained (one, or several side by side), a
//! pinned ghost, the curvature behind the verdict, the landscape panel and the playback. The
//! page forwards its events here and draws the [`Scene`](crate::state::scene::Scene) built from it.

mod cadence;
mod command;
pub mod ghost;
mod playback;
pub mod report;
mod slot;
mod workers;

pub use cadence::{Cadence, FrameWork};
pub use command::Command;
pub use ghost::Ghost;
pub use playback::{Playback, REVEAL_FRAMES, SLOW, SLOW_FRAMES, SPEEDS, speed_menu};
pub use slot::{Slot, smoothing};

use crate::state::io::fullscale::YourRun;
use std::rc::Rc;

use crate::engine::lr_finder::Finder;
use crate::engine::run::{Run, Status};
use crate::engine::stability::top_hessian_eigenvalue;
use crate::engine::surface::Surface;
use crate::engine::valley::Valley;
use crate::state::io::import::Rates;
use crate::state::lessons::predict::{self, Prediction};
use crate::state::lessons::verdict::Curvature;
use crate::state::plan;
use crate::state::runs::landscape::Landscape;
use crate::state::runs::sweep::Sweep;
use crate::state::settings::config::Config;
use crate::state::settings::task::Task;

/// Milliseconds of each frame a ghost still being trained takes while the runs train too.
pub const GHOST_MS: f64 = 3.0;

/// What [`Session::sync`] did with new settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sync {
    /// Nothing that the runs depend on changed.
    Kept,
    /// A new lr0 for runs that keep training from where they are.
    Retuned,
    /// New runs at a new lr0 on the same data, valley and landscape (the two-weight tasks, or
    /// networks whose runs had ended).
    Rerun,
    /// New runs from scratch.
    Rebuilt,
}

/// Everything that is live on the page.
pub struct Session {
    /// The settings the runs were built from.
    pub config: Config,
    /// The runs; the read-outs follow the first.
    pub slots: Vec<Slot>,
    /// A pinned earlier run.
    pub ghost: Option<Ghost>,
    /// What is known about the curvature.
    pub curvature: Curvature,
    /// The landscape panel.
    pub landscape: Landscape,
    /// The exact valley of the line task.
    pub valley: Option<Valley>,
    /// The exact landscape of a two-weight task.
    pub surface: Option<Surface>,
    /// Playing or paused, and how fast.
    pub playback: Playback,
    /// Iterations shown of runs computed at once, which are revealed step by step; runs that
    /// train frame by frame show everything they did.
    pub horizon: usize,
    /// What the page should tell the reader about itself (a failed worker).
    pub notes: Vec<String>,
    /// The page is on the reader's screen. An embed starts unseen, so that a docs page with
    /// five embeds below the fold does not run five training loops (and their workers) at
    /// once; nothing advances until it is seen, and it stops where it is when it leaves.
    pub seen: bool,
    /// Rates a real run logged (results.csv), drawn over the schedule whatever the settings.
    pub logged: Option<Rc<Rates>>,
    /// The user's own YOLO run, at full scale (its data set, version and results.csv).
    pub yours: YourRun,
    /// The LR range test of the main run's settings, once asked for.
    pub finder: Option<Rc<Finder>>,
    /// The LR sweep of the main run's settings, once asked for.
    pub sweep: Option<Sweep>,
    /// The question a lesson opens with, and its answer.
    pub prediction: Prediction,
    /// The last frame's training ran out of time, not iterations: no room to draw ([`Cadence`]).
    filled: bool,
    /// What the address asked to run, not run yet: the LR finder (`finder=1`), the sweep.
    asked: (bool, bool),
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// A fresh session for the settings. The fine-tuning lesson first trains its start; the
    /// two-weight tasks are computed whole at once and then revealed step by step.
    pub fn for_config(config: &Config) -> Self {
        let start = plan::start(config);
        let slots = Slot::build_all(plan::slots(config), &start);
        let valley = (config.task == Task::Line).then(|| {
            Valley::of(
                Task::line_spec(config.noise, config.shift, config.spread),
                config.seed,
            )
        });
        let train = slots[0].run.train_set();
        let surface = config.task.surface(train, valley.as_ref());
        let first = slots[0].run.trajectory().next().unwrap_or(&[]).to_vec();
        let landscape = Landscape::new(config, train, &first, surface.as_ref());
        let mut session = Self {
            config: config.clone(),
            slots,
            ghost: None,
            curvature: Curvature::Unknown,
            landscape,
            valley,
            surface,
            playback: Playback::new(config.task.start_speed(config.present)),
            horizon: if config.task.computed_at_once() {
                0
            } else {
                usize::MAX
            },
            notes: Vec::new(),
            seen: !config.embed,
            logged: None,
            yours: YourRun::default(),
            finder: None,
            sweep: None,
            prediction: predict::initial(config),
            filled: false,
            asked: (config.finder, config.sweep),
        };
        // The run waits for the answer.
        if session.prediction == Prediction::Asking {
            session.playback.playing = false;
        }
        session.curvature = session.estimate_curvature(&first);
        session.ghost = Ghost::for_config(config, &session);
        session.label_runs();
        session
    }

    /// λmax: exact for the line, else by power iteration at the start on up to 256 examples.
    fn estimate_curvature(&mut self, start: &[f32]) -> Curvature {
        if let Some(v) = &self.valley {
            return Curvature::Exact(v.spectrum);
        }
        let lambda = top_hessian_eigenvalue(
            self.landscape.probe.as_mut(),
            start,
            &self.landscape.data,
            20,
            self.config.seed,
        );
        if lambda.is_finite() && lambda > 0.0 {
            Curvature::Estimated(lambda)
        } else {
            Curvature::Unknown
        }
    }

    /// Follows new settings. A new lr0 retunes running networks in place, and reruns the line
    /// task (and networks whose runs have ended) on the same landscape; anything else the runs
    /// depend on builds new runs, keeping the ghost and the speed while the task stays. The
    /// page's own settings (cursor, embedding) change nothing here; a new ghost is rebuilt.
    pub fn sync(&mut self, config: &Config) -> Sync {
        let lesson = self.config.preset;
        let away = predict::initial(&self.config) == Prediction::Off;
        let sync = self.sync_runs(config);
        // A lesson picked from the menu asks its question, whatever the runs needed (a new
        // session asks by itself); so does its own run brought back after a new lr0 had
        // dropped the question, on fresh runs.
        let back = away
            && self.prediction == Prediction::Off
            && sync == Sync::Rerun
            && predict::initial(config) == Prediction::Asking;
        if (config.preset != lesson || back) && sync != Sync::Rebuilt {
            self.prediction = predict::initial(config);
            if self.prediction == Prediction::Asking {
                self.playback.playing = false;
                if config.task.computed_at_once() {
                    self.horizon = 0;
                }
            }
        }
        self.label_runs();
        sync
    }

    fn sync_runs(&mut self, config: &Config) -> Sync {
        if *config == self.config {
            return Sync::Kept;
        }
        let old = std::mem::replace(&mut self.config, config.clone());
        // The range test sweeps lr0 itself; anything else it trained with makes it stale. Compare
        // only adds runs beside the main one, which both train alone (a student ticked it and
        // lost both, beside "the runs above are not touched").
        let alone = |c: &Config| Config {
            compare: false,
            ..c.clone()
        };
        if !alone(&old).same_runs(&alone(config)) {
            self.finder = None;
            self.sweep = None;
        }
        if old.ghost != config.ghost {
            self.ghost = Ghost::for_config(config, self);
        }
        let (before, after) = (plan::slots(&old), plan::slots(config));
        let same = |strip: fn(&Config) -> Config| {
            before.len() == after.len()
                && before
                    .iter()
                    .zip(&after)
                    .all(|(a, b)| strip(&a.config) == strip(&b.config))
                && plan::start(&old).is_some() == plan::start(config).is_some()
        };
        fn bare(c: &Config) -> Config {
            Config {
                preset: None,
                ..c.bare()
            }
        }
        if same(bare) {
            return Sync::Kept;
        }
        if !same(|c| Config {
            lr0: 0.0,
            ..bare(c)
        }) {
            let (ghost, speed, seen) = (self.ghost.take(), self.playback.speed, self.seen);
            let (logged, finder, sweep) =
                (self.logged.take(), self.finder.take(), self.sweep.take());
            let yours = std::mem::take(&mut self.yours);
            *self = Self::for_config(config);
            (self.seen, self.logged, self.finder, self.sweep) = (seen, logged, finder, sweep);
            self.yours = yours;
            if old.task == config.task {
                // The ghost kept is as far trained as it has got; a new one would start over.
                self.ghost = ghost.or_else(|| self.ghost.take());
                self.playback.set_speed(speed);
            }
            return Sync::Rebuilt;
        }
        // The reader moved on without answering: no question about a rate they left.
        if self.prediction == Prediction::Asking {
            self.prediction = Prediction::Off;
        }
        if config.task.computed_at_once() || self.finished() || self.replaying() {
            let start = plan::start(config);
            let first = self.slots[0].run.trajectory().next().map(<[f32]>::to_vec);
            self.slots = Slot::build_all(after, &start.or(first));
            self.landscape.restart(&self.slots[0].run);
            // New runs are shown from their start: revealed, or trained.
            self.playback.playing = true;
            self.horizon = if config.task.computed_at_once() {
                0
            } else {
                usize::MAX
            };
            Sync::Rerun
        } else {
            for (slot, spec) in self.slots.iter_mut().zip(after) {
                slot.retune(spec);
            }
            Sync::Retuned
        }
    }

    /// Shows runs computed at once whole, without revealing them step by step (a slider
    /// drag wants the final picture at once).
    pub fn show_all(&mut self) {
        if self.config.task.computed_at_once() {
            self.horizon = usize::MAX;
            self.playback.playing = false;
        }
    }

    /// The longest run's recorded iterations.
    pub(super) fn length(&self) -> usize {
        self.slots
            .iter()
            .map(|s| s.run.recorded())
            .max()
            .unwrap_or(0)
    }

    /// One animation frame: about 8 ms of training, then landscape points until 12 ms, from the
    /// first reading of `clock`, so the page keeps 60 frames a second. Runs computed at once
    /// are revealed instead.
    pub fn frame(&mut self, clock: &dyn Fn() -> f64) {
        if !self.seen {
            return;
        }
        let start = clock();
        // A ghost still being trained goes first, a few milliseconds while the runs train and
        // their whole share once they rest, so it fills in behind them as a run would.
        if let Some(ghost) = self.ghost.as_mut().filter(|g| g.training()) {
            let share = if self.playback.playing { GHOST_MS } else { 8.0 };
            ghost.train(start + share, clock);
        }
        let iters = self.playback.take();
        if self.config.task.computed_at_once() || self.replaying() {
            let length = self.length();
            let step = match iters {
                usize::MAX => length.div_ceil(REVEAL_FRAMES).max(1),
                n => n,
            };
            self.reveal(step);
        } else {
            self.tick(iters, start + 8.0, start + 12.0, clock);
        }
        // The sweep's runs, when no worker takes them, share the landscape's share of the frame.
        if let Some(sweep) = &mut self.sweep {
            sweep.work(start + 12.0, clock);
        }
        if self.finished() {
            self.playback.playing = false;
        }
    }

    /// Whether frames still change anything: not while the page is out of view.
    pub fn active(&self) -> bool {
        self.seen
            && (self.playback.playing
                || self.ghost.as_ref().is_some_and(Ghost::training)
                || self.landscape.filling()
                || self.sweep.as_ref().is_some_and(|s| !s.finished())
                || self.asked.0
                || (self.asked.1 && self.finished()))
    }

    /// Whether a network trains frame by frame (playing, a run still going) and its last frame's
    /// training used the whole time budget (the conv net); a few MLP iterations leave room to draw.
    pub fn trains_live(&self) -> bool {
        self.seen
            && self.filled
            && self.playback.playing
            && !self.config.task.computed_at_once()
            && self.slots.iter().any(|s| s.run.status() == Status::Running)
    }

    /// Whether every run has stopped and is shown whole.
    pub fn finished(&self) -> bool {
        self.slots
            .iter()
            .all(|s| s.run.status() != Status::Running && self.horizon >= s.run.recorded())
    }

    /// Each run's label and the loss its chart line ends at, as the read-out and verdicts quote
    /// it (infinite once diverged): the answer key's input, one number per run.
    pub fn ends(&self) -> Vec<(String, f64)> {
        self.slots
            .iter()
            .map(|s| {
                let diverged = matches!(s.run.status(), Status::Diverged { .. });
                let last = s.shown_loss(s.run.recorded()).unwrap_or(f64::NAN);
                (s.label.clone(), if diverged { f64::INFINITY } else { last })
            })
            .collect()
    }

    /// Iterations of run `k` shown (a diverged run's last, exploding one included).
    pub fn shown(&self, k: usize) -> usize {
        self.slots[k].run.recorded().min(self.horizon)
    }

    /// Trains for at most `max_iters` iterations per run or until `clock()` passes
    /// `train_until` (milliseconds), then fills the landscape until `fill_until`. Returns the
    /// iterations taken.
    pub fn tick(
        &mut self,
        max_iters: usize,
        train_until: f64,
        fill_until: f64,
        clock: &dyn Fn() -> f64,
    ) -> usize {
        let mut taken = 0;
        self.filled = false;
        for _ in 0..max_iters {
            let mut any = false;
            for slot in &mut self.slots {
                if slot.run.status() == Status::Running {
                    slot.run.advance(1);
                    taken += 1;
                    any = true;
                }
            }
            self.filled = any && clock() >= train_until;
            if !any || self.filled {
                break;
            }
        }
        if self.finished() && self.landscape.wants_pca(&self.slots[0].run) {
            let runs: Vec<&Run> = self.slots.iter().map(|s| &s.run).collect();
            self.landscape.start_pca(&runs);
        }
        if !self.landscape.external {
            self.landscape.fill(fill_until, clock);
        }
        taken
    }

    /// The shown path of run `k` in the landscape's coordinates.
    pub fn path(&self, k: usize) -> Vec<(f64, f64)> {
        let run = &self.slots[k].run;
        let shown = self.shown(k);
        let points = run.trajectory_steps().take_while(|&s| s <= shown).count();
        let mut path = self.landscape.path(run);
        path.truncate(points);
        path
    }

    /// What to pin as the ghost: the first run's settings as a query, and how far it ran.
    pub fn pin_query(&self) -> String {
        ghost::pin_query(&self.slots[0].config, self.shown(0))
    }
}
