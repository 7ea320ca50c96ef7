//! The lessons as data: each is one [`Lesson`] entry holding its starting configuration, the
//! runs it shows side by side, whether it opens with a question, and one sentence that its
//! picture must bear out (every sentence is checked by a native test in `tests/native/lessons.rs`).
//!
//! A new lesson is a line in [`Preset`]'s list (its name and title, which the settings need
//! below this room) and one entry in one of the files below; [`LESSONS`] is assembled from
//! them when the crate compiles, and compilation fails if a preset has no entry or two.

mod landscape;
mod recipe;
mod schedule;

use crate::engine::data::Toy;
use crate::state::lessons::question::Ask;
use crate::state::settings::config::{Config, DecayKind};
use crate::state::settings::preset::Preset;
use crate::state::settings::task::Task;

pub use landscape::{LOCAL_MINIMUM_LARGE, SGD_VS_ADAM_ADAM_LR};
pub use recipe::FINE_TUNE_LARGE;

/// One of the runs the page shows side by side.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSpec {
    /// Legend text.
    pub label: String,
    /// Its settings.
    pub config: Config,
}

/// A lesson: everything it sets, shows and says, in one place.
#[derive(Clone, Copy, Debug)]
pub struct Lesson {
    /// Which lesson this is.
    pub preset: Preset,
    /// The claim in one sentence, which its picture shows: on the first screen.
    pub claim: &'static str,
    /// What lies behind the claim, for whoever reads on.
    pub detail: &'static str,
    /// The question it opens with (see [`crate::state::lessons::predict`]).
    pub ask: Ask,
    /// Whether its runs start from weights trained first (`plan::pretrained`) rather than
    /// each drawing its own.
    pub pretrained: bool,
    /// Its settings, without the preset itself (which [`Preset::config`] adds).
    pub config: fn() -> Config,
    /// The runs it shows side by side for the settings `c` (its own, as the learner changed
    /// them), the main run first; `None` for a lesson with one run.
    pub runs: Option<fn(&Config) -> Vec<RunSpec>>,
}

/// Every lesson, in [`Preset::ALL`] order, so a preset finds its entry by position.
pub static LESSONS: [Lesson; Preset::ALL.len()] =
    table([landscape::LESSONS, schedule::LESSONS, recipe::LESSONS]);

/// Puts each entry at its preset's place. Evaluated at compile time, so a preset without an
/// entry, or with two, is a build error rather than a lesson that goes missing at run time.
const fn table(groups: [&[Lesson]; 3]) -> [Lesson; Preset::ALL.len()] {
    let mut out = [groups[0][0]; Preset::ALL.len()];
    let mut seen = [false; Preset::ALL.len()];
    let mut g = 0;
    while g < groups.len() {
        let mut i = 0;
        while i < groups[g].len() {
            let at = groups[g][i].preset as usize;
            assert!(!seen[at], "a preset has two lesson entries");
            seen[at] = true;
            out[at] = groups[g][i];
            i += 1;
        }
        g += 1;
    }
    let mut at = 0;
    while at < seen.len() {
        assert!(seen[at], "a preset has no lesson entry");
        at += 1;
    }
    out
}

impl Preset {
    /// Its entry in [`LESSONS`].
    pub fn entry(self) -> &'static Lesson {
        &LESSONS[self as usize]
    }

    /// The lesson's claim in one sentence, which its picture shows: on the first screen.
    pub fn claim(self) -> &'static str {
        self.entry().claim
    }

    /// What lies behind the claim, for whoever reads on.
    pub fn lesson(self) -> &'static str {
        self.entry().detail
    }

    /// The settings of the lesson.
    pub fn config(self) -> Config {
        Config {
            preset: Some(self),
            ..(self.entry().config)()
        }
    }

    /// The runs the lesson shows side by side for the settings `c` (its own, as the learner
    /// changed them), the main run first; `None` for a lesson with one run.
    pub fn runs(self, c: &Config) -> Option<Vec<RunSpec>> {
        self.entry().runs.map(|runs| runs(c))
    }

    /// Whether the lesson's runs start from weights trained first.
    pub fn pretrained(self) -> bool {
        self.entry().pretrained
    }
}

/// The line's valley with the page's defaults: full-batch gradient descent at a constant rate.
fn line() -> Config {
    Config::default()
}

/// The two moons with plain SGD at a constant rate, the base of the training lessons.
fn moons() -> Config {
    Config {
        task: Task::Toy(Toy::Moons),
        lr0: 0.1,
        epochs: 30,
        batch: 16,
        nbs: 16,
        decay: DecayKind::Constant,
        ..Config::default()
    }
}

/// The lesson's own run labelled `label`, then the same with `other`'s changes as `other_label`.
fn versus(c: &Config, label: String, other_label: String, other: Config) -> Vec<RunSpec> {
    vec![
        RunSpec {
            label,
            config: c.clone(),
        },
        RunSpec {
            label: other_label,
            config: other,
        },
    ]
}
