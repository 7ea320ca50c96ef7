//! One run on the page, with what its plan says about its rates (for the verdict), its
//! resolved settings and its smoothed loss, each worked out once rather than every frame.

use std::cell::{Ref, RefCell};

use crate::engine::run::{Run, RunConfig};
use crate::engine::smooth::SmoothLoss;
use crate::state::plan;
use crate::state::settings::catalogue::RunSpec;
use crate::state::settings::config::Config;

/// Points of a plan looked at to find its peak: enough to find a warmup's end or a one-cycle's
/// top in any run the page allows.
const PLAN_SAMPLES: usize = 2000;

/// One run in the session.
pub struct Slot {
    /// Legend text.
    pub label: String,
    /// Its settings (its own lr0 in compare mode, its own variant in a lesson).
    pub config: Config,
    /// The same with `optimizer=auto` resolved ([`plan::effective`]): what the run trains with.
    pub effective: Config,
    /// The run.
    pub run: Run,
    /// The largest effective rate (lr × minibatches summed per step) of its whole plan.
    pub top: f64,
    /// The iteration where that rate is first reached.
    pub peak_at: usize,
    smooth: RefCell<Trail>,
}

/// The smoothed loss of every record so far, extended as the run advances: the verdict, the
/// read-outs and the loss chart all read it, so it is computed once.
#[derive(Default)]
struct Trail {
    /// The record stride it was computed at: a run that thins its records starts it again.
    stride: usize,
    /// Records whose value is final: all but the last, which a thinned run is still filling.
    settled: usize,
    /// The average after the settled records.
    avg: Option<SmoothLoss>,
    /// One value per record: the settled ones, then the last record's, worked out anew.
    values: Vec<f64>,
}

/// The smoothing of the loss chart's solid line and of the verdict's loss, from the run's
/// length: noisy minibatch curves of a few hundred steps read best at about 0.9, longer ones
/// need a longer memory.
pub fn smoothing(len: usize) -> f64 {
    (1.0 - 30.0 / len.max(1) as f64).clamp(0.6, 0.98)
}

/// The effective rate of a run at iteration `ni`: lr × [`plan::step_factor`], which is what meets
/// the curvature of the mean loss.
pub fn effective_lr(config: &RunConfig, ni: usize, nb: usize) -> f64 {
    let s = config.plan.at(ni, nb);
    s.lr_weight
        * plan::step_factor(
            &config.optimizer,
            config.loss_scale,
            config.batch,
            s.accumulate,
        )
}

/// The largest effective rate of a run over iterations `0..end`, and where it is first
/// reached, from evenly spaced samples and the last iteration.
pub fn peak(config: &RunConfig, nb: usize, end: usize) -> (f64, usize) {
    if end == 0 {
        return (effective_lr(config, 0, nb), 0);
    }
    let every = end.div_ceil(PLAN_SAMPLES).max(1);
    (0..end)
        .step_by(every)
        .chain(std::iter::once(end - 1))
        .map(|ni| (effective_lr(config, ni, nb), ni))
        .fold((f64::NEG_INFINITY, 0), |best, (lr, ni)| {
            if lr > best.0 { (lr, ni) } else { best }
        })
}

impl Slot {
    /// The runs for `specs`, from `start` if given; runs computed at once are run whole.
    pub fn build_all(specs: Vec<RunSpec>, start: &Option<Vec<f32>>) -> Vec<Slot> {
        specs
            .into_iter()
            .map(|spec| {
                let mut run = plan::run(&spec.config, start.clone());
                // A minibatch run's progress is read from the whole set's loss at the start.
                if run.batches_per_epoch() > 1 {
                    run.measure_start();
                }
                if spec.config.task.computed_at_once() {
                    run.advance(usize::MAX);
                }
                let mut slot = Slot {
                    label: spec.label,
                    effective: plan::effective(&spec.config),
                    config: spec.config,
                    run,
                    top: 0.0,
                    peak_at: 0,
                    smooth: RefCell::default(),
                };
                slot.measure_plan();
                slot
            })
            .collect()
    }

    fn measure_plan(&mut self) {
        let nb = self.run.batches_per_epoch();
        (self.top, self.peak_at) = peak(self.run.config(), nb, self.run.total_iterations());
    }

    /// Follows a new lr0 from the next iteration on, keeping weights and optimizer state.
    pub fn retune(&mut self, spec: RunSpec) {
        let nb = self.run.batches_per_epoch();
        self.run.set_plan(plan::plan(&spec.config, nb));
        self.label = spec.label;
        self.effective = plan::effective(&spec.config);
        self.config = spec.config;
        self.measure_plan();
    }

    /// The loss the chart's solid line shows after `records` records, the one a verdict quotes:
    /// smoothed over minibatches, a full-batch run's as it is (there is no noise to average,
    /// and a verdict quoting it smoothed read 0.022 beside the chart's 0.021). The verdict's
    /// patterns (bounces, a climb, a rest) still read the smoothed trail.
    pub fn shown_loss(&self, records: usize) -> Option<f64> {
        let loss = if self.run.batches_per_epoch() > 1 {
            self.smoothed(records).last().copied()
        } else {
            records
                .checked_sub(1)
                .and_then(|k| self.run.records_upto(records).get(k))
                .map(|r| f64::from(r.loss))
        };
        loss.filter(|l| l.is_finite())
    }

    /// The smoothed loss (debiased moving average at [`smoothing`]) after each of the first
    /// `records` records; a non-finite loss gives NaN and leaves the average as it was, as
    /// [`crate::engine::smooth::smoothed`] does. Drop the returned borrow before asking again.
    pub fn smoothed(&self, records: usize) -> Ref<'_, [f64]> {
        {
            let mut trail = self.smooth.borrow_mut();
            let stride = self.run.stride();
            let all = self.run.records_upto(usize::MAX);
            if trail.stride != stride || trail.settled > all.len() {
                *trail = Trail {
                    stride,
                    ..Trail::default()
                };
            }
            let beta = smoothing(self.run.total_iterations());
            let Trail {
                settled,
                avg,
                values,
                ..
            } = &mut *trail;
            let avg = avg.get_or_insert_with(|| SmoothLoss::with_beta(beta));
            let push = |avg: &mut SmoothLoss, loss: f32| {
                let l = f64::from(loss);
                if l.is_finite() { avg.push(l) } else { f64::NAN }
            };
            values.truncate(*settled);
            let last = all.len().saturating_sub(1);
            for r in &all[*settled..last.max(*settled)] {
                values.push(push(avg, r.loss));
            }
            *settled = values.len();
            if let Some(r) = all.get(last).filter(|_| last >= *settled) {
                values.push(push(&mut avg.clone(), r.loss));
            }
        }
        Ref::map(self.smooth.borrow(), |t| {
            &t.values[..records.min(t.values.len())]
        })
    }
}
