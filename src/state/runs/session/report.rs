//! The verdict on each run, from what it did up to the iteration shown.

use super::Session;
use super::slot::{effective_lr, peak, smoothing};
use crate::engine::data::Targets;
use crate::engine::run::{LossScale, Status};
use crate::engine::schedule::LrPlan;
use crate::engine::stability::Spectrum;
use crate::state::lessons::verdict::{
    BOUNCE, Curvature, Facts, LITTLE, RISING, Report, SETTLED, Verdict, verdict,
};
use crate::state::plan::step_factor;
use crate::state::settings::config::OptKind;

/// Records needed before a swing or a climb in the smoothed loss means anything.
const JUDGE: usize = 20;

impl Session {
    /// The loss run `k` started from, as its verdict and its loss caption both quote it. On
    /// minibatches, the whole training set's loss at the starting weights
    /// ([`crate::engine::run::Run::start_loss`]): the first few minibatches are a noisy sample of
    /// it, and on the fine-tune step five of them averaged 0.0140 against the set's 0.03, so a
    /// loss that fell read as one that rose. A full-batch loss has no noise: its start is its
    /// first step's, as the chart shows it. None before the first step is shown.
    pub fn first_loss(&self, k: usize) -> Option<f64> {
        let run = &self.slots[k].run;
        if self.shown(k) == 0 {
            return None;
        }
        run.start_loss()
            .or_else(|| run.first_losses().first().map(|&l| f64::from(l)))
    }

    /// What run `k` did up to the iteration shown.
    pub fn facts(&self, k: usize) -> Facts {
        let slot = &self.slots[k];
        let run = &slot.run;
        let shown = self.shown(k);
        let nb = run.batches_per_epoch();
        let epochs = shown / nb.max(1);
        let epoch = epochs.checked_sub(1).and_then(|e| run.epochs.get(e));
        let classes = match &run.train_set().targets {
            Targets::Classes { count, .. } => Some(*count),
            Targets::Values(_) => None,
        };
        let lr_now = effective_lr(run.config(), shown.saturating_sub(1), nb);
        let first_loss = self.first_loss(k);
        let swept = self.swept_points();
        let loss = slot.shown_loss(run.records_upto(shown).len());
        // Only a landscape with more than one basin: on the line's quadratic the one minimum is
        // the floor, and a run above it is crawling, not stuck.
        let basins = self.surface.as_ref().filter(|_| self.valley.is_none());
        Facts {
            diverged_at: match run.status() {
                Status::Diverged { step } if step < shown => Some(step),
                _ => None,
            },
            steps: shown,
            total: run.total_iterations(),
            per_epoch: nb,
            first_loss,
            loss,
            lowest: self.lowest(k),
            // The quadratic's floor only: measured against the sine's deep minimum, a run that
            // has settled in its shallow one would read as a crawl that more epochs would cure.
            floor: self.valley.as_ref().map(|v| v.min_loss),
            accuracy: epoch.map(|e| e.val_accuracy.unwrap_or(e.train_accuracy)),
            chance: classes.map(|c| 1.0 / c.max(1) as f64),
            lr_now,
            lr_peak: peak(run.config(), nb, shown.max(1)).0,
            lr_top: slot.top,
            rising: shown <= slot.peak_at && lr_now < 0.999 * slot.top,
            settled: self.settled(k),
            lower: basins.map(|s| (s.min_loss, s.minimum)),
            // Only where that surface exists: a network's path is projected on demand.
            heading: basins
                .and_then(|s| s.basin_floor(*self.path(k).last()?))
                .map(|(loss, _)| loss),
            no_rate_learns: self.no_rate_learns(first_loss),
            fails_from: swept
                .as_deref()
                .and_then(crate::state::runs::sweep::goes_wrong),
            rebound: self.rebound(k),
            climbing: self.climbing(k),
            bounces: self.bounces(k),
            half: {
                let n = run.records_upto(shown).len();
                (n >= JUDGE).then(|| slot.shown_loss(n / 2 + 1)).flatten()
            },
            others: self.lowest_other(k).map(|(l, _)| l),
            swept: swept
                .as_deref()
                .and_then(crate::state::runs::sweep::best_before_edge),
            // The page's setting: compare mode under auto runs auto's optimizer itself, and
            // the slider's lr0 is still the one auto ignores.
            auto: self.config.optimizer == OptKind::Auto,
            warmup_iters: crate::state::plan::warmup_of(&run.config().plan),
        }
    }

    /// The largest rebound of run `k`'s smoothed loss over the last half of the steps shown,
    /// once there are [`JUDGE`] records: a low and the highest point after it. A loss that only
    /// falls has none to speak of (its high is its low); one that bounces has a high far above.
    fn rebound(&self, k: usize) -> Option<(f64, f64)> {
        let slot = &self.slots[k];
        let n = slot.run.records_upto(self.shown(k)).len();
        if n < JUDGE {
            return None;
        }
        let smooth = slot.smoothed(n);
        let mut low = f64::INFINITY;
        let mut best: Option<(f64, f64)> = None;
        for &l in smooth[n / 2..]
            .iter()
            .filter(|l| l.is_finite() && **l > 0.0)
        {
            low = low.min(l);
            if best.is_none_or(|(lo, hi)| l / low > hi / lo) {
                best = Some((low, l));
            }
        }
        best
    }

    /// The lowest of run `k`'s loss as the chart draws it (smoothed over minibatches, as it is
    /// on a full batch) up to the iteration shown. Read in place: this runs every frame.
    fn lowest(&self, k: usize) -> Option<f64> {
        let slot = &self.slots[k];
        let records = slot.run.records_upto(self.shown(k));
        let low = if slot.run.batches_per_epoch() == 1 {
            records
                .iter()
                .map(|r| f64::from(r.loss))
                .fold(f64::NAN, f64::min)
        } else {
            slot.smoothed(records.len())
                .iter()
                .copied()
                .fold(f64::NAN, f64::min)
        };
        low.is_finite().then_some(low)
    }

    /// How many times run `k`'s loss as the chart draws it (smoothed, over minibatches) climbed
    /// back by over [`BOUNCE`] × its low,
    /// after the first tenth of the steps shown (the start's fall is no bounce).
    fn bounces(&self, k: usize) -> usize {
        let slot = &self.slots[k];
        let n = slot.run.records_upto(self.shown(k)).len();
        if n < JUDGE {
            return 0;
        }
        // A full-batch loss has no noise, and the chart draws it as it is: its bounces are
        // counted there (smoothed, momentum's tenfold swings on the line every few steps
        // averaged out to none, beside a chart that showed them). Read in place: this runs
        // every frame.
        let records = slot.run.records_upto(self.shown(k));
        if slot.run.batches_per_epoch() == 1 {
            count_bounces(records[n / 10..].iter().map(|r| f64::from(r.loss)))
        } else {
            count_bounces(slot.smoothed(n)[n / 10..].iter().copied())
        }
    }

    /// Whether run `k`'s smoothed loss over the last tenth of the steps shown averages over
    /// [`RISING`] × the tenth before.
    fn climbing(&self, k: usize) -> bool {
        let slot = &self.slots[k];
        let n = slot.run.records_upto(self.shown(k)).len();
        if n < JUDGE {
            return false;
        }
        let smooth = slot.smoothed(n);
        let tenth = n / 10;
        let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len() as f64;
        mean(&smooth[n - tenth..]) > RISING * mean(&smooth[n - 2 * tenth..n - tenth])
    }

    /// The sweep, where it is of the main run's settings (its runs start from the same weights).
    /// Any lr0 ([`Config::same_runs`], the rule by which a session keeps its sweep): the sweep
    /// trains every rate of these settings, and stays on the page while the slider moves (with
    /// lr0 compared too, a student who dragged the slider after sweeping was
    /// told the sweep "shows whether any rate does" beside its finished chart).
    fn own_sweep(&self) -> Option<&crate::state::runs::sweep::Sweep> {
        let own = crate::state::runs::sweep::swept(&self.slots[0].config);
        self.sweep.as_ref().filter(|s| s.config.same_runs(&own))
    }

    /// The runs of a finished sweep of the main run's settings, by rate: collected once per
    /// verdict, for where they go wrong and the lowest before that.
    fn swept_points(&self) -> Option<Vec<crate::state::runs::sweep::SweepPoint>> {
        let sweep = self.own_sweep().filter(|s| s.finished())?;
        Some(sweep.points.iter().flatten().copied().collect())
    }

    /// Whether a finished sweep of the main run's settings found no rate that takes
    /// [`LITTLE`] off the starting loss `first`.
    fn no_rate_learns(&self, first: Option<f64>) -> bool {
        let (Some(sweep), Some(first)) = (self.own_sweep(), first) else {
            return false;
        };
        !sweep.points.is_empty()
            && sweep.points.iter().all(|p| {
                p.as_ref().is_some_and(|p| {
                    p.diverged || p.loss.is_none_or(|l| l > (1.0 - LITTLE) * first)
                })
            })
    }

    /// Whether run `k` has come to rest by the iteration shown: its smoothed loss moved under
    /// [`SETTLED`] of itself over the last tenth of the steps, and its gradient norm is under
    /// [`SETTLED`] × its first.
    fn settled(&self, k: usize) -> bool {
        let slot = &self.slots[k];
        let records = slot.run.records_upto(self.shown(k));
        let n = records.len();
        if n < 20 {
            return false;
        }
        let smooth = slot.smoothed(n);
        let (then, now) = (smooth[n - 1 - n / 10], smooth[n - 1]);
        let flat = (now - then).abs() <= SETTLED * now.abs();
        let (first, last) = (records[0].grad_norm, records[n - 1].grad_norm);
        flat && f64::from(last) <= SETTLED * f64::from(first)
    }

    /// The main run as CSV, smoothed as the loss chart smooths it.
    pub fn csv(&self) -> String {
        let run = &self.slots[0].run;
        crate::state::io::export::run_csv(run, smoothing(run.total_iterations()))
    }

    /// The verdict on run `k` at the iteration shown.
    pub fn report(&self, k: usize) -> Report {
        let slot = &self.slots[k];
        let mut facts = self.facts(k);
        let config = slot.run.config();
        let settings = config
            .plan
            .at(facts.steps.saturating_sub(1), facts.per_epoch);
        // The minibatches a step sums once warmup's ramp is done, as the slider's marks count
        // them: a YOLO user met "Lower lr0 below 0.0201" (3 summed, in warmup) beside the
        // slider's limit 0.0151 (4 summed), and lr0 0.016 diverges once the ramp ends.
        let full = match &config.plan {
            LrPlan::Ultralytics(u) => u.accumulate(),
            _ => settings.accumulate,
        };
        let factor = step_factor(&config.optimizer, config.loss_scale, config.batch, full);
        // The verdict speaks in the slider's units: a step that sums `factor` mean-loss
        // gradients meets curvature λ as a rate lr·factor would, i.e. lr meets λ·factor. Each
        // step's rate × its own factor, divided by the full factor, keeps every comparison
        // with the limit as it was at that step.
        let curvature = match self.curvature {
            Curvature::Exact(s) => Curvature::Exact(Spectrum {
                lambda_min: s.lambda_min * factor,
                lambda_max: s.lambda_max * factor,
            }),
            Curvature::Estimated(l) => Curvature::Estimated(l * factor),
            Curvature::Unknown => Curvature::Unknown,
        };
        for lr in [&mut facts.lr_now, &mut facts.lr_peak, &mut facts.lr_top] {
            *lr /= factor;
        }
        let mut r = verdict(&slot.effective, curvature, &facts);
        if r.verdict == Verdict::Stalled {
            r.why.push_str(&self.one_difference(k).unwrap_or_default());
        }
        let scaled = config.loss_scale == LossScale::Batch;
        // With the count's source: a student met 4 summed on one lesson and none on another,
        // both at batch 16, and nothing said why (nbs 64 on one, 16 on the other).
        let nbs = slot.config.nbs;
        let ratio = format!(
            "nbs {nbs} ÷ batch {}{}",
            config.batch,
            if nbs % config.batch.max(1) == 0 {
                ""
            } else {
                ", rounded"
            }
        );
        // While warmup still ramps the count up, both counts.
        let summed = if settings.accumulate < full {
            format!(
                "up to {full} minibatches ({ratio}) are summed per step ({} so far, as warmup ramps the count up)",
                settings.accumulate
            )
        } else {
            format!("{full} minibatches ({ratio}) are summed per step")
        };
        let why = match (full > 1, scaled) {
            _ if factor == 1.0 => None,
            (true, false) => Some(format!("Gradients of {summed}")),
            (true, true) => Some(format!(
                "The loss is multiplied by the batch size, {}, and the gradients of {summed}",
                config.batch
            )),
            (false, _) => Some(format!(
                "The loss is multiplied by the batch size, {}, and with nbs {nbs}, no more than the batch, each minibatch is a step of its own",
                config.batch
            )),
        };
        if let Some(why) = why {
            r.why.push_str(&format!(
                " ({why}, so a step moves by {}{} × lr on the mean loss.)",
                if settings.accumulate < full {
                    "up to "
                } else {
                    ""
                },
                factor
            ));
        }
        r
    }
}

impl Session {
    /// The page's other run (not `k`) whose smoothed loss is lowest at the iteration it shows,
    /// as (loss, index): what a run is weighed against.
    fn lowest_other(&self, k: usize) -> Option<(f64, usize)> {
        (0..self.slots.len())
            .filter(|&j| j != k)
            .filter_map(|j| {
                let n = self.slots[j].run.records_upto(self.shown(j)).len();
                self.slots[j].shown_loss(n).map(|l| (l, j))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
    }

    /// Where run `k` differs in one setting only from the page's other run that is lowest
    /// now, that setting, as a sentence: then it alone left the run behind (the seed is the
    /// same). Three reviewers met warmup's run without it badged stalled below the limit, and
    /// asked why.
    fn one_difference(&self, k: usize) -> Option<String> {
        let (_, j) = self.lowest_other(k)?;
        let (mine, theirs) = (&self.slots[k].config, &self.slots[j].config);
        let differ: Vec<_> = crate::state::settings::params::PARAMS
            .iter()
            .filter(|p| !p.page_only() && p.write(mine) != p.write(theirs))
            .collect();
        let [p] = differ.as_slice() else {
            return None;
        };
        Some(format!(
            " It differs from {} in one setting only, {} {} against {}: that alone left it behind.",
            self.slots[j].label,
            p.key.name(),
            p.show(mine),
            p.show(theirs)
        ))
    }
}

/// How many times `line` climbed back by over [`BOUNCE`] × its low, each counted from the low
/// after the one before.
fn count_bounces(line: impl Iterator<Item = f64>) -> usize {
    // One climb is one bounce however many steps it takes: it counts once, and the next is
    // looked for only once the loss falls again (counted step by step, Adam's six swings on the
    // SGD-vs-Adam lesson were "21 times" beside a chart that drew six).
    let (mut low, mut prev, mut count, mut climbing) = (f64::INFINITY, f64::INFINITY, 0, false);
    for l in line.filter(|l| l.is_finite()) {
        if climbing {
            if l < prev {
                (climbing, low) = (false, l);
            }
        } else if l > BOUNCE * low {
            (count, climbing) = (count + 1, true);
        } else {
            low = low.min(l);
        }
        prev = l;
    }
    count
}
