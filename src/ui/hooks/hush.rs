//! Escape hides every term's tip, hovered ones included, until the pointer or the focus moves
//! again: a student found no key that closed a tip, and an open tip can cover the next term.

use gloo::events::EventListener;
use yew::prelude::*;

/// The class on the document's root that hides the tips (style.css).
const HUSHED: &str = "tips-hushed";

#[hook]
pub fn use_escape_hushes_tips() {
    use_effect_with((), |_| {
        let root = gloo::utils::document_element();
        let on_key = {
            let root = root.clone();
            EventListener::new(&gloo::utils::document(), "keydown", move |e| {
                let key = wasm_bindgen::JsCast::dyn_ref::<web_sys::KeyboardEvent>(e)
                    .map(web_sys::KeyboardEvent::key);
                if key.as_deref() == Some("Escape") {
                    let _ = root.class_list().add_1(HUSHED);
                }
            })
        };
        let wake = |kind: &'static str| {
            let root = root.clone();
            EventListener::new(&gloo::utils::document(), kind, move |_| {
                let _ = root.class_list().remove_1(HUSHED);
            })
        };
        let listeners = [
            on_key,
            wake("pointermove"),
            wake("pointerdown"),
            wake("focusin"),
        ];
        move || drop(listeners)
    });
}
