//! The live state of the playground: the runs being trained (one, or three in compare mode),
//! a pinned ghost, the curvature behind the regime read-out and the landscape being filled in.
//! Advanced a frame at a time within a time budget, so the page stays responsive.

use std::rc::Rc;

use super::build;
use super::config::{Config, Task};
use super::regime::{Curvature, Progress, Report, report};
use crate::charts::landscape::Backdrop;
use crate::engine::landscape::{PlaneGrid, pca_plane, random_plane};
use crate::engine::layout::Layout;
use crate::engine::model::Model;
use crate::engine::plane::{Axis, Plane};
use crate::engine::run::{Run, Status};
use crate::engine::stability::top_hessian_eigenvalue;
use crate::engine::valley::Valley;

/// How the landscape of a network is cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Directions {
    /// The two directions the path moved most (Li et al. 2018, §7), after the run.
    Pca,
    /// Two filter-normalised random directions through the start (Li et al. 2018, §4), live.
    Random,
}

/// One run in the session.
pub struct Slot {
    /// Its lr0.
    pub lr0: f64,
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

/// The landscape panel's state.
pub enum Landscape {
    /// The line task: the exact (w, b) plane, complete at once.
    Exact(Rc<Backdrop>),
    /// A network's plane, being filled in.
    Filling {
        /// The job.
        job: Box<PlaneGrid>,
        /// Axis titles.
        labels: (String, String),
    },
    /// A network's plane, complete.
    Done {
        /// The picture.
        backdrop: Rc<Backdrop>,
        /// The plane, to project paths onto.
        plane: Box<Plane>,
    },
    /// Nothing to show yet (PCA needs a path).
    Waiting,
}

/// Everything that is live on the page.
pub struct Session {
    /// The settings the runs were built from.
    pub config: Config,
    /// The runs.
    pub slots: Vec<Slot>,
    /// A pinned earlier run.
    pub ghost: Option<Ghost>,
    /// What is known about the curvature.
    pub curvature: Curvature,
    /// The landscape.
    pub landscape: Landscape,
    /// The exact valley of the line task.
    pub valley: Option<Valley>,
    directions: Directions,
    pca_snapshots: usize,
    /// Landscape points are computed elsewhere (web workers) and arrive through
    /// [`Session::receive`]; `tick` then leaves them alone.
    pub external: bool,
    landscape_job: u32,
    landscape_data: crate::engine::data::Dataset,
    probe_model: Box<dyn Model>,
    layout: Layout,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// Landscape work for elsewhere: (job, settings query, plane, x axis, y axis, grid indices).
pub type HandOut = (u32, String, Plane, Axis, Axis, std::ops::Range<usize>);

/// A number no other landscape job of this page has had, so late results from a replaced
/// landscape (or a replaced session) are recognised and dropped.
fn next_job() -> u32 {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Landscape grid points per side for networks.
pub const NET_GRID: usize = 32;
/// Training examples the network landscapes are evaluated on: a fixed sample keeps a 32 × 32
/// grid to a few seconds in the browser (the full-data grids are the L2/L3 benchmarks).
pub const LANDSCAPE_EXAMPLES: usize = 256;

impl Session {
    /// A fresh session for the settings. The fine-tuning lesson first trains its start.
    pub fn for_config(config: &Config) -> Self {
        let directions = if config.random_dirs {
            Directions::Random
        } else {
            Directions::Pca
        };
        let start = (config.preset.as_deref() == Some(super::presets::Preset::FineTune.name()))
            .then(|| build::pretrained(config));
        let mut session = Self::new(config, directions, start);
        if config.task == Task::Line {
            // Two weights and 256 points: the whole run costs well under a millisecond.
            for slot in &mut session.slots {
                slot.run.advance(usize::MAX);
            }
        }
        session
    }

    /// A fresh session for the settings; `start` gives the initial weights (fine-tuning).
    pub fn new(config: &Config, directions: Directions, start: Option<Vec<f32>>) -> Self {
        let slots: Vec<Slot> = build::compare_rates(config)
            .into_iter()
            .map(|lr0| Slot {
                lr0,
                run: build::run(config, lr0, start.clone()),
            })
            .collect();
        let probe_model = build::model(config.task);
        let layout = probe_model.layout().clone();
        let train = slots[0].run.train_set();
        let landscape_data =
            train.subset(&(0..train.len().min(LANDSCAPE_EXAMPLES)).collect::<Vec<_>>());
        let mut session = Self {
            config: config.clone(),
            slots,
            ghost: None,
            curvature: Curvature::Unknown,
            landscape: Landscape::Waiting,
            valley: None,
            directions,
            pca_snapshots: 0,
            external: false,
            landscape_job: 0,
            landscape_data,
            probe_model,
            layout,
        };
        session.prepare_landscape();
        session.curvature = session.estimate_curvature();
        session
    }

    fn prepare_landscape(&mut self) {
        if self.config.task == Task::Line {
            let valley = Valley::with_noise(
                self.config.seed,
                self.config.shift as f32,
                self.config.noise as f32,
            );
            let backdrop = Backdrop::new(
                valley.grid(),
                valley.min_loss,
                14,
                ("w (slope)", "b (intercept)"),
            );
            self.landscape = Landscape::Exact(Rc::new(backdrop));
            self.valley = Some(valley);
        } else if self.directions == Directions::Random {
            let start = self.slots[0]
                .run
                .trajectory()
                .next()
                .map(<[f32]>::to_vec)
                .unwrap_or_default();
            let plane = random_plane(&self.layout, &start, self.config.seed ^ 0x1a5d);
            let axis = Axis {
                min: -1.0,
                max: 1.0,
                len: NET_GRID,
            };
            self.landscape = Landscape::Filling {
                job: Box::new(PlaneGrid::new(plane, axis, axis)),
                labels: ("random direction 1".into(), "random direction 2".into()),
            };
            self.landscape_job = next_job();
        } else {
            self.landscape = Landscape::Waiting;
        }
    }

    /// λmax: exact for the line, else by power iteration at the start on up to 256 examples.
    fn estimate_curvature(&mut self) -> Curvature {
        if let Some(v) = &self.valley {
            return Curvature::Exact(v.spectrum);
        }
        let start = self.slots[0].run.params().to_vec();
        let lambda = top_hessian_eigenvalue(
            self.probe_model.as_mut(),
            &start,
            &self.landscape_data,
            20,
            self.config.seed,
        );
        if lambda.is_finite() && lambda > 0.0 {
            Curvature::Estimated(lambda)
        } else {
            Curvature::Unknown
        }
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
        let deadline = train_until;
        let mut taken = 0;
        'train: for _ in 0..max_iters {
            let mut any = false;
            for slot in &mut self.slots {
                if slot.run.status() == Status::Running {
                    slot.run.advance(1);
                    taken += 1;
                    any = true;
                }
            }
            if !any || clock() >= deadline {
                break 'train;
            }
        }
        if self.finished() && self.pca_snapshots < self.slots[0].run.trajectory().len() {
            self.start_pca();
        }
        if !self.external {
            self.fill_landscape(fill_until, clock);
        }
        taken
    }

    /// Computes landscape points until the deadline.
    pub fn fill_landscape(&mut self, deadline: f64, clock: &dyn Fn() -> f64) {
        loop {
            let Landscape::Filling { job, .. } = &mut self.landscape else {
                return;
            };
            let done = job.advance(self.probe_model.as_mut(), &self.landscape_data, 4);
            if done {
                self.finish_landscape();
                return;
            }
            if clock() >= deadline {
                return;
            }
        }
    }

    /// Turns a complete grid into the finished picture, with contours.
    fn finish_landscape(&mut self) {
        let Landscape::Filling { job, labels } = &self.landscape else {
            return;
        };
        if !job.is_done() {
            return;
        }
        let floor = job.grid().range().0;
        let backdrop = Backdrop::new(
            job.grid().clone(),
            floor,
            12,
            (labels.0.as_str(), labels.1.as_str()),
        );
        self.landscape = Landscape::Done {
            backdrop: Rc::new(backdrop),
            plane: Box::new(job.plane().clone()),
        };
    }

    /// The next `points` landscape points to compute elsewhere: (job, what to compute them for,
    /// plane, axes, grid indices). The spec is the settings' URL query, from which a worker
    /// rebuilds the same model and landscape sample.
    pub fn hand_out(
        &mut self,
        points: usize,
    ) -> Option<(u32, String, Plane, Axis, Axis, std::ops::Range<usize>)> {
        let Landscape::Filling { job, .. } = &mut self.landscape else {
            return None;
        };
        let range = job.hand_out(points)?;
        let (x, y) = (job.grid().x, job.grid().y);
        Some((
            self.landscape_job,
            super::url::to_query(&self.config),
            job.plane().clone(),
            x,
            y,
            range,
        ))
    }

    /// Stores points computed elsewhere; results of an older landscape are dropped.
    pub fn receive(&mut self, landscape_job: u32, start: usize, values: &[f64]) {
        if landscape_job != self.landscape_job {
            return;
        }
        if let Landscape::Filling { job, .. } = &mut self.landscape {
            job.fill(start, values);
        }
        self.finish_landscape();
    }

    /// Starts the PCA landscape of the first run's path so far (networks only).
    pub fn start_pca(&mut self) {
        if self.config.task == Task::Line || self.directions != Directions::Pca {
            return;
        }
        let traj: Vec<Vec<f32>> = self.slots[0]
            .run
            .trajectory()
            .map(<[f32]>::to_vec)
            .collect();
        self.pca_snapshots = traj.len();
        let Some(pca) = pca_plane(&self.layout, &traj) else {
            return;
        };
        let (xs, ys): (Vec<f64>, Vec<f64>) = pca.coords.iter().copied().unzip();
        let span = |v: &[f64]| {
            let (lo, hi) = v
                .iter()
                .fold((0.0f64, 0.0f64), |(lo, hi), &x| (lo.min(x), hi.max(x)));
            let pad = 0.25 * (hi - lo).max(1e-3);
            Axis {
                min: lo - pad,
                max: hi + pad,
                len: NET_GRID,
            }
        };
        let labels = (
            format!("PC1 ({:.0} % of the path)", 100.0 * pca.explained[0]),
            format!("PC2 ({:.0} %)", 100.0 * pca.explained[1]),
        );
        self.landscape = Landscape::Filling {
            job: Box::new(PlaneGrid::new(pca.plane, span(&xs), span(&ys))),
            labels,
        };
        self.landscape_job = next_job();
    }

    /// The picture to draw now: the finished one, or the grid so far without contours.
    pub fn backdrop(&self) -> Option<Rc<Backdrop>> {
        match &self.landscape {
            Landscape::Exact(b) | Landscape::Done { backdrop: b, .. } => Some(b.clone()),
            Landscape::Filling { job, labels } => {
                let grid = job.grid().clone();
                let floor = grid.range().0;
                let floor = if floor.is_finite() { floor } else { 0.0 };
                Some(Rc::new(Backdrop::new(
                    grid,
                    floor,
                    0,
                    (labels.0.as_str(), labels.1.as_str()),
                )))
            }
            Landscape::Waiting => None,
        }
    }

    /// Whether landscape work is pending.
    pub fn filling(&self) -> bool {
        matches!(self.landscape, Landscape::Filling { .. })
    }

    /// Share of the landscape computed (1 when there is nothing to compute).
    pub fn landscape_progress(&self) -> f64 {
        match &self.landscape {
            Landscape::Filling { job, .. } => job.progress(),
            Landscape::Waiting => 0.0,
            _ => 1.0,
        }
    }

    /// The path of run `k` in the landscape's coordinates.
    pub fn path(&self, k: usize) -> Vec<(f64, f64)> {
        let run = &self.slots[k].run;
        match &self.landscape {
            Landscape::Exact(_) => run
                .trajectory()
                .map(|p| (f64::from(p[0]), f64::from(p[1])))
                .collect(),
            Landscape::Done { plane, .. } => project(plane, run.trajectory()),
            Landscape::Filling { job, .. } => project(job.plane(), run.trajectory()),
            Landscape::Waiting => Vec::new(),
        }
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
        let smooth = crate::engine::smooth::smoothed(
            &run.steps.iter().map(|s| s.loss).collect::<Vec<_>>(),
            0.9,
        );
        let progress = Progress {
            diverged_at: match run.status() {
                Status::Diverged { step } => Some(step),
                _ => None,
            },
            steps: run.iteration(),
            total: run.total_iterations(),
            first_loss: run.steps.first().map(|s| f64::from(s.loss)),
            loss: smooth.last().copied(),
        };
        let config = super::config::Config {
            lr0: slot.lr0,
            ..self.config.clone()
        };
        let mut r = report(&config, lr * accumulate as f64, self.curvature, progress);
        if accumulate > 1 {
            r.why.push_str(&format!(
                " (Gradients of {accumulate} minibatches are summed per step, nbs = {}, so each step uses {accumulate} × lr = {}.)",
                self.config.nbs,
                crate::engine::stability::fmt_lr(lr * accumulate as f64)
            ));
        }
        r
    }

    /// Pins run `k` as the ghost.
    pub fn pin(&mut self, k: usize) {
        let run = &self.slots[k].run;
        let path = if self.config.task == Task::Line {
            self.path(k)
        } else {
            Vec::new()
        };
        self.ghost = Some(Ghost {
            label: format!(
                "pinned lr0 {}",
                crate::engine::stability::fmt_lr(self.slots[k].lr0)
            ),
            losses: run.steps.iter().map(|s| s.loss).collect(),
            val: validation_points(run),
            path,
        });
    }

    /// The line task with a new lr0: new runs, computed whole at once, on the same data, valley
    /// and landscape (which do not depend on the rate), so a slider move costs one run per rate.
    pub fn rerun(&mut self, config: &Config) {
        let start = self.slots[0].run.trajectory().next().map(<[f32]>::to_vec);
        self.slots = build::compare_rates(config)
            .into_iter()
            .map(|lr0| {
                let mut run = build::run(config, lr0, start.clone());
                run.advance(usize::MAX);
                Slot { lr0, run }
            })
            .collect();
        self.config.lr0 = config.lr0;
    }

    /// Changes lr0 without a restart: every run keeps its weights and optimizer state and
    /// follows the new plan from its next iteration.
    pub fn set_lr0(&mut self, config: &Config) {
        let rates = build::compare_rates(config);
        for (slot, lr0) in self.slots.iter_mut().zip(rates) {
            slot.lr0 = lr0;
            let nb = slot.run.batches_per_epoch();
            slot.run.set_plan(build::plan(config, lr0, nb));
        }
        self.config.lr0 = config.lr0;
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

/// Coordinates of each snapshot on the plane: ⟨θ − θ₀, dₖ⟩/‖dₖ‖² (exact when θ − θ₀ lies in
/// the plane and the directions are orthogonal, as PCA's are).
fn project<'a>(plane: &Plane, snapshots: impl Iterator<Item = &'a [f32]>) -> Vec<(f64, f64)> {
    let norm2 = |d: &[f32]| {
        d.iter()
            .map(|&x| f64::from(x).powi(2))
            .sum::<f64>()
            .max(f64::MIN_POSITIVE)
    };
    let (n1, n2) = (norm2(&plane.d1), norm2(&plane.d2));
    snapshots
        .map(|th| {
            let (mut a, mut b) = (0.0, 0.0);
            for (((&t, &o), &x), &y) in th.iter().zip(&plane.origin).zip(&plane.d1).zip(&plane.d2) {
                let diff = f64::from(t) - f64::from(o);
                a += diff * f64::from(x);
                b += diff * f64::from(y);
            }
            (a / n1, b / n2)
        })
        .collect()
}
