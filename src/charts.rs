//! Plotters draw functions, one per chart, generic over the drawing backend: the page draws on
//! a canvas, the tests draw into an SVG string and read it back.

pub mod boundary;
pub mod landscape;
pub mod loss;
pub mod schedule;

use plotters::coord::Shift;
use plotters::prelude::*;

/// What a draw function returns: plotters' error for the backend it drew on.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A drawing area of any backend.
pub type Area<DB> = DrawingArea<DB, Shift>;

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
