//! The "your run" panel's scene: the user's YOLO run at full scale, with its numbers and why,
//! its schedule sampled at its breakpoints, and a results.csv's logged groups, losses and
//! metrics with the one sentence that says whether Stride's schedule reproduces it. Kept apart
//! from the toy model's views: nothing here is trained.

use std::rc::Rc;

use crate::charts::results::ResultsChart;
use crate::charts::schedule::LoggedGroup;
use crate::engine::schedule::Preview;
pub use crate::state::io::fullscale::thousands;
use crate::state::io::fullscale::{DataSet, FullScale, YourRun, args, ultralytics_decay};
use crate::state::io::import::changed_from;
use crate::state::io::results::{Family, check};
use crate::state::io::size_read::{SizeRead, read_size};
use crate::state::settings::config::Config;
use words::{AS_LOGGED, auto_reason, beyond_notes, read_words, span, warmup_rule};

mod flags;
mod log;
mod words;

/// What the panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct YourRunView {
    /// What the user entered, for the panel's controls.
    pub input: YourRun,
    /// The train-set size (and classes) read from a results.csv where none was typed in.
    pub read: Option<SizeRead>,
    /// The image and class boxes' placeholders: what was read, where nothing was typed.
    pub placeholders: (String, String),
    /// The well-known data set those figures are, if any.
    pub data_set: Option<DataSet>,
    /// The family whose rules were used.
    pub family: Family,
    /// Why that family: the user's pick, the file, or the default.
    pub family_source: String,
    /// (what, value and how it was reached), one line each.
    pub facts: Vec<(String, String)>,
    /// The schedule at its breakpoints, none without an image count.
    pub schedule: Option<Rc<Preview>>,
    /// Warmup iterations, shaded.
    pub warmup: usize,
    /// Iterations per epoch, nb: the chart counts epochs (1 before a schedule).
    pub per_epoch: usize,
    /// A log rate axis: the biases' warmup starts far above the weights'.
    pub log_y: bool,
    /// A results.csv's rate groups on the run's iterations.
    pub groups: Rc<Vec<LoggedGroup>>,
    /// The closing sentence on a results.csv.
    pub verdict: Option<String>,
    /// A results.csv's losses and metrics.
    pub results: Option<Rc<ResultsChart>>,
    /// What to look at in the run, each with what would change it.
    pub flags: Vec<String>,
    /// Each flag's finding alone, for the top of the page: a YOLO user met the toy's advice
    /// there and their run's findings 2,000 px below it.
    pub heads: Vec<String>,
    /// What to beware of.
    pub notes: Vec<String>,
    /// The schedule in words.
    pub summary: String,
}

/// The panel for `config`'s controls and what the user entered.
pub fn your_run(config: &Config, yours: &YourRun) -> YourRunView {
    // A lesson sets the toy's controls; the reader's loaded run keeps its own (a YOLO user
    // picked "Ultralytics' defaults" and found their run made a what-if of 100 epochs at
    // batch 16, its nb still "read from the results.csv").
    let lesson_kept = config.preset.is_some() && yours.args.is_some();
    let config = match &yours.args {
        Some(loaded) if lesson_kept => loaded.as_ref(),
        _ => config,
    };
    // Controls changed since the args.yaml was loaded are a "what if": the file is checked
    // against the args.yaml's own settings, and the sentence says the line is the change (a
    // YOLO user tried cos_lr on their run and was told the file "first differs … likely
    // changed arguments").
    let changed = yours
        .args
        .as_ref()
        .map_or(Vec::new(), |loaded| changed_from(loaded, config));
    let own = match &yours.args {
        Some(loaded) if !changed.is_empty() => loaded,
        _ => config,
    };
    // Neither file records the train-set size: untyped, it is read from the logged warmup,
    // and the page draws the run with it (a YOLO user asked for this at every review).
    let own_args = args(own, yours);
    let read = match (&yours.results, yours.images) {
        (Some(csv), None) => read_size(csv, &own_args, yours.family),
        _ => None,
    };
    let misfit = match (&yours.results, yours.images, yours.family, &read) {
        (Some(csv), None, Some(picked), None) => words::misfit(csv, &own_args, picked),
        _ => None,
    };
    // A typed size the logged rates rule out makes the run drawn a plan: the size the file
    // reads is the run as logged (a YOLO user typed 5,000 images to plan, and the log's reading
    // then counted the plan's steps).
    let planned = match (&yours.results, yours.images) {
        (Some(csv), Some(n)) => {
            let untyped = args(
                own,
                &YourRun {
                    images: None,
                    ..yours.clone()
                },
            );
            // A version picked for the plan may read no size: the file's own then does.
            read_size(csv, &untyped, yours.family)
                .or_else(|| yours.family.and_then(|_| read_size(csv, &untyped, None)))
                .filter(|r| n < r.images.0 || n > r.images.1)
                .map(|r| (r, n))
        }
        _ => None,
    };
    // The run as the file logged it, beside a plan: at the size the file reads.
    let as_logged = planned.as_ref().map(|(r, _)| YourRun {
        images: Some(r.images_used(own.batch)),
        ..yours.clone()
    });
    let input = yours;
    let filled = read.as_ref().map(|r| YourRun {
        images: Some(r.images_used(own_args.batch)),
        nc: yours.nc.or(r.nc_used()),
        ..yours.clone()
    });
    let yours = filled.as_ref().unwrap_or(yours);
    let verdict = yours.results.as_ref().map(|csv| {
        // Beside a plan the file is checked at the size it reads, by its own rule.
        let mut v = match &as_logged {
            Some(logged) => check(csv, &args(own, logged), None),
            None => check(csv, &args(own, yours), yours.family),
        };
        if let Some(r) = &read {
            if !r.others.is_empty() {
                v.sentence = v
                    .sentence
                    .replace("detected from the file", "the newest that fits the size read");
            }
            v.sentence = format!("{} {}", read_words(r), v.sentence);
        }
        if let Some(m) = &misfit {
            v.sentence = format!("{m} {}", v.sentence);
        }
        if input.args.is_some() {
            // A YOLO user was told to load the args.yaml they had loaded.
            v.sentence = v.sentence.replace(crate::state::io::results::LOAD_ARGS, "");
        }
        if let Some((r, n)) = &planned {
            let at = v.sentence.replace("Stride's schedule", "Stride's schedule at that size");
            v.sentence = format!("{} {at}", words::typed_size(r, *n, yours.family));
        }
        if !changed.is_empty() {
            // Not "matches Stride's schedule" beside a line that misses the marks (a YOLO user
            // read the two as a contradiction): the file is held against the args.yaml's own.
            let own = v.sentence.replace(
                "Stride's schedule",
                "the schedule of the args.yaml's own settings, not the line,",
            );
            v.sentence = format!(
                "What if: the line is your run with {}, as you changed the controls from your args.yaml; the marks are the run as logged, so the two part where the change does. {own}",
                changed.join(", ")
            );
        }
        v
    });
    let (family, family_source) = match (&verdict, yours.family) {
        (_, Some(f)) => (f, "your pick".to_string()),
        // Not "detected" where the size was read under this rule and an older one reads the
        // same rows with another size (a YOLO user confirmed both fit).
        (Some(v), None) if v.detected && read.as_ref().is_some_and(|r| !r.others.is_empty()) => (
            v.family,
            "the newest rule that fits the file with the size read from it; an older one fits with another size, so pick your version to be sure".into(),
        ),
        (Some(v), None) if v.detected => (v.family, "detected from the results.csv".into()),
        (Some(v), None) => (
            v.family,
            "the results.csv fits several; pick your version to be sure".into(),
        ),
        (None, None) => (
            Family::V8_4,
            "the newest rule; pick your version if it is older".into(),
        ),
    };
    let mut notes = beyond_notes(config, yours);
    if lesson_kept {
        notes.insert(0, crate::state::io::fullscale::LESSON_KEEPS_RUN.into());
    }
    if ultralytics_decay(config).is_none() {
        notes.push(format!(
            "Ultralytics decays linearly, or by cosine with cos_lr=True; the controls' {} decay is not one of its settings, so this run is drawn with linear decay.",
            config.decay.name()
        ));
    }
    let mut view = YourRunView {
        input: input.clone(),
        placeholders: read.as_ref().map_or_else(Default::default, |r| {
            (
                format!("{} read", span(r.images)),
                r.nc.map_or_else(String::new, |nc| format!("{} read", span(nc))),
            )
        }),
        read,
        data_set: DataSet::of(input.images, input.nc),
        family,
        family_source,
        facts: Vec::new(),
        schedule: None,
        warmup: 0,
        per_epoch: 1,
        log_y: false,
        groups: Rc::new(Vec::new()),
        verdict: verdict.as_ref().map(|v| v.sentence.clone()),
        results: yours.results.as_ref().map(|csv| {
            let pick = |f: fn(&str) -> bool| {
                csv.others
                    .iter()
                    .filter(|(h, _)| f(h))
                    .cloned()
                    .collect::<Vec<_>>()
            };
            Rc::new(ResultsChart {
                epochs: csv.epochs.iter().map(|e| e + 1).collect(),
                losses: pick(|h| h.contains("loss")),
                metrics: pick(|h| h.starts_with("metrics/")),
            })
        }),
        flags: Vec::new(),
        heads: Vec::new(),
        notes,
        summary: String::new(),
    };
    let Some(fs) = FullScale::of(config, yours, family) else {
        view.summary =
            "Enter your train-set image count, or pick a data set, to see your run's schedule."
                .into();
        return view;
    };
    let s = &fs.schedule;
    let (images, nc) = (yours.images.unwrap_or(0), yours.nc.unwrap_or(10));
    let total = s.total_iters();
    let nw = s.warmup_iters();
    let acc0 = s.accumulate();
    let mut acc_text = format!(
        "max(round({} / {}), 1) = {}",
        s.nbs,
        s.batch,
        ((s.nbs as f64 / s.batch.max(1) as f64).round_ties_even() as usize).max(1)
    );
    if fs.accumulate.len() > 1 {
        // 0-based ni, as Ultralytics' loop, the charts and the effective-rate panel count.
        let at = |(a, from): &(usize, usize)| format!("{a} from ni = {}", thousands(*from));
        let n = fs.accumulate.len();
        // Up to 64 values: the first and last few say how it grows.
        let ramp: Vec<String> = if n <= 6 {
            fs.accumulate.iter().map(at).collect()
        } else {
            let mut r: Vec<String> = fs.accumulate[..3].iter().map(at).collect();
            r.push(format!("… ({} more) …", n - 5));
            r.extend(fs.accumulate[n - 2..].iter().map(at));
            r
        };
        acc_text += &format!("; during warmup it grows: {}", ramp.join(", "));
    }
    if acc0 < ((s.nbs as f64 / s.batch.max(1) as f64).round_ties_even() as usize).max(1) {
        acc_text += &format!(", capped at the run's {} iterations", thousands(total));
    }
    let optimizer = if fs.is_auto {
        format!(
            "auto resolves to {}: {}. {} and warmup_bias_lr is 0",
            fs.auto.pick.name(),
            auto_reason(&fs.auto, images, s, nc),
            // An SGD group's momentum still reaches the user's through warmup (above).
            if s.momentum == fs.auto.momentum {
                "lr0 and momentum are ignored"
            } else {
                "lr0 is ignored"
            }
        )
    } else {
        // Alone: what auto would have picked, beside a run that set its optimizer, read to a
        // YOLO user as noise about a rule their run did not use.
        format!("{} as set", config.optimizer.name())
    };
    view.facts = vec![
        (
            "minibatches per epoch, nb".into(),
            match &view.read {
                // Not ⌈5,024 / 32⌉ beside a run of 5,000: the count is a range. At the batch
                // the controls give now, which a what-if may have changed (a YOLO user met
                // "nb 1" beside the 14 images their run's batch 1 had read as).
                Some(r) => format!(
                    "⌈{} / {}⌉ = {}, the train-set size read from the results.csv's warmup",
                    span(r.images),
                    s.batch,
                    thousands(s.nb)
                ),
                None => format!(
                    "⌈{} / {}⌉ = {}",
                    thousands(images),
                    s.batch,
                    thousands(s.nb)
                ),
            },
        ),
        ("warmup iterations, nw".into(), warmup_rule(s)),
        ("accumulate".into(), acc_text),
        (
            "iterations".into(),
            format!(
                "{} × {} epochs = {}",
                thousands(s.nb),
                s.epochs,
                thousands(total)
            ),
        ),
        ("optimizer steps".into(), thousands(fs.steps)),
        ("optimizer".into(), optimizer),
    ];
    view.flags = flags::flags(&fs, config.lr0, config.optimizer, yours.nc);
    if let Some(csv) = &yours.results {
        // The log is the run as logged, not a what-if's (a YOLO user changed epochs to 100 and
        // read the log's mAP 0 beside the what-if's 25 optimizer steps).
        // Worked out again only for a what-if or a plan: otherwise the run drawn is the run
        // logged.
        let logged = match (&as_logged, &planned) {
            (Some(read), Some((r, _))) => FullScale::of(own, read, r.family),
            _ => (!changed.is_empty())
                .then(|| FullScale::of(own, yours, family))
                .flatten(),
        };
        let said = log::log_flags(logged.as_ref().unwrap_or(&fs), csv);
        // Beside a what-if's own counts, whose run these are (a YOLO user met the log's 10
        // steps unlabelled beside the what-if's 1).
        let whose = if logged.is_none() { "" } else { AS_LOGGED };
        view.flags
            .extend(said.into_iter().map(|f| format!("{whose}{f}")));
    }
    // The flags count steps and epochs at the size read: say under which rule, where an older
    // one reads the rows otherwise (a YOLO user met "Only 6 optimizer steps", 119 under 8.4.0).
    let caveat = view.read.as_ref().and_then(|r| r.others.first()).map(|(other, images)| format!(
            "These read your run by {}'s rule; by {}'s the rows give {} train images and other counts. Pick your version above to be sure.",
            family.name(),
            other.name(),
            span(*images)
        ));
    if let Some(c) = &caveat {
        view.flags.insert(0, c.clone());
    }
    if fs.is_auto && fs.auto.pick != crate::engine::optim::auto::AutoPick::AdamW {
        view.notes.push(
            "MuSGD also gives the head's cv3 layers 3× the rate; the lines here are the weight, norm and bias groups.".into(),
        );
    }
    let weights_top = fs
        .points
        .iter()
        .map(|(_, p)| p.lr_weight)
        .fold(0.0, f64::max);
    let bias_top = fs.points.iter().map(|(_, p)| p.lr_bias).fold(0.0, f64::max);
    view.log_y = bias_top > 3.0 * weights_top;
    // Adam's first steps move each weight by about the rate itself, whatever its gradient, so
    // a bias rate far above the weights' is a jolt: a YOLO user with AdamW at lr0 0.001 and an
    // early loss spike came asking about exactly this, and had to work it out alone.
    let adam = matches!(
        config.optimizer,
        crate::state::OptKind::Adam | crate::state::OptKind::AdamW
    );
    if adam && !fs.is_auto && bias_top > 10.0 * config.lr0 && config.lr0 > 0.0 {
        view.notes.push(format!(
            "Under {name} each weight's first steps are about the rate itself, whatever its gradient: the biases start warmup at warmup_bias_lr {}, {} lr0 {}, so each bias can move by about {} a step at first, a jolt that can show as an early spike in the loss. Ultralytics' auto sets warmup_bias_lr to 0; with {name} named, warmup_bias_lr=0 ramps the biases up from 0 as it does the weights.",
            fmt(bias_top),
            super::rate_map::times(bias_top / config.lr0),
            fmt(config.lr0),
            fmt(bias_top),
            name = config.optimizer.name()
        ));
    }
    let bias_start = fs.points.first().map_or(0.0, |p| p.1.lr_bias);
    let bias_end = fs.points.last().map_or(0.0, |p| p.1.lr_bias);
    if nw >= total && nw > 0 {
        view.flags
            .insert(0, words::inside_warmup(s, bias_start, bias_end));
    }
    if let Some(line) = yours.results.as_ref().and_then(|c| c.cut_short) {
        view.notes.push(format!(
            "The results.csv's last row (line {line}) was cut short, as a run stopped while writing it leaves it; the rows before it were read."
        ));
    }
    view.warmup = nw;
    view.per_epoch = s.nb.max(1);
    if let (Some(csv), Some(v)) = (&yours.results, &verdict) {
        view.groups = Rc::new(log::groups(csv, v.bias_column, s));
    }
    // The caveat is how the run was read, not a finding in it.
    view.heads = words::heads(view.flags.iter().filter(|f| Some(*f) != caveat.as_ref()));
    let peak_words = words::peak_words(&fs);
    view.notes.extend(words::lag_note(&fs));
    view.summary = format!(
        "Your run: {} iterations ({} epochs of {}), warmup {} iterations, {} optimizer steps; weights start at {}{peak_words} and end at {}, biases start at {}.",
        thousands(total),
        s.epochs,
        thousands(s.nb),
        thousands(nw),
        thousands(fs.steps),
        fmt(fs.points.first().map_or(0.0, |p| p.1.lr_weight)),
        fmt(fs.points.last().map_or(0.0, |p| p.1.lr_weight)),
        fmt(fs.points.first().map_or(0.0, |p| p.1.lr_bias)),
    );
    view.schedule = Some(Rc::new(Preview {
        total,
        points: fs.points,
    }));
    view
}

fn fmt(x: f64) -> String {
    crate::engine::stability::fmt_lr(x)
}

impl super::Scene {
    /// Whether a file's rates are in: logged rates over the schedule, or a results.csv in the
    /// user's run. "Remove logged rates" is offered only then: before any file it named rates
    /// that were nowhere on the page.
    pub fn has_logged_rates(&self) -> bool {
        self.schedule.logged.is_some() || self.yours.input.results.is_some()
    }
}
