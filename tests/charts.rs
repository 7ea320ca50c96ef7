//! Each chart drawn into an SVG string and read back.

use plotters::prelude::*;
use stride::charts::landscape::{self, Backdrop, PathLayer, level_spacing};
use stride::charts::loss::{self, LossScene};
use stride::charts::{clip_segment, palette};
use stride::engine::descent::{Descent, Outcome};
use stride::engine::valley::{GRID_POINTS, Valley};

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
        landscape::draw(
            &area,
            &backdrop,
            PathLayer {
                path: &run.path,
                minimum: Some(valley.minimum),
            },
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
    // One orange segment per step, and a dot per point.
    let segments = svg
        .matches(&format!(
            "<polyline fill=\"none\" opacity=\"1\" stroke=\"{orange}\""
        ))
        .count();
    assert_eq!(segments, 100, "path segments");
    let dots = attrs(&svg, "circle", "fill")
        .iter()
        .filter(|f| **f == orange)
        .count();
    assert_eq!(dots, 101);
    // Contours are drawn in translucent white.
    assert!(svg.matches("opacity=\"0.55\" stroke=\"#FFFFFF\"").count() >= 8);
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

fn loss_svg(scene: LossScene) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (W, 300)).into_drawing_area();
        loss::draw(&area, scene).expect("loss draws");
    }
    svg
}

#[test]
fn loss_chart_draws_every_step_the_floor_and_marks_divergence() {
    let valley = Valley::new(0, 1.0);
    let run = valley.descend(0.1, 100);
    let svg = loss_svg(LossScene {
        losses: &run.losses,
        steps: 100,
        floor: Some(valley.min_loss),
        diverged_at: None,
    });
    let blue = hex(palette::BLUE);
    let curve = svg
        .split('<')
        .find(|e| e.starts_with("polyline") && e.contains(&blue))
        .expect("loss curve");
    let points = curve
        .split("points=\"")
        .nth(1)
        .expect("points")
        .split('"')
        .next()
        .expect("end");
    assert_eq!(points.split_whitespace().count(), 101);
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
    let svg = loss_svg(LossScene {
        losses: &run.losses,
        steps: 100,
        floor: Some(valley.min_loss),
        diverged_at: Some(step),
    });
    assert!(svg.contains(&hex(palette::VERMILLION)), "divergence marker");
}

#[test]
fn a_log_axis_survives_zero_and_non_finite_losses() {
    let losses = [1.0f32, 0.0, f32::NAN, f32::INFINITY, 0.5];
    let svg = loss_svg(LossScene {
        losses: &losses,
        steps: 4,
        floor: None,
        diverged_at: Some(3),
    });
    assert!(svg.contains("<polyline"));
    let (lo, hi) = loss::y_range(&LossScene {
        losses: &[f32::NAN],
        steps: 1,
        floor: None,
        diverged_at: None,
    });
    assert!(lo > 0.0 && hi > lo);
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
    let text = landscape::summary(
        PathLayer {
            path: &run.path,
            minimum: Some(valley.minimum),
        },
        &run.losses,
    );
    assert!(
        text.contains("100 steps") && text.contains("(w -1.00, b 0.00)"),
        "{text}"
    );
    let text = loss::summary(LossScene {
        losses: &run.losses,
        steps: 100,
        floor: Some(valley.min_loss),
        diverged_at: None,
    });
    assert!(text.contains("in 100 steps"), "{text}");
    let text = loss::summary(LossScene {
        losses: &[1.0, 50.0],
        steps: 100,
        floor: None,
        diverged_at: Some(1),
    });
    assert!(text.contains("diverged at step 1"), "{text}");
}
