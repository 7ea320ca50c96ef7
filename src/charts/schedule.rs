//! The learning-rate schedule: the rate of the weights and of the biases at every iteration,
//! momentum on a second axis, and the warmup shaded. Known before any training.

use plotters::chart::DualCoordChartContext;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::prelude::*;

use super::{
    Area, Colors, DrawResult, Frame, LABEL_PX, MARGIN, TITLE_PX, font, palette, time_mesh,
};
use crate::engine::schedule::Settings;
use crate::engine::stability::fmt_lr;

/// The data of the schedule chart.
#[derive(Clone, Debug)]
pub struct ScheduleScene<'a> {
    /// The settings, sampled: (iteration, settings), in order.
    pub settings: &'a [(usize, Settings)],
    /// Iterations in the run (the x axis).
    pub total: usize,
    /// Iterations of warmup (0 for none).
    pub warmup: usize,
    /// Other runs' schedules to compare with, each drawn dashed (weights only) in its colour.
    pub references: &'a [RefLine<'a>],
    /// The shared time cursor.
    pub cursor: Option<usize>,
    /// A logarithmic rate axis, on which every ÷10 is the same step down.
    pub log_y: bool,
    /// Weights' rates a run logged (Stride's own CSV), as (iteration, rate): crosses.
    pub logged: &'a [(usize, f64)],
    /// Every rate group a results.csv logged, each with its own marker.
    pub groups: &'a [LoggedGroup],
    /// Iterations per epoch, where the axis counts epochs, as the loss chart beside it does
    /// (runs whose batches differ): a student met "epoch" on one axis and "iteration 0–210" on
    /// the other, one above the other.
    pub per_epoch: Option<usize>,
}

impl ScheduleScene<'_> {
    /// Iterations per unit of the x axis: 1, or an epoch's.
    fn scale(&self) -> f64 {
        self.per_epoch.map_or(1.0, |nb| nb.max(1) as f64)
    }
}

/// Another run's schedule on the chart.
#[derive(Clone, Debug)]
pub struct RefLine<'a> {
    /// Its settings, sampled: (iteration, settings), in order.
    pub settings: &'a [(usize, Settings)],
    /// Its colour.
    pub color: RGBColor,
    /// Its own iterations per epoch, which place it where the axis counts epochs.
    pub per_epoch: usize,
}

/// One logged rate column of a results.csv, placed on iterations.
#[derive(Clone, Debug, PartialEq)]
pub struct LoggedGroup {
    /// Its column (`lr/pg0`, `x/lr2`, …) and what it holds.
    pub label: String,
    /// (iteration, rate) at each epoch's end.
    pub points: Vec<(usize, f64)>,
    /// Whether it is the biases' group (drawn in the biases' colour).
    pub bias: bool,
}

/// The marker of the k-th logged group: a cross, a circle, a triangle.
pub const GROUP_MARKERS: [&str; 3] = ["×", "○", "△"];

/// Left and right padding of the plot inside the canvas, in pixels (margin plus label areas),
/// for mapping the pointer to an iteration.
pub const PAD: (f64, f64) = (MARGIN as f64 + 60.0, MARGIN as f64 + 48.0);

/// Draws the schedule.
pub fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    scene: &ScheduleScene,
    colors: &Colors,
) -> DrawResult<DB> {
    area.fill(&colors.paper)?;
    // The x axis spans the run's iterations, not the points: a long run's are a sample.
    let n = scene
        .total
        .max(scene.settings.last().map_or(0, |(k, _)| k + 1))
        .max(2);
    let n = n.max(logged(scene).map(|(k, _)| k + 1).max().unwrap_or(0));
    let (lo, top) = y_range(scene);
    let builder = |area| {
        let mut b = ChartBuilder::on(area);
        b.margin(MARGIN)
            .x_label_area_size(36)
            .y_label_area_size(60)
            .right_y_label_area_size(48);
        b
    };
    // To n, as the loss chart's axis runs to its last iteration: ending at n − 1, the axis
    // stopped labelling at 80 under a loss chart labelled to 100.
    let (x0, x1) = super::finite_range(0.0, n as f64 / scene.scale());
    let x = x0..x1;
    if scene.log_y {
        let y = (lo..top)
            .log_scale()
            .with_key_points(super::log_value_ticks(
                lo,
                top,
                super::plot_height(area.dim_in_pixel().1, 36),
            ));
        let chart = builder(area)
            .build_cartesian_2d(x.clone(), y)?
            .set_secondary_coord(x, 0f64..1.0f64);
        // Short: a long title was cut off along the axis of a short chart (an embed, a phone).
        body(chart, scene, lo, top, "lr (log scale)", colors)?;
    } else {
        let chart = builder(area)
            .build_cartesian_2d(x.clone(), 0f64..top)?
            .set_secondary_coord(x, 0f64..1.0f64);
        body(chart, scene, 0.0, top, "learning rate", colors)?;
    }
    area.present()
}

/// The rate axis, (bottom, top): every rate drawn fits, the biases' warmup from
/// `warmup_bias_lr` included, so its line is drawn whole rather than cut flat at the top (with
/// Ultralytics' defaults it starts ten times above lr0, which is why the page then draws a log
/// axis). On a log axis the bottom is the smallest positive rate, no lower than four decades
/// below the top: warmup starts the weights at 0, which a log axis cannot show.
pub fn y_range(scene: &ScheduleScene) -> (f64, f64) {
    let rates = || {
        scene
            .settings
            .iter()
            .flat_map(|(_, s)| [s.lr_weight, s.lr_bias])
            .chain(
                scene
                    .references
                    .iter()
                    .flat_map(|r| r.settings.iter().map(|(_, s)| s.lr_weight)),
            )
            .chain(logged(scene).map(|(_, v)| v))
            .filter(|v| v.is_finite())
    };
    let lr_max = rates().fold(0.0f64, f64::max);
    let top = if lr_max > 0.0 { lr_max * 1.08 } else { 1.0 };
    // 1.7e308 × 1.08 is infinite: the guard keeps the axis finite whatever the rates are.
    let top = super::finite_range(0.0, top).1;
    if !scene.log_y {
        return (0.0, top);
    }
    let lo = rates()
        .filter(|v| *v > 0.0)
        .fold(top, f64::min)
        .max(top * 1e-4)
        / 1.5;
    super::finite_log_range(lo, top)
}

/// Every logged point, of Stride's CSV and of each results.csv group.
fn logged<'s>(scene: &'s ScheduleScene) -> impl Iterator<Item = (usize, f64)> + 's {
    scene
        .logged
        .iter()
        .copied()
        .chain(scene.groups.iter().flat_map(|g| g.points.iter().copied()))
}

type Linear = plotters::coord::types::RangedCoordf64;

fn body<DB: DrawingBackend, Y: Ranged<ValueType = f64> + ValueFormatter<f64>>(
    mut chart: DualCoordChartContext<'_, DB, Cartesian2d<Linear, Y>, Cartesian2d<Linear, Linear>>,
    scene: &ScheduleScene,
    lo: f64,
    top: f64,
    y_desc: &str,
    colors: &Colors,
) -> DrawResult<DB> {
    let scale = scene.scale();
    let x_desc = if scene.per_epoch.is_some() {
        "epoch"
    } else {
        "iteration"
    };
    time_mesh(&mut chart, x_desc, y_desc, colors)?;
    let momentum = has_momentum(scene.settings);
    if momentum {
        chart
            .configure_secondary_axes()
            .frame(colors)
            .y_labels(6)
            .y_desc("momentum")
            // In the momentum line's colour, which tells the two axes apart.
            .label_style(font(LABEL_PX, &palette::PURPLE))
            .axis_desc_style(font(TITLE_PX, &palette::PURPLE))
            .draw()?;
    }

    if scene.warmup > 0 {
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, lo), (scene.warmup as f64 / scale, top)],
            palette::ORANGE.mix(0.12).filled(),
        )))?;
    }
    // Rates below the axis (a warmup's 0 on a log axis) are drawn at its floor.
    let line = |f: fn(&Settings) -> f64| {
        scene
            .settings
            .iter()
            .map(move |(k, s)| (*k as f64 / scale, f(s).max(lo)))
    };
    for r in scene.references {
        // Each run by its own epochs, where the axis counts them.
        let per = if scene.per_epoch.is_some() {
            r.per_epoch.max(1) as f64
        } else {
            1.0
        };
        chart.draw_series(DashedLineSeries::new(
            r.settings
                .iter()
                .map(|(k, s)| (*k as f64 / per, s.lr_weight.clamp(lo, top))),
            6,
            4,
            r.color.stroke_width(2),
        ))?;
    }
    if !same_rates(scene.settings) {
        chart.draw_series(LineSeries::new(
            scene
                .settings
                .iter()
                .map(|(k, s)| (*k as f64 / scale, s.lr_bias.clamp(lo, top))),
            palette::GREEN.stroke_width(2),
        ))?;
    }
    chart.draw_series(LineSeries::new(
        line(|s| s.lr_weight),
        palette::BLUE.stroke_width(2),
    ))?;
    if momentum {
        chart.draw_secondary_series(LineSeries::new(
            scene
                .settings
                .iter()
                .map(|(k, s)| (*k as f64 / scale, s.momentum)),
            palette::PURPLE.stroke_width(1),
        ))?;
    }
    chart.draw_series(scene.logged.iter().map(|(k, v)| {
        Cross::new(
            (*k as f64 / scale, v.clamp(lo, top)),
            5,
            colors.ink.stroke_width(2),
        )
    }))?;
    for (k, g) in scene.groups.iter().enumerate() {
        let color = if g.bias { palette::GREEN } else { colors.ink };
        let at = |(i, v): &(usize, f64)| (*i as f64 / scale, v.clamp(lo, top));
        match k % 3 {
            0 => chart.draw_series(
                g.points
                    .iter()
                    .map(|p| Cross::new(at(p), 5, color.stroke_width(2))),
            )?,
            1 => chart.draw_series(
                g.points
                    .iter()
                    .map(|p| Circle::new(at(p), 5, color.stroke_width(1))),
            )?,
            _ => chart.draw_series(
                g.points
                    .iter()
                    .map(|p| TriangleMarker::new(at(p), 6, color.stroke_width(1))),
            )?,
        };
    }
    // At the end of the iteration shown, where the loss chart draws it: step c's rate holds
    // over the iteration that ends at c + 1.
    if let Some(c) = scene.cursor {
        let x = (c + 1) as f64 / scale;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, lo), (x, top)],
            colors.ink.mix(0.5),
        )))?;
    }
    Ok(())
}

/// Whether the biases get the weights' rate at every iteration (no warmup, or none left), so
/// one line shows both.
pub fn same_rates(settings: &[(usize, Settings)]) -> bool {
    settings.iter().all(|(_, s)| s.lr_bias == s.lr_weight)
}

/// Whether the schedule has any momentum: plain SGD's flat 0 gets no line, axis or legend entry,
/// as the read-outs show no momentum for it (a second axis that never moves is one more thing
/// for a student to read).
pub fn has_momentum(settings: &[(usize, Settings)]) -> bool {
    settings.iter().any(|(_, s)| s.momentum != 0.0)
}

/// The chart in words.
pub fn summary(scene: &ScheduleScene) -> String {
    let (Some((_, first)), Some((_, last))) = (scene.settings.first(), scene.settings.last())
    else {
        return String::new();
    };
    let peak = scene
        .settings
        .iter()
        .map(|(_, s)| s.lr_weight)
        .fold(0.0f64, f64::max);
    // Under 100 the count is the newer rule's: a YOLO user on 8.3 counted 100 (spec §1.2).
    let rule = if scene.warmup < 100 {
        " (Ultralytics 8.4.103 on; earlier versions take at least 100)"
    } else {
        ""
    };
    let warm = if scene.warmup > 0 {
        format!(" Warmup takes the first {} iterations{rule}.", scene.warmup)
    } else {
        String::new()
    };
    format!(
        "Weights start at lr {}, peak at {} and end at {} after {} iterations; biases start at {}.{warm}",
        fmt_lr(first.lr_weight),
        fmt_lr(peak),
        fmt_lr(last.lr_weight),
        scene.total,
        fmt_lr(first.lr_bias)
    )
}
