//! Escape hides every term's tip, hovered ones included, until the pointer or the focus moves
//! again: a student found no key that closed a tip, and an open tip can cover the next term.
//! A click elsewhere than on a term does too: what it changes can slide a term under a pointer
//! that has not moved (a student answered a question, the text grew, and "momentum" opened its
//! tip over the answer).

use gloo::events::EventListener;
use yew::prelude::*;

/// Whether `e` is a press of Escape: what closes a tip.
pub fn is_escape(e: &web_sys::Event) -> bool {
    wasm_bindgen::JsCast::dyn_ref::<web_sys::KeyboardEvent>(e).is_some_and(|k| k.key() == "Escape")
}

/// Whether `e` happened on a term (its button or its tip).
fn on_term(e: &web_sys::Event) -> bool {
    e.target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .and_then(|t| t.closest(".term-wrap").ok().flatten())
        .is_some()
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
        let on_click = {
            let root = root.clone();
            EventListener::new(&gloo::utils::document(), "click", move |e| {
                if !on_term(e) {
                    let _ = root.class_list().add_1(HUSHED);
                }
            })
        };
        // The focus wakes them only on a term, whose tip it opens: focus moved to the rate's box
        // brought back a hushed tip under a pointer that had not moved, over the verdict, as a
        // student typed rates.
        let on_focus = {
            let root = root.clone();
            EventListener::new(&gloo::utils::document(), "focusin", move |e| {
                if on_term(e) {
                    let _ = root.class_list().remove_1(HUSHED);
                }
            })
        };
        let listeners = [
            on_key,
            on_click,
            on_focus,
            wake("pointermove"),
            wake("pointerdown"),
        ];
        move || drop(listeners)
    });
}
