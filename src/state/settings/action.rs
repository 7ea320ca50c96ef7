//! Every change to the settings, in one reducer: the page only forwards its events here, so
//! what a control does is tested natively.

use crate::state::settings::config::{Config, LR_MAX, LR_MIN};
use crate::state::settings::field::Notice;
use crate::state::settings::key::Key;
use crate::state::settings::params::{Field, Keep, PARAMS, Param};
use crate::state::settings::preset::Preset;

/// A change the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Set a parameter from text, as the URL would. Numbers out of range are clamped; text that
    /// cannot be read changes nothing.
    Set(Key, String),
    /// Set the learning rate (clamped to [`LR_MIN`], [`LR_MAX`]; non-finite values are ignored).
    SetLr(f64),
    /// The same from a slider being dragged: the page shows the result at once rather than
    /// revealing it step by step.
    SlideLr(f64),
    /// Load a lesson, or leave it (`None`) for the default settings: a student who chose "your
    /// own settings" after the warmup lesson kept its digits and warmup without a word, and
    /// typed the line's rate into them.
    Preset(Option<Preset>),
    /// Go to step `.0` of the course, the lesson `.1` (see `lessons::course`), as
    /// [`Action::Preset`] does but staying in the course.
    Course(usize, Preset),
    /// Pin a run as the ghost, by its query (empty: remove the ghost).
    Pin(String),
    /// Back to the defaults, keeping the embedding settings.
    Reset,
    /// Settings read from a file (args.yaml, JSON), keeping every page-only setting as it is
    /// (the embedding, hidden controls, theme, ghost and panels) but the cursor.
    Load(Box<Config>),
}

impl Config {
    /// The settings after `action`.
    pub fn apply(&self, action: Action) -> Config {
        let mut next = self.clone();
        match action {
            Action::Set(key, text) => {
                let param = key.param();
                let notice = param.read(&mut next, &text);
                // A clamped number is still a usable value, and so is a list cut to its length
                // with its numbers clamped, as its notice says ("using 0.004, 0.2, 0.35"; a
                // student's four rates were dropped without a word); anything else that needed
                // a notice is not applied.
                let clamps = matches!(
                    param.field,
                    Field::Number { .. } | Field::Whole { .. } | Field::Numbers { .. }
                );
                if notice.is_some() && !clamps {
                    next = self.clone();
                }
                if key == Key::Task {
                    next = self.retask(next);
                }
            }
            Action::Pin(query) => next.ghost = query,
            Action::SetLr(lr) | Action::SlideLr(lr) if lr.is_finite() => {
                next.lr0 = lr.clamp(LR_MIN, LR_MAX)
            }
            Action::SetLr(_) | Action::SlideLr(_) => {}
            Action::Preset(Some(p)) => next = self.keeping(p.config(), |p| p.keep != Keep::No),
            Action::Course(step, p) => {
                next = self.keeping(p.at_step(step, self), |p| p.keep != Keep::No);
                next.course = step;
            }
            Action::Load(loaded) => {
                // A file describes runs, never the page: a settings file cannot open a
                // benchmark or a panel, and its cursor belongs to other runs.
                next = self.keeping(*loaded, |_| true);
                next.at = 0;
            }
            Action::Preset(None) => {
                next = self.keeping(Config::default(), |p| p.keep != Keep::No);
            }
            Action::Reset => next = self.keeping(Config::default(), |p| p.keep == Keep::Always),
        }
        // A ghost of another task means nothing, and a cursor is an iteration of these runs.
        if next.task != self.task {
            next.ghost.clear();
        }
        if !next.same_runs(self) {
            next.at = 0;
        }
        next
    }

    /// [`Config::apply`], keeping the reader's own settings in `own` while lessons replace
    /// them: a lesson or course step picked from the reader's own settings keeps those, and
    /// "your own settings" (`Action::Preset(None)`) brings them back, with the page-only
    /// settings as they are now, rather than the defaults. A YOLO user loaded their args.yaml,
    /// looked at a lesson, chose "your own settings" and met lr0 0.1 and a constant decay.
    pub fn apply_keeping_own(&self, action: Action, own: &mut Option<Config>) -> Config {
        let here = self.preset.is_none() && self.course == 0;
        match action {
            Action::Preset(Some(_)) | Action::Course(..) if here => *own = Some(self.clone()),
            Action::Preset(None) if !here => {
                if let Some(mine) = own.take() {
                    // As leaving for the defaults does, with the reader's settings instead.
                    let mut next = self.keeping(mine, |p| p.keep != Keep::No);
                    next.at = 0;
                    if next.task != self.task {
                        next.ghost.clear();
                    }
                    return next;
                }
            }
            _ => {}
        }
        self.apply(action)
    }

    /// What picking `next`'s task from these settings changed besides the task, as a notice:
    /// every setting still at the old task's default moves to the new one's ([`Config::retask`]),
    /// and a student found lr0 and momentum changed on picking spirals with nothing said. `None`
    /// where `next` is not that pick, or nothing else moved.
    pub fn retasked(&self, next: &Config) -> Option<Notice> {
        let pick = Action::Set(Key::Task, next.task.name().to_string());
        if next.task == self.task || *next != self.apply(pick) {
            return None;
        }
        let moved: Vec<String> = PARAMS
            .iter()
            .filter(|p| follows_task(p) && p.write(self) != p.write(next))
            .map(|p| format!("{} {} (was {})", p.key.name(), p.write(next), p.write(self)))
            .collect();
        (!moved.is_empty()).then(|| {
            Notice::new(
                Key::Task.name(),
                format!(
                    "{} starts from its own settings wherever you had not changed them: {}.",
                    next.task.label(),
                    moved.join(", ")
                ),
            )
        })
    }

    /// `next`, a change of task from these settings, with every run setting that was still at
    /// this task's default ([`Config::for_task`]) at the new task's: picking spirals brings the
    /// settings that learn them, and picking another task after it takes them away again,
    /// while whatever the learner set stays as they set it.
    fn retask(&self, mut next: Config) -> Config {
        let (old, new) = (Config::for_task(self.task), Config::for_task(next.task));
        for p in PARAMS.iter().filter(|p| follows_task(p)) {
            if p.write(self) == p.write(&old) {
                p.copy(&new, &mut next);
            }
        }
        next
    }
}

/// Whether a setting describes the runs, so that a change of task can move it ([`Config::retask`])
/// and its notice names it ([`Config::retasked`]): not the page's own, the task or the lesson.
fn follows_task(p: &Param) -> bool {
    !p.page_only() && !matches!(p.key, Key::Task | Key::Preset)
}
