//! A chart on a canvas, redrawn when what it shows changes or the canvas is resized.

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::charts::{Area, DrawResult};
use crate::ui::canvas::Canvas;

/// Gives the canvas as many pixels as it has CSS pixels, keeping its aspect ratio (the width
/// and height it was declared with): a canvas drawn at a fixed size and scaled down by the page
/// shrinks its text (to 8 px on a phone). Returns whether the size changed.
fn fit(canvas: &HtmlCanvasElement) -> bool {
    let css = canvas.client_width();
    if css <= 0 {
        return false;
    }
    let width = css as u32;
    let declared = canvas
        .get_attribute("data-aspect")
        .and_then(|a| a.parse::<f64>().ok())
        .unwrap_or_else(|| {
            let a = f64::from(canvas.height()) / f64::from(canvas.width().max(1));
            let _ = canvas.set_attribute("data-aspect", &a.to_string());
            a
        });
    // A chart may ask to be flatter on a narrow screen (a phone), to leave room for the others.
    let narrow = canvas
        .get_attribute("data-aspect-narrow")
        .and_then(|a| a.parse::<f64>().ok())
        .filter(|_| css < 480);
    let aspect = narrow.unwrap_or(declared);
    let height = (f64::from(width) * aspect).round() as u32;
    if canvas.width() == width && canvas.height() == height {
        return false;
    }
    canvas.set_width(width);
    canvas.set_height(height);
    true
}

/// Redraws the canvas behind `canvas` with `draw` whenever `deps` change, or the canvas's size
/// on the page (`size`, read by the caller each render). A failed draw is logged, never
/// unwrapped: a chart that cannot be drawn must not take the page down.
#[hook]
pub fn use_plot<D, F>(canvas: NodeRef, deps: D, draw: F)
where
    D: PartialEq + 'static,
    F: Fn(&Area<Canvas>, &D) -> DrawResult<Canvas> + 'static,
{
    let width = canvas
        .cast::<HtmlCanvasElement>()
        .map_or(0, |c| c.client_width());
    use_effect_with((deps, width), move |(deps, _)| {
        let element = canvas.cast::<HtmlCanvasElement>();
        let Some(element) = element else {
            return;
        };
        fit(&element);
        // Clear first: a transparent overlay layer has no background fill to paint over the
        // previous frame.
        if let Some(ctx) = element
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        {
            ctx.clear_rect(
                0.0,
                0.0,
                f64::from(element.width()),
                f64::from(element.height()),
            );
        }
        if let Some(backend) = Canvas::new(element) {
            if let Err(err) = draw(&backend.into_drawing_area(), deps) {
                gloo::console::warn!(format!("chart not drawn: {err}"));
            }
        }
    });
}

/// Renders again when the window is resized, so the charts redraw at their new size.
#[hook]
pub fn use_resize() {
    let force = use_force_update();
    use_effect_with((), move |_| {
        let listener =
            gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| {
                force.force_update()
            });
        move || drop(listener)
    });
}
