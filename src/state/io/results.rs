//! A results.csv from any Ultralytics version, or YOLOv5, checked against the schedule its
//! `args.yaml` and data set give ([`yolo`](super::yolo)). What the file shows (its format, and
//! the group that starts at `warmup_bias_lr`, the odd column out during warmup) picks among the
//! version families; what it cannot show is left to the user's [`Family`], and the verdict
//! names the rule it used.

pub use super::yolo::{Family, YoloArgs};

use super::limits::{Kind, MAX_CSV_ROWS, MAX_LOGGED_RATE, check_size};

/// A results.csv read: its logged rate columns and everything else, by name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResultsCsv {
    /// 0-based epochs of the rows.
    pub epochs: Vec<usize>,
    /// Each logged rate column (`lr/pg0..2` or `x/lr0..2`), in the file's order, with its values.
    pub groups: Vec<(String, Vec<f64>)>,
    /// The loss and metric columns, with their values (a cell that is not a number is NaN).
    pub others: Vec<(String, Vec<f64>)>,
    /// Fields padded with blanks and no `time` column: Ultralytics up to 8.3.8.
    pub padded: bool,
    /// YOLOv5's `x/lr` column names.
    pub yolov5: bool,
    /// The line of a last row cut short (a run stopped while writing it), left out.
    pub cut_short: Option<usize>,
}

/// `text` without a last row that has fewer fields than the header, and that row's line: a
/// run killed mid-write leaves one, and the rows before it are whole. (results.csv fields are
/// numbers and plain names, never quoted commas.)
fn without_cut_row(text: &str) -> (&str, Option<usize>) {
    let body = text.trim_end();
    let Some((head, last)) = body.rsplit_once('\n') else {
        return (text, None);
    };
    let fields = |l: &str| l.matches(',').count();
    let header = body.lines().next().unwrap_or("");
    if head.contains('\n') && fields(last) < fields(header) {
        (head, Some(body.lines().count()))
    } else {
        (text, None)
    }
}

impl ResultsCsv {
    /// Reads a results.csv, refusing what [`limits`](super::limits) refuses.
    pub fn read(text: &str) -> Result<Self, String> {
        check_size(Kind::Csv, text.len() as f64)?;
        let (text, cut_short) = without_cut_row(text);
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| format!("This CSV cannot be read: {e}."))?
            .clone();
        let epoch = headers
            .iter()
            .position(|h| h == "epoch")
            .ok_or("This CSV has no `epoch` column, so it is not a results.csv.")?;
        let rate = |h: &str| h.starts_with("lr/pg") || h.starts_with("x/lr");
        let mut out = ResultsCsv {
            padded: text.starts_with(' ') && !headers.iter().any(|h| h == "time"),
            yolov5: headers.iter().any(|h| h.starts_with("x/lr")),
            cut_short,
            ..Self::default()
        };
        let cols: Vec<(usize, String)> = headers
            .iter()
            .enumerate()
            .filter(|(i, h)| *i != epoch && *h != "time" && !h.is_empty())
            .map(|(i, h)| (i, h.to_string()))
            .collect();
        if !cols.iter().any(|(_, h)| rate(h)) {
            return Err("This results.csv has no rate column (`lr/pg0` or `x/lr0`).".into());
        }
        let mut values: Vec<Vec<f64>> = vec![Vec::new(); cols.len()];
        let mut raw = Vec::new();
        for (n, row) in reader.records().enumerate() {
            let row = row.map_err(|e| format!("Row {} cannot be read: {e}.", n + 2))?;
            if n >= MAX_CSV_ROWS {
                return Err(format!(
                    "This CSV has more than {MAX_CSV_ROWS} rows, the most Stride reads; nothing was drawn."
                ));
            }
            let e = row.get(epoch).and_then(|s| s.parse::<f64>().ok());
            let Some(e) = e.filter(|e| e.is_finite() && *e >= 0.0 && *e <= 1e7) else {
                return Err(format!(
                    "Row {}: the epoch is not a number Stride can place.",
                    n + 2
                ));
            };
            raw.push(e as usize);
            for (slot, (i, h)) in values.iter_mut().zip(&cols) {
                let v = row
                    .get(*i)
                    .and_then(|s| s.parse::<f64>().ok())
                    .unwrap_or(f64::NAN);
                if rate(h) && !(v.is_finite() && (0.0..=MAX_LOGGED_RATE).contains(&v)) {
                    return Err(format!(
                        "Row {}: {h} is not a learning rate Stride can draw (0 to {MAX_LOGGED_RATE}).",
                        n + 2
                    ));
                }
                slot.push(v);
            }
        }
        if raw.is_empty() {
            return Err("This CSV has a header but no rows.".into());
        }
        // Ultralytics counts epochs from 1, YOLOv5 from 0.
        let from = usize::from(raw[0] >= 1 && !out.yolov5);
        out.epochs = raw.iter().map(|e| e.saturating_sub(from)).collect();
        for ((_, h), v) in cols.into_iter().zip(values) {
            if rate(&h) {
                out.groups.push((h, v));
            } else {
                out.others.push((h, v));
            }
        }
        Ok(out)
    }

    /// Which group the first row shows as the biases: the odd one out, `Some(true)` for the
    /// first group, `Some(false)` for the last, `None` when all are equal (no bias warmup).
    pub fn biases_first(&self) -> Option<bool> {
        let first: Vec<f64> = self.groups.iter().map(|(_, v)| v[0]).collect();
        let same = |a: f64, b: f64| (a - b).abs() <= 1e-9 + 1e-6 * a.abs().max(b.abs());
        match first.as_slice() {
            [a, b, .., c] if same(*b, *c) && !same(*a, *b) => Some(true),
            [a, b, .., c] if same(*a, *b) && !same(*b, *c) => Some(false),
            _ => None,
        }
    }

    /// The values of every loss or metric column whose name starts with `prefix` ("val/",
    /// "metrics/"), in the file's order.
    pub fn columns(&self, prefix: &str) -> Vec<&[f64]> {
        self.others
            .iter()
            .filter(|(h, _)| h.starts_with(prefix))
            .map(|(_, v)| v.as_slice())
            .collect()
    }

    /// The index in [`ResultsCsv::groups`] of the biases under `family`: the first group up
    /// to 8.3 and in YOLOv5, the last from 8.4.
    pub fn bias_column(&self, family: Family) -> usize {
        if family.biases_first() {
            0
        } else {
            self.groups.len() - 1
        }
    }

    /// The weights' logged rates under `family` (every group but the biases' logs the same):
    /// the group at the other end from the biases.
    pub fn weights(&self, family: Family) -> &[f64] {
        let last = self.groups.len() - 1;
        &self.groups[if self.bias_column(family) == 0 {
            last
        } else {
            0
        }]
        .1
    }

    /// The families the file's format and its odd column out allow, oldest first.
    pub fn families(&self) -> Vec<Family> {
        let bias = self.biases_first();
        Family::ALL
            .into_iter()
            .filter(|f| match f {
                Family::YoloV5 => self.yolov5,
                _ if self.yolov5 => false,
                // 8.0 and 8.1 – 8.3.8 wrote padded fields; 8.4 never did.
                Family::V8_0 => self.padded,
                Family::V8_1To8_3 => true,
                Family::V8_4Floor | Family::V8_4 => !self.padded,
            })
            .filter(|f| bias.is_none_or(|b| b == f.biases_first()))
            .collect()
    }
}

/// What checking a results.csv found.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The family whose rule was used.
    pub family: Family,
    /// Whether the file chose it (else the user's pick, or the likeliest of several).
    pub detected: bool,
    /// The index in [`ResultsCsv::groups`] of the biases.
    pub bias_column: usize,
    /// The first 0-based epoch that differs; `None` when every epoch matches.
    pub first_difference: Option<usize>,
    /// The closing sentence.
    pub sentence: String,
}

/// How near a logged rate must be to Stride's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tolerance {
    /// The verdict's: 1e-6, or half a unit of the last digit the file kept (5 significant
    /// digits up to 8.3.8, 6 after) where that is coarser.
    Check,
    /// The file's own digits alone (a hair over half a unit, for the last bits of the two
    /// computations): reading a size back, where 1e-6 lets a first row of 0.00333067 fit 1,100
    /// to 1,400 minibatches.
    Digits,
}

/// Half a unit of the `digits`-th significant digit of `x`: how far a value written with that
/// many digits may be from the rate it was written for.
pub(super) fn half_unit(x: f64, digits: i32) -> f64 {
    0.5 * 10f64.powi(x.abs().max(1e-300).log10().floor() as i32 - digits + 1)
}

/// Whether `logged` is `ours` written with `digits` significant digits, within `tol`.
pub(super) fn close(logged: f64, ours: f64, digits: i32, tol: Tolerance) -> bool {
    let off = (logged - ours).abs();
    match tol {
        Tolerance::Check => off <= half_unit(ours, digits).max(1e-6) + 1e-12,
        Tolerance::Digits => off <= 1.001 * half_unit(ours, digits) + 1e-15,
    }
}

/// The significant digits `csv`'s rates were written with.
pub(super) fn digits(csv: &ResultsCsv) -> i32 {
    if csv.padded { 5 } else { 6 }
}

/// The first epoch of `csv` that `family` does not reproduce from `args` within `tol`.
pub(super) fn first_difference(
    csv: &ResultsCsv,
    args: &YoloArgs,
    family: Family,
    tol: Tolerance,
) -> Option<usize> {
    let digits = digits(csv);
    let bias = csv.bias_column(family);
    csv.epochs.iter().enumerate().find_map(|(row, &e)| {
        if e >= args.epochs {
            return Some(e);
        }
        let (w, b) = args.logged(family, e)?;
        let ok = csv
            .groups
            .iter()
            .enumerate()
            .all(|(g, (_, v))| close(v[row], if g == bias { b } else { w }, digits, tol));
        (!ok).then_some(e)
    })
}

/// Where a file parts from the settings: they are the page's own unless the run's args.yaml
/// was loaded (a YOLO user opened a results.csv alone and met "changed arguments").
pub const LOAD_ARGS: &str = " The page compares the file with its own settings: load the run's args.yaml too, if you have not.";

/// Checks `csv` against the schedule `args` give, under `pick` if the user chose a family,
/// else under each family the file allows; the sentence names the rule used.
pub fn check(csv: &ResultsCsv, args: &YoloArgs, pick: Option<Family>) -> Verdict {
    let allowed = csv.families();
    let candidates = match pick {
        Some(f) => vec![f],
        None if allowed.is_empty() => Family::ALL.to_vec(),
        None => allowed.clone(),
    };
    let tried: Vec<(Family, Option<usize>)> = candidates
        .iter()
        .map(|&f| (f, first_difference(csv, args, f, Tolerance::Check)))
        .collect();
    // A family that matches every epoch, else the one that matches longest.
    let &(family, diff) = tried
        .iter()
        .max_by_key(|(_, d)| d.map_or(usize::MAX, |d| d))
        .expect("at least one family");
    let matching = tried.iter().filter(|(_, d)| d.is_none()).count();
    let detected = pick.is_none() && (allowed.len() == 1 || matching == 1);
    let bias_column = csv.bias_column(family);
    let alike: Vec<&str> = tried
        .iter()
        .filter(|(_, d)| *d == diff)
        .map(|(f, _)| f.name())
        .collect();
    let how = if pick.is_some() {
        "the family you picked".to_string()
    } else if args.images.is_none() {
        // Without a size no row can be placed, so every family "fits": a YOLO user read "fits
        // 8.1–8.3 and 8.4.103 alike" beside "Enter your train-set image count".
        "the newest the file's format allows; the rows cannot be placed without an image count"
            .to_string()
    } else if detected {
        "detected from the file".to_string()
    } else if alike.len() > 1 && diff.is_none() {
        format!(
            "the file fits {} alike: they log the same numbers for this run, so pick yours to be sure",
            alike.join(" and ")
        )
    } else if alike.len() > 1 {
        // Not "fits": the sentence goes on to where the file parts from the rule (a YOLO user
        // read "fits … alike" and then "first differs at epoch 1" as a contradiction).
        format!(
            "{} part from the file at the same epoch, so pick yours to be sure",
            alike.join(" and ")
        )
    } else {
        "the file fits several families; pick yours to be sure".to_string()
    };
    let rule = format!("Rule used: {} ({how}).", family.describe());
    let sentence = match (diff, args.images) {
        (_, None) => {
            // Rows past the settings' epochs need no image count to be seen: a YOLO user paired
            // one run's args.yaml with another's results.csv and was only asked for a count.
            let past = csv
                .epochs
                .iter()
                .max()
                .filter(|&&e| e >= args.epochs)
                .map_or(String::new(), |e| {
                    format!(
                        " The file also goes on to epoch {} where the settings say {} epochs: are the results.csv and the args.yaml from the same run?",
                        e + 1,
                        args.epochs
                    )
                });
            format!(
                "{rule} Enter the run's number of training images: without it the epochs cannot be placed on iterations (a missing image count).{past}"
            )
        }
        (None, _) => format!("{rule} The file matches Stride's schedule to 1e-6 at every epoch."),
        (Some(e), _) if e >= args.epochs => format!(
            "{rule} The file goes on to epoch {} but the settings say {} epochs: a resumed run or changed arguments.{LOAD_ARGS}",
            e + 1,
            args.epochs
        ),
        (Some(e), _) => {
            let other = tried
                .iter()
                .any(|(f, d)| *f != family && d.is_none_or(|d| d > e))
                || Family::ALL.iter().any(|&f| {
                    f != family
                        && first_difference(csv, args, f, Tolerance::Check).is_none_or(|d| d > e)
                });
            let cause = if other {
                "another version's rule (pick the family)"
            } else if e == 0 && args.auto {
                // auto's rate is fitted to the classes: a YOLO user's run matched only once
                // its nc was typed in, and the hint had not named it.
                "changed arguments or a wrong image or class count (optimizer=auto fits its rate to both: check the train-set size and the classes, nc, then lr0, warmup_bias_lr and batch)"
            } else if e == 0 {
                "changed arguments or a wrong image count (check lr0, warmup_bias_lr, batch and the train-set size)"
            } else {
                "a resumed run or changed arguments (check epochs, lrf, cos_lr, warmup_epochs and the train-set size)"
            };
            format!(
                "{rule} The file first differs from Stride's schedule at epoch {}{}: likely {cause}.{}",
                e + 1,
                values_at(csv, args, family, e),
                if other { "" } else { LOAD_ARGS }
            )
        }
    };
    Verdict {
        family,
        detected,
        bias_column,
        first_difference: diff,
        sentence,
    }
}

/// The logged rates of epoch `e` beside Stride's, for the sentence: " (logged 0.0973 for the
/// weights and 0.0936 for the biases; Stride's rule gives 0.0912 and 0.0880)".
fn values_at(csv: &ResultsCsv, args: &YoloArgs, family: Family, e: usize) -> String {
    let Some(row) = csv.epochs.iter().position(|&x| x == e) else {
        return String::new();
    };
    let Some((w, b)) = args.logged(family, e) else {
        return String::new();
    };
    let (lw, sw) = apart(csv.weights(family)[row], w);
    let (lb, sb) = apart(csv.groups[csv.bias_column(family)].1[row], b);
    format!(
        " (logged {lw} for the weights and {lb} for the biases; Stride's rule gives {sw} and {sb})"
    )
}

/// Two rates written with as many significant digits as it takes to tell them apart (up to 8):
/// a YOLO user read "logged 0.00332 … Stride's rule gives 0.00332" for rates that differ in
/// the sixth digit.
pub fn apart(a: f64, b: f64) -> (String, String) {
    let fmt = crate::engine::stability::fmt_lr;
    let sig = |x: f64, p: i32| {
        let d = (p - 1 - x.abs().max(f64::MIN_POSITIVE).log10().floor() as i32).max(0) as usize;
        format!("{x:.d$}")
    };
    if fmt(a) != fmt(b) {
        return (fmt(a), fmt(b));
    }
    (4..=8)
        .map(|p| (sig(a, p), sig(b, p)))
        .find(|(x, y)| x != y)
        .unwrap_or_else(|| (fmt(a), fmt(b)))
}
