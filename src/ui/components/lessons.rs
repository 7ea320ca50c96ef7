//! The lesson menu.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::state::Preset;

#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    pub current: Option<Preset>,
    pub on_preset: Callback<Option<Preset>>,
    /// The course's closing slide is showing, not the lesson of its last step.
    #[prop_or_default]
    pub at_end: bool,
}

#[component]
pub fn Lessons(props: &LessonsProps) -> Html {
    let onchange = props
        .on_preset
        .reform(|e: Event| Preset::parse(&e.target_unchecked_into::<HtmlSelectElement>().value()));
    // The closing slide is named as such: the menu showed the last lesson over "What we saw".
    let value = match props.current {
        _ if props.at_end => "end",
        p => p.map_or("none", Preset::name),
    };
    let select = crate::ui::hooks::use_select_value(value);
    html! {
        <div class="field lessons">
            <label for="preset">{ "Lesson" }</label>
            <select id="preset" ref={select} {onchange}>
                <option value="none" selected={value == "none"}>{ "— your own settings —" }</option>
                if props.at_end {
                    <option value="end" selected=true disabled=true>{ "— course done: what we saw —" }</option>
                }
                for p in crate::state::lessons::course::MENU {
                    <option value={p.name()} selected={value == p.name()}>{ p.title() }</option>
                }
            </select>
        </div>
    }
}
