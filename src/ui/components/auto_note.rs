//! What `optimizer=auto` picked, in view, and why, folded: the arithmetic behind the pick is
//! long, and the first screen keeps to the pick itself.

use yew::prelude::*;

/// The note (`plan::auto_note`): the pick, then ", because " and the reasons. A function, not a
/// component: it keeps no state, and each component costs the bundle its own copy of Yew's
/// lifecycle code.
pub fn auto_note(note: &str) -> Html {
    match note.split_once(", because ") {
        Some((pick, why)) => html! {
            <details class="auto-note" id="auto-note">
                <summary>{ format!("{pick}.") }{ " " }<span class="auto-why-label">{ "why" }</span></summary>
                <p class="auto-why">{ format!("Because {why}") }</p>
            </details>
        },
        None => html! { <p class="auto-note" id="auto-note">{ note.to_string() }</p> },
    }
}
