//! What the scene keeps between frames, because recomputing it every frame would cost the
//! frame: the schedule of the current settings, the decision boundary of the current weights,
//! the picture of a landscape that is still filling in, and the views (slider marks, sweep,
//! gradient chart) that change only when what they are drawn from changes.

use std::rc::Rc;

use plotters::style::RGBColor;

use super::colors::run_color;
use super::grad::grad_chart;
use super::ledger::{LedgerView, ledger};
use super::readout::{Mark, marks};
use super::sweep::SweepView;
use super::yours::{YourRunView, your_run};
use crate::charts::boundary::Boundary;
use crate::charts::grad::GradChart;
use crate::charts::landscape::Backdrop;
use crate::charts::mountain::Mountain;
use crate::engine::data::Targets;
use crate::engine::model::{Activation, Mlp};
use crate::engine::schedule::Preview;
use crate::state::io::fullscale::YourRun;
use crate::state::lessons::verdict::Curvature;
use crate::state::plan;
use crate::state::runs::landscape::Landscape;
use crate::state::runs::session::Session;
use crate::state::runs::sweep::{self, Sweep, SweepPoint};
use crate::state::settings::config::Config;
use crate::state::settings::task::HIDDEN;

/// A run's schedule drawn dashed beside the main one's: its rates, legend and colour.
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    /// Its rates, sampled for drawing.
    pub settings: Rc<Preview>,
    /// Legend text.
    pub label: String,
    /// The run's colour.
    pub color: RGBColor,
    /// Its iterations per epoch: where the chart counts epochs (the runs' batches differ),
    /// each line is placed by its own.
    pub per_epoch: usize,
}

/// The main run's schedule; the other runs' that draw a line of their own; and, for each
/// other run whose line would lie under one already drawn, its label and that line's.
pub type Schedules = (Rc<Preview>, Vec<Reference>, Vec<(String, String)>);

/// The scene's memory between frames.
#[derive(Default)]
pub struct SceneCache {
    schedule: Option<(Vec<Config>, Schedules)>,
    fill_at: f64,
    filling: Option<Rc<Backdrop>>,
    probe: Option<Mlp>,
    boundary: Option<(Vec<f32>, Rc<Boundary>)>,
    ledger: Option<(Config, usize, Rc<LedgerView>)>,
    marks: Option<((Config, Curvature), Vec<Mark>)>,
    sweep: Option<(SweepKey, SweepView)>,
    grad: Option<(Vec<usize>, Rc<GradChart>)>,
    mountain: Option<(Rc<Backdrop>, Rc<Mountain>)>,
    yours: Option<((Config, YourRun), Rc<YourRunView>)>,
    trials: Option<(TrialKey, Rc<Vec<SweepPoint>>)>,
    /// The data-and-fit chart's last fit, with its task and minimum (`fit::build` keeps it).
    pub(super) fit: Option<KeptFit>,
    /// Only the first screen is on the page yet (the page sets it until its first picture is
    /// painted): the scene leaves out the rate map's trial runs, which only a panel below it
    /// shows and which took a sixth of the first frame at 4× CPU slowdown.
    pub first_screen: bool,
}

/// What the sweep view is drawn from: the sweep, how many of its runs have ended, lr0, the
/// stable limit, and whether lr0 is `auto`'s.
type SweepKey = (u32, usize, f64, Option<f64>, bool);

/// The fit chart's last fit, its task and the minimum it was drawn against: defined here, as
/// the fit module reads the landscape's view, which reads this cache.
pub(super) type KeptFit = (
    crate::state::Task,
    Option<(f64, f64)>,
    Rc<crate::charts::fit::Fit>,
);

/// What the rate map's trial runs depend on: the settings but lr0, and the limit's bits.
type TrialKey = (Config, u64);

/// `make()`, or the value kept for the same `key`.
fn memo<K: PartialEq, V: Clone>(kept: &mut Option<(K, V)>, key: K, make: impl FnOnce() -> V) -> V {
    match kept {
        Some((k, v)) if *k == key => v.clone(),
        _ => {
            let v = make();
            *kept = Some((key, v.clone()));
            v
        }
    }
}

impl SceneCache {
    /// The "your run" panel, remade only when the controls or the user's entries change.
    pub fn yours(&mut self, config: &Config, yours: &YourRun) -> Rc<YourRunView> {
        let key = (
            Config {
                at: 0,
                ..config.clone()
            },
            yours.clone(),
        );
        memo(&mut self.yours, key, || Rc::new(your_run(config, yours)))
    }

    /// How often a landscape that is filling in is redrawn: each refresh redraws every cell of
    /// the grid, and doing that on every animation frame while the run trains and the paths
    /// move cost frames (a 33 ms p95 frame interval in a probe); a few pictures a second show
    /// the fill just as well.
    pub const FILL_EVERY_MS: f64 = 125.0;
    /// Decision-boundary grid points per side.
    pub const BOUNDARY_SIDE: usize = 40;
    /// The square the decision boundary covers.
    pub const BOUNDARY_EXTENT: (f64, f64) = (-1.6, 1.6);

    /// The schedule of the main run and every other run's: a student met a legend of three
    /// runs above a chart of one line, with the caption naming the two it left out.
    pub fn schedule(&mut self, session: &Session) -> Schedules {
        let key: Vec<Config> = session.slots.iter().map(|s| s.config.bare()).collect();
        if let Some((k, s)) = &self.schedule {
            if *k == key {
                return s.clone();
            }
        }
        let main = Rc::new(plan::preview(&session.slots[0].config));
        let n = session.slots.len();
        let mut drawn: Vec<(Rc<Preview>, usize, String)> = vec![(
            main.clone(),
            session.slots[0].config.batches_per_epoch(),
            session.slots[0].label.clone(),
        )];
        let (mut references, mut hidden) = (Vec::new(), Vec::new());
        for (k, slot) in session.slots.iter().enumerate().skip(1) {
            let settings = Rc::new(plan::preview(&slot.config));
            let per_epoch = slot.config.batches_per_epoch();
            // A line on top of another (clipping or momentum on or off, or two batches at one
            // rate an epoch) would add a legend entry for a difference that is not drawn: the
            // caption says whose line it lies under instead.
            if let Some((_, _, under)) = drawn
                .iter()
                .find(|(d, e, _)| same_line((d, *e), (&settings, per_epoch)))
            {
                hidden.push((slot.label.clone(), under.clone()));
                continue;
            }
            drawn.push((settings.clone(), per_epoch, slot.label.clone()));
            references.push(Reference {
                settings,
                label: slot.label.clone(),
                color: run_color(k, n, session.config.compare),
                per_epoch,
            });
        }
        let s = (main, references, hidden);
        self.schedule = Some((key, s.clone()));
        s
    }

    /// The ledger of `config` at iteration `ni`, rebuilt only when either changes (it replays
    /// warmup's accumulation to find the last step).
    pub fn ledger(&mut self, config: &Config, ni: usize) -> Rc<LedgerView> {
        let bare = config.bare();
        if let Some((c, i, l)) = &self.ledger {
            if *c == bare && *i == ni {
                return l.clone();
            }
        }
        let l = Rc::new(ledger(&bare, ni));
        self.ledger = Some((bare, ni, l.clone()));
        l
    }

    /// The lr0 slider's marks for `config`, recomputed when the settings or the curvature
    /// change (they resolve the plan to find the gradients a step sums).
    pub fn marks(&mut self, config: &Config, curvature: Curvature) -> Vec<Mark> {
        memo(&mut self.marks, (config.bare(), curvature), || {
            marks(config, curvature)
        })
    }

    /// The rate map's trial runs up to the exact `limit`, and at the slider's `fastest` mark, so
    /// the map can say whether the mark's own rate ends as low as any; remade only when a
    /// setting other than lr0 changes (on a two-weight valley 25 whole runs take about a
    /// millisecond natively).
    pub fn trials(
        &mut self,
        config: &Config,
        limit: f64,
        fastest: Option<f64>,
    ) -> Rc<Vec<SweepPoint>> {
        let key = Config {
            lr0: 0.0,
            ..config.bare()
        };
        memo(&mut self.trials, (key, limit.to_bits()), || {
            let swept = sweep::swept(config);
            let train = |lr: f64| sweep::train_point(&swept, lr);
            let mut points: Vec<SweepPoint> = super::rate_map::trial_rates(limit)
                .into_iter()
                .chain(fastest.filter(|f| *f < limit))
                .map(train)
                .collect();
            SweepPoint::in_rate_order(&mut points);
            let finer: Vec<SweepPoint> = super::rate_map::refine_rates(&points)
                .into_iter()
                .map(train)
                .collect();
            points.extend(finer);
            SweepPoint::in_rate_order(&mut points);
            Rc::new(points)
        })
    }

    /// The sweep's view, rebuilt when a run ends or lr0 or the limit moves.
    pub fn sweep(&mut self, sweep: &Sweep, lr0: f64, limit: Option<f64>, auto: bool) -> SweepView {
        let ended = sweep.points.iter().flatten().count();
        memo(&mut self.sweep, (sweep.id, ended, lr0, limit, auto), || {
            SweepView::build(sweep, lr0, limit, auto)
        })
    }

    /// The gradient-norm chart, rebuilt when a run has taken a step (or the cursor moved).
    pub fn grad(&mut self, session: &Session) -> Rc<GradChart> {
        let key: Vec<usize> = (0..session.slots.len()).map(|k| session.shown(k)).collect();
        memo(&mut self.grad, key, || Rc::new(grad_chart(session)))
    }

    /// The landscape's picture: while it fills in, refreshed at most every
    /// [`Self::FILL_EVERY_MS`].
    pub fn backdrop(&mut self, landscape: &Landscape, now: f64) -> Option<Rc<Backdrop>> {
        if !landscape.filling() {
            self.filling = None;
            return landscape.backdrop();
        }
        if self.filling.is_none() || now - self.fill_at >= Self::FILL_EVERY_MS {
            self.fill_at = now;
            self.filling = landscape.backdrop();
        }
        self.filling.clone()
    }

    /// The surface of `backdrop` in 3-D, built once per picture of the landscape: turning the
    /// mountain then only projects it again.
    pub fn mountain(&mut self, backdrop: &Rc<Backdrop>) -> Rc<Mountain> {
        match &self.mountain {
            Some((b, m)) if Rc::ptr_eq(b, backdrop) => m.clone(),
            _ => {
                let m = Rc::new(Mountain::new(backdrop));
                self.mountain = Some((backdrop.clone(), m.clone()));
                m
            }
        }
    }

    /// The main run's decision boundary, recomputed only when its weights change (the page
    /// renders every animation frame, also while paused or while a landscape fills in).
    pub fn boundary(&mut self, session: &Session) -> Option<Rc<Boundary>> {
        let run = &session.slots[0].run;
        let labels = match (&run.train_set().targets, session.config.task.has_boundary()) {
            (Targets::Classes { labels, .. }, true) => labels,
            _ => return None,
        };
        let params = run.params();
        if let Some((p, b)) = &self.boundary {
            if p == params && b.points == run.train_set().inputs && b.labels == *labels {
                return Some(b.clone());
            }
        }
        let mlp = self
            .probe
            .get_or_insert_with(|| Mlp::new(&[2, HIDDEN[0], HIDDEN[1], 2], Activation::Tanh));
        let b = Rc::new(Boundary {
            side: Self::BOUNDARY_SIDE,
            extent: Self::BOUNDARY_EXTENT,
            prob: mlp.probability_grid(params, Self::BOUNDARY_SIDE, Self::BOUNDARY_EXTENT),
            points: run.train_set().inputs.clone(),
            labels: labels.clone(),
        });
        self.boundary = Some((params.to_vec(), b.clone()));
        Some(b)
    }
}

/// Two schedules, each with its iterations per epoch, that draw one line: the same rates at
/// every sampled iteration where their epochs match, or, where they differ, at the same
/// points of every epoch (two constant rates; a chart that counts epochs draws those alike).
fn same_line((a, ea): (&Preview, usize), (b, eb): (&Preview, usize)) -> bool {
    if ea == eb {
        return a.points.len() == b.points.len()
            && a.points.iter().zip(&b.points).all(|((i, x), (j, y))| {
                i == j && x.lr_weight == y.lr_weight && x.lr_bias == y.lr_bias
            });
    }
    // The rate at a share of the run, from the last sampled point at or before it.
    let at = |p: &Preview, share: f64| {
        let it = (share * p.total as f64) as usize;
        p.points
            .iter()
            .take_while(|(i, _)| *i <= it)
            .last()
            .map(|(_, s)| (s.lr_weight, s.lr_bias))
    };
    a.total * eb == b.total * ea
        && (0..=40).all(|k| at(a, k as f64 / 40.0) == at(b, k as f64 / 40.0))
}
