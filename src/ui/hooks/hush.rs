//! Escape hides every term's tip, hovered ones included, until the pointer or the focus moves
//! again: a student found no key that closed a tip, and an open tip can cover the next term.

use gloo::events::EventListener;
use yew::prelude::*;

/// Whether `e` is a press of Escape: what closes a tip.
pub fn is_escape(e: &web_sys::Event) -> bool {
    wasm_bindgen::JsCast::dyn_ref::<web_sys::KeyboardEvent>(e).is_some_and(|k| k.key() == "Escape")
}

/// The class on the document's root that hides the tips (style.css).
const HUSHED: &str = "tips-hushed";

#[hook]
pub fn use_escape_hushes_tips() {
    use_effect_with((), |_| {
        let root = gloo::utils::document_element();
        let on_key = {
            let root = root.clone();
            EventListener::new(&gloo::utils::document(), "keydown", move |e| {
                if is_escape(e) {
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
