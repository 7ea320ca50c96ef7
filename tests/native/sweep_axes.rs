//! The sweep chart's axes (issue 21): every decade of the swept rates is labelled, the loss
//! axis has a label at both ends whatever the losses span, and no marker is cut by the plot's
//! edge, on the line's real sweep and on made-up ones.
#![cfg(not(target_arch = "wasm32"))]

use plotters::prelude::*;
use stride::charts::sweep::{self, SweepScene, plot_box};
use stride::charts::{LIGHT, nice_log_axis};
use stride::engine::stability::fmt_lr;
use stride::state::runs::session::{Command, Session};
use stride::state::runs::sweep::SweepPoint;
use stride::state::scene::SceneCache;
use stride::state::settings::config::{LR_MAX, LR_MIN};
use stride::state::{Config, Scene};

const W: u32 = 560;
const H: u32 = 280;

fn svg_of(points: &[SweepPoint], range: (f64, f64), accuracy: bool) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (W, H)).into_drawing_area();
        sweep::draw(
            &area,
            &SweepScene {
                points,
                lr0: 0.1,
                limit: None,
                accuracy,
                range,
            },
            &LIGHT,
        )
        .expect("the sweep draws");
    }
    svg
}

/// The texts the SVG draws.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            Some(
                t.split_once('>')?
                    .1
                    .split_once("</text")?
                    .0
                    .trim()
                    .to_string(),
            )
        })
        .collect()
}

/// The numbers a named attribute of the SVG's elements of `kind` in `color` hold.
fn attrs(svg: &str, kind: &str, color: &str, names: &[&str]) -> Vec<Vec<f64>> {
    svg.split('<')
        .filter(|e| e.starts_with(kind) && e.contains(color))
        .map(|e| {
            names
                .iter()
                .filter_map(|n| {
                    let start = e.find(&format!(" {n}=\""))? + n.len() + 3;
                    e[start..].split('"').next()?.parse().ok()
                })
                .collect()
        })
        .collect()
}

/// Every marker (dots, crosses' strokes, triangles) lies whole inside the plot's rectangle.
fn assert_markers_whole(svg: &str, accuracy: bool) {
    let (left, right, top, bottom) = plot_box(f64::from(W), f64::from(H), accuracy);
    let inside = |x: f64, y: f64, r: f64, what: &str| {
        assert!(
            x - r >= left - 0.5
                && x + r <= right + 0.5
                && y - r >= top - 0.5
                && y + r <= bottom + 0.5,
            "{what} at ({x}, {y}) r {r} leaves the plot {left}..{right} × {top}..{bottom}"
        );
    };
    let dots = attrs(svg, "circle", "#0072B2", &["cx", "cy", "r"]);
    assert!(!dots.is_empty(), "dots drawn");
    for d in dots {
        inside(d[0], d[1], d[2], "a dot");
    }
    // Plotters draws a cross as two lines, a triangle as a polygon of points.
    for l in attrs(svg, "line", "#D55E00", &["x1", "y1", "x2", "y2"]) {
        inside(l[0], l[1], 0.0, "a cross's stroke");
        inside(l[2], l[3], 0.0, "a cross's stroke");
    }
    for e in svg
        .split('<')
        .filter(|e| e.starts_with("polygon") && e.contains("#009E73"))
    {
        let points = e
            .split("points=\"")
            .nth(1)
            .and_then(|p| p.split('"').next())
            .unwrap_or("");
        for pair in points.split_whitespace() {
            let (x, y) = pair.split_once(',').expect("x,y");
            inside(
                x.parse().expect("a number"),
                y.parse().expect("a number"),
                0.0,
                "a triangle's corner",
            );
        }
    }
}

#[test]
fn every_decade_of_the_swept_rates_is_labelled_and_no_marker_is_cut() {
    // The line at its defaults: the low rates crawl, the high ones diverge up to the last, 10.
    let config = Config::default();
    let mut s = Session::for_config(&config);
    s.command(Command::Sweep, &|| 0.0);
    let view = Scene::build(&s, &mut SceneCache::default(), 0.0)
        .sweep
        .expect("a sweep view");
    assert!(
        view.points.last().is_some_and(|p| p.diverged),
        "the last rate diverges"
    );
    let svg = svg_of(&view.points, view.range, true);
    let labels = texts(&svg);
    let (e0, e1) = (LR_MIN.log10().round() as i32, LR_MAX.log10().round() as i32);
    for e in e0..=e1 {
        let label = fmt_lr(10f64.powi(e));
        assert!(labels.contains(&label), "no label {label} among {labels:?}");
    }
    assert_markers_whole(&svg, true);
    // The crosses number the diverged runs: the last one is drawn too, not clipped away.
    let crosses = attrs(&svg, "line", "#D55E00", &["x1"]).len();
    assert_eq!(
        crosses,
        2 * view.points.iter().filter(|p| p.diverged).count()
    );
}

#[test]
fn the_loss_axis_is_labelled_above_the_highest_loss_and_below_the_lowest() {
    // Made-up sweeps whose losses span less than one decade to seven, ending anywhere.
    let rates: Vec<f64> = (0..25)
        .map(|i| 1e-5 * 10f64.powf(6.0 * f64::from(i) / 24.0))
        .collect();
    for (lowest, highest) in [
        (0.3_f64, 0.69_f64),
        (0.01, 4.5),
        (2e-6, 75.0),
        (0.05, 1.3),
        (0.9, 1.1),
    ] {
        let points: Vec<SweepPoint> = rates
            .iter()
            .enumerate()
            .map(|(i, &lr0)| SweepPoint {
                lr0,
                loss: Some(lowest * (highest / lowest).powf(f64::from(i as u32 % 7) / 6.0)),
                accuracy: Some(f64::from(i as u32 % 5) / 4.0),
                diverged: false,
            })
            .chain([SweepPoint {
                lr0: 10.0,
                loss: None,
                accuracy: None,
                diverged: true,
            }])
            .collect();
        let svg = svg_of(&points, (1e-5, 10.0), true);
        let numbers: Vec<f64> = texts(&svg).iter().filter_map(|t| t.parse().ok()).collect();
        assert!(
            numbers.iter().any(|v| *v >= highest),
            "{lowest}..{highest}: no label at or above the highest loss in {numbers:?}"
        );
        assert!(
            numbers.iter().any(|v| *v > 0.0 && *v <= lowest),
            "{lowest}..{highest}: no label at or below the lowest loss in {numbers:?}"
        );
        assert_markers_whole(&svg, true);
    }
}

#[test]
fn a_nice_log_axis_holds_its_data_and_labels_both_ends_and_every_decade() {
    for (lo, hi) in [
        (0.3, 0.69),
        (0.0067, 4.5),
        (1e-6, 75.0),
        (0.9, 1.1),
        (1e-5, 10.0),
        (3.0, 3.0),
    ] {
        let ((a, b), ticks) = nice_log_axis(lo, hi);
        assert!(
            a <= lo * (1.0 + 1e-9) && b >= hi * (1.0 - 1e-9),
            "{lo}..{hi} in {a}..{b}"
        );
        assert!(ticks.len() >= 2, "{lo}..{hi}: {ticks:?}");
        let close = |x: f64, y: f64| (x / y - 1.0).abs() < 1e-9;
        assert!(
            close(ticks[0], a) && close(ticks[ticks.len() - 1], b),
            "{lo}..{hi}: {ticks:?} on {a}..{b}"
        );
        let mut e = a.log10().ceil() as i32;
        while 10f64.powi(e) <= b * (1.0 + 1e-9) {
            assert!(
                ticks.iter().any(|t| close(*t, 10f64.powi(e))),
                "{lo}..{hi}: no 1e{e} in {ticks:?}"
            );
            e += 1;
        }
        assert!(ticks.windows(2).all(|w| w[1] > w[0]), "{ticks:?}");
    }
}

/// A row of diverged runs stays a row of crosses however narrow the chart: each cross, with its
/// stroke, leaves a clear gap to the next swept rate (on a phone six ran together into one
/// line), and a wide chart keeps the full size.
#[test]
fn crosses_of_neighbouring_diverged_runs_stay_apart() {
    use stride::charts::sweep::cross_size;
    for gap in [8.0, 10.0, 12.0, 15.0, 20.0, 40.0] {
        let (half, width) = cross_size(gap);
        let span = f64::from(2 * half + width);
        assert!(span < gap, "gap {gap}: a cross {span} wide");
    }
    assert_eq!(cross_size(40.0), (6, 3));
}
