//! The fit chart's data on the two-weight tasks, read off the landscape: the weights (w, b) at
//! its dot are the curve drawn through the data, and its minimum the best fit. A student asked
//! "w (slope) and b (intercept) of what?": of this line through these points.

use std::rc::Rc;

use super::views::LandscapeView;
use crate::charts::fit::Fit;
use crate::engine::data::{Dataset, Targets};
use crate::engine::stability::fmt_loss;
use crate::state::Task;

/// Points along each curve.
const SAMPLES: usize = 120;

/// The model's curve y = φ(w·x + b): the line's φ is the identity, the sine's sin (the engine's
/// `Curve`s; the test checks that the fit's error is the engine's loss).
pub fn curve(task: Task, (w, b): (f64, f64), x: f64) -> f64 {
    let t = w * x + b;
    match task {
        Task::Sine => t.sin(),
        _ => t,
    }
}

/// The fit of `task` on `train` at the landscape's dot, with the landscape's minimum as the
/// best fit; `None` for the networks, whose weights are not two numbers. The scene is built
/// every frame: the fit `kept` is reused while the dot, the minimum, the data and the read-out's
/// loss are the same. `shown` is the read-out's loss, and whether it is smoothed,
/// which the caption tells apart from the loss at the dot.
pub fn build(
    task: Task,
    train: &Dataset,
    landscape: &LandscapeView,
    shown: Option<(f64, bool)>,
    kept: &mut Option<super::cache::KeptFit>,
) -> Option<Rc<Fit>> {
    if !matches!(task, Task::Line | Task::Sine) || train.dim != 1 {
        return None;
    }
    let Targets::Values(ys) = &train.targets else {
        return None;
    };
    let layer = landscape.paths.iter().find(|l| !l.ghost)?;
    let at = landscape
        .cursor
        .and_then(|k| layer.path.get(k))
        .or(layer.path.last())
        .copied()?;
    if let Some((t, m, f)) = kept.as_ref() {
        let same_data = f.points.len() == ys.len()
            && f.points
                .iter()
                .zip(train.inputs.iter().zip(ys))
                .all(|(p, (&x, &y))| p.0 == f64::from(x) && p.1 == f64::from(y));
        if *t == task
            && *m == landscape.minimum
            && f.weights == at
            && f.color == layer.color
            && f.shown == shown
            && same_data
        {
            return Some(f.clone());
        }
    }
    let points: Vec<(f64, f64)> = train
        .inputs
        .iter()
        .zip(ys)
        .map(|(&x, &y)| (f64::from(x), f64::from(y)))
        .collect();
    let (lo, hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.0), b.max(p.0))
        });
    let sample = |wb: (f64, f64)| -> Vec<(f64, f64)> {
        (0..=SAMPLES)
            .map(|k| {
                let x = lo + (hi - lo) * k as f64 / SAMPLES as f64;
                (x, curve(task, wb, x))
            })
            .collect()
    };
    let error = mse(task, &points, at);
    let now = sample(at);
    // A diverged run's curve leaves the chart, which is drawn around the data.
    let (ylo, yhi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.1), b.max(p.1))
        });
    let pad = 0.1 * (yhi - ylo);
    let off = now.iter().all(|p| !(ylo - pad..=yhi + pad).contains(&p.1));
    let off = if off {
        " (off the chart, far from every dot)"
    } else {
        ""
    };
    let (formula, w_is, b_is) = match task {
        Task::Sine => ("sin(w·x + b)", "its frequency", "its shift"),
        _ => ("w·x + b", "the slope", "the intercept"),
    };
    let best = landscape.minimum.map(|m| {
        format!(
            " Dashed green: the best fit (w {:.3}, b {:.3}), at the landscape's ×.",
            m.0, m.1
        )
    });
    // Which loss: a student saw 0.0107 in the read-outs beside 0.0115 here. A full batch's is
    // measured in the last step, before it moved the weights; the dot is where it moved them
    // (a diverged run's last weights are the read-out's own, and nothing needs saying). With
    // minibatches the read-out is the loss chart's smoothed line, which trails the dot: a YOLO
    // user read "from one step before" beside 0.484 against 0.0349 here, and found it false.
    let before = match shown {
        Some((l, _)) if fmt_loss(l) == fmt_loss(error) => String::new(),
        Some((l, true)) => format!(
            " (the read-out's {} is the smoothed average of recent minibatches' losses: it trails the dot and averages over any swings)",
            fmt_loss(l)
        ),
        Some((l, false)) => format!(" (the read-out's {} is from one step before)", fmt_loss(l)),
        None => String::new(),
    };
    let fit = Rc::new(Fit {
        caption: format!(
            "Dots: the training data. Solid: y = {formula} with the dot's weights, w {:.3} ({w_is}) and b {:.3} ({b_is}){off}. Its mean squared error over the dots, {}, is the loss{}.{}",
            at.0,
            at.1,
            fmt_loss(error),
            before,
            best.unwrap_or_default()
        ),
        now,
        best: landscape.minimum.map(sample),
        points,
        color: layer.color,
        weights: at,
        error,
        shown,
    });
    *kept = Some((task, landscape.minimum, fit.clone()));
    Some(fit)
}

/// The mean squared error of the curve at `wb` over `points`: the two-weight tasks' loss.
pub fn mse(task: Task, points: &[(f64, f64)], wb: (f64, f64)) -> f64 {
    let n = points.len().max(1) as f64;
    points
        .iter()
        .map(|&(x, y)| (curve(task, wb, x) - y).powi(2))
        .sum::<f64>()
        / n
}
