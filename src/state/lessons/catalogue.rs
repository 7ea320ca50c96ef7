//! The lessons: each is a starting configuration, the runs it shows side by side, and one
//! sentence that its picture must bear out (every sentence is checked by a native test in
//! `tests/lessons.rs`). A new lesson is a variant of [`Preset`] and its arms here.

use crate::engine::data::Toy;
use crate::engine::run::LossScale;
use crate::engine::stability::fmt_lr;
use crate::state::settings::config::{Config, DecayKind, OptKind};
use crate::state::settings::preset::Preset;
use crate::state::settings::task::Task;

/// One of the runs the page shows side by side.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSpec {
    /// Legend text.
    pub label: String,
    /// Its settings.
    pub config: Config,
}

/// Adam's rate in the SGD-vs-Adam lesson: about a tenth of the distance to the minimum per
/// step at first.
pub const SGD_VS_ADAM_ADAM_LR: f64 = 0.3;

/// The large rate the fine-tuning lesson compares a small one with.
pub const FINE_TUNE_LARGE: f64 = 3.0;
/// The larger rate of the local-minimum lesson: its first step from the sine's start lands
/// beyond the ridge (measured at noise 0.1: 0.8 to 1.2 all do, for seeds 0 to 5), and it is
/// below the stable limit 2/λmax at the deep minimum, where it settles.
pub const LOCAL_MINIMUM_LARGE: f64 = 1.0;

impl Preset {
    /// The lesson's claim in one sentence, which its picture shows: on the first screen.
    pub fn claim(self) -> &'static str {
        match self {
            Preset::TooHigh => {
                "lr0 is 10 % above the critical rate 2/λmax: the path jumps across the valley, further each step, and within 20 steps the loss explodes."
            }
            Preset::TooLow => {
                "lr0 is a hundred times below the fastest rate: every step is safe, but after 100 steps the path is still far from the minimum."
            }
            Preset::JustRight => {
                "lr0 is just below 1/λmax: no step overshoots, so the path runs straight down the steep wall and then along the valley floor."
            }
            Preset::Warmup => {
                "The same lr0 = 0.3 with and without warmup: without it the loss settles near 0.4; with 5 epochs of warmup it ends twenty times lower."
            }
            Preset::StepDecay => {
                "The rate is cut tenfold every 10 epochs: the first cut lowers the loss sharply, the second only a little."
            }
            Preset::CosineVsLinear => {
                "Cosine (cos_lr) or linear decay: the cosine's loss pulls ahead in the middle of the run, and the two end within a few per cent."
            }
            Preset::BatchScaling => {
                "Four times the batch (64) at four times lr0 (0.4) falls, per epoch, about as fast as batch 16 at 0.1; batch 64 at 0.1 falls far more slowly."
            }
            Preset::FineTune => {
                "From the same pretrained start, a small lr0 keeps what was learnt; a large one throws it away and the loss jumps up."
            }
            Preset::BatchUltralytics => {
                "With Ultralytics' loss × batch and nbs 64, batch 16 and 64 at the same lr0 fall together; lr0 ÷ 4 for batch 16, the PyTorch rule, only slows it."
            }
            Preset::UltralyticsDefaults => {
                "With no arguments yolo train ignores lr0 = 0.01: optimizer=auto picks AdamW at 0.00167 for 2 classes, and it still learns the moons."
            }
            Preset::SgdVsAdam => {
                "On a valley 140× more curved along w than b, SGD near its limit zig-zags across and crawls along it; Adam moves both weights at once and ends closer."
            }
            Preset::Clipping => {
                "With Ultralytics' loss × batch, lr0 = 0.05 keeps the gradient norm far above 10 and the run ends near chance; clipped at 10, the same rate trains."
            }
            Preset::Momentum => {
                "lr0 0.22 is above plain SGD's limit 0.202: its zig-zag grows until the loss explodes. Momentum 0.9 lifts the limit to (2+2β)/λmax = 0.385: it dies."
            }
            Preset::LocalMinimum => {
                "lr0 = 0.2 settles in the shallow minimum nearer the start (loss 0.32); lr0 = 1 steps over the ridge to the deep one at w ≈ 3 (loss 0.01)."
            }
        }
    }

    /// What lies behind the claim, for whoever reads on.
    pub fn lesson(self) -> &'static str {
        match self {
            Preset::TooHigh => {
                "On a quadratic every rate above 2/λmax diverges: each step multiplies the error across the valley by |1 − lr·λmax| > 1. Lower lr0 below the limit mark and the zig-zag dies out instead."
            }
            Preset::TooLow => {
                "Along the flat valley floor each step shrinks the distance to the minimum only by the factor 1 − lr·λmin; the loss falls, but the run ends long before the bottom."
            }
            Preset::JustRight => {
                "The fastest fixed rate, 2/(λmin+λmax) (the green mark), reaches the bottom sooner, but its first steps zig-zag across the valley."
            }
            Preset::Warmup => {
                "Ultralytics' linear decay runs from the first epoch, so warmup ramps the weights' rate up from 0 (the biases' from warmup_bias_lr = 0.1) to meet it at 0.18. Started at the full rate, the conv net settles into a poorer region (87 % accuracy); warmed up, it reaches 98 %."
            }
            Preset::StepDecay => {
                "At the high rate the noise of small minibatches (batch 4) keeps the loss up; each cut lets it settle lower, until the noise is gone and a lower rate buys little. The schedule's log axis shows each ÷10 as an equal step."
            }
            Preset::CosineVsLinear => {
                "Ultralytics decays linearly towards lr0·lrf by default, or along a cosine with cos_lr. The cosine keeps the rate higher through the first half and lower through the second; the shape matters far less than lr0."
            }
            Preset::BatchScaling => {
                "The linear scaling rule of Goyal et al. (2017): with the loss averaged over the batch, four times the batch takes a quarter of the steps per epoch, each with a less noisy gradient, so four times the rate keeps pace. Ultralytics scales its loss by the batch instead, and there the rule does not apply: see the next lesson."
            }
            Preset::FineTune => {
                "Both runs start from weights the page trained first (30 epochs at lr 0.1). Fine-tuning keeps the rate small enough to stay in the minimum those weights found."
            }
            Preset::BatchUltralytics => {
                "Ultralytics multiplies the mean loss by the batch size before backward and sums the gradients of max(round(nbs/batch), 1) minibatches before each step. Either way a step follows the summed gradient of about 64 images, so Ultralytics users keep lr0 when they change batch. With PyTorch's mean loss (the lesson before) the rule is batch ×k ⇒ lr ×k. The ledger below the charts shows the arithmetic."
            }
            Preset::LocalMinimum => {
                "The sine's loss is no bowl: beside the deep minimum at (w, b) ≈ (3, 0), where the fit is the wave itself, lies a shallow one near (0.13, 0.21), where the fit is an almost flat line, behind a ridge at w ≈ 1.2. From the start (1, −1.2) small steps reach the floor on the near side of the ridge and roll into the shallow minimum; its gradient is zero, so more epochs change nothing. The larger rate's first step lands beyond the ridge; it is also above the shallow minimum's stable limit 2/λmax ≈ 0.86, so it could not have settled there, and below the deep one's, ≈ 1.27. Crossing is overshoot, not a law: a large rate can as well throw a run out of a good minimum (the fine-tuning lesson), and from another start the rates may swap."
            }
            Preset::UltralyticsDefaults => {
                "auto counts optimizer steps, ⌈images / max(batch, nbs)⌉ × epochs: at most 10,000 gets AdamW at round(0.002·5/(4 + nc), 6), more gets MuSGD (SGD before 8.4) at 0.01. It also forces warmup_bias_lr to 0 (the 0.1 in the settings is not used), and AdamW keeps β₁ 0.9, so momentum 0.937 and warmup_momentum 0.8 would only matter for SGD. The rest apply as set: lrf 0.01, weight_decay 0.0005, warmup_epochs 3, nbs 64, linear decay, loss × batch, gradients clipped at 10; the peak is lr_fit × lf at the end of warmup, 1.62e-3. The ledger below the charts shows each factor."
            }
            Preset::SgdVsAdam => {
                "Inputs spread over [−20, 20] make the loss 140 times more curved along the slope w than along the intercept b. One rate serves SGD for both: it must stay below 2/λmax for w, so along b each step shrinks the error only by 1 − lr·λmin, 1.3 %. Adam divides each weight's step by the root of its own squared-gradient average, so at Adam's lr0 0.3 both weights move about 0.3 per step at first whatever their curvature, and the path heads for the minimum along both axes. Its momentum (β₁ 0.9) carries it past the minimum and back, the loops in its loss, but it still ends far closer. Adam does not fix every narrow valley: its scaling follows the weights' axes, and a valley tilted across them (try shift 3 with spread 1) gets little help."
            }
            Preset::Clipping => {
                "Ultralytics multiplies the loss by the batch size (16 here), so each gradient is 16 times the mean loss's, and before every step it rescales the gradient to norm 10 if it is longer: torch.nn.utils.clip_grad_norm_(max_norm=10). Unclipped, one steep minibatch sends the weights far off, the tanh units saturate and the gradient norm stays high; the loss climbs and the accuracy falls to chance. Clipped, no gradient is longer than 10 however steep the minibatch (with momentum 0.9 a step can still add up to lr0 × 10/(1 − 0.9) = 100·lr0, but only over many agreeing minibatches), and the run trains. The chart under the loss shows ‖g‖ before clipping, with the threshold dashed."
            }
            Preset::Momentum => {
                "PyTorch's SGD with momentum β keeps a velocity v ← βv + g and steps by lr·v. Across the valley successive gradients point in opposite directions and partly cancel in v, so each step overshoots less than the gradient alone would: on a quadratic the heavy ball is stable up to lr = (2 + 2β)/λmax, 3.8/λmax for β = 0.9. Along the flat floor the gradients agree and add up, so the ball also rolls further. Both limits are marked on the slider; try β = 0.5 (limit 3/λmax) or lr0 above 0.38."
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
        // Small noisy minibatches: at a high rate their noise holds the loss up, so lowering the
        // rate shows.
        let noisy = Config {
            noise: 0.2,
            batch: 4,
            nbs: 4,
            momentum: 0.9,
            ..moons.clone()
        };
        let mut c = match self {
            Preset::TooHigh => Config { lr0: 0.55, ..line },
            Preset::TooLow => Config { lr0: 0.004, ..line },
            Preset::JustRight => Config { lr0: 0.2, ..line },
            Preset::Warmup => Config {
                task: Task::Digits,
                lr0: 0.3,
                epochs: 10,
                warmup_epochs: 5.0,
                optimizer: OptKind::Sgd,
                momentum: 0.9,
                nesterov: true,
                decay: DecayKind::Linear,
                ..moons
            },
            Preset::StepDecay => Config {
                decay: DecayKind::Step,
                step_every: 10,
                step_factor: 0.1,
                ..noisy
            },
            Preset::CosineVsLinear => Config {
                lr0: 0.02,
                momentum: 0.9,
                decay: DecayKind::Cosine,
                warmup_epochs: 3.0,
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
            Preset::BatchUltralytics => Config {
                batch: 64,
                nbs: 64,
                lr0: 0.4 / 64.0,
                loss_scale: LossScale::Batch,
                ..moons
            },
            // 0.05: well inside the range where the clipped run trains and the other fails,
            // for every seed tried (0.07 and up, the clipped one fails for some).
            // SGD just below its limit 2/λmax = 0.0073; Adam at 0.3 with β₁ 0.9 is the other run.
            Preset::SgdVsAdam => Config {
                lr0: 0.0065,
                shift: 0.0,
                spread: 20.0,
                ..line
            },
            Preset::Clipping => Config {
                lr0: 0.05,
                epochs: 10,
                momentum: 0.9,
                loss_scale: LossScale::Batch,
                clip: true,
                grad: true,
                ..moons
            },
            // A narrower valley than the first lessons' (shift 2), so the floor is long.
            Preset::Momentum => Config {
                lr0: 0.22,
                shift: 2.0,
                momentum: 0.9,
                ..line
            },
            Preset::UltralyticsDefaults => Config {
                optimizer: OptKind::Auto,
                lr0: 0.01,
                lrf: 0.01,
                momentum: 0.937,
                nesterov: true,
                weight_decay: 0.0005,
                warmup_epochs: 3.0,
                warmup_momentum: 0.8,
                warmup_bias_lr: 0.1,
                nbs: 64,
                decay: DecayKind::Linear,
                loss_scale: LossScale::Batch,
                clip: true,
                epochs: 100,
                ..moons
            },
            // Full-batch gradient descent at a constant rate, as on the line.
            Preset::LocalMinimum => Config {
                task: Task::Sine,
                lr0: 0.2,
                ..line
            },
        };
        c.preset = Some(self);
        c
    }

    /// The runs the lesson shows side by side for the settings `c` (its own, as the learner
    /// changed them), the main run first; `None` for a lesson with one run.
    pub fn runs(self, c: &Config) -> Option<Vec<RunSpec>> {
        let run = |label: String, config: Config| RunSpec { label, config };
        match self {
            Preset::Warmup => Some(vec![
                run(format!("warmup_epochs {}", c.warmup_epochs), c.clone()),
                run(
                    "no warmup".into(),
                    Config {
                        warmup_epochs: 0.0,
                        ..c.clone()
                    },
                ),
            ]),
            Preset::CosineVsLinear => {
                let other = if c.decay == DecayKind::Cosine {
                    DecayKind::Linear
                } else {
                    DecayKind::Cosine
                };
                Some(vec![
                    run(c.decay.name().into(), c.clone()),
                    run(
                        other.name().into(),
                        Config {
                            decay: other,
                            ..c.clone()
                        },
                    ),
                ])
            }
            // The first is the lesson's own run; then the quarter batch, and the rule's rate.
            Preset::BatchScaling | Preset::BatchUltralytics => {
                let (big, small, lr) = (c.batch, (c.batch / 4).max(1), c.lr0);
                let pairs = if self == Preset::BatchScaling {
                    [(big, lr), (small, lr / 4.0), (big, lr / 4.0)]
                } else {
                    [(big, lr), (small, lr), (small, lr / 4.0)]
                };
                Some(
                    pairs
                        .into_iter()
                        .map(|(batch, lr0)| {
                            let label = format!("batch {batch}, lr0 {}", fmt_lr(lr0));
                            run(
                                label,
                                Config {
                                    batch,
                                    lr0,
                                    ..c.clone()
                                },
                            )
                        })
                        .collect(),
                )
            }
            Preset::SgdVsAdam => {
                let other = if c.optimizer == OptKind::Sgd {
                    Config {
                        optimizer: OptKind::Adam,
                        lr0: SGD_VS_ADAM_ADAM_LR,
                        momentum: 0.9,
                        ..c.clone()
                    }
                } else {
                    Config {
                        optimizer: OptKind::Sgd,
                        lr0: 0.0065,
                        momentum: 0.0,
                        ..c.clone()
                    }
                };
                let name = |c: &Config| format!("{} lr0 {}", c.optimizer.name(), fmt_lr(c.lr0));
                Some(vec![run(name(c), c.clone()), run(name(&other), other)])
            }
            Preset::Clipping => {
                let name = |clip: bool| if clip { "clipped at 10" } else { "no clipping" };
                Some(vec![
                    run(name(c.clip).into(), c.clone()),
                    run(
                        name(!c.clip).into(),
                        Config {
                            clip: !c.clip,
                            ..c.clone()
                        },
                    ),
                ])
            }
            Preset::Momentum => Some(vec![
                run(format!("momentum {}", c.momentum), c.clone()),
                run(
                    "no momentum".into(),
                    Config {
                        momentum: 0.0,
                        nesterov: false,
                        ..c.clone()
                    },
                ),
            ]),
            Preset::FineTune => Some(vec![
                run(format!("lr0 {}", fmt_lr(c.lr0)), c.clone()),
                run(
                    format!("lr0 {} (large)", fmt_lr(FINE_TUNE_LARGE)),
                    Config {
                        lr0: FINE_TUNE_LARGE,
                        ..c.clone()
                    },
                ),
            ]),
            Preset::LocalMinimum => Some(vec![
                run(format!("lr0 {}", fmt_lr(c.lr0)), c.clone()),
                run(
                    format!("lr0 {} (larger)", fmt_lr(LOCAL_MINIMUM_LARGE)),
                    Config {
                        lr0: LOCAL_MINIMUM_LARGE,
                        ..c.clone()
                    },
                ),
            ]),
            _ => None,
        }
    }
}
