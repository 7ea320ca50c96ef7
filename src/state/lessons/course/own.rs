//! The closing slide's way on: how to find a good lr0 for a task of one's own. A student who
//! finished the course asked "what is a good lr0, and how would I know?", and wished the course
//! showed the LR sweep: the steps each show one rate's run, and the tools that compare whole
//! runs waited folded under More tools.

use crate::state::settings::action::Action;
use crate::state::settings::key::Key;

/// What the closing slide says about a task of one's own.
/// Not "the flat bottom of its U": on moons the final losses jump from rate to rate near the
/// bottom, and its lowest point is one lucky run past the first that went wrong (a student read
/// the promise of a flat bottom beside a jagged V). The finder's guess is qualified: a student
/// took "a quick first guess" on moons, and its 0.158 stalled.
pub const OWN_TASK: &str = "For a task of your own: the LR sweep trains whole runs at 25 rates. Their final losses fall as the rate grows, then rise or fail at a cliff: take a rate low on that curve and clear of the cliff, as the rate map's try does. The LR finder's guess is quicker, but read from a few minibatches it can be too cautious for a whole run.";

/// The button's text.
pub const OWN_TASK_BUTTON: &str = "Try the LR sweep on moons →";

/// The panel the button opens, by its element id, to bring into view.
pub const OWN_TASK_PANEL: &str = "sweep";

/// What the button does: leave the course for the plain page, on moons (a network: the sweep's
/// U has a crawl, a flat bottom and a cliff), with the LR sweep's panel open, at moons' own
/// settings: leaving by "your own settings" brought back a student's lr0 5.5 from before the
/// course, without a word.
pub fn own_task() -> Vec<Action> {
    vec![
        Action::Reset,
        Action::Set(Key::Task, "moons".into()),
        Action::Set(Key::Sweep, "1".into()),
    ]
}
