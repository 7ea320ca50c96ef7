//! Predict, then run: the question a lesson opens with, one button per answer, and after the
//! run whether the answer matched and why.

use std::sync::atomic::{AtomicBool, Ordering};

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::course_bar::{call_in, typing};
use super::term::Marked;
use crate::state::lessons::predict::{Guess, PredictView};
use crate::state::runs::session::Command;

/// Where the last answer is kept for a reload.
pub(super) const KEPT: &str = "stride-answer";

/// Whether the first question since the page loaded has been offered its kept answer.
static RECALLED: AtomicBool = AtomicBool::new(false);

#[derive(Properties, PartialEq)]
pub struct PredictPanelProps {
    pub view: PredictView,
    /// The lesson asking, whose name the kept answer carries.
    pub lesson: &'static str,
    pub on_command: Callback<Command>,
}

#[component]
pub fn PredictPanel(props: &PredictPanelProps) -> Html {
    let v = &props.view;
    let node = use_node_ref();
    let gap = use_mut_ref(|| None::<f64>);
    // The gap is taken again as the answer is given, the layout as it is under the finger: a
    // step reached by Next keeps this panel, and what loaded below it since its last render
    // (the mountain, a data set's note) had moved the landscape.
    let answer = |g: Option<Guess>| {
        let (node, gap) = (node.clone(), gap.clone());
        props.on_command.reform(move |_: MouseEvent| {
            take_gap(&node, &gap);
            Command::Predict(g)
        })
    };
    // An answer given before a reload is given again, for the first question since the page
    // loaded only: a step met again later, through Back and Next, asks anew.
    {
        let (view, on_command, lesson) = (v.clone(), props.on_command.clone(), props.lesson);
        use_effect_with((), move |_| {
            if !RECALLED.swap(true, Ordering::Relaxed) {
                let kept =
                    call_in("sessionStorage", "getItem", &[KEPT]).and_then(|k| k.as_string());
                // Kept under the lesson's name: two lessons can ask about the same rate.
                let own = kept
                    .as_deref()
                    .and_then(|k| k.strip_prefix(lesson)?.strip_prefix('\n'));
                if let Some(g) = view.recall(own) {
                    on_command.emit(Command::Predict(Some(g)));
                }
            }
        });
    }
    let lesson = props.lesson;
    use_effect_with(v.kept(), move |kept| {
        if let Some(kept) = kept {
            call_in(
                "sessionStorage",
                "setItem",
                &[KEPT, &format!("{lesson}\n{kept}")],
            );
        }
    });
    // Keys 1, 2, … answer while the question waits, unless the learner is typing in a control.
    {
        let (view, on_command) = (v.clone(), props.on_command.clone());
        let (node, gap) = (node.clone(), gap.clone());
        use_effect_with(view, move |view| {
            let view = view.clone();
            // Not passive: it cancels the keys it takes (a passive listener's preventDefault
            // is an error in the console, which a teacher met at each answer by key).
            let active = gloo::events::EventListenerOptions::enable_prevent_default();
            let window = gloo::utils::window();
            let listener = EventListener::new_with_options(&window, "keydown", active, move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if e.default_prevented() || e.alt_key() || e.ctrl_key() || e.meta_key() || typing(e)
                {
                    return;
                }
                if let Some(g) = view.answer_for_key(&e.key()) {
                    e.prevent_default();
                    take_gap(&node, &gap);
                    on_command.emit(Command::Predict(Some(g)));
                }
            });
            move || drop(listener)
        });
    }
    // While the question waits, how far below it the landscape starts; once answered, the box
    // takes the height that keeps it there. On a phone one line of result took the place of
    // three rows of buttons, and the map jumped 63 pixels up under the finger that had just
    // answered. Set through the CSSOM (the page's CSP refuses inline style attributes); CSS
    // applies it on narrow screens only, where nothing else holds the words' height.
    {
        // Only until the result: the run's end brings the verdict and the claim below it, and
        // the box lets go then (a student saw 100-150 px of blank under "✓ Right…").
        let (node, gap, waiting, done) = (
            node.clone(),
            gap.clone(),
            v.guess.is_none(),
            v.result.is_some(),
        );
        let watched = use_mut_ref(|| None::<f64>);
        use_effect(move || {
            if let Some(e) = node.cast::<web_sys::HtmlElement>() {
                let style = e.style();
                let _ = style.remove_property("--asked-height");
                if waiting {
                    *gap.borrow_mut() = below(&node);
                } else if let Some(wanted) = gap.borrow().filter(|_| !done) {
                    let short = wanted - below(&node).unwrap_or(wanted);
                    if short > 0.5 {
                        let held = e.get_bounding_client_rect().height() + short;
                        let _ = style.set_property("--asked-height", &format!("{held}px"));
                    }
                }
            }
            keep_in_place(&watched, !waiting && !done, done);
        });
    }
    let said = v
        .answers
        .iter()
        .find(|a| Some(a.0) == v.guess)
        .map_or("", |a| a.1.as_str());
    html! {
        <section class="predict lesson-box" id="predict" aria-label="Predict, then run" ref={node.clone()}>
            <p class="predict-question" id="predict-question"><strong><Marked text={v.question.clone()} scope="question" /></strong></p>
            if v.guess.is_none() {
                <div class="predict-answers" role="group" aria-labelledby="predict-question">
                    for (i, (g, label)) in v.answers.iter().cloned().enumerate() {
                        <button type="button" class="predict-answer" data-guess={g.id()} onclick={answer(Some(g))}
                            aria-keyshortcuts={(i + 1).to_string()}>
                            <kbd aria-hidden="true">{ i + 1 }</kbd>{ " " }{ label }
                        </button>
                    }
                    <button type="button" class="predict-skip" id="predict-skip" onclick={answer(None)}>
                        { "skip: just run it" }
                    </button>
                </div>
            } else if let Some((matched, sentence)) = &v.result {
                <p id="predict-result" aria-live="polite"
                    class={classes!("predict-result", if *matched { "matched" } else { "missed" })}>
                    { sentence }
                </p>
            } else {
                <p id="predict-result" aria-live="polite" class="predict-result">
                    { format!("You said: {}. Watch the path and the loss…", said) }
                </p>
            }
        </section>
    }
}

/// On a phone, the landscape stays where the learner watched it when the run ends: the claim
/// and the verdicts then appear above it, and it slid 35 to 146 px down mid-glance (a student
/// saw the map jump 72 px at step 4). While the run plays (`playing`), where the map sits on
/// the page is kept; at the result (`done`) the page scrolls by what it moved, if it was on
/// the screen. The new text then sits just above the map, in view.
fn keep_in_place(
    watched: &std::rc::Rc<std::cell::RefCell<Option<f64>>>,
    playing: bool,
    done: bool,
) {
    let window = gloo::utils::window();
    let narrow = window
        .match_media("(max-width: 640px)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    let Some(map) = gloo::utils::document().get_element_by_id("landscape") else {
        return;
    };
    let scrolled = window.scroll_y().unwrap_or(0.0);
    let top = map.get_bounding_client_rect().top();
    if playing {
        *watched.borrow_mut() = narrow.then_some(top + scrolled);
    } else if let Some(before) = watched.borrow_mut().take().filter(|_| done && narrow) {
        let height = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let shift = top + scrolled - before;
        if shift > 0.5 && (0.0..height).contains(&(before - scrolled)) {
            window.scroll_by_with_x_and_y(0.0, shift);
        }
    }
}

/// Keeps in `gap` how far below the panel the landscape starts as the answer is given, where
/// the panel is on the page.
fn take_gap(node: &NodeRef, gap: &std::rc::Rc<std::cell::RefCell<Option<f64>>>) {
    if let Some(now) = below(node) {
        *gap.borrow_mut() = Some(now);
    }
}

/// How far below the top of the panel at `node` the landscape starts, in CSS pixels.
fn below(node: &NodeRef) -> Option<f64> {
    let panel = node.cast::<web_sys::Element>()?;
    let map = gloo::utils::document().get_element_by_id("landscape")?;
    Some(map.get_bounding_client_rect().top() - panel.get_bounding_client_rect().top())
}
