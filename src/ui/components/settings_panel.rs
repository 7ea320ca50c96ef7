//! The settings, grouped as the parameter table groups them; a control shows only where it
//! applies and is not hidden.

use yew::prelude::*;

use super::field_control::FieldControl;
use crate::state::{Action, Config, PARAMS, Section};

#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    pub config: Config,
    pub on_action: Callback<Action>,
}

/// The controls of one section, in table order.
pub fn section_controls(section: Section, config: &Config, on_action: &Callback<Action>) -> Html {
    PARAMS
        .iter()
        .filter(|p| p.section == section && (p.shown)(config))
        .map(|p| {
            html! { <FieldControl key={p.name} param={p.key} config={config.clone()} on_action={on_action.clone()} /> }
        })
        .collect()
}

#[component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    html! {
        <>
            for (section, title) in Section::PANEL {
                if section == Section::Advanced {
                    <details class="advanced">
                        <summary>{ title }</summary>
                        { section_controls(section, &props.config, &props.on_action) }
                    </details>
                } else {
                    <fieldset>
                        <legend>{ title }</legend>
                        { section_controls(section, &props.config, &props.on_action) }
                    </fieldset>
                }
            }
        </>
    }
}
