//! What `optimizer=auto` picked, in view, and why, folded: the arithmetic behind the pick is
//! long, and the first screen keeps to the pick itself.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AutoNoteProps {
    /// The note (`plan::auto_note`): the pick, then ", because " and the reasons.
    pub note: String,
}

#[component]
pub fn AutoNote(props: &AutoNoteProps) -> Html {
    match props.note.split_once(", because ") {
        Some((pick, why)) => html! {
            <details class="auto-note" id="auto-note">
                <summary>{ format!("{pick}.") }{ " " }<span class="auto-why-label">{ "why" }</span></summary>
                <p class="auto-why">{ format!("Because {why}") }</p>
            </details>
        },
        None => html! { <p class="auto-note" id="auto-note">{ props.note.clone() }</p> },
    }
}
