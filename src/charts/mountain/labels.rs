//! How many tick labels each axis of the mountain gets at the angle it is seen from.

use plotters::prelude::*;

use super::{Chart3d, Mountain, View, chart, narrow};
use crate::charts::Area;

/// On-screen length of a floor axis, in pixels, per tick label it can hold.
const LABEL_ROOM: f64 = 30.0;

/// How many tick labels each axis gets (x, height, z): `floor` on the floor's and `ticks` on
/// the height's, or none where the axis's length on screen holds fewer than two. An axis seen
/// nearly end-on is a few pixels long, and its labels piled up over the height axis's (a
/// student turned the mountain on a phone and read "0" just above "0.477").
pub(super) fn axis_labels<DB: DrawingBackend>(
    chart: &Chart3d<'_, DB>,
    m: &Mountain,
    (floor, ticks): (usize, usize),
) -> (usize, usize, usize) {
    let ((x0, x1), (z0, z1)) = m.extent();
    let (xm, zm, (y0, y1)) = ((x0 + x1) / 2.0, (z0 + z1) / 2.0, m.range);
    let spec = chart.as_coord_spec();
    let span = |a: (f64, f64, f64), b: (f64, f64, f64)| {
        let (p, q) = (spec.translate(&a), spec.translate(&b));
        f64::from(p.0 - q.0).hypot(f64::from(p.1 - q.1))
    };
    // All or none: asked for fewer, plotters rounds its step up and an axis can read "0" alone.
    let fit = |px: f64, n: usize| if px >= 2.0 * LABEL_ROOM { n } else { 0 };
    (
        fit(span((x0, y0, zm), (x1, y0, zm)), floor),
        fit(span((xm, y0, zm), (xm, y1, zm)), ticks),
        fit(span((xm, y0, z0), (xm, y0, z1)), floor),
    )
}

/// The tick labels each floor axis of the mountain on `area` seen from `view` gets, as
/// [`draw_surface`] draws them: (the x axis's, the other's).
pub fn floor_labels<DB: DrawingBackend>(
    area: &Area<DB>,
    m: &Mountain,
    view: View,
) -> (usize, usize) {
    chart(area, m, view).map_or((0, 0), |c| {
        let (x, _, z) = axis_labels(&c, m, label_counts(area));
        (x, z)
    })
}

/// Tick labels asked of the floor's axes and the height's. The floor's ask for four even on a
/// phone: at three, plotters' round step for the line's b, −4.7 to 2.7, is 5, and the axis
/// read "0" alone.
pub(super) fn label_counts<DB: DrawingBackend>(area: &Area<DB>) -> (usize, usize) {
    if narrow(area) { (4, 3) } else { (4, 4) }
}
