//! Predict, then run: the question a lesson opens with, one button per answer, and after the
//! run whether the answer matched and why.

use yew::prelude::*;

use crate::state::lessons::predict::{Guess, PredictView};
use crate::state::runs::session::Command;

#[derive(Properties, PartialEq)]
pub struct PredictPanelProps {
    pub view: PredictView,
    pub on_command: Callback<Command>,
}

#[component]
pub fn PredictPanel(props: &PredictPanelProps) -> Html {
    let v = &props.view;
    let answer = |g: Option<Guess>| {
        props
            .on_command
            .reform(move |_: MouseEvent| Command::Predict(g))
    };
    let said = v
        .answers
        .iter()
        .find(|a| Some(a.0) == v.guess)
        .map_or("", |a| a.1.as_str());
    html! {
        <section class="predict lesson-box" id="predict" aria-label="Predict, then run">
            <p class="predict-question" id="predict-question"><strong>{ &v.question }</strong></p>
            if v.guess.is_none() {
                <div class="predict-answers" role="group" aria-labelledby="predict-question">
                    for (g, label) in v.answers.iter().cloned() {
                        <button type="button" class="predict-answer" data-guess={g.id()} onclick={answer(Some(g))}>
                            { label }
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
