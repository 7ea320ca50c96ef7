//! Predict, then run: a lesson about what one rate does can open with the question "what will
//! this rate do?" and the four regimes as answers. The run waits for the answer; when it has
//! ended, the page says whether the guess matched what the run did, and why (the verdict's own
//! reason). Asking before showing makes the learner commit to a model of the rate first, which
//! studies of interactive explanations found improves what is remembered. `predict=0` turns it
//! off.

use crate::engine::stability::fmt_lr;
use crate::state::lessons::verdict::{Report, Verdict};
use crate::state::settings::config::Config;
use crate::state::settings::preset::Preset;

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
}

impl Guess {
    /// Every answer, from the smallest rate to the largest.
    pub const ALL: [Guess; 4] = [Guess::Crawl, Guess::Converge, Guess::ZigZag, Guess::FlyOff];

    /// Its button text.
    pub fn label(self) -> &'static str {
        match self {
            Guess::Crawl => "crawl: too small to get far",
            Guess::Converge => "converge: straight down",
            Guess::ZigZag => "zig-zag: overshoot, then settle",
            Guess::FlyOff => "fly off: diverge",
        }
    }

    /// Its short name, in the sentence after the run.
    pub fn name(self) -> &'static str {
        match self {
            Guess::Crawl => "crawl",
            Guess::Converge => "converge",
            Guess::ZigZag => "zig-zag",
            Guess::FlyOff => "fly off",
        }
    }

    /// The answer a verdict amounts to; `None` for verdicts about the schedule or a model that
    /// does not learn, which no answer names.
    pub fn of(verdict: Verdict) -> Option<Guess> {
        match verdict {
            Verdict::Crawl => Some(Guess::Crawl),
            Verdict::Converging | Verdict::Annealing => Some(Guess::Converge),
            Verdict::Oscillating => Some(Guess::ZigZag),
            Verdict::Diverging => Some(Guess::FlyOff),
            Verdict::WarmingUp | Verdict::Stuck | Verdict::LocalMinimum => None,
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

impl Preset {
    /// Whether the lesson is about what one rate does, so it can open with the question.
    pub fn asks(self) -> bool {
        self.entry().asks
    }
}

/// The question for settings just loaded: asked when they are a lesson that asks, as the
/// lesson set them, and `predict` is on.
pub fn initial(config: &Config) -> Prediction {
    match config.preset {
        Some(p) if config.predict && p.asks() && config.bare() == p.config().bare() => {
            Prediction::Asking
        }
        _ => Prediction::Off,
    }
}

/// What the prediction panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PredictView {
    /// The question, with the rate.
    pub question: String,
    /// The answer given, if any.
    pub guess: Option<Guess>,
    /// Once the run has ended: whether the answer matched, and the sentence that says so.
    pub result: Option<(bool, String)>,
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
        format!("Predict first: what will {what} do on this valley? The slider's marks are a hint.")
    } else {
        format!("Your prediction for {what}:")
    };
    match prediction {
        Prediction::Off => None,
        Prediction::Asking => Some(PredictView {
            question,
            guess: None,
            result: None,
        }),
        // A new rate is a new experiment: the answer was about the old one.
        Prediction::Answered { lr0: asked, .. } if asked != lr0 => None,
        Prediction::Answered { guess, .. } => Some(PredictView {
            question,
            guess: Some(guess),
            result: finished.then(|| result(guess, report)),
        }),
    }
}

/// Whether `guess` matched the run's verdict, and one sentence saying so with the verdict's why.
pub fn result(guess: Guess, report: &Report) -> (bool, String) {
    let actual = Guess::of(report.verdict);
    let matched = actual == Some(guess);
    let did = actual.map_or_else(
        || format!("was {}", report.verdict.name()),
        |a| format!("did {}", a.name()),
    );
    let head = if matched {
        format!("Right: you said {}, and it {did}.", guess.name())
    } else {
        format!("Not quite: you said {}, but it {did}.", guess.name())
    };
    (matched, format!("{head} {}", report.why))
}
