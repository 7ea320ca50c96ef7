//! The LR range test: the smoothed loss against the rate on a log axis, the suggestions as
//! vertical lines, and the lr0 set now, dashed.

use plotters::prelude::*;

use super::{Area, Colors, DrawResult, Frame, MARGIN, log_ticks, palette};

/// What the finder chart draws.
#[derive(Clone, Debug)]
pub struct FinderScene<'a> {
    /// (rate, smoothed loss) of each minibatch.
    pub curve: Vec<(f64, f64)>,
    /// The suggestions, (name, rate).
    pub suggestions: &'a [(&'static str, f64)],
    /// The lr0 set now.
    pub lr0: f64,
    /// The indices of `curve` fast.ai's suggestions read
    /// ([`crate::engine::lr_finder::read_window`]); the rest is drawn grey.
    pub read: (usize, usize),
}

/// Colours of the suggestions, in order (Okabe–Ito): none of the rate map's green (the rate to
/// try) or vermillion (limits and failing runs), nor the grey of the lr0 line, and the valley in
/// the map's blue for the finder. The curve itself is drawn in ink, so no pick shares its
/// colour (a student took the blue valley line for part of a blue curve).
pub const SUGGESTION_COLORS: [RGBColor; 4] = [
    palette::BLUE,
    palette::SKY,
    palette::PURPLE,
    palette::ORANGE,
];

/// A suggestion's colour, by fast.ai's name, so that a line keeps its colour whichever lines are
/// drawn beside it (the legend and the buttons ask the same).
pub fn suggestion_color(name: &str) -> RGBColor {
    let k = match name {
        "valley" => 0,
        "slide" => 1,
        "minimum/10" => 2,
        _ => 3,
    };
    SUGGESTION_COLORS[k]
}

/// Draws the range test.
pub fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    s: &FinderScene,
    colors: &Colors,
) -> DrawResult<DB> {
    area.fill(&colors.paper)?;
    let finite: Vec<(f64, f64)> = s
        .curve
        .iter()
        .copied()
        .filter(|(lr, l)| lr.is_finite() && *lr > 0.0 && l.is_finite())
        .collect();
    let (Some(&(lo, _)), Some(&(hi, _))) = (finite.first(), finite.last()) else {
        return Ok(());
    };
    let hi = hi.max(lo * 10.0);
    let lowest = finite.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    // The picture is about the fall and the turn: the axis stops at 4× the lowest loss.
    let top = finite
        .iter()
        .map(|p| p.1)
        .fold(lowest, f64::max)
        .min(4.0 * lowest.max(1e-9));
    let bottom = (lowest - 0.05 * (top - lowest)).max(0.0);
    let (lo, hi) = super::finite_log_range(lo, hi);
    let (bottom, top) = super::finite_range(bottom, top * 1.02);
    let mut chart = ChartBuilder::on(area)
        .margin(MARGIN)
        .x_label_area_size(36)
        .y_label_area_size(56)
        .build_cartesian_2d(
            (lo..hi).log_scale().with_key_points(log_ticks(lo, hi)),
            bottom..top,
        )?;
    // About one label per 28 pixels of height: plotters' ten on a phone's short chart stacked
    // 12.0 to 3.0 on top of one another.
    let rows = (area.dim_in_pixel().1 / 28).clamp(3, 10) as usize;
    chart
        .configure_mesh()
        .frame(colors)
        .y_labels(rows)
        .x_desc("learning rate (log scale)")
        .y_desc("smoothed loss")
        .x_label_formatter(&super::rate_label(lo, hi, area.dim_in_pixel().0))
        .draw()?;
    // The part fast.ai reads in ink, its ends faded, each piece sharing its end point so the
    // line is unbroken.
    let point = |k: usize| {
        s.curve
            .get(k)
            .filter(|(lr, l)| lr.is_finite() && *lr > 0.0 && l.is_finite())
            .map(|&(lr, l)| (lr, l.min(top)))
    };
    let (start, end) = (s.read.0.min(s.curve.len()), s.read.1.min(s.curve.len()));
    for (range, color) in [
        (0..start + 1, colors.ink.mix(0.35)),
        (end.saturating_sub(1)..s.curve.len(), colors.ink.mix(0.35)),
        (start..end, colors.ink.mix(1.0)),
    ] {
        chart.draw_series(LineSeries::new(
            range.filter_map(point),
            color.stroke_width(2),
        ))?;
    }
    for &(name, lr) in s.suggestions {
        let c = suggestion_color(name);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(lr, bottom), (lr, top)],
            c.stroke_width(2),
        )))?;
    }
    if (lo..=hi).contains(&s.lr0) {
        chart.draw_series(DashedLineSeries::new(
            [(s.lr0, bottom), (s.lr0, top)],
            5,
            4,
            colors.ink.stroke_width(1),
        ))?;
    }
    Ok(())
}
