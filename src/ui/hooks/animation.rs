//! The animation loop: one callback per frame while something moves, and none after; and the
//! stamp of the first complete render.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::render::{AnimationFrame, request_animation_frame};
use yew::prelude::*;

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

/// Stamps the first complete render, charts included, for the benchmark script.
#[hook]
pub fn use_first_render_stamp() {
    use_effect_with((), |_| {
        let t = super::now();
        let _ = js_sys::Reflect::set(
            &gloo::utils::window(),
            &"__strideFirstRender".into(),
            &t.into(),
        );
    });
}
