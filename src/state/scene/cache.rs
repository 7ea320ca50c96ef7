//! What the scene keeps between frames, because recomputing it every frame would cost the
//! frame: the schedule of the current settings, the decision boundary of the current weights,
//! and the picture of a landscape that is still filling in.

use std::rc::Rc;

use super::super::config::{Config, DecayKind};
use super::super::landscape::Landscape;
use super::super::preset::Preset;
use super::super::session::Session;
use crate::charts::boundary::Boundary;
use crate::charts::landscape::Backdrop;
use crate::engine::data::Targets;
use crate::engine::model::{Activation, Mlp};
use crate::engine::schedule::Settings;
use crate::state::build;
use crate::state::task::HIDDEN;

/// A schedule and the reference drawn dashed beside it.
type Schedules = (Rc<Vec<Settings>>, Option<(Rc<Vec<Settings>>, &'static str)>);

/// The scene's memory between frames.
#[derive(Default)]
pub struct SceneCache {
    schedule: Option<(Config, Schedules)>,
    fill_at: f64,
    filling: Option<Rc<Backdrop>>,
    probe: Option<Mlp>,
    boundary: Option<(Vec<f32>, Rc<Boundary>)>,
}

impl SceneCache {
    /// How often a landscape that is filling in is redrawn: each refresh redraws every cell of
    /// the grid, and doing that on every animation frame while the run trains and the paths
    /// move cost frames (a 33 ms p95 frame interval in a probe); a few pictures a second show
    /// the fill just as well.
    pub const FILL_EVERY_MS: f64 = 125.0;
    /// Decision-boundary grid points per side.
    pub const BOUNDARY_SIDE: usize = 40;
    /// The square the decision boundary covers.
    pub const BOUNDARY_EXTENT: (f64, f64) = (-1.6, 1.6);

    /// The schedule of `config`, and the cosine-vs-linear lesson's other decay.
    pub fn schedule(&mut self, config: &Config) -> Schedules {
        let plan = Config {
            at: 0,
            ghost: String::new(),
            ..config.clone()
        };
        if let Some((c, s)) = &self.schedule {
            if *c == plan {
                return s.clone();
            }
        }
        let reference = (config.preset == Some(Preset::CosineVsLinear)).then(|| {
            let other = if config.decay == DecayKind::Cosine {
                DecayKind::Linear
            } else {
                DecayKind::Cosine
            };
            let alt = Config {
                decay: other,
                ..config.clone()
            };
            (Rc::new(build::preview(&alt)), other.name())
        });
        let s = (Rc::new(build::preview(config)), reference);
        self.schedule = Some((plan, s.clone()));
        s
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
