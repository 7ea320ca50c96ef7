//! The loaded run's findings at the top of the page, above the toy's verdict
//! (`Scene::run_heads`); the why of each, and what would change it, stay in Your run.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RunHeadsProps {
    /// Each finding, one line.
    pub heads: Vec<String>,
}

#[component]
pub fn RunHeads(props: &RunHeadsProps) -> Html {
    html! {
        <section class="run-heads" id="run-heads" aria-label="Your YOLO run, worth a look">
            <p><strong>{ "Your YOLO run, worth a look" }</strong>{ " (why, and what would change each: Your YOLO run ↓)" }</p>
            <ul>{ for props.heads.iter().map(|h| html! { <li>{ h }</li> }) }</ul>
        </section>
    }
}
