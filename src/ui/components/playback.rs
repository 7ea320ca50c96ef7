//! Play, pause, single step, reset and speed.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::state::runs::session::Command;

#[derive(Properties, PartialEq)]
pub struct PlaybackProps {
    pub playing: bool,
    pub finished: bool,
    pub speed: usize,
    pub speeds: [(usize, &'static str); 7],
    pub iteration: usize,
    pub total: usize,
    pub on_command: Callback<Command>,
}

#[component]
pub fn Playback(props: &PlaybackProps) -> Html {
    let toggle = props.on_command.reform(|_: MouseEvent| Command::Toggle);
    let step = props.on_command.reform(|_: MouseEvent| Command::Step);
    let reset = props.on_command.reform(|_: MouseEvent| Command::Reset);
    let speed_menu = crate::ui::hooks::use_select_value(&props.speed.to_string());
    let speed = props.on_command.reform(|e: Event| {
        Command::Speed(
            e.target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse()
                .unwrap_or(16),
        )
    });
    // At the end the button plays the run again from the start (Reset goes back and waits): a
    // student took a greyed-out Play for a broken page.
    let label = match (props.finished, props.playing) {
        (true, _) => "Replay",
        (false, true) => "Pause",
        (false, false) => "Play",
    };
    let toggle = if props.finished {
        props.on_command.reform(|_: MouseEvent| Command::Replay)
    } else {
        toggle
    };
    html! {
        <div class="playback" role="group" aria-label="Playback">
            <button type="button" id="play" onclick={toggle} data-finished={props.finished.to_string()}
                aria-pressed={(props.playing && !props.finished).to_string()}>
                // Drawn, not a glyph: ⏸ is missing from common fonts and showed as an empty box.
                if props.playing && !props.finished {
                    <svg class="icon" aria-hidden="true" viewBox="0 0 10 10" width="10" height="10">
                        <rect x="1" y="1" width="3" height="8" fill="currentColor" />
                        <rect x="6" y="1" width="3" height="8" fill="currentColor" />
                    </svg>
                } else {
                    <svg class="icon" aria-hidden="true" viewBox="0 0 10 10" width="10" height="10">
                        <path d="M2 1 L9 5 L2 9 Z" fill="currentColor" />
                    </svg>
                }
                { " " }{ label }
            </button>
            <button type="button" id="step" onclick={step} disabled={props.finished || props.playing}>{ "Step" }</button>
            <button type="button" id="reset" onclick={reset}>{ "Reset" }</button>
            // One piece, so that a phone never wraps the label away from its menu.
            <span class="speed">
                <label for="speed">{ "Speed" }</label>{ " " }
                <select id="speed" ref={speed_menu} onchange={speed}>
                    for (v, name) in props.speeds {
                        <option value={v.to_string()} selected={v == props.speed}>{ name }</option>
                    }
                </select>
            </span>
            <span class="progress" id="progress" aria-live="off">
                { format!("trained {} of {}", props.iteration, props.total) }
            </span>
        </div>
    }
}
