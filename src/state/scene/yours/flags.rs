//! What to look at in the user's run, each with what would change it: the facts above say the
//! same numbers, but a YOLO user read "optimizer steps 2" and "max(round(3 × 14), 100) = 100"
//! without seeing that their run had barely trained or spent most of itself in warmup.

use crate::engine::schedule::WarmupRule;
use crate::state::io::fullscale::{FullScale, thousands};
use crate::state::io::results::Family;
use crate::state::settings::config::OptKind;

/// Fewer optimizer updates than this over a whole run: too few for the weights to move far
/// from where they started (a YOLO run makes thousands).
pub(super) const FEW_STEPS: usize = 100;

/// Ultralytics' own advice for lr0 under Adam, in its default.yaml's comment on lr0 ("SGD=1E-2,
/// Adam=1E-3"), and PyTorch's default rate for Adam and AdamW.
const ADAM_LR: f64 = 1e-3;

/// A named Adam-type lr0 this many times [`ADAM_LR`] or more is flagged.
const ADAM_HIGH: f64 = 5.0;

/// The flags for `fs`, a run whose controls ask for `lr0` under `optimizer`, on `nc` classes
/// (`None`: not given, and 10 assumed).
pub fn flags(fs: &FullScale, lr0: f64, optimizer: OptKind, nc: Option<usize>) -> Vec<String> {
    let s = &fs.schedule;
    let (total, nw, nb) = (s.total_iters(), s.warmup_iters(), s.nb.max(1));
    let fmt = crate::engine::stability::fmt_lr;
    let mut out = Vec::new();
    if total > 0 && fs.steps < FEW_STEPS {
        // Warmup's accumulate climbs from 1: "once every 16 minibatches, so 20 iterations make
        // 10 updates" read as a sum that does not add up (a YOLO user's 8.0 run never got past 4).
        let reached = fs.accumulate.last().map_or(1, |a| a.0);
        let every = if reached < s.accumulate() {
            format!(
                "steps once every {} minibatches (accumulate) after warmup; in warmup accumulate climbs from 1, and this run ends there, at {reached}",
                s.accumulate()
            )
        } else if fs.accumulate.len() > 1 {
            format!(
                "steps once every {} minibatches (accumulate), after a warmup in which accumulate climbs from 1",
                s.accumulate()
            )
        } else {
            format!(
                "steps once every {} minibatches (accumulate)",
                s.accumulate()
            )
        };
        out.push(format!(
            "Only {} optimizer steps in the whole run: with nbs {} and batch {} the optimizer {every}, so {} iterations make {} updates. More epochs or images give more. (nbs, the nominal batch, is the number of images whose gradients are summed into one step; set equal to the batch it steps every minibatch, but it also rescales weight_decay, and real runs seldom change it.)",
            fs.steps,
            s.nbs,
            s.batch,
            thousands(total),
            fs.steps
        ));
    }
    let warm_epochs = nw as f64 / nb as f64;
    if s.rule == WarmupRule::Classic
        && s.warmup_epochs > 0.0
        && nw < total
        && warm_epochs >= 1.5 * s.warmup_epochs
    {
        out.push(format!(
            "Warmup lasts {warm_epochs:.1} of your {} epochs, not the {} warmup_epochs set: up to Ultralytics 8.4.102 warmup is at least 100 iterations, and an epoch here is {} minibatches. {}Ultralytics 8.4.103 or later, which drops the floor, shortens it.",
            s.epochs,
            s.warmup_epochs,
            thousands(nb),
            // Nothing smaller than 1 to suggest (a YOLO user at batch 1 was told to lower it).
            if s.batch > 1 {
                "A smaller batch (more minibatches per epoch) or "
            } else {
                ""
            }
        ));
    }
    // SGD's default lr0 kept under a named Adam: a common slip, since lr0's default is SGD's,
    // and the one lr0 verdict the page can give a real run without its model's curvature.
    if matches!(optimizer, OptKind::Adam | OptKind::AdamW) && lr0 >= ADAM_HIGH * ADAM_LR {
        out.push(format!(
            "lr0 {} under {} is {:.0}× the rate Adam-type optimizers usually train at: Ultralytics' own default.yaml gives lr0 1E-3 for Adam (1E-2 for SGD), and for {} auto would pick AdamW at {}. Adam moves each weight by up to about the rate every step, whatever the size of its gradient, so unless you chose {} on purpose, try lr0=0.001, or optimizer=auto.",
            fmt(lr0),
            optimizer.name(),
            lr0 / ADAM_LR,
            // A default said as one (a YOLO user read "your 10 classes", never having typed 10).
            nc.map_or("10 classes (the panel's default: enter yours above)".to_string(), |n| {
                format!("your {n} classes")
            }),
            fmt(crate::engine::optim::auto::lr_fit(nc.unwrap_or(10))),
            fmt(lr0),
        ));
    }
    if fs.is_auto && (fs.auto.lr - lr0).abs() > 0.01 * lr0 {
        out.push(format!(
            "optimizer=auto set your lr0 {} aside and trained with {} at {}. To train at your lr0, name the optimizer too (optimizer=SGD, say).",
            fmt(lr0),
            fs.auto.pick.name(),
            fmt(fs.auto.lr)
        ));
    }
    // The last epoch is E − 1, where lf is still a step of (1 − lrf)/E above lrf.
    let target = s.lr0 * s.lrf;
    let end = fs.points.last().map_or(0.0, |p| p.1.lr_weight);
    if nw < total && target > 0.0 && end >= 3.0 * target {
        out.push(format!(
            // No epoch number: Ultralytics counts from 0 in the code and from 1 in results.csv,
            // and a YOLO user read "epoch 5, one past the last" beside a last row of epoch 5.
            "The last epoch trains at {}, {:.1}× {rate} × lrf ({}): Ultralytics' decay would reach lrf only in the epoch after the last{late}, and with {} epochs that last step is large. More epochs bring the end closer to {rate} × lrf.",
            fmt(end),
            end / target,
            fmt(target),
            s.epochs,
            late = if matches!(fs.family, Family::V8_0 | Family::YoloV5) {
                " (and this version's scheduler runs an epoch behind)"
            } else {
                ""
            },
            rate = if fs.is_auto { "auto's rate" } else { "lr0" }
        ));
    }
    out
}
