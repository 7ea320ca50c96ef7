//! The lesson menu.

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
    let onchange = props
        .on_preset
        .reform(|e: Event| Preset::parse(&e.target_unchecked_into::<HtmlSelectElement>().value()));
    let value = props.current.map_or("none", Preset::name);
    html! {
        <div class="field lessons">
            <label for="preset">{ "Lesson" }</label>
            <select id="preset" {onchange}>
                <option value="none" selected={value == "none"}>{ "— your own settings —" }</option>
                for p in crate::state::lessons::course::MENU {
                    <option value={p.name()} selected={value == p.name()}>{ p.title() }</option>
                }
            </select>
        </div>
    }
}
