//! The LR sweep: the main run's settings trained to the end at [`SWEEP_RATES`] rates spread
//! evenly on a log scale over the slider's range, for the picture that sums up the topic (the
//! first plot of Google's Deep Learning Tuning Playbook): final loss against lr0, a U whose right
//! wall is a cliff where runs diverge.
//!
//! Each rate is one job. The page hands jobs to the landscape workers and stores what they send
//! back, so points appear as runs finish; without workers (or once they fail) the page trains
//! the runs itself a few milliseconds per frame. The line task's runs take microseconds, so its
//! sweep is done at once.

use crate::engine::run::{Run, Status};
use crate::engine::stability::fmt_lr;
pub use crate::engine::sweep::SweepPoint;
use crate::state::plan;
use crate::state::settings::config::{Config, LR_MAX, LR_MIN};
use crate::state::settings::preset::Preset;

/// Rates a sweep trains at.
pub const SWEEP_RATES: usize = 25;

/// The swept rates: [`SWEEP_RATES`] log-spaced from [`LR_MIN`] to [`LR_MAX`], both included,
/// each rounded to the 3 significant digits the page writes it with. A rate a student reads in
/// the sweep and types into the box is then the very rate the sweep trained: a network's run
/// is chaotic enough that 0.178 and 0.17783 end apart (a student read 98 % right at "0.178"
/// in the sweep and got 96 % typing it).
pub fn rates() -> Vec<f64> {
    crate::engine::sweep::log_rates(LR_MIN, LR_MAX, SWEEP_RATES)
        .into_iter()
        .map(|r| fmt_lr(r).parse().unwrap_or(r))
        .collect()
}

/// The settings a sweep trains: the main run's, with `optimizer=auto` resolved (auto ignores
/// lr0, so the sweep varies the rate of the optimizer auto picked).
pub fn swept(config: &Config) -> Config {
    plan::effective(config)
}

/// Trains `config` at `lr0` to its end (a worker's job, and the page's own fallback).
pub fn train_point(config: &Config, lr0: f64) -> SweepPoint {
    let mut run = point_run(config, lr0);
    run.advance(usize::MAX);
    SweepPoint::of(&run, lr0)
}

fn point_run(config: &Config, lr0: f64) -> Run {
    let c = Config {
        lr0,
        ..config.clone()
    };
    plan::run(&c, plan::start(&c))
}

/// How long a worker may take over one sweep run before the page gives up on it (ms): ten
/// seconds, plus twenty times what the run's examples cost natively on the machine the
/// benchmarks ran on (an MLP example about 0.25 µs, a conv-net one about 2.5 µs), for slow
/// machines and wasm's first, unoptimised tier.
pub fn allowance_ms(config: &Config) -> f64 {
    let per_example_us = match config.task {
        crate::state::settings::task::Task::Line => 0.05,
        // Not benchmarked: a sine and a cosine per example, taken as four times the line's;
        // either way its runs take milliseconds against the ten seconds' floor.
        crate::state::settings::task::Task::Sine => 0.2,
        crate::state::settings::task::Task::Toy(_) => 0.25,
        crate::state::settings::task::Task::Digits => 2.5,
    };
    // A lesson that starts from trained weights trains them first (`plan::pretrained`).
    let pretraining = if config.preset.is_some_and(Preset::pretrained) {
        30
    } else {
        0
    };
    let examples = (config.epochs + pretraining) * config.task.train_len();
    10_000.0 + 20.0 * examples as f64 * per_example_us / 1000.0
}

/// A sweep job for a worker: train `query`'s settings at `lr0`.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepJob {
    /// Which sweep (answers to an older one are dropped).
    pub sweep: u32,
    /// Which rate.
    pub index: usize,
    /// The rate.
    pub lr0: f64,
    /// The settings, as a URL query.
    pub query: String,
    /// How long the worker may take ([`allowance_ms`]).
    pub allowance_ms: f64,
}

/// A sweep in progress or done.
pub struct Sweep {
    /// Its number: answers carry it.
    pub id: u32,
    /// The settings trained (lr0 aside).
    pub config: Config,
    /// The rates, lowest first.
    pub rates: Vec<f64>,
    /// What each rate's run ended with, once it has.
    pub points: Vec<Option<SweepPoint>>,
    /// Jobs given to workers and not yet answered.
    handed: Vec<bool>,
    /// The run this page is training itself, with its index.
    local: Option<(usize, Run)>,
    /// Workers take the jobs.
    pub external: bool,
}

impl std::fmt::Debug for Sweep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sweep")
            .field("id", &self.id)
            .field("done", &self.done())
            .finish_non_exhaustive()
    }
}

impl Sweep {
    /// A sweep of the main run's settings `config`, numbered `id`.
    pub fn new(config: &Config, id: u32) -> Sweep {
        let rates = rates();
        Sweep {
            id,
            config: swept(config),
            points: vec![None; rates.len()],
            handed: vec![false; rates.len()],
            rates,
            local: None,
            external: false,
        }
    }

    /// Runs finished.
    pub fn done(&self) -> usize {
        self.points.iter().flatten().count()
    }

    /// Whether every rate has its point.
    pub fn finished(&self) -> bool {
        self.points.iter().all(Option::is_some)
    }

    /// Whether jobs are waiting for a worker.
    pub fn waiting(&self) -> bool {
        self.next_free().is_some()
    }

    fn next_free(&self) -> Option<usize> {
        let local = self.local.as_ref().map(|(k, _)| *k);
        (0..self.rates.len())
            .find(|&k| self.points[k].is_none() && !self.handed[k] && Some(k) != local)
    }

    /// The next job for a worker, if one is waiting.
    pub fn hand_out(&mut self) -> Option<SweepJob> {
        let k = self.next_free()?;
        self.handed[k] = true;
        Some(SweepJob {
            sweep: self.id,
            index: k,
            lr0: self.rates[k],
            query: crate::state::settings::url::to_query(&self.config),
            allowance_ms: allowance_ms(&self.config),
        })
    }

    /// Stores a worker's answer for job `index` of sweep `id` (others' are dropped).
    pub fn receive(&mut self, id: u32, index: usize, values: &[f64]) {
        if id != self.id || index >= self.rates.len() {
            return;
        }
        self.handed[index] = false;
        if let Some(p) = SweepPoint::from_values(self.rates[index], values) {
            self.points[index] = Some(p);
        }
    }

    /// The workers are gone: the jobs they held are this page's again.
    pub fn reclaim(&mut self) {
        self.handed.iter_mut().for_each(|h| *h = false);
        self.external = false;
    }

    /// Trains runs on this page until `clock()` passes `until` (ms), a few hundred iterations
    /// at a time so a frame stays short; while workers take the jobs, only the one begun here.
    pub fn work(&mut self, until: f64, clock: &dyn Fn() -> f64) {
        while clock() < until {
            // A run begun here is finished here, even once workers take the rest.
            let (k, mut run) = match self.local.take() {
                Some(local) => local,
                None if self.external => return,
                None => {
                    let Some(k) = self.next_free() else { return };
                    (k, point_run(&self.config, self.rates[k]))
                }
            };
            run.advance(256);
            if run.status() == Status::Running {
                self.local = Some((k, run));
            } else {
                self.points[k] = Some(SweepPoint::of(&run, self.rates[k]));
            }
        }
    }
}

/// A final loss over this many times the lowest before it marks a rate where runs go wrong,
/// even where they do not yet diverge: the curve's U turning up.
pub const JUMP: f64 = 2.0;

/// Validation accuracies within this of the best are level with it: two examples in the toy
/// tasks' hundred, which one run's luck in its first steps moves.
pub const LEVEL: f64 = 0.02;

/// Whether run `p` failed: it diverged, or ended no lower than `floor`, 90 % of the smallest
/// rate's final loss (it learned nothing the crawl did not). A network's loss can blow up to 16
/// without a NaN, and that is as much a failure.
fn failed(p: &SweepPoint, floor: f64) -> bool {
    p.diverged || p.loss.is_none_or(|l| l.is_nan() || l >= floor)
}

/// The index of the last run that learned, with the floor [`failed`] reads against.
fn last_learned(points: &[SweepPoint]) -> Option<(usize, f64)> {
    let floor = 0.9 * points.first()?.loss?;
    Some((points.iter().rposition(|p| !failed(p, floor))?, floor))
}

/// The first rate above every run that learned, from which every run [`failed`].
pub fn fails_from(points: &[SweepPoint]) -> Option<f64> {
    let (last, _) = last_learned(points)?;
    points[last + 1..].first().map(|p| p.lr0)
}

/// Runs past the lowest point, at rate `lowest`, that [`failed`] below a larger rate that
/// learned, with that rate: the cliff is where every run fails, and a failure before it is one
/// run's bad luck in its first steps (a student read "Runs fail from 1 on" beside 0.316 at
/// coin-toss accuracy and 0.562 at 95 %). Below the lowest point a run that "fails" merely
/// crawled.
pub fn stray_failures(points: &[SweepPoint], lowest: f64) -> Option<(Vec<f64>, f64)> {
    let (last, floor) = last_learned(points)?;
    let strays: Vec<f64> = points[..last]
        .iter()
        .filter(|p| p.lr0 > lowest && failed(p, floor))
        .map(|p| p.lr0)
        .collect();
    (!strays.is_empty()).then(|| (strays, points[last].lr0))
}

/// The first swept rate from which runs go wrong: one diverges, or its final loss jumps over
/// [`JUMP`] × the lowest of the rates below it while its accuracy, where there is one, is more
/// than [`LEVEL`] below the best below it. A classifier whose loss jumps on a few confident
/// misses but which classifies as well as any run below has not gone wrong (on spirals a student
/// read "runs go wrong from 0.178" beside 0.178's 98 %, the sweep's best accuracy; on the
/// clipping lesson the map shaded its own lr0, 0.05 at 100 %, "runs go wrong" from a rate at
/// 98 % beside 100 % below it).
pub fn edge(points: &[SweepPoint]) -> Option<usize> {
    let (mut low, mut best) = (f64::INFINITY, f64::NEG_INFINITY);
    for (k, p) in points.iter().enumerate() {
        // The margin is for the rounding of `LEVEL` itself: 0.98 is level with 1.
        let classifies = p.accuracy.is_some_and(|a| a >= best - LEVEL - 1e-9);
        match p.loss.filter(|_| !p.diverged) {
            Some(l) if l <= JUMP * low || !low.is_finite() || classifies => low = low.min(l),
            _ => return Some(k),
        }
        best = best.max(p.accuracy.unwrap_or(f64::NEG_INFINITY));
    }
    None
}

/// The lowest final loss among `points` (by rate) before the first run from which runs go
/// wrong ([`edge`]), as (loss, rate).
pub fn best_before_edge(points: &[SweepPoint]) -> Option<(f64, f64)> {
    let end = edge(points).unwrap_or(points.len());
    points[..end]
        .iter()
        .filter(|p| !p.diverged)
        .filter_map(|p| p.loss.map(|l| (l, p.lr0)))
        .min_by(|a, b| a.0.total_cmp(&b.0))
}

/// The rate from which the sweep's runs go wrong, as the slider marks it ("runs go wrong from"):
/// where the loss jumps or accuracy drops, else where runs diverge.
pub fn goes_wrong(points: &[SweepPoint]) -> Option<f64> {
    let wall = fails_from(points);
    edge(points)
        .map(|k| points[k].lr0)
        .filter(|e| wall.is_none_or(|c| *e < c))
        .or(wall)
}
