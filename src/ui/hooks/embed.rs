//! An embed's side of the host page: it tells the parent window its height, so that the host's
//! `embed.js` can size the iframe to fit, and it says when it is on the reader's screen, so that
//! it trains only while seen.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, ResizeObserver};
use yew::prelude::*;

/// The one message an embed sends: `{ type: "stride:height", height }`, in CSS pixels.
/// A height is no secret, so it goes to any parent (`"*"`): the host's origin is not ours to
/// know.
fn post_height(height: f64) {
    let window = gloo::utils::window();
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return;
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"stride:height".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.ceil().into());
    let _ = parent.post_message(&message, "*");
}

/// In embed mode, posts `node`'s height whenever it changes, and calls `on_seen` when it
/// scrolls into or out of view (the observer's implicit root is the top page's viewport, so
/// this works inside an iframe of any origin). Does nothing on a page of its own.
#[hook]
pub fn use_embed(embed: bool, node: NodeRef, on_seen: Callback<bool>) {
    use_effect_with(embed, move |&embed| {
        let observers = embed
            .then(|| node.cast::<Element>())
            .flatten()
            .and_then(|element| observe(&element, on_seen));
        move || {
            if let Some((resize, seen, _closures)) = observers {
                resize.disconnect();
                seen.disconnect();
            }
        }
    });
}

type Closures = (
    Closure<dyn FnMut(js_sys::Array)>,
    Closure<dyn FnMut(js_sys::Array)>,
);

fn observe(
    element: &Element,
    on_seen: Callback<bool>,
) -> Option<(ResizeObserver, IntersectionObserver, Closures)> {
    let measured = element.clone();
    let mut last = 0.0;
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
        let height = measured.get_bounding_client_rect().height().ceil();
        if height != last {
            last = height;
            post_height(height);
        }
    });
    let resize = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
    resize.observe(element);
    let on_intersect = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // The last entry is the newest state when several arrive at once.
        if let Some(entry) = entries
            .iter()
            .last()
            .and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
        {
            on_seen.emit(entry.is_intersecting());
        }
    });
    let seen = IntersectionObserver::new(on_intersect.as_ref().unchecked_ref()).ok()?;
    seen.observe(element);
    Some((resize, seen, (on_resize, on_intersect)))
}
