//! The course: the lessons as one ordered path, step 1 to [`len`], in the order a learner needs
//! them (what a rate does on one valley first, then the tools that tame a rate, then the
//! recipes and the traps). A step is the lesson's settings plus `course=<step>` in the URL, so
//! every step has its own link; ← → and the Next and Back buttons move along it. Where the
//! learner left off is kept in the browser (the page only stores the step number there) and
//! offered back, never jumped to: a shared link must open where it points.
//!
//! Only the decisions live here; `ui::components::course_bar` renders them and forwards keys.

mod own;
mod path;
mod switch;
pub use own::{OWN_TASK, OWN_TASK_BUTTON, OWN_TASK_PANEL, own_task};
pub use path::{after, before, path, place};
pub use switch::{switch, switch_beside, switch_on};

use crate::state::settings::action::Action;
use crate::state::settings::config::{Config, Relief};
use crate::state::settings::key::Key;
use crate::state::settings::preset::Preset;

/// The lessons in course order. Regimes before remedies: too low and too high make "just
/// right" mean something, and momentum and Adam are easiest seen on that same valley before
/// schedules, batches and recipes change the setting around the rate.
pub const COURSE: [Preset; 14] = [
    Preset::TooLow,
    Preset::TooHigh,
    Preset::JustRight,
    Preset::Momentum,
    Preset::SgdVsAdam,
    Preset::Warmup,
    Preset::StepDecay,
    Preset::CosineVsLinear,
    Preset::BatchScaling,
    Preset::BatchUltralytics,
    Preset::FineTune,
    Preset::UltralyticsDefaults,
    Preset::LocalMinimum,
    Preset::Clipping,
];

/// The lesson menu's order: the course's, so that the menu and Next/Back tell one path (a
/// student found "The rate 0.55" first in the menu and "The rate 0.004" as step 1).
pub const MENU: [Preset; 14] = COURSE;

/// The step that opens on the mountain in 3-D: the first picture of the course is the one the
/// learning rate is explained with, a walker stepping down a mountain towards the valley.
pub const MOUNTAIN_STEP: usize = 1;

impl Preset {
    /// The lesson's settings as step `step` of the course, reached from the page `from`. The
    /// view is the teacher's once chosen: moving along the course keeps the 3-D mountain or
    /// the 2-D map that was on screen (the course opens at [`MOUNTAIN_STEP`] in 3-D, and a
    /// class that turned to the map stays on it). Entering the course from outside it takes
    /// the step's own view, unless the page was already on the mountain.
    pub fn at_step(self, step: usize, from: &Config) -> Config {
        let config = self.config();
        let view = if from.course > 0 || from.view == Relief::Mountain {
            from.view
        } else if step == MOUNTAIN_STEP {
            Relief::Mountain
        } else {
            config.view
        };
        Config { view, ..config }
    }
}

/// The course's three parts, by their first step: a student who met fourteen steps in one
/// row asked for "basics" apart from the recipes. Steps 1–5 are what a rate does on one
/// valley (with momentum and Adam); 6–10 how a rate changes over a run and with the batch;
/// 11–14 recipes and traps from practice.
pub const PARTS: [(usize, &str); 3] = [
    (1, "what a rate does"),
    (6, "schedules and batches"),
    (11, "recipes and traps from practice"),
];

/// The part `step` belongs to: its number (1-based) and name.
pub fn part(step: usize) -> Option<(usize, &'static str)> {
    lesson(step)?;
    PARTS
        .iter()
        .enumerate()
        .rev()
        .find(|(_, (first, _))| step >= *first)
        .map(|(k, (_, name))| (k + 1, *name))
}

/// The note at the first step of a part: "Part 2: schedules and batches." (Short: step 6's
/// first screen holds it, the new data set's note and the question in 120 words.)
pub fn part_note(step: usize) -> Option<String> {
    opens_part(&Config::default(), step)
}

/// [`part_note`] as the step's line says it: part 3, about one library's recipes, says what the
/// library is (a student met "yolo train" with no word on what it is). The recap heads its
/// parts with the note alone.
fn part_line(config: &Config, step: usize) -> Option<String> {
    const YOLO: &str =
        " Ultralytics YOLO, an image-model library, gave this page its setting names.";
    opens_part(config, step).map(|note| {
        if part(step).is_some_and(|(k, _)| k == PARTS.len()) {
            format!("{note}{YOLO}")
        } else {
            note
        }
    })
}

/// [`part_note`] where `step` is the first of its part on `config`'s path: a teacher's path may
/// enter a part after its first step.
fn opens_part(config: &Config, step: usize) -> Option<String> {
    let (k, name) = part(step)?;
    let prev = before(config, step).and_then(part).map(|p| p.0);
    (prev != Some(k)).then(|| format!("Part {k}: {name}."))
}

/// The number of steps.
pub const fn len() -> usize {
    COURSE.len()
}

/// The closing slide's step, one past the last lesson: the recap of what the class saw and
/// the offer to start again. (The URL table's `course` runs to it: 15.)
pub const fn end() -> usize {
    len() + 1
}

/// Whether the page shows the closing slide.
pub fn is_end(config: &Config) -> bool {
    config.course == end()
}

/// What picking `lesson` from the menu does: inside the course (its closing slide too), go to
/// that lesson's step, so the course bar stays and Next goes on from there (a student on a
/// phone lost their place by choosing a step from the menu); outside it, or for "your own
/// settings", leave the course for the lesson as before.
pub fn pick(config: &Config, lesson: Option<Preset>) -> Action {
    match lesson {
        Some(p) if config.course > 0 => match COURSE.iter().position(|&c| c == p) {
            Some(i) => Action::Course(i + 1, p),
            None => Action::Preset(Some(p)),
        },
        _ => Action::Preset(lesson),
    }
}

/// The lesson at `step` (1-based); `None` outside 1..=[`len`].
pub fn lesson(step: usize) -> Option<Preset> {
    step.checked_sub(1).and_then(|i| COURSE.get(i).copied())
}

/// The step of `preset` in the course, 1-based.
pub fn step_of(preset: Preset) -> Option<usize> {
    COURSE.iter().position(|&p| p == preset).map(|i| i + 1)
}

/// The action that opens `step`; `None` for a step that does not exist.
pub fn go(step: usize) -> Option<Action> {
    lesson(step).map(|p| Action::Course(step, p))
}

/// The step after the current one, if the page is in the course: after the last lesson, the
/// closing slide (which keeps the last lesson's settings; only the step moves on).
pub fn next(config: &Config) -> Option<Action> {
    match config.course {
        0 => None,
        s if s >= end() => None,
        s => after(config, s).map_or(Some(Action::Set(Key::Course, end().to_string())), go),
    }
}

/// The step before the current one, if the page is in the course and not at its start.
pub fn back(config: &Config) -> Option<Action> {
    (config.course > 0)
        .then(|| before(config, config.course).and_then(go))
        .flatten()
}

/// What a key press does in the course: → and Page Down the next step, ← and Page Up the one
/// before. Page Up and Page Down are the way out of a control whose own arrows are ← →.
pub fn key(config: &Config, key: &str) -> Option<Action> {
    match key {
        "ArrowRight" | "PageDown" => next(config),
        "ArrowLeft" | "PageUp" => back(config),
        _ => None,
    }
}

/// Whether `key` moves the course even while a control has the focus: ← → in presenter mode,
/// where the settings are hidden and a class must never see a press go astray into a slider
/// or the mountain; Page Up and Page Down always (a slider still has its arrows, Home and End).
/// Text being typed keeps its keys: its caret moves with the arrows.
pub fn overrides_control(config: &Config, key: &str, typing_text: bool) -> bool {
    match key {
        "PageUp" | "PageDown" => !typing_text,
        "ArrowLeft" | "ArrowRight" => config.present && !typing_text,
        _ => false,
    }
}

/// The footer's link to presenter mode: at the step shown (the path's first off the course),
/// keeping a teacher's path.
pub fn present_link(config: &Config) -> String {
    let step = if config.course > 0 {
        config.course
    } else {
        path(config)[0]
    };
    let steps: Vec<String> = config.steps.iter().map(|s| s.to_string()).collect();
    let path = if steps.is_empty() {
        String::new()
    } else {
        format!("&steps={}", steps.join(","))
    };
    format!("?course={step}&present=1{path}")
}

/// The step bar's help, in its title: which keys move the course here.
pub fn help(config: &Config) -> &'static str {
    if config.present {
        "← → or Page Up / Page Down move through the course, wherever the focus is."
    } else {
        "← → or Page Up / Page Down move through the course. Inside a slider, ← → move the \
         slider: Page Up / Page Down or the Back and Next buttons move the course."
    }
}

/// One line of the closing recap: the step, the lesson's title and its idea.
#[derive(Clone, Debug, PartialEq)]
pub struct RecapLine {
    /// The step, 1-based.
    pub step: usize,
    /// Its number as the bar counted it: its place on a teacher's path, else the step.
    pub shown: usize,
    /// The lesson's title.
    pub title: &'static str,
    /// Its idea in one line.
    pub idea: &'static str,
    /// The part it opens, if it is a part's first step: the recap's heading.
    pub part: Option<String>,
}

/// What the class saw, one line per step of `config`'s path, from the lessons' own data.
pub fn recap(config: &Config) -> Vec<RecapLine> {
    path(config)
        .into_iter()
        .filter_map(|step| {
            let p = lesson(step)?;
            Some(RecapLine {
                step,
                shown: place(config, step).0,
                title: p.title(),
                idea: p.idea(),
                part: opens_part(config, step),
            })
        })
        .collect()
}

/// The settings a URL opens, made consistent: `course=N` alone opens step N's lesson; a lesson
/// with a step that is not its own takes its own step (the settings are what the link shows),
/// or leaves the course if it is not in it.
pub fn open(config: Config) -> Config {
    match (config.course, config.preset) {
        // Presenter mode is for a class, so it walks the course: a lesson opens at its step,
        // the plain page at the first; settings of the teacher's own stay as they are.
        (0, Some(p)) if config.present => Config {
            course: step_of(p).unwrap_or(0),
            ..config
        },
        (0, None) if config.present && config.bare() == Config::default() => {
            match go(path(&config)[0]) {
                Some(action) => config.apply(action),
                None => config,
            }
        }
        (0, _) => config,
        // The closing slide keeps whatever settings the link carries.
        (step, _) if step == end() => config,
        // The step is applied from outside the course, so that it opens in its own view (or
        // the link's 3-D one). A step off a teacher's path opens the path's first: a teacher
        // added steps=4,5,11 to the page's own presenter link (course=1) and met "Step 1 of 14".
        (step, None) => match go(
            if config.steps.is_empty() || path(&config).contains(&step) {
                step
            } else {
                path(&config)[0]
            },
        ) {
            Some(action) => Config {
                course: 0,
                ..config
            }
            .apply(action),
            None => Config {
                course: 0,
                ..config
            },
        },
        (_, Some(p)) => Config {
            course: step_of(p).unwrap_or(0),
            ..config
        },
    }
}

/// What the course bar shows on a step.
#[derive(Clone, Debug, PartialEq)]
pub struct CourseView {
    /// The step, 1-based.
    pub step: usize,
    /// "Step 3 of 14".
    pub position: String,
    /// The lesson's title.
    pub title: &'static str,
    /// Whether there is a step before and after.
    pub back: bool,
    /// See `back`.
    pub next: bool,
    /// The Next button's text: "Recap →" on the last lesson, whose next is the closing slide.
    pub next_label: &'static str,
    /// "New data set: …, because …" where the step changes the task ([`switch`]).
    pub switch: Option<String>,
}

/// The bar for `config`; `None` outside the course.
pub fn view(config: &Config) -> Option<CourseView> {
    if is_end(config) {
        return Some(CourseView {
            step: end(),
            position: "The end".to_string(),
            title: "what the course showed",
            back: true,
            next: false,
            next_label: "Next →",
            switch: None,
        });
    }
    let lesson = lesson(config.course)?;
    let (k, n) = place(config, config.course);
    Some(CourseView {
        step: config.course,
        position: format!("Step {k} of {n}"),
        title: lesson.title(),
        back: before(config, config.course).is_some(),
        next: true,
        next_label: if after(config, config.course).is_none() {
            "Recap →"
        } else {
            "Next →"
        },
        // Every step has the line, so the slider below it does not move from step to step (it
        // had, with the line on a part's first step only): a part's first step names the part,
        // a step with a new data set says so, and any other names its part the same way (a
        // student met "Part 1: what a rate does." and then "Part 1 of 3." as if two schemes).
        switch: match (
            part_line(config, config.course),
            switch_on(config, config.course),
        ) {
            (Some(p), Some(s)) => Some(format!("{p} {s}")),
            (p, s) => p
                .or(s)
                .or_else(|| part(config.course).map(|(k, name)| format!("Part {k}: {name}."))),
        },
    })
}

/// The step stored in the browser, read back: anything but a step of the course is ignored
/// (storage is the learner's to edit, and an old page may have stored another course).
pub fn saved(text: Option<&str>) -> Option<usize> {
    text?
        .trim()
        .parse()
        .ok()
        .filter(|&s| lesson(s).is_some() || s == end())
}

/// The text to store for `config`: its step, while in the course, the closing slide too (a
/// learner who had finished was offered "Resume the course at step 14 of 14").
pub fn to_save(config: &Config) -> Option<String> {
    (lesson(config.course).is_some() || is_end(config)).then(|| config.course.to_string())
}

/// The offer the page makes: the step to resume at and its button text, given the step the
/// learner last reached. Made on the plain page and at the course's first step, where a
/// returning learner most likely arrives; never in an embed (the host chose the view) or in
/// presenter mode (the teacher chose the step, and the class should not see the offer), never
/// where the learner already is, and never on a lesson link (it points somewhere on purpose).
pub fn offer(config: &Config, saved: Option<usize>) -> Option<(usize, String)> {
    if config.embed || config.present {
        return None;
    }
    let plain = config.course == 0 && config.preset.is_none();
    let steps = path(config);
    let (first, n) = (steps[0], steps.len());
    match saved {
        Some(s) if s == end() && plain => {
            Some((first, format!("Course done · start it again: {n} steps")))
        }
        Some(s)
            if s > first
                && s != config.course
                && s != end()
                && (plain || config.course == first) =>
        {
            let (k, n) = place(config, s);
            Some((s, format!("Resume the course at step {k} of {n}")))
        }
        _ if plain => Some((first, format!("Start the course: {n} steps"))),
        _ => None,
    }
}
