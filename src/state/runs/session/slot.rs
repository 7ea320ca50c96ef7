//! One run on the page, with what its plan says about its rates (for the verdict).

use crate::engine::run::{Run, RunConfig};
use crate::state::lessons::catalogue::RunSpec;
use crate::state::plan;
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
    /// The run.
    pub run: Run,
    /// The largest effective rate (lr × minibatches summed per step) of its whole plan.
    pub top: f64,
    /// The iteration where that rate is first reached.
    pub peak_at: usize,
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
                if spec.config.task.computed_at_once() {
                    run.advance(usize::MAX);
                }
                let mut slot = Slot {
                    label: spec.label,
                    config: spec.config,
                    run,
                    top: 0.0,
                    peak_at: 0,
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
        self.config = spec.config;
        self.measure_plan();
    }
}
