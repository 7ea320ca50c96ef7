//! Every URL parameter, in one table: its name, label, help, where its control sits and when
//! it shows, and how its value is read and written (as tensorflow/playground's `state.ts`
//! does). The URL, the settings panel and the reducer are all driven from here, and a control
//! is named by its [`Key`], so a misspelt name does not compile. A new parameter is a
//! [`Key`] variant and a row.

mod table;

pub use table::PARAMS;

use crate::state::settings::config::Config;
use crate::state::settings::key::Key;

impl Key {
    /// Its row in [`PARAMS`].
    pub fn param(self) -> &'static Param {
        &PARAMS[self as usize]
    }

    /// Its name in the URL.
    pub fn name(self) -> &'static str {
        self.param().name
    }

    /// The parameter called `name` in the URL.
    pub fn parse(name: &str) -> Option<Key> {
        PARAMS.iter().find(|p| p.name == name).map(|p| p.key)
    }
}

/// What values a parameter takes, and where in the [`Config`] it lives.
#[derive(Clone, Copy, Debug)]
pub enum Field {
    /// A finite number in [min, max].
    Number {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
        /// Reads the value.
        get: fn(&Config) -> f64,
        /// Writes the value.
        set: fn(&mut Config, f64),
    },
    /// A whole number in [min, max].
    Whole {
        /// Smallest allowed value.
        min: u64,
        /// Largest allowed value.
        max: u64,
        /// Reads the value.
        get: fn(&Config) -> u64,
        /// Writes the value.
        set: fn(&mut Config, u64),
    },
    /// One of a list of names.
    Choice {
        /// The names, in menu order, each with its label in the menu.
        options: fn() -> Vec<(&'static str, &'static str)>,
        /// Reads the value.
        get: fn(&Config) -> &'static str,
        /// Writes the value (only called with one of `options`).
        set: fn(&mut Config, &str),
    },
    /// On or off: `1`/`true` or `0`/`false`.
    Flag {
        /// Reads the value.
        get: fn(&Config) -> bool,
        /// Writes the value.
        set: fn(&mut Config, bool),
    },
    /// A comma-separated list of up to `max_len` finite numbers in [min, max] (each clamped,
    /// or, if `whole`, left out where it is not a whole number in range).
    Numbers {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
        /// Longest list.
        max_len: usize,
        /// Whole numbers that name things (a course path's steps), where a value out of range
        /// is a mistake to leave out, not a number to clamp: a teacher's `steps=1,2,99` had
        /// added step 14.
        whole: bool,
        /// Reads the value.
        get: fn(&Config) -> Vec<f64>,
        /// Writes the value.
        set: fn(&mut Config, Vec<f64>),
    },
    /// Free text of at most `max_len` characters (a pinned run's own query).
    Text {
        /// Longest text.
        max_len: usize,
        /// Reads the value.
        get: fn(&Config) -> String,
        /// Writes the value.
        set: fn(&mut Config, String),
    },
    /// A comma-separated list of parameter names (`hide`).
    Names {
        /// Reads the value.
        get: fn(&Config) -> Vec<Key>,
        /// Writes the value.
        set: fn(&mut Config, Vec<Key>),
    },
}

/// Where a parameter's control sits on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// The lesson menu.
    Lesson,
    /// The learning-rate slider.
    Rate,
    /// Settings, "Model and data".
    Model,
    /// Settings, "Schedule".
    Schedule,
    /// Settings, "Optimizer".
    Optimizer,
    /// Settings, folded away under "Advanced".
    Advanced,
    /// The run bar (comparisons).
    Run,
    /// How the page is shown, not what it trains; set by the URL only. This is where a
    /// setting is declared page-only: [`Config::bare`] and every transition derive from it.
    Page,
}

/// What loading a lesson, loading a file or Reset does to a page-only parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// It takes the lesson's (or the defaults') value, like any setting. A file never sets a
    /// page-only parameter, whatever its `keep`.
    No,
    /// How the page is embedded (`embed`, `hide`, `theme`): kept whatever is loaded.
    Always,
    /// The pinned run: kept by a lesson or a file, cleared by Reset.
    UntilReset,
}

impl Section {
    /// The settings panel's groups, in order, with their titles.
    pub const PANEL: [(Section, &'static str); 4] = [
        (Section::Model, "Model and data"),
        (Section::Schedule, "Schedule"),
        (Section::Optimizer, "Optimizer"),
        (Section::Advanced, "Advanced"),
    ];
}

/// One URL parameter.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// Which parameter.
    pub key: Key,
    /// Its name in the URL (Ultralytics' name where there is one).
    pub name: &'static str,
    /// Its control's label, in plain words.
    pub label: &'static str,
    /// What it means, for the README and the control's tooltip.
    pub help: &'static str,
    /// Where its control sits.
    pub section: Section,
    /// Whether its control applies to the settings (a step factor only with step decay).
    pub shown: fn(&Config) -> bool,
    /// Its values.
    pub field: Field,
    /// For a page-only parameter, whether lessons and Reset keep it.
    pub keep: Keep,
}

impl Param {
    /// Whether it describes the page rather than the runs (the lesson's cursor, the
    /// embedding, the panels shown).
    pub fn page_only(&self) -> bool {
        self.section == Section::Page
    }

    /// Copies its value from `from` into `to`.
    pub fn copy(&self, from: &Config, to: &mut Config) {
        match self.field {
            Field::Number { get, set, .. } => set(to, get(from)),
            Field::Whole { get, set, .. } => set(to, get(from)),
            Field::Choice { get, set, .. } => set(to, get(from)),
            Field::Flag { get, set } => set(to, get(from)),
            Field::Numbers { get, set, .. } => set(to, get(from)),
            Field::Text { get, set, .. } => set(to, get(from)),
            Field::Names { get, set } => set(to, get(from)),
        }
    }
}

impl Config {
    /// The settings without what only the page shows (every [`Section::Page`] parameter at
    /// its default): the cursor, the ghost, the embedding, the panels. Two settings with the
    /// same runs have the same bare settings.
    pub fn bare(&self) -> Config {
        let defaults = Config::default();
        let mut bare = self.clone();
        for p in PARAMS.iter().filter(|p| p.page_only()) {
            p.copy(&defaults, &mut bare);
        }
        bare
    }

    /// Whether two settings need different runs (anything but lr0 and the page's own settings).
    pub fn same_runs(&self, other: &Config) -> bool {
        let strip = |c: &Config| Config {
            lr0: 0.0,
            preset: None,
            ..c.bare()
        };
        strip(self) == strip(other)
    }

    /// The run settings (not lr0, the lesson or the page's own) that differ from `was`, as
    /// "seed 0 → 3": a teacher changed a lesson's seed and met its claim contradicted, under a
    /// note that did not say what had changed.
    pub fn changes_from(&self, was: &Config) -> Vec<String> {
        PARAMS
            .iter()
            .filter(|p| !p.page_only() && !matches!(p.key, Key::Lr0 | Key::Preset))
            .filter(|p| p.write(was) != p.write(self))
            .map(|p| format!("{} {} → {}", p.name, p.show(was), p.show(self)))
            .collect()
    }

    /// `next`, with this page's page-only parameters that `keeps` picks.
    pub fn keeping(&self, mut next: Config, keeps: impl Fn(&Param) -> bool) -> Config {
        for p in PARAMS.iter().filter(|p| p.page_only() && keeps(p)) {
            p.copy(self, &mut next);
        }
        next
    }
}

// The building blocks of the table's rows.

/// A number parameter in [min, max].
const fn number(min: f64, max: f64, get: fn(&Config) -> f64, set: fn(&mut Config, f64)) -> Field {
    Field::Number { min, max, get, set }
}

/// A whole-number parameter in [min, max].
const fn whole(min: u64, max: u64, get: fn(&Config) -> u64, set: fn(&mut Config, u64)) -> Field {
    Field::Whole { min, max, get, set }
}

/// A parameter whose control is always shown: (key, name, label), section, help and field.
const fn row(
    id: (Key, &'static str, &'static str),
    section: Section,
    help: &'static str,
    field: Field,
) -> Param {
    Param {
        key: id.0,
        name: id.1,
        label: id.2,
        help,
        section,
        shown: |_| true,
        field,
        keep: Keep::No,
    }
}

impl Param {
    /// The same parameter, its control shown only where `shown` says it applies.
    const fn when(self, shown: fn(&Config) -> bool) -> Param {
        Param { shown, ..self }
    }

    /// The same page-only parameter, kept across lessons, files and Reset as `keep` says.
    const fn kept(self, keep: Keep) -> Param {
        Param { keep, ..self }
    }
}

/// An on/off parameter.
const fn flag(get: fn(&Config) -> bool, set: fn(&mut Config, bool)) -> Field {
    Field::Flag { get, set }
}
