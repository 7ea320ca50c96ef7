//! What the pool makes of a worker that cannot start or fails: a sentence for the reader, and
//! never a second JavaScript call from inside a handler that holds a borrow.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, Worker};

/// The worker's `error` handler: records the first failure in `failed`. A script that cannot be
/// loaded (a 404, or a policy that forbids it) fires a plain `Event`, not an `ErrorEvent`, so
/// the message is read only from an `ErrorEvent`: reading it from a plain one threw inside the
/// handler, which left `failed` borrowed for good and crashed the page on its next frame.
pub(super) fn on_error(failed: Rc<RefCell<Option<String>>>) -> Closure<dyn FnMut(Event)> {
    Closure::<dyn FnMut(Event)>::new(move |e: Event| {
        let why = match e.dyn_ref::<ErrorEvent>() {
            Some(error) => format!("a landscape worker failed ({})", error.message()),
            None => "a landscape worker could not be started (worker.js did not load)".to_string(),
        };
        // The borrow is taken after every call into JavaScript, so nothing can leave it held.
        if let Ok(mut slot) = failed.try_borrow_mut() {
            slot.get_or_insert(why);
        }
    })
}

/// A worker could not be made or sent its module (`new Worker` refused by the page's policy,
/// say): the ones already made are let go, and the reason is a sentence for the reader.
pub(super) fn refused(made: &[Worker], error: &JsValue) -> String {
    for worker in made {
        worker.terminate();
    }
    let detail = error
        .dyn_ref::<js_sys::Error>()
        .map_or_else(|| "refused".to_string(), |e| String::from(e.message()));
    format!("a landscape worker could not be started ({detail})")
}
