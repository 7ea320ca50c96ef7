//! The course bar: Back, "Step 3 of 14" and Next, the ← → keys, and the offer to resume where
//! the learner left off (the step number kept in localStorage, never sent anywhere). What each
//! does is decided in `state::lessons::course`; this only renders it and forwards events.

use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::state::io::fullscale::run_entry;
use crate::state::lessons::{course, score};
use crate::state::{Action, Config};
pub(crate) use crate::ui::storage::{call, call_in};

/// Where the step is kept.
const STORE: &str = "stride-course";
/// Where the predictions' tally is kept (`state::lessons::score`).
pub(crate) const TALLY: &str = "stride-course-tally";

/// Whether a key press belongs to the element it was typed in (a slider's or a menu's arrows).
pub(crate) fn typing(e: &KeyboardEvent) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA") || el.is_content_editable()
}

/// Whether a key press goes into text being typed, whose caret the arrows move (a slider, a
/// menu or a button is not typed into).
fn typing_text(e: &KeyboardEvent) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return false;
    };
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        return !matches!(
            input.type_().as_str(),
            "range" | "checkbox" | "radio" | "button" | "submit" | "reset" | "color" | "file"
        );
    }
    el.tag_name() == "TEXTAREA" || el.is_content_editable()
}

#[derive(Properties, PartialEq)]
pub struct CourseBarProps {
    pub config: Config,
    /// Whether this step's prediction matched the run, once both are in.
    pub matched: Option<bool>,
    pub on_action: Callback<Action>,
    pub yours: bool, // the reader's own YOLO run is in
}

#[component]
pub fn CourseBar(props: &CourseBarProps) -> Html {
    let saved = use_state(|| {
        course::saved(
            call("getItem", &[STORE])
                .and_then(|v| v.as_string())
                .as_deref(),
        )
    });
    // A new round's tally starts empty; `from` is the step the page was at.
    let from = use_mut_ref(|| None::<usize>);
    {
        let from = from.clone();
        use_effect_with(props.config.clone(), move |config| {
            if score::new_round(config, *from.borrow()) {
                call("removeItem", &[TALLY]);
            }
            *from.borrow_mut() = Some(config.course);
        });
    }
    // Each answered step's outcome, for the closing slide's score.
    use_effect_with((props.config.course, props.matched), |&(step, matched)| {
        if let Some(right) = matched.filter(|_| step > 0) {
            let tally = call("getItem", &[TALLY])
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            call("setItem", &[TALLY, &score::record(&tally, step, right)]);
        }
    });
    // The step reached is stored as the learner moves, so a return can offer it, and kept
    // here too: a learner who left the course for their own settings was offered "Start the
    // course" from step 1, not the step they had reached.
    {
        let saved = saved.clone();
        use_effect_with(course::to_save(&props.config), move |step| {
            if let Some(step) = step {
                call("setItem", &[STORE, step]);
                saved.set(course::saved(Some(step)));
            }
        });
    }
    // A new step opens at the top, with its question in view (the page kept the scroll, so a
    // learner landed on the charts below the next question).
    use_effect_with(props.config.course, |_| {
        gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0)
    });
    // The settings the next key press moves from: the last rendered ones, or where the last
    // press already went. Two quick presses must move two steps, though the page has not yet
    // rendered the first (the listener would otherwise still hold the old step).
    let latest = use_mut_ref(|| props.config.clone());
    *latest.borrow_mut() = props.config.clone();
    {
        let on_action = props.on_action.clone();
        use_effect_with(on_action, move |on_action| {
            let on_action = on_action.clone();
            // Moves the course for `e` if it is the course's; in the capture phase only the
            // keys that take precedence over a focused control, which then never sees them.
            let handle = move |e: &Event, capture: bool| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if e.default_prevented()
                    || e.alt_key()
                    || e.ctrl_key()
                    || e.meta_key()
                    || e.shift_key()
                {
                    return;
                }
                let overrides =
                    course::overrides_control(&latest.borrow(), &e.key(), typing_text(e));
                if capture != overrides || (!capture && typing(e)) {
                    return;
                }
                let action = course::key(&latest.borrow(), &e.key());
                if let Some(action) = action {
                    e.prevent_default();
                    e.stop_propagation();
                    let next = latest.borrow().apply(action.clone());
                    *latest.borrow_mut() = next;
                    on_action.emit(action);
                }
            };
            let handle = std::rc::Rc::new(handle);
            let window = gloo::utils::window();
            // Both phases cancel the keys they take: neither is passive, where preventDefault
            // is an error in the console.
            let phases = [
                (EventListenerPhase::Capture, true),
                (EventListenerPhase::Bubble, false),
            ];
            let listeners: Vec<EventListener> = phases
                .into_iter()
                .map(|(phase, capture)| {
                    let (handle, options) = (
                        handle.clone(),
                        EventListenerOptions {
                            phase,
                            passive: false,
                        },
                    );
                    EventListener::new_with_options(&window, "keydown", options, move |e| {
                        handle(e, capture)
                    })
                })
                .collect();
            move || drop(listeners)
        });
    }
    // A button whose action is `None` is disabled, and does nothing if pressed anyway.
    let mover = |action: Option<Action>| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = action.clone() {
                on_action.emit(a)
            }
        })
    };
    let offer = course::offer(&props.config, *saved).map(|(step, text)| {
        let onclick = mover(course::go(step));
        html! { <button type="button" class="course-offer" id="course-offer" data-step={step.to_string()} {onclick}>{ text }</button> }
    });
    let Some(view) = course::view(&props.config) else {
        let entry = run_entry(&props.config, props.yours).map(|(text, panel)| html! {
            <button type="button" class="course-offer" id="run-entry" onclick={Callback::from(move |_: MouseEvent| crate::ui::hooks::show_panel(panel))}>{ text }</button>
        });
        let both: Vec<Html> = entry.into_iter().chain(offer).collect();
        return html! { if !both.is_empty() { <div class="course-bar course-entry">{ for both }</div> } };
    };
    html! {
        <nav class="course-bar" id="course" aria-label="Course" title={course::help(&props.config)}>
            <button type="button" id="course-back" disabled={!view.back} onclick={mover(course::back(&props.config))}>
                { "← Back" }
            </button>
            <p class="course-step" id="course-step" aria-live="polite" aria-describedby="course-keys">
                <strong>{ &view.position }</strong>{ ": " }{ view.title }
            </p>
            <button type="button" id="course-next" disabled={!view.next} onclick={mover(course::next(&props.config))}>
                { view.next_label }
            </button>
            if let Some(switch) = view.switch.clone() {
                <p class="course-switch" id="course-switch">{ switch }</p>
            }
            // A way out that keeps the place: the plain page then offers to resume here (a
            // student found no way to leave but the lesson menu). A bare ×, named for screen
            // readers and on hover: the first screen's words are counted.
            <button type="button" class="course-leave" id="course-leave"
                aria-label="Leave the course" title="Leave the course: the plain page offers to resume at this step"
                onclick={mover(Some(Action::Preset(None)))}>{ "×" }</button>
            <span class="visually-hidden" id="course-keys">{ course::help(&props.config) }</span>
            { for offer }
        </nav>
    }
}
