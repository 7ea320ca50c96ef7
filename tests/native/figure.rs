//! An exported chart frames itself (issue 21): a title naming the chart and the lesson, a
//! legend naming every run drawn (compared runs and the ghost too) and the settings and the
//! caption's numbers, laid out around the chart and never over it.
#![cfg(not(target_arch = "wasm32"))]

use crate::common::clock;
use plotters::prelude::*;
use stride::charts::LIGHT;
use stride::charts::figure::{self, Figure, wrap};
use stride::charts::loss;
use stride::engine::stability::fmt_lr;
use stride::state::runs::session::Session;
use stride::state::scene::{SceneCache, figure};
use stride::state::{Config, Scene, parse_query};

fn finished(config: &Config) -> (Session, Scene) {
    let mut s = Session::for_config(config);
    for _ in 0..5000 {
        if s.finished() {
            break;
        }
        s.frame(&clock());
    }
    assert!(s.finished(), "the runs finish");
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    (s, scene)
}

#[test]
fn a_lessons_loss_export_names_the_lesson_every_run_and_the_captions_numbers() {
    let config = parse_query("preset=sgd-vs-adam&predict=0").0;
    let (session, scene) = finished(&config);
    let f = figure("loss", &scene, &config);
    let preset = config.preset.expect("a lesson");
    assert!(f.title.starts_with("Loss"), "{}", f.title);
    assert!(f.title.contains(preset.title()), "{}", f.title);
    assert!(session.slots.len() >= 2, "the lesson compares runs");
    let names: Vec<&str> = f.legend.iter().map(|(n, _)| n.as_str()).collect();
    for slot in &session.slots {
        assert!(
            names.contains(&slot.label.as_str()),
            "{} not in {names:?}",
            slot.label
        );
    }
    let colors: Vec<_> = f.legend.iter().map(|(_, c)| *c).collect();
    assert!(
        colors.windows(2).all(|w| w[0] != w[1]),
        "each run its colour"
    );
    let text = f.lines.join("\n");
    assert!(
        text.contains(&format!("lr0={}", fmt_lr(config.lr0))),
        "{text}"
    );
    assert!(
        text.contains(&format!("epochs={}", config.epochs)),
        "{text}"
    );
    assert!(
        text.contains(&loss::summary(&scene.loss)),
        "the caption's numbers: {text}"
    );
    assert!(
        text.contains(scene.readout.verdict.verdict.name()),
        "{text}"
    );
}

#[test]
fn a_pinned_ghost_and_compared_runs_keep_their_names_in_the_landscape_export() {
    let config = parse_query("lr0=0.1&compare=1&ghost=lr0%3D0.5").0;
    let (session, scene) = finished(&config);
    assert!(session.ghost.is_some(), "a ghost");
    let f = figure("landscape", &scene, &config);
    assert!(f.title.starts_with("Loss landscape"), "{}", f.title);
    assert!(
        f.title.contains(config.task.label()),
        "no lesson: the task, {}",
        f.title
    );
    let names: Vec<&str> = f.legend.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names.len(),
        session.slots.len() + 1,
        "every run and the ghost: {names:?}"
    );
    for series in &scene.loss.series {
        assert!(
            names.contains(&series.label.as_str()),
            "{} in {names:?}",
            series.label
        );
    }
    assert!(
        f.lines.iter().any(|l| l.contains("compared lr0=")),
        "{:?}",
        f.lines
    );
}

#[test]
fn the_schedule_export_names_its_lines() {
    let config = parse_query("preset=warmup&predict=0").0;
    let (_, scene) = finished(&config);
    let f = figure("schedule", &scene, &config);
    assert!(
        f.legend.iter().any(|(n, _)| n.contains("momentum")),
        "{:?}",
        f.legend
    );
    assert!(
        f.lines.iter().any(|l| l.contains("warmup_epochs=")),
        "{:?}",
        f.lines
    );
}

/// The texts of an SVG with the y of each.
fn texts(svg: &str) -> Vec<(f64, f64, String)> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let num = |name: &str| -> Option<f64> {
                let start = t.find(&format!(" {name}=\""))? + name.len() + 3;
                t[start..].split('"').next()?.parse().ok()
            };
            let body = t
                .split_once('>')?
                .1
                .split_once("</text")?
                .0
                .trim()
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            Some((num("x")?, num("y")?, body))
        })
        .collect()
}

#[test]
fn the_frame_draws_every_word_around_the_chart_and_within_the_picture() {
    let long = "The main run with a very long name that goes on";
    let f = Figure {
        title: "Loss · lesson \"Too high a rate\"".into(),
        legend: (0..5)
            .map(|k| (format!("{long} {k}"), stride::charts::palette::BLUE))
            .collect(),
        lines: vec![
            "lr0=0.1  lrf=0.01  momentum=0.9  ".repeat(6),
            "Final loss 0.0123 after 100 iterations.".into(),
        ],
    };
    for (width, scale) in [(560u32, 1.0), (300, 1.0), (1120, 2.0)] {
        let chart = (150.0 * scale) as u32;
        let layout = f.layout(width, scale);
        let height = layout.header + chart + layout.footer;
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
            figure::draw(&area, &f, chart, scale, &LIGHT).expect("draws");
        }
        let drawn = texts(&svg);
        let all: String = drawn
            .iter()
            .map(|t| t.2.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(drawn.iter().any(|t| t.2 == f.title), "the title in {all}");
        for (name, _) in &f.legend {
            // Whole where it fits, else its start and an ellipsis.
            let shown = |t: &str| {
                t == name
                    || t.strip_suffix('…')
                        .is_some_and(|p| p.len() > 10 && name.starts_with(p))
            };
            assert!(drawn.iter().any(|t| shown(&t.2)), "{name} at {width}");
        }
        for line in &f.lines {
            for word in line.split_whitespace() {
                assert!(all.contains(word), "{word} at {width}");
            }
        }
        let px = 13.0 * scale;
        for (x, y, text) in &drawn {
            let right = x + text.chars().count() as f64 * 0.6 * px;
            assert!(
                *x >= 0.0 && right <= f64::from(width) + 0.5,
                "{text} runs off {width}: {right}"
            );
            let over_chart =
                *y + px > f64::from(layout.header) && *y < f64::from(layout.header + chart);
            assert!(
                !over_chart,
                "{text} at y {y} lies over the chart {}..{}",
                layout.header,
                layout.header + chart
            );
            assert!(*y + px <= f64::from(height), "{text} below the picture");
        }
    }
}

#[test]
fn wrapping_keeps_every_word_in_order_and_each_line_short() {
    let text = "one two three four five six seven eight nine ten eleven twelve thirteen";
    let lines = wrap(text, 100.0, 10.0);
    assert!(lines.len() > 1);
    assert_eq!(lines.join(" "), text);
    assert!(lines.iter().all(|l| l.chars().count() <= 16), "{lines:?}");
}
