//! Each chart drawn into an SVG string and read back.

use plotters::prelude::*;
use stride::charts::boundary::{self, Boundary, blend};
use stride::charts::landscape::{self, Backdrop, PathLayer, level_spacing};
use stride::charts::loss::{self, LossChart, Series};
use stride::charts::schedule::{self, ScheduleScene};
use stride::charts::{clip_segment, palette};
use stride::engine::schedule::decimate;
use stride::engine::smooth::smoothed;
use stride::engine::valley::{Descent, Outcome};
use stride::engine::valley::{GRID_POINTS, Valley};
use stride::state::{Preset, plan};

const W: u32 = 460;

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn landscape_svg(valley: &Valley, run: &Descent) -> String {
    let backdrop = Backdrop::new(
        valley.grid(),
        valley.min_loss,
        12,
        ("w (slope)", "b (intercept)"),
    );
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (W, W)).into_drawing_area();
        let path: Vec<(f64, f64)> = run
            .path
            .iter()
            .map(|&(w, b)| (f64::from(w), f64::from(b)))
            .collect();
        let layer = PathLayer {
            path,
            color: palette::ORANGE,
            ghost: false,
        };
        landscape::draw(
            &area,
            &backdrop,
            &[layer],
            Some(valley.minimum),
            None,
            &stride::charts::LIGHT,
        )
        .expect("landscape draws");
    }
    svg
}

/// Values of attribute `name` on every element that starts with `tag`.
fn attrs<'a>(svg: &'a str, tag: &str, name: &str) -> Vec<&'a str> {
    svg.split('<')
        .filter(|e| e.starts_with(tag))
        .filter_map(|e| {
            let key = format!("{name}=\"");
            let start = e.find(&key)? + key.len();
            let len = e[start..].find('"')?;
            Some(&e[start..start + len])
        })
        .collect()
}

#[test]
fn landscape_has_a_cell_per_grid_point_contours_axes_and_the_path() {
    let valley = Valley::new(0, 1.0);
    let run = valley.descend(0.1, 100);
    let svg = landscape_svg(&valley, &run);
    let rects = svg.matches("<rect").count();
    assert!(rects > GRID_POINTS * GRID_POINTS, "{rects} rects");
    assert!(svg.contains("w (slope)") && svg.contains("b (intercept)"));
    let orange = hex(palette::ORANGE);
    // The path stays inside the plot: one orange polyline through all 101 points.
    let lines = polyline_points(&svg, &orange);
    assert_eq!(lines.len(), 1, "path polylines");
    assert_eq!(lines[0].split_whitespace().count(), 101);
    let dots = attrs(&svg, "circle", "fill")
        .iter()
        .filter(|f| **f == orange)
        .count();
    // A dot per point, and the larger current-point marker.
    assert_eq!(dots, 101 + 1);
    // Contours are drawn in translucent white.
    assert!(svg.matches("opacity=\"0.55\" stroke=\"#FFFFFF\"").count() >= 8);
}

#[test]
fn a_long_path_is_one_line_with_thinned_dots() {
    let valley = Valley::new(0, 1.0);
    let run = valley.descend(0.05, 600);
    let svg = landscape_svg(&valley, &run);
    let orange = hex(palette::ORANGE);
    let lines = polyline_points(&svg, &orange);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].split_whitespace().count(), 601);
    let dots = attrs(&svg, "circle", "fill")
        .iter()
        .filter(|f| **f == orange)
        .count();
    // Every fifth of the 601 points (121), and the current-point marker.
    assert_eq!(dots, 121 + 1);
}

#[test]
fn the_heatmap_is_darkest_at_the_minimum() {
    let valley = Valley::new(0, 1.0);
    let backdrop = Backdrop::new(valley.grid(), valley.min_loss, 12, ("w", "b"));
    let grid = &backdrop.grid;
    let (lo, hi) = grid.range();
    // The grid is centred on the minimum, so the centre holds (nearly) the lowest value.
    let centre = grid.value(GRID_POINTS / 2, GRID_POINTS / 2);
    assert!(centre - lo < 0.05 * (hi - lo));
    // Contour levels lie strictly inside the range of the grid, in increasing order.
    let levels: Vec<f64> = backdrop.contours.iter().map(|c| c.level).collect();
    assert!(levels.windows(2).all(|w| w[0] < w[1]));
    assert!(levels.iter().all(|&l| l > lo && l < hi));
}

#[test]
fn a_diverging_path_stays_inside_the_plot() {
    let valley = Valley::new(0, 1.0);
    let run = valley.descend(2.0, 100);
    assert!(matches!(run.outcome, Outcome::Diverged { .. }));
    let svg = landscape_svg(&valley, &run);
    let orange = hex(palette::ORANGE);
    for element in svg.split('<').filter(|e| e.contains(&orange)) {
        for key in ["cx=\"", "cy=\""] {
            if let Some(i) = element.find(key) {
                let v: f64 = element[i + 4..]
                    .split('"')
                    .next()
                    .and_then(|s| s.parse().ok())
                    .expect("number");
                assert!((0.0..=f64::from(W)).contains(&v), "{element}");
            }
        }
        if let Some(i) = element.find("points=\"") {
            for pair in element[i + 8..]
                .split('"')
                .next()
                .expect("points")
                .split_whitespace()
            {
                for v in pair.split(',') {
                    let v: f64 = v.parse().expect("coordinate");
                    assert!((0.0..=f64::from(W)).contains(&v), "{element}");
                }
            }
        }
    }
}

fn loss_svg(scene: &LossChart, log_y: bool) -> String {
    loss_svg_in(scene, log_y, &stride::charts::LIGHT)
}

fn loss_svg_in(scene: &LossChart, log_y: bool, colors: &stride::charts::Colors) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (W, 300)).into_drawing_area();
        loss::draw(&area, scene, log_y, colors).expect("loss draws");
    }
    svg
}

#[test]
fn the_dark_theme_paints_the_frame_dark_and_the_text_light_and_keeps_the_data_colours() {
    use stride::charts::{DARK, LIGHT};
    let valley = Valley::new(0, 1.0);
    let run = valley.descend(0.1, 50);
    let scene = LossChart {
        series: vec![one_series(&run.losses, None)],
        steps: 50,
        epochs: false,
        floor: None,
        start: None,
        cursor: None,
    };
    let (light, dark) = (
        loss_svg_in(&scene, true, &LIGHT),
        loss_svg_in(&scene, true, &DARK),
    );
    let fills = |svg: &str, tag: &str| -> Vec<String> {
        attrs(svg, tag, "fill")
            .iter()
            .map(|f| f.to_uppercase())
            .collect()
    };
    // The background: the first rectangle, painted over the whole canvas.
    assert_eq!(fills(&dark, "rect").first(), Some(&hex(DARK.paper)));
    assert_eq!(fills(&light, "rect").first(), Some(&hex(LIGHT.paper)));
    let text = fills(&dark, "text");
    assert!(
        !text.is_empty() && text.iter().all(|f| *f == hex(DARK.ink)),
        "{text:?}"
    );
    assert!(!dark.contains(&hex(LIGHT.ink)) && !dark.to_uppercase().contains(&hex(LIGHT.paper)));
    // The runs are drawn in the same colours in both.
    assert_eq!(
        polyline_points(&dark, &hex(palette::BLUE)).len(),
        polyline_points(&light, &hex(palette::BLUE)).len()
    );
    assert!(!polyline_points(&dark, &hex(palette::BLUE)).is_empty());
}

fn one_series(raw: &[f32], diverged_at: Option<usize>) -> Series {
    Series {
        label: "run".into(),
        color: palette::BLUE,
        raw: raw.to_vec(),
        stride: 1,
        spread: Vec::new(),
        val: vec![],
        diverged_at,
        ghost: false,
        smooth: Some(stride::engine::smooth::smoothed(raw, 0.9)),
        per_epoch: 1,
        start: None,
    }
}

fn polyline_points<'a>(svg: &'a str, color: &str) -> Vec<&'a str> {
    polylines_with(svg, &format!("stroke=\"{color}\""))
}

/// The points of every polyline whose tag holds `attribute`.
fn polylines_with<'a>(svg: &'a str, attribute: &str) -> Vec<&'a str> {
    svg.split('<')
        .filter(|e| e.starts_with("polyline") && e.contains(attribute))
        .map(|e| {
            e.split("points=\"")
                .nth(1)
                .expect("points")
                .split('"')
                .next()
                .expect("end")
        })
        .collect()
}

#[test]
fn loss_chart_draws_raw_and_smoothed_curves_the_floor_and_marks_divergence() {
    let valley = Valley::new(0, 1.0);
    let run = valley.descend(0.1, 100);
    let scene = LossChart {
        series: vec![one_series(&run.losses, None)],
        steps: 100,
        epochs: false,
        floor: Some(valley.min_loss),
        start: None,
        cursor: Some(40),
    };
    let svg = loss_svg(&scene, true);
    // Raw and smoothed: two blue polylines of 101 points each.
    let lines = polyline_points(&svg, &hex(palette::BLUE));
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines.iter().all(|p| p.split_whitespace().count() == 101));
    assert!(svg.contains("loss (log scale)"));
    assert!(svg.contains(&hex(palette::GREEN)), "floor line");
    assert!(
        !svg.contains(&hex(palette::VERMILLION)),
        "no divergence marker"
    );

    let run = valley.descend(5.0, 100);
    let Outcome::Diverged { step } = run.outcome else {
        panic!("must diverge")
    };
    let diverged = LossChart {
        series: vec![one_series(&run.losses, Some(step))],
        ..scene.clone()
    };
    let svg = loss_svg(&diverged, false);
    assert!(svg.contains(&hex(palette::VERMILLION)), "divergence marker");
    // Dashed, so that a vermilion run (Compare's lr0×10) is not taken for it: several pieces.
    assert!(
        svg.matches(&format!("stroke=\"{}\"", hex(palette::VERMILLION)))
            .count()
            > 2,
        "a dashed marker"
    );
    assert!(loss::key(&diverged).contains("dashed orange-red line: where it diverged"));
    assert!(
        svg.contains("\nloss\n") && !svg.contains("log scale"),
        "linear axis title"
    );
    // Minibatches: plain iterations. Full batch (no smoothing): the axis says a step is an
    // epoch, as the rate map counts epochs.
    assert!(svg.contains("iteration") && !svg.contains("one per epoch"));
    let full = LossChart {
        series: vec![Series {
            smooth: None,
            ..one_series(&run.losses, Some(step))
        }],
        ..scene.clone()
    };
    assert!(loss_svg(&full, false).contains("iteration (full batch: one per epoch)"));
}

#[test]
fn compare_runs_get_a_legend_and_ghosts_are_pale() {
    let a = [1.0f32, 0.5, 0.25];
    let b = [1.0f32, 0.9, 0.8];
    let scene = LossChart {
        series: vec![
            Series {
                label: "lr0 0.1".into(),
                ..one_series(&a, None)
            },
            Series {
                label: "pinned".into(),
                color: palette::PURPLE,
                ghost: true,
                ..one_series(&b, None)
            },
        ],
        steps: 3,
        epochs: false,
        floor: None,
        start: None,
        cursor: None,
    };
    let svg = loss_svg(&scene, true);
    assert!(svg.contains(&hex(palette::BLUE)) && svg.contains(&hex(palette::PURPLE)));
    assert!(
        svg.contains("opacity=\"0.35\" stroke=\"#CC79A7\""),
        "ghost drawn pale"
    );
}

#[test]
fn a_log_axis_survives_zero_and_non_finite_losses() {
    let losses = [1.0f32, 0.0, f32::NAN, f32::INFINITY, 0.5];
    let svg = loss_svg(
        &LossChart {
            series: vec![one_series(&losses, Some(3))],
            steps: 4,
            epochs: false,
            floor: None,
            start: None,
            cursor: None,
        },
        true,
    );
    assert!(svg.contains("<polyline"));
    let nan = [f32::NAN];
    let (lo, hi) = loss::y_range(
        &LossChart {
            series: vec![one_series(&nan, None)],
            steps: 1,
            epochs: false,
            floor: None,
            start: None,
            cursor: None,
        },
        true,
    );
    assert!(lo > 0.0 && hi > lo);
}

#[test]
fn smoothing_starts_at_the_first_loss_and_skips_non_finite_values() {
    let s = smoothed(&[2.0, 2.0, f32::NAN, 2.0], 0.9);
    assert!((s[0] - 2.0).abs() < 1e-12 && (s[1] - 2.0).abs() < 1e-12);
    assert!(s[2].is_nan());
}

#[test]
fn schedule_chart_shows_both_groups_momentum_and_shaded_warmup() {
    let config = Preset::Warmup.config();
    let nb = config.batches_per_epoch();
    let settings = plan::preview(&config);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (560, 260)).into_drawing_area();
        let scene = ScheduleScene {
            settings: &settings.points,
            total: settings.total,
            warmup: 3 * nb,
            references: &[],
            cursor: Some(10),
            log_y: false,
            logged: &[],
            groups: &[],
            per_epoch: None,
        };
        schedule::draw(&area, &scene, &stride::charts::LIGHT).expect("schedule draws");
    }
    for needle in [
        "momentum",
        "learning rate",
        &hex(palette::BLUE),
        &hex(palette::GREEN),
        &hex(palette::PURPLE),
    ] {
        assert!(svg.contains(needle), "{needle}");
    }
    // The warmup band is a translucent orange rectangle.
    assert!(svg.contains("opacity=\"0.12\" fill=\"#E69F00\""));
    assert!(svg.contains("\niteration\n") && !svg.contains("\nepoch\n"));
    // Counted in epochs, as the loss chart above counts them where runs' batches differ: the
    // axis says so and the same warmup band covers the same share of the plot.
    let band_width = |svg: &str| -> f64 {
        let rect = svg
            .split('<')
            .find(|e| e.starts_with("rect") && e.contains("opacity=\"0.12\""))
            .expect("the warmup band");
        rect.split("width=\"")
            .nth(1)
            .expect("width")
            .split('"')
            .next()
            .expect("end")
            .parse()
            .expect("a number")
    };
    let mut by_epoch = String::new();
    {
        let area = SVGBackend::with_string(&mut by_epoch, (560, 260)).into_drawing_area();
        let scene = ScheduleScene {
            settings: &settings.points,
            total: settings.total,
            warmup: 3 * nb,
            references: &[],
            cursor: Some(10),
            log_y: false,
            logged: &[],
            groups: &[],
            per_epoch: Some(nb),
        };
        schedule::draw(&area, &scene, &stride::charts::LIGHT).expect("schedule draws");
    }
    assert!(by_epoch.contains("\nepoch\n") && !by_epoch.contains("\niteration\n"));
    assert!((band_width(&svg) - band_width(&by_epoch)).abs() <= 1.0);
    let words = |warmup: usize| {
        schedule::summary(&ScheduleScene {
            settings: &settings.points,
            total: settings.total,
            warmup,
            references: &[],
            cursor: None,
            log_y: false,
            logged: &[],
            groups: &[],
            per_epoch: None,
        })
    };
    let text = words(3 * nb);
    assert!(
        text.contains("Warmup takes the first") && text.contains("biases start at 0.1"),
        "{text}"
    );
    // Under 100 iterations the count is the newer Ultralytics rule's, and the words say so; an
    // 8.3 user counts at least 100.
    assert!(words(75).contains(
        "first 75 iterations (Ultralytics 8.4.103 on; earlier versions take at least 100)"
    ));
    assert!(!words(150).contains("8.4.103"), "{}", words(150));
}

/// The schedule of `p` as an SVG, without warmup shading, cursor or logged rates, linear axis.
fn schedule_svg(p: &stride::engine::schedule::Preview) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (560, 260)).into_drawing_area();
        let scene = ScheduleScene {
            settings: &p.points,
            total: p.total,
            warmup: 0,
            references: &[],
            cursor: None,
            log_y: false,
            logged: &[],
            groups: &[],
            per_epoch: None,
        };
        schedule::draw(&area, &scene, &stride::charts::LIGHT).expect("schedule draws");
    }
    svg
}

#[test]
fn a_sampled_schedule_spans_the_whole_run() {
    // 2500 iterations, drawn from 2049 points: the axis still ends at the run's last iteration.
    let config = Preset::UltralyticsDefaults.config();
    let p = plan::preview(&config);
    assert_eq!(p.total, 2500);
    assert!(p.points.len() < p.total);
    let svg = schedule_svg(&p);
    // Where the x axis puts a tick label, in pixels.
    let label_x = |label: &str| -> f64 {
        let end = svg.find(&format!(">\n{label}\n</text>")).expect(label);
        let start = svg[..end].rfind("<text x=\"").expect("a text element") + 9;
        let digits: String = svg[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().expect("a pixel position")
    };
    let (x0, x2000) = (label_x("0"), label_x("2,000"));
    // The plot's right edge: the canvas less the margin and the right axis (schedule::PAD).
    let right = 560.0 - schedule::PAD.1;
    let share = (x2000 - x0) / (right - x0);
    assert!(
        (share - 2000.0 / 2500.0).abs() < 0.02,
        "iteration 2000 sits at {share} of the axis, not 0.8"
    );
}

#[test]
fn a_long_schedule_is_kept_as_a_bounded_sample() {
    use stride::state::{Config, Task};
    // 500 epochs of the digits at batch 1: 719,000 iterations, drawn from 2,048 points.
    let config = Config {
        task: Task::Digits,
        epochs: 500,
        batch: 1,
        decay: stride::state::DecayKind::Step,
        step_every: 100,
        ..Config::default()
    };
    let p = plan::preview(&config);
    assert_eq!(p.total, config.batches_per_epoch() * 500);
    assert!(p.points.len() <= plan::PREVIEW_POINTS + 1);
    assert_eq!(p.points.last().map(|(k, _)| *k), Some(p.total - 1));
    let drops = p
        .points
        .windows(2)
        .filter(|w| w[1].1.lr_weight < 0.5 * w[0].1.lr_weight)
        .count();
    assert_eq!(drops, 4, "every step of the decay is in the sample");
}

#[test]
fn decimation_keeps_the_ends_and_bounds_the_count() {
    assert_eq!(decimate(5, 10), vec![0, 1, 2, 3, 4]);
    let idx = decimate(100_000, 1000);
    assert!(idx.len() <= 1001 && idx[0] == 0 && *idx.last().expect("last") == 99_999);
    assert!(idx.windows(2).all(|w| w[1] > w[0]));
}

#[test]
fn boundary_chart_colours_the_two_classes() {
    assert_eq!(blend(0.0), palette::SKY);
    assert_eq!(blend(1.0), palette::ORANGE);
    assert_eq!(blend(0.5), WHITE);
    let prob = vec![0.0f32, 1.0, 0.0, 1.0];
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (300, 300)).into_drawing_area();
        let scene = Boundary {
            side: 2,
            extent: (-1.0, 1.0),
            prob,
            points: vec![0.5, 0.5, -0.5, -0.5],
            labels: vec![1, 0],
        };
        boundary::draw(&area, &scene, &stride::charts::LIGHT).expect("boundary draws");
    }
    assert_eq!(
        svg.matches(&format!("fill=\"{}\"", hex(palette::SKY)))
            .count(),
        2
    );
    assert_eq!(svg.matches("<circle").count(), 4);
}

#[test]
fn segments_are_clipped_to_the_window() {
    let x = (0.0, 1.0);
    let y = (0.0, 1.0);
    assert_eq!(
        clip_segment((0.2, 0.2), (0.8, 0.8), x, y),
        Some(((0.2, 0.2), (0.8, 0.8)))
    );
    assert_eq!(
        clip_segment((0.5, 0.5), (1.5, 0.5), x, y),
        Some(((0.5, 0.5), (1.0, 0.5)))
    );
    assert_eq!(
        clip_segment((-1.0, 0.5), (2.0, 0.5), x, y),
        Some(((0.0, 0.5), (1.0, 0.5)))
    );
    assert_eq!(clip_segment((2.0, 2.0), (3.0, 3.0), x, y), None);
    assert_eq!(clip_segment((0.5, 0.5), (f64::INFINITY, 0.5), x, y), None);
}

#[test]
fn contour_levels_are_spaced_geometrically_above_the_floor() {
    let levels = level_spacing(1.0, 1001.0, 4);
    assert_eq!(levels.len(), 4);
    let heights: Vec<f64> = levels.iter().map(|l| l - 1.0).collect();
    let ratios: Vec<f64> = heights.windows(2).map(|w| w[1] / w[0]).collect();
    assert!(
        ratios.iter().all(|r| (r - ratios[0]).abs() < 1e-9),
        "{ratios:?}"
    );
    assert!(level_spacing(1.0, 1.0, 4).is_empty());
    assert!(level_spacing(1.0, f64::NAN, 4).is_empty());
}

#[test]
fn summaries_say_what_the_charts_show() {
    let valley = Valley::new(0, 1.0);
    let run = valley.descend(0.1, 100);
    let path: Vec<(f64, f64)> = run
        .path
        .iter()
        .map(|&(w, b)| (f64::from(w), f64::from(b)))
        .collect();
    let text = landscape::summary(&path, Some(valley.minimum), ("w", "b"));
    assert!(
        text.contains("from (w -1.00, b 0.00) at the start") && !text.contains("points"),
        "{text}"
    );
    // A path too short for two decimals, as the fine-tuning lesson's small rate draws on its
    // PCA map, says how far it went, with no "-0.00".
    let short = [(-0.0012, 0.0004), (0.0009, -0.0021)];
    let text = landscape::summary(&short, None, ("PC1", "PC2"));
    let moved = (0.0021f64).hypot(0.0025);
    assert_eq!(
        text,
        format!(
            "The path stays at about (PC1 0.00, PC2 0.00): it has moved {} in all.",
            stride::engine::stability::fmt_lr(moved)
        )
    );
    // The 100 iterations' losses, each taken before its step.
    let scene = LossChart {
        series: vec![one_series(&run.losses[..100], None)],
        steps: 100,
        epochs: false,
        floor: Some(valley.min_loss),
        start: None,
        cursor: None,
    };
    assert!(
        loss::summary(&scene).contains("over 100 iterations"),
        "{}",
        loss::summary(&scene)
    );
    let up = [1.0f32, 50.0];
    let diverged = LossChart {
        series: vec![one_series(&up, Some(1))],
        ..scene
    };
    // Iterations count from 1, as the read-outs do: the second record is iteration 2.
    assert!(loss::summary(&diverged).contains("diverged at iteration 2"));
}

#[test]
fn a_log_axis_under_a_decade_still_has_labelled_ticks() {
    use stride::charts::{linear_ticks, log_ticks};
    // Over several decades: the powers of ten.
    assert_eq!(log_ticks(0.001, 20.0), [0.001, 0.01, 0.1, 1.0, 10.0]);
    // Less than a decade: 1, 2, 5 or finer, never fewer than three ticks.
    for (lo, hi) in [(0.2, 0.9), (0.31, 0.62), (0.0046, 0.0052), (3.1, 3.3)] {
        let ticks = log_ticks(lo, hi);
        assert!(ticks.len() >= 2, "{lo}..{hi}: {ticks:?}");
        assert!(
            ticks.iter().all(|t| (lo..=hi).contains(t)),
            "{lo}..{hi}: {ticks:?}"
        );
    }
    assert!(log_ticks(0.2, 0.9).len() >= 3);
    // An axis of values labels its top decade where the data reach well into it: a loss of
    // 4.5 read against a top label of 1.
    use stride::charts::{log_value_ticks, plot_height};
    // The page's loss chart, 300 pixels tall.
    let px = plot_height(300, 36);
    assert_eq!(log_value_ticks(0.0068, 9.05, px), [0.01, 0.1, 1.0, 5.0]);
    assert_eq!(log_value_ticks(0.0068, 3.5, px), [0.01, 0.1, 1.0, 2.0]);
    assert_eq!(log_value_ticks(0.0068, 2.5, px), [0.01, 0.1, 1.0]);
    assert_eq!(log_value_ticks(0.2, 0.9, px), log_ticks(0.2, 0.9));
    // Over six decades a 2 would sit a third of a decade, a few pixels, above its 1: the momentum
    // lesson's diverging run drew "2e4" on "1e4".
    assert_eq!(
        log_value_ticks(0.0068, 3.1e4, px),
        [0.01, 0.1, 1.0, 10.0, 100.0, 1e3, 1e4]
    );
    assert_eq!(
        *log_value_ticks(0.0068, 6e4, px).last().expect("ticks"),
        5e4
    );
    // On presenter mode's short chart the same 2 would touch its 1 (step 6's loss, 0.007 to
    // 3): there it goes, and on the page it stays.
    assert_eq!(
        log_value_ticks(0.0068, 3.5, plot_height(170, 36)),
        [0.01, 0.1, 1.0]
    );
    // Nor on the schedule's chart, 235 pixels tall, with the fine-tuning lesson's rates of
    // 0.003 and 3, where a student read the 2, 17 px above the 1, as squashed into it.
    assert_eq!(
        log_value_ticks(0.0025, 3.3, plot_height(235, 36)),
        [0.01, 0.1, 1.0]
    );
    assert_eq!(linear_ticks(0.0, 1.0, 4), [0.0, 0.5, 1.0]);
    // And the loss chart draws them: a curve between 0.31 and 0.62 gets labels.
    let svg = loss_svg(
        &LossChart {
            series: vec![one_series(&[0.62, 0.5, 0.41, 0.35, 0.31], None)],
            steps: 5,
            epochs: false,
            floor: None,
            start: None,
            cursor: None,
        },
        true,
    );
    let labels = svg.matches("<text").count();
    // Three y ticks at least, three x ticks at least (one per 60 pixels of the plot), two titles.
    assert!(
        labels >= 3 + 3 + 2,
        "x and y tick labels and titles: {labels}"
    );
    assert!(svg.contains("\n0.3\n") && svg.contains("\n0.5\n"), "{svg}");
}

#[test]
fn a_tick_that_is_zero_but_for_rounding_reads_zero() {
    assert_eq!(stride::charts::fmt_tick(-1.1102230246251565e-16), "0");
    assert_eq!(stride::charts::fmt_tick(-0.2), "-0.2");
    assert_eq!(stride::charts::fmt_tick(3e-4), "3e-4");
}

#[test]
fn the_gradient_chart_draws_each_run_and_the_threshold_and_says_how_often_it_clipped() {
    use stride::charts::grad::{self, GradChart, GradSeries};
    let series = |label: &str, color, norms: Vec<f32>, clip| GradSeries {
        label: label.into(),
        color,
        norms,
        stride: 1,
        clip,
    };
    let chart = GradChart {
        series: vec![
            series(
                "clipped",
                palette::BLUE,
                vec![5.0, 20.0, 40.0, 8.0],
                Some(10.0),
            ),
            series("free", palette::ORANGE, vec![1.0, 2.0, 3.0, 4.0], None),
        ],
        steps: 4,
    };
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (W, 200)).into_drawing_area();
        grad::draw(&area, &chart, &stride::charts::LIGHT).expect("draws");
    }
    assert_eq!(polyline_points(&svg, &hex(palette::BLUE)).len(), 1);
    assert_eq!(polyline_points(&svg, &hex(palette::ORANGE)).len(), 1);
    let text = grad::summary(&chart);
    assert!(
        text.contains("Clipped: median 20, largest 40, 50 % of them above 10"),
        "{text}"
    );
    assert!(text.contains("free: median 3, largest 4"), "{text}");
    assert!(
        !text.contains("free: median 3, largest 4,"),
        "no clipping on the free run: {text}"
    );
}

#[test]
fn the_biases_warmup_is_drawn_whole_on_every_task() {
    use std::rc::Rc;
    use stride::state::scene::ScheduleView;
    use stride::state::{Config, DecayKind, Task};
    for task in Task::ALL {
        // Ultralytics' defaults: the biases start warmup at 0.1, ten times lr0.
        let config = Config {
            task,
            lr0: 0.01,
            warmup_epochs: 3.0,
            warmup_bias_lr: 0.1,
            decay: DecayKind::Linear,
            epochs: 10,
            batch: 16,
            ..Config::default()
        };
        let p = Rc::new(plan::preview(&config));
        let view = ScheduleView::build(&config, config.lr0, p.clone(), Vec::new(), None, None);
        assert!(
            view.log_y,
            "{task:?}: the weights would be squashed under the biases"
        );
        let scene = ScheduleScene {
            settings: &p.points,
            total: p.total,
            warmup: view.warmup,
            references: &[],
            cursor: None,
            log_y: view.log_y,
            logged: &[],
            groups: &[],
            per_epoch: None,
        };
        let (lo, top) = schedule::y_range(&scene);
        assert!(
            top >= 0.1,
            "{task:?}: the axis ends at {top}, under warmup_bias_lr"
        );
        let low = p
            .points
            .iter()
            .map(|(_, s)| s.lr_weight)
            // Warmup starts the weights at 0, which a log axis cannot show.
            .filter(|v| *v > 0.0)
            .fold(1.0, f64::min);
        assert!(
            lo <= low.max(top * 1e-4),
            "{task:?}: {lo} hides the weights' end {low}"
        );
        // Without warmup the biases follow the weights and the axis stays linear.
        let flat = Config {
            warmup_epochs: 0.0,
            ..config
        };
        let q = Rc::new(plan::preview(&flat));
        assert!(
            !ScheduleView::build(&flat, flat.lr0, q, Vec::new(), None, None).log_y,
            "{task:?}"
        );
    }
}

/// A small loss chart (a projector's 1280×720, zoomed) labels fewer iterations, so that
/// "1,000" and "1,500" no longer run together: at most one label per 60 pixels of the plot.
#[test]
fn a_narrow_time_axis_spaces_its_labels() {
    let chart = LossChart {
        series: vec![one_series(&vec![0.5; 2000], None)],
        steps: 2000,
        epochs: false,
        floor: None,
        start: None,
        cursor: None,
    };
    let count = |w: u32| {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (w, 200)).into_drawing_area();
            loss::draw(&area, &chart, false, &stride::charts::LIGHT).expect("loss draws");
        }
        ["500", "1,000", "1,500", "2,000"]
            .iter()
            .filter(|t| svg.contains(&format!(">{t}<")) || svg.contains(&format!("\n{t}\n")))
            .count()
    };
    assert!(count(W) >= 3, "a wide chart labels 500, 1,000, 1,500");
    assert!(count(200) <= 2, "a narrow one fewer: {}", count(200));
}

/// A loss that blows up is labelled on its axis in at most five characters, in powers of ten
/// from 10,000 up, so the labels keep clear of the axis's title beside them (a phone showed
/// "100000" running into "loss (log scale)"); rates and small losses keep their decimals.
#[test]
fn a_blown_up_loss_axis_keeps_its_labels_short() {
    let losses: Vec<f32> = (0..40).map(|k| 10f32.powf(k as f32 / 4.0 - 1.0)).collect();
    for log_y in [true, false] {
        let svg = loss_svg(
            &LossChart {
                series: vec![one_series(&losses, Some(39))],
                steps: 40,
                epochs: false,
                floor: None,
                start: None,
                cursor: None,
            },
            log_y,
        );
        let labels: Vec<String> = svg
            .split("<text")
            .skip(1)
            .filter_map(|t| {
                t.split_once('>')
                    .map(|(_, r)| r.split("</text>").next().unwrap_or("").trim().to_string())
            })
            .filter(|t| t.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .collect();
        assert!(
            labels.iter().any(|l| l.contains("e")),
            "powers of ten: {labels:?}"
        );
        assert!(labels.iter().all(|l| l.chars().count() <= 5), "{labels:?}");
    }
    assert_eq!(stride::charts::fmt_value(1e5), "1e5");
    assert_eq!(stride::charts::fmt_value(25_000.0), "2.5e4");
    assert_eq!(stride::charts::fmt_value(9_990.0), "9990");
    assert_eq!(stride::charts::fmt_value(0.002), "0.002");
}

/// Plain SGD's momentum is 0 throughout: the schedule draws no momentum line or axis for it,
/// and says nothing of it; with momentum, both are back.
#[test]
fn a_schedule_without_momentum_draws_no_momentum() {
    let draw = |config: &stride::state::Config| {
        let settings = plan::preview(config);
        (
            schedule::has_momentum(&settings.points),
            schedule_svg(&settings),
        )
    };
    let (has, svg) = draw(&stride::state::Config::default());
    assert!(!has && !svg.contains("momentum") && !svg.contains(&hex(palette::PURPLE)));
    let (has, svg) = draw(&Preset::Momentum.config());
    assert!(has && svg.contains("momentum") && svg.contains(&hex(palette::PURPLE)));
}

/// Where its owner gives no start (a pinned run's), a minibatch run's caption starts from its
/// first epoch's mean, not from one lucky minibatch: a pretrained run whose every epoch fell
/// read "the loss rose from 0.014 (first step)".
#[test]
fn a_minibatch_caption_starts_from_the_first_epochs_mean() {
    // Four minibatches an epoch, the first one lucky; each epoch's mean lower than the last.
    let raw: Vec<f32> = (0..40)
        .map(|k| {
            let epoch = (k / 4) as f32;
            let wobble = [0.35f32, 1.0, 2.2, 1.2][k % 4];
            0.04 * (1.0 - 0.02 * epoch) * wobble
        })
        .collect();
    let series = Series {
        per_epoch: 4,
        start: None,
        ..one_series(&raw, None)
    };
    let text = loss::summary(&LossChart {
        series: vec![series],
        steps: 40,
        epochs: false,
        floor: None,
        start: None,
        cursor: None,
    });
    assert!(
        text.starts_with("The loss fell from") && text.contains("(first epoch's mean)"),
        "{text}"
    );
}

/// The schedule's axis runs to the run's last iteration, as the loss chart's above it does: on
/// a 100-iteration run both are labelled up to 100 (the schedule stopped at 80).
#[test]
fn the_schedule_axis_ends_where_the_loss_axis_ends() {
    let config = stride::state::Config::default();
    let p = plan::preview(&config);
    assert_eq!(p.total, 100);
    let svg = schedule_svg(&p);
    assert!(svg.contains(">\n100\n</text>"), "a 100 label on the axis");
}

/// A long run's validation triangles are thinned to at most 25, evenly, keeping the last
/// epoch's; a short run keeps each epoch's.
#[test]
fn validation_triangles_are_thinned_on_long_runs() {
    use stride::charts::loss::{VAL_MARKS, val_marks};
    let val: Vec<(usize, f64)> = (1..=100).map(|e| (e * 25, 1.0 / e as f64)).collect();
    let kept: Vec<usize> = val_marks(&val).map(|v| v.0).collect();
    assert!(
        kept.len() <= VAL_MARKS && kept.len() >= VAL_MARKS - 1,
        "{kept:?}"
    );
    assert_eq!(kept.last(), Some(&2500));
    let gaps: Vec<usize> = kept.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps.iter().all(|&g| g == gaps[0]), "{gaps:?}");
    let short: Vec<(usize, f64)> = val[..10].to_vec();
    assert_eq!(val_marks(&short).count(), 10);
}

/// Where one run's current point sits on another's start (fine-tuning's small rate hardly
/// moves) or on the minimum, neither marker hides the other: every start ring is painted
/// after every path and the minimum's cross, and every current point, smaller, after them.
#[test]
fn a_current_point_on_a_start_or_the_minimum_shows_inside_it() {
    let valley = Valley::new(0, 1.0);
    let moving = valley.descend(0.05, 40);
    let to_f64 = |d: &Descent| -> Vec<(f64, f64)> {
        d.path
            .iter()
            .map(|&(w, b)| (f64::from(w), f64::from(b)))
            .collect()
    };
    let start = to_f64(&moving)[0];
    let layers = [
        PathLayer {
            path: to_f64(&moving),
            color: palette::ORANGE,
            ghost: false,
        },
        // Still at the start.
        PathLayer {
            path: vec![start, start],
            color: palette::BLUE,
            ghost: false,
        },
    ];
    let backdrop = Backdrop::new(valley.grid(), valley.min_loss, 12, ("w", "b"));
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (W, W)).into_drawing_area();
        landscape::draw(
            &area,
            &backdrop,
            &layers,
            Some(valley.minimum),
            None,
            &stride::charts::LIGHT,
        )
        .expect("landscape draws");
    }
    // Paint order is document order: (element index, radius, fill) of each circle.
    let elements: Vec<&str> = svg.split('<').collect();
    let attr = |e: &str, name: &str| -> Option<String> {
        let key = format!("{name}=\"");
        let start = e.find(&key)? + key.len();
        Some(e[start..start + e[start..].find('"')?].to_string())
    };
    let circles: Vec<(usize, String, String)> = elements
        .iter()
        .enumerate()
        .filter(|(_, e)| e.starts_with("circle"))
        .map(|(k, e)| {
            (
                k,
                attr(e, "r").unwrap_or_default(),
                attr(e, "fill").unwrap_or_default(),
            )
        })
        .collect();
    let white = hex(WHITE);
    let starts: Vec<usize> = circles
        .iter()
        .filter(|(_, r, f)| r == "7" && *f == white)
        .map(|c| c.0)
        .collect();
    let nows: Vec<usize> = circles
        .iter()
        .filter(|(_, r, f)| r == "5" && (*f == hex(palette::ORANGE) || *f == hex(palette::BLUE)))
        .map(|c| c.0)
        .collect();
    assert_eq!((starts.len(), nows.len()), (2, 2), "{circles:?}");
    let last_line = elements
        .iter()
        .rposition(|e| e.starts_with("polyline") || e.starts_with("line"))
        .expect("paths and the cross");
    assert!(
        starts.iter().all(|&s| s > last_line)
            && nows
                .iter()
                .all(|&n| n > *starts.iter().max().expect("starts")),
        "lines ≤ {last_line}, starts {starts:?}, nows {nows:?}"
    );
}

#[test]
fn an_empty_loss_chart_says_what_will_appear_and_a_drawn_one_does_not() {
    let empty = LossChart {
        series: vec![one_series(&[], None)],
        steps: 100,
        epochs: false,
        floor: Some(0.01),
        start: None,
        cursor: None,
    };
    for log_y in [true, false] {
        assert!(loss_svg(&empty, log_y).contains(loss::EMPTY_NOTE));
    }
    let drawn = LossChart {
        series: vec![one_series(&[1.0, 0.5, 0.25], None)],
        ..empty
    };
    assert!(!loss_svg(&drawn, true).contains(loss::EMPTY_NOTE));
    // On a narrow chart (presenter mode on a phone) it takes two lines inside the plot, not one
    // across its axes.
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (200, 160)).into_drawing_area();
        loss::draw(&area, &empty, true, &stride::charts::LIGHT).expect("loss draws");
    }
    let (first, second) = loss::EMPTY_NOTE.split_once(" as ").expect("two halves");
    assert!(
        !svg.contains(loss::EMPTY_NOTE),
        "one line on a narrow chart"
    );
    assert!(
        svg.contains(&format!(">\n{first}\n<")) && svg.contains(&format!(">\nas {second}\n<")),
        "{svg}"
    );
}

/// A validation loss far below the smoothed line says why, and one near it does not.
#[test]
fn a_validation_loss_far_below_the_line_says_why() {
    let raw = [1.0f32, 0.6, 0.5, 0.4, 0.4, 0.4];
    let chart = |val: f64| LossChart {
        series: vec![Series {
            val: vec![(6, val)],
            ..one_series(&raw, None)
        }],
        steps: 6,
        epochs: false,
        floor: None,
        start: None,
        cursor: None,
    };
    let why = "lower than the line, which averages the minibatches' losses";
    let far = loss::summary(&chart(0.001));
    assert!(
        far.contains("validation loss 0.001") && far.contains(why),
        "{far}"
    );
    let near = loss::summary(&chart(0.45));
    let above = "higher than the line, as the model fits the points it trains on better";
    assert!(
        near.contains("validation loss") && !near.contains(why) && !near.contains(above),
        "{near}"
    );
    // Far above it, it says what the gap is: a student watched the triangles stay near 0.18
    // while the line fell to 0.084, nothing said.
    let high = loss::summary(&chart(0.9));
    assert!(
        high.contains("validation loss 0.9") && high.contains(above),
        "{high}"
    );
}

/// The finder chart draws in ink the part of the curve fast.ai's suggestions read and its ends
/// faded, one unbroken line: a student found the page's "lowest" (fast.ai's) away from the
/// curve's own lowest point, which lay in the last minibatches fast.ai leaves out. No pick's
/// line shares the curve's colour: a student took the blue valley line for part of a blue curve.
#[test]
fn the_finder_chart_fades_the_ends_fast_ai_leaves_out() {
    use stride::charts::finder::{self, FinderScene, SUGGESTION_COLORS};
    let curve: Vec<(f64, f64)> = (0..100)
        .map(|k| {
            let lr = 1e-7 * 10f64.powf(k as f64 * 8.0 / 99.0);
            (
                lr,
                6.0 - (k as f64 / 20.0).min(3.0) + if k > 96 { 0.5 } else { 0.0 },
            )
        })
        .collect();
    let read = stride::engine::lr_finder::read_window(curve.len(), 100);
    assert_eq!(read, (10, 95));
    let ink = stride::charts::LIGHT.ink;
    assert!(!SUGGESTION_COLORS.contains(&ink));
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (560, 260)).into_drawing_area();
        let scene = FinderScene {
            curve: curve.clone(),
            suggestions: &[("valley", 1e-3), ("steep", 1e-4)],
            lr0: 0.1,
            read,
        };
        finder::draw(&area, &scene, &stride::charts::LIGHT).expect("draws");
    }
    // The ink polylines: the read part in full ink, and the faded ends.
    let curve_lines: Vec<usize> = polyline_points(&svg, &hex(ink))
        .into_iter()
        .map(|p| p.split_whitespace().count())
        .filter(|&n| n > 2)
        .collect();
    assert_eq!(
        curve_lines,
        vec![11, 6, 85],
        "the read part drawn last, over its ends"
    );
    for c in ["valley", "steep"].map(finder::suggestion_color) {
        let lines = polyline_points(&svg, &hex(c));
        assert_eq!(lines.len(), 1, "one line per pick: {lines:?}");
        assert_eq!(lines[0].split_whitespace().count(), 2);
    }
    let faded: Vec<usize> = polylines_with(&svg, "opacity=\"0.35\"")
        .iter()
        .map(|points| points.split_whitespace().count())
        .collect();
    assert_eq!(
        faded,
        vec![11, 6],
        "the first tenth and the last five, each joined to the read part"
    );
}

/// Before a question is answered the line's run is computed but not shown: the empty loss axis
/// already spans its first loss, so the chart waits at the scale the run will need (a student
/// met 0.01 to 0.1 before a run that started at 6), and says nothing else of the run.
#[test]
fn an_empty_loss_axis_spans_the_first_loss_it_will_draw() {
    use stride::charts::loss::y_range;
    use stride::state::runs::session::Session;
    use stride::state::scene::SceneCache;
    use stride::state::{Scene, parse_query};
    for query in ["course=1", "course=2", "preset=momentum"] {
        let (config, _) = parse_query(query);
        let s = Session::for_config(&config);
        let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
        assert!(
            scene.loss.series.iter().all(|l| l.raw.is_empty()),
            "{query}: nothing drawn yet"
        );
        let first = f64::from(s.slots[0].run.record_at(0).expect("computed at once").loss);
        for log in [true, false] {
            let (lo, hi) = y_range(&scene.loss, log);
            assert!(
                lo <= first && first <= hi,
                "{query}: {first} outside {lo}..{hi}"
            );
        }
    }
}

/// A narrow axis of rates over many decades labels every other decade from its first, so no two
/// labels run together on a phone; a wide one, or a short span's 1-2-5 ticks, label every tick.
#[test]
fn a_narrow_rate_axis_labels_every_other_decade() {
    use stride::charts::{log_ticks, rate_label};
    let ticks = log_ticks(1e-5, 10.0);
    let narrow: Vec<String> = ticks.iter().map(rate_label(1e-5, 10.0, 330)).collect();
    assert_eq!(narrow, ["1e-5", "", "0.001", "", "0.1", "", "10"]);
    let wide: Vec<String> = ticks.iter().map(rate_label(1e-5, 10.0, 560)).collect();
    assert!(wide.iter().all(|l| !l.is_empty()), "{wide:?}");
    // A sweep's padded axis starts between decades: its first whole decade is labelled.
    let padded: Vec<String> = log_ticks(8e-6, 12.0)
        .iter()
        .map(rate_label(8e-6, 12.0, 330))
        .collect();
    assert_eq!(padded.first().map(String::as_str), Some("1e-5"));
    let short = log_ticks(0.01, 0.5);
    assert!(
        short
            .iter()
            .map(rate_label(0.01, 0.5, 330))
            .all(|l| !l.is_empty()),
        "{short:?}"
    );
}

/// A sentence opened with a parameter's name keeps the name's case ("lr is far below…", not
/// "Lr"); a word opens with a capital.
#[test]
fn a_parameters_name_keeps_its_case_at_a_sentences_start() {
    use stride::charts::capitalised;
    assert_eq!(capitalised("lr is far below"), "lr is far below");
    assert_eq!(capitalised("lr0 0.22 is above"), "lr0 0.22 is above");
    assert_eq!(capitalised("warmup_epochs 3"), "warmup_epochs 3");
    assert_eq!(
        capitalised("optimizer=auto ignores lr0"),
        "optimizer=auto ignores lr0"
    );
    assert_eq!(capitalised("each step overshot"), "Each step overshot");
    assert_eq!(capitalised("momentum carries"), "Momentum carries");
    assert_eq!(capitalised(""), "");
}

/// A run that diverged starts its caption where one that did not starts it, and says where: the
/// whole training set's loss before training, not the first minibatch's (a YOLO user met "rose
/// from 7.13" beside "fell from 6.03" on the next run, for one start).
#[test]
fn a_diverged_caption_starts_where_the_others_do() {
    let caption = |query: &str| {
        let s = crate::common::finished(&stride::state::parse_query(query).0);
        let scene =
            stride::state::Scene::build(&s, &mut stride::state::scene::SceneCache::default(), 0.0);
        loss::summary(&scene.loss)
    };
    let fell = caption("batch=16&lr0=0.02&epochs=5");
    let rose = caption("batch=16&lr0=2&epochs=5");
    assert!(rose.contains("run diverged"), "{rose}");
    let start = |text: &str, verb: &str| {
        text.split(verb)
            .nth(1)
            .and_then(|t| t.split(" to ").next())
            .map(str::to_string)
            .unwrap_or_else(|| panic!("{text}"))
    };
    assert_eq!(start(&fell, "fell from "), start(&rose, "rose from "));
    assert!(start(&rose, "rose from ").contains('('), "{rose}");
}

/// Where the time cursor crosses a run, the loss chart writes the run's loss there, in its own
/// colour: a student hovered the chart and found only a grey line. On an axis in epochs each
/// run is read at the same epoch, whatever its minibatches per epoch; without a cursor, no
/// number is written.
#[test]
fn the_loss_chart_writes_each_runs_loss_at_the_cursor() {
    let valley = Valley::new(0, 1.0);
    let a = Series {
        per_epoch: 4,
        ..one_series(&valley.descend(0.05, 40).losses, None)
    };
    let b = Series {
        color: palette::ORANGE,
        smooth: None,
        ..one_series(&valley.descend(0.2, 10).losses, None)
    };
    let scene = LossChart {
        series: vec![a.clone(), b.clone()],
        steps: 40,
        epochs: true,
        floor: None,
        start: None,
        cursor: Some(19),
    };
    let svg = loss_svg(&scene, true);
    // Iteration 19 of a run of 4 a epoch ends epoch 5: the other run's 5th full-batch step.
    let text_in = |color: RGBColor, value: f64| {
        let label = format!("\n{}\n", stride::engine::stability::fmt_loss(value));
        svg.split("<text")
            .any(|t| t.contains(&label) && t.contains(&hex(color)))
    };
    let at_a = a.smooth.as_ref().expect("smoothed")[19];
    let at_b = f64::from(b.raw[4]);
    assert!(text_in(palette::BLUE, at_a), "{at_a} in {svg}");
    assert!(text_in(palette::ORANGE, at_b), "{at_b}");
    // Not at its own iteration 9, another moment.
    let later = f64::from(b.raw[9]);
    assert!(
        stride::engine::stability::fmt_loss(later) != stride::engine::stability::fmt_loss(at_b)
            && !text_in(palette::ORANGE, later)
    );
    let none = loss_svg(
        &LossChart {
            cursor: None,
            ..scene.clone()
        },
        true,
    );
    let label = format!("\n{}\n", stride::engine::stability::fmt_loss(at_a));
    assert!(
        svg.contains(&label) && !none.contains(&label),
        "no number without a cursor"
    );
    // The moment is written at the line's top, in the axis's unit.
    assert!(svg.contains("\nepoch 5\n") && !none.contains("\nepoch 5\n"));
    // Two runs crossing the cursor at one loss: their numbers are a line apart, not one on
    // the other (a student met "0.101" written over "0.106").
    let twin = LossChart {
        series: vec![
            one_series(&valley.descend(0.05, 40).losses, None),
            Series {
                color: palette::ORANGE,
                ..one_series(&valley.descend(0.05, 40).losses, None)
            },
        ],
        epochs: false,
        cursor: Some(20),
        ..scene.clone()
    };
    let svg = loss_svg(&twin, true);
    let y_of = |color: RGBColor| -> i32 {
        svg.split("<text")
            .map(|t| t.split("</text>").next().unwrap_or(t))
            .find(|t| t.contains(&format!("fill=\"{}\"", hex(color))))
            .and_then(|t| t.split("y=\"").nth(1))
            .and_then(|t| t.split('"').next())
            .and_then(|t| t.parse().ok())
            .expect("a number in the run's colour")
    };
    let gap = (y_of(palette::BLUE) - y_of(palette::ORANGE)).abs();
    assert!(gap >= stride::charts::LABEL_PX as i32, "{gap}");
    assert!(
        svg.contains("\niteration 21\n"),
        "the cursor's iteration, counted from 1"
    );
    // A run crossing the cursor near the top keeps its number below the moment's words.
    let text_y = |svg: &str, pick: &dyn Fn(&str) -> bool| -> i32 {
        svg.split("<text")
            .map(|t| t.split("</text>").next().unwrap_or(t))
            .find(|t| pick(t))
            .and_then(|t| t.split("y=\"").nth(1))
            .and_then(|t| t.split('"').next())
            .and_then(|t| t.parse().ok())
            .expect("the text")
    };
    let start = LossChart {
        cursor: Some(0),
        ..twin.clone()
    };
    // On a linear axis the first loss sits just under the top.
    let svg = loss_svg(&start, false);
    let when = text_y(&svg, &|t| t.contains("\niteration 1\n"));
    let value = text_y(&svg, &|t| {
        t.contains(&format!("fill=\"{}\"", hex(palette::BLUE)))
    });
    assert!(
        value - when >= stride::charts::LABEL_PX as i32,
        "{when} then {value}"
    );
}
