//! The rate map: every rate the page knows for the current settings on one log axis (the
//! stable limit, the fastest rate, the finder's four picks, the sweep's lowest point and cliff,
//! Ultralytics' default and lr0), and one sentence read off it that says where they agree and
//! why they differ. Three tools measure three different things, and a learner who sees 8e-4,
//! 0.46 and 0.3 with no word between them does not know which to trust.

mod band;
mod lead;
mod notes;
mod ratio;
mod recommend;
mod slider;
mod source;
mod trial;
mod zones;

use super::readout::Mark;
use super::sweep::{AGREE, SweepView, fails_from};
use crate::charts::rate_map::Tick;
use crate::engine::lr_finder::Finder;
use crate::engine::stability::fmt_lr;
use crate::state::runs::sweep::SweepPoint;
use band::band_words;
pub use band::within;
pub use ratio::{agree, times};
pub use recommend::{refine_rates, trial_rates};
pub use slider::auto_mark;
pub use source::Source;
pub use zones::{End, Zone};

/// Ultralytics' default lr0 (`default.yaml`).
pub const ULTRALYTICS_LR0: f64 = 0.01;

/// One rate on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct RatePoint {
    /// The rate.
    pub value: f64,
    /// Its short name on the chart.
    pub label: String,
    /// Where it comes from.
    pub source: Source,
}

/// What the rate map draws and says.
#[derive(Clone, Debug, PartialEq)]
pub struct RateMap {
    /// Every rate known, in the order of [`Source`].
    pub points: Vec<RatePoint>,
    /// Where they agree and why they differ.
    pub sentence: String,
    /// The one rate to try, when the page knows enough to name one.
    pub try_lr: Option<f64>,
    /// The rates whose whole runs end as low as the one to try ([`band::band`]), shaded
    /// green on the chart.
    pub band: Option<(f64, f64)>,
    /// Whether the band comes from the trial runs (a finer grid than the sweep's).
    pub band_from_trials: bool,
    /// Whether the rate to try comes from the trial runs.
    pub from_trials: bool,
    /// Where the rate to try is the sweep's lowest run at no more than half the SGD limit, in
    /// place of a lower one above it: that half.
    pub calm_below: Option<f64>,
    /// The rate to try and its reason in one sentence, or why there is none.
    pub claim: String,
    /// The evidence behind the claim, folded until asked for.
    pub why: String,
    /// One short line per other mark: why it differs from the rate to try.
    pub notes: Vec<String>,
    /// Under `optimizer=auto`, the optimizer auto picked: the rate to try is one for it, and
    /// using it sets the optimizer too (lr0 alone changed nothing, auto ignoring it).
    pub use_optimizer: Option<&'static str>,
    /// The map's ends, shaded and named: where whole runs crawl, and where they go wrong.
    pub zones: Vec<Zone>,
}

/// The limit's name where it is estimated at the start, as the slider names it.
const START_LIMIT: &str = "limit at start";

/// What the map is built from: everything the page knows about rates for these settings.
pub struct RateInputs<'a> {
    /// The slider's marks (limit, plain limit, fastest).
    pub marks: &'a [Mark],
    /// The range test, once run.
    pub finder: Option<&'a Finder>,
    /// The sweep, once started.
    pub sweep: Option<&'a SweepView>,
    /// The sweep's epochs (each of its runs is whole).
    pub epochs: usize,
    /// The lr0 set now.
    pub lr0: f64,
    /// The optimizer is plain SGD (others rescale their steps, and have no limit).
    pub sgd: bool,
    /// Under `optimizer=auto`, the rate it trains at and the optimizer it picked: lr0 is not
    /// used, so the map marks that rate instead (a student looked in vain for the rate in use).
    pub auto: Option<(f64, &'static str)>,
    /// Whole runs of these settings at [`trial_rates`] of the exact limit, where there is one.
    pub trials: Option<&'a [SweepPoint]>,
    /// On an exact valley, the rate below which the verdict calls a whole run a crawl.
    pub crawl_below: Option<f64>,
    /// The main run's loss at the start, which the sweep's runs share: where they crawl.
    pub start_loss: Option<f64>,
    /// Gradients are clipped (`clip=1`): runs above the limit hop instead of flying off.
    pub clip: bool,
    /// A lesson's question is open: the slider's marks, limit and all, wait for its answer.
    pub asking: bool,
}

/// The stable limit where the curvature is exact and the optimizer plain SGD (the two-weight
/// valleys), read off the slider's marks: the one case where trial runs up to it are cheap and
/// the limit bounds them.
pub fn exact_limit(marks: &[Mark], sgd: bool) -> Option<f64> {
    let estimated = marks.iter().any(|m| m.label.contains('≈'));
    marks
        .iter()
        .find(|m| m.class == "critical")
        .map(|m| m.value)
        .filter(|_| sgd && !estimated)
}

impl RateMap {
    /// Whether `p` is one of the marks the map shows before a learner asks for all: the rate
    /// to try, the rate in use and the limit above which steps overshoot. A student shown
    /// eleven rates at once "came to learn which rate to use and left with eleven".
    pub fn essential(p: &RatePoint) -> bool {
        matches!(
            p.source,
            Source::Try | Source::Lr0 | Source::Auto | Source::Limit
        )
    }

    /// The points the chart draws: every one with `all`, else the [`Self::essential`] ones and the
    /// sweep's first rate where runs go wrong, which the lead names (a student read "runs go wrong
    /// from 1.78" beside a mark only at 5.62); a limit at start above that waits, as on the slider
    /// (a student met both, 0.316 and 2.75, and asked which held).
    pub fn shown(&self, all: bool) -> impl Iterator<Item = &RatePoint> {
        let wrong = self.wrong().map(|p| p.value);
        let passed =
            move |p: &RatePoint| p.label == START_LIMIT && wrong.is_some_and(|w| w < p.value);
        self.points.iter().filter(move |p| {
            all || (Self::essential(p) && !passed(p))
                || (matches!(p.source, Source::SweepEdge | Source::SweepCliff)
                    && Some(p.value) == wrong)
        })
    }

    /// How many points only the full map shows.
    pub fn hidden(&self) -> usize {
        self.points.len() - self.shown(false).count()
    }

    /// The fold under the chart: how many more rates it draws when opened, and that it says
    /// why each differs from the rate to try.
    pub fn more(&self) -> String {
        match self.hidden() {
            0 => format!("Why these {} rates differ", self.notes.len()),
            // Counted as the chart counts them once opened: "why the 8 marks differ" beside
            // the two drawn read as a miscount, and so had "2 more rates" over four notes.
            n => format!(
                "Show {n} more rate{} ({} in all), and why they differ",
                if n == 1 { "" } else { "s" },
                self.points.len()
            ),
        }
    }

    /// Its points as the chart draws them (every one with `all`, else the essential three):
    /// lr0's tick dashed, each in its source's colour, the rate to try and lr0 first, so their
    /// labels are placed first.
    pub fn ticks(&self, all: bool) -> Vec<Tick<'_>> {
        let rank = |p: &&RatePoint| match p.source {
            Source::Try => 0,
            Source::Lr0 | Source::Auto => 1,
            _ => 2,
        };
        (0..3)
            .flat_map(|r| self.shown(all).filter(move |p| rank(p) == r))
            .map(|p| Tick {
                value: p.value,
                label: &p.label,
                color: p.source.color(),
                dashed: matches!(p.source, Source::Lr0 | Source::Auto),
            })
            .collect()
    }

    /// The map of `i`.
    pub fn build(i: &RateInputs) -> RateMap {
        let mut points = Vec::new();
        let mark = |class: &str| i.marks.iter().find(|m| m.class == class).map(|m| m.value);
        let limit = mark("critical");
        let estimated = i.marks.iter().any(|m| m.label.contains('≈'));
        if let Some(l) = limit {
            // Named as the slider names it, so the two read as one number.
            let name = if estimated { START_LIMIT } else { "limit" };
            points.push(point(l, name, Source::Limit));
        }
        if let Some(p) = mark("plain") {
            points.push(point(p, "no momentum", Source::PlainLimit));
        }
        if let Some(f) = mark("best") {
            points.push(point(f, "fastest", Source::Fastest));
        }
        let s = i.finder.map(|f| f.suggestions);
        // A flat curve's picks are read off noise: the finder panel draws none, and nor does
        // the map (a student found "steep 7.59e-7" here beside the panel's "nothing to pick").
        let flat = i.finder.is_some_and(super::finder::flat);
        if let Some(s) = s.filter(|_| !flat) {
            for (name, lr) in [
                ("valley", s.valley),
                ("slide", s.slide),
                ("min/10", s.minimum),
                (super::finder::steep_name(&s), s.steep),
            ] {
                if let Some(lr) = lr {
                    points.push(point(lr, name, Source::Finder));
                }
            }
        }
        let finished = i.sweep.filter(|v| v.points.len() == v.total);
        let best = finished.and_then(|v| v.best).map(|p| p.lr0);
        let wall = finished.and_then(|v| fails_from(&v.points));
        // The highest rate swept, when no run fails: "Runs train at every swept rate up to …"
        // only where none diverged (a YOLO user read it beside 24 of 25 runs diverging).
        let top = finished
            .filter(|v| v.points.iter().all(|p| !p.diverged))
            .and_then(|v| v.points.last())
            .map(|p| p.lr0);
        if let Some(b) = best {
            points.push(point(b, "sweep lowest", Source::SweepLowest));
        }
        // Where the recommendation's "before runs go wrong" stops, when runs still learn there:
        // the lead names it, so the map marks it.
        let edge = finished
            .and_then(|v| super::sweep::edge(&v.points).map(|k| v.points[k].lr0))
            .filter(|e| wall.is_none_or(|c| *e < c));
        if let Some(e) = edge {
            points.push(point(e, "runs go wrong", Source::SweepEdge));
        }
        if let Some(c) = wall {
            points.push(point(c, "runs fail", Source::SweepCliff));
        }
        points.push(point(ULTRALYTICS_LR0, "Ultralytics 0.01", Source::Default));
        match i.auto {
            Some((rate, _)) => points.push(point(rate, "auto", Source::Auto)),
            None => points.push(point(i.lr0, "lr0", Source::Lr0)),
        }
        let valley = s.filter(|_| !flat).and_then(|s| s.valley);
        // fast.ai's test runs up to this many minibatches; it stops early once the loss blows up.
        let minibatches = crate::engine::lr_finder::FinderConfig::default().num_it;
        let mut parts = Vec::new();
        if let Some((rate, name)) = i.auto {
            parts.push(format!(
                "optimizer=auto ignores lr0: it trains with {name} at {}, marked auto, and the finder and the sweep vary {name}'s rate.",
                fmt_lr(rate)
            ));
        }
        // With momentum the limit is not 2/λmax (a student met "2/λmax" for 0.385 and 0.202).
        let formula = match mark("plain") {
            Some(p) => format!("2/λmax adjusted for momentum (without it, {})", fmt_lr(p)),
            None => "2/λmax".to_string(),
        };
        parts.push(notes::limit_words(
            limit, estimated, i.sgd, i.asking, &formula,
        ));
        if let Some(v) = valley {
            let why = format!(
                "the finder measures up to {minibatches} minibatches from the starting weights, and its valley is deliberately early: a cautious pick, read from those first minibatches alone, which over a whole run can crawl"
            );
            parts.push(match limit {
                Some(l) if v < l / AGREE => format!(
                    "The finder's valley {} is {} below the limit: {why}.",
                    fmt_lr(v),
                    times(l / v)
                ),
                Some(l) if v > l * AGREE => format!(
                    "The finder's valley {} is {} above the limit: {why}, and a rate that trains for a few minibatches can still overshoot later.",
                    fmt_lr(v),
                    times(v / l)
                ),
                // "Meets" read as "equals" to a YOLO user (0.00437 against 0.00525).
                Some(l) => format!(
                    "The finder's valley {} lies near the limit {}.",
                    fmt_lr(v),
                    fmt_lr(l)
                ),
                None => format!("The finder's valley is {}: {why}.", fmt_lr(v)),
            });
        }
        if let (Some(b), Some(v)) = (best, valley) {
            let epochs = i.epochs;
            parts.push(if agree(b, v) {
                format!(
                    "The sweep's lowest final loss, at {}, agrees with the valley.",
                    fmt_lr(b)
                )
            } else {
                format!(
                    "The sweep's lowest final loss is at {}, {} {} the valley: the sweep measures whole runs of {epochs} epochs, not the first {minibatches} minibatches.",
                    fmt_lr(b),
                    times((b / v).max(v / b)),
                    if b > v { "above" } else { "below" }
                )
            });
        } else if let Some(b) = best {
            parts.push(format!(
                "The sweep's lowest final loss, over whole runs of {} epochs, is at {}.",
                i.epochs,
                fmt_lr(b)
            ));
        }
        parts.extend(notes::runs_against_limit(
            wall, limit, top, i.clip, estimated,
        ));
        // Only what is still missing: a student read "Run the LR finder…" after running it.
        match (i.finder.is_none(), i.sweep.is_none()) {
            (true, true) => {
                parts.push("Run the LR finder and the LR sweep below to add their picks.".into())
            }
            (true, false) => parts.push("Run the LR finder below to add its picks.".into()),
            (false, true) => parts.push("Run the LR sweep below to add its picks.".into()),
            (false, false) => {}
        }
        let evidence = recommend::Evidence {
            sweep: finished.map(|v| v.points.as_slice()),
            epochs: i.epochs,
            exact: exact_limit(i.marks, i.sgd).map(|l| (mark("best"), l)),
            trials: i.trials,
            crawl_below: i.crawl_below,
            finder: s.map(|s| (s.valley, s.minimum)),
            finder_flat: flat,
            minibatches,
            limit: limit.filter(|_| i.sgd).map(|l| (l, estimated)),
            momentum: mark("plain").is_some(),
        };
        // The limit waits for a question's answer, and so does the try (a teacher met the
        // finder's 0.0251 there, then the trial runs' 0.0684).
        let (try_lr, lead::Lead { mut claim, mut why }) = if i.asking {
            (None, lead::Lead::only(notes::ASKING))
        } else {
            recommend::recommend(&evidence)
        };
        // Under auto a rate to try is one for the optimizer auto picked, set by hand: auto
        // would ignore it as lr0.
        if let (Some(_), Some((_, name))) = (try_lr, i.auto) {
            claim.push_str(&format!(
                " Its button sets optimizer={name} with auto's momentum too: auto ignores lr0."
            ));
        }
        let from_trials = recommend::from_trials(&evidence);
        let calm_below = evidence
            .sweep
            .and_then(|p| trial::calm(p, evidence.limit))
            .filter(|_| !from_trials && try_lr.is_some())
            .and(evidence.limit.map(|(l, _)| l / 2.0));
        // The band is read off the runs the rate to try came from.
        let band = try_lr.and_then(|t| {
            let runs = if from_trials {
                evidence.trials
            } else {
                evidence.sweep
            };
            band::band(runs?, t)
        });
        if let Some(b) = band {
            why.push_str(&band_words(b, try_lr, &points));
        }
        // Whether the sweep's lowest point lies past a run that went wrong.
        let lucky = finished
            .and_then(|v| super::sweep::edge(&v.points).map(|k| v.points[k].lr0))
            .zip(best)
            .is_some_and(|(e, b)| e < b);
        let context = notes::Context {
            pick: try_lr,
            band,
            trials: from_trials,
            lucky,
            calm: calm_below.is_some(),
            minibatches,
            wrong: slider::first_wrong(&points).map(|p| p.value),
            swept: finished.map_or_else(Vec::new, |v| v.points.clone()),
        };
        let notes = points.iter().map(|p| notes::why(p, &context)).collect();
        if let Some(t) = try_lr {
            points.insert(0, point(t, "try", Source::Try));
        }
        let exact = exact_limit(i.marks, i.sgd).filter(|_| !i.clip);
        let crawl = i
            .crawl_below
            .or_else(|| zones::crawl_end(finished?.points.as_slice(), i.start_loss?));
        let slow_to = zones::slow_to(band, try_lr, finished.map(|v| v.points.as_slice()));
        let zones = zones::zones(crawl, slow_to, band, exact, &points);
        RateMap {
            points,
            sentence: parts.join(" "),
            try_lr,
            band,
            band_from_trials: from_trials && band.is_some(),
            from_trials: from_trials && try_lr.is_some(),
            calm_below,
            claim,
            why: why.trim_start().into(),
            notes,
            use_optimizer: i.auto.map(|(_, name)| name).filter(|_| try_lr.is_some()),
            zones,
        }
    }

    /// The map's lead in full: the claim, then why.
    pub fn lead(&self) -> String {
        format!("{} {}", self.claim, self.why).trim_end().into()
    }

    /// The rate of the first point from `source`, if the map has one.
    pub fn rate(&self, source: Source) -> Option<f64> {
        self.points
            .iter()
            .find(|p| p.source == source)
            .map(|p| p.value)
    }
}

fn point(value: f64, label: &str, source: Source) -> RatePoint {
    RatePoint {
        value,
        label: label.into(),
        source,
    }
}
