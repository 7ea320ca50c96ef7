//! Bringing a run in: an Ultralytics `args.yaml` sets the controls it shares with Stride, and a
//! `results.csv` (or Stride's own CSV) lays its logged rates over the schedule, with the first
//! place they part from Stride's pointed out. A file that cannot be read changes nothing and
//! says why, and no file, however large or hostile, can freeze the page: each kind has a size
//! limit, checked before reading, and YAML and JSON are bounded while they are parsed (see
//! [`limits`](super::limits), whose limits this module re-exports for the page to ask).

mod defaults;

pub use defaults::changed_from;
use defaults::{TAKEN, absent_defaults};

use std::rc::Rc;

use yaml_rust2::parser::Parser;
use yaml_rust2::{Yaml, YamlLoader};

pub use super::limits::{
    DRAWN_ROWS, Kind, MAX_CSV_BYTES, MAX_CSV_ROWS, MAX_JSON_BYTES, MAX_JSON_KEYS, MAX_LOGGED_RATE,
    MAX_LOGGED_STEP, MAX_YAML_ALIASES, MAX_YAML_BYTES, MAX_YAML_DEPTH, Work, check_file,
};
use super::limits::{check_size, scan_yaml};

use super::results::ResultsCsv;
use crate::engine::run::LossScale;
use crate::state::plan;
use crate::state::settings::config::{Config, DecayKind, OptKind};
use crate::state::settings::field::Notice;

/// The Your run panel's element id, which the args.yaml's notice points to.
pub const YOUR_RUN_PANEL: &str = "your-run";

/// What a dropped or pasted file was, read.
#[derive(Clone, Debug, PartialEq)]
pub enum Imported {
    /// Stride's own settings (its JSON), with what was not taken.
    Settings(Config, Vec<Notice>),
    /// An Ultralytics run's settings (its args.yaml), with what was not taken: the user's own
    /// run, which the page then tells apart from its toy task's.
    Args(Config, Vec<Notice>),
    /// Logged rates to draw over the schedule.
    Rates(Rates),
}

/// Rates a real run logged, as (iteration, 0-based, the rate then).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rates {
    /// Where they come from, for the legend.
    pub source: String,
    /// The weights' rate.
    pub weights: Vec<(usize, f64)>,
    /// The biases' rate, where logged.
    pub biases: Vec<(usize, f64)>,
    /// The rows the file had; more than are kept when it had more than [`DRAWN_ROWS`].
    pub rows: usize,
    /// The whole file, when it is a results.csv: every group, loss and metric, for the
    /// "your run" panel, which places it on the run's own iterations.
    pub results: Option<Rc<ResultsCsv>>,
}

impl Rates {
    /// What the status line says once the rates are read: a results.csv goes to the Your run
    /// panel; logged rates are drawn over the schedule, every nth where the file had more rows
    /// than are drawn.
    pub fn said(&self) -> String {
        let (n, rows) = (self.weights.len(), self.rows);
        if self.results.is_some() {
            format!(
                "results.csv read ({rows} epochs): see \"Your run (Ultralytics, full scale)\" above."
            )
        } else if n < rows {
            format!(
                "{rows} logged rates read; {n} of them, one in every {}, drawn over the schedule (crosses).",
                thinned_every(rows)
            )
        } else {
            format!("{n} logged rates drawn over the schedule (crosses).")
        }
    }
}

/// Reads `text` by its look: JSON settings, a CSV of logged rates, or an args.yaml. `current`
/// is what the settings start from, and its minibatches per epoch place a results.csv's epochs
/// on Stride's iterations.
pub fn read(text: &str, current: &Config) -> Result<Imported, String> {
    read_file(text, None, current, &mut Work::default())
}

/// [`read`] for a file called `name` (`None` for pasted text), whose name and content together
/// say what it is ([`Kind::of`]), counting the work done into `work`. Text past the largest
/// limit, or past its kind's, is refused before it is looked at; so is binary data.
pub fn read_file(
    text: &str,
    name: Option<&str>,
    current: &Config,
    work: &mut Work,
) -> Result<Imported, String> {
    // The kind is told from the first lines only, so a huge file costs nothing to refuse.
    let kind = Kind::of(head(text, 4096), name);
    check_size(kind, text.len() as f64)?;
    // Pasted text has no name: an empty box is the paste box, pressed Load on after a chosen
    // file had already loaded (a YOLO user read "The file is empty" as that file refused).
    if text.trim().is_empty() {
        return Err(match name {
            Some(_) => "The file is empty: there is nothing in it to load.".into(),
            None => "The paste box is empty: paste a file's text into it first (a file you choose or drop loads by itself).".into(),
        });
    }
    if text.contains(['\0', '\u{fffd}']) {
        return Err(
            "This is not a text file: it holds binary data, or text that is not UTF-8.".into(),
        );
    }
    match kind {
        Kind::Json => {
            let (c, notices) = crate::state::io::export::from_json_counted(text, work)?;
            Ok(Imported::Settings(c, notices))
        }
        Kind::Csv => read_rates_counted(text, current, work).map(Imported::Rates),
        Kind::Yaml => read_args_counted(text, current, work).map(|(c, n)| Imported::Args(c, n)),
    }
}

/// The first `n` bytes of `text`, or a few fewer to end on a whole character.
fn head(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Ultralytics' args.yaml: the keys Stride shares set its controls, as the URL would (ranges
/// and notices included); `cos_lr` picks the decay; every other key is listed as ignored.
pub fn read_args(text: &str, current: &Config) -> Result<(Config, Vec<Notice>), String> {
    read_args_counted(text, current, &mut Work::default())
}

/// [`read_args`], counting its work: the YAML is refused past [`MAX_YAML_BYTES`], and scanned
/// for aliases and depth before the document is built, so that building it is bounded too.
pub fn read_args_counted(
    text: &str,
    current: &Config,
    work: &mut Work,
) -> Result<(Config, Vec<Notice>), String> {
    check_size(Kind::Yaml, text.len() as f64)?;
    scan_yaml(text, work)?;
    // The parser is made here rather than by `YamlLoader::load_from_str` inside yaml-rust2, so
    // that its scanner is compiled once, beside `scan_yaml`'s, and not a second time in the
    // crate: that copy was about 90 KB of the wasm.
    let docs = YamlLoader::load_from_parser(&mut Parser::new_from_str(text))
        .map_err(|e| format!("This is not a YAML file Stride can read: {e}."))?;
    let Some(Yaml::Hash(map)) = docs.first() else {
        return Err("An args.yaml is a list of `key: value` lines; this file is not.".into());
    };
    let mut config = current.clone();
    config.preset = None;
    // An args.yaml is an Ultralytics run's, whose loss is the batch's sum: read with PyTorch's
    // mean, its lr0 0.01 was 18 times too small for the page's rate map (a YOLO user was told
    // to try 0.178 and would have taken it back to YOLO).
    let scaled = config.loss_scale != LossScale::Batch;
    config.loss_scale = LossScale::Batch;
    // Its trainer always clips at 10 and builds SGD with Nesterov momentum (spec §1.4, §1.7): a
    // YOLO user's imported run kept both off, and Nesterov alone moves the limit 0.00778 to
    // 0.00525.
    let trainer = !(config.nesterov && config.clip);
    (config.nesterov, config.clip) = (true, true);
    let mut notices = Vec::new();
    let mut ignored = Vec::new();
    let absent = absent_defaults(map, &mut config, &mut notices);
    for (k, v) in map {
        let Some(key) = k.as_str() else { continue };
        let text = match v {
            Yaml::Real(s) | Yaml::String(s) => s.clone(),
            Yaml::Integer(i) => i.to_string(),
            Yaml::Boolean(b) => b.to_string(),
            _ => String::new(),
        };
        if key == "cos_lr" {
            config.decay = if text == "true" {
                DecayKind::Cosine
            } else {
                DecayKind::Linear
            };
            continue;
        }
        match TAKEN.iter().find(|(name, _, _)| *name == key) {
            Some((_, param, _)) if key == "optimizer" && OptKind::parse(&text).is_none() => {
                notices.push(Notice::new(
                    param.name(),
                    format!(
                        "optimizer {text} is not in Stride (SGD, Adam, AdamW, RMSProp, auto); it stays {}.",
                        config.optimizer.name()
                    ),
                ));
            }
            Some((_, param, _)) if key == "batch" && text.starts_with('-') => {
                notices.push(Notice::new(
                    param.name(),
                    format!(
                        "batch {text} asks Ultralytics to pick the batch size; it stays {}.",
                        config.batch
                    ),
                ));
            }
            Some((_, param, _)) => notices.extend(param.param().read(&mut config, &text)),
            None => ignored.push(key.to_string()),
        }
    }
    let ignored = if ignored.is_empty() {
        String::new()
    } else {
        format!(
            " Ignored, as Stride has no such setting ({}): {}.",
            ignored.len(),
            shorten_list(&ignored, 12)
        )
    };
    let scaled = if scaled {
        " Loss scaling is now × batch size, as Ultralytics computes its loss."
    } else {
        ""
    };
    let trainer = if trainer {
        " Nesterov momentum and clipping at 10 are on, as Ultralytics' SGD and trainer always use them."
    } else {
        ""
    };
    let taken = TAKEN
        .iter()
        .map(|(n, _, _)| *n)
        .chain(["cos_lr"])
        .filter(|n| map.keys().any(|k| k.as_str() == Some(n)))
        .collect::<Vec<_>>()
        .join(", ");
    notices.push(Notice {
        param: String::new(),
        // Which run is which, first and alone (a YOLO user took the page's rate to try, found
        // on the digits' conv net, for advice on their own run, and met two schedules with no
        // word); what was read, set and ignored is folded under it: whole, it filled a phone's
        // first screen, and at 45 words still took 60 % of one. The run's findings head the page.
        message: format!(
            "Your args.yaml's settings now train this page's toy task, {}, not your model: its verdict and rates are the toy's. Your own run is in the Your run panel.",
            config.task.label(),
        ),
        detail: format!("Taken from args.yaml: {taken}.{absent}{scaled}{trainer}{ignored}"),
        to: Some((YOUR_RUN_PANEL, "Show Your run ↓")),
    });
    Ok((config, notices))
}

fn shorten_list(items: &[String], max: usize) -> String {
    if items.len() <= max {
        items.join(", ")
    } else {
        format!(
            "{}, … and {} more",
            items[..max].join(", "),
            items.len() - max
        )
    }
}

/// A CSV of logged rates: Ultralytics' results.csv (`epoch`, `lr/pg0` weights, `lr/pg2`
/// biases, logged at each epoch's end, spec §1.3) or Stride's own (`iteration`, `lr_weights`,
/// `lr_biases`). Headers are trimmed (older results.csv pad them with blanks).
pub fn read_rates(text: &str, current: &Config) -> Result<Rates, String> {
    read_rates_counted(text, current, &mut Work::default())
}

/// [`read_rates`], counting the rows and bytes it reads: refused past [`MAX_CSV_BYTES`] or
/// [`MAX_CSV_ROWS`] rows, and at the first row whose step or rate is not finite or is beyond
/// [`MAX_LOGGED_STEP`] or [`MAX_LOGGED_RATE`], naming that row. More rows than
/// [`DRAWN_ROWS`] keep every k-th.
pub fn read_rates_counted(text: &str, current: &Config, work: &mut Work) -> Result<Rates, String> {
    check_size(Kind::Csv, text.len() as f64)?;
    // Raw bytes, and only the fields used trimmed and checked as UTF-8: a results.csv has
    // fifteen columns and Stride reads two or three, so this reads it several times faster.
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("This CSV cannot be read: {e}."))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let nb = current.batches_per_epoch().max(1);
    let (at, weights, biases, source): (Box<dyn Fn(f64) -> usize>, _, _, _) = match (
        col("iteration"),
        col("epoch"),
    ) {
        (Some(i), _) => (
            Box::new(|v| (v as usize).saturating_sub(1)),
            (i, col("lr_weights")),
            col("lr_biases"),
            "your CSV",
        ),
        // results.csv logs at the end of epoch e (1-based): iteration e·nb − 1.
        (None, Some(e)) => (
            Box::new(move |v| (v as usize).saturating_mul(nb).saturating_sub(1)),
            // YOLOv5 names its groups x/lr0..2; which one is the biases is the reader's to tell.
            (e, col("lr/pg0").or_else(|| col("x/lr0"))),
            col("lr/pg2").or_else(|| col("x/lr2")),
            "results.csv",
        ),
        _ => {
            return Err(
                    "This CSV has neither an `epoch` column (Ultralytics' results.csv) nor an `iteration` column (Stride's).".into(),
                );
        }
    };
    let (at_col, Some(w_col)) = weights else {
        return Err("This CSV has no learning-rate column (`lr/pg0` or `lr_weights`).".into());
    };
    let mut rates = Rates {
        source: source.into(),
        ..Rates::default()
    };
    let mut record = csv::ByteRecord::new();
    loop {
        let row = work.rows + 2;
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|e| format!("Row {row} cannot be read: {e}."))?;
        work.bytes = reader.position().byte() as usize;
        if !more {
            break;
        }
        work.rows += 1;
        if work.rows > MAX_CSV_ROWS {
            return Err(format!(
                "This CSV has more than {MAX_CSV_ROWS} rows, the most Stride reads; nothing was drawn."
            ));
        }
        let cell = |c: usize| {
            record
                .get(c)
                .and_then(|b| std::str::from_utf8(b).ok())
                .map_or("", str::trim)
        };
        let num = |c: usize| cell(c).parse::<f64>().ok();
        let (Some(x), Some(w)) = (num(at_col), num(w_col)) else {
            return Err(format!("Row {row} has no number where one is expected."));
        };
        let b = biases.and_then(num);
        let ni = if x.is_finite() && x >= 0.0 {
            at(x)
        } else {
            usize::MAX
        };
        if ni as f64 > MAX_LOGGED_STEP {
            return Err(format!(
                "Row {row}: {} {} is not an iteration Stride can place (up to {MAX_LOGGED_STEP:e}); nothing was drawn.",
                headers.get(at_col).map_or("the step", str::trim),
                cell(at_col)
            ));
        }
        let rate_ok = |v: f64| v.is_finite() && (0.0..=MAX_LOGGED_RATE).contains(&v);
        if let Some(c) = [(w_col, Some(w)), (biases.unwrap_or(w_col), b)]
            .into_iter()
            .find_map(|(c, v)| v.filter(|v| !rate_ok(*v)).map(|_| c))
        {
            return Err(format!(
                "Row {row}: {} {} is not a learning rate Stride can draw (0 to {MAX_LOGGED_RATE}); nothing was drawn.",
                headers.get(c).map_or("the rate", str::trim),
                cell(c)
            ));
        }
        rates.weights.push((ni, w));
        if let Some(b) = b {
            rates.biases.push((ni, b));
        }
    }
    if rates.weights.is_empty() {
        return Err("This CSV has a header but no rows.".into());
    }
    rates.rows = rates.weights.len();
    if source == "results.csv" {
        rates.results = Some(Rc::new(ResultsCsv::read(text)?));
    }
    // More crosses than the schedule has points would draw one blot and slow every redraw.
    let every = thinned_every(rates.rows);
    if every > 1 {
        rates.weights = rates.weights.iter().copied().step_by(every).collect();
        rates.biases = rates.biases.iter().copied().step_by(every).collect();
    }
    Ok(rates)
}

/// Of a file's `rows`, every how-many-th is kept: at most [`DRAWN_ROWS`].
fn thinned_every(rows: usize) -> usize {
    rows.div_ceil(DRAWN_ROWS)
}

/// The first logged rate that parts from Stride's schedule for `config` by more than 1 %, as a
/// sentence; `None` when they agree.
pub fn mismatch(rates: &Rates, config: &Config) -> Option<String> {
    let nb = config.batches_per_epoch();
    let plan = plan::plan(config, nb);
    let total = nb * config.epochs;
    rates.weights.iter().find_map(|&(ni, logged)| {
        if ni >= total {
            return Some(format!(
                "{} goes on past Stride's {} iterations ({} epochs): set epochs to match.",
                rates.source, total, config.epochs
            ));
        }
        let ours = plan.at(ni, nb).lr_weight;
        ((logged - ours).abs() > 0.01 * ours.abs().max(1e-12)).then(|| {
            format!(
                "{} parts from Stride's schedule at epoch {} (iteration {}): it logged {logged:.6}, Stride has {ours:.6}. Check lr0, lrf, epochs, warmup_epochs, cos_lr, and that the batch gives the same minibatches per epoch ({nb} here).",
                rates.source,
                ni / nb.max(1) + 1,
                ni + 1
            )
        })
    })
}
