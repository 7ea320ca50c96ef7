//! The course's closing slide: what the class saw, one line per step from the lessons' own
//! data (`state::lessons::course::recap`), a button to start again, and the way on to a task of
//! one's own.

use yew::prelude::*;

use super::course_bar::{TALLY, call, call_in};
use super::predict_panel::KEPT;
use crate::state::Action;
use crate::state::lessons::{course, score};

#[derive(Properties, PartialEq)]
pub struct CourseEndProps {
    pub on_action: Callback<Action>,
    /// The settings, whose course path (`steps=`) the recap keeps to.
    pub config: crate::state::Config,
}

#[component]
pub fn CourseEnd(props: &CourseEndProps) -> Html {
    let score = use_memo((), |_| {
        call("getItem", &[TALLY])
            .and_then(|v| v.as_string())
            .and_then(|t| score::score(&t))
    });
    let again = {
        let (on_action, first) = (props.on_action.clone(), course::path(&props.config)[0]);
        Callback::from(move |_: MouseEvent| {
            // A new round, a new score, and no answer recalled on a reload: a teacher who
            // rehearsed met their own answer on step 1 again.
            call("removeItem", &[TALLY]);
            call_in("sessionStorage", "removeItem", &[KEPT]);
            if let Some(a) = course::go(first) {
                on_action.emit(a)
            }
        })
    };
    // The settings change first; the panel is brought into view once the page shows it.
    let own = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            for a in course::own_task() {
                on_action.emit(a);
            }
            gloo::timers::callback::Timeout::new(200, || {
                if let Some(panel) =
                    gloo::utils::document().get_element_by_id(course::OWN_TASK_PANEL)
                {
                    panel.scroll_into_view();
                }
            })
            .forget();
        })
    };
    html! {
        <section class="course-end" id="course-end" aria-labelledby="course-end-title">
            <h2 id="course-end-title">{ "What we saw" }</h2>
            if let Some(score) = score.as_ref() {
                <p class="course-score" id="course-score">{ score.line() }</p>
            }
            <ol class="recap" id="recap">
                for line in course::recap(&props.config) {
                    <li data-step={line.step.to_string()} title={line.title}>
                        if let Some(part) = line.part {
                            <strong class="recap-part">{ part }</strong><br />
                        }
                        // Each line goes back to its step: the score names the steps worth
                        // another look, and a student found no way to them but Back, step by step.
                        <button type="button" class="recap-go" aria-label={format!("Go to step {}: {}", line.shown, line.title)}
                            onclick={let on_action = props.on_action.clone(); let step = line.step;
                                Callback::from(move |_: MouseEvent| if let Some(a) = course::go(step) { on_action.emit(a) })}>
                            { format!("Step {}", line.shown) }
                        </button>
                        { ": " }{ line.idea }
                    </li>
                }
            </ol>
            <p class="course-own" id="course-own">{ course::OWN_TASK }</p>
            <div class="course-end-actions">
                <button type="button" id="course-again" class="course-again" onclick={again}>
                    { "↺ Start again from step 1" }
                </button>
                <button type="button" id="course-sweep" onclick={own}>{ course::OWN_TASK_BUTTON }</button>
            </div>
        </section>
    }
}
