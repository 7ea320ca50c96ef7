//! The LR sweep panel: final loss (and validation accuracy) against lr0, the runs that diverged,
//! the lr0 set now and the stable limit, and one sentence read off the finished curve.

use crate::engine::stability::{fmt_loss, fmt_lr};
use crate::state::lessons::verdict::{FITS, LITTLE};
use crate::state::runs::sweep::{JUMP, Sweep, SweepPoint};
pub use crate::state::runs::sweep::{edge, fails_from};

/// Two rates within this factor are said to agree: about one step of the sweep's grid (25
/// rates over six decades are 1.78× apart), so a grid point next to a limit agrees with it.
pub const AGREE: f64 = 1.8;

/// What the sweep panel draws.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepView {
    /// The finished runs, lowest rate first.
    pub points: Vec<SweepPoint>,
    /// Rates in the sweep.
    pub total: usize,
    /// Its lowest and highest rate: the chart's x axis.
    pub range: (f64, f64),
    /// The lr0 set now.
    pub lr0: f64,
    /// The slider's stable-limit mark (2/λmax, adjusted for momentum and the summed loss, in
    /// lr0's units), if known.
    pub limit: Option<f64>,
    /// That mark's name, as the slider and the rate map say it: "limit at start" where the
    /// curvature is estimated at the starting weights (a network), else "stable limit".
    pub limit_name: &'static str,
    /// The run with the lowest final loss, once every run has finished.
    pub best: Option<SweepPoint>,
    /// Where [`SweepView::best`] lies past a run that went wrong (the rate map's rule), the
    /// rate that ended lowest before it; or the rate map's rate to try, where that is another
    /// ([`crate::state::scene::RateMap::annotate`]): the first button.
    pub safe: Option<f64>,
    /// What that button says of its rate.
    pub safe_why: String,
    /// Whether the lowest point is a lucky run past one that went wrong.
    pub lucky: bool,
    /// Whether the swept rate after the lowest point fails (diverges, or ends over ten times
    /// higher): its button then says the lowest point is one step from the wall, as the
    /// sentence does.
    pub by_wall: bool,
    /// What the curve shows, or how far the sweep has got.
    pub sentence: String,
    /// The optimizer swept, when `optimizer=auto` chose it.
    pub note: Option<String>,
    /// Where the rate map's band of rates that end as low comes from its finer trial runs, what
    /// they found: the sweep's coarser grid stops short of it.
    pub band_note: Option<String>,
}

impl SweepView {
    /// The view of `sweep`, with the slider at `lr0` and its limit mark at `limit`.
    pub fn build(sweep: &Sweep, lr0: f64, limit: Option<f64>, auto: bool) -> SweepView {
        let points: Vec<SweepPoint> = sweep.points.iter().flatten().copied().collect();
        let total = sweep.rates.len();
        let finished = points.len() == total;
        let best = finished.then(|| lowest(&points)).flatten();
        let safe = best
            .and_then(|b| past_edge(&points, b.lr0))
            .map(|((_, lr), _)| lr);
        let limit_name = if sweep.config.task.exact_landscape() {
            "stable limit"
        } else {
            "limit at start"
        };
        let sentence = if finished {
            let mut said = sentence(&points, sweep.config.epochs, limit.map(|l| (l, limit_name)));
            // Clipped, runs far above the limit do not fly off, and the sentence's limit beside
            // a cliff 1000× above it read as wrong to a YOLO user: it says why.
            let far = cliff(&points)
                .zip(limit)
                .is_some_and(|(c, l)| c > l * AGREE);
            if sweep.config.clip && far {
                said.push_str(" Clipping (on, in Settings) is why runs above the limit do not fly off: it caps the gradient's norm at 10, so no step grows without bound.");
            }
            said
        } else {
            format!(
                "Training the same settings at {total} rates from {} to {}: {} of {total} done.",
                fmt_lr(sweep.rates[0]),
                fmt_lr(sweep.rates[total - 1]),
                points.len()
            )
        };
        SweepView {
            by_wall: best.is_some_and(|b| by_wall(&points, b)),
            points,
            total,
            range: (sweep.rates[0], sweep.rates[total - 1]),
            lr0,
            limit,
            limit_name,
            best,
            lucky: safe.is_some(),
            safe,
            safe_why: "lowest before runs go wrong".into(),
            sentence,
            band_note: None,
            note: auto.then(|| {
                format!(
                    "optimizer=auto ignores lr0, so the sweep varies the rate of what it picked, {}.",
                    sweep.config.optimizer.name()
                )
            }),
        }
    }
}

/// Whether the swept rate after `best` fails: it diverges, or ends over ten times higher
/// without still sorting nine in ten of its examples.
fn by_wall(points: &[SweepPoint], best: SweepPoint) -> bool {
    let best_loss = best.loss.unwrap_or(f64::INFINITY);
    points.iter().find(|p| p.lr0 > best.lr0).is_some_and(|n| {
        n.diverged
            || (n.accuracy.is_none_or(|a| a < FITS) && n.loss.is_none_or(|l| l > 10.0 * best_loss))
    })
}

/// The finished run with the lowest final loss.
pub fn lowest(points: &[SweepPoint]) -> Option<SweepPoint> {
    points
        .iter()
        .filter(|p| !p.diverged)
        .filter_map(|p| p.loss.map(|l| (l, *p)))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, p)| p)
}

/// The first diverged rate above every run that trained: where the cliff starts.
pub fn cliff(points: &[SweepPoint]) -> Option<f64> {
    let last_trained = points.iter().rposition(|p| !p.diverged)?;
    points[last_trained + 1..].first().map(|p| p.lr0)
}

/// One sentence on a finished sweep: where the loss is lowest, what the smallest rate reached in
/// the same epochs, and where the runs start to diverge (and how that sits with `limit`, the
/// slider's limit mark and its name).
pub fn sentence(points: &[SweepPoint], epochs: usize, limit: Option<(f64, &str)>) -> String {
    // The limit by the name the slider gives it: "limit at start" where it is estimated.
    let (name, limit) = (limit.map_or("stable limit", |l| l.1), limit.map(|l| l.0));
    let Some(best) = lowest(points) else {
        return "Every run diverged: even the smallest rate blew the loss up.".into();
    };
    let best_loss = best.loss.unwrap_or(f64::NAN);
    let slow = points
        .first()
        .filter(|p| p.lr0 < best.lr0)
        .and_then(|p| p.loss.map(|l| (p.lr0, l)));
    let low = match slow {
        Some((lr, loss)) => format!(
            "; at {} the same {epochs} epochs only reach {}",
            fmt_lr(lr),
            fmt_loss(loss)
        ),
        None => String::new(),
    };
    let high = match cliff(points) {
        Some(c) => {
            // The slider's mark by its name, without a formula: under momentum or a summed
            // loss it is not 2/λmax, and a YOLO user met "2/λmax" here for an adjusted limit
            // (the slider's tip and the rate map give the formula that holds).
            let near = limit.map_or(String::new(), |l| {
                format!(" (the slider's {name} is {})", fmt_lr(l))
            });
            let between = points.iter().any(|p| p.lr0 > best.lr0 && p.lr0 < c);
            let climbs = if between {
                ". Above it the loss climbs, and from"
            } else {
                ". From"
            };
            format!(
                "{climbs} {} on every run diverges{near}: the cliff of the U",
                fmt_lr(c)
            )
        }
        None => match points.last().and_then(|p| p.loss.map(|l| (p.lr0, l))) {
            Some((lr, loss)) if lr > best.lr0 && loss > 2.0 * best_loss => format!(
                ". Above it the loss climbs again, to {} at {}: steps that large undo what the smaller ones learnt",
                fmt_loss(loss),
                fmt_lr(lr)
            ),
            _ => ". No rate in the range diverged".into(),
        },
    };
    // The lowest point can sit right at the wall: one rate up, the run fails. The playbook's
    // advice was then a rate a little below it, which read as if the lowest point itself were
    // risky beside the map's larger pick; the rate map's finer trial runs (an exact
    // valley's) may find a better one in the gap, and this says where to look, so the two do
    // not read as disagreeing (a student saw "a slightly smaller rate is the safer pick" here
    // beside the map's "Try lr0 ≈ 0.374", above the sweep's 0.316).
    let next = points.iter().find(|p| p.lr0 > best.lr0);
    // The lowest point can lie past a run that went wrong, by the rate map's rule: the map
    // then recommends the lowest before it, and this says so in the map's words (on moons a
    // student read "3.16 itself trains well" here beside the map's "Try lr0 ≈ 1 ... before runs
    // go wrong from 1.78").
    let lucky = past_edge(points, best.lr0).map(|((loss, lr), w)| {
        // Several runs past it can end lower (clipped runs hop about above the limit): "one
        // lucky run" beside three such rows read as wrong to a YOLO user.
        let lower = points
            .iter()
            .filter(|p| p.lr0 > w.lr0 && !p.diverged && p.loss.is_some_and(|l| l < loss))
            .count();
        let past = if lower > 1 {
            format!(
                "{lower} runs past it end lower than any before it, {} lowest, but between runs that went wrong: chance, not safe rates",
                fmt_lr(best.lr0)
            )
        } else {
            format!("{} is one lucky run past it, not a safe rate", fmt_lr(best.lr0))
        };
        format!(
            " But runs go wrong from {} ({}), and {past}: the lowest before {} is {} at {}.",
            fmt_lr(w.lr0),
            match w.loss.filter(|_| !w.diverged) {
                Some(l) => format!("it ended at {}", fmt_loss(l)),
                None => "it diverged".to_string(),
            },
            fmt_lr(w.lr0),
            fmt_loss(loss),
            fmt_lr(lr)
        )
    });
    // A classifier still right on nine in ten of its examples has not failed, whatever its
    // loss: a student read "0.0562 already fails" beside its row, "loss 0.034, accuracy 100 %".
    let edge = lucky.unwrap_or_else(|| match next {
        Some(n) if !n.diverged && n.accuracy.is_some_and(|a| a >= FITS) => match n.loss {
            Some(l) if l > 10.0 * best_loss => format!(
                " One step up, {} ends {} times higher, though still {:.0} % right.",
                fmt_lr(n.lr0),
                (l / best_loss).floor(),
                100.0 * n.accuracy.unwrap_or(0.0)
            ),
            _ => String::new(),
        },
        Some(n) if by_wall(points, best) => format!(
            " The lowest point is one step from the wall: {} already fails, and this grid has no rate in between.",
            fmt_lr(n.lr0)
        ),
        _ => String::new(),
    });
    // The limit is read at the start; a network's curvature grows as it trains (Cohen et al.
    // 2021, "edge of stability"), so its runs can fail far below the dashed line.
    let early = match (fails_from(points), limit) {
        (Some(f), Some(l)) if f * AGREE < l => format!(
            " Runs fail from {} on, well below the dashed limit at start {}: that limit comes from the curvature at the start, and the curvature grows as the network trains.",
            fmt_lr(f),
            fmt_lr(l)
        ),
        _ => String::new(),
    };
    let early = match crate::state::runs::sweep::stray_failures(points, best.lr0) {
        Some((strays, learned)) => {
            let rates: Vec<String> = strays.iter().map(|&r| fmt_lr(r)).collect();
            let runs = if rates.len() == 1 { "run" } else { "runs" };
            format!(
                "{early} The {runs} at {} failed too, though {} above learned: near the cliff, whether a run survives depends on its first steps, so a rate this close to it is a gamble.",
                match rates.split_last() {
                    Some((last, rest)) if !rest.is_empty() =>
                        format!("{} and {last}", rest.join(", ")),
                    _ => rates.join(""),
                },
                fmt_lr(learned)
            )
        }
        None => early,
    };
    // Runs that diverge below the lowest point: a small rate cannot overshoot, so something
    // else flies off (a YOLO user's sweep read "From 0.00562 on every run diverges" while every
    // run below 0.00316 diverged too, warmup_bias_lr 0.1 above the limit).
    let below: Vec<f64> = points
        .iter()
        .filter(|p| p.diverged && p.lr0 < best.lr0)
        .map(|p| p.lr0)
        .collect();
    let early = match (below.first(), below.last()) {
        (Some(&lo), Some(&hi)) => format!(
            "{early} Runs below the lowest point diverged too ({} of them, {} to {}): a small rate cannot overshoot, so something other than lr0 flies off there (with warmup, the biases start at warmup_bias_lr).",
            below.len(),
            fmt_lr(lo),
            fmt_lr(hi)
        ),
        _ => early,
    };
    // Runs that end level with the lowest are a tie, and the sentence says so: a student read
    // "lowest at 0.316" where 0.178 and 0.316 both reached 0.0102, the floor.
    let level: Vec<f64> = points
        .iter()
        .filter(|p| !p.diverged && p.loss.is_some_and(|l| l <= TIE * best_loss))
        .map(|p| p.lr0)
        .collect();
    let tie = match (level.first(), level.last()) {
        (Some(&a), Some(&b)) if level.len() > 1 => format!(
            " (every run from {} to {} ends within {:.0} % of it: a tie)",
            fmt_lr(a),
            fmt_lr(b),
            100.0 * (TIE - 1.0)
        ),
        _ => String::new(),
    };
    // The loss and the accuracy can peak at different rates: a student saw the lowest loss at
    // 0.0562 (94 % right) and 98 % at 0.178, and asked which counts.
    let right = points
        .iter()
        .filter(|p| !p.diverged)
        .filter_map(|p| p.accuracy.map(|a| (a, p.lr0)))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let accuracy = match (right, best.accuracy) {
        (Some((a, lr)), Some(b)) if a - b >= 0.02 => format!(
            " The most right on validation, {:.0} %, is at {} ({:.0} % at the lowest loss): the loss also weighs how sure each answer is, accuracy only whether it is right, so they can peak at different rates; this page goes by the loss.",
            100.0 * a,
            fmt_lr(lr),
            100.0 * b
        ),
        _ => String::new(),
    };
    let luck = jumpy(points, &best).map_or(String::new(), |(high, at)| {
        format!(
            " Near the bottom the final losses jump from one rate to the next ({} at {}, between two lower ones): these runs' losses swing from step to step, so which of them ends lowest is partly luck, and the same lr0 can end several times higher or lower.",
            fmt_loss(high),
            fmt_lr(at)
        )
    });
    // Which loss, by name: a student pressed the lowest run's button, and the badge quoted the
    // run's smoothed end, 0.0366, against the sweep's 0.00242 for the same lr0.
    format!(
        "The final loss (each run's mean over its last epoch, not the smoothed line's end that a badge quotes) is lowest, {}, at lr0 = {}{tie}{low}{high}.{edge}{luck}{early}{accuracy}",
        fmt_loss(best_loss),
        fmt_lr(best.lr0)
    )
}

/// A run near the lowest whose final loss is over [`JUMP`] times both the lowest's and a run's
/// on its other side, within two grid steps: the bottom of the U is not one smooth dip but
/// runs that swing, so which ends lowest is partly luck (on the clipping lesson a student set
/// the sweep's lowest, 0.00242 at lr0 0.0316, and the run's badge quoted 0.0366: between
/// 0.0178 and 0.0316 the final losses had jumped 0.016, 0.059, 0.018). As (its loss, its rate).
fn jumpy(points: &[SweepPoint], best: &SweepPoint) -> Option<(f64, f64)> {
    let b = points.iter().position(|p| p.lr0 == best.lr0)?;
    let loss = |k: usize| points.get(k).filter(|p| !p.diverged).and_then(|p| p.loss);
    let low = loss(b)?;
    let window = b.saturating_sub(2)..=(b + 2).min(points.len().saturating_sub(1));
    // A peak between the lowest and another run on its far side that ends lower than the peak
    // by the same factor.
    window
        .clone()
        .filter(|&j| j != b)
        .filter_map(|j| loss(j).map(|l| (j, l)))
        .filter(|&(j, l)| {
            l > JUMP * low
                && window.clone().any(|k| {
                    (k > j && j > b || k < j && j < b) && loss(k).is_some_and(|o| l > JUMP * o)
                })
        })
        .map(|(j, l)| (l, points[j].lr0))
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

/// Final losses within this factor of the lowest are level with it.
pub const TIE: f64 = 1.01;

/// The run that ended lowest, before the first one from which runs go wrong, as (final loss,
/// rate), and that first one; `None` where no run fell by more than [`LITTLE`].
pub fn lowest_before_edge(points: &[SweepPoint]) -> (Option<(f64, f64)>, Option<&SweepPoint>) {
    let end = edge(points).unwrap_or(points.len());
    let start = points[0].loss.unwrap_or(f64::INFINITY);
    // The lowest before the edge: where it fell by no more than LITTLE, every run did.
    let best = crate::state::runs::sweep::best_before_edge(points)
        .filter(|(l, _)| *l < (1.0 - LITTLE) * start);
    (best, points.get(end))
}

/// Where the lowest point, at `lowest`, lies past the first run that went wrong: the lowest
/// before that run, as (final loss, rate), and the run. The sentence and the panel's button
/// read it alike, and the rate is the rate map's to try.
fn past_edge(points: &[SweepPoint], lowest: f64) -> Option<((f64, f64), &SweepPoint)> {
    match lowest_before_edge(points) {
        (Some(before), Some(wrong)) if wrong.lr0 < lowest => Some((before, wrong)),
        _ => None,
    }
}
