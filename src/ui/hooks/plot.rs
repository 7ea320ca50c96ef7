//! A chart on a canvas, redrawn when what it shows changes or the canvas is resized.

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::charts::{Area, DrawResult};
use crate::ui::canvas::Canvas;

thread_local! {
    /// CSS pixels per chart pixel, from the page's layout (`scene::Layout::chart_zoom`).
    static ZOOM: std::cell::Cell<f64> = const { std::cell::Cell::new(1.0) };
}

/// Sets how many CSS pixels a chart's pixel takes: above 1 the charts lay out on fewer pixels
/// and every line and label is drawn larger, still at the screen's full sharpness.
pub fn set_chart_zoom(zoom: f64) {
    ZOOM.with(|z| {
        z.set(if zoom.is_finite() {
            zoom.clamp(1.0, 3.0)
        } else {
            1.0
        })
    });
}

/// See [`set_chart_zoom`].
pub fn chart_zoom() -> f64 {
    ZOOM.with(std::cell::Cell::get)
}

/// The screen's device pixels per CSS pixel (2 on phones and Retina laptops, more when zoomed
/// in), within the range a canvas's backing store can afford.
pub fn pixel_ratio() -> f64 {
    let r = gloo::utils::window().device_pixel_ratio();
    if r.is_finite() {
        r.clamp(1.0, 4.0)
    } else {
        1.0
    }
}

/// Gives the canvas a backing store of its CSS size × `ratio` device pixels, keeping its aspect
/// ratio (the width and height it was declared with): a canvas with fewer pixels than the
/// screen has is scaled up and blurred (all charts were, on phones and projectors), and one
/// drawn at a fixed size and scaled down shrinks its text. Returns whether the size changed.
fn fit(canvas: &HtmlCanvasElement, ratio: f64) -> bool {
    let css = canvas.client_width();
    if css <= 0 {
        return false;
    }
    let width = (f64::from(css) * ratio).round() as u32;
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
    // Only when it changes: setting an attribute, even to its value, makes the browser check
    // the page's style again, and the next chart's width read then lays the page out anew.
    let ratio_text = ratio.to_string();
    if canvas.get_attribute("data-ratio").as_deref() != Some(ratio_text.as_str()) {
        let _ = canvas.set_attribute("data-ratio", &ratio_text);
    }
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
    // Each chart listens itself: a chart whose props did not change is not rendered again
    // when the page is.
    use_resize();
    let width = canvas
        .cast::<HtmlCanvasElement>()
        .map_or(0, |c| c.client_width());
    // The ratio as a whole number of hundredths, so it can key the effect.
    let ratio = (pixel_ratio() * 100.0).round() as u32;
    let zoom = (chart_zoom() * 100.0).round() as u32;
    use_effect_with((deps, width, ratio, zoom), move |(deps, _, ratio, zoom)| {
        let element = canvas.cast::<HtmlCanvasElement>();
        let Some(element) = element else {
            return;
        };
        let ratio = f64::from(*ratio) / 100.0;
        fit(&element, ratio);
        // For the end-to-end test: how much larger than a chart pixel each label is drawn.
        let _ = element.set_attribute("data-zoom", &(f64::from(*zoom) / 100.0).to_string());
        // Clear first: a transparent overlay layer has no background fill to paint over the
        // previous frame.
        if let Some(ctx) = element
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        {
            // In device pixels: the transform the last draw left is undone first.
            let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
            ctx.clear_rect(
                0.0,
                0.0,
                f64::from(element.width()),
                f64::from(element.height()),
            );
        }
        // The backing store keeps the screen's pixels; the zoom only enlarges what is drawn.
        if let Some(backend) = Canvas::new(element, ratio * f64::from(*zoom) / 100.0) {
            if let Err(err) = draw(&backend.into_drawing_area(), deps) {
                gloo::console::warn!(format!("chart not drawn: {err}"));
            }
        }
    });
}

/// Renders again when the window is resized, or the device pixel ratio changes (browser zoom,
/// or the window moved to a screen of another density), so the charts redraw at their new size
/// and sharpness.
#[hook]
pub fn use_resize() {
    let force = use_force_update();
    let ratio = (pixel_ratio() * 100.0).round() as u32;
    use_effect_with(ratio, move |_| {
        let again = force.clone();
        let listener =
            gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| {
                again.force_update()
            });
        // A media query that matches only the current ratio says when it stops matching.
        let query = format!("(resolution: {}dppx)", pixel_ratio());
        let density = gloo::utils::window()
            .match_media(&query)
            .ok()
            .flatten()
            .map(|list| {
                gloo::events::EventListener::new(&list, "change", move |_| force.force_update())
            });
        move || drop((listener, density))
    });
}
