//! What the user's results.csv says beyond its rates, read beside the run's schedule: a YOLO
//! user read mAP 0 in every epoch, and validation losses that stayed the same for epochs on
//! end, with nothing on the page saying what either meant for judging the rate.

use crate::charts::schedule::LoggedGroup;
use crate::engine::schedule::UltralyticsSchedule;
use crate::state::io::fullscale::{FullScale, stepped_epochs, thousands};
use crate::state::io::import::DRAWN_ROWS;
use crate::state::io::results::ResultsCsv;

/// More ranges than this are counted, not listed.
const LISTED: usize = 6;

/// The flags the results.csv's losses and metrics raise for the run `fs`.
pub fn log_flags(fs: &FullScale, csv: &ResultsCsv) -> Vec<String> {
    let mut out = Vec::new();
    let stepped = stepped_epochs(&fs.schedule);
    let idle: Vec<usize> = (0..stepped.len()).filter(|&e| !stepped[e]).collect();
    if !idle.is_empty() {
        let val = csv.columns("val/");
        // The 0-based epochs whose validation losses equal, to every digit, the row before.
        let repeats: Vec<usize> = (1..csv.epochs.len())
            .filter(|&r| !val.is_empty() && val.iter().all(|v| v.get(r) == v.get(r - 1)))
            .map(|r| csv.epochs[r])
            .collect();
        let agrees = !val.is_empty() && repeats == idle;
        out.push(format!(
            "The optimizer never steps in {}: an epoch is {} minibatches, and the optimizer steps once every {} (accumulate){}. Ultralytics validates a moving average of the weights (EMA), which changes only when the optimizer steps, so after such an epoch the model validated is the one before.{}",
            epochs(&idle, fs.schedule.epochs),
            thousands(fs.schedule.nb),
            fs.schedule.accumulate(),
            if fs.schedule.warmup_iters() > 0 {
                ", more often during warmup, where accumulate climbs from 1"
            } else {
                ""
            },
            if agrees {
                " Your results.csv shows it: its validation losses repeat, to the last digit, in exactly those epochs."
            } else {
                ""
            }
        ));
    }
    let metrics = csv.columns("metrics/");
    if !metrics.is_empty()
        && !csv.epochs.is_empty()
        && metrics.iter().all(|v| v.iter().all(|&x| x == 0.0))
    {
        out.push(format!(
            "Precision, recall and mAP are 0 in every epoch: the model has not yet found one object in the validation images, so this log cannot tell a good rate from a bad one.{}",
            if fs.steps < super::flags::FEW_STEPS {
                format!(
                    " With {} optimizer steps it has barely started to train: judge lr0 on a run of a few thousand steps.",
                    fs.steps
                )
            } else {
                " If the losses fall, the rate is not what holds it back (look at the labels and the data); if they rise or jump, try a lower lr0.".into()
            }
        ));
    }
    out
}

/// 0-based epochs of a run of `of`, as the results.csv numbers them (from 1), runs of three or
/// more as ranges: "epochs 3, 4, 6–8 and 10 of 10"; counted where they are many.
fn epochs(list: &[usize], of: usize) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &e in list {
        match runs.last_mut() {
            Some((_, hi)) if *hi + 1 == e => *hi = e,
            _ => runs.push((e, e)),
        }
    }
    if runs.len() > LISTED {
        return format!("{} of the {of} epochs", thousands(list.len()));
    }
    let words: Vec<String> = runs
        .iter()
        .flat_map(|&(lo, hi)| match hi - lo {
            0 => vec![(lo + 1).to_string()],
            1 => vec![(lo + 1).to_string(), (hi + 1).to_string()],
            _ => vec![format!("{}–{}", lo + 1, hi + 1)],
        })
        .collect();
    let (s, listed) = match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => ("s", format!("{} and {last}", rest.join(", "))),
        _ if list.len() > 1 => ("s", words.concat()),
        _ => ("", words.concat()),
    };
    format!("epoch{s} {listed} of {of}")
}

/// The results.csv's rate groups on the run `s`'s iterations, each named by what it holds, the
/// biases' at `bias_column`; at most [`DRAWN_ROWS`] rows of each.
pub fn groups(csv: &ResultsCsv, bias_column: usize, s: &UltralyticsSchedule) -> Vec<LoggedGroup> {
    let every = csv.epochs.len().div_ceil(DRAWN_ROWS).max(1);
    csv.groups
        .iter()
        .enumerate()
        .map(|(k, (h, vals))| LoggedGroup {
            // Both versions add the weights with decay before the norm layers' weights (8.4:
            // weight, bn, bias; 8.0: bias, weight, bn): a YOLO user read "lr/pg1 (weights)" for
            // 8.4's norm weights.
            label: format!(
                "{h} ({})",
                if k == bias_column {
                    "biases"
                } else if k == usize::from(bias_column == 0) {
                    // The first group that is not the biases'.
                    "weights"
                } else {
                    "norm weights"
                }
            ),
            points: csv
                .epochs
                .iter()
                .zip(vals)
                .step_by(every)
                // Rows past the run's end (a resumed run) are named by the sentence.
                .filter(|(e, _)| **e < s.epochs)
                .map(|(e, x)| (s.nb * (e + 1) - 1, *x))
                .collect(),
            bias: k == bias_column,
        })
        .collect()
}
