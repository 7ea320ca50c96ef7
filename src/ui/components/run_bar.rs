//! The run bar: playback, the comparisons, the ghost and the time cursor.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::playback::Playback;
use super::settings_panel::section_controls;
use crate::state::scene::RunBar as Bar;
use crate::state::session::Command;
use crate::state::{Action, Config, Section};

#[derive(Properties, PartialEq)]
pub struct RunBarProps {
    pub bar: Bar,
    pub config: Config,
    pub on_action: Callback<Action>,
    pub on_command: Callback<Command>,
}

#[component]
pub fn RunBar(props: &RunBarProps) -> Html {
    let bar = &props.bar;
    let command = |c: Command| props.on_command.reform(move |_: MouseEvent| c);
    let on_scrub = props.on_command.reform(|e: InputEvent| {
        let v = e
            .target_unchecked_into::<HtmlInputElement>()
            .value_as_number();
        Command::Cursor(v.is_finite().then_some(v.max(0.0) as usize))
    });
    html! {
        <section class="run-bar" aria-label="Run">
            <Playback playing={bar.playing} finished={bar.finished} speed={bar.speed}
                iteration={bar.iteration} total={bar.total} on_command={props.on_command.clone()} />
            <div class="run-tools">
                { section_controls(Section::Run, &props.config, &props.on_action) }
                <button type="button" id="pin" onclick={command(Command::Pin)}>{ "Pin as ghost" }</button>
                if bar.has_ghost {
                    <button type="button" id="unpin" onclick={command(Command::Unpin)}>{ "Remove ghost" }</button>
                }
            </div>
            <div class="scrub">
                <label for="scrub">{ "Time cursor" }</label>
                <input type="range" id="scrub" min="0" max={bar.iteration.saturating_sub(1).to_string()} step="1"
                    value={bar.shown.unwrap_or(0).to_string()} oninput={on_scrub} disabled={bar.iteration == 0}
                    aria-valuetext={format!("iteration {}", bar.shown.map_or(0, |k| k + 1))} />
            </div>
        </section>
    }
}
