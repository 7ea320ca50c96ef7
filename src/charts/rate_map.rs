//! The rate map: one log axis of learning rates with a labelled tick for each rate the page
//! knows. Labels that would overlap are stacked in rows above the axis, the most important
//! placed first; one with no room left keeps its tick and is named in the list under the chart,
//! so no two labels ever overlap however close the rates are.

use plotters::prelude::*;

use super::{Area, Colors, DrawResult, Frame, LABEL_PX, MARGIN, font, log_ticks};

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

/// A stretch of the axis shaded and named: the map's ends, where whole runs crawl and where
/// they go wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Shade<'a> {
    /// Its rates, from and to.
    pub range: (f64, f64),
    /// What runs there do, longest first: the first whose width fits the stretch is written
    /// along its foot, none where neither does.
    pub words: [&'a str; 2],
    /// Its colour.
    pub color: RGBColor,
}

/// Pixels per character of a label, an over-estimate for the sans-serif labels, so that rows
/// never overlap.
const CHAR_PX: f64 = 7.0;
/// Height of one row of labels: a label's frame and 3 pixels clear, so that two stacked labels
/// read as two (on a phone "limit" sat on "runs fail", their frames touching). Any taller and
/// a map 100 pixels high has no row left for lr0.
const ROW_PX: f64 = 18.0;

/// Height of a label's box (its frame is drawn a pixel past the box's foot).
const BOX_PX: f64 = 14.0;

/// A label's box in pixels: left, top, right, bottom.
pub type LabelBox = [f64; 4];

/// The row of each label, placed in the order given (the most important first): the lowest of
/// `max` rows where it clears every label already there, each label centred on its rate's
/// pixel `x` and `width` wide; `None` when no row has room, and the label is left to the list
/// under the chart.
pub fn rows(spans: &[(f64, f64)], max: usize) -> Vec<Option<usize>> {
    let mut placed: Vec<Vec<(f64, f64)>> = vec![Vec::new(); max];
    spans
        .iter()
        .map(|&(x, w)| {
            let (start, end) = (x - w / 2.0, x + w / 2.0);
            let row = placed.iter().position(|row| {
                row.iter()
                    .all(|&(s, e)| end + LABEL_GAP_PX < s || e + LABEL_GAP_PX < start)
            })?;
            placed[row].push((start, end));
            Some(row)
        })
        .collect()
}

/// How far below the plot's top the first row of labels stands, and the height of a tick whose
/// label found no room.
const TICK_PX: f64 = 10.0;

/// Pixels kept clear beside a zone's name.
const GAP_PX: f64 = 4.0;

/// Pixels kept clear between two labels in a row: at 4, "Ultralytics 0.01" and "limit" read
/// as one framed run of words on a phone.
const LABEL_GAP_PX: f64 = 10.0;

/// The map's coordinates: a log axis of rates, and 0..1 up the labels' rows.
type Coords = Cartesian2d<
    plotters::coord::combinators::WithKeyPoints<LogCoord<f64>>,
    plotters::coord::types::RangedCoordf64,
>;

fn chart_on<'a, DB: DrawingBackend>(
    area: &'a Area<DB>,
    (lo, hi): (f64, f64),
) -> Result<ChartContext<'a, DB, Coords>, DrawingAreaErrorKind<DB::ErrorType>> {
    ChartBuilder::on(area)
        .margin(MARGIN)
        .margin_left(MARGIN * 3)
        .margin_right(MARGIN * 3)
        .x_label_area_size(40)
        .build_cartesian_2d(
            (lo..hi).log_scale().with_key_points(log_ticks(lo, hi)),
            0.0..1.0,
        )
}

/// Each tick's label box on `area`, as [`draw`] places it; `None` for a label that did not fit
/// (or a rate off the axis).
pub fn layout<DB: DrawingBackend>(
    area: &Area<DB>,
    ticks: &[Tick],
    range: (f64, f64),
) -> Vec<Option<LabelBox>> {
    let range = super::finite_log_range(range.0, range.1);
    match chart_on(area, range) {
        Ok(chart) => boxes(&chart, ticks, range),
        Err(_) => vec![None; ticks.len()],
    }
}

fn boxes<DB: DrawingBackend>(
    chart: &ChartContext<DB, Coords>,
    ticks: &[Tick],
    (lo, hi): (f64, f64),
) -> Vec<Option<LabelBox>> {
    let (_, bottom) = chart.backend_coord(&(lo, 0.0));
    let (_, top) = chart.backend_coord(&(lo, 1.0));
    let height = f64::from(bottom - top).max(1.0);
    // Every row's text stays inside the plot, the lowest TICK_PX above the axis.
    let fit = ((height - TICK_PX - BOX_PX) / ROW_PX).floor();
    let max = if fit < 0.0 { 0 } else { fit as usize + 1 };
    let shown = |t: &Tick| t.value.is_finite() && (lo..=hi).contains(&t.value);
    // A label at either end of the axis is slid inwards, into the chart's side margin at most:
    // centred on 10, "runs fail" ran past the frame on a phone.
    let edge = f64::from(MARGIN * 3) - 2.0;
    let left = f64::from(chart.backend_coord(&(lo, 0.0)).0) - edge;
    let right = f64::from(chart.backend_coord(&(hi, 0.0)).0) + edge;
    let spans: Vec<(f64, f64)> = ticks
        .iter()
        .map(|t| {
            let w = t.label.chars().count() as f64 * CHAR_PX;
            // A rate off the axis gets no room: an empty span far to the left.
            let x = if shown(t) {
                let x = f64::from(chart.backend_coord(&(t.value, 0.0)).0);
                x.min(right - w / 2.0).max(left + w / 2.0)
            } else {
                f64::NEG_INFINITY
            };
            (x, w)
        })
        .collect();
    rows(&spans, max)
        .into_iter()
        .zip(&spans)
        .zip(ticks)
        .map(|((row, &(x, w)), t)| {
            let row = row.filter(|_| shown(t))?;
            // Row 0 along the top, so that every tick rises the whole way to its label.
            let base = f64::from(top) + TICK_PX + row as f64 * ROW_PX;
            Some([x - w / 2.0, base - (BOX_PX - 1.0), x + w / 2.0, base])
        })
        .collect()
}

/// Draws the axis over `range`, the `shades` at its ends, the `band` of rates that end as low
/// as the one to try shaded in its colour, and a tick per rate, its label above it where there
/// is room.
pub fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    ticks: &[Tick],
    range: (f64, f64),
    band: Option<((f64, f64), RGBColor)>,
    shades: &[Shade],
    colors: &Colors,
) -> DrawResult<DB> {
    area.fill(&colors.paper)?;
    let (lo, hi) = super::finite_log_range(range.0, range.1);
    let mut chart = chart_on(area, (lo, hi))?;
    let label = super::rate_label(lo, hi, area.dim_in_pixel().0);
    chart
        .configure_mesh()
        .frame(colors)
        .disable_y_axis()
        .disable_y_mesh()
        .x_desc("learning rate (log scale)")
        .x_label_formatter(&label)
        .draw()?;
    fill_shades(&mut chart, shades, (lo, hi))?;
    if let Some(((a, b), color)) = band.filter(|((a, b), _)| a.is_finite() && b.is_finite()) {
        chart.draw_series(std::iter::once(Rectangle::new(
            [(a.clamp(lo, hi), 0.0), (b.clamp(lo, hi), 1.0)],
            color.mix(0.18).filled(),
        )))?;
    }
    let placed = boxes(&chart, ticks, (lo, hi));
    let (_, bottom) = chart.backend_coord(&(lo, 0.0));
    let (_, top) = chart.backend_coord(&(lo, 1.0));
    let height = f64::from(bottom - top).max(1.0);
    // A pixel row as the chart's 0..1 up from the axis.
    let y_at = |px: f64| ((f64::from(bottom) - px) / height).clamp(0.0, 1.0);
    let on_axis = |t: &Tick| t.value.is_finite() && (lo..=hi).contains(&t.value);
    // Every tick first, then every label on a patch of paper: a tick rising to a label in a
    // higher row passes behind the labels below it instead of through their letters.
    for (t, b) in ticks.iter().zip(&placed).filter(|(t, _)| on_axis(t)) {
        // A tick without room for its label stops at the first row: it is named in the list.
        let y = b.map_or_else(|| y_at(f64::from(bottom) - TICK_PX), |b| y_at(b[3]));
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
    }
    name_shades(&mut chart, shades, (lo, hi), colors)?;
    let style = font(LABEL_PX - 1, &colors.ink).pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Bottom,
    ));
    for (t, b) in ticks.iter().zip(&placed).filter(|(t, _)| on_axis(t)) {
        let Some(b) = b else { continue };
        // The boxes are the backend's pixels; the area counts from its own corner.
        let (ox, oy) = area.get_base_pixel();
        let corner = |x: f64, y: f64| (x.round() as i32 - ox, y.round() as i32 - oy);
        // Paper that lets a line behind it show, faintly: where rates crowd, a label must stand
        // over another's line, and two reviewers read an opaque box as hiding the try line and
        // lr0's. The letters stay on paper enough to read.
        area.draw(&Rectangle::new(
            [corner(b[0], b[1]), corner(b[2], b[3] + 1.0)],
            colors.paper.mix(0.8).filled(),
        ))?;
        // Framed in its line's colour, so a label in a stack of close ones says whose it is
        // (a student could not match "try", "limit" and "fastest" to three near lines). A frame,
        // not an underline: a student read the underlines as ranges of rates.
        area.draw(&Rectangle::new(
            [corner(b[0], b[1]), corner(b[2], b[3] + 1.0)],
            t.color.stroke_width(1),
        ))?;
        area.draw(&Text::new(
            t.label.to_string(),
            corner((b[0] + b[2]) / 2.0, b[3] - 2.0),
            style.clone(),
        ))?;
    }
    Ok(())
}

/// The shaded ends.
fn fill_shades<DB: DrawingBackend>(
    chart: &mut ChartContext<DB, Coords>,
    shades: &[Shade],
    (lo, hi): (f64, f64),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    for shade in shades {
        let Some((a, b)) = visible(shade.range, (lo, hi)) else {
            continue;
        };
        chart.draw_series(std::iter::once(Rectangle::new(
            [(a, 0.0), (b, 1.0)],
            shade.color.mix(0.1).filled(),
        )))?;
    }
    Ok(())
}

/// The part of `range` on the axis `(lo, hi)`, if any.
fn visible((a, b): (f64, f64), (lo, hi): (f64, f64)) -> Option<(f64, f64)> {
    (a.is_finite() && b.is_finite() && a < hi && b > lo).then(|| (a.clamp(lo, hi), b.clamp(lo, hi)))
}

/// Each shaded end named along its foot, in the longest of its words that fits, on a patch of
/// its shade laid over the ticks, so that a tick crossing the words (lr0 set far into an end)
/// passes behind them.
fn name_shades<DB: DrawingBackend>(
    chart: &mut ChartContext<DB, Coords>,
    shades: &[Shade],
    (lo, hi): (f64, f64),
    colors: &Colors,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = font(LABEL_PX - 1, &colors.ink).pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Bottom,
    ));
    let (_, bottom) = chart.backend_coord(&(lo, 0.0));
    let (_, top) = chart.backend_coord(&(lo, 1.0));
    let per_px = 1.0 / f64::from(bottom - top).max(1.0);
    for shade in shades {
        let Some((a, b)) = visible(shade.range, (lo, hi)) else {
            continue;
        };
        let (left, _) = chart.backend_coord(&(a, 0.0));
        let (right, _) = chart.backend_coord(&(b, 0.0));
        let room = f64::from(right - left) - 2.0 * GAP_PX;
        let Some(words) = shade
            .words
            .iter()
            .find(|w| w.chars().count() as f64 * CHAR_PX <= room)
        else {
            continue;
        };
        // Centred on the log axis, 4 pixels above it; the patch a pixel wider than the words.
        let (mid, half) = ((a * b).sqrt(), words.chars().count() as f64 * CHAR_PX / 2.0);
        let (x, _) = chart.backend_coord(&(mid, 0.0));
        let to_rate = |px: f64| {
            let t = (px - f64::from(left)) / f64::from(right - left).max(1.0);
            a * (b / a).powf(t)
        };
        let (x0, x1) = (to_rate(f64::from(x) - half), to_rate(f64::from(x) + half));
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x0, 2.0 * per_px), (x1, (4.0 + BOX_PX) * per_px)],
            colors.paper.filled(),
        )))?;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x0, 2.0 * per_px), (x1, (4.0 + BOX_PX) * per_px)],
            shade.color.mix(0.1).filled(),
        )))?;
        chart.draw_series(std::iter::once(Text::new(
            words.to_string(),
            (mid, 4.0 * per_px),
            style.clone(),
        )))?;
    }
    Ok(())
}
