//! The lesson menu, its text, and the copy-link button.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::state::Preset;

#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    pub current: Option<Preset>,
    pub on_preset: Callback<Option<Preset>>,
}

#[component]
pub fn Lessons(props: &LessonsProps) -> Html {
    let copied = use_state(|| None::<String>);
    let onchange = props
        .on_preset
        .reform(|e: Event| Preset::parse(&e.target_unchecked_into::<HtmlSelectElement>().value()));
    let copy = {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let window = gloo::utils::window();
            let href = window.location().href().unwrap_or_default();
            let _ = window.navigator().clipboard().write_text(&href);
            copied.set(Some(href));
        })
    };
    let value = props.current.map_or("none", Preset::name);
    html! {
        <section class="lessons" aria-label="Lessons">
            <div class="field">
                <label for="preset">{ "Lesson" }</label>
                <select id="preset" {onchange}>
                    <option value="none" selected={value == "none"}>{ "— your own settings —" }</option>
                    for p in Preset::ALL {
                        <option value={p.name()} selected={value == p.name()}>{ p.title() }</option>
                    }
                </select>
            </div>
            if let Some(p) = props.current {
                <p class="lesson" id="lesson">{ p.lesson() }</p>
            }
            <div class="copy">
                <button type="button" id="copy-link" onclick={copy}>{ "Copy link" }</button>
                if let Some(href) = (*copied).clone() {
                    <input class="copied" readonly=true value={href} aria-label="Link to this page" />
                }
            </div>
        </section>
    }
}
