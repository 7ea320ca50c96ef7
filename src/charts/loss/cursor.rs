//! The shared time cursor on the loss chart: its line, and where each run crosses it, a dot
//! with the run's loss beside it. A student hovered the chart and found only a grey line, with
//! the values in the read-out far above.

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{LossChart, x_end};
use crate::charts::{Colors, DrawResult, LABEL_PX, font};
use crate::engine::stability::fmt_loss;

/// The cursor's line from `lo` to `hi`, and each live run's value at it.
pub fn draw<'c, DB: DrawingBackend + 'c, Y: Ranged<ValueType = f64>>(
    chart: &mut ChartContext<'c, DB, Cartesian2d<RangedCoordf64, Y>>,
    scene: &LossChart,
    (lo, hi, log_y): (f64, f64, bool),
    colors: &Colors,
) -> DrawResult<DB> {
    let Some(main) = scene.series.iter().find(|s| !s.ghost) else {
        return Ok(());
    };
    let Some(c) = scene.cursor else {
        return Ok(());
    };
    let x = main.x(c, scene.epochs);
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(x, lo), (x, hi)],
        colors.ink.mix(0.5).stroke_width(1),
    )))?;
    // Past the chart's middle the numbers go to the cursor's left, inside the plot.
    let left = x > 0.6 * x_end(scene);
    let anchor = Pos::new(if left { HPos::Right } else { HPos::Left }, VPos::Center);
    let dx = if left { -7 } else { 7 };
    let dots: Vec<(f64, &crate::charts::loss::Series)> = scene
        .series
        .iter()
        .filter(|s| !s.ghost)
        .filter_map(|s| {
            // The same moment in each run: on an axis in epochs, its own iteration there.
            let k = if scene.epochs {
                ((x * s.per_epoch.max(1) as f64).round() as usize).checked_sub(1)?
            } else {
                c
            };
            let y = *s.line().get(k / s.stride.max(1))?;
            (y.is_finite() && (!log_y || y > 0.0) && (lo..=hi).contains(&y)).then_some((y, s))
        })
        .collect();
    // Each number kept a line apart from the next, top to bottom, wherever the runs cross
    // close together (a student met "0.101" written over "0.106").
    let mut order: Vec<(i32, f64, &crate::charts::loss::Series)> = dots
        .iter()
        .map(|&(y, s)| (chart.backend_coord(&(x, y)).1, y, s))
        .collect();
    order.sort_by_key(|d| d.0);
    let line = LABEL_PX as i32 + 2;
    // Below the moment's own words at the line's top (a student met "iteration 49" written
    // over "2.14").
    let mut next = chart.backend_coord(&(x, hi)).1 + 2 + line;
    // Each dot's pixel row becomes its number's offset from it.
    for d in &mut order {
        let at = (d.0 - 9).max(next);
        next = at + line;
        d.0 = at - d.0;
    }
    chart.draw_series(order.iter().map(|&(dy, y, s)| {
        let text = fmt_loss(y);
        // On paper of its own, so that the lines behind do not cross the digits.
        let (w, h) = (
            (0.62 * f64::from(LABEL_PX) * text.len() as f64) as i32 + 4,
            LABEL_PX as i32 + 2,
        );
        let x0 = if left { dx - w + 2 } else { dx - 2 };
        EmptyElement::at((x, y))
            + Rectangle::new(
                [(x0, dy - h / 2), (x0 + w, dy + h / 2)],
                colors.paper.mix(0.85).filled(),
            )
            + Circle::new((0, 0), 4, s.color.filled())
            + Circle::new((0, 0), 4, colors.ink.stroke_width(1))
            + Text::new(text, (dx, dy), font(LABEL_PX, &s.color).pos(anchor))
    }))?;
    // The moment itself, at the line's top: the values alone did not say when.
    let when = if scene.epochs {
        let e = (x * 10.0).round() / 10.0;
        if e.fract() == 0.0 {
            format!("epoch {e:.0}")
        } else {
            format!("epoch {e:.1}")
        }
    } else {
        format!("iteration {}", crate::charts::thousands(x.round() as usize))
    };
    chart.draw_series(std::iter::once(
        EmptyElement::at((x, hi))
            + Text::new(
                when,
                (dx, 2),
                font(LABEL_PX, &colors.ink).pos(Pos::new(anchor.h_pos, VPos::Top)),
            ),
    ))?;
    Ok(())
}
