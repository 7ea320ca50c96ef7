//! The lessons as data: each is one [`Lesson`] entry holding its name and title, its starting
//! configuration, the runs it shows side by side, whether it opens with a question, and one
//! sentence that its picture must bear out (every sentence is checked by a native test in
//! `tests/native/lessons.rs`).
//!
//! A new lesson is one entry in one of the files below, and the constant that names it for
//! the code beside it. [`LESSONS`] is assembled from them when the crate compiles, in menu
//! order (the files' order, then each file's); a constant whose name has no entry, or two
//! entries with one name, is a build error rather than a lesson that goes missing at run time.
//! It lives in the settings' room because a [`Config`] names its lesson and the URL reads it.

mod landscape;
pub mod questions;
mod recipe;
mod schedule;

use crate::engine::data::Toy;
use crate::state::settings::catalogue::questions::Ask;
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

/// The chart a lesson is about besides the landscape and the loss: presenter mode keeps that
/// one in view and leaves the others out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    /// The path and the loss alone.
    Path,
    /// The learning-rate schedule (warmup, decay, the rate a recipe picks).
    Schedule,
    /// The gradient norm (exploding gradients, clipping).
    Gradient,
}

/// A lesson: everything it sets, shows and says, in one place.
#[derive(Clone, Copy, Debug)]
pub struct Lesson {
    /// Its name in the URL (`preset=`).
    pub name: &'static str,
    /// Its title in the menu. Lessons that ask what a rate will do have plain titles: a title
    /// must not answer.
    pub title: &'static str,
    /// The claim in one sentence, which its picture shows: on the first screen.
    pub claim: &'static str,
    /// What lies behind the claim, for whoever reads on.
    pub detail: &'static str,
    /// The question it opens with (see [`crate::state::lessons::predict`]).
    pub ask: Ask,
    /// The chart, beside the landscape and the loss, that the lesson is about.
    pub about: About,
    /// Its idea in one short line, for the course's closing recap.
    pub idea: &'static str,
    /// Whether its runs start from weights trained first (`plan::pretrained`) rather than
    /// each drawing its own.
    pub pretrained: bool,
    /// Its settings, without the preset itself (which [`Preset::config`] adds).
    pub config: fn() -> Config,
    /// The runs it shows side by side for the settings `c` (its own, as the learner changed
    /// them), the main run first; `None` for a lesson with one run.
    pub runs: Option<fn(&Config) -> Vec<RunSpec>>,
}

const GROUPS: [&[Lesson]; 3] = [landscape::LESSONS, schedule::LESSONS, recipe::LESSONS];

const COUNT: usize = GROUPS[0].len() + GROUPS[1].len() + GROUPS[2].len();

/// Every lesson, in menu order: [`Preset::ALL`]'s, so a preset finds its entry by position.
pub static LESSONS: [Lesson; COUNT] = TABLE;

const TABLE: [Lesson; COUNT] = table();

/// The groups one after the other, with no name twice. Evaluated at compile time.
const fn table() -> [Lesson; COUNT] {
    let mut out = [GROUPS[0][0]; COUNT];
    let (mut g, mut at) = (0, 0);
    while g < GROUPS.len() {
        let mut i = 0;
        while i < GROUPS[g].len() {
            let mut before = 0;
            while before < at {
                assert!(
                    !same(out[before].name, GROUPS[g][i].name),
                    "two lessons share a name"
                );
                before += 1;
            }
            out[at] = GROUPS[g][i];
            (i, at) = (i + 1, at + 1);
        }
        g += 1;
    }
    out
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Preset {
    /// Every preset, in menu order.
    pub const ALL: [Preset; COUNT] = {
        let mut all = [Preset(0); COUNT];
        let mut i = 0;
        while i < COUNT {
            all[i] = Preset(i as u8);
            i += 1;
        }
        all
    };

    /// The lesson whose entry is called `name`; a build error when used in a constant and no
    /// entry is.
    pub const fn named(name: &str) -> Preset {
        let mut i = 0;
        while i < COUNT {
            if same(TABLE[i].name, name) {
                return Preset(i as u8);
            }
            i += 1;
        }
        panic!("no lesson has this name")
    }

    /// Whether the lesson is about the rate on its valley (the first group: too low, too high,
    /// momentum, Adam, the local minimum), where the slider's rate to try is part of what it
    /// teaches. The others choose lr0 for what they show (a schedule, a batch, a recipe): a
    /// try mark sixteen times above the cosine lesson's 0.02 read as the page contradicting it.
    pub fn about_the_rate(self) -> bool {
        self.index() < GROUPS[0].len()
    }

    /// Its entry in [`LESSONS`].
    pub fn entry(self) -> &'static Lesson {
        &LESSONS[self.index()]
    }

    /// Its name in the URL.
    pub fn name(self) -> &'static str {
        self.entry().name
    }

    /// Its title in the menu.
    pub fn title(self) -> &'static str {
        self.entry().title
    }

    /// The lesson's claim in one sentence, which its picture shows: on the first screen.
    pub fn claim(self) -> &'static str {
        self.entry().claim
    }

    /// What lies behind the claim, for whoever reads on.
    pub fn lesson(self) -> &'static str {
        self.entry().detail
    }

    /// The chart, besides the landscape and the loss, that the lesson is about.
    pub fn about(self) -> About {
        self.entry().about
    }

    /// Its idea in one short line.
    pub fn idea(self) -> &'static str {
        self.entry().idea
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
