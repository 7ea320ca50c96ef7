//! A teacher's own path through the course (`steps=1,2,3,4,13`): the steps it visits, which
//! Next, Back, the arrow keys, the bar's "Step k of n" and the recap keep to. A teacher would
//! show the first four steps and the local minimum, and had no way to leave the rest out.

use super::len;
use crate::state::settings::config::Config;

/// The steps `config`'s course visits, in order: its path, or every step.
pub fn path(config: &Config) -> Vec<usize> {
    let given: Vec<usize> = config
        .steps
        .iter()
        .copied()
        .filter(|s| (1..=len()).contains(s))
        .collect();
    if given.is_empty() {
        (1..=len()).collect()
    } else {
        given
    }
}

/// The path's first step after `step`; `None` past its last.
pub fn after(config: &Config, step: usize) -> Option<usize> {
    path(config).into_iter().find(|&s| s > step)
}

/// The path's last step before `step`; `None` before its first.
pub fn before(config: &Config, step: usize) -> Option<usize> {
    path(config).into_iter().rev().find(|&s| s < step)
}

/// Where `step` stands on the path, as (its place, 1-based, and the path's length); a step
/// off the path (picked from the menu) keeps its place in the whole course.
pub fn place(config: &Config, step: usize) -> (usize, usize) {
    let p = path(config);
    match p.iter().position(|&s| s == step) {
        Some(k) => (k + 1, p.len()),
        None => (step, len()),
    }
}
