//! Hooks shared by the components.

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::charts::{Area, DrawResult};

/// Redraws the canvas behind `canvas` with `draw` whenever `deps` change. A failed draw is
/// logged, never unwrapped: a chart that cannot be drawn must not take the page down.
#[hook]
pub fn use_plot<D, F>(canvas: NodeRef, deps: D, draw: F)
where
    D: PartialEq + 'static,
    F: Fn(&Area<CanvasBackend>, &D) -> DrawResult<CanvasBackend> + 'static,
{
    use_effect_with(deps, move |deps| {
        let backend = canvas
            .cast::<HtmlCanvasElement>()
            .and_then(CanvasBackend::with_canvas_object);
        if let Some(backend) = backend {
            if let Err(err) = draw(&backend.into_drawing_area(), deps) {
                gloo::console::warn!(format!("chart not drawn: {err}"));
            }
        }
    });
}
