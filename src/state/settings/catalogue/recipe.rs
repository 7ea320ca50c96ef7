//! The lessons on a training recipe's other knobs, on the two moons: batch size and the rate,
//! fine-tuning, gradient clipping, and what Ultralytics does by default.

use super::questions::{self as question, Ask};
use super::{About, Lesson, RunSpec, moons, versus};
use crate::engine::run::LossScale;
use crate::engine::stability::fmt_lr;
use crate::state::settings::config::{Config, DecayKind, OptKind};
use crate::state::settings::preset::Preset;

// The names the code calls these lessons by, in the style of enum variants because that is
// what they are: `Preset::named` finds each in the table at compile time.
#[allow(non_upper_case_globals)]
impl Preset {
    /// The linear scaling rule (Goyal et al. 2017).
    pub const BatchScaling: Preset = Preset::named("batch-lr");
    /// With Ultralytics' loss × batch and nbs accumulation, the step follows the batch already.
    pub const BatchUltralytics: Preset = Preset::named("batch-ultralytics");
    /// A small rate from a pretrained start keeps what was learnt.
    pub const FineTune: Preset = Preset::named("fine-tune");
    /// Exploding gradients, and Ultralytics' clipping at norm 10.
    pub const Clipping: Preset = Preset::named("clipping");
    /// What `yolo train` does at its defaults: optimizer=auto and the default schedule.
    pub const UltralyticsDefaults: Preset = Preset::named("ultralytics-defaults");
}

/// The large rate the fine-tuning lesson compares a small one with.
pub const FINE_TUNE_LARGE: f64 = 3.0;

/// The two batch lessons' runs: the lesson's own first; then the quarter batch, and the rule's
/// rate. `linear_rule`: the mean loss's batch ×k ⇒ lr ×k; otherwise Ultralytics', which keeps
/// lr0.
fn batch_runs(c: &Config, linear_rule: bool) -> Vec<RunSpec> {
    let (big, small, lr) = (c.batch, (c.batch / 4).max(1), c.lr0);
    let pairs = if linear_rule {
        [(big, lr), (small, lr / 4.0), (big, lr / 4.0)]
    } else {
        [(big, lr), (small, lr), (small, lr / 4.0)]
    };
    pairs
        .into_iter()
        .map(|(batch, lr0)| RunSpec {
            label: format!("batch {batch}, lr0 {}", fmt_lr(lr0)),
            config: Config {
                batch,
                lr0,
                ..c.clone()
            },
        })
        .collect()
}

/// The recipe lessons; their order here does not matter.
pub(super) const LESSONS: &[Lesson] = &[
    Lesson {
        name: "batch-lr",
        title: "Batch ×4, mean loss: which lr0?",
        claim: "With a mean loss, batch ×4 (64) with lr0 ×4 (0.4) comes close, per epoch, to batch 16 at 0.1; at lr0 0.1 it lags behind.",
        detail: "In plain words: a four times larger batch takes four times fewer steps per epoch, so each step must be four times longer to keep up. In detail, this is the linear scaling rule of Goyal et al. (2017): with the loss averaged over the batch, four times the batch takes a quarter of the steps per epoch, each with a less noisy gradient, so four times the rate keeps pace. Ultralytics scales its loss by the batch instead, and there the rule does not apply: see the next lesson.",
        ask: Ask::Own(question::BATCH_LINEAR),
        about: About::Path,
        idea: "With a mean loss (PyTorch's default), batch ×4 wants lr0 ×4 to keep pace.",
        pretrained: false,
        config: || Config {
            batch: 64,
            lr0: 0.4,
            ..moons()
        },
        runs: Some(|c| batch_runs(c, true)),
    },
    Lesson {
        name: "batch-ultralytics",
        title: "Batch ÷4, Ultralytics: which lr0?",
        claim: "Unlike a mean loss, Ultralytics steps once per 64 images: batch 16 and 64 fall together at one lr0; lr0 ÷ 4 only slows batch 16.",
        detail: "In plain words: with any batch up to 64, Ultralytics waits for about 64 images before every step, so the batch does not change the right lr0. With a mean loss, the course's step before, each minibatch made one step, so four times the images per step needed four times the rate. In detail, Ultralytics adds the losses of a batch up instead of averaging them (the mean loss × batch), and adds up the gradients of several batches until about 64 images are in before each step: nbs, the nominal batch size, with max(round(nbs/batch), 1) batches per step (accumulate). Either way a step follows the summed gradient of about 64 images, so Ultralytics users keep lr0 when they change batch, up to 64. Above it accumulate is 1 and each step sums the whole batch: batch 128 moves twice as far per step as batch 64 at the same lr0, so halve lr0 to keep its steps. With PyTorch's mean loss (the lesson before) the rule is batch ×k ⇒ lr ×k. The Effective learning rate panel below the charts (under More tools in the course) shows the arithmetic.",
        ask: Ask::Own(question::BATCH_ULTRALYTICS),
        about: About::Path,
        idea: "With a summed loss (Ultralytics, about 64 images a step), keep lr0 as the batch changes, up to 64.",
        pretrained: false,
        config: || Config {
            batch: 64,
            nbs: 64,
            lr0: 0.4 / 64.0,
            loss_scale: LossScale::Batch,
            ..moons()
        },
        runs: Some(|c| batch_runs(c, false)),
    },
    Lesson {
        name: "fine-tune",
        title: "Fine-tuning: small vs large LR",
        claim: "From the same pretrained start, a small lr0 keeps what was learnt, still 100 % right; a large one throws it away and the loss jumps up.",
        detail: "Both runs start from weights the page trained first (30 epochs at lr 0.1). Fine-tuning keeps the rate small enough to stay in the minimum those weights found.",
        ask: Ask::Lower,
        about: About::Path,
        idea: "Fine-tune below the limit: a rate far above it throws the pretrained weights away.",
        pretrained: true,
        config: || Config {
            lr0: 0.003,
            epochs: 10,
            ..moons()
        },
        runs: Some(|c| {
            let large = Config {
                lr0: FINE_TUNE_LARGE,
                ..c.clone()
            };
            let label = format!("lr0 {} (large)", fmt_lr(FINE_TUNE_LARGE));
            versus(c, format!("lr0 {}", fmt_lr(c.lr0)), label, large)
        }),
    },
    Lesson {
        name: "clipping",
        title: "Gradient clipping, on or off",
        claim: "With Ultralytics' loss × batch (16), at lr0 0.05 unclipped the net ends at coin-toss accuracy; clipped at 10, it trains, its loss swinging.",
        detail: "In plain words: now and then one minibatch gives a huge gradient, one huge step can wreck a network, and clipping caps how long a step can be. In detail, lr0 0.05 is below the slider's limit at start, and below plain SGD's limit without momentum too, but both read the curvature at the starting weights, and an exploding gradient comes later, from a minibatch far steeper than the start. Clipping shortens any gradient longer than 10 to length 10 before the step, keeping its direction, as Ultralytics does: torch.nn.utils.clip_grad_norm_(max_norm=10). Ultralytics also multiplies the loss by the batch size (16 here), so each gradient is 16 times the mean loss's. Unclipped, one steep minibatch sends the weights far off, the tanh units saturate and the gradient stays long (exploding gradients): the accuracy falls to a coin toss's 50 % between the two moons, and the loss climbs far above a coin toss's ln 2 ≈ 0.69, because the net is confidently wrong. Clipped, no gradient is longer than 10 however steep the minibatch (with momentum 0.9 a step can still add up to lr0 × 10/(1 − 0.9) = 100·lr0, but only over many agreeing minibatches), and the run trains. The chart under the loss shows ‖g‖ before clipping, with the threshold dashed.",
        ask: Ask::Lower,
        about: About::Gradient,
        idea: "Clipping each gradient to length 10 lets the same rate train.",
        pretrained: false,
        // 0.05: well inside the range where the clipped run trains and the other fails, for
        // every seed tried (0.07 and up, the clipped one fails for some).
        config: || Config {
            lr0: 0.05,
            epochs: 10,
            momentum: 0.9,
            loss_scale: LossScale::Batch,
            clip: true,
            grad: true,
            ..moons()
        },
        runs: Some(|c| {
            let name = |clip: bool| if clip { "clipped at 10" } else { "no clipping" };
            let other = Config {
                clip: !c.clip,
                ..c.clone()
            };
            versus(c, name(c.clip).into(), name(!c.clip).into(), other)
        }),
    },
    Lesson {
        name: "ultralytics-defaults",
        title: "Ultralytics' defaults: which rate?",
        claim: "On these 2 classes, Ultralytics' defaults pick AdamW at 0.00167 (optimizer=auto), not lr0 0.01, and learn the moons (over 90 % right).",
        detail: "In plain words: left to its defaults, Ultralytics ignores lr0 for a short run like this one and trains with AdamW at a smaller rate of its own. In detail, left at its defaults (here on 2 classes; with no arguments at all, yolo train trains coco8's 80 classes), Ultralytics chooses the optimizer and its rate from the size of the run (optimizer=auto). It counts optimizer steps: 400 training images in steps of 64 (nbs) are 7 steps an epoch, × 100 epochs = 700. That count is auto's own estimate; the page's counter shows iterations, one per minibatch of 16 (25 an epoch, 2,500 in all), and every 4 of them are summed into one step. Up to 10,000 steps it picks AdamW at a rate fitted to the number of classes nc, round(0.002·5/(4 + nc), 6) = 0.00167 for 2; more steps get MuSGD (SGD before 8.4) at 0.01. The highest rate the weights reach is 0.00162, a little below 0.00167: by the end of warmup (3 epochs) the straight-line decay has already lowered it by 3 %. Auto also sets the biases' first warmup rate (warmup_bias_lr) to 0, and AdamW keeps its own β₁ 0.9, so momentum 0.937 and warmup_momentum 0.8 would only matter for SGD. The rest apply as set: lrf 0.01, weight_decay 0.0005, nbs 64, loss × batch, gradients clipped at 10. The Effective learning rate panel below the charts (under More tools in the course) shows each factor.",
        ask: Ask::Own(question::ULTRALYTICS_DEFAULTS),
        about: About::Schedule,
        idea: "Left to its defaults, yolo train picks its own optimizer and rate (optimizer=auto), not lr0.",
        pretrained: false,
        config: || Config {
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
            ..moons()
        },
        runs: None,
    },
];
