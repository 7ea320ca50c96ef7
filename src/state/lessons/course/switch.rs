//! The note a course step opens with where its data set or valley is not the step before's on
//! the path: the class must not see the task change silently (it did, from the line to the
//! digits).

use super::{before, lesson, path};
use crate::state::settings::config::Config;
use crate::state::settings::preset::Preset;
use crate::state::settings::task::Task;

/// The data set and model of `task` in plain words, for the note that the course changed them.
/// Short, as the reasons below: the note sits on the step's first screen, which holds at most
/// 120 words at 1280×800 (the e2e counts every step), and keeps to one line there with a
/// part's note before it (step 6's took two, and the slider moved down 19 px at that step).
fn plain_task(task: Task) -> &'static str {
    match task {
        Task::Line => "points along a line and two weights",
        Task::Sine => "points along a sine wave and two weights",
        Task::Digits => "8×8 digit images and a small conv net",
        Task::Toy(_) => "two half-moons of points and a small network",
    }
}

/// Why the lesson at a step needs the data set it brings.
fn why_task(lesson: Preset) -> &'static str {
    match lesson {
        p if p == Preset::Warmup => "warmup matters with many weights",
        p if p == Preset::StepDecay => "whole runs take seconds",
        p if p == Preset::LocalMinimum => "its loss has two valleys, drawn exactly",
        // Not "not with two weights": step 2's two weights blow up too, steadily, from a rate
        // too large; the lesson's cause is one minibatch far steeper than the rest (a teacher).
        p if p == Preset::Clipping => "one minibatch's huge gradient can wreck a network",
        _ => "this lesson needs it",
    }
}

/// The note a step opens with when its data set and model are not the step before's: the
/// class must not see the task change silently (it did, from the line to the digits).
pub fn switch(step: usize) -> Option<String> {
    switch_on(&Config::default(), step)
}

/// [`switch`] on `config`'s path: against the path's step before, and "Back to" a data set
/// met earlier on it.
pub fn switch_on(config: &Config, step: usize) -> Option<String> {
    let prev = before(config, step)?;
    let (before, now) = (lesson(prev)?, lesson(step)?);
    let (was, is) = (before.config(), now.config());
    let data = |c: &Config| {
        (
            c.task,
            c.seed,
            c.noise.to_bits(),
            c.shift.to_bits(),
            c.spread.to_bits(),
        )
    };
    if was.task != is.task {
        // A data set met earlier in the course is not new: the class has seen it.
        let seen = path(config)
            .into_iter()
            .take_while(|&k| k < prev)
            .any(|k| lesson(k).is_some_and(|p| p.config().task == is.task));
        let lead = if seen { "Back to" } else { "New data set:" };
        return Some(format!(
            "{lead} {}, because {}.",
            plain_task(is.task),
            why_task(now)
        ));
    }
    // The same two-weight line on another valley: its limit and starting loss change, which
    // the class would otherwise take for the lesson's effect.
    // Named against the step before: a student could not tell if step 5's was another.
    (is.task == Task::Line && data(&was) != data(&is)).then(|| {
        // On a teacher's path the bar counts its own steps: the step before, not its number.
        let whose = if config.steps.is_empty() { format!("step {prev}'s") } else { "the step before's".into() };
        format!("A new valley, unlike {whose}: the line's points spread differently, so its shape, limit and starting loss change.")
    })
}

/// [`switch`] in the words' column beside the charts (`side`), until the class has answered:
/// then the note has been read, and its room goes to the result and the runs' badges (they
/// were pushed off a 720-pixel screen).
pub fn switch_beside(
    config: &Config,
    side: bool,
    question: Option<&crate::state::lessons::predict::PredictView>,
) -> Option<String> {
    switch_on(config, config.course).filter(|_| side && question.is_none_or(|q| q.guess.is_none()))
}
