//! One short line per mark on the rate map saying why it differs from the rate to try: a
//! learner shown eight "good" rates needs a reason for each that is not the one to use.

use super::band::within;
use super::ratio::times;
use super::{RatePoint, Source};
use crate::engine::stability::fmt_lr;
use crate::engine::sweep::SweepPoint;
use crate::state::scene::sweep::AGREE;
use crate::state::settings::config::{LR_MAX, LR_MIN};

/// What [`why`] weighs each mark against.
pub struct Context {
    /// The rate to try.
    pub pick: Option<f64>,
    /// The rates whose runs end as low as it.
    pub band: Option<(f64, f64)>,
    /// The pick comes from the trial runs.
    pub trials: bool,
    /// The sweep's lowest point lies past a run that went wrong.
    pub lucky: bool,
    /// The pick keeps to half the limit, below the sweep's lowest point.
    pub calm: bool,
    /// The finder's minibatches.
    pub minibatches: usize,
    /// The first rate from which the sweep's whole runs go wrong, once it has run.
    pub wrong: Option<f64>,
    /// The finished sweep's runs, lowest rate first; empty before it has run.
    pub swept: Vec<SweepPoint>,
}

/// Why `p` differs from the recommended rate, in one short line; a mark inside the band of
/// rates that end as low says so.
pub fn why(p: &RatePoint, c: &Context) -> String {
    let (pick, band, trials, minibatches) = (c.pick, c.band, c.trials, c.minibatches);
    let same = pick.is_some_and(|r| super::agree(r, p.value));
    let inside = band.is_some_and(|b| within(b, p.value)) && p.source != Source::Limit;
    let near = if inside {
        " (in the green band: its runs end as low)"
    } else if same {
        " (near the one to try)"
    } else {
        ""
    };
    let what = match (p.source, p.label.as_str()) {
        // The start's estimate bounds the first steps only: a student read "above it each step
        // overshoots" on the spirals, whose whole runs fail from 0.316, far below 2.75.
        // What the sweep found, where it has run: a student read "can go wrong well below it"
        // on the moons, whose runs trained up to 1.78, above the limit at start 1.43.
        (Source::Limit, "limit at start") => {
            let runs = match c.wrong {
                Some(w) if w < p.value => format!("here whole runs go wrong from {}, below it", fmt_lr(w)),
                Some(w) => format!("here whole runs train past it, up to {}, where they go wrong", fmt_lr(w)),
                None => "a network's whole runs can go wrong below it or train past it: the sweep shows which".to_string(),
            };
            format!("an upper bound for the first steps, not a target: it is worked out from how sharply the loss bends at the starting weights, and {runs}")
        }
        // Where the trial run at the limit itself ended lowest, the bound is the rate to try too,
        // and says so: a YOLO user met "try 0.00525" beside "limit 0.00525: not a target".
        (Source::Limit, _) if trials && pick.is_some_and(|r| fmt_lr(r) == fmt_lr(p.value)) => "an upper bound: above it each step overshoots by more than it corrects; here it is the rate to try too, as of the trial runs up to it the one at it ended lowest".to_string(),
        (Source::Limit, _) => "an upper bound, not a target: above it each step overshoots by more than it corrects".to_string(),
        (Source::PlainLimit, _) => "the limit without momentum".to_string(),
        (Source::Fastest, _) if pick.is_none_or(|r| fmt_lr(r) == fmt_lr(p.value)) => {
            "the fastest fixed rate on the exact valley".to_string()
        }
        (Source::Fastest, _) if inside => "the fastest fixed rate in the long run, 2/(λmin+λmax): it ends as low, but so near the limit that its steps overshoot and the path zig-zags".to_string(),
        (Source::Fastest, _) if trials => "the fastest fixed rate in the long run, 2/(λmin+λmax); over these epochs the trial runs ended a little lower at the rate to try".to_string(),
        (Source::Fastest, _) => "the fastest fixed rate in the long run, 2/(λmin+λmax)".to_string(),
        // "The finder's pick" is min/10 alone, as the finder panel names it: a student read
        // "the finder's first pick" here beside the panel's "The finder's pick: lr0 near 0.158".
        (Source::Finder, "valley") => format!("fast.ai's default pick (its name, not the landscape's valley), where the finder's curve starts to fall, from {minibatches} minibatches at the start: earlier and more cautious than the finder's pick, min/10"),
        (Source::Finder, "slide") => "fast.ai's slide rule: walking back from the blow-up, where the finder's loss has fallen at a steady slope over 15 minibatches".to_string(),
        (Source::Finder, "min/10") => "the finder's pick, as its panel names it: a tenth of where the finder's smoothed loss was lowest, which is already near the blow-up, so fast.ai divides by 10 for a margin".to_string(),
        (Source::Finder, "steep") => "where the finder's loss fell fastest, over a few minibatches".to_string(),
        (Source::Finder, _) => "fast.ai's steepest fall, here past the finder's lowest point: a dip in the loss's climb as it blows up, no rate to train at".to_string(),
        (Source::SweepLowest, _) if same => "the sweep's lowest final loss".to_string(),
        (Source::SweepLowest, _) if trials => "the sweep's lowest final loss, on its coarser grid of rates: the trial runs' finer grid found the rate to try".to_string(),
        (Source::SweepLowest, _) if c.lucky => "the sweep's lowest final loss, past where runs go wrong: a run that ended low by chance among runs that went wrong, not a safe rate".to_string(),
        // A student read "past where runs go wrong" on circles, where no run had.
        (Source::SweepLowest, _) if c.calm => "the sweep's lowest final loss, but past half the limit, where its steps overshoot: the rate to try keeps below it".to_string(),
        (Source::SweepLowest, _) => "the sweep's lowest final loss".to_string(),
        (Source::SweepEdge, _) => "from here a run diverges, or its final loss more than doubles the lowest below it with its accuracy, where it has one, over 2 points below the best below it: the rate to try is chosen below it".to_string(),
        // "Fails" as the slider's mark means it, wider than the sweep's "diverges": a YOLO user
        // read "every run fails from 0.562" against the sweep's "every run diverges from 5.62".
        (Source::SweepCliff, _) => "from here every swept run fails: it blows up, or ends about as high as the smallest rate's run".to_string(),
        (Source::Default, _) => "Ultralytics' default, tuned for YOLO on images, not for this task".to_string(),
        (Source::Lr0, _) => "the lr0 set now".to_string(),
        (Source::Auto, _) => format!("the rate optimizer=auto trains at, whatever lr0 says{}", beside_sweep(p.value, &c.swept)),
        (Source::Try, _) => "the rate to try".to_string(),
    };
    // A finder pick off the slider cannot be set as lr0 (a teacher found "slide 6.31e-7" in
    // the full map of a slider that starts at 1e-5); the finder's own button says the same.
    let off = match p.source {
        Source::Finder if p.value < LR_MIN => {
            format!(", below the slider's range (from {})", fmt_lr(LR_MIN))
        }
        Source::Finder if p.value > LR_MAX => {
            format!(", above the slider's range (up to {})", fmt_lr(LR_MAX))
        }
        _ => String::new(),
    };
    let what = what + &off;
    // A label that already holds its number ("Ultralytics 0.01") is not followed by it again.
    let value = fmt_lr(p.value);
    if p.label.ends_with(&value) {
        format!("{}: {what}{near}.", p.label)
    } else {
        format!("{} {value}: {what}{near}.", p.label)
    }
}

/// Why the sweep's runs and the limit disagree, where they do: where runs fail (`wall`)
/// against the `limit`, or, with none failing, the `top` rate swept.
pub fn runs_against_limit(
    wall: Option<f64>,
    limit: Option<f64>,
    top: Option<f64>,
    clip: bool,
    estimated: bool,
) -> Option<String> {
    // Why the runs and the limit disagree: on a network, the limit is the start's
    // curvature; clipped, no run flies off; on the exact valley below it, something other
    // than lr0 flies off. A YOLO user with clip=1 on the line read "a network whose first
    // steps overshoot can land on flatter ground" beside runs that clipping held.
    let above_why = if clip {
        "clipping (on, in Settings) caps the gradient's norm at 10, so no step grows without bound, and a run above the limit hops about instead of flying off"
    } else if estimated {
        "the limit comes from the curvature at the start, and a network whose first steps overshoot can land on flatter ground, where larger steps fit"
    } else {
        "the steps overshoot there"
    };
    let below_why = if estimated {
        "the limit comes from the curvature at the start, and the curvature grows as the network trains"
    } else {
        "on this exact valley lr0 is not what flies off (with warmup, the biases start at warmup_bias_lr)"
    };
    match (wall, limit, top) {
        (Some(c), Some(l), _) if c * AGREE < l => Some(format!(
            "Runs fail from {}, {} below the limit: {below_why}.",
            fmt_lr(c),
            times(l / c)
        )),
        (Some(c), Some(l), _) if c > l * AGREE => Some(format!(
            "Runs fail only from {}, {} above the limit: {above_why}.",
            fmt_lr(c),
            times(c / l)
        )),
        // Next to the limit, not on it: the grid's step is named, as a YOLO user read
        // "where the limit says" beside a limit of 0.692 and runs failing from 0.562.
        (Some(c), Some(l), _) if fmt_lr(c) != fmt_lr(l) => Some(format!(
            "Runs fail from {}, one step of the sweep's grid from the limit {}: where the limit says they would.",
            fmt_lr(c),
            fmt_lr(l)
        )),
        (Some(c), Some(_), _) => Some(format!(
            "Runs fail from {}, where the limit says they would.",
            fmt_lr(c)
        )),
        (None, Some(l), Some(t)) if t > l * AGREE => Some(format!(
            "Runs train at every swept rate up to {}, above the limit: {above_why}.",
            fmt_lr(t)
        )),
        _ => None,
    }
}

/// The map's lead while a lesson's question is open: the limit and the runs up to it wait for
/// the answer, and so does the rate to try.
pub const ASKING: &str = "The map names a rate to try once you answer the question above.";

/// The map's sentence on the stable limit `limit` (`estimated` at the start on a network), with
/// its `formula`; where there is none, why: the optimizer rescales its steps, or a lesson's open
/// question keeps the marks back (`asking`; a teacher read "the curvature is not known here"
/// before answering, and "read from the landscape's exact curvature" after).
pub fn limit_words(
    limit: Option<f64>,
    estimated: bool,
    sgd: bool,
    asking: bool,
    formula: &str,
) -> String {
    match (limit, sgd) {
        (Some(l), _) if estimated => format!(
            "The limit {} is {formula} for the curvature at the start, estimated before training.",
            fmt_lr(l)
        ),
        (Some(l), _) => format!(
            "The limit {} is {formula}, read from the landscape's exact curvature.",
            fmt_lr(l)
        ),
        (None, _) if asking => "The limit is shown once you answer the question above.".into(),
        (None, true) => "The curvature is not known here, so the map has no limit.".into(),
        (None, false) => {
            "This optimizer rescales every step, so the curvature sets no limit on lr0.".into()
        }
    }
}

/// Where the LR sweep's whole runs above the exact `limit` end lower than the trial runs' best
/// `loss`, the lowest of them, said beside the try: a YOLO user found four of the sweep's
/// rates above the limit ending below "the rate whose whole run ends lowest". Clipping, or a
/// schedule that brings lr back under the limit in time, is what carried them through.
pub(super) fn beyond_limit(
    sweep: Option<&[crate::state::runs::sweep::SweepPoint]>,
    limit: f64,
    loss: f64,
) -> String {
    let lower = sweep
        .into_iter()
        .flatten()
        .filter(|p| p.lr0 > limit && !p.diverged)
        .filter_map(|p| p.loss.map(|l| (l, p.lr0)))
        .filter(|&(l, _)| l < loss)
        .min_by(|a, b| a.0.total_cmp(&b.0));
    lower.map_or(String::new(), |(l, at)| {
        format!(
            " Above the limit the LR sweep's whole runs can still end lower (lr0 {}: loss {}), carried through by clipping or by a schedule that brings lr back under the limit; the trial runs stop at the limit, past which every plain step overshoots by more than the last.",
            fmt_lr(at),
            crate::engine::stability::fmt_loss(l)
        )
    })
}

/// How whole runs near auto's rate `auto` end against the sweep's lowest: a student met the
/// Ultralytics-defaults lesson's "auto learns the moons" at 0.00167 beside a map that says to try
/// 0.316, and nothing on which to believe. Only where the swept run nearest it (within the grid's
/// step) ends over twice as high, and said with the run it is read off.
fn beside_sweep(auto: f64, swept: &[SweepPoint]) -> String {
    let lowest = crate::state::scene::sweep::lowest(swept).and_then(|p| p.loss);
    let near = crate::charts::sweep::nearest(swept, auto).filter(|p| super::agree(p.lr0, auto));
    let ratio = |p: SweepPoint| Some((p.lr0, p.loss.filter(|_| !p.diverged)? / lowest?));
    match near.and_then(ratio) {
        Some((at, r)) if r > 2.0 => format!(
            "; the swept run nearest it, at {}, ends {} as high as the sweep's lowest: auto's rule is a default for YOLO's image models, not fitted to this task",
            fmt_lr(at),
            times(r)
        ),
        _ => String::new(),
    }
}
