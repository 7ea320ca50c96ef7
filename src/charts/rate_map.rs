//! The rate map: one log axis of learning rates with a labelled tick for each rate the page
//! knows. Labels that would overlap are stacked in rows above the axis, so every name stays
//! readable however close the rates are.

use plotters::prelude::*;

use super::{Area, Colors, DrawResult, Frame, LABEL_PX, MARGIN, font, log_ticks};
use crate::engine::stability::fmt_lr;

/// One rate to mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick<'a> {
    /// The rate.
    pub value: f64,
    /// Its name.
    pub label: &'a str,
    /// Its colour.
    pub color: RGBColor,
    /// Drawn dashed (the lr0 set now).
    pub dashed: bool,
}

/// Pixels per character of a label, an over-estimate for the sans-serif labels, so that rows
/// never overlap.
const CHAR_PX: f64 = 7.0;
/// Height of one row of labels.
const ROW_PX: f64 = 16.0;

/// The row of each label, left to right: the lowest row where it clears the labels already
/// placed, each label centred on its rate's pixel `x` and `width` wide.
pub fn rows(spans: &[(f64, f64)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by(|&a, &b| spans[a].0.total_cmp(&spans[b].0));
    let mut ends: Vec<f64> = Vec::new();
    let mut out = vec![0; spans.len()];
    for k in order {
        let (x, w) = spans[k];
        let start = x - w / 2.0;
        let row = ends
            .iter()
            .position(|&e| e + 4.0 < start)
            .unwrap_or(ends.len());
        if row == ends.len() {
            ends.push(f64::NEG_INFINITY);
        }
        ends[row] = x + w / 2.0;
        out[k] = row;
    }
    out
}

/// Draws the axis over `range` and a tick per rate, its label above it.
pub fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    ticks: &[Tick],
    range: (f64, f64),
    colors: &Colors,
) -> DrawResult<DB> {
    area.fill(&colors.paper)?;
    let (lo, hi) = super::finite_log_range(range.0, range.1);
    let mut chart = ChartBuilder::on(area)
        .margin(MARGIN)
        .margin_left(MARGIN * 3)
        .margin_right(MARGIN * 3)
        .x_label_area_size(34)
        .build_cartesian_2d(
            (lo..hi).log_scale().with_key_points(log_ticks(lo, hi)),
            0.0..1.0,
        )?;
    chart
        .configure_mesh()
        .frame(colors)
        .disable_y_axis()
        .disable_y_mesh()
        .x_desc("learning rate (log scale)")
        .x_label_formatter(&|v| fmt_lr(*v))
        .draw()?;
    let shown: Vec<&Tick> = ticks
        .iter()
        .filter(|t| t.value.is_finite() && (lo..=hi).contains(&t.value))
        .collect();
    let spans: Vec<(f64, f64)> = shown
        .iter()
        .map(|t| {
            let x = f64::from(chart.backend_coord(&(t.value, 0.0)).0);
            (x, t.label.chars().count() as f64 * CHAR_PX)
        })
        .collect();
    let row_of = rows(&spans);
    let (_, bottom) = chart.backend_coord(&(lo, 0.0));
    let (_, top) = chart.backend_coord(&(lo, 1.0));
    let height = f64::from(bottom - top).max(1.0);
    // Row r's label baseline sits r rows above the axis; the tick runs up to it.
    let y_of = |row: usize| (1.0 - (row as f64 + 1.0) * ROW_PX / height).max(0.0);
    for (t, &row) in shown.iter().zip(&row_of) {
        let y = y_of(row);
        let stroke = t.color.stroke_width(2);
        if t.dashed {
            chart.draw_series(DashedLineSeries::new(
                [(t.value, 0.0), (t.value, y)],
                4,
                3,
                stroke,
            ))?;
        } else {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(t.value, 0.0), (t.value, y)],
                stroke,
            )))?;
        }
        let style = font(LABEL_PX - 1, &colors.ink).pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Bottom,
        ));
        chart.draw_series(std::iter::once(Text::new(
            t.label.to_string(),
            (t.value, y),
            style,
        )))?;
    }
    Ok(())
}
