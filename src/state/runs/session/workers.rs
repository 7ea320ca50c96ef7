//! The session's side of the workers: what they are given (landscape points, sweep runs), what
//! comes back, and what happens when they fail.

use super::{Command, Session};
use crate::state::runs::landscape::{Delivery, LandscapeJob};
use crate::state::runs::sweep::{Sweep, SweepJob};

impl Session {
    /// Whether the page should start the LR sweep of its own accord: a network's run has ended
    /// and its landscape is drawn, and no sweep of these settings has run. On a network the
    /// slider's only limit is the start's estimate, which whole runs contradict both ways (they
    /// fail below it on the spirals, and end lowest above it on moons); the sweep's whole runs
    /// give the slider the rate to try and where runs fail, as the two-weight valleys' exact
    /// trial runs do. Three student and teacher reviews in a row named that mark the page's
    /// most misleading. Not in an embed, which a docs page may hold several of, nor while a
    /// benchmark runs, nor in a lesson, whose words name the slider's limits at the start (a
    /// teacher read "lr0 0.05 is below both limits the slider's mark names" beside the
    /// sweep's "runs go wrong from 0.0178" at the clipping step).
    pub fn auto_sweep_due(&self) -> bool {
        self.seen
            && !self.config.embed
            && self.config.preset.is_none()
            && self.config.bench.is_none()
            && !self.config.task.computed_at_once()
            && self.sweep.is_none()
            && self.finished()
            && !self.landscape.filling()
    }

    /// What the address asked to run (`finder=1`, `sweep=1`), due now, once each: a link to
    /// a page with the finder open showed only its button, and a teacher's link is meant to
    /// show the curve. The finder runs once the page is seen; the sweep once the main run has
    /// ended and its landscape is drawn, so the two do not compete for the first frames. Each
    /// runs on the session's own settings, also in a lesson or an embed, as the address asked.
    pub fn asked_due(&mut self) -> Option<Command> {
        if !self.seen || self.config.bench.is_some() {
            return None;
        }
        if std::mem::take(&mut self.asked.0) && self.finder.is_none() {
            return Some(Command::Find);
        }
        let ready = self.finished() && !self.landscape.filling();
        if self.asked.1 && ready {
            self.asked.1 = false;
            return self.sweep.is_none().then_some(Command::Sweep);
        }
        None
    }

    /// Whether landscape points are to be computed: a network's plane is filling in (a
    /// two-weight task's landscape is exact and never needs any).
    pub fn needs_workers(&self) -> bool {
        self.seen
            && ((!self.config.task.exact_landscape() && self.landscape.filling())
                || self.sweep.as_ref().is_some_and(Sweep::waiting))
    }

    /// The next landscape points for a worker.
    pub fn hand_out(&mut self, points: usize) -> Option<LandscapeJob> {
        self.landscape.hand_out(points)
    }

    /// The landscape workers failed (`why`): what they had is computed here, and the reader is
    /// told.
    pub fn workers_failed(&mut self, why: &str) {
        self.landscape.reclaim();
        if let Some(sweep) = &mut self.sweep {
            sweep.reclaim();
        }
        self.notes.push(format!(
            "{} The landscape is computed on this page instead, so training may run a little slower.",
            capitalise(why)
        ));
    }

    /// The next sweep run for a worker, if one is waiting: the workers take them from now on.
    pub fn hand_out_sweep(&mut self) -> Option<SweepJob> {
        let sweep = self.sweep.as_mut()?;
        sweep.external = true;
        sweep.hand_out()
    }

    /// Stores a worker's sweep point: run `index` of sweep `id`.
    pub fn receive_sweep(&mut self, id: u32, index: usize, values: &[f64]) {
        if let Some(sweep) = &mut self.sweep {
            sweep.receive(id, index, values);
        }
    }

    /// Stores a worker's points.
    pub fn receive(&mut self, delivery: &Delivery) {
        self.landscape.receive(delivery);
    }
}

fn capitalise(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    crate::charts::capitalised(text) + "."
}
