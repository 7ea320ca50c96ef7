//! The lessons: each is a starting configuration and a sentence on what to watch. A new lesson
//! is a variant of [`Preset`] and its arms here.

use super::config::{Config, DecayKind, OptKind};
use super::preset::Preset;
use super::task::Task;
use crate::engine::data::Toy;

impl Preset {
    /// What to watch.
    pub fn lesson(self) -> &'static str {
        match self {
            Preset::TooHigh => {
                "lr0 is above the critical rate 2/λmax: each step jumps across the valley further than the last, and the loss explodes."
            }
            Preset::TooLow => {
                "lr0 is a hundred times below the best rate: every step is safe, but after all epochs the path has barely left the start."
            }
            Preset::JustRight => {
                "lr0 is just below 1/λmax: the path runs straight down the steep wall and then along the valley floor."
            }
            Preset::Warmup => {
                "At lr0 = 0.6 with momentum 0.937, the first steps from the random start kill the conv net's ReLUs and it never learns. Warmup ramps the rate up from 0 over 3 epochs (and the biases down from warmup_bias_lr) and the same lr0 trains; set warmup_epochs to 0 to see the run without it."
            }
            Preset::StepDecay => {
                "The rate is cut tenfold every 10 epochs, the classic ImageNet recipe: each drop lets the loss settle lower."
            }
            Preset::CosineVsLinear => {
                "Ultralytics decays linearly to lr0·lrf by default, or along a cosine with cos_lr: the cosine stays high longer and falls faster at the end. The schedule shows both."
            }
            Preset::BatchScaling => {
                "Four times the batch (64) and four times lr0 (0.4), the linear scaling rule of Goyal et al. (2017): per epoch the loss falls about as with batch 16 at lr0 = 0.1, in a quarter of the steps. Set batch to 16 and lr0 to 0.1 to compare."
            }
            Preset::FineTune => {
                "The run starts from weights the page has trained first. A small lr0 keeps what they learnt; raise lr0 and watch the pretrained start get thrown away."
            }
        }
    }

    /// The settings of the lesson.
    pub fn config(self) -> Config {
        let line = Config::default();
        let moons = Config {
            task: Task::Toy(Toy::Moons),
            lr0: 0.1,
            epochs: 30,
            batch: 16,
            nbs: 16,
            decay: DecayKind::Constant,
            ..Config::default()
        };
        let mut c = match self {
            Preset::TooHigh => Config { lr0: 0.5, ..line },
            Preset::TooLow => Config { lr0: 0.004, ..line },
            Preset::JustRight => Config { lr0: 0.2, ..line },
            Preset::Warmup => Config {
                task: Task::Digits,
                lr0: 0.6,
                epochs: 10,
                batch: 16,
                nbs: 16,
                warmup_epochs: 3.0,
                optimizer: OptKind::Sgd,
                momentum: 0.937,
                nesterov: true,
                decay: DecayKind::Linear,
                ..moons
            },
            Preset::StepDecay => Config {
                lr0: 0.3,
                epochs: 40,
                decay: DecayKind::Step,
                step_every: 10,
                step_factor: 0.1,
                momentum: 0.9,
                ..moons
            },
            Preset::CosineVsLinear => Config {
                lr0: 0.1,
                epochs: 40,
                decay: DecayKind::Cosine,
                warmup_epochs: 3.0,
                momentum: 0.9,
                ..moons
            },
            Preset::BatchScaling => Config {
                batch: 64,
                lr0: 0.4,
                ..moons
            },
            Preset::FineTune => Config {
                lr0: 0.003,
                epochs: 10,
                ..moons
            },
        };
        c.preset = Some(self);
        c
    }
}
