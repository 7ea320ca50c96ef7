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
fn use_first_render_stamp() {
    use_effect_with((), |_| {
        let t = super::now();
        let _ = js_sys::Reflect::set(
            &gloo::utils::window(),
            &"__strideFirstRender".into(),
            &t.into(),
        );
    });
}

/// False until two animation frames after the first render, then true: the panels below the
/// first screen render then, so that the first frame (the landscape, the loss and the slider)
/// is painted without them on a slow laptop. The first frame's callback runs before that
/// frame's paint; the second's, after it. It stamps the first render too.
#[hook]
pub fn use_after_first_paint() -> bool {
    use_first_render_stamp();
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            let second: Rc<RefCell<Option<AnimationFrame>>> = Rc::default();
            let keep = second.clone();
            let first = request_animation_frame(move |_| {
                *keep.borrow_mut() = Some(request_animation_frame(move |_| ready.set(true)));
            });
            move || {
                drop(first);
                second.borrow_mut().take();
            }
        });
    }
    *ready
}
