//! The lesson's text: its one-sentence claim in view, the rest folded under "why" (on the page
//! and when presenting alike), each term of art in either opening its explanation.

use yew::prelude::*;

use super::fold_panel::FoldPanel;
use super::term::Marked;
use crate::state::scene::Lesson;

#[derive(Properties, PartialEq)]
pub struct LessonBoxProps {
    pub lesson: Lesson,
    /// Whether the detail is shown at all (`Layout::detail`).
    pub detail: bool,
    /// Back to the lesson's own settings, once they were changed.
    pub on_back: Callback<MouseEvent>,
    /// The reader's args.yaml is in, and Your run keeps it through the lesson.
    pub kept: bool,
}

#[component]
pub fn LessonBox(props: &LessonBoxProps) -> Html {
    let open = use_state(|| false);
    // A new lesson opens folded: the claim is what it shows first.
    {
        let open = open.clone();
        use_effect_with(props.lesson.claim, move |_| open.set(false));
    }
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |o: bool| open.set(o))
    };
    let lesson = &props.lesson;
    html! {
        <div class="lesson-box">
            <div class="lesson" id="lesson">
                <p class="claim"><Marked text={lesson.claim} scope="claim" /></p>
                if props.kept {
                    <p class="lesson-changed" id="lesson-yours" role="note">{ crate::state::io::fullscale::LESSON_KEEPS_RUN }</p>
                }
                if let Some(note) = lesson.changed.clone() {
                    <p class="lesson-changed" id="lesson-changed" role="note">{ note }{ " " }
                        <button type="button" id="lesson-back" onclick={props.on_back.clone()}>{ "Back to the lesson's run" }</button>
                    </p>
                }
                // The note takes the "why" line's place: the why is the lesson's run's, and the
                // way back brings both back. Below it, the note pushed the charts 28 px down
                // on the first drag of the slider.
                if let Some((plain, details)) = lesson.why().filter(|_| props.detail && lesson.changed.is_none()) {
                    <FoldPanel id="lesson-why" class={classes!("lesson-why")} summary="why" open={*open} {on_toggle}>
                        <p class="detail" id="lesson-detail"><Marked text={plain} scope="why" /></p>
                        if let Some(d) = details {
                            <details class="lesson-details" id="lesson-details">
                                <summary>{ "the details, with the maths" }</summary>
                                <p class="detail"><Marked text={d} scope="why-details" /></p>
                            </details>
                        }
                    </FoldPanel>
                }
            </div>
        </div>
    }
}
