//! Predict, then run: a lesson about what one rate does can open with the question "what will
//! this rate do?" and the four regimes as answers. The run waits for the answer; when it has
//! ended, the page says whether the guess matched what the run did, and why (the verdict's own
//! reason). Asking before showing makes the learner commit to a model of the rate first, which
//! studies of interactive explanations found improves what is remembered. A lesson of two runs
//! side by side asks instead which ends lower (or level), its key computed from how the runs
//! ended ([`key`]); the others ask a question of their own (`question`). `predict=0` turns
//! every question off.

use crate::engine::stability::fmt_lr;
use crate::state::lessons::verdict::{Report, Verdict};
use crate::state::settings::config::Config;

/// An answer: what a fixed rate does to the descent (the four regimes of a quadratic).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Guess {
    /// Too small to get far.
    Crawl,
    /// Straight down to the minimum.
    Converge,
    /// Overshoots across the valley and zig-zags in.
    ZigZag,
    /// Overshoots further every step: flies off.
    FlyOff,
    /// In a lesson of runs side by side: run `.0` ends with the lowest loss.
    Lower(u8),
    /// In a lesson of runs side by side: they end about level.
    Level,
    /// In a lesson with its own question: answer `.0` of its list.
    Pick(u8),
}

impl Guess {
    /// Every answer, from the smallest rate to the largest.
    pub const ALL: [Guess; 4] = [Guess::Crawl, Guess::Converge, Guess::ZigZag, Guess::FlyOff];

    /// Its button text: the badge's word first, so that the answer and the badge a run gets
    /// read alike (a student could not find OSCILLATING among "crawl, converge, zig-zag, fly
    /// off"), then what the path does.
    pub fn label(self) -> &'static str {
        match self {
            Guess::Crawl => "crawl: too small to get far",
            Guess::Converge => "converging: smoothly down",
            Guess::ZigZag => "oscillating: zig-zag, then settle",
            Guess::FlyOff => "diverging: fly off",
            Guess::Lower(_) => "this one ends lower",
            Guess::Level => "about equal",
            Guess::Pick(_) => "this answer",
        }
    }

    /// Its short name, in the sentence after the run: the badge's word.
    pub fn name(self) -> &'static str {
        match self {
            Guess::Crawl => "crawl",
            Guess::Converge => "converging",
            Guess::ZigZag => "oscillating",
            Guess::FlyOff => "diverging",
            Guess::Lower(_) => "lower",
            Guess::Level => "level",
            Guess::Pick(_) => "pick",
        }
    }

    /// What a run did, in the sentence after it: "it crawled".
    fn did(self) -> &'static str {
        match self {
            Guess::Crawl => "crawled",
            Guess::Converge => "converged",
            Guess::ZigZag => "oscillated, zig-zagging",
            Guess::FlyOff => "diverged",
            Guess::Lower(_) | Guess::Level | Guess::Pick(_) => "ended",
        }
    }

    /// Its name in the page (`data-guess`), distinct for every answer.
    pub fn id(self) -> String {
        match self {
            Guess::Crawl => "crawl".into(),
            Guess::Converge => "converge".into(),
            Guess::ZigZag => "zig-zag".into(),
            Guess::FlyOff => "fly off".into(),
            Guess::Lower(k) => format!("run-{k}"),
            Guess::Pick(k) => format!("answer-{k}"),
            Guess::Level => "level".into(),
        }
    }

    /// The answer a verdict amounts to; `None` for verdicts about the schedule or a model that
    /// does not learn, which no answer names.
    pub fn of(verdict: Verdict) -> Option<Guess> {
        match verdict {
            Verdict::Crawl => Some(Guess::Crawl),
            Verdict::Converging | Verdict::Annealing | Verdict::Fits => Some(Guess::Converge),
            Verdict::Oscillating => Some(Guess::ZigZag),
            Verdict::Diverging => Some(Guess::FlyOff),
            Verdict::WarmingUp | Verdict::Stuck | Verdict::LocalMinimum | Verdict::Stalled => None,
        }
    }
}

/// Where the question stands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Prediction {
    /// No question (off, skipped, not a lesson that asks, or the settings have moved on).
    Off,
    /// Asked; the run waits.
    Asking,
    /// Answered for the rate `lr0`.
    Answered {
        /// The answer.
        guess: Guess,
        /// The rate it was about.
        lr0: f64,
    },
}

/// The question for settings just loaded: every lesson asks, as the lesson set them, while
/// `predict` is on.
pub fn initial(config: &Config) -> Prediction {
    match config.preset {
        Some(p) if config.predict && config.bare() == p.config().bare() => Prediction::Asking,
        _ => Prediction::Off,
    }
}

/// What the prediction panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PredictView {
    /// The question, with the rate.
    pub question: String,
    /// What it asks about, the same asked or answered: the key its answer is kept under.
    pub about: String,
    /// The answers offered, with their button text.
    pub answers: Vec<(Guess, String)>,
    /// The answer given, if any.
    pub guess: Option<Guess>,
    /// Once the run has ended: whether the answer matched, and the sentence that says so.
    pub result: Option<(bool, String)>,
}

impl PredictView {
    /// What the page keeps of this question's answer, so that a reload does not ask again (two
    /// students reloaded an answered step and met the question anew): the question and the
    /// answer's id. `None` while it waits.
    pub fn kept(&self) -> Option<String> {
        self.guess.map(|g| format!("{}\n{}", self.about, g.id()))
    }

    /// The answer `kept` holds for this question, while it waits: `None` for another question's,
    /// or an answer it does not offer.
    pub fn recall(&self, kept: Option<&str>) -> Option<Guess> {
        let (question, id) = kept?.rsplit_once('\n')?;
        if self.guess.is_some() || question != self.about {
            return None;
        }
        self.answers.iter().map(|a| a.0).find(|g| g.id() == id)
    }

    /// The answer a key picks while the question waits: "1" the first, "2" the second, and so
    /// on, so a class can answer from the keyboard (a presenter's clicker, or a projector's
    /// keyboard) without the mouse. `None` once answered, or for any other key.
    pub fn answer_for_key(&self, key: &str) -> Option<Guess> {
        let n: usize = key.parse().ok()?;
        self.guess
            .is_none()
            .then(|| n.checked_sub(1).and_then(|i| self.answers.get(i)))
            .flatten()
            .map(|a| a.0)
    }
}

/// The panel for `prediction` with the slider at `lr0` (and the main run's `momentum`); `finished`: the main run has ended,
/// whose verdict is `report`. `None` when there is nothing to show.
pub fn view(
    prediction: Prediction,
    [lr0, momentum]: [f64; 2],
    finished: bool,
    report: &Report,
) -> Option<PredictView> {
    // The main run's settings: with momentum the same rate is another experiment.
    let what = if momentum > 0.0 {
        format!("lr0 = {} with momentum {momentum}", fmt_lr(lr0))
    } else {
        format!("lr0 = {}", fmt_lr(lr0))
    };
    let question = if prediction == Prediction::Asking {
        format!("Predict first: what will {what} do on this valley?")
    } else {
        format!("Your prediction for {what}:")
    };
    match prediction {
        Prediction::Off => None,
        Prediction::Asking => Some(PredictView {
            question,
            about: what,
            answers: Guess::ALL.map(|g| (g, g.label().to_string())).to_vec(),
            guess: None,
            result: None,
        }),
        // A new rate is a new experiment: the answer was about the old one.
        Prediction::Answered { lr0: asked, .. } if asked != lr0 => None,
        Prediction::Answered { guess, .. } => Some(PredictView {
            question,
            about: what,
            answers: Guess::ALL.map(|g| (g, g.label().to_string())).to_vec(),
            guess: Some(guess),
            result: finished.then(|| result(guess, report)),
        }),
    }
}

/// Whether `guess` matched the run's verdict, and one sentence saying so with the verdict's
/// plain opening: the whole why, with its numbers, is the verdict's own, just below (a student
/// saw the full why here push the badge out of the box it shares).
pub fn result(guess: Guess, report: &Report) -> (bool, String) {
    let actual = Guess::of(report.verdict);
    let matched = actual == Some(guess);
    let did = actual.map_or_else(
        || format!("was {}", report.verdict.name()),
        |a| a.did().to_string(),
    );
    let head = if matched {
        format!("Right: you said {}, and it {did}.", guess.name())
    } else {
        format!("Not quite: you said {}, but it {did}.", guess.name())
    };
    let (opening, _) = super::verdict::plain_opening(&report.why);
    let opening = opening
        .strip_suffix(':')
        .map_or_else(|| opening.to_string(), |o| format!("{o}."));
    (matched, format!("{head} {opening}"))
}

pub use crate::state::settings::catalogue::questions::LEVEL;

/// The answer key of a lesson of runs side by side, from how each run ended: `ends` holds each
/// run's label and final loss (infinite for a run that diverged). The run with the lowest loss,
/// or [`Guess::Level`] when every run ended within [`LEVEL`] of it. `None` without runs.
pub fn key(ends: &[(String, f64)]) -> Option<Guess> {
    let loss = |l: f64| if l.is_finite() { l } else { f64::INFINITY };
    let (best, low) = ends
        .iter()
        .enumerate()
        .map(|(k, e)| (k, loss(e.1)))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    let level = low.is_finite() && ends.iter().all(|e| loss(e.1) <= low * LEVEL);
    Some(if level {
        Guess::Level
    } else {
        Guess::Lower(u8::try_from(best).unwrap_or(u8::MAX))
    })
}

/// The question of a lesson of runs side by side, its answers (each run, or level), and once
/// they have ended whether the answer matched, with the losses they ended at as the reason.
pub fn compare_view(
    prediction: Prediction,
    ends: &[(String, f64)],
    finished: bool,
    minibatches: bool,
) -> Option<PredictView> {
    let names: Vec<&str> = ends.iter().map(|e| e.0.as_str()).collect();
    let (last, rest) = names.split_last()?;
    let which = format!("{} or {last}", rest.join(", "));
    let answers: Vec<(Guess, String)> = (0..ends.len())
        .map(|k| (Guess::Lower(k as u8), names[k].to_string()))
        // The tolerance on the button, so the rule is known before the answer: two teachers
        // met "Right … though only just" for the run 2 % lower and "Not quite" for the other.
        .chain(std::iter::once((
            Guess::Level,
            format!("about equal (±{:.0} %)", 100.0 * (LEVEL - 1.0)),
        )))
        .collect();
    let (guess, question) = match prediction {
        Prediction::Off => return None,
        Prediction::Asking => (None, format!("Predict first: which ends lower, {which}?")),
        Prediction::Answered { guess, .. } => (
            Some(guess),
            format!("Your prediction: which ends lower, {which}?"),
        ),
    };
    let result = guess.filter(|_| finished).map(|g| {
        let actual = key(ends);
        let said = |g: Option<Guess>| match g {
            Some(Guess::Lower(k)) => names.get(usize::from(k)).map_or_else(
                || "another run ends lower".to_string(),
                |n| format!("{n} ends lower"),
            ),
            Some(Guess::Level) => "they end about equal".to_string(),
            _ => "neither".to_string(),
        };
        let how: Vec<String> = ends
            .iter()
            .map(|(l, loss)| {
                if loss.is_finite() {
                    format!(
                        "{l} ended at loss {}",
                        crate::engine::stability::fmt_loss(*loss)
                    )
                } else {
                    format!("{l} diverged")
                }
            })
            .collect();
        // Within the tolerance the run that did end lower is still not the answer, but the
        // result says it did end lower: a student said linear, which ended 2 % below cosine,
        // and read a bare "Not quite" as the page denying it.
        let lowest = ends
            .iter()
            .enumerate()
            .filter(|(_, e)| e.1.is_finite())
            .min_by(|a, b| a.1.1.total_cmp(&b.1.1))
            .map(|(k, _)| Guess::Lower(u8::try_from(k).unwrap_or(u8::MAX)));
        let close_call = actual == Some(Guess::Level) && Some(g) == lowest;
        let head = if actual == Some(g) {
            format!("Right: {}.", said(actual))
        } else if close_call {
            format!(
                "Not quite: {} did end lower, but only just, so they count as about equal.",
                said(Some(g)).trim_end_matches(" ends lower")
            )
        } else {
            format!(
                "Not quite: you said {}, but {}.",
                said(Some(g)),
                said(actual)
            )
        };
        // Each where its line on the loss chart ends, smoothed over minibatches as the read-out
        // and the badges quote it; a full-batch line is not smoothed, and nothing needs saying.
        let which = if minibatches {
            " (each where its smoothed line ends on the loss chart)"
        } else {
            ""
        };
        // Where "about the same" was said or meant, how far apart the runs ended, and the
        // tolerance by its number: a student read "about the same" beside 0.0410 and 0.0420,
        // and the claim's "within a few per cent", and could not tell what counted.
        let finite: Vec<f64> = ends.iter().map(|e| e.1).filter(|l| l.is_finite()).collect();
        let (lo, hi) = finite.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &l| {
            (lo.min(l), hi.max(l))
        });
        let level = (g == Guess::Level || actual == Some(Guess::Level))
            && finite.len() == ends.len()
            && lo > 0.0;
        let apart = if !level {
            String::new()
        } else {
            let gap = 100.0 * (hi / lo - 1.0);
            format!(
                " They ended {} apart; about equal here means within {:.0} %.",
                if gap < 1.0 {
                    "under 1 %".to_string()
                } else {
                    format!("{gap:.0} %")
                },
                100.0 * (LEVEL - 1.0)
            )
        };
        (
            actual == Some(g),
            format!("{head} {}{which}.{apart}", how.join("; ")),
        )
    });
    Some(PredictView {
        question,
        about: which,
        answers,
        guess,
        result,
    })
}
