//! What a `model.train(...)` call copied from the page cannot carry: each a "# Note:" above it.

use super::{py, ultralytics_args};
use crate::engine::run::LossScale;
use crate::state::settings::config::{Config, DecayKind, OptKind};

/// What Stride runs that Ultralytics has no argument for, or that its defaults override, as
/// comment lines.
pub(super) fn ultralytics_caveats(c: &Config) -> Vec<String> {
    let mut out = Vec::new();
    // A rate found for the page's small model is no rate for a detector (a YOLO user copied
    // one); not said to come from Stride (a YOLO user had typed in their own).
    if ultralytics_args(c).iter().any(|(k, _)| *k == "lr0") {
        out.push(format!(
            "lr0={}, as set on this page, trained Stride's small {} model, not yours: if it came from Stride's tools, keep the schedule's shape and find lr0 for your model and data (Ultralytics' default is 0.01)",
            py(c.lr0),
            c.task.name()
        ));
    }
    // Left out as Ultralytics' default, auto still overrides what the lines above set (a YOLO
    // user, warned that auto set their lr0 aside, copied a call that kept it).
    if c.optimizer == OptKind::Auto {
        out.push(format!(
            "optimizer is left at auto, Ultralytics' default, which sets lr0={} and momentum={} aside for its own (AdamW at a rate fitted to the classes on runs up to 10,000 iterations; past them SGD, MuSGD from 8.4, at 0.01 and momentum 0.9): add optimizer=\"SGD\" (or another) to train at this lr0",
            py(c.lr0),
            py(c.momentum)
        ));
    }
    match c.decay {
        DecayKind::Step | DecayKind::Exponential | DecayKind::OneCycle => out.push(format!(
            "decay={} has no Ultralytics argument: it decays linearly (or cos_lr=True)",
            c.decay.name()
        )),
        _ => {}
    }
    if c.optimizer == OptKind::Sgd && !c.nesterov {
        // Nesterov lowers the stable limit (0.0151 to 0.00525 on a YOLO user's settings), so
        // a rate tried here without it can fly off under YOLO's optimizer.
        out.push(
            "Ultralytics' SGD always uses Nesterov momentum, which lowers the stable limit: set nesterov=1 in Stride to try this lr0 as YOLO's optimizer runs it"
                .into(),
        );
    }
    if !c.clip {
        out.push("Ultralytics always clips the gradient norm at 10".into());
    }
    if c.loss_scale == LossScale::Mean {
        out.push(
            "Ultralytics' losses are × batch size (loss_scale=batch here); Stride ran the mean"
                .into(),
        );
    }
    out
}
