//! The live state of the playground: the runs being trained (one, or several side by side), a
//! pinned ghost, the curvature behind the verdict, the landscape panel and the playback. The
//! page forwards its events here and draws the [`Scene`](super::scene::Scene) built from it.

use super::build::{self, SlotSpec};
use super::config::Config;
use super::landscape::{Delivery, Landscape, LandscapeJob};
use super::regime::{Curvature, Progress, Report, report};
use crate::engine::run::{Run, Status};
use crate::engine::smooth::smoothed;
use crate::engine::stability::{fmt_lr, top_hessian_eigenvalue};
use crate::engine::valley::Valley;

/// One run in the session.
pub struct Slot {
    /// Legend text.
    pub label: String,
    /// Its settings (its own lr0 in compare mode).
    pub config: Config,
    /// The run.
    pub run: Run,
}

/// A finished or stopped run kept for comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Ghost {
    /// Legend text.
    pub label: String,
    /// Loss of each iteration.
    pub losses: Vec<f32>,
    /// Validation loss per epoch.
    pub val: Vec<(usize, f64)>,
    /// Its path in the current landscape's coordinates (line task only; the planes of networks
    /// differ from run to run).
    pub path: Vec<(f64, f64)>,
}

/// Whether the runs train and how fast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Playback {
    /// Training frame by frame.
    pub playing: bool,
    /// Iterations per frame (0: as many as the frame's budget allows).
    pub speed: usize,
}

/// What [`Session::sync`] did with new settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sync {
    /// Nothing that the runs depend on changed.
    Kept,
    /// A new lr0 for runs that keep training from where they are.
    Retuned,
    /// The line task with a new lr0: new runs on the same data, valley and landscape.
    Rerun,
    /// New runs from scratch.
    Rebuilt,
}

/// A button or pointer event of the run bar and the charts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Command {
    /// Play or pause.
    Toggle,
    /// One iteration.
    Step,
    /// Start the runs again.
    Reset,
    /// Iterations per frame.
    Speed(usize),
    /// Keep the main run as the ghost.
    Pin,
    /// Drop the ghost.
    Unpin,
    /// Look at this iteration (`None`: now).
    Cursor(Option<usize>),
}

/// Everything that is live on the page.
pub struct Session {
    /// The settings the runs were built from.
    pub config: Config,
    /// The runs.
    pub slots: Vec<Slot>,
    /// The slot the read-outs follow.
    pub main: usize,
    /// A pinned earlier run.
    pub ghost: Option<Ghost>,
    /// What is known about the curvature.
    pub curvature: Curvature,
    /// The landscape panel.
    pub landscape: Landscape,
    /// The exact valley of the line task.
    pub valley: Option<Valley>,
    /// Playing or paused, and how fast.
    pub playback: Playback,
    /// The iteration looked at, if not the latest.
    pub cursor: Option<usize>,
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
    /// line task is computed whole at once.
    pub fn for_config(config: &Config) -> Self {
        let (specs, main) = build::slots(config);
        let start = build::start(config);
        let slots = Self::build_slots(specs, &start);
        let valley = config
            .task
            .exact_landscape()
            .then(|| Valley::with_noise(config.seed, config.shift as f32, config.noise as f32));
        let first = slots[0].run.trajectory().next().unwrap_or(&[]).to_vec();
        let landscape = Landscape::new(config, slots[0].run.train_set(), &first, valley.as_ref());
        let mut session = Self {
            config: config.clone(),
            slots,
            main,
            ghost: None,
            curvature: Curvature::Unknown,
            landscape,
            valley,
            playback: Playback {
                playing: !config.task.computed_at_once(),
                speed: config.task.default_speed(),
            },
            cursor: None,
        };
        session.curvature = session.estimate_curvature(&first);
        session
    }

    fn build_slots(specs: Vec<SlotSpec>, start: &Option<Vec<f32>>) -> Vec<Slot> {
        specs
            .into_iter()
            .map(|spec| {
                let mut run = build::run(&spec.config, start.clone());
                if spec.config.task.computed_at_once() {
                    run.advance(usize::MAX);
                }
                Slot {
                    label: spec.label,
                    config: spec.config,
                    run,
                }
            })
            .collect()
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

    /// Follows new settings: a new lr0 retunes running networks in place and reruns the line
    /// task on the same landscape; anything else the runs depend on builds new runs (keeping
    /// the ghost while the task stays). The page's own settings change nothing here.
    pub fn sync(&mut self, config: &Config) -> Sync {
        if *config == self.config {
            return Sync::Kept;
        }
        let old = std::mem::replace(&mut self.config, config.clone());
        if !old.same_runs(config) {
            let ghost = self.ghost.take().filter(|_| old.task == config.task);
            let speed = self.playback.speed;
            *self = Self::for_config(config);
            self.ghost = ghost;
            if old.task == config.task {
                self.playback.speed = speed;
            }
            return Sync::Rebuilt;
        }
        if old.lr0 == config.lr0 {
            return Sync::Kept;
        }
        let (specs, main) = build::slots(config);
        self.main = main;
        if config.task.computed_at_once() {
            let start = self.slots[0].run.trajectory().next().map(<[f32]>::to_vec);
            self.slots = Self::build_slots(specs, &start);
            Sync::Rerun
        } else {
            for (slot, spec) in self.slots.iter_mut().zip(specs) {
                let nb = slot.run.batches_per_epoch();
                slot.run.set_plan(build::plan(&spec.config, nb));
                slot.label = spec.label;
                slot.config = spec.config;
            }
            Sync::Retuned
        }
    }

    /// Carries out a button or pointer event.
    pub fn command(&mut self, command: Command, clock: &dyn Fn() -> f64) {
        match command {
            Command::Toggle => {
                self.playback.playing = !self.playback.playing;
                if !self.playback.playing {
                    // A pause shows the landscape of the path so far.
                    self.landscape.start_pca(&self.slots[0].run);
                }
            }
            Command::Step => {
                self.tick(1, f64::INFINITY, clock(), clock);
            }
            Command::Reset => {
                let (ghost, speed) = (self.ghost.take(), self.playback.speed);
                *self = Self::for_config(&self.config.clone());
                self.ghost = ghost;
                self.playback.speed = speed;
            }
            Command::Speed(speed) => self.playback.speed = speed,
            Command::Pin => self.pin(self.main),
            Command::Unpin => self.ghost = None,
            Command::Cursor(at) => self.cursor = at,
        }
    }

    /// One animation frame: about 8 ms of training, then landscape points until 12 ms, from the
    /// first reading of `clock`, so the page keeps 60 frames a second.
    pub fn frame(&mut self, clock: &dyn Fn() -> f64) {
        let start = clock();
        let iters = match (self.playback.playing, self.playback.speed) {
            (false, _) => 0,
            (true, 0) => usize::MAX,
            (true, n) => n,
        };
        self.tick(iters, start + 8.0, start + 12.0, clock);
        if self.finished() {
            self.playback.playing = false;
        }
    }

    /// Whether frames still change anything.
    pub fn active(&self) -> bool {
        self.playback.playing || self.landscape.filling()
    }

    /// Whether every run has stopped.
    pub fn finished(&self) -> bool {
        self.slots.iter().all(|s| s.run.status() != Status::Running)
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
        for _ in 0..max_iters {
            let mut any = false;
            for slot in &mut self.slots {
                if slot.run.status() == Status::Running {
                    slot.run.advance(1);
                    taken += 1;
                    any = true;
                }
            }
            if !any || clock() >= train_until {
                break;
            }
        }
        if self.finished() && self.landscape.wants_pca(&self.slots[0].run) {
            self.landscape.start_pca(&self.slots[0].run);
        }
        if !self.landscape.external {
            self.landscape.fill(fill_until, clock);
        }
        taken
    }

    /// The next landscape points for a worker.
    pub fn hand_out(&mut self, points: usize) -> Option<LandscapeJob> {
        self.landscape.hand_out(points)
    }

    /// Stores a worker's points.
    pub fn receive(&mut self, delivery: &Delivery) {
        self.landscape.receive(delivery);
    }

    /// The path of run `k` in the landscape's coordinates.
    pub fn path(&self, k: usize) -> Vec<(f64, f64)> {
        self.landscape.path(&self.slots[k].run)
    }

    /// The regime of run `k` at its current iteration.
    pub fn report(&self, k: usize) -> Report {
        let slot = &self.slots[k];
        let run = &slot.run;
        let nb = run.batches_per_epoch();
        let now = run.config().plan.at(run.iteration().saturating_sub(1), nb);
        let lr = run.steps.last().map_or(now.lr_weight, |s| s.lr_weight);
        // Accumulated minibatch gradients are summed, so a step moves by accumulate × lr × the
        // mean gradient: that product is what meets the curvature.
        let accumulate = now.accumulate.max(1);
        let losses: Vec<f32> = run.steps.iter().map(|s| s.loss).collect();
        let progress = Progress {
            diverged_at: match run.status() {
                Status::Diverged { step } => Some(step),
                _ => None,
            },
            steps: run.iteration(),
            total: run.total_iterations(),
            first_loss: run.steps.first().map(|s| f64::from(s.loss)),
            loss: smoothed(&losses, 0.9).last().copied(),
        };
        let mut r = report(
            &slot.config,
            lr * accumulate as f64,
            self.curvature,
            progress,
        );
        if accumulate > 1 {
            r.why.push_str(&format!(
                " (Gradients of {accumulate} minibatches are summed per step, nbs = {}, so each step uses {accumulate} × lr = {}.)",
                slot.config.nbs,
                fmt_lr(lr * accumulate as f64)
            ));
        }
        r
    }

    /// Pins run `k` as the ghost.
    pub fn pin(&mut self, k: usize) {
        let run = &self.slots[k].run;
        let path = if self.config.task.exact_landscape() {
            self.path(k)
        } else {
            Vec::new()
        };
        self.ghost = Some(Ghost {
            label: format!("pinned {}", self.slots[k].label),
            losses: run.steps.iter().map(|s| s.loss).collect(),
            val: validation_points(run),
            path,
        });
    }
}

/// Validation loss per epoch at the iteration where each epoch ended.
pub fn validation_points(run: &Run) -> Vec<(usize, f64)> {
    let nb = run.batches_per_epoch();
    run.epochs
        .iter()
        .enumerate()
        .filter_map(|(e, r)| r.val_loss.map(|v| ((e + 1) * nb, v)))
        .collect()
}
