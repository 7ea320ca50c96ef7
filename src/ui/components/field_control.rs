//! One control generated from its row of the parameter table: it emits
//! `Action::Set(key, text)`, so the table's ranges and parsing rule the control too.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::term::{SETTING, Term};
use crate::state::lessons::glossary::lookup;
use crate::state::settings::params::Field;
use crate::state::{Action, Config, Key};

#[derive(Properties, PartialEq)]
pub struct FieldControlProps {
    /// The parameter.
    pub param: Key,
    pub config: Config,
    pub on_action: Callback<Action>,
}

/// One labelled control for one URL parameter; hidden in classroom mode.
#[component]
pub fn FieldControl(props: &FieldControlProps) -> Html {
    let input_ref = use_node_ref();
    // What the last edit of a list needed saying ("should be up to 3 numbers…; using …").
    let said = use_state(|| None::<String>);
    let p = props.param.param();
    let value = p.write(&props.config);
    // Number boxes are uncontrolled: the page re-renders every animation frame, and a bound
    // `value` would overwrite what the user is typing. The box is set only when the setting
    // itself changes. A menu is set the same way: once a learner has picked one of its
    // options, a browser no longer follows that option's `selected` attribute.
    {
        let input_ref = input_ref.clone();
        // Checked casts: `NodeRef::cast` does not check the element's type.
        use_effect_with(value.clone(), move |v| {
            let node = input_ref.get();
            if let Some(input) = node
                .clone()
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            {
                input.set_value(v);
            } else if let Some(select) = node.and_then(|n| n.dyn_into::<HtmlSelectElement>().ok()) {
                select.set_value(v);
            }
        });
    }
    if props.config.hides(p.key) {
        return html! {};
    }
    let (key, name) = (p.key, p.name);
    let id = format!("ctl-{name}");
    let title = p.help;
    let emit = {
        let on_action = props.on_action.clone();
        move |text: String| on_action.emit(Action::Set(key, text))
    };
    // A button may not sit inside a label, so a term's explanation opens from a sign beside it;
    // a setting with no glossary term opens its own help, which a tooltip alone showed only to
    // a mouse (a student on a phone found Seed, Noise and Batch unexplained).
    let term = match lookup(name) {
        Some(entry) => Some(
            html! { <Term text="?" {entry} id={format!("tip-ctl-{name}")} name={format!("What is {name}?")} /> },
        ),
        None if !title.is_empty() => Some(
            html! { <Term text="?" entry={&SETTING} tip={title} id={format!("tip-ctl-{name}")} name={format!("What is {name}?")} /> },
        ),
        None => None,
    };
    let label = html! {
        <>
            <label for={id.clone()} title={title}>
                { p.label }{ " " }<code class="param">{ name }</code>
            </label>
            { for term }
        </>
    };
    let input = match p.field {
        Field::Number { min, max, .. } => {
            let onchange = Callback::from(move |e: Event| {
                emit(e.target_unchecked_into::<HtmlInputElement>().value())
            });
            html! {
                <input type="number" id={id.clone()} ref={input_ref} min={min.to_string()} max={max.to_string()}
                    step="any" {onchange} />
            }
        }
        Field::Whole { min, max, .. } => {
            let onchange = Callback::from(move |e: Event| {
                emit(e.target_unchecked_into::<HtmlInputElement>().value())
            });
            html! {
                <input type="number" id={id.clone()} ref={input_ref} min={min.to_string()} max={max.to_string()}
                    step="1" {onchange} />
            }
        }
        Field::Choice { options, .. } => {
            let onchange = Callback::from(move |e: Event| {
                emit(e.target_unchecked_into::<HtmlSelectElement>().value())
            });
            html! {
                <select id={id.clone()} ref={input_ref} {onchange}>
                    for (opt, text) in options() {
                        <option value={opt} selected={opt == value}>{ text }</option>
                    }
                </select>
            }
        }
        Field::Flag { .. } => {
            let checked = value == "1";
            let onchange = Callback::from(move |e: Event| {
                let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                emit(if on { "1" } else { "0" }.to_string())
            });
            return html! {
                <div class="field check">
                    <input type="checkbox" id={id.clone()} {checked} {onchange} />
                    { label }
                </div>
            };
        }
        Field::Numbers { .. } => {
            let (said, config) = (said.clone(), props.config.clone());
            let onchange = Callback::from(move |e: Event| {
                let text = e.target_unchecked_into::<HtmlInputElement>().value();
                said.set(p.read(&mut config.clone(), &text).map(|n| n.message));
                emit(text)
            });
            html! {
                <input type="text" id={id.clone()} ref={input_ref} inputmode="decimal"
                    placeholder="e.g. 0.01, 0.1, 1" {onchange} />
            }
        }
        Field::Text { .. } | Field::Names { .. } => return html! {},
    };
    html! {
        <div class="field">
            { label }
            { input }
            if let Some(used) = crate::state::plan::in_use(&props.config, key) {
                <span class="in-use">{ format!("auto uses {used}") }</span>
            }
            if let Some(note) = (*said).clone().or_else(|| (key == Key::Lrs).then(|| crate::state::plan::lrs_note(&props.config)).flatten()) {
                <span class="field-note" role="status">{ note }</span>
            }
        </div>
    }
}
