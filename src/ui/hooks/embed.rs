//! An embed's side of the host page: it tells the parent window its height, so that the host's
//! `embed.js` can size the iframe to fit, it says when it is on the reader's screen, so that
//! it trains only while seen, and it takes the host's theme (`stride:theme`) from its parent.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{
    Element, IntersectionObserver, IntersectionObserverEntry, MessageEvent, ResizeObserver, Window,
};
use yew::prelude::*;

use crate::state::Action;
use crate::state::settings::host::host_message;

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

/// In embed mode, posts `node`'s height whenever it changes, calls `on_seen` when it
/// scrolls into or out of view (the observer's implicit root is the top page's viewport, so
/// this works inside an iframe of any origin), and passes the host's theme messages to
/// `on_host`. Does nothing on a page of its own.
#[hook]
pub fn use_embed(embed: bool, node: NodeRef, on_seen: Callback<bool>, on_host: Callback<Action>) {
    use_effect_with(embed, move |&embed| {
        // Listening before the first height goes out: `embed.js` answers that message with the
        // host's theme.
        let listener = embed.then(|| listen_to_parent(on_host)).flatten();
        let observers = embed
            .then(|| node.cast::<Element>())
            .flatten()
            .and_then(|element| observe(&element, on_seen));
        move || {
            if let Some((resize, seen, _closures)) = observers {
                resize.disconnect();
                seen.disconnect();
            }
            if let Some((window, on_message)) = listener {
                let _ = window.remove_event_listener_with_callback(
                    "message",
                    on_message.as_ref().unchecked_ref(),
                );
            }
        }
    });
}

/// A message listener on a window, removed on cleanup.
type Listener = (Window, Closure<dyn FnMut(MessageEvent)>);

/// Listens for the documented message from the parent window, and only from it: any other
/// window (a sibling frame, a popup, this page itself) may post anything, so a message counts
/// only if its source is our parent, it is a plain object, and [`host_message`] accepts its
/// fields. Nothing when the page has no parent.
fn listen_to_parent(on_host: Callback<Action>) -> Option<Listener> {
    let window = gloo::utils::window();
    let parent = window.parent().ok().flatten()?;
    if parent == window {
        return None;
    }
    let parent = JsValue::from(parent);
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if e.source().map(JsValue::from) != Some(parent.clone()) {
            return;
        }
        let data = e.data();
        if !data.is_object() {
            return;
        }
        let field = |name: &str| {
            js_sys::Reflect::get(&data, &name.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        if let Some(action) = host_message(field("type").as_deref(), field("theme").as_deref()) {
            on_host.emit(action);
        }
    });
    window
        .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref())
        .ok()?;
    Some((window, on_message))
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
