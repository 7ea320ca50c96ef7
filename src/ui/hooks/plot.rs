//! A chart on a canvas, redrawn when what it shows changes.

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::charts::{Area, DrawResult};
use crate::ui::canvas::Canvas;

/// Redraws the canvas behind `canvas` with `draw` whenever `deps` change. A failed draw is
/// logged, never unwrapped: a chart that cannot be drawn must not take the page down.
#[hook]
pub fn use_plot<D, F>(canvas: NodeRef, deps: D, draw: F)
where
    D: PartialEq + 'static,
    F: Fn(&Area<Canvas>, &D) -> DrawResult<Canvas> + 'static,
{
    use_effect_with(deps, move |deps| {
        let element = canvas.cast::<HtmlCanvasElement>();
        // Clear first: a transparent overlay layer has no background fill to paint over the
        // previous frame.
        if let Some(ctx) = element
            .as_ref()
            .and_then(|c| c.get_context("2d").ok().flatten())
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        {
            if let Some(c) = element.as_ref() {
                ctx.clear_rect(0.0, 0.0, f64::from(c.width()), f64::from(c.height()));
            }
        }
        let backend = element.and_then(Canvas::new);
        if let Some(backend) = backend {
            if let Err(err) = draw(&backend.into_drawing_area(), deps) {
                gloo::console::warn!(format!("chart not drawn: {err}"));
            }
        }
    });
}
