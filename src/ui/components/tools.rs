//! The tools below the charts: the rate map, the LR finder, the sweep, the effective rates,
//! your YOLO run and the export. Folded under one line where the layout says so;
//! [`crate::state::scene::Layout::fold_tools`] gives the reason.

use std::rc::Rc;

use yew::prelude::*;

use super::{FinderPanel, LedgerView, RateMapPanel, SweepPanel, TakeHome, YourRunPanel};
use crate::state::runs::session::Command;
use crate::state::{Action, Config, Notice, Scene};

#[derive(Properties, PartialEq)]
pub struct ToolsProps {
    pub scene: Rc<Scene>,
    pub config: Config,
    /// Folded under one closed line.
    pub fold: bool,
    pub on_action: Callback<Action>,
    pub on_command: Callback<Command>,
    pub on_notices: Callback<Vec<Notice>>,
    pub csv: Callback<(), String>,
}

#[component]
pub fn Tools(props: &ToolsProps) -> Html {
    let (scene, config) = (&props.scene, &props.config);
    let (on_action, on_command) = (&props.on_action, &props.on_command);
    let tools = html! { <>
        <RateMapPanel map={scene.rate_map.clone()} config={config.clone()} on_action={on_action.clone()} toy={scene.readout.toy} />
        <FinderPanel view={scene.finder.clone()} open={config.finder} on_action={on_action.clone()} on_command={on_command.clone()} />
        <SweepPanel view={scene.sweep.clone()} open={config.sweep} accuracy={config.task.has_accuracy()}
            on_action={on_action.clone()} on_command={on_command.clone()} />
        if !scene.veiled {
            <LedgerView ledger={scene.ledger.clone()} open={scene.auto.is_some()} toy={scene.readout.toy} />
        }
        <YourRunPanel view={scene.yours.clone()} on_command={on_command.clone()} />
        if !config.embed {
            <TakeHome config={config.clone()} on_action={on_action.clone()} on_command={on_command.clone()}
                on_notices={props.on_notices.clone()} csv={props.csv.clone()} logged={scene.has_logged_rates()} />
        }
    </> };
    if props.fold {
        // Open by itself where the address asks for the finder or the sweep.
        html! {
            <details class="more-tools" id="more-tools" open={config.finder || config.sweep}>
                <summary>{ "More tools: rate map, LR finder, LR sweep, effective rates, your YOLO run, import and export" }</summary>
                { tools }
            </details>
        }
    } else {
        tools
    }
}
