//! The lesson's claim, and its detail behind "more" on a phone (or left out when presenting).

use yew::prelude::*;

use crate::state::scene::Lesson;

#[derive(Properties, PartialEq)]
pub struct LessonBoxProps {
    pub lesson: Lesson,
    /// Whether the detail is shown at all (`Layout::detail`).
    pub detail: bool,
}

#[component]
pub fn LessonBox(props: &LessonBoxProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let detail = props.lesson.detail.filter(|_| props.detail);
    html! {
        <div class="lesson-box">
            <p class={classes!("lesson", open.then_some("open"))} id="lesson">
                <strong class="claim">{ props.lesson.claim }</strong>
                if let Some(detail) = detail {
                    { " " }<span class="detail" id="lesson-detail">{ detail }</span>
                }
            </p>
            if detail.is_some() {
                <button type="button" class="lesson-more" aria-controls="lesson-detail"
                    aria-expanded={open.to_string()} onclick={toggle}>
                    { if *open { "less" } else { "more" } }
                </button>
            }
        </div>
    }
}
