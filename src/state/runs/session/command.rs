//! What the run bar's buttons, the panels and files brought in ask of the session.

use std::rc::Rc;

use super::{Session, Sweep};
use crate::engine::lr_finder::FinderConfig;
use crate::engine::run::Run;
use crate::state::io::fullscale::{Beyond, DataSet, YourRun};
use crate::state::io::import::Rates;
use crate::state::io::results::ResultsCsv;
use crate::state::lessons::predict::{Guess, Prediction};
use crate::state::plan;

/// A button of the run bar, or a file brought in.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Play or pause.
    Toggle,
    /// One iteration.
    Step,
    /// Back to iteration 0, waiting for Play or Step.
    Reset,
    /// Back to iteration 0 and playing: the run bar's Replay at a run's end.
    Replay,
    /// Iterations per frame.
    Speed(usize),
    /// The reader has read the notes.
    Dismiss,
    /// The page came into view (`true`) or left it: an embed trains only while it is seen.
    Seen(bool),
    /// Rates a real run logged, to draw over the schedule (`None` removes them).
    Logged(Option<Rc<Rates>>),
    /// What the user says about their own YOLO run (data set, version, results.csv).
    Yours(YourRun),
    /// An args.yaml was loaded: its values past the controls' ranges (all `None` clears the
    /// last file's), the well-known data set it trained on, if any, and the controls it set.
    Args(Beyond, Option<DataSet>, Rc<crate::state::Config>),
    /// A results.csv for the user's run (`None` removes it).
    Results(Option<Rc<ResultsCsv>>),
    /// Run the LR range test on the main run's settings.
    Find,
    /// Train the main run's settings at every rate of the LR sweep.
    Sweep,
    /// The reader's answer to "what will this rate do?" (`None`: skip the question); the run
    /// starts.
    Predict(Option<Guess>),
}

impl Command {
    /// What an args.yaml's `text`, loaded as `loaded`, tells the session (its values past the
    /// controls' ranges, each named in `notices` too, and its data set), and what the status
    /// line says of it.
    pub fn of_args(
        text: &str,
        loaded: &crate::state::Config,
        notices: &mut [crate::state::Notice],
    ) -> (Command, String) {
        let beyond = Beyond::in_args(text, loaded);
        beyond.amend(notices);
        let data = DataSet::in_args(text);
        let with = data.map_or(String::new(), |d| format!(" with data={}", d.name()));
        (
            Command::Args(beyond, data, Rc::new(loaded.clone())),
            // Above the file picker, which is the last of the tools.
            format!("Settings loaded; Your run (Ultralytics, full scale) is open above{with}."),
        )
    }

    /// Whether this button, pressed while the run is `playing` or not, lets go of a time cursor
    /// the reader set: Play, Step, Replay and Reset all ask to watch the run move, and a teacher
    /// set the cursor at iteration 9, pressed Play and then Replay, and watched the run train to
    /// its end beside read-outs held at iteration 9. Pause keeps it.
    pub fn releases_cursor(&self, playing: bool) -> bool {
        match self {
            Command::Toggle => !playing,
            Command::Step | Command::Replay | Command::Reset => true,
            _ => false,
        }
    }
}

impl Session {
    /// Carries out a button of the run bar.
    pub fn command(&mut self, command: Command, clock: &dyn Fn() -> f64) {
        match command {
            Command::Toggle => {
                // Play instead of an answer skips the question.
                if self.prediction == Prediction::Asking {
                    self.prediction = Prediction::Off;
                }
                self.playback.playing = !self.playback.playing;
                if !self.playback.playing {
                    // A pause shows the landscape of the path so far.
                    let runs: Vec<&Run> = self.slots.iter().map(|s| &s.run).collect();
                    self.landscape.start_pca(&runs);
                }
            }
            Command::Predict(guess) => {
                self.prediction = guess.map_or(Prediction::Off, |guess| Prediction::Answered {
                    guess,
                    lr0: self.config.lr0,
                });
                self.playback.playing = true;
            }
            Command::Step => {
                if self.prediction == Prediction::Asking {
                    self.prediction = Prediction::Off;
                }
                if self.config.task.computed_at_once() || self.replaying() {
                    self.reveal(1);
                } else {
                    self.tick(1, f64::INFINITY, clock(), clock);
                }
            }
            // Finished network runs are shown again, not trained again: the same run, on
            // the same PCA map.
            Command::Replay if self.finished() && !self.config.task.computed_at_once() => {
                self.horizon = 0;
                self.playback.playing = true;
            }
            Command::Replay => {
                self.command(Command::Reset, clock);
                self.playback.playing = true;
            }
            Command::Reset => {
                let (ghost, speed, seen) = (self.ghost.take(), self.playback.speed, self.seen);
                let (logged, finder, sweep) =
                    (self.logged.take(), self.finder.take(), self.sweep.take());
                let prediction = self.prediction;
                let yours = std::mem::take(&mut self.yours);
                *self = Self::for_config(&self.config.clone());
                self.yours = yours;
                self.prediction = prediction;
                self.ghost = ghost;
                self.playback.set_speed(speed);
                // Back to iteration 0 and waiting, so Step works at once and Play starts it
                // (a student pressed Reset and the run was already playing again).
                self.playback.playing = false;
                (self.seen, self.logged, self.finder, self.sweep) = (seen, logged, finder, sweep);
            }
            Command::Speed(speed) => self.playback.set_speed(speed),
            Command::Dismiss => self.notes.clear(),
            Command::Seen(seen) => self.seen = seen,
            Command::Logged(rates) => self.logged = rates,
            Command::Yours(yours) => self.yours = yours,
            Command::Results(csv) => {
                // A new file is a new run: the version picked for the last one would stay and
                // hide this one (a YOLO user picked 8.0 for one run, loaded an 8.4 run's file,
                // and was asked for an image count the detected version reads from it).
                if csv.is_some() && csv != self.yours.results {
                    self.yours.family = None;
                }
                self.yours.results = csv;
            }
            Command::Args(beyond, data, loaded) => {
                self.yours.beyond = beyond;
                self.yours.args = Some(loaded);
                if let Some(d) = data {
                    (self.yours.images, self.yours.nc) = (Some(d.size().0), Some(d.size().1));
                }
            }
            Command::Find => {
                let slot = &self.slots[0];
                let mut run = plan::run(&slot.config, plan::start(&slot.config));
                self.finder = Some(Rc::new(run.lr_find(&FinderConfig::default())));
            }
            Command::Sweep => {
                let id = self.sweep.as_ref().map_or(1, |s| s.id.wrapping_add(1));
                let mut sweep = Sweep::new(&self.slots[0].config, id);
                // Two weights' runs take microseconds each: the whole sweep at once.
                if self.config.task.computed_at_once() {
                    sweep.work(f64::INFINITY, &|| 0.0);
                }
                self.sweep = Some(sweep);
            }
        }
        self.label_runs();
    }

    /// Whether finished network runs are being shown again from their start (Replay): they
    /// are revealed step by step as a two-weight run is, not trained again, so the replay is
    /// the same run and its PCA map stays (a student saw Replay switch the map to random
    /// directions while the net retrained).
    pub fn replaying(&self) -> bool {
        !self.config.task.computed_at_once() && self.horizon != usize::MAX
    }

    /// Shows `step` more iterations of runs revealed step by step; a replayed network run
    /// shown whole goes back to showing all it trains.
    pub(super) fn reveal(&mut self, step: usize) {
        let length = self.length();
        self.horizon = self.horizon.saturating_add(step).min(length);
        if self.replaying() && self.horizon >= length {
            self.horizon = usize::MAX;
        }
    }

    /// Names the runs: while a question waits whose answer their names would give away
    /// (Ultralytics' defaults, whose legend says what optimizer=auto picked), by its veil;
    /// else as the plan names them.
    pub(super) fn label_runs(&mut self) {
        let veil = self
            .config
            .preset
            .and_then(|p| p.question())
            .and_then(|q| q.veil)
            .filter(|_| self.prediction == Prediction::Asking);
        let specs = plan::slots(&self.config);
        for (slot, spec) in self.slots.iter_mut().zip(specs) {
            slot.label = veil.map_or(spec.label, str::to_string);
        }
    }
}
