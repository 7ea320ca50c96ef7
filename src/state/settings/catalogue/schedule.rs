//! The lessons on how the rate changes over a run: warmup, step decay, and Ultralytics' two
//! decays.

use super::questions::{self as question, Ask};
use super::{About, Lesson, moons, versus};
use crate::state::settings::config::{Config, DecayKind, OptKind};
use crate::state::settings::preset::Preset;
use crate::state::settings::task::Task;

// The names the code calls these lessons by, in the style of enum variants because that is
// what they are: `Preset::named` finds each in the table at compile time.
#[allow(non_upper_case_globals)]
impl Preset {
    /// The same high rate with and without warmup.
    pub const Warmup: Preset = Preset::named("warmup");
    /// ÷10 every few epochs.
    pub const StepDecay: Preset = Preset::named("step-decay");
    /// Ultralytics' two decays side by side.
    pub const CosineVsLinear: Preset = Preset::named("cosine-vs-linear");
}

/// The schedule lessons; their order here does not matter.
pub(super) const LESSONS: &[Lesson] = &[
    Lesson {
        name: "warmup",
        title: "With or without warmup",
        claim: "lr0 0.3 with and without warmup (5 epochs up to 0.18, lr0 decayed by then), same rates after: without, the loss ends near 0.4; with, over 15× lower.",
        detail: "In plain words: from epoch 5 on, both runs use exactly the same rate, so the whole difference is how they start: the warmed-up run small and climbing, the other at 0.3 at once. In detail, both stay below the slider's stable limits, so neither blows up: the difference is where they settle. Warmup starts the rate near 0 and raises it over the first 5 epochs (warmup_epochs), along a line from 0 to the epoch's own decayed rate. Ultralytics' straight-line decay, set once per epoch (so the schedule falls in steps), lowers that rate from the first epoch, so the climb dips a little at each new epoch (the sawtooth on the schedule chart) and the rising rate meets the falling one at 0.18 and never reaches lr0 0.3 (the biases' rate starts from warmup_bias_lr 0.1 instead of 0). So yes, the warmed-up run takes smaller steps in its first epochs: that is all warmup is, a gentle start while the weights are still random, and those first steps decide where the run settles. Started at the full rate, the conv net settles in a poorer place (87 % accuracy); warmed up, it reaches 98 %.",
        ask: Ask::Lower,
        about: About::Schedule,
        idea: "Warmup starts the rate small and raises it: here the warmed-up run ends far lower.",
        pretrained: false,
        config: || Config {
            task: Task::Digits,
            lr0: 0.3,
            epochs: 10,
            warmup_epochs: 5.0,
            optimizer: OptKind::Sgd,
            momentum: 0.9,
            nesterov: true,
            decay: DecayKind::Linear,
            ..moons()
        },
        runs: Some(|c| {
            let without = Config {
                warmup_epochs: 0.0,
                ..c.clone()
            };
            let label = format!("warmup {} epochs", c.warmup_epochs);
            versus(c, label, "no warmup".into(), without)
        }),
    },
    Lesson {
        name: "step-decay",
        title: "Step decay ÷10",
        claim: "The rate is cut tenfold every 10 epochs: the first cut lowers the loss sharply, the second only a little.",
        detail: "At the high rate the noise of small minibatches (batch 4) keeps the loss up; each cut lets it settle lower, until the noise is gone and a lower rate buys little. The schedule's log axis shows each ÷10 as an equal step.",
        ask: Ask::Own(question::STEP_DECAY),
        about: About::Schedule,
        idea: "Cutting the rate ÷10 drops the loss at once; each later cut gains less.",
        pretrained: false,
        // Small noisy minibatches: at a high rate their noise holds the loss up, so lowering
        // the rate shows.
        config: || Config {
            decay: DecayKind::Step,
            step_every: 10,
            step_factor: 0.1,
            noise: 0.2,
            batch: 4,
            nbs: 4,
            momentum: 0.9,
            ..moons()
        },
        runs: None,
    },
    Lesson {
        name: "cosine-vs-linear",
        title: "Cosine vs linear decay",
        claim: "Here the cosine decay (cos_lr), its rate higher early on, has the lower loss mid-run; the two end within a few per cent, either a little lower.",
        detail: "In plain words: both schedules lower the rate towards a hundredth of lr0, which they would reach an epoch after the last: the last epoch still trains at 4.3 % of lr0 on the straight line, 1.3 % on the cosine. The cosine keeps it higher than the straight line through the first half, then drops it faster, below the line through the second. In detail, Ultralytics lowers the rate in a straight line towards lr0 × lrf (the final fraction, 0.01) by default, or along a cosine with cos_lr. The cosine keeps the rate higher through the first half and lower through the second; the shape matters far less than lr0.",
        ask: Ask::Lower,
        about: About::Schedule,
        idea: "Cosine or linear decay: different middles, nearly the same end.",
        pretrained: false,
        config: || Config {
            lr0: 0.02,
            momentum: 0.9,
            decay: DecayKind::Cosine,
            warmup_epochs: 3.0,
            ..moons()
        },
        // Whichever decay the learner picked, against the other.
        runs: Some(|c| {
            let other = if c.decay == DecayKind::Cosine {
                DecayKind::Linear
            } else {
                DecayKind::Cosine
            };
            let config = Config {
                decay: other,
                ..c.clone()
            };
            versus(c, c.decay.name().into(), other.name().into(), config)
        }),
    },
];
