//! What an exported chart says about itself (issue 21): a title naming the chart and the lesson
//! or task, a legend naming every run it draws, and the settings and the caption's numbers. A
//! PNG leaves the page's legends and captions behind; this text goes into the picture, so a
//! saved comparison still says which line is which run.

use plotters::style::RGBColor;

use super::Scene;
pub use crate::charts::figure::Figure;
use crate::charts::loss;
use crate::charts::palette;
use crate::charts::schedule;
use crate::engine::stability::fmt_lr;
use crate::state::settings::config::Config;

/// The chart called `chart` (its canvas id: landscape, loss, schedule, boundary) as `scene`
/// shows it for `config`.
pub fn figure(chart: &str, scene: &Scene, config: &Config) -> Figure {
    let name = match chart {
        "landscape" => "Loss landscape",
        "loss" => "Loss",
        "schedule" => "Learning-rate schedule",
        "boundary" => "Decision boundary",
        other => other,
    };
    let context = match config.preset {
        Some(p) => format!("lesson \"{}\"", p.title()),
        None => config.task.label().to_string(),
    };
    let runs = || -> Vec<(String, RGBColor)> {
        scene
            .loss
            .series
            .iter()
            .map(|s| (s.label.clone(), s.color))
            .collect()
    };
    let (legend, caption) = match chart {
        "loss" => (runs(), loss::summary(&scene.loss)),
        "landscape" => (runs(), scene.landscape.summary.clone()),
        "schedule" => schedule_text(scene),
        "boundary" => (
            vec![
                ("class 0".into(), palette::BLUE),
                ("class 1".into(), palette::ORANGE),
            ],
            String::new(),
        ),
        _ => (runs(), String::new()),
    };
    let verdict = &scene.readout.verdict;
    let lines = [
        settings_line(config),
        caption,
        format!("Verdict: {}. {}", verdict.verdict.name(), verdict.why),
    ]
    .into_iter()
    .filter(|l| !l.trim().is_empty())
    .collect();
    Figure {
        title: format!("{name} · {context}"),
        legend,
        lines,
    }
}

/// The settings that shape the run, by their Ultralytics names.
pub fn settings_line(c: &Config) -> String {
    let mut parts = vec![
        format!("task={}", c.task.name()),
        format!("optimizer={}", c.optimizer.name()),
        format!("lr0={}", fmt_lr(c.lr0)),
        format!("lrf={}", fmt_lr(c.lrf)),
        format!("momentum={}", fmt_lr(c.momentum)),
        format!("weight_decay={}", fmt_lr(c.weight_decay)),
        format!("warmup_epochs={}", fmt_lr(c.warmup_epochs)),
        format!("epochs={}", c.epochs),
        format!("batch={}", c.batch),
        format!("decay={}", c.decay.name()),
        format!("seed={}", c.seed),
    ];
    if c.compare {
        let lrs: Vec<String> = crate::state::plan::compare_rates(c)
            .iter()
            .map(|l| fmt_lr(*l))
            .collect();
        parts.push(format!("compared lr0={}", lrs.join(", ")));
    }
    parts.join("  ")
}

/// The schedule's lines and its summary, as its panel names them.
fn schedule_text(scene: &Scene) -> (Vec<(String, RGBColor)>, String) {
    let view = &scene.schedule;
    let points = &view.settings.points;
    let mut legend: Vec<(String, RGBColor)> = if schedule::same_rates(points) {
        vec![("lr (weights and biases)".into(), palette::BLUE)]
    } else {
        vec![
            ("lr, weights".into(), palette::BLUE),
            ("lr, biases".into(), palette::GREEN),
        ]
    };
    if schedule::has_momentum(points) {
        legend.push(("momentum (right axis)".into(), palette::PURPLE));
    }
    for r in &view.references {
        legend.push((format!("lr, {}", r.label), r.color));
    }
    let summary = view.summary();
    (legend, summary)
}
