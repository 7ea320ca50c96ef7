//! Hooks shared by the components.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::render::{AnimationFrame, request_animation_frame};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use super::canvas::Canvas;
use crate::charts::{Area, DrawResult};

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

/// Calls `on_frame` once per animation frame while `active`. The frame handle lives in the
/// effect and is dropped in its cleanup, which cancels the loop (no leaked loops).
#[hook]
pub fn use_animation_loop(active: bool, on_frame: Callback<()>) {
    use_effect_with(active, move |&active| {
        let handle: Rc<RefCell<Option<AnimationFrame>>> = Rc::default();
        let alive = Rc::new(Cell::new(active));
        if active {
            schedule(handle.clone(), alive.clone(), on_frame);
        }
        move || {
            alive.set(false);
            handle.borrow_mut().take();
        }
    });
}

fn schedule(
    handle: Rc<RefCell<Option<AnimationFrame>>>,
    alive: Rc<Cell<bool>>,
    on_frame: Callback<()>,
) {
    let next = handle.clone();
    let frame = request_animation_frame(move |_| {
        if alive.get() {
            on_frame.emit(());
            schedule(next, alive, on_frame);
        }
    });
    *handle.borrow_mut() = Some(frame);
}
