//! Your run at full scale: the schedule Ultralytics gives a real YOLO training run, from its
//! train-set size and classes (or a well-known data set's), the page's controls (or the
//! args.yaml they were loaded from) and a version family. Everything is computed in closed
//! form, so a run of millions of iterations costs what a short one does: the schedule is
//! piecewise linear between breakpoints that are known in advance (each epoch's first and
//! last iteration, the end of warmup), and the optimizer steps are counted per stretch of
//! constant `accumulate`, never iteration by iteration.

use std::rc::Rc;

pub use crate::charts::thousands;

use super::results::{Family, ResultsCsv, YoloArgs};
use crate::engine::optim::auto::{AutoChoice, AutoInput, AutoPick, AutoRule};
use crate::engine::schedule::{Decay, Settings, UltralyticsSchedule, due};
use crate::state::settings::config::{Config, DecayKind, OptKind};
use crate::state::settings::field::Notice;

/// A well-known data set, with its size as Ultralytics' data YAMLs give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataSet {
    /// `coco8.yaml`: the first 8 images of COCO train2017, 4 to train and 4 to validate.
    Coco8,
    /// `coco128.yaml`: the first 128 images of COCO train2017 (trained and validated on).
    Coco128,
    /// `coco.yaml`: COCO 2017, 118,287 train images, 80 classes.
    Coco,
    /// `VOC.yaml`: PASCAL VOC 2007+2012 trainval, 16,551 train images, 20 classes.
    Voc,
}

impl DataSet {
    /// Every data set in the picker, smallest first.
    pub const ALL: [DataSet; 4] = [
        DataSet::Coco8,
        DataSet::Coco128,
        DataSet::Voc,
        DataSet::Coco,
    ];

    /// Its name in `data=…`.
    pub fn name(self) -> &'static str {
        match self {
            DataSet::Coco8 => "coco8",
            DataSet::Coco128 => "coco128",
            DataSet::Coco => "COCO",
            DataSet::Voc => "VOC",
        }
    }

    /// (train images, classes).
    pub fn size(self) -> (usize, usize) {
        match self {
            DataSet::Coco8 => (4, 80),
            DataSet::Coco128 => (128, 80),
            DataSet::Coco => (118_287, 80),
            DataSet::Voc => (16_551, 20),
        }
    }

    /// The data set an args.yaml trained on, from its `data:` line (`coco8.yaml`,
    /// `/datasets/VOC.yaml`, …), if it is one of these; a data set of one's own is `None`.
    pub fn in_args(yaml: &str) -> Option<DataSet> {
        let line = yaml.lines().find_map(|l| l.strip_prefix("data:"))?;
        let file = line
            .trim()
            .trim_matches(['"', '\''])
            .rsplit(['/', '\\'])
            .next()?;
        let stem = file
            .strip_suffix(".yaml")
            .or_else(|| file.strip_suffix(".yml"))?;
        Self::ALL
            .into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(stem))
    }

    /// The data set of that size, if it is one of these.
    pub fn of(images: Option<usize>, nc: Option<usize>) -> Option<DataSet> {
        Self::ALL
            .into_iter()
            .find(|d| Some(d.size()) == images.zip(nc))
    }
}

impl Beyond {
    /// Says, in the import's notice for each value kept here, that the toy model took the
    /// control's limit and the full-scale panel keeps the file's value.
    pub fn amend(&self, notices: &mut [Notice]) {
        for (name, kept) in [
            ("epochs", self.epochs),
            ("batch", self.batch),
            ("nbs", self.nbs),
        ] {
            let Some(k) = kept else { continue };
            for n in notices.iter_mut().filter(|n| n.param == name) {
                n.message += &format!(
                    " That is the toy model's {name}; Your run (Ultralytics, full scale) keeps your {}.",
                    thousands(k.file)
                );
            }
        }
    }
}

/// What the user says about their run beyond the controls.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YourRun {
    /// Train images, `len(train_loader.dataset)`.
    pub images: Option<usize>,
    /// Classes, `data["nc"]`.
    pub nc: Option<usize>,
    /// The version family picked; `None` lets a results.csv decide, else the newest.
    pub family: Option<Family>,
    /// A results.csv brought in.
    pub results: Option<Rc<ResultsCsv>>,
    /// An args.yaml's own epochs, batch and nbs where the controls could not hold them.
    pub beyond: Beyond,
    /// The controls an args.yaml set, if one was loaded: the toy's verdict then says it is the
    /// toy's, and a results.csv read beside controls changed since is a "what if".
    pub args: Option<Rc<crate::state::settings::config::Config>>,
}

/// An args.yaml value the toy model's control cannot take (it stops at 500 epochs, or 2048
/// for batch and nbs): the value the file gives, and the one the control took. The full-scale
/// run uses the file's while the control still shows what it took, so that moving the control
/// hands the run back to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kept {
    /// The args.yaml's value.
    pub file: usize,
    /// The control's value after the load.
    pub control: usize,
}

impl Kept {
    /// The file's value while the control shows what it took, else the control's.
    fn pick(this: Option<Kept>, control: usize) -> usize {
        this.filter(|k| k.control == control)
            .map_or(control, |k| k.file)
    }
}

/// The args.yaml values past the controls' ranges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Beyond {
    /// `epochs:`.
    pub epochs: Option<Kept>,
    /// `batch:`.
    pub batch: Option<Kept>,
    /// `nbs:`.
    pub nbs: Option<Kept>,
}

impl Beyond {
    /// The values of `yaml` that `loaded` (the controls after the load) could not take. An
    /// args.yaml is Ultralytics' flat dump of its arguments, one `key: value` per line, so the
    /// lines are read as they are, like [`DataSet::in_args`].
    pub fn in_args(yaml: &str, loaded: &Config) -> Beyond {
        let value = |key: &str, control: usize| {
            let file = yaml.lines().find_map(|l| {
                let v = l.strip_prefix(key)?.strip_prefix(':')?;
                v.split('#').next()?.trim().parse::<usize>().ok()
            })?;
            (file != control && file > 0).then_some(Kept { file, control })
        };
        Beyond {
            epochs: value("epochs", loaded.epochs),
            batch: value("batch", loaded.batch),
            nbs: value("nbs", loaded.nbs),
        }
    }
}

/// The most train images the page takes: forty times COCO, and small enough that a run of
/// 500 epochs at batch 1 still counts its iterations in 32 bits (the page's `usize`).
pub const MAX_IMAGES: usize = 5_000_000;

/// The run's arguments as the controls give them (they are the args.yaml's, once one is
/// loaded, except the values past the controls' ranges, kept in [`Beyond`]), with the data
/// set's size. Ultralytics decays linearly or by cosine only.
pub fn args(config: &Config, yours: &YourRun) -> YoloArgs {
    let batch = Kept::pick(yours.beyond.batch, config.batch);
    // The file's epochs only while the run still counts its iterations in 32 bits (a usize on
    // wasm32), as the controls' ranges guarantee for theirs.
    let epochs = Some(Kept::pick(yours.beyond.epochs, config.epochs))
        .filter(|&e| {
            let nb = yours.images.unwrap_or(0).div_ceil(batch.max(1)) as u64;
            nb.saturating_mul(e as u64) <= u32::MAX as u64
        })
        .unwrap_or(config.epochs);
    YoloArgs {
        lr0: config.lr0,
        lrf: config.lrf,
        epochs,
        batch,
        nbs: Kept::pick(yours.beyond.nbs, config.nbs),
        warmup_epochs: config.warmup_epochs,
        warmup_bias_lr: config.warmup_bias_lr,
        cos_lr: config.decay == DecayKind::Cosine,
        auto: config.optimizer == OptKind::Auto,
        images: yours.images,
        nc: yours.nc,
    }
}

/// The numbers of a run at full scale.
#[derive(Clone, Debug, PartialEq)]
pub struct FullScale {
    /// The family whose rules were used.
    pub family: Family,
    /// The schedule (auto resolved).
    pub schedule: UltralyticsSchedule,
    /// What `auto` picks for this run under the family's rule (shown even when not set).
    pub auto: AutoChoice,
    /// Whether the optimizer is `auto`.
    pub is_auto: bool,
    /// Optimizer steps over the whole run.
    pub steps: usize,
    /// The accumulation over time: (value, first iteration with it), 0-based, in order.
    pub accumulate: Vec<(usize, usize)>,
    /// The settings at the schedule's breakpoints, in order.
    pub points: Vec<(usize, Settings)>,
}

impl FullScale {
    /// The run of `config` with `yours`'s data set under `family`; `None` without an image
    /// count.
    pub fn of(config: &Config, yours: &YourRun, family: Family) -> Option<FullScale> {
        let a = args(config, yours);
        let base = a.schedule(family)?;
        let auto = AutoInput {
            images: a.images?,
            batch: a.batch,
            nbs: a.nbs,
            epochs: a.epochs,
            nc: a.nc.unwrap_or(10),
        }
        .resolve(if family.biases_first() {
            AutoRule::Classic
        } else {
            AutoRule::Current
        });
        let adam = match config.optimizer {
            OptKind::Auto => auto.pick == AutoPick::AdamW,
            OptKind::Adam | OptKind::AdamW => true,
            OptKind::Sgd | OptKind::RmsProp => false,
        };
        // auto builds its optimizer with momentum (AdamW: β₁) 0.9; only warmup, which sets an
        // SGD group's `momentum` up to ni = nw, moves it to the user's.
        let momentum = if a.auto && (adam || base.warmup_iters() == 0) {
            auto.momentum
        } else {
            config.momentum
        };
        let schedule = UltralyticsSchedule {
            warmup_momentum: config.warmup_momentum,
            momentum,
            // Adam's β₁ has no `momentum` key to warm up (spec §1.3).
            warm_momentum: !adam,
            ..base
        };
        let (steps, accumulate) = steps(&schedule);
        Some(FullScale {
            family,
            points: breakpoints(&schedule, family),
            schedule,
            auto,
            is_auto: a.auto,
            steps,
            accumulate,
        })
    }
}

/// accumulate(ni), as the schedule's ledger computes it.
fn acc(s: &UltralyticsSchedule, ni: usize) -> usize {
    s.at(ni).accumulate.max(1)
}

/// The optimizer steps of the whole run, by Ultralytics' test (`ni − last_opt_step ≥
/// accumulate`, from −1), and where accumulate changes. During warmup accumulate only grows
/// (it is rounded from a line rising from 1 to acc0), so each value holds over one stretch,
/// found by bisection; within a stretch of value a the steps fall every a iterations.
pub fn steps(s: &UltralyticsSchedule) -> (usize, Vec<(usize, usize)>) {
    let (stretches, runs) = step_runs(s);
    (runs.iter().map(|r| r.2).sum(), stretches)
}

/// Whether the optimizer steps at least once in each epoch, 0-based. Ultralytics validates the
/// weights' moving average (EMA), which moves only when the optimizer steps, so an epoch
/// without a step logs the same validation losses as the one before it.
pub fn stepped_epochs(s: &UltralyticsSchedule) -> Vec<bool> {
    let nb = s.nb.max(1);
    let (_, runs) = step_runs(s);
    (0..s.epochs)
        .map(|e| {
            let (from, to) = ((e * nb) as i64, (e * nb + nb - 1) as i64);
            runs.iter().any(|&(first, a, n)| {
                // The run's first step at or after the epoch's first iteration.
                let k = ((from - first).max(0) as u64).div_ceil(a as u64) as i64;
                k < n as i64 && first + k * a as i64 <= to
            })
        })
        .collect()
}

/// A run of optimizer steps: the first, then every `a` iterations, `n` of them.
type StepRun = (i64, usize, usize);

/// The stretches of constant accumulate, as (value, first iteration), and the steps within
/// them.
fn step_runs(s: &UltralyticsSchedule) -> (Vec<(usize, usize)>, Vec<StepRun>) {
    let total = s.total_iters();
    if total == 0 {
        return (Vec::new(), Vec::new());
    }
    let last_ni = total - 1;
    let nw = s.warmup_iters().min(last_ni);
    // (value, first iteration) of each stretch; the last runs to the end of the run.
    let mut stretches = vec![(acc(s, 0), 0)];
    while let Some(&(a, from)) = stretches.last() {
        if from >= nw || acc(s, nw) <= a {
            break;
        }
        // The first iteration in (from, nw] whose accumulate exceeds a.
        let (mut lo, mut hi) = (from, nw);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if acc(s, mid) > a {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        stretches.push((acc(s, hi), hi));
    }
    let after = acc(s, last_ni.min(nw + 1));
    if stretches.last().is_some_and(|&(a, _)| a != after) {
        stretches.push((after, nw + 1));
    }
    let mut last: i64 = -1;
    let mut runs = Vec::new();
    for (k, &(a, from)) in stretches.iter().enumerate() {
        let to = stretches.get(k + 1).map_or(last_ni, |&(_, next)| next - 1);
        // The first step in the stretch, then every a iterations.
        let first = (from as i64).max(last + a as i64);
        if first <= to as i64 && due(first as usize, last, a) {
            let n = (to as i64 - first) / a as i64 + 1;
            runs.push((first, a, n as usize));
            last = first + (n - 1) * a as i64;
        }
    }
    (stretches, runs)
}

/// The iterations where the schedule bends: each epoch's first and last, the end of warmup,
/// and, inside warmup, points spaced evenly on a log scale as well, so that the ramp from 0 is
/// drawn as a curve on a log axis. Between two of them every rate is a straight line.
pub fn breakpoints(s: &UltralyticsSchedule, family: Family) -> Vec<(usize, Settings)> {
    let total = s.total_iters();
    if total == 0 {
        return Vec::new();
    }
    let nb = s.nb.max(1);
    let nw = s.warmup_iters().min(total - 1);
    let mut at: Vec<usize> = (0..s.epochs)
        .flat_map(|e| [e * nb, (e * nb + nb - 1).min(total - 1)])
        .collect();
    at.extend([nw, (nw + 1).min(total - 1), total - 1]);
    if nw > 1 {
        let n = 200;
        at.extend((0..=n).map(|k| (nw as f64).powf(k as f64 / n as f64).round() as usize));
    }
    at.sort_unstable();
    at.dedup();
    at.into_iter()
        .map(|ni| (ni, super::yolo::applied(s, family, ni)))
        .collect()
}

/// Whether the controls' decay is one Ultralytics has (linear, or cosine with `cos_lr`).
pub fn ultralytics_decay(config: &Config) -> Option<Decay> {
    match config.decay {
        DecayKind::Linear => Some(Decay::Linear),
        DecayKind::Cosine => Some(Decay::Cosine),
        _ => None,
    }
}

/// The page's way in for a YOLO user, beside the course's offer: where the plain page is the
/// reader's (no lesson, course, embed or presenter), a button to the import, or to their run
/// once it is in; its words and the panel it opens. (A YOLO user found the import only under
/// two folds, More tools and Take it home.)
pub fn run_entry(config: &Config, yours_in: bool) -> Option<(&'static str, &'static str)> {
    if config.embed || config.present || config.course != 0 || config.preset.is_some() {
        return None;
    }
    Some(if yours_in {
        ("Your YOLO run ↓", super::import::YOUR_RUN_PANEL)
    } else {
        ("Bring your YOLO run…", "take-home")
    })
}

/// What a lesson does beside a loaded run, said in the lesson box and in Your run alike (a YOLO
/// user read a lesson as replacing their settings).
pub const LESSON_KEEPS_RUN: &str = "A lesson is open: it sets the toy's controls, and your run keeps your args.yaml's settings; \"— your own settings —\" in the lesson menu brings them back to the toy.";
