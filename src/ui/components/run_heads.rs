//! The loaded run's findings at the top of the page, above the toy's verdict
//! (`Scene::run_heads`); the why of each, and what would change it, stay in Your run.

use yew::prelude::*;

/// Each finding, one line. A function, not a component: it keeps no state.
pub fn run_heads(heads: &[String]) -> Html {
    if heads.is_empty() {
        return Html::default();
    }
    html! {
        <section class="run-heads" id="run-heads" aria-label="Your YOLO run, worth a look">
            <p><strong>{ "Your YOLO run, worth a look" }</strong>{ " (why, and what would change each: Your YOLO run ↓)" }</p>
            <ul>{ for heads.iter().map(|h| html! { <li>{ h }</li> }) }</ul>
            // Where the page turns to the toy: three YOLO users read its verdict, just below, as
            // advice for their own run.
            <p class="run-heads-toy">{ "Below: the page's toy task, trained with your settings. Its verdict and rates are the toy's, not your model's." }</p>
        </section>
    }
}
