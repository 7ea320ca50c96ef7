//! The questions some lessons ask of their own, as data beside the lessons (which name them in
//! their entry): step decay asks what the loss does at the ÷10 cut, the batch lessons whether
//! batch ×4 (or ÷4) keeps lr0, and Ultralytics' defaults what rate the weights really get.
//! Each answer key is read off the finished runs, never written down beside the question, so a
//! lesson whose runs stop bearing its point out fails its test instead of marking a right
//! answer wrong (`tests/native/question.rs`). The panel that asks them is
//! `lessons::question`.

use crate::engine::optim::Optimizer;
use crate::engine::run::{Run, Status};
use crate::engine::stability::fmt_lr;
use crate::state::settings::config::Config;

/// How far apart two final losses may be, as a ratio, and still count as level: the batch
/// lessons' point is curves that match, and a hair's difference must not make one "lower".
pub const LEVEL: f64 = 1.25;

/// The question a lesson opens with, before its runs go.
#[derive(Clone, Copy, Debug)]
pub enum Ask {
    /// "What will this rate do?", the four regimes as answers: a lesson about one rate.
    Regime,
    /// "Which ends lower?", each run or level as answers: a lesson of two runs side by side.
    Lower,
    /// Its own question (step decay's cut, the batch rules, Ultralytics' defaults).
    Own(Question),
}

/// A run as a key reads it: its legend text and the run.
pub type Ended<'a> = (&'a str, &'a Run, Option<f64>);

/// An answer key: the right answer's index and the reason, from the runs.
pub type Key = (u8, String);

/// A question of the lesson's own.
#[derive(Clone, Copy, Debug)]
pub struct Question {
    /// The question and its answers (`Guess::Pick(k)` is answer `k`) for the lesson's settings.
    pub ask: fn(&Config) -> (String, Vec<String>),
    /// The right answer and the reason, from the settings and the ended runs; `None` when the
    /// runs answer none of the answers (a run that diverged, say).
    pub key: fn(&Config, &[Ended]) -> Option<Key>,
    /// What the runs are called while it waits, when their names would give the answer away;
    /// the schedule chart and the ledger, drawn from the settings, wait too.
    pub veil: Option<&'static str>,
}

/// Epoch means within this fraction of each other sit at one level.
pub const SAT: f64 = 0.05;

/// The lowest and highest mean loss of `epochs` (those at the high rate, before a cut), where
/// the last of them is no lower (within [`SAT`]) than the best before it: the rate had
/// stopped gaining.
pub fn high_rate_level(epochs: &[crate::engine::run::EpochRecord]) -> Option<(f64, f64)> {
    let (last, earlier) = epochs.split_last()?;
    let best = earlier
        .iter()
        .map(|e| e.train_loss)
        .fold(f64::INFINITY, f64::min);
    let hi = epochs.iter().map(|e| e.train_loss).fold(0.0, f64::max);
    (best.is_finite() && last.train_loss >= (1.0 - SAT) * best)
        .then(|| (best.min(last.train_loss), hi))
}

/// Where the loss goes when the rate is cut: down at once, level, or up.
pub const STEP_DECAY: Question = Question {
    // The loss chart's axis counts iterations: the cut is named in both units.
    ask: |c| {
        (
            format!(
                "the rate is cut ÷10 after epoch {}, at iteration {}. What does the loss do at the cut?",
                c.step_every,
                c.step_every * c.batches_per_epoch()
            ),
            vec![
                "it drops at once".to_string(),
                "it hardly changes".to_string(),
                "it rises".to_string(),
            ],
        )
    },
    key: |_, runs| {
        let run = runs.first()?.1;
        let (plan, nb) = (&run.config().plan, run.batches_per_epoch());
        let lr = |epoch: usize| plan.at(epoch * nb, nb).lr_weight;
        // The first epoch that starts at under half the rate of the one before: the cut, read
        // from the run's own plan so that the key follows its schedule.
        let cut = (1..run.epochs.len()).find(|&e| lr(e) < 0.5 * lr(e - 1))?;
        let (before, after) = (run.epochs[cut - 1].train_loss, run.epochs[cut].train_loss);
        if !(before.is_finite() && after.is_finite()) || before <= 0.0 || after <= 0.0 {
            return None;
        }
        let k = if after * LEVEL <= before {
            0
        } else if after >= before * LEVEL {
            2
        } else {
            1
        };
        let ratio = if after < before {
            format!("{:.1}× lower", before / after)
        } else {
            format!("{:.1}× higher", after / before)
        };
        // A student saw the last epoch before the cut level with the first (0.445 against
        // 0.446) and asked what the high rate's epochs were for: said, that is the lesson. As
        // a range the chart bears out: "sat at that level" beside a line bouncing from 0.35
        // to 0.7 read as a contradiction.
        let high = fmt_lr(lr(cut - 1));
        let level = match high_rate_level(&run.epochs[..cut]) {
            Some((lo, hi)) => format!(
                " At lr {high} the epochs' mean losses bounced between {} and {}, the last no lower than the best before it: more epochs at that rate would not have lowered it.",
                crate::engine::stability::fmt_loss(lo),
                crate::engine::stability::fmt_loss(hi)
            ),
            None => String::new(),
        };
        Some((
            k,
            format!(
                "The last epoch at lr {high} averaged loss {}; the first at lr {}, {}: {ratio}.{level} The smaller steps stop bouncing on the noise of minibatches of {} examples.",
                crate::engine::stability::fmt_loss(before),
                fmt_lr(lr(cut)),
                crate::engine::stability::fmt_loss(after),
                run.config().batch
            ),
        ))
    },
    veil: None,
};

/// The highest rate the weights get with Ultralytics' defaults, against the lr0 given.
pub const ULTRALYTICS_DEFAULTS: Question = Question {
    ask: |c| {
        let lr0 = fmt_lr(c.lr0);
        (
            format!(
                "Left at its defaults on these 2 classes, yolo train sets lr0 = {lr0} and optimizer=auto. What is the highest rate the weights train at?"
            ),
            vec![
                format!("lr0 = {lr0}, as set"),
                format!("well below {lr0}"),
                format!("above {lr0}"),
            ],
        )
    },
    key: |c, runs| {
        let run = runs.first()?.1;
        let stride = run.stride();
        let (at, peak) = run
            .steps
            .iter()
            .enumerate()
            .map(|(k, s)| (k * stride, s.lr_weight))
            .fold(None, |best: Option<(usize, f64)>, (at, lr)| match best {
                Some((_, top)) if top >= lr => best,
                _ => Some((at, lr)),
            })?;
        if !(peak.is_finite() && peak > 0.0 && c.lr0 > 0.0) {
            return None;
        }
        let k = if peak * LEVEL <= c.lr0 {
            1
        } else if peak >= c.lr0 * LEVEL {
            2
        } else {
            0
        };
        // The rate the run was built on: auto's own under optimizer=auto.
        let fitted = match &run.config().plan {
            crate::engine::schedule::LrPlan::Ultralytics(u) => u.lr0,
            crate::engine::schedule::LrPlan::Torch { lr0, .. } => *lr0,
            crate::engine::schedule::LrPlan::Constant { lr, .. } => *lr,
        };
        // Two rates for one run, said which is which, within the answer's two lines (a longer
        // one moved the charts at the run's end): the peak is auto's rate cut by the decay by
        // the end of warmup (a student read 0.00162 and 0.00167 and could not tell which
        // answered the question).
        let lower = match &run.config().plan {
            crate::engine::schedule::LrPlan::Ultralytics(u)
                if fmt_lr(peak) != fmt_lr(fitted)
                    && (peak / (fitted * u.lf(at / u.nb.max(1))) - 1.0).abs() < 0.01 =>
            {
                format!(
                    ", cut to {:.3} of that by the decay when warmup ended",
                    peak / fitted
                )
            }
            _ => String::new(),
        };
        let name = match run.config().optimizer {
            Optimizer::Sgd { .. } => "SGD",
            Optimizer::Adam {
                decoupled: true, ..
            } => "AdamW",
            Optimizer::Adam { .. } => "Adam",
            Optimizer::RmsProp { .. } => "RMSProp",
        };
        Some((
            k,
            format!(
                "The weights' rate peaked at {}, {:.1}× {} lr0 {}: auto trained {name} at {}, not lr0{lower}.",
                fmt_lr(peak),
                (peak / c.lr0).max(c.lr0 / peak),
                if peak < c.lr0 { "below" } else { "above" },
                fmt_lr(c.lr0),
                // Auto's rate by name beside the peak, and why the two differ (a student read
                // 0.00167 and 0.00162 with nothing between them).
                fmt_lr(fitted)
            ),
        ))
    },
    // Not "no arguments": with none at all yolo train trains coco8's 80 classes, and a YOLO
    // user read the 2-class answer as wrong for that.
    veil: Some("yolo train, at its defaults"),
};

/// Where run `e`'s line ends on the loss chart (smoothed over minibatches): the number its
/// badge and the read-out give (the mean of its last epochs read as a second loss for one
/// run, 0.0463 beside 0.0486); `None` once diverged.
fn end_loss(e: &Ended) -> Option<f64> {
    (!matches!(e.1.status(), Status::Diverged { .. }))
        .then_some(e.2)
        .flatten()
}

/// Which of two runs `candidates` keeps pace with run `reference`: the one whose last loss is
/// nearer (as a ratio) to the reference's, answer `k` for `candidates[k]`; with every loss, as
/// the reason.
fn pace(runs: &[Ended], reference: usize, candidates: [usize; 2]) -> Option<Key> {
    let goal = end_loss(runs.get(reference)?)?;
    let gap = |k: usize| -> Option<f64> {
        let loss = end_loss(runs.get(k)?)?;
        Some((loss / goal).ln().abs())
    };
    let gaps = [gap(candidates[0]), gap(candidates[1])];
    let k = match gaps {
        [Some(a), Some(b)] => u8::from(b < a),
        [Some(_), None] => 0,
        [None, Some(_)] => 1,
        [None, None] => return None,
    };
    // "batch 16, lr0 0.1", the legend's text, reads as "batch 16 at lr0 0.1" in a sentence.
    let name = |r: usize| {
        runs.get(r)
            .map_or(String::new(), |e| e.0.replace(", lr0", " at lr0"))
    };
    let end = |r: usize| {
        runs.get(r).and_then(end_loss).map_or_else(
            || "diverged".to_string(),
            crate::engine::stability::fmt_loss,
        )
    };
    let (near, far) = if k == 0 {
        (candidates[0], candidates[1])
    } else {
        (candidates[1], candidates[0])
    };
    Some((
        k,
        format!(
            "By the end {} is nearest to {}: loss {} against {}, where {} ends at {} (each where its smoothed line ends on the loss chart).",
            name(near),
            name(reference),
            end(near),
            end(reference),
            name(far),
            end(far)
        ),
    ))
}

/// Mean loss (PyTorch's default): batch ×4 at the same lr0, or at ×4.
pub const BATCH_LINEAR: Question = Question {
    ask: |c| {
        let small = (c.batch / 4).max(1);
        let lr = c.lr0 / 4.0;
        (
            format!(
                "batch {small} trains well at lr0 {}. With the mean loss, batch ×4 = {}: which keeps pace per epoch?",
                fmt_lr(lr),
                c.batch
            ),
            vec![
                format!("lr0 ×4 = {}", fmt_lr(c.lr0)),
                format!("keep lr0 {}", fmt_lr(lr)),
            ],
        )
    },
    // The runs: batch ×4 at lr0 ×4, the quarter batch, batch ×4 at the quarter's lr0.
    key: |_, runs| pace(runs, 1, [0, 2]),
    veil: None,
};

/// Ultralytics' loss × batch: batch ÷4 at the same lr0, or at ÷4.
pub const BATCH_ULTRALYTICS: Question = Question {
    ask: |c| {
        (
            format!(
                "Ultralytics sums about {} images' losses into each step. batch {} trains well at lr0 {}; at batch ÷4 = {}, which keeps pace per epoch?",
                c.nbs,
                c.batch,
                fmt_lr(c.lr0),
                (c.batch / 4).max(1)
            ),
            vec![
                format!("keep lr0 {}", fmt_lr(c.lr0)),
                format!("lr0 ÷4 = {}", fmt_lr(c.lr0 / 4.0)),
            ],
        )
    },
    // The runs: the lesson's batch, the quarter batch at the same lr0, and at lr0 ÷ 4.
    key: |_, runs| pace(runs, 0, [1, 2]),
    veil: None,
};
