//! A results.csv's losses and metrics per epoch: the loss columns on the left axis (train
//! solid, validation dashed, one colour per kind of loss) and the metrics on the right, from
//! 0 to 1. Apart from the schedule, whose axis is a rate.

use plotters::prelude::*;

use super::{Area, Colors, DrawResult, Frame, LABEL_PX, MARGIN, TITLE_PX, font, palette};

/// What the results chart draws.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResultsChart {
    /// 1-based epochs of the rows.
    pub epochs: Vec<usize>,
    /// Loss columns (`train/box_loss`, `val/cls_loss`, …) with their values.
    pub losses: Vec<(String, Vec<f64>)>,
    /// Metric columns (precision, recall, mAP), between 0 and 1.
    pub metrics: Vec<(String, Vec<f64>)>,
}

/// Colours of the kinds of loss (box, cls, dfl, obj, other), Okabe–Ito.
const LOSS_COLORS: [RGBColor; 5] = [
    palette::BLUE,
    palette::VERMILLION,
    palette::GREEN,
    palette::ORANGE,
    palette::SKY,
];

/// Colours of the metrics, in order.
const METRIC_COLORS: [RGBColor; 4] = [
    palette::PURPLE,
    palette::GREY,
    palette::SKY,
    palette::ORANGE,
];

/// A loss column's colour and whether it is drawn dashed (validation).
pub fn loss_style(name: &str) -> (RGBColor, bool) {
    let kind = ["box", "cls", "dfl", "obj"]
        .iter()
        .position(|k| name.contains(k))
        .unwrap_or(4);
    (LOSS_COLORS[kind], name.starts_with("val"))
}

/// A metric column's colour.
pub fn metric_color(k: usize) -> RGBColor {
    METRIC_COLORS[k % METRIC_COLORS.len()]
}

/// Draws the chart; nothing when there are no rows.
pub fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    chart: &ResultsChart,
    colors: &Colors,
) -> DrawResult<DB> {
    area.fill(&colors.paper)?;
    let (Some(&first), Some(&last)) = (chart.epochs.first(), chart.epochs.last()) else {
        return Ok(());
    };
    let top = chart
        .losses
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let (_, top) = super::finite_range(0.0, if top > 0.0 { top * 1.08 } else { 1.0 });
    let (x0, x1) = super::finite_range(first as f64, (last as f64).max(first as f64 + 1.0));
    let mut c = ChartBuilder::on(area)
        .margin(MARGIN)
        .x_label_area_size(36)
        .y_label_area_size(52)
        .right_y_label_area_size(48)
        .build_cartesian_2d(x0..x1, 0f64..top)?
        .set_secondary_coord(x0..x1, 0f64..1.0f64);
    c.configure_mesh()
        .frame(colors)
        .x_desc("epoch")
        .y_desc("loss")
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .draw()?;
    c.configure_secondary_axes()
        .frame(colors)
        .y_desc("metric")
        .y_labels(6)
        .label_style(font(LABEL_PX, &palette::PURPLE))
        .axis_desc_style(font(TITLE_PX, &palette::PURPLE))
        .draw()?;
    // A cell that is not a number breaks the line rather than drawing it to 0.
    let runs = |v: &[f64]| -> Vec<Vec<(f64, f64)>> {
        let mut out = vec![Vec::new()];
        for (e, y) in chart.epochs.iter().zip(v) {
            if y.is_finite() {
                if let Some(r) = out.last_mut() {
                    r.push((*e as f64, *y));
                }
            } else if out.last().is_some_and(|r| !r.is_empty()) {
                out.push(Vec::new());
            }
        }
        out
    };
    for (name, v) in &chart.losses {
        let (color, dashed) = loss_style(name);
        for run in runs(v) {
            if dashed {
                c.draw_series(DashedLineSeries::new(run, 6, 4, color.stroke_width(2)))?;
            } else {
                c.draw_series(LineSeries::new(run, color.stroke_width(2)))?;
            }
        }
    }
    for (k, (_, v)) in chart.metrics.iter().enumerate() {
        for run in runs(v) {
            let clipped = run.into_iter().map(|(x, y)| (x, y.clamp(0.0, 1.0)));
            c.draw_secondary_series(LineSeries::new(clipped, metric_color(k).stroke_width(1)))?;
        }
    }
    area.present()
}

/// The chart in words: the last epoch's train and validation losses and metrics.
pub fn summary(chart: &ResultsChart) -> String {
    let Some(&last) = chart.epochs.last() else {
        return String::new();
    };
    let at_end = |cols: &[(String, Vec<f64>)]| {
        cols.iter()
            .filter_map(|(n, v)| {
                v.last()
                    .filter(|x| x.is_finite())
                    .map(|x| format!("{n} {x:.4}"))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "At epoch {last}: {}; {}.",
        at_end(&chart.losses),
        at_end(&chart.metrics)
    )
}
