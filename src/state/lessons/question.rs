//! The panel of a lesson's own question (its text, answers and keys are data in
//! `settings::catalogue::questions`): asked, answered, and once the runs have ended whether the
//! answer matched the key read off them, with the key's reason. Also which kind of question a
//! lesson asks.

use crate::state::lessons::predict::{Guess, PredictView, Prediction};
pub use crate::state::settings::catalogue::questions::{Ask, Ended, Key, Question};
use crate::state::settings::config::Config;
use crate::state::settings::preset::Preset;

impl Preset {
    /// Whether the lesson is about what one rate does, so it asks "what will this rate do?".
    pub fn asks(self) -> bool {
        matches!(self.entry().ask, Ask::Regime)
    }

    /// Whether the lesson sets two runs side by side and asks which ends lower.
    pub fn compares(self) -> bool {
        matches!(self.entry().ask, Ask::Lower)
    }

    /// The lesson's own question, if it has one rather than one of the two above.
    pub fn question(self) -> Option<Question> {
        match self.entry().ask {
            Ask::Own(q) => Some(q),
            _ => None,
        }
    }
}

/// What the prediction panel shows for question `q`: asked, answered, or (once `finished`) with
/// whether the answer matched the key read off `runs`.
pub fn view(
    q: Question,
    prediction: Prediction,
    config: &Config,
    runs: &[Ended],
    finished: bool,
) -> Option<PredictView> {
    let (ask, labels) = (q.ask)(config);
    let guess = match prediction {
        Prediction::Off => return None,
        Prediction::Asking => None,
        // A new rate is a new experiment, as in the regime lessons: the answer and its labels
        // were about the old one (a student moved lr0 after answering step 12 and read "you
        // said 'lr0 = 0.1, as set'", which they had not).
        Prediction::Answered { lr0, .. } if lr0 != config.lr0 => return None,
        Prediction::Answered { guess, .. } => Some(guess),
    };
    let question = match guess {
        None => format!("Predict first: {ask}"),
        Some(_) => format!("Your prediction: {ask}"),
    };
    let result = guess
        .filter(|_| finished)
        .map(|g| result(g, &labels, (q.key)(config, runs)));
    let answers = (0..labels.len())
        .map(|k| (Guess::Pick(k as u8), labels[k].clone()))
        .collect();
    Some(PredictView {
        question,
        about: ask,
        answers,
        guess,
        result,
    })
}

/// Whether `guess` is the key's answer, and the sentence that says so with the key's reason.
fn result(guess: Guess, labels: &[String], key: Option<Key>) -> (bool, String) {
    let said = |k: u8| labels.get(usize::from(k)).map_or("another answer", |s| s);
    let Some((right, why)) = key else {
        return (
            false,
            "The runs settled none of the answers (one diverged); try another seed.".to_string(),
        );
    };
    match guess {
        Guess::Pick(k) if k == right => (true, format!("Right: {}. {why}", said(k))),
        Guess::Pick(k) => (
            false,
            format!(
                // The answers are labels, not clauses: quoted, they read whole ("you said lr0 =
                // 0.01, as set, but well below 0.01" did not).
                "Not quite: you said “{}”; the answer was “{}”. {why}",
                said(k),
                said(right)
            ),
        ),
        _ => (false, format!("The answer was: {}. {why}", said(right))),
    }
}
