//! The lessons on a two-weight model, whose whole loss landscape the page draws: the line's
//! valley (what one rate does, momentum, SGD against Adam) and the sine's two minima.

use super::questions::Ask;
use super::{About, Lesson, line, versus};
use crate::engine::stability::fmt_lr;
use crate::state::settings::config::{Config, OptKind};
use crate::state::settings::preset::Preset;
use crate::state::settings::task::Task;

// The names the code calls these lessons by, in the style of enum variants because that is
// what they are: `Preset::named` finds each in the table at compile time.
#[allow(non_upper_case_globals)]
impl Preset {
    /// Above 2/λmax: every step overshoots further.
    pub const TooHigh: Preset = Preset::named("too-high");
    /// Far below the best rate: the run ends far from the minimum.
    pub const TooLow: Preset = Preset::named("too-low");
    /// Between the two: into the valley without crossing it.
    pub const JustRight: Preset = Preset::named("just-right");
    /// The heavy ball raises the stable limit to (2 + 2β)/λmax.
    pub const Momentum: Preset = Preset::named("momentum");
    /// SGD and Adam on a valley far steeper along one weight than the other.
    pub const SgdVsAdam: Preset = Preset::named("sgd-vs-adam");
    /// The sine fit: a small rate settles in the shallow minimum, a larger one crosses to the
    /// deep one.
    pub const LocalMinimum: Preset = Preset::named("local-minimum");
}

/// Adam's rate in the SGD-vs-Adam lesson: about a tenth of the distance to the minimum per
/// step at first.
pub const SGD_VS_ADAM_ADAM_LR: f64 = 0.3;

/// The larger rate of the local-minimum lesson: its first step from the sine's start lands
/// beyond the ridge (measured at noise 0.1: 0.8 to 1.2 all do, for seeds 0 to 5), and it is
/// below the stable limit 2/λmax at the deep minimum, where it settles.
pub const LOCAL_MINIMUM_LARGE: f64 = 1.0;

/// SGD's rate in the SGD-vs-Adam lesson: just below its limit 2/λmax = 0.0073.
const SGD_VS_ADAM_SGD_LR: f64 = 0.0065;

/// The line's and the sine's lessons; their order here does not matter.
pub(super) const LESSONS: &[Lesson] = &[
    Lesson {
        name: "too-high",
        title: "The rate 0.55",
        claim: "lr0 0.55 is 10 % above this valley's stable limit, 0.498 (the slider's limit mark): each step lands further past the bottom, and the loss explodes.",
        detail: "In plain words: each step is so long that it lands past the bottom, higher up the other side, so every step makes things worse. In detail, the limit is 2/λmax, where λmax is how sharply the valley bends across. On a valley shaped like a bowl (a quadratic) every rate above it diverges: each step multiplies the error across the valley by |1 − lr·λmax|, which is more than 1, so within 20 steps the loss explodes. Lower lr0 below the limit mark and the zig-zag dies out instead. This valley bends the same everywhere, so its limit is exact; a network's bend changes as it trains, so there the page can only estimate the limit at the starting weights (the slider's \"limit at start\"), and whole runs can go wrong below it or train past it: the LR sweep shows which.",
        ask: Ask::Regime,
        about: About::Path,
        idea: "Above the stable limit each step overshoots further, and the loss explodes.",
        pretrained: false,
        config: || Config {
            lr0: 0.55,
            ..line()
        },
        runs: None,
    },
    Lesson {
        name: "too-low",
        title: "The rate 0.004",
        claim: "lr0 is fifty times below the slider's try mark, 0.21: every step is safe, but after 100 steps the path is still far from the minimum.",
        detail: "In plain words: every step goes downhill, though not straight at the minimum, and each is tiny, so 100 of them do not get far. The loss still falls a lot, as the path slides down the steep walls first; along the nearly flat valley floor it covers only a small part of the way. In detail, along the flat valley floor, where the ground bends least (its curvature λmin), each step shrinks the distance to the minimum only by the factor 1 − lr·λmin; the loss falls, but the run ends long before the bottom.",
        ask: Ask::Regime,
        about: About::Path,
        idea: "Every step is safe when the rate is too low, but the path crawls and never arrives.",
        pretrained: false,
        config: || Config {
            lr0: 0.004,
            ..line()
        },
        runs: None,
    },
    Lesson {
        name: "just-right",
        title: "The rate 0.2",
        claim: "lr0 0.2 is just below 0.249, half the stable limit 0.498: no step overshoots, so the path enters the valley without crossing it, then runs along it.",
        detail: "In plain words: each step goes downhill without jumping past the bottom of the steep side, so the path never zig-zags. In detail, half the limit is 1/λmax: below it, no step crosses the valley. The fastest fixed rate, 2/(λmin+λmax) = 0.46 (listed in the rate map), reaches the bottom sooner, but its first steps zig-zag across the valley.",
        ask: Ask::Regime,
        about: About::Path,
        idea: "Below half the stable limit the path enters the valley without crossing it.",
        pretrained: false,
        config: || Config { lr0: 0.2, ..line() },
        runs: None,
    },
    Lesson {
        name: "momentum",
        title: "Momentum above plain SGD's limit",
        claim: "lr0 0.22 is above plain SGD's limit 0.202: its zig-zag grows until the loss explodes. Momentum 0.9 lifts the limit to 0.385: the zig-zag dies out.",
        detail: "In plain words: each step keeps part of the one before, so zig-zags across the valley cancel out and steps along it add up. In detail, PyTorch's SGD with momentum β keeps a velocity v ← βv + g and steps by lr·v. Across the valley successive gradients point in opposite directions and partly cancel in v, so each step overshoots less than the gradient alone would: on a quadratic the heavy ball is stable up to lr = (2 + 2β)/λmax, 3.8/λmax for β = 0.9. Along the flat floor the gradients agree and add up, so the ball also rolls further. The slider's limit mark names both; in Settings, try momentum 0.5 (β = 0.5, limit 3/λmax) or lr0 above 0.38.",
        ask: Ask::Regime,
        about: About::Path,
        idea: "Momentum lifts the limit: a rate that zig-zags off with plain SGD settles.",
        pretrained: false,
        // A narrower valley than the first lessons' (shift 2), so the floor is long.
        config: || Config {
            lr0: 0.22,
            shift: 2.0,
            momentum: 0.9,
            ..line()
        },
        runs: Some(|c| {
            let without = Config {
                momentum: 0.0,
                nesterov: false,
                ..c.clone()
            };
            versus(
                c,
                format!("momentum {}", c.momentum),
                "no momentum".into(),
                without,
            )
        }),
    },
    Lesson {
        name: "sgd-vs-adam",
        title: "SGD vs Adam on a narrow valley",
        claim: "On a valley 140× more curved along w than b, SGD zig-zags and crawls; Adam, sizing each weight's step, loops, and from iteration 79 on stays lower.",
        detail: "In plain words: this valley is steep one way and nearly flat the other; SGD must use one small rate for both, while Adam sizes each weight's step on its own. In detail, inputs spread over [−20, 20] make the loss 140 times more curved along the slope w than along the intercept b. One rate serves SGD for both: it must stay below 2/λmax for w, so along b each step shrinks the error only by 1 − lr·λmin, 1.3 %. Adam divides each weight's step by the root of its own squared-gradient average, so at Adam's lr0 0.3 both weights move about 0.3 per step at first whatever their curvature, and the path heads for the minimum along both axes. Its momentum (β₁ 0.9) carries it past the minimum and back, the loops in its loss: so which run is lower depends on when the run stops. Until iteration 78 Adam's loops sometimes lift it above SGD; from iteration 79 to the end, iteration 100, it stays below and ends far closer. Adam does not fix every narrow valley: its scaling follows the weights' axes, and a valley tilted across them (try shift 3 with spread 1) gets little help.",
        ask: Ask::Lower,
        about: About::Path,
        idea: "Adam sizes each weight's step: it gets further along a narrow valley than SGD, in loops.",
        pretrained: false,
        // Adam at 0.3 with β₁ 0.9 is the other run.
        config: || Config {
            lr0: SGD_VS_ADAM_SGD_LR,
            shift: 0.0,
            spread: 20.0,
            ..line()
        },
        // Whichever optimizer the learner picked, the other one at its own rate.
        runs: Some(|c| {
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
                    lr0: SGD_VS_ADAM_SGD_LR,
                    momentum: 0.0,
                    ..c.clone()
                }
            };
            let name = |c: &Config| format!("{} lr0 {}", c.optimizer.name(), fmt_lr(c.lr0));
            versus(c, name(c), name(&other), other)
        }),
    },
    Lesson {
        name: "local-minimum",
        title: "Stuck in a local minimum",
        claim: "lr0 = 0.2 settles in the shallow minimum near the start (loss 0.32); lr0 = 1 steps over the ridge into the deep one (loss 0.01).",
        detail: "In plain words: this ground has two hollows; small steps roll into the near, shallow one and stay there, while larger ones hop over the ridge into the deep one. In detail, the sine's loss is no bowl: beside the deep minimum at (w, b) ≈ (3, 0), where the fit is the wave itself, lies a shallow one near (0.13, 0.21), where the fit is an almost flat line, behind a ridge at w ≈ 1.2. From the start (1, −1.2) small steps reach the floor on the near side of the ridge and roll into the shallow minimum; its gradient is zero, so more epochs change nothing. The larger rate's first step lands beyond the ridge; it is also above the stable limit 2/λmax in the shallow minimum, ≈ 0.86, so it could not have settled there, and below the limit in the deep one, ≈ 1.27. The slider's mark, limit at start ≈ 2.37, is the same limit where the runs start: the curvature, and so the limit, changes from place to place. Crossing is overshoot, not a law: a large rate can as well throw a run out of a good minimum (the fine-tuning lesson), and from another start the rates may swap.",
        ask: Ask::Lower,
        about: About::Path,
        idea: "A larger rate can step over a ridge into a deeper minimum; a small one stays stuck.",
        pretrained: false,
        // Full-batch gradient descent at a constant rate, as on the line.
        config: || Config {
            task: Task::Sine,
            lr0: 0.2,
            ..line()
        },
        runs: Some(|c| {
            let larger = Config {
                lr0: LOCAL_MINIMUM_LARGE,
                ..c.clone()
            };
            let label = format!("lr0 {} (larger)", fmt_lr(LOCAL_MINIMUM_LARGE));
            versus(c, format!("lr0 {}", fmt_lr(c.lr0)), label, larger)
        }),
    },
];
