//! Light or dark: the page's theme, following the reader's system setting when it is `auto`.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::MediaQueryList;
use yew::prelude::*;

use crate::state::Theme;

fn system_dark() -> Option<MediaQueryList> {
    gloo::utils::window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
}

/// Whether the page is dark. `theme` is the settings' theme, which an embed's host can set
/// (`stride:theme`, see `use_embed`). Follows the system setting as it changes, and marks the
/// document (`<html class="dark">`) so the whole page, margins included, takes the theme.
#[hook]
pub fn use_dark(theme: Theme) -> bool {
    let prefers = use_state(|| system_dark().is_some_and(|m| m.matches()));
    {
        let prefers = prefers.clone();
        use_effect_with((), move |_| {
            let query = system_dark();
            let listener = Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(
                move |e: web_sys::MediaQueryListEvent| prefers.set(e.matches()),
            );
            if let Some(q) = &query {
                let _ =
                    q.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(q) = &query {
                    let _ = q.remove_event_listener_with_callback(
                        "change",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let dark = theme.dark(*prefers);
    use_effect_with(dark, |&dark| {
        if let Some(root) = gloo::utils::document().document_element() {
            let classes = root.class_list();
            let _ = if dark {
                classes.add_1("dark")
            } else {
                classes.remove_1("dark")
            };
        }
    });
    dark
}

/// The chart colours of the page's theme, provided by the page; light when nothing provides them.
#[hook]
pub fn use_colors() -> crate::charts::Colors {
    use_context::<crate::charts::Colors>().unwrap_or(crate::charts::LIGHT)
}
