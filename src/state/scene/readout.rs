//! The read-outs: the numbers at the cursor, the verdict with its reason, and the marks on the
//! learning-rate slider.

use plotters::style::RGBColor;

use crate::engine::schedule::LrPlan;
use crate::engine::stability::critical_lr;
use crate::engine::stability::fmt_lr;
use crate::state::lessons::verdict::{Curvature, Report, Verdict, stable_limit};
use crate::state::plan;
use crate::state::runs::session::Session;
use crate::state::settings::config::{Config, OptKind};

/// The numbers shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Values {
    /// Iterations done, up to the cursor.
    pub iteration: usize,
    /// The epoch of that iteration (1-based); `None` where every epoch is one full-batch
    /// iteration, so the two numbers would always be equal (a student read "iteration 100,
    /// epoch 100" and asked how they differ).
    pub epoch: Option<usize>,
    /// The weights' learning rate then.
    pub lr: Option<f64>,
    /// Whether that iteration is in warmup, where the rate starts at 0 and climbs: a teacher's
    /// class would read "lr 0" at iteration 0 as a bug, so the read-out says so.
    pub warming: bool,
    /// The momentum then.
    pub momentum: Option<f64>,
    /// Whether the run has any momentum at all: plain SGD's constant 0 is not shown, as a
    /// number that never moves is one more to read on the first screen.
    pub has_momentum: bool,
    /// What the momentum is called: Adam's is its β₁, which Ultralytics logs as momentum (a
    /// student read "auto ignores momentum" beside "momentum 0.900" under AdamW).
    pub momentum_name: &'static str,
    /// The loss then, as the loss chart's solid line shows it (smoothed minibatch losses).
    pub loss: Option<f64>,
    /// Whether that loss is smoothed: a full-batch loss is shown as it is, and its label must
    /// not say "smoothed" (the line task's read-out did).
    pub smoothed: bool,
    /// Accuracy after the last complete epoch (validation where there is a validation set).
    pub accuracy: Option<f64>,
    /// Whether the task classifies, so accuracy has a place at all (a regression has none).
    pub classifies: bool,
    /// Which examples that accuracy is measured on, "validation" or "training": a teacher read
    /// "accuracy 100.0 %" beside a plot of the training data and asked which.
    pub accuracy_on: &'static str,
    /// Whose numbers these are, where other runs are beside the main one: its name and colour
    /// (a student comparing two runs could not tell which run the loss read-out was).
    pub run: Option<(String, RGBColor)>,
}

/// The read-out panel.
#[derive(Clone, Debug, PartialEq)]
pub struct Readout {
    /// The numbers.
    pub values: Values,
    /// The main run's verdict.
    pub verdict: Report,
    /// The other runs' verdicts: (label, verdict).
    pub others: Vec<(String, Verdict)>,
    /// Why each other run got its badge, in the same order: shown when the verdict is opened,
    /// so a badge beside the main one is explained too (a student opened "more" on the
    /// clipping lesson and found nothing on why the unclipped run was diverging).
    pub others_why: Vec<String>,
    /// The main run's name where others are beside it, so that its badge says whose it is,
    /// and "Toy task" where the reader's own YOLO run is in ([`toy_of_yours`]).
    pub main: Option<String>,
    /// Where the verdict advises a smaller lr0, the slider's rate to try, for a button beside
    /// the advice (a YOLO user's first wish: the advice said what to do, nothing did it).
    pub apply: Option<f64>,
    /// The reader's own run is in ([`toy_of_yours`]): the button says the rate is for the toy
    /// (a YOLO user read "Use lr0 0.00525" as advice to lower their real lr0).
    pub toy: bool,
}

/// A labelled value on the slider's scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Where it sits.
    pub value: f64,
    /// Short text under the scale.
    pub label: String,
    /// Longer text for the tooltip and screen readers.
    pub title: String,
    /// CSS class for its colour.
    pub class: &'static str,
}

impl Mark {
    /// Puts `marks` in order along the scale, ties as they were (one sort for every caller, so
    /// one copy of it in the bundle).
    pub fn in_scale_order(marks: &mut [Mark]) {
        marks.sort_by(|a, b| a.value.total_cmp(&b.value));
    }
}

impl Readout {
    /// The read-outs of the main run at iteration `shown` (0-based; `None` before any).
    pub fn build(session: &Session, shown: Option<usize>) -> Readout {
        let config = &session.config;
        let run = &session.slots[0].run;
        let nb = run.batches_per_epoch().max(1);
        let record = shown.and_then(|k| run.record_at(k));
        let epochs_done = shown.map_or(0, |k| (k + 1) / nb);
        let accuracy = epochs_done
            .checked_sub(1)
            .and_then(|e| run.epochs.get(e))
            .map(|e| e.val_accuracy.unwrap_or(e.train_accuracy))
            .filter(|_| config.task.has_accuracy());
        // What the loss chart's solid line shows there: smoothed minibatch losses, or the
        // full-batch loss as it is.
        let loss = shown.and_then(|k| session.slots[0].shown_loss(run.records_upto(k + 1).len()));
        let values = Values {
            iteration: shown.map_or(0, |k| k + 1),
            epoch: (nb > 1).then(|| shown.map_or(0, |k| k / nb + 1)),
            lr: Some(run.config().plan.at(shown.unwrap_or(0), nb).lr_weight),
            warming: shown.unwrap_or(0) < crate::state::plan::warmup_of(&run.config().plan),
            momentum: record.map(|r| r.momentum),
            has_momentum: config.momentum > 0.0
                || config.optimizer != OptKind::Sgd
                || run.config().plan.at(0, nb).momentum > 0.0,
            momentum_name: crate::state::plan::momentum_name(&run.config().optimizer),
            loss,
            smoothed: nb > 1,
            accuracy,
            classifies: session.config.task.has_accuracy(),
            // Every classifier here holds examples out (the toys and the digits alike); a run
            // whose epochs measured none says so.
            accuracy_on: if run.epochs.first().is_some_and(|e| e.val_accuracy.is_none()) {
                "training"
            } else {
                "validation"
            },
            run: (session.slots.len() > 1).then(|| {
                (
                    session.slots[0].label.clone(),
                    super::run_color(0, session.slots.len(), config.compare),
                )
            }),
        };
        let reports: Vec<Report> = (1..session.slots.len())
            .map(|k| session.report(k))
            .collect();
        Readout {
            values,
            verdict: session.report(0),
            main: match (session.slots.len() > 1, toy_of_yours(session)) {
                (true, true) => Some(format!("Toy task, {}", session.slots[0].label)),
                (true, false) => Some(session.slots[0].label.clone()),
                (false, true) => Some("Toy task".into()),
                (false, false) => None,
            },
            others: (1..session.slots.len())
                .zip(&reports)
                .map(|(k, r)| (session.slots[k].label.clone(), r.verdict))
                .collect(),
            others_why: reports.into_iter().map(|r| r.why).collect(),
            apply: None,
            toy: toy_of_yours(session),
        }
    }
}

/// Whether the reader has brought their own YOLO run (its args.yaml set the controls, or its
/// results.csv is read) and is on their own settings, not a lesson's: the verdict then names
/// the toy task, whose run it judges (a YOLO user read "OSCILLATING … Use lr0 0.00525" after
/// an import as advice for their own run).
pub fn toy_of_yours(session: &Session) -> bool {
    session.config.preset.is_none()
        && (session.yours.args.is_some() || session.yours.results.is_some())
}

impl super::Scene {
    /// The loaded run's findings for the top of the page, above the toy's verdict, where the
    /// plain page is the reader's and offers the way to Your run; none otherwise. A YOLO user
    /// met "Toy task: OSCILLATING … Lower lr0" at the top, read it as advice for their run,
    /// and found their run's own findings 2,000 px below.
    pub fn run_heads(&self, config: &Config) -> &[String] {
        let entry = crate::state::io::fullscale::run_entry(config, true).is_some();
        if self.readout.toy && entry {
            &self.yours.heads
        } else {
            &[]
        }
    }
}

/// The slider's marks for plain SGD: the stable limit, and on the exact valley without momentum
/// the best fixed rate. Adam-type optimizers rescale every step, so they have neither. The
/// marks are in lr0's units: a step that sums k mean-loss gradients (nbs accumulation, the
/// loss × batch) meets the curvature at k·lr, so each limit is divided by k.
pub fn marks(config: &Config, curvature: Curvature) -> Vec<Mark> {
    if config.optimizer != OptKind::Sgd {
        return Vec::new();
    }
    let k = plan::step_factor(
        &plan::optimizer(config),
        config.loss_scale,
        config.batch,
        match plan::plan(config, config.batches_per_epoch()) {
            LrPlan::Ultralytics(u) => u.accumulate(),
            _ => 1,
        },
    );
    let per = if k > 1.0 {
        // Plain words first: "mean-loss gradients a step sums" was jargon to a student.
        format!(
            ", divided by {k}: here the loss is added up over the images rather than averaged, so each step is {k} times as long at the same lr0"
        )
    } else {
        String::new()
    };
    // Beside the plain limit the two numbers differ, so the label says which way momentum moved
    // it: the heavy ball raises it to (2 + 2β)/λmax, Nesterov's look-ahead lowers it to
    // (2 + 2β)/((1 + 2β)·λmax).
    let lambda = match curvature {
        Curvature::Exact(sp) => Some(sp.lambda_max),
        Curvature::Estimated(l) => Some(l),
        Curvature::Unknown => None,
    };
    // Plain SGD's limit, where momentum moves it: named in the limit's label, as a number (the
    // slider does not draw it: a label of its own lay over the rate to try's, and a bare tick
    // puzzled students), and a mark of its own for the rate map.
    let plain = lambda
        .filter(|_| config.momentum > 0.0)
        .map(|l| critical_lr(l) / k);
    let about = if matches!(curvature, Curvature::Estimated(_)) {
        "≈ "
    } else {
        ""
    };
    let from = plain
        .map(|p| format!(" from {about}{}", fmt_lr(p)))
        .unwrap_or_default();
    let with = match (config.momentum > 0.0, config.nesterov) {
        (false, _) => String::new(),
        (true, false) => format!(" (momentum {} raises it{from})", config.momentum),
        (true, true) => format!(" (Nesterov {} lowers it{from})", config.momentum),
    };
    // Why, in the mark's tip: a phone's label drops the parenthesis, and a student met
    // "raises it" in one lesson and "lowers it" in the next with nothing between.
    let why = match (config.momentum > 0.0, config.nesterov) {
        (false, _) => "",
        (true, false) => {
            ". Momentum carries each step on, and across the valley successive steps partly cancel, so a larger rate stays stable"
        }
        (true, true) => {
            ". Nesterov momentum takes each gradient where momentum is about to carry the weights, so on a steep wall it meets the rise sooner: a smaller rate than plain SGD's is stable, where plain momentum allows a larger one"
        }
    };
    let mut marks = match curvature {
        Curvature::Exact(sp) => {
            let limit = stable_limit(config, sp.lambda_max) / k;
            let mut m = vec![Mark {
                value: limit,
                label: format!("limit {}{with}", fmt_lr(limit)),
                title: format!(
                    "the largest stable rate: above it each step overshoots further than the last (2/λmax, adjusted for momentum){per}{why}"
                ),
                class: "critical",
            }];
            if config.momentum == 0.0 {
                // Not drawn on the slider (the rate map's rate to try is, RateMap::slider_marks):
                // the map lists it among its other rates, and its trial runs include it.
                let best = sp.best_lr() / k;
                m.insert(
                    0,
                    Mark {
                        value: best,
                        label: format!("fastest {}", fmt_lr(best)),
                        title: format!(
                            "the fastest fixed rate in the long run (2/(λmin+λmax)){per}"
                        ),
                        class: "best",
                    },
                );
            }
            m
        }
        Curvature::Estimated(l) => {
            let limit = stable_limit(config, l) / k;
            vec![Mark {
                value: limit,
                // "at start": a lesson's text may quote the limit elsewhere (in a minimum), and
                // two numbers for one thing must say which is which.
                // Momentum's part in the tip, not the label: on a network it is not the
                // lesson's point, and a teacher read "limit at start ≈ 0.936 (Nesterov 0.9
                // lowers it from ≈ 1.38)" as jargon beside the warmup step.
                label: format!("limit at start ≈ {}", fmt_lr(limit)),
                title: format!(
                    "largest stable rate for how sharply the loss bends at the starting weights, estimated from a few gradients there{per}{}{why}",
                    if with.is_empty() {
                        String::new()
                    } else {
                        format!("; {}", with.trim_start().trim_matches(['(', ')']))
                    }
                ),
                class: "critical",
            }]
        }
        Curvature::Unknown => Vec::new(),
    };
    marks.extend(plain.map(|value| Mark {
        value,
        label: format!("limit without momentum {}", fmt_lr(value)),
        title: format!("the largest stable rate of plain SGD, without momentum (2/λmax){per}"),
        class: "plain",
    }));
    marks
}

/// What [`super::Lesson::changed`] says for the settings `now` of the lesson whose own are `own`.
pub fn changed_note(own: &Config, now: &Config) -> Option<String> {
    // The way back is a button beside the note (the menu cannot pick the lesson it shows, so
    // a student who followed "pick the lesson again" got nothing, and no question back).
    let back = "the sentence above is about the lesson's own run.";
    if !now.same_runs(own) {
        // Three at most: a new task changes a dozen.
        let mut list = now.changes_from(own);
        if list.len() > 3 {
            let more = list.len() - 3;
            list.truncate(3);
            list.push(format!("and {more} more"));
        }
        Some(format!("You changed {}: {back}", list.join(", ")))
    } else if now.lr0 != own.lr0 && now.optimizer == OptKind::Auto {
        // A student set lr0 here and saw the very same run, with nothing said.
        Some(format!(
            "optimizer=auto ignores your lr0 {}: this run is the lesson's own. Pick an optimizer in Settings to use lr0.",
            crate::engine::stability::fmt_lr(now.lr0)
        ))
    } else if now.lr0 != own.lr0 {
        Some(format!(
            "You set lr0 to {} (the lesson's is {}): {back}",
            crate::engine::stability::fmt_lr(now.lr0),
            crate::engine::stability::fmt_lr(own.lr0)
        ))
    } else {
        None
    }
}
