//! Plotters draw functions, one per chart, generic over the drawing backend: the page draws on
//! a canvas, the tests draw into an SVG string and read it back.

pub mod boundary;
pub mod figure;
pub mod finder;
pub mod fit;
pub mod grad;
pub mod landscape;
pub mod loss;
pub mod mountain;
pub mod rate_map;
pub mod results;
pub mod schedule;
pub mod sweep;

use plotters::chart::{MeshStyle, SecondaryMeshStyle};
use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// What a draw function returns: plotters' error for the backend it drew on.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A drawing area of any backend.
pub type Area<DB> = DrawingArea<DB, Shift>;

/// The colours a chart draws its frame in: the page's light or dark theme. Data colours (runs,
/// the heatmap) are the same in both.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Colors {
    /// The chart's background.
    pub paper: plotters::style::RGBColor,
    /// Axes, labels and titles.
    pub ink: plotters::style::RGBColor,
    /// Grid lines.
    pub grid: plotters::style::RGBColor,
}

/// The light theme.
pub const LIGHT: Colors = Colors {
    paper: plotters::style::RGBColor(255, 255, 255),
    ink: plotters::style::RGBColor(34, 34, 34),
    grid: plotters::style::RGBColor(221, 221, 221),
};

/// The dark theme: the page's dark background, light text (contrast above 12:1).
pub const DARK: Colors = Colors {
    paper: plotters::style::RGBColor(24, 26, 31),
    ink: plotters::style::RGBColor(230, 230, 230),
    grid: plotters::style::RGBColor(64, 68, 76),
};

/// Space around every chart, in pixels.
pub const MARGIN: u32 = 8;
/// Tick labels' size, in pixels.
pub const LABEL_PX: u32 = 13;
/// Axis titles' size, in pixels: a step above the tick labels, so a title reads as a title.
pub const TITLE_PX: u32 = 14;

/// Sans-serif text of `px` pixels in `color`.
pub fn font(px: u32, color: &RGBColor) -> TextStyle<'static> {
    ("sans-serif", px).into_font().color(color)
}

/// A chart's frame in a theme: axes in ink, grid lines only at the labelled ticks, tick labels
/// and axis titles in ink. One place for it, so that the charts on a page look alike. A trait
/// because plotters has two mesh builders, for the first axes and for the secondary ones.
pub trait Frame {
    /// The frame with tick labels of [`LABEL_PX`] and titles of [`TITLE_PX`].
    fn frame(&mut self, colors: &Colors) -> &mut Self {
        self.frame_sized(colors, LABEL_PX, TITLE_PX)
    }

    /// The frame with text of other sizes, for a chart too small for the usual ones.
    fn frame_sized(&mut self, colors: &Colors, label_px: u32, title_px: u32) -> &mut Self;
}

impl<X: Ranged, Y: Ranged, DB: DrawingBackend> Frame for MeshStyle<'_, '_, X, Y, DB> {
    fn frame_sized(&mut self, colors: &Colors, label_px: u32, title_px: u32) -> &mut Self {
        self.axis_style(colors.ink)
            .bold_line_style(colors.grid)
            // Plotters draws a light line between every two labelled ones by default.
            .light_line_style(colors.paper.mix(0.0))
            .label_style(font(label_px, &colors.ink))
            .axis_desc_style(font(title_px, &colors.ink))
    }
}

impl<X, Y, DB> Frame for SecondaryMeshStyle<'_, '_, X, Y, DB>
where
    X: Ranged + ValueFormatter<X::ValueType>,
    Y: Ranged + ValueFormatter<Y::ValueType>,
    DB: DrawingBackend,
{
    fn frame_sized(&mut self, colors: &Colors, label_px: u32, title_px: u32) -> &mut Self {
        self.axis_style(colors.ink)
            .label_style(font(label_px, &colors.ink))
            .axis_desc_style(font(title_px, &colors.ink))
    }
}

/// The frame of a chart over the iterations (the loss and the schedule, which the page stacks
/// so that their iterations line up): six ticks a side, whole iterations, values as rates.
pub fn time_mesh<DB: DrawingBackend, Y: Ranged<ValueType = f64> + ValueFormatter<f64>>(
    chart: &mut ChartContext<DB, Cartesian2d<RangedCoordf64, Y>>,
    x_desc: &str,
    y_desc: &str,
    colors: &Colors,
) -> DrawResult<DB> {
    // At most one tick label per 60 pixels: "1,000" and "1,500" ran together on a small chart
    // (a projector's 1280×720, zoomed).
    let across = chart.plotting_area().dim_in_pixel().0;
    let ticks = (f64::from(across) / 60.0).floor().clamp(2.0, 6.0) as usize;
    chart
        .configure_mesh()
        .frame(colors)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(ticks)
        .y_labels(6)
        .y_label_formatter(&|v| fmt_value(*v))
        .x_label_formatter(&|v| fmt_count(*v))
        .draw()
}

/// Okabe–Ito colours (Okabe & Ito 2008, "Color Universal Design"): distinguishable with every
/// common form of colour-blindness.
pub mod palette {
    use plotters::style::RGBColor;
    /// Orange.
    pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
    /// Sky blue.
    pub const SKY: RGBColor = RGBColor(86, 180, 233);
    /// Bluish green.
    pub const GREEN: RGBColor = RGBColor(0, 158, 115);
    /// Vermillion.
    pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
    /// Blue.
    pub const BLUE: RGBColor = RGBColor(0, 114, 178);
    /// Reddish purple.
    pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
    /// Text and axes.
    pub const INK: RGBColor = RGBColor(34, 34, 34);
    /// A neutral grey for what is only there to compare with (a pinned run).
    pub const GREY: RGBColor = RGBColor(110, 110, 110);
}

/// The largest magnitude an axis end may have: far beyond any rate, loss or weight the page
/// shows, and far enough below `f64::MAX` that padding an end (× 1.5) or taking a width stays
/// finite.
pub const AXIS_LIMIT: f64 = 1e150;

/// An axis range plotters can lay out: `(lo, hi)` itself when both ends are finite, within
/// ±[`AXIS_LIMIT`], and `hi` is above `lo` by a width a float resolves; otherwise a range next
/// to whichever end is usable ((0, 1) when neither is). Plotters loops for ever placing ticks
/// on an infinite or NaN range (issue 25: one logged rate of 1.7e308 froze the tab), so every
/// chart passes each of its ranges through here, or through [`finite_log_range`].
pub fn finite_range(lo: f64, hi: f64) -> (f64, f64) {
    let usable = |v: f64| (!v.is_nan()).then(|| v.clamp(-AXIS_LIMIT, AXIS_LIMIT));
    match (usable(lo), usable(hi)) {
        (Some(l), Some(h)) if h - l > 1e-12 * l.abs().max(h.abs()).max(1e-150) => (l, h),
        (Some(l), _) | (None, Some(l)) => (l, l + l.abs().max(1.0)),
        (None, None) => (0.0, 1.0),
    }
}

/// [`finite_range`] for a logarithmic axis, whose ends must also be positive: an end at or
/// below zero is replaced from the other ((1e-4, 1) when neither is usable).
pub fn finite_log_range(lo: f64, hi: f64) -> (f64, f64) {
    let floor = 1.0 / AXIS_LIMIT;
    let hi = if hi > 0.0 { hi.max(floor) } else { f64::NAN };
    let lo = if lo > 0.0 { lo.max(floor) } else { hi / 1e4 };
    let (l, h) = finite_range(lo, hi);
    if l > 0.0 { (l, h) } else { (1e-4, 1.0) }
}

/// How a log axis of rates over [lo, hi], `across` pixels wide, labels its tick `v`: every
/// decade, or on a narrow axis over six decades or more every other one from the first (on a
/// phone the sweep's and the map's seven labels ran together).
pub fn rate_label(lo: f64, hi: f64, across: u32) -> impl Fn(&f64) -> String {
    let every = if across < 450 && hi >= 1e5 * lo { 2 } else { 1 };
    let first = lo.log10().ceil() as i64;
    move |v: &f64| {
        let decade = v.log10();
        let skipped = (decade - decade.round()).abs() < 1e-9
            && (decade.round() as i64 - first).rem_euclid(every) != 0;
        if skipped {
            String::new()
        } else {
            crate::engine::stability::fmt_lr(*v)
        }
    }
}

/// Tick values for a logarithmic axis over [lo, hi]: the powers of ten when it spans several
/// decades, with 2 and 5 between them when it spans one or two, and evenly spaced round values
/// when it spans less than that, so that a short span still gets labelled ticks.
pub fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    if !(lo > 0.0 && hi > lo && lo.is_finite() && hi.is_finite()) {
        return Vec::new();
    }
    for mantissas in [
        &[1.0][..],
        &[1.0, 2.0, 5.0],
        &[1.0, 1.5, 2.0, 3.0, 5.0, 7.0],
    ] {
        let ticks = ticks_within(lo, hi, mantissas);
        if ticks.len() >= 3 {
            return ticks;
        }
    }
    linear_ticks(lo, hi, 4)
}

/// [`log_ticks`] for an axis of values (a loss, a rate over time) whose data reach into its top
/// decade: where over half a decade above the last power of ten would go unlabelled, a tick at
/// 5 or 2 times it labels the top. A teacher read a loss of 4.5 on an axis whose top label was
/// 1, with nothing to read it by. The top tick is left out where its label would touch the last
/// one's on a plot `plot_px` pixels tall (its distance under 1.5 labels' height): a teacher met
/// "2e4" on "1e4", and "2" on "1" in presenter mode; a student, a "2" 17 px above its "1".
pub fn log_value_ticks(lo: f64, hi: f64, plot_px: f64) -> Vec<f64> {
    let mut ticks = log_ticks(lo, hi);
    let decades = ticks.len() >= 2 && (ticks[1] / ticks[0] - 10.0).abs() < 1e-6;
    let span = (hi / lo).log10();
    let apart =
        |t: f64, last: f64| (t / last).log10() / span * plot_px >= 1.5 * f64::from(LABEL_PX);
    if let (true, Some(&last)) = (decades, ticks.last()) {
        if hi > 3.0 * last {
            let top = [5.0, 2.0].iter().map(|m| m * last).find(|t| *t <= hi);
            ticks.extend(top.filter(|&t| apart(t, last)));
        }
    }
    ticks
}

/// The height of a plot, in pixels, in an area `area_px` tall with the charts' margins and an x
/// label area `x_labels` tall.
pub fn plot_height(area_px: u32, x_labels: u32) -> f64 {
    f64::from(area_px.saturating_sub(x_labels + 2 * MARGIN))
}

/// The values `m × 10^e` (m from `mantissas`) within [lo, hi]. An end a rounding error short
/// of a round value still gets it: a range computed as exp(ln 10) ends at 9.999999999999998,
/// and its "10" went missing (issue 21).
fn ticks_within(lo: f64, hi: f64, mantissas: &[f64]) -> Vec<f64> {
    let (lo, hi) = (lo * (1.0 - 1e-9), hi * (1.0 + 1e-9));
    let (e0, e1) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    (e0..=e1)
        .flat_map(|e| mantissas.iter().map(move |m| m * 10f64.powi(e)))
        .filter(|v| *v >= lo && *v <= hi)
        .collect()
}

/// A logarithmic axis for data over [lo, hi], with labels at both of its ends: the ends
/// rounded out to powers of ten, each labelled, when the data span three decades or more;
/// else rounded out to 1, 2 or 5 times a power of ten, with a label at each of those. Returns
/// the axis's ends and its tick values. Without it, data up to 4.5 on a decade axis drew an
/// unlabelled stretch above the last label, 1 (issue 21).
pub fn nice_log_axis(lo: f64, hi: f64) -> ((f64, f64), Vec<f64>) {
    let (lo, hi) = finite_log_range(lo, hi);
    let mantissas: &[f64] = if (hi / lo).log10() >= 3.0 {
        &[1.0]
    } else {
        &[1.0, 2.0, 5.0]
    };
    let power = |v: f64| 10f64.powf(v.log10().floor());
    let down = |v: f64| {
        let p = power(v);
        mantissas
            .iter()
            .rev()
            .map(|m| m * p)
            .find(|t| *t <= v * (1.0 + 1e-9))
            .unwrap_or(p)
    };
    let up = |v: f64| {
        let p = power(v);
        mantissas
            .iter()
            .map(|m| m * p)
            .chain([10.0 * p])
            .find(|t| *t >= v * (1.0 - 1e-9))
            .unwrap_or(10.0 * p)
    };
    let (lo, hi) = finite_log_range(down(lo), up(hi));
    (
        (lo, hi),
        ticks_within(lo, hi, mantissas)
            .into_iter()
            .map(|t| t.clamp(lo, hi))
            .collect(),
    )
}

/// [lo, hi] widened on a log scale by `fraction` of its span at each end: room for a marker
/// drawn at an end, which the plot's edge would otherwise cut in half.
pub fn pad_log_range(lo: f64, hi: f64, fraction: f64) -> (f64, f64) {
    let (lo, hi) = finite_log_range(lo, hi);
    let pad = (hi / lo).powf(fraction);
    finite_log_range(lo / pad, hi * pad)
}

/// A tick value in at most three significant digits, without trailing zeros: 0.5, -15, 0.002,
/// 1.2e-4.
pub fn fmt_tick(v: f64) -> String {
    // Plotters' own key points reach zero through sums of steps: -1.11e-16 is a zero.
    let v = if v.abs() < 1e-12 { 0.0 } else { v };
    if v == 0.0 || !v.is_finite() {
        return if v == 0.0 { "0".into() } else { format!("{v}") };
    }
    let sign = if v < 0.0 { "-" } else { "" };
    format!("{sign}{}", fmt_value(v.abs()))
}

/// A value on an axis in at most five characters, so that it fits beside the axis's title: a
/// rate as [`fmt_lr`](crate::engine::stability::fmt_lr) writes it, and from 10,000 up in powers
/// of ten, 1e5 or 2.5e4 (a blown-up loss's "100000" ran into the title on a phone).
pub fn fmt_value(v: f64) -> String {
    if v.is_finite() && v.abs() >= 1e4 {
        let s = format!("{v:.1e}");
        if let Some((mant, exp)) = s.split_once('e') {
            let mant = mant.trim_end_matches('0').trim_end_matches('.');
            return format!("{mant}e{exp}");
        }
        s
    } else {
        crate::engine::stability::fmt_lr(v)
    }
}

/// 1234567 → "1,234,567".
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An iteration or epoch tick, its thousands grouped as the page's text writes them.
fn fmt_count(v: f64) -> String {
    if (0.0..1e15).contains(&v) {
        thousands(v.round() as usize)
    } else {
        format!("{v:.0}")
    }
}

/// About `n` round values (1, 2 or 5 times a power of ten apart) within [lo, hi].
pub fn linear_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let raw = (hi - lo) / n.max(1) as f64;
    if !(raw > 0.0 && raw.is_finite()) {
        return vec![lo];
    }
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// Cuts the segment p–q to the rectangle [x0, x1] × [y0, y1] (Liang & Barsky 1984), so a path
/// that flies off the chart is drawn up to the edge instead of across the axes.
pub fn clip_segment(
    p: (f64, f64),
    q: (f64, f64),
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
) -> Option<((f64, f64), (f64, f64))> {
    if ![p.0, p.1, q.0, q.1].iter().all(|v| v.is_finite()) {
        return None;
    }
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let mut t0 = 0.0f64;
    let mut t1 = 1.0f64;
    for (pk, qk) in [
        (-dx, p.0 - x0),
        (dx, x1 - p.0),
        (-dy, p.1 - y0),
        (dy, y1 - p.1),
    ] {
        if pk == 0.0 {
            if qk < 0.0 {
                return None;
            }
        } else {
            let r = qk / pk;
            if pk < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    Some((
        (p.0 + t0 * dx, p.1 + t0 * dy),
        (p.0 + t1 * dx, p.1 + t1 * dy),
    ))
}

/// `text` with its first letter in upper case: ASCII only, as every sentence the page opens
/// this way starts with an ASCII word, and Unicode's case tables cost the bundle several KB.
/// A parameter's name keeps its case, as Ultralytics and PyTorch spell it: a student read "Lr
/// is far below…".
pub fn capitalised(text: &str) -> String {
    let mut out = text.to_string();
    let word = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ':')
        .next()
        .unwrap_or("");
    let code = matches!(word, "lr" | "lrf" | "nbs")
        || word.contains(|c: char| c.is_ascii_digit() || c == '_' || c == '=');
    if let Some(first) = out.get_mut(..1).filter(|_| !code) {
        first.make_ascii_uppercase();
    }
    out
}
