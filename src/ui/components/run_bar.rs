//! The run bar: playback, the comparisons, the ghost, the time cursor and the link.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::playback::Playback;
use super::settings_panel::section_controls;
use crate::state::runs::session::Command;
use crate::state::scene::RunBar as Bar;
use crate::state::{Action, Config, Key, Section};

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
    let copied = use_state(|| None::<(String, Option<bool>)>);
    // The cursor spans the whole run, so a paused run's thumb sits where the run is (a student
    // read a thumb at the far right as the end); past what is done it holds at the latest.
    let done = bar.iteration;
    // Counted from 1, as the read-outs count iterations: a student set the cursor to 30 and
    // read "iteration 31".
    let on_scrub = props.on_action.reform(move |e: InputEvent| {
        let input = e.target_unchecked_into::<HtmlInputElement>();
        let v = input.value_as_number();
        if v.is_finite() && v as usize > done {
            input.set_value_as_number(done as f64);
        }
        let at = if v.is_finite() {
            (v.max(1.0) as usize).min(done.max(1))
        } else {
            0
        };
        Action::Set(Key::At, at.to_string())
    });
    let pin = {
        let query = bar.pin.clone();
        props
            .on_action
            .reform(move |_: MouseEvent| Action::Pin(query.clone()))
    };
    let unpin = props
        .on_action
        .reform(|_: MouseEvent| Action::Pin(String::new()));
    let copy = {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let href = gloo::utils::window().location().href().unwrap_or_default();
            let said = copied.clone();
            let link = href.clone();
            crate::ui::files::copy_text(
                &href,
                Callback::from(move |ok: bool| said.set(Some((link.clone(), Some(ok))))),
            );
            copied.set(Some((href, None)));
        })
    };
    let on_command = {
        let (command, action) = (props.on_command.clone(), props.on_action.clone());
        let (held, playing) = (props.config.at != 0, bar.playing);
        Callback::from(move |c: Command| {
            if held && c.releases_cursor(playing) {
                action.emit(Action::Set(Key::At, "0".into()));
            }
            command.emit(c);
        })
    };
    html! {
        <section class="run-bar" aria-label="Run">
            <Playback playing={bar.playing} finished={bar.finished} speed={bar.speed} speeds={bar.speeds}
                iteration={bar.iteration} total={bar.total} {on_command} />
            <div class="scrub">
                <label for="scrub">{ "Time cursor" }</label>
                <input type="range" id="scrub" min="1" max={bar.total.max(bar.iteration).max(1).to_string()} step="1"
                    value={bar.shown.map_or(1, |k| k + 1).to_string()} oninput={on_scrub} disabled={bar.iteration == 0}
                    aria-valuetext={format!("iteration {} of {}", bar.shown.map_or(0, |k| k + 1), bar.total.max(bar.iteration))} />
            </div>
            <div class="run-tools">
                { section_controls(Section::Run, &props.config, &props.on_action) }
                <button type="button" id="pin" onclick={pin}>{ "Pin as ghost" }</button>
                if bar.has_ghost {
                    <button type="button" id="unpin" onclick={unpin}>{ "Remove ghost" }</button>
                }
                <button type="button" id="copy-link" onclick={copy}>{ "Copy link" }</button>
                if let Some((href, ok)) = (*copied).clone() {
                    <span class="copied-line" role="status">
                        { match ok {
                            Some(true) => "Link copied:",
                            Some(false) => "The browser did not allow copying; select the link and copy it:",
                            None => "Copying…",
                        } }
                        <input class="copied" readonly=true value={href} aria-label="Link to this page"
                            onfocus={Callback::from(|e: FocusEvent| {
                                if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() { i.select(); }
                            })} />
                    </span>
                }
            </div>
        </section>
    }
}
