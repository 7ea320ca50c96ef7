//! The rate map's one recommendation, from the best evidence the page has (the sweep's whole
//! runs, else the exact curvature of the line's valley, else the finder's cautious picks), and a
//! short line for every other mark saying why it differs. A learner shown eight "good" rates
//! does not know which to use; one rate with its reason, and a reason for each other, does.

use super::band::{band, near, survivors};
use super::lead::Lead;
use super::trial::{Picked, TrialPick, calm, trial_pick};
use crate::engine::stability::{fmt_loss, fmt_lr};
use crate::state::lessons::verdict::LITTLE;
use crate::state::runs::sweep::SweepPoint;
use crate::state::scene::sweep::lowest_before_edge as lowest;

/// What the recommendation is drawn from.
pub struct Evidence<'a> {
    /// The finished sweep's runs, lowest rate first.
    pub sweep: Option<&'a [SweepPoint]>,
    /// The sweep's epochs.
    pub epochs: usize,
    /// The fastest fixed rate and the limit, where the curvature is exact (the line).
    pub exact: Option<(Option<f64>, f64)>,
    /// Whole runs of these settings at rates up to the exact limit ([`trial_rates`]), lowest
    /// rate first: cheap on a two-weight valley, and the fastest rate in the long run is not
    /// the best one for a run of so many epochs (on a long valley its zig-zag across the steep
    /// walls has barely died down when the run ends).
    pub trials: Option<&'a [SweepPoint]>,
    /// The rate below which a whole run on the exact valley is a crawl (the verdict's rule).
    pub crawl_below: Option<f64>,
    /// The finder's valley and min/10.
    pub finder: Option<(Option<f64>, Option<f64>)>,
    /// The finder's loss hardly fell at any rate ([`crate::state::scene::finder::flat`]).
    pub finder_flat: bool,
    /// The finder's minibatches.
    pub minibatches: usize,
    /// With SGD, the stable limit the verdict weighs a rate against (above half of it, steps
    /// overshoot), and whether it is estimated at the start.
    pub limit: Option<(f64, bool)>,
    /// SGD with momentum: its path can swing past the bottom and back at any rate, so "steps
    /// that do not overshoot" is plain SGD's picture only (a teacher said so).
    pub momentum: bool,
}

/// Trial runs on an exact valley: this many rates from [`TRIAL_SPAN`] below the limit up to it.
pub const TRIALS: usize = 25;
/// How far below the limit the trial runs start.
pub const TRIAL_SPAN: f64 = 1000.0;

/// The rates of the trial runs under the exact `limit`, log-spaced, lowest first.
pub fn trial_rates(limit: f64) -> Vec<f64> {
    crate::engine::sweep::log_rates(limit / TRIAL_SPAN, limit, TRIALS)
}

/// Trial runs added between the best coarse run's neighbours: the coarse grid's steps of a
/// third missed a lesson's own rate that ended lower than its best (a student saw the
/// recommendation lose to the run on the page).
pub const REFINE: usize = 8;

/// The rates strictly between the neighbours of the run that ended lowest in `coarse` (sorted
/// by rate), [`REFINE`] of them, log-spaced; none where no run learns.
pub fn refine_rates(coarse: &[SweepPoint]) -> Vec<f64> {
    let Some((_, lr)) = lowest(coarse).0 else {
        return Vec::new();
    };
    let k = coarse.iter().position(|p| p.lr0 == lr).unwrap_or(0);
    let lo = coarse[k.saturating_sub(1)].lr0;
    let hi = coarse[(k + 1).min(coarse.len() - 1)].lr0;
    let all = crate::engine::sweep::log_rates(lo, hi, REFINE + 2);
    all[1..all.len() - 1]
        .iter()
        .copied()
        .filter(|&r| r != lr)
        .collect()
}

/// The recommendation and the lead of the map: "Try lr0 ≈ X: why.", or why there is none. On
/// an exact valley the trial runs decide even once the sweep has run: the same settings on a
/// finer grid of rates, so the answer does not move when the sweep ends (a student saw 0.374
/// become 0.316 with nothing said).
pub fn recommend(e: &Evidence) -> (Option<f64>, Lead) {
    if let Some(TrialPick {
        loss,
        lr,
        limit,
        why,
    }) = trial_pick(e.trials, e.exact, e.crawl_below)
    {
        let epochs = e.epochs;
        let x = fmt_lr(lr);
        // The best a fixed rate can do may still be a crawl: say so, and what goes further,
        // rather than let the badge contradict the recommendation.
        let crawls = e.crawl_below.is_some_and(|c| lr < c);
        let still = if crawls {
            format!(
                " Even so, on this long valley every fixed rate crawls along its floor in {epochs} epochs (its badge says crawl)."
            )
        } else {
            String::new()
        };
        let runs = format!(
            // Which loss: a YOLO user met four numbers for one run's end (the read-out's
            // smoothed line, the fit's, the sweep's and this) with this one unnamed.
            "{} trial runs the page made itself, each a whole run of these settings for {epochs} epochs at rates up to the stable limit {}, scored as the LR sweep scores its runs, by the last epoch's mean loss",
            e.trials.map_or(0, <[SweepPoint]>::len),
            fmt_lr(limit)
        );
        let lead = match why {
            Picked::Calm => Lead::new(
                // The half the verdict quotes, by number: a student weighed "try 0.21" against
                // the verdict's "below 0.249 (1/λmax)" as two answers. The green band first:
                // the right rate is a range, and the finder's and the sweep's picks lie in it
                // (three reviewers met try, finder, sweep and fastest as four rival answers).
                match e.trials.and_then(|t| band(t, lr)) {
                    Some((lo, hi)) => format!(
                        "Try lr0 ≈ {x}: trial runs in the map's green band ({}–{}) end lowest; {x} stays under {}, half the limit {}.",
                        fmt_lr(lo),
                        fmt_lr(hi),
                        fmt_lr(limit / 2.0),
                        fmt_lr(limit)
                    ),
                    None => format!(
                        "Try lr0 ≈ {x}: it ends as low as any trial run, under {}, half the limit {}: a margin below it.",
                        fmt_lr(limit / 2.0),
                        fmt_lr(limit)
                    ),
                },
                format!(
                    "Of {runs}, it is the largest that ends as low as any (within 1 %, loss {}) at no more than half the limit, where runs converge rather than zig-zag (a decaying schedule badges the end annealing): a margin on both sides.{}",
                    fmt_loss(loss),
                    // Why not the band's top, which a student watched arrive in half the steps.
                    match e.trials.and_then(|t| band(t, lr)) {
                        Some((_, hi)) if hi > lr => format!(
                            " Rates above it, up to {}, arrive in fewer steps, zig-zagging, and end no lower; on a network, whose limit is only estimated at the start, that margin keeps a run from going wrong.",
                            fmt_lr(hi)
                        ),
                        _ => String::new(),
                    }
                ),
            ),
            Picked::Steady { lower, at } => {
                let (what, swing, past) = if e.momentum {
                    (
                        "best",
                        " With momentum the path still swings past the bottom and back, each swing smaller than the last.",
                        "the verdict badges its run oscillating, with less margin below the limit",
                    )
                } else {
                    (
                        "best whose steps do not overshoot,",
                        "",
                        "its steps overshoot and its path zig-zags",
                    )
                };
                Lead::new(
                    format!(
                        "Try lr0 ≈ {x}: the trial runs' {what} under {}, half the limit {}.",
                        fmt_lr(limit / 2.0),
                        fmt_lr(limit)
                    ),
                    format!(
                        "Of {runs}, it ended lowest (loss {}) at no more than half the limit, where the verdict calls a run converging.{swing} lr0 {} ended {} % lower (loss {}), but past half the limit {past}.",
                        fmt_loss(loss),
                        fmt_lr(at),
                        (100.0 * (1.0 - lower / loss)).round().max(1.0),
                        fmt_loss(lower)
                    ),
                )
            }
            Picked::Fastest => Lead::new(
                format!(
                    "Try lr0 ≈ {x}: within 1 % of the lowest trial run's loss; the fastest fixed rate in the long run."
                ),
                format!(
                    "It is 2/(λmin+λmax), where λmin and λmax are how sharply the loss bends along its flattest and steepest directions. Of {runs}, it ended within 1 % of the lowest (loss {}).{still}",
                    fmt_loss(loss)
                ),
            ),
            Picked::Lowest if crawls => Lead::new(
                format!(
                    "Try lr0 ≈ {x}: it gets furthest, yet every fixed rate crawls here; momentum or Adam get further."
                ),
                format!(
                    "Of {runs}, it ended lowest (loss {}).{still}",
                    fmt_loss(loss)
                ),
            ),
            Picked::Lowest => {
                // Where the lowest lies past half the limit: the best trial run at no more than
                // half (the sweep's calm rule), to say what the margin would cost.
                let below_half = e.trials.and_then(|p| calm(p, Some((limit, false))));
                Lead::new(
                match (e.trials.and_then(|p| near(p, lr, loss)), below_half) {
                    (Some((lo, hi, pct)), _) => format!(
                        "Try lr0 ≈ {x}: the lowest trial run, though all from {} to {} end within {pct} % of it.",
                        fmt_lr(lo),
                        fmt_lr(hi)
                    ),
                    // Said before the button, not after the run: a YOLO user pressed it and
                    // met OSCILLATING on the rate the page had just offered.
                    (None, Some(_)) => format!(
                        "Try lr0 ≈ {x}: the lowest-ending trial run, past half the limit, where steps can zig-zag; rates below end higher."
                    ),
                    (None, None) => format!(
                        "Try lr0 ≈ {x}: it ends lower than any other of the page's trial runs."
                    ),
                },
                format!(
                    "Of {runs}, it ended lowest (loss {}).{}{}",
                    fmt_loss(loss),
                    below_half.map_or(String::new(), |(l, r)| format!(
                        " Past half the limit, {}, its steps can overshoot and zig-zag (its badge may say oscillating), but over these {epochs} epochs the best run at no more than half, lr0 {}, ended at loss {}, {} higher.",
                        fmt_lr(limit / 2.0),
                        fmt_lr(r),
                        fmt_loss(l),
                        super::times(l / loss)
                    )),
                    // The runs stop at the limit: the one at it ending lowest says the best may
                    // lie past it, untried (a YOLO user met "try 0.00525" on "limit 0.00525",
                    // whose warmup and decay kept its rate under the limit).
                    if fmt_lr(lr) == fmt_lr(limit) {
                        " The trial runs stop at the limit, and this one is at it: no larger rate was tried, and a schedule that keeps lr under lr0 (warmup, decay) may do better above."
                    } else {
                        ""
                    }
                ),
                )
            }
        };
        let mut lead = lead;
        lead.why
            .push_str(&super::notes::beyond_limit(e.sweep, limit, loss));
        return (Some(lr), lead);
    }
    if let Some(none) = bias_flies_off(e) {
        return none;
    }
    if let Some(points) = e.sweep.filter(|p| !p.is_empty()) {
        let (best, wrong) = lowest(points);
        let epochs = e.epochs;
        if let (Some(c), Some((loss, lr)), Some((limit, estimated))) =
            (calm(points, e.limit), best, e.limit)
        {
            let name = if estimated { "limit at start" } else { "limit" };
            // With momentum the path can swing past the bottom at any rate: say what the
            // verdict says, not plain SGD's picture.
            let (what, below, past) = if e.momentum {
                (
                    format!("at no more than half the {name}"),
                    "where the verdict calls a run converging, though with momentum its path can still swing past the bottom and back",
                    "the verdict badges its run oscillating",
                )
            } else {
                (
                    "whose steps do not overshoot".to_string(),
                    "where the steps do not overshoot",
                    "its steps overshoot and its path zig-zags",
                )
            };
            return (
                Some(c.1),
                Lead::new(
                    format!("Try lr0 ≈ {}: the sweep's best run {what}.", fmt_lr(c.1)),
                    format!(
                        "Of the sweep's whole runs of {epochs} epochs, it ended lowest (loss {}{}) at no more than half the {name} {}, {below}. lr0 {} ended lower ({}{}), but past half the limit {past}.",
                        fmt_loss(c.0),
                        right(points, c.1),
                        fmt_lr(limit),
                        fmt_lr(lr),
                        fmt_loss(loss),
                        right(points, lr)
                    ),
                ),
            );
        }
        return match best {
            Some((loss, lr)) => {
                let wrong = wrong.map_or(String::new(), |p| {
                    format!(" before runs go wrong from {}", fmt_lr(p.lr0))
                });
                (
                    Some(lr),
                    Lead::new(
                        format!("Try lr0 ≈ {}: the sweep's best whole run.", fmt_lr(lr)),
                        format!(
                            "Of the sweep's whole runs of {epochs} epochs, it ended with the lowest loss ({}{}){wrong}.",
                            fmt_loss(loss),
                            right(points, lr)
                        ),
                    ),
                )
            }
            None => (
                None,
                Lead::new(
                    format!(
                        "No rate learns this in {epochs} epochs. More epochs, Adam or a bigger model can help."
                    ),
                    format!(
                        "Every run of the sweep ended within {:.0} % of its start or failed, so no lr0 is recommended.",
                        100.0 * LITTLE
                    ),
                ),
            ),
        };
    }
    if let Some((fastest, limit)) = e.exact {
        return match fastest {
            Some(f) => (
                Some(f),
                Lead::new(
                    format!(
                        "Try lr0 ≈ {}: the fastest fixed rate on this valley.",
                        fmt_lr(f)
                    ),
                    format!(
                        "It is 2/(λmin+λmax), where λmin and λmax are how sharply the valley bends along its flattest and steepest directions, just under the stable limit {}.",
                        fmt_lr(limit)
                    ),
                ),
            ),
            None => (
                Some(limit / 2.0),
                Lead::only(format!(
                    "Try lr0 ≈ {}: half the stable limit {}, where each step goes downhill without overshooting.",
                    fmt_lr(limit / 2.0),
                    fmt_lr(limit)
                )),
            ),
        };
    }
    if e.finder.is_some() && e.finder_flat {
        return (
            None,
            Lead::new(
                "No recommendation from the LR finder: its loss hardly fell at any rate.".into(),
                "Its picks are read off noise. The LR sweep below runs whole runs and can name one.".into(),
            ),
        );
    }
    if let Some((valley, tenth)) = e.finder {
        // The larger of fast.ai's two cautious picks: the valley alone is often a crawl for a
        // whole run (8e-4 on the line), and min/10 is the older rule's safety margin.
        let pick = match (valley, tenth) {
            (Some(v), Some(t)) => Some(v.max(t)),
            (v, t) => v.or(t),
        };
        if let Some(p) = pick {
            let name = if Some(p) == valley {
                "valley"
            } else {
                "min/10"
            };
            return (
                Some(p),
                Lead::new(
                    format!(
                        "Try lr0 ≈ {}: the finder's {name}, a first guess; the LR sweep's whole runs give a firmer answer.",
                        fmt_lr(p)
                    ),
                    format!(
                        "It comes from {} minibatches at the start, kept early on purpose.",
                        e.minibatches
                    ),
                ),
            );
        }
    }
    (
        None,
        Lead::only(
            "No recommendation yet: run the LR finder (seconds) or the LR sweep (whole runs) below, and the map names one rate to try.",
        ),
    )
}

/// For a classifier, how often the sweep's run at `lr` was right, after its loss: a student
/// ranking rates by accuracy found the page ranking them by loss alone.
fn right(points: &[SweepPoint], lr: f64) -> String {
    points
        .iter()
        .find(|p| p.lr0 == lr)
        .and_then(|p| p.accuracy)
        .map_or(String::new(), |a| format!(", {:.0} % right", 100.0 * a))
}

/// Whether [`recommend`] picks from the trial runs (then the sweep's lowest point is a coarser
/// grid's, not a lucky run past the edge).
pub fn from_trials(e: &Evidence) -> bool {
    trial_pick(e.trials, e.exact, e.crawl_below).is_some()
}

/// Where the page's trial runs diverge below half the exact limit, no lr0 is offered: before
/// the sweep's reading, which would otherwise say "No rate learns this … more epochs can help"
/// beside runs that flew off in their first 30 iterations (a YOLO user, warmup_bias_lr 0.1).
fn bias_flies_off(e: &Evidence) -> Option<(Option<f64>, Lead)> {
    let (_, limit) = e.exact?;
    // Trial runs that diverge below half the limit: lr0 is not what flies off (warmup's
    // biases start at warmup_bias_lr), and a rate picked from the limit alone diverged
    // too (a YOLO user pressed "Use lr0 0.00754" and met DIVERGING).
    let trials = e.trials.unwrap_or(&[]);
    if let Some(first) = trials.iter().find(|p| p.diverged && p.lr0 <= limit / 2.0) {
        return Some((
            None,
            Lead::new(
                "No lr0 to try: the page's trial runs diverge even below half the stable limit, so lr0 is not what flies off.".into(),
                format!(
                    "Of {} trial runs up to the stable limit {}, {} diverged, the first at {}{}. With warmup the biases start at warmup_bias_lr, which lr0 does not lower: the verdict's advice says what to change.",
                    trials.len(),
                    fmt_lr(limit),
                    trials.iter().filter(|p| p.diverged).count(),
                    fmt_lr(first.lr0),
                    survivors(trials)
                ),
            ),
        ));
    }
    None
}
