//! The Scene: everything the page shows, decided once per frame from the session. Components
//! receive it and only draw it, so what a learner sees is tested natively. A new view is a
//! field here, a draw function in `charts/` and a component.

mod cache;
mod colors;
mod figure;
mod finder;
mod fit;
mod grad;
pub mod layout;
mod ledger;
mod mountain;
mod rate_map;
mod readout;
mod sweep;
mod views;
mod yours;

pub use crate::state::lessons::verdict::plain_opening;
pub use cache::{Reference, SceneCache};
pub use colors::{GHOST, run_color};
pub use figure::{Figure, figure, settings_line};
pub use finder::{FinderView, PICK as FINDER_PICK, flat as finder_flat};
pub use layout::Layout;
pub use ledger::{GroupRow, LedgerLine, LedgerView, ledger};
pub use mountain::{HOW_TO_TURN, Turn, describe};
pub use rate_map::{
    End as ZoneEnd, RateInputs, RateMap, RatePoint, Source as RateSource, Zone, agree, within,
};
pub use readout::{Mark, Readout, Values, changed_note, marks};
pub use sweep::{SweepView, TIE as SWEEP_TIE, sentence as sweep_sentence};
pub use views::{LandscapeView, ScheduleView};
pub use yours::{YourRunView, thousands, your_run};

use std::rc::Rc;

use crate::charts::boundary::Boundary;
use crate::charts::grad::GradChart;
use crate::charts::loss::LossChart;
use crate::state::lessons::predict::{self, PredictView, Prediction};
use crate::state::lessons::question;
use crate::state::lessons::verdict::Verdict;
use crate::state::plan;
use crate::state::runs::session::Session;
use crate::state::settings::config::OptKind;
use crate::state::settings::preset::Preset;

/// The run bar: playback and the time cursor.
#[derive(Clone, Debug, PartialEq)]
pub struct RunBar {
    /// Advancing frame by frame.
    pub playing: bool,
    /// Every run has stopped and is shown whole.
    pub finished: bool,
    /// Iterations per frame (0: as many as fit, or the whole run in a few seconds).
    pub speed: usize,
    /// The speed menu, as this task names its speeds.
    pub speeds: [(usize, &'static str); 7],
    /// Iterations of the main run shown.
    pub iteration: usize,
    /// Iterations in the whole run.
    pub total: usize,
    /// The iteration looked at (the cursor's, else the latest), 0-based, if any.
    pub shown: Option<usize>,
    /// A ghost is pinned.
    pub has_ghost: bool,
    /// The query that pins the main run as it is now.
    pub pin: String,
}

/// Everything the page draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Playback and cursor.
    pub run_bar: RunBar,
    /// Numbers and the verdict.
    pub readout: Readout,
    /// Marks on the lr0 slider: the rate to try, where the page knows one, and the limits.
    pub marks: Vec<Mark>,
    /// The schedule chart.
    pub schedule: ScheduleView,
    /// The schedule chart and the ledger wait with the question, whose answer they show.
    pub veiled: bool,
    /// The loss chart.
    pub loss: Rc<LossChart>,
    /// The landscape chart.
    pub landscape: LandscapeView,
    /// The decision boundary, for tasks that classify points of the plane.
    pub boundary: Option<Rc<Boundary>>,
    /// The data and the fit, for the two-weight tasks.
    pub fit: Option<Rc<crate::charts::fit::Fit>>,
    /// What the lesson says, or on the default page where to start.
    pub lesson: Option<Lesson>,
    /// What the page tells the reader about itself (a failed worker).
    pub notes: Vec<String>,
    /// What `optimizer=auto` picked, and that lr0 is ignored; `None` without auto.
    pub auto: Option<String>,
    /// The effective-LR ledger of the main run at the cursor.
    pub ledger: Rc<LedgerView>,
    /// The LR range test, once run.
    pub finder: Option<FinderView>,
    /// The LR sweep, once started.
    pub sweep: Option<SweepView>,
    /// Every rate the page knows, on one axis, and why they differ.
    pub rate_map: Rc<RateMap>,
    /// The gradient norms, when asked for (`grad=1`).
    pub grad: Option<Rc<GradChart>>,
    /// The question a lesson opens with, its answer and, once the run has ended, the result.
    pub predict: Option<PredictView>,
    /// The user's own YOLO run at full scale, apart from the toy model's.
    pub yours: Rc<YourRunView>,
}

/// The lesson's text: its claim, always in view, and what lies behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// One sentence the picture shows.
    pub claim: &'static str,
    /// More, for whoever reads on.
    pub detail: Option<&'static str>,
    /// Where the learner has changed the lesson's settings, which the claim no longer
    /// describes: what changed, and the way back (a claim left beside a run it is not about
    /// read as a contradiction: "no step overshoots" beside a diverging run).
    pub changed: Option<String>,
}

impl Lesson {
    /// The "why" in two folds: its plain-words opening, and the details after "In detail, "
    /// (sentence-cased), which the page folds once more. Every reviewer found the formulas that
    /// followed the plain sentence too much at a first reading. A detail with no such opening is
    /// all plain.
    pub fn why(&self) -> Option<(&'static str, Option<String>)> {
        let detail = self.detail?;
        Some(match detail.split_once(" In detail, ") {
            Some((plain, rest)) => (plain, Some(crate::charts::capitalised(rest))),
            None => (detail, None),
        })
    }
}

/// The first visit's suggestion, on the page with every setting at its default.
pub const FIRST_VISIT: &str = "Try this: drag lr0, which scales each downhill step, to the right: the path crawls, runs smoothly down, zig-zags, then flies off.";

/// The question of the lesson on the page, by its kind.
fn predict_view(session: &Session, readout: &Readout) -> Option<PredictView> {
    let config = &session.config;
    let preset = config.preset?;
    // A new rate is a new experiment, for every kind of question: an answer is about the rate it
    // was given at (a student set lr0 0.1 after answering a side-by-side question and read it
    // graded on runs never predicted).
    if matches!(session.prediction, Prediction::Answered { lr0, .. } if lr0 != config.lr0) {
        return None;
    }
    if let Some(q) = preset.question() {
        let runs: Vec<_> = session
            .slots
            .iter()
            .map(|s| (s.label.as_str(), &s.run, s.shown_loss(s.run.recorded())))
            .collect();
        question::view(q, session.prediction, config, &runs, session.finished())
    } else if preset.compares() {
        predict::compare_view(
            session.prediction,
            &session.ends(),
            session.finished(),
            session.slots[0].run.batches_per_epoch() > 1,
        )
    } else {
        predict::view(
            session.prediction,
            [config.lr0, session.slots[0].config.momentum],
            session.finished(),
            &readout.verdict,
        )
    }
}

impl Scene {
    /// The scene of `session` at time `now` (milliseconds; it paces the landscape's refresh).
    pub fn build(session: &Session, cache: &mut SceneCache, now: f64) -> Scene {
        let config = &session.config;
        let run = &session.slots[0].run;
        let done = session.shown(0);
        let at = config
            .at
            .checked_sub(1)
            .map(|c| c.min(done.saturating_sub(1)));
        let shown = at.or(done.checked_sub(1));
        let (settings, references, hidden) = cache.schedule(session);
        let lesson = match config.preset {
            // The claim would give the answer away: it appears once the reader has answered,
            // and once the run has answered too (a conclusion beside a run still animating
            // tells the class what to see before it has happened).
            Some(_) if session.prediction == Prediction::Asking => None,
            Some(_) if session.prediction != Prediction::Off && !session.finished() => None,
            Some(p) => Some(Lesson {
                claim: p.claim(),
                detail: Some(p.lesson()),
                changed: changed_note(&p.config(), config),
            }),
            // Kept while only lr0 moves: the suggestion is to drag it, and a box that vanished
            // on the first drag moved the slider under the pointer.
            None if config.same_runs(&super::Config::default()) => Some(Lesson {
                claim: FIRST_VISIT,
                detail: None,
                changed: None,
            }),
            None => None,
        };
        // The defaults lesson's claim, in view, names auto's pick; changed, the lesson's box
        // keeps its height (its note takes the "why" line's place), and a note appearing
        // below it moved the charts 24 px under the pointer that set lr0.
        let claim_says_auto =
            config.preset == Some(Preset::UltralyticsDefaults) && lesson.is_some();
        let marks = cache.marks(config, session.curvature);
        let mut readout = Readout::build(session, shown);
        // While a lesson asks, the limit marks would give the answer away (what the rate will
        // do, which run ends lower), and so would the finder's and the sweep's words on it.
        let asking = session.prediction == Prediction::Asking && config.preset.is_some();
        let limit = marks
            .iter()
            .find(|m| m.class == "critical")
            .map(|m| m.value)
            .filter(|_| !asking);
        let marks = if asking { Vec::new() } else { marks };
        let sweep = session
            .sweep
            .as_ref()
            .map(|s| cache.sweep(s, config.lr0, limit, config.optimizer == OptKind::Auto));
        // The settings the run really uses (optimizer=auto resolved), and on the exact valley
        // the rate below which a whole run crawls: the finder and the rate map both read them.
        let used = plan::effective(config);
        // Plain SGD's crawl, as the verdict's crawl rule reads it: with momentum the same rate
        // goes further (a student on the momentum lesson was told every fixed rate crawls and
        // to add the momentum it had, and the rate to try converged).
        let plain = used.optimizer == OptKind::Sgd && used.momentum == 0.0;
        let crawl_below = match session.curvature {
            crate::state::lessons::verdict::Curvature::Exact(sp) if plain => {
                Some(sp.crawl_lr(session.slots[0].run.total_iterations()))
            }
            _ => None,
        };
        let loss = views::loss_chart(session, at);
        let mut schedule = ScheduleView::build(
            &session.slots[0].config,
            used.lr0,
            settings,
            references,
            at,
            session.logged.clone(),
        );
        schedule.per_epoch = loss.epochs.then(|| run.batches_per_epoch());
        schedule.hidden = hidden;
        let landscape = views::landscape_view(session, cache, at, now);
        let shown_loss = readout.values.loss.map(|l| (l, readout.values.smoothed));
        let rate_map = {
            let sgd = used.optimizer == OptKind::Sgd;
            let trials = rate_map::exact_limit(&marks, sgd)
                .filter(|_| !cache.first_screen)
                .map(|l| {
                    let fastest = marks.iter().find(|m| m.class == "best").map(|m| m.value);
                    cache.trials(config, l, fastest)
                });
            Rc::new(RateMap::build(&RateInputs {
                asking,
                marks: &marks,
                finder: session.finder.as_deref(),
                sweep: sweep.as_ref(),
                epochs: config.epochs,
                lr0: config.lr0,
                sgd,
                auto: (config.optimizer == OptKind::Auto)
                    .then(|| (used.lr0, used.optimizer.name())),
                trials: trials.as_deref().map(Vec::as_slice),
                crawl_below,
                start_loss: session.first_loss(0),
                clip: used.clip,
            }))
        };
        // The finder's pick and the sweep's coarser grid, each against the map's band.
        let mut sweep = sweep;
        if let Some(v) = sweep.as_mut() {
            rate_map.annotate(v);
        }
        let finder = session.finder.clone().map(|f| {
            let mut v = FinderView::build(f, config.lr0, crawl_below);
            v.limit = limit.filter(|_| config.task.exact_landscape());
            v.agrees = v
                .pick()
                .and_then(|p| rate_map.relation(sweep.as_ref(), "its pick", p));
            v
        });
        // One rate suggested, on the slider as in the map; the fastest is in the map's fold.
        let slider = if asking {
            Vec::new()
        } else {
            let mut slider = rate_map.slider_marks(
                &marks,
                rate_map.try_lr.zip(crawl_below).is_some_and(|(t, c)| t < c),
            );
            // A lesson whose lr0 was chosen for what it shows keeps its run's limits on the
            // slider but not the page's own pick, until the learner sets a rate of their own.
            let own = config.preset.filter(|p| !p.about_the_rate());
            // Where the biases' warmup rate is what flies off, no lr0 helps: a YOLO user took
            // "try 0.00754" and the run diverged again.
            let bias =
                readout.verdict.advice.as_deref().is_some_and(|a| {
                    a.starts_with(crate::state::lessons::verdict::WARMUP_BIAS_ADVICE)
                });
            if bias || own.is_some_and(|p| changed_note(&p.config(), config).is_none()) {
                slider.retain(|m| m.class != "try");
            }
            // Beside a run of another optimizer, the marks say whose they are: a student met
            // "limit 0.00726" beside Adam training best at 0.3, with nothing saying the limit
            // was SGD's.
            let others = session.slots[1..]
                .iter()
                .any(|s| s.effective.optimizer != used.optimizer);
            if others {
                for m in &mut slider {
                    m.label = format!("{} {}", used.optimizer.name(), m.label);
                }
            }
            if config.optimizer == OptKind::Auto {
                slider.push(rate_map::auto_mark(used.lr0, used.optimizer.name()));
                Mark::in_scale_order(&mut slider);
            }
            // Beside the reader's own run, every mark is the toy's: a YOLO user read "try
            // 0.00433" on the lr0 slider as advice for their run, and "auto uses 7.14e-4" beside
            // their run's 0.00167.
            if readout.toy {
                for m in &mut slider {
                    m.label = format!("toy: {}", m.label);
                }
            }
            slider
        };
        // The verdict weighs lr0 against the limit at the start; where the slider draws the
        // sweep's line instead, the verdict says where that is.
        let notes = [
            rate_map.verdict_note(&marks, used.lr0),
            rate_map.good_rate_note(&readout.verdict.why, used.lr0),
        ];
        for note in notes.into_iter().flatten() {
            readout.verdict.why = format!("{} {note}", readout.verdict.why);
        }
        // The advice's button sets the rate the slider and the map offer, never one above the
        // run's, and not under auto, whose rate lr0 does not set. A run that flew off or broke
        // the model gets it too where its text advises in words (spirals at lr0 10).
        let advised = readout.verdict.advice.is_some()
            || matches!(readout.verdict.verdict, Verdict::Diverging | Verdict::Stuck);
        readout.apply = slider
            .iter()
            .find(|m| m.class == "try")
            .map(|m| m.value)
            .filter(|&t| advised && t < used.lr0)
            .filter(|_| config.optimizer != OptKind::Auto && rate_map.use_optimizer.is_none());
        Scene {
            predict: predict_view(session, &readout),
            run_bar: RunBar {
                playing: session.playback.playing,
                finished: session.finished(),
                speed: session.playback.speed,
                speeds: crate::state::runs::session::speed_menu(config.task.computed_at_once()),
                iteration: done,
                total: run.total_iterations(),
                shown,
                has_ghost: session.ghost.is_some(),
                pin: session.pin_query(),
            },
            readout,
            veiled: session.prediction == Prediction::Asking
                && config
                    .preset
                    .and_then(|p| p.question())
                    .is_some_and(|q| q.veil.is_some()),
            schedule,
            loss: Rc::new(loss),
            fit: fit::build(
                config.task,
                session.slots[0].run.train_set(),
                &landscape,
                shown_loss,
                &mut cache.fit,
            ),
            landscape,
            boundary: cache.boundary(session),
            lesson,
            notes: session.notes.clone(),
            // What optimizer=auto picked is the Ultralytics-defaults question's answer, and
            // that lesson's claim and "why" say it: the note beside them was a second "why"
            // with the same words.
            // Presenting, the pointer to the Your-run panel goes: that panel is not shown.
            auto: plan::auto_note(config)
                .filter(|_| session.prediction != Prediction::Asking)
                .filter(|_| !claim_says_auto)
                // Beside the reader's own run, whose auto pick Your run gives, it names its task.
                .map(|n| match (config.present, readout::toy_of_yours(session)) {
                    (true, _) => n.replace(plan::YOUR_RUN_POINTER, ""),
                    (_, true) => format!("On the toy task, {n}"),
                    _ => n,
                }),
            ledger: cache.ledger(&session.slots[0].config, shown.unwrap_or(0)),
            finder,
            grad: config.grad.then(|| cache.grad(session)),
            yours: cache.yours(&session.slots[0].config, &session.yours),
            marks: slider,
            rate_map,
            sweep,
        }
    }
}
