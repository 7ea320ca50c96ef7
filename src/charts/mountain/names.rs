//! The names of the mountain's floor axes, placed beside their tick labels the way plotters
//! places those, and never on them.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart3d, Mountain, TICK};
use crate::charts::{Area, Colors, DrawResult, LABEL_PX, font};

/// Pixels kept between a name and the boxes already on the picture: the boxes are estimates.
const GAP: f64 = 3.0;

/// Names the two floor axes of `chart`, drawn on `area`, those whose numbers are `shown`: an
/// axis seen end on has none, and its name alone floated by the height's numbers (a student
/// turned the mountain on a phone and found "w" with no ticks; the caption names both axes).
pub(super) fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    chart: &Chart3d<'_, DB>,
    m: &Mountain,
    colors: &Colors,
    shown: [bool; 2],
) -> DrawResult<DB> {
    let coord = chart.as_coord_spec();
    let ((x0, x1), (z0, z1)) = m.extent();
    let (xm, zm) = ((x0 + x1) / 2.0, (z0 + z1) / 2.0);
    // The edge plotters draws each plane axis on: of the four it could run along, one on a
    // back panel, the nearest, then the lowest on screen (plotters' own rule).
    let title = font(LABEL_PX + 1, &colors.ink).pos(Pos::new(HPos::Center, VPos::Center));
    let (y0, y1) = m.range;
    let ym = (y0 + y1) / 2.0;
    let far = |a: f64, b: f64, depth: &dyn Fn(f64) -> i32| if depth(a) >= depth(b) { a } else { b };
    let y_far = far(y0, y1, &|y| coord.projected_depth(&xm, &y, &zm));
    let z_far = far(z0, z1, &|z| coord.projected_depth(&xm, &ym, &z));
    let x_far = far(x0, x1, &|x| coord.projected_depth(&x, &ym, &zm));
    // The edge along one axis at (u, v) of the other two, nearest and then lowest.
    let pick = |edges: Vec<(f64, f64)>, at: &dyn Fn(f64, f64) -> (f64, f64, f64)| {
        edges
            .into_iter()
            .min_by_key(|&(u, v)| {
                let p = at(u, v);
                (
                    coord.projected_depth(&p.0, &p.1, &p.2),
                    -coord.translate(&p).1,
                )
            })
            .unwrap_or((y0, z0))
    };
    let edges = |far_a: f64, a: (f64, f64), far_b: f64, b: (f64, f64)| {
        let mut e = Vec::new();
        for u in [a.0, a.1] {
            for v in [b.0, b.1] {
                if u == far_a || v == far_b {
                    e.push((u, v));
                }
            }
        }
        e
    };
    let (ey, ez) = pick(edges(y_far, (y0, y1), z_far, (z0, z1)), &|y, z| (xm, y, z));
    let (ex, ey2) = pick(edges(x_far, (x0, x1), y_far, (y0, y1)), &|x, y| (x, y, zm));
    // Each name goes where plotters puts that axis's tick labels (left or right of the ticks,
    // or above or below, whichever is more across the axis; `draw_axis_ticks`), past them, in
    // the picture's own pixels: placed in the plot's units, an axis that runs towards the
    // reader put its name on its ticks ("b⁰(intercept)" on a phone). A name that does not
    // fit there is shortened to its letter.
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let mid = ((xr.start + xr.end) / 2, (yr.start + yr.end) / 2);
    let base = area.get_base_pixel();
    let (w, h) = area.dim_in_pixel();
    let size = |text: &str, style: &TextStyle| {
        // A tenth wider than estimated, and at least 0.6 em a letter: the estimate is a font's,
        // the browser may pick another (long names, "random direction 1", ran into the title).
        let wide = 0.6 * style.font.get_size() * text.chars().count() as f64;
        area.estimate_text_size(text, style)
            .map_or((0.0, 0.0), |(a, b)| {
                ((1.1 * f64::from(a)).max(wide), f64::from(b))
            })
    };
    let tick_label = size("-0.5", &font(LABEL_PX - 1, &colors.ink));
    let tick = f64::from(TICK);
    // Boxes already on the picture, as (centre, size): the chart's title, then the first name.
    // A name keeps clear of them (seen from low down, "w (slope)" and "b (intercept)" met below
    // the mountain on a phone; from above, "w (slope)" ran into the title).
    let heading = size(super::HEIGHT_TITLE, &font(LABEL_PX + 1, &colors.ink));
    let margin = f64::from(super::MARGIN);
    // Placed in turn, the first name in its longest form that fits; where the second then fits
    // in none of its forms, both again from their shorter forms ("random direction 1" left
    // "dir 2" no room on a phone).
    let mut placed = Vec::new();
    for first_form in 0..3 {
        placed.clear();
        let mut all_fit = true;
        let mut taken = vec![(
            (margin + heading.0 / 2.0, margin + heading.1 / 2.0),
            heading,
        )];
        for (k, (name, begin, end)) in [
            (&m.labels.0, (x0, ey, ez), (x1, ey, ez)),
            (&m.labels.1, (ex, ey2, z0), (ex, ey2, z1)),
        ]
        .into_iter()
        .enumerate()
        .filter(|(k, _)| shown[*k])
        {
            let (b, e) = (coord.translate(&begin), coord.translate(&end));
            let axis = (f64::from(e.0 - b.0), f64::from(e.1 - b.1));
            let sx = if b.0 < mid.0 { -1.0 } else { 1.0 };
            let sy = if b.1 < mid.1 { -1.0 } else { 1.0 };
            let dir = if (sx * axis.0).abs() < (sy * axis.1).abs() {
                (sx, 0.0)
            } else {
                (0.0, sy)
            };
            let at = (
                f64::from(b.0 + e.0) / 2.0 - f64::from(base.0),
                f64::from(b.1 + e.1) / 2.0 - f64::from(base.1),
            );
            // Across the axis on screen, on its labels' side; along their direction where the axis
            // is seen end on.
            let len = axis.0.hypot(axis.1);
            let normal = if len < 1.0 {
                dir
            } else {
                let n = (-axis.1 / len, axis.0 / len);
                if n.0 * dir.0 + n.1 * dir.1 < 0.0 {
                    (-n.0, -n.1)
                } else {
                    n
                }
            };
            // How far a tick's label reaches across the axis: its box, 2 ticks out along `dir`
            // (left or right of the tick and centred on it, or above or below), at its far corner.
            let (lw, lh) = tick_label;
            let (cx, cy) = (
                dir.0 * (2.0 * tick + lw / 2.0),
                dir.1 * (2.0 * tick + lh / 2.0),
            );
            let reach = cx * normal.0
                + cy * normal.1
                + (lw / 2.0 * normal.0).abs()
                + (lh / 2.0 * normal.1).abs();
            let place = |(tw, th): (f64, f64)| {
                let d = reach + 4.0 + (tw / 2.0 * normal.0).abs() + (th / 2.0 * normal.1).abs();
                (at.0 + d * normal.0, at.1 + d * normal.1)
            };
            let inside = |(x, y): (f64, f64), (tw, th): (f64, f64)| {
                x - tw / 2.0 >= 1.0
                    && x + tw / 2.0 <= f64::from(w) - 1.0
                    && y - th / 2.0 >= 1.0
                    && y + th / 2.0 <= f64::from(h) - 1.0
            };
            let clear = |(x, y): (f64, f64), (tw, th): (f64, f64)| {
                taken.iter().all(|&((ox, oy), (ow, oh))| {
                    (x - ox).abs() >= (tw + ow) / 2.0 + GAP
                        || (y - oy).abs() >= (th + oh) / 2.0 + GAP
                })
            };
            // Shorter forms, tried in turn: without its parenthesis ("w", "PC1"), then a random
            // direction's "dir 1" ("random direction 1random direction 2" on a phone).
            let short = name.split(" (").next().unwrap_or(name).to_string();
            let tiny = short.replace("random direction ", "dir ");
            let fitted = [name.clone(), short, tiny.clone()]
                .into_iter()
                .skip(if k == 0 { first_form } else { 0 })
                .map(|t| {
                    let s = size(&t, &title);
                    let p = place(s);
                    (t, p, inside(p, s) && clear(p, s))
                })
                .find(|c| c.2);
            let (text, (x, y)) = match fitted {
                Some((t, p, _)) => (t, p),
                // An axis seen end on, without its numbers, goes unnamed where no form of its
                // name fits: pushed onto the canvas, "dir 2" sat on the height's numbers.
                None if len < 0.25 * f64::from(w.min(h)) => {
                    all_fit &= first_form == 2;
                    continue;
                }
                None => {
                    all_fit = false;
                    // Kept on the canvas, where it may meet a label: a name off the picture
                    // names nothing.
                    let (tw, th) = size(&tiny, &title);
                    let (x, y) = place((tw, th));
                    let clamp = |v: f64, half: f64, side: u32| {
                        v.clamp(half + 1.0, (f64::from(side) - half - 1.0).max(half + 1.0))
                    };
                    (tiny.clone(), (clamp(x, tw / 2.0, w), clamp(y, th / 2.0, h)))
                }
            };
            taken.push(((x, y), size(&text, &title)));
            placed.push((text, (x as i32, y as i32)));
        }
        if all_fit {
            break;
        }
    }
    for (text, at) in placed {
        area.draw(&Text::new(text, at, title.clone()))?;
    }
    Ok(())
}
