//! The landscape panel: the exact plane of a two-weight task, or a network's plane filled in a few
//! points at a time, on this thread or in workers (which receive a [`LandscapeJob`] and answer
//! with a [`Delivery`]).

use std::rc::Rc;

use crate::charts::landscape::Backdrop;
use crate::engine::data::Dataset;
use crate::engine::landscape::{PlaneGrid, pca_plane, random_plane};
use crate::engine::layout::Layout;
use crate::engine::model::Model;
use crate::engine::plane::{Axis, Plane};
use crate::engine::run::Run;
use crate::engine::surface::Surface;
use crate::engine::workloads::{Workload, landscape_setup};
use crate::state::settings::config::Config;
use crate::state::settings::url::{parse_query, to_query};

/// Landscape grid points per side for networks.
pub const NET_GRID: usize = 32;
/// Training examples the network landscapes are evaluated on: a fixed sample keeps a 32 × 32
/// grid to a few seconds in the browser (the full-data grids are the L2/L3 benchmarks).
pub const LANDSCAPE_EXAMPLES: usize = 256;

/// Which landscape a batch of points belongs to: late answers for a replaced landscape are
/// recognised by it and dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct JobId(pub u32);

/// A number no other landscape job of this page has had (also across sessions).
fn next_job() -> JobId {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    JobId(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// Landscape points for a worker to compute: the losses at grid indices `range` of the plane
/// origin + a·d1 + b·d2, for the model and data that `spec` names ([`worker_setup`]).
#[derive(Clone, Debug, PartialEq)]
pub struct LandscapeJob {
    /// The landscape.
    pub job: JobId,
    /// The settings' URL query, or `workload=L2`/`L3` for the benchmarks.
    pub spec: String,
    /// The plane.
    pub plane: Plane,
    /// The grid's horizontal axis.
    pub x: Axis,
    /// The grid's vertical axis.
    pub y: Axis,
    /// Row-major grid indices.
    pub range: std::ops::Range<usize>,
}

/// A worker's answer to a [`LandscapeJob`].
#[derive(Clone, Debug, PartialEq)]
pub struct Delivery {
    /// The landscape.
    pub job: JobId,
    /// The first grid index.
    pub start: usize,
    /// The losses from there on.
    pub values: Vec<f64>,
}

/// The model and data a job's spec names: a benchmark workload, or the landscape sample of the
/// task a URL query describes, the same sample the page uses.
pub fn worker_setup(spec: &str) -> (Box<dyn Model>, Dataset) {
    if let Some(setup) = spec
        .strip_prefix("workload=")
        .and_then(Workload::parse)
        .and_then(landscape_setup)
    {
        return setup;
    }
    let (config, _) = parse_query(spec);
    let (train, _) = config
        .task
        .data(config.seed, config.noise, [config.shift, config.spread]);
    (config.task.model(), sample(&train))
}

fn sample(train: &Dataset) -> Dataset {
    train.subset(&(0..train.len().min(LANDSCAPE_EXAMPLES)).collect::<Vec<_>>())
}

/// How the landscape of a network is cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Directions {
    /// The two directions the path moved most (Li et al. 2018, §7), after the run.
    Pca,
    /// Two filter-normalised random directions through the start (Li et al. 2018, §4), live.
    Random,
}

/// What the panel shows.
pub enum View {
    /// A two-weight task: the exact (w, b) plane, complete at once.
    Exact(Rc<Backdrop>),
    /// A network's plane, being filled in.
    Filling {
        /// The grid so far.
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

/// A finished picture and the plane it was computed on.
type Picture = (Rc<Backdrop>, Plane);

/// How the random plane's axes are named, and known again.
const RANDOM: &str = "random direction";

/// The landscape panel of a session.
pub struct Landscape {
    /// What it shows.
    pub view: View,
    /// The last finished picture, shown while the next one fills in.
    previous: Option<Picture>,
    /// The plane of random directions through the start, once computed: networks show it while
    /// they train, until the plane of their path is known.
    random: Option<Picture>,
    seed: u64,
    /// How a network's plane is cut.
    pub directions: Directions,
    /// Points are computed elsewhere (workers) and arrive through [`Landscape::receive`].
    pub external: bool,
    job: JobId,
    spec: String,
    pca_snapshots: usize,
    /// The examples a network's landscape is evaluated on.
    pub data: Dataset,
    /// A model to evaluate them with.
    pub probe: Box<dyn Model>,
    layout: Layout,
}

impl Landscape {
    /// The panel for the settings, whose runs train on `train` from `start`; a two-weight
    /// task's `surface` is its exact plane.
    pub fn new(config: &Config, train: &Dataset, start: &[f32], surface: Option<&Surface>) -> Self {
        let probe = config.task.model();
        let layout = probe.layout().clone();
        let directions = if config.random_dirs {
            Directions::Random
        } else {
            Directions::Pca
        };
        let mut panel = Self {
            view: View::Waiting,
            previous: None,
            random: None,
            seed: config.seed,
            directions,
            external: false,
            job: JobId(0),
            spec: to_query(config),
            pca_snapshots: 0,
            data: sample(train),
            probe,
            layout,
        };
        if let Some(surface) = surface {
            let backdrop = Backdrop::new(surface.grid.clone(), surface.min_loss, 14, surface.names);
            panel.view = View::Exact(Rc::new(backdrop));
        } else {
            panel.begin_random(start);
        }
        panel
    }

    /// Starts the plane of two filter-normalised random directions through `start`: the
    /// landscape of `dirs=random`, and what a network shows while it trains until its path's
    /// own plane can be computed.
    fn begin_random(&mut self, start: &[f32]) {
        let plane = random_plane(&self.layout, start, self.seed ^ 0x1a5d);
        let axis = Axis {
            min: -1.0,
            max: 1.0,
            len: NET_GRID,
        };
        self.begin(
            PlaneGrid::new(plane, axis, axis),
            (format!("{RANDOM} 1"), format!("{RANDOM} 2")),
        );
    }

    fn begin(&mut self, grid: PlaneGrid, labels: (String, String)) {
        if let View::Done { backdrop, plane } = &self.view {
            self.previous = Some((backdrop.clone(), plane.as_ref().clone()));
        }
        self.view = View::Filling {
            job: Box::new(grid),
            labels,
        };
        self.job = next_job();
    }

    /// Back to the start for new runs from the same weights: the random plane again (at once,
    /// if it was computed before), and a new plane of the path when they end.
    pub fn restart(&mut self, run: &Run) {
        if matches!(self.view, View::Exact(_)) {
            return;
        }
        self.pca_snapshots = 0;
        self.previous = None;
        match self.random.clone() {
            Some((backdrop, plane)) => {
                self.view = View::Done {
                    backdrop,
                    plane: Box::new(plane),
                }
            }
            None => {
                let start = run.trajectory().next().unwrap_or(&[]).to_vec();
                self.begin_random(&start);
            }
        }
    }

    /// Whether the plane shown is one of random directions, not the path's own: the picture
    /// drawn, which while the path's plane fills in is still the random one (a student met
    /// "the path's two main directions (PCA)" under axes named "random direction 1").
    pub fn random_plane(&self) -> bool {
        let shown = match (&self.view, &self.previous) {
            (View::Filling { .. }, Some((b, _))) | (View::Done { backdrop: b, .. }, _) => {
                &b.labels.0
            }
            (View::Filling { labels, .. }, None) => &labels.0,
            (View::Exact(_) | View::Waiting, _) => return self.pca_snapshots == 0,
        };
        shown.starts_with(RANDOM)
    }

    /// Whether a PCA plane of `run`'s path would show more of it than the current one.
    pub fn wants_pca(&self, run: &Run) -> bool {
        self.directions == Directions::Pca
            && !matches!(self.view, View::Exact(_))
            && self.pca_snapshots < run.trajectory().len()
    }

    /// Starts the plane of the two directions the paths of `runs` (the main run first) moved
    /// most, through the main run's end (networks, PCA only). Runs side by side share the plane,
    /// so each path shows how it differs; a run that diverged is left out, or its flight would
    /// squeeze the others into a dot.
    pub fn start_pca(&mut self, runs: &[&Run]) {
        if self.directions != Directions::Pca || matches!(self.view, View::Exact(_)) {
            return;
        }
        let Some((main, others)) = runs.split_first() else {
            return;
        };
        // The main run's path last: the plane goes through its last point.
        // Borrowed, not copied: three runs' snapshots of a conv net are megabytes.
        let traj: Vec<&[f32]> = others
            .iter()
            .filter(|r| !matches!(r.status(), crate::engine::run::Status::Diverged { .. }))
            .chain(std::iter::once(main))
            .flat_map(|r| r.trajectory())
            .collect();
        self.pca_snapshots = main.trajectory().len();
        let Some(pca) = pca_plane(&self.layout, &traj) else {
            return;
        };
        let (xs, ys): (Vec<f64>, Vec<f64>) = pca.coords.iter().copied().unzip();
        let span = |v: &[f64]| {
            let (lo, hi) = v
                .iter()
                .fold((0.0f64, 0.0f64), |(lo, hi), &x| (lo.min(x), hi.max(x)));
            let pad = 0.25 * (hi - lo).max(1e-3);
            // Shifted by under half a cell so that a grid point lies on the origin, the main
            // run's end: a narrow minimum there (a fine-tuned run's) is sampled, not straddled.
            let step = (hi - lo + 2.0 * pad) / (NET_GRID - 1) as f64;
            let min = -((pad - lo) / step).round() * step;
            Axis {
                min,
                max: min + step * (NET_GRID - 1) as f64,
                len: NET_GRID,
            }
        };
        let labels = (
            format!("PC1 ({:.0} % of the path)", 100.0 * pca.explained[0]),
            format!("PC2 ({:.0} %)", 100.0 * pca.explained[1]),
        );
        self.begin(PlaneGrid::new(pca.plane, span(&xs), span(&ys)), labels);
    }

    /// Computes points on this thread until `clock()` passes `deadline` (milliseconds).
    pub fn fill(&mut self, deadline: f64, clock: &dyn Fn() -> f64) {
        loop {
            let View::Filling { job, .. } = &mut self.view else {
                return;
            };
            if job.advance(self.probe.as_mut(), &self.data, 4) {
                self.finish();
                return;
            }
            if clock() >= deadline {
                return;
            }
        }
    }

    /// Turns a complete grid into the finished picture, with contours.
    fn finish(&mut self) {
        let View::Filling { job, labels } = &self.view else {
            return;
        };
        if !job.is_done() {
            return;
        }
        let floor = job.grid().range().0;
        let backdrop = Rc::new(Backdrop::new(
            job.grid().clone(),
            floor,
            12,
            (labels.0.as_str(), labels.1.as_str()),
        ));
        let plane = job.plane().clone();
        if self.pca_snapshots == 0 {
            self.random = Some((backdrop.clone(), plane.clone()));
        }
        self.previous = None;
        self.view = View::Done {
            backdrop,
            plane: Box::new(plane),
        };
    }

    /// The next `points` points to compute elsewhere.
    pub fn hand_out(&mut self, points: usize) -> Option<LandscapeJob> {
        let View::Filling { job, .. } = &mut self.view else {
            return None;
        };
        let range = job.hand_out(points)?;
        Some(LandscapeJob {
            job: self.job,
            spec: self.spec.clone(),
            plane: job.plane().clone(),
            x: job.grid().x,
            y: job.grid().y,
            range,
        })
    }

    /// Computes here what was handed to workers that failed: from now on every point is
    /// computed on this thread.
    pub fn reclaim(&mut self) {
        self.external = false;
        if let View::Filling { job, .. } = &mut self.view {
            job.reclaim();
        }
    }

    /// Stores points computed elsewhere; those of another landscape are dropped.
    pub fn receive(&mut self, delivery: &Delivery) {
        if delivery.job != self.job {
            return;
        }
        if let View::Filling { job, .. } = &mut self.view {
            job.fill(delivery.start, &delivery.values);
        }
        self.finish();
    }

    /// The picture to draw now: the finished one; while the next fills in, the last finished
    /// one, else the grid so far without contours.
    pub fn backdrop(&self) -> Option<Rc<Backdrop>> {
        match &self.view {
            View::Exact(b) | View::Done { backdrop: b, .. } => Some(b.clone()),
            View::Filling { .. } if self.previous.is_some() => {
                self.previous.as_ref().map(|(b, _)| b.clone())
            }
            View::Filling { job, labels } => {
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
            View::Waiting => None,
        }
    }

    /// Whether points are still to be computed.
    pub fn filling(&self) -> bool {
        matches!(self.view, View::Filling { .. })
    }

    /// Share of the landscape computed (1 when there is nothing to compute).
    pub fn progress(&self) -> f64 {
        match &self.view {
            View::Filling { job, .. } => job.progress(),
            View::Waiting => 0.0,
            _ => 1.0,
        }
    }

    /// `run`'s path in the coordinates of the picture shown.
    pub fn path(&self, run: &Run) -> Vec<(f64, f64)> {
        let plane = match (&self.view, &self.previous) {
            (View::Exact(_), _) => {
                return run
                    .trajectory()
                    .map(|p| (f64::from(p[0]), f64::from(p[1])))
                    .collect();
            }
            (View::Filling { .. }, Some((_, previous))) => previous,
            (View::Filling { job, .. }, None) => job.plane(),
            (View::Done { plane, .. }, _) => plane.as_ref(),
            (View::Waiting, _) => return Vec::new(),
        };
        run.trajectory().map(|th| plane.project(th)).collect()
    }
}
