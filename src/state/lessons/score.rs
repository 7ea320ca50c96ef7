//! The learner's predictions over the course: which steps they answered, and whether each
//! answer matched what the run did. Kept in the browser as a short text ("1:1,2:0", step and
//! right or not), never sent anywhere, and read back on the closing slide as a score with the
//! steps worth another look (two students asked for one).

use super::course;

/// The tally `tally` with step `step`'s answer recorded as `right` (a step answered again
/// keeps its latest answer). Anything unreadable in `tally` is dropped.
pub fn record(tally: &str, step: usize, right: bool) -> String {
    let mut steps: Vec<(usize, bool)> = read(tally)
        .into_iter()
        .filter(|&(s, _)| s != step)
        .collect();
    if course::lesson(step).is_some() {
        steps.push((step, right));
    }
    steps.sort_unstable();
    steps
        .iter()
        .map(|(s, r)| format!("{s}:{}", u8::from(*r)))
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether arriving at `config`'s step from step `from` (`None`: the page has just opened)
/// starts a new round, whose tally begins empty. The course entered at step 1 from the plain
/// page or from the closing slide is a new round; so is step 1 opened in presenter mode,
/// where a teacher starts a class. (A teacher demonstrated the course on a projector and the
/// closing slide scored the answers of an earlier run-through on that machine.) Back from
/// step 2, or a page that opens at step 1 where a returning learner is offered their step,
/// keeps the tally.
pub fn new_round(config: &crate::state::Config, from: Option<usize>) -> bool {
    config.course == 1
        && match from {
            Some(step) => step == 0 || step == course::end(),
            None => config.present,
        }
}

/// The steps in `tally`, each once, in the course.
fn read(tally: &str) -> Vec<(usize, bool)> {
    let mut steps: Vec<(usize, bool)> = tally
        .split(',')
        .filter_map(|pair| {
            let (step, right) = pair.trim().split_once(':')?;
            let step: usize = step.parse().ok()?;
            course::lesson(step)?;
            match right {
                "1" => Some((step, true)),
                "0" => Some((step, false)),
                _ => None,
            }
        })
        .collect();
    steps.sort_unstable();
    steps.dedup_by_key(|p| p.0);
    steps
}

/// How the learner's predictions went.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    /// Steps answered and matched.
    pub right: usize,
    /// Steps answered.
    pub answered: usize,
    /// The steps answered wrongly, in course order.
    pub missed: Vec<usize>,
}

/// The score in `tally`; `None` when no step was answered.
pub fn score(tally: &str) -> Option<Score> {
    let steps = read(tally);
    (!steps.is_empty()).then(|| Score {
        right: steps.iter().filter(|s| s.1).count(),
        answered: steps.len(),
        missed: steps.iter().filter(|s| !s.1).map(|s| s.0).collect(),
    })
}

impl Score {
    /// The closing slide's line: "11 of your 12 predictions were right. Worth
    /// another look: step 2."
    pub fn line(&self) -> String {
        let head = match (self.answered, self.right) {
            (1, 1) => "Your one prediction was right.".to_string(),
            (1, _) => "Your one prediction missed.".to_string(),
            // "1 of your 2 predictions were right" (a teacher).
            (n, 1) => format!("1 of your {n} predictions was right."),
            (n, r) => format!("{r} of your {n} predictions were right."),
        };
        match self.missed.as_slice() {
            [] if self.answered > 1 => format!("{head} Every one right."),
            [] => head,
            [one] => format!("{head} Worth another look: step {one}."),
            [rest @ .., last] => format!(
                "{head} Worth another look: steps {} and {last}.",
                rest.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}
