//! A labelled value on the learning-rate slider's scale.

use yew::prelude::*;

use super::term::{Marked, SETTING, Term};
use crate::state::lessons::glossary::{Piece, mark_up};
use crate::state::scene::Mark;
use crate::ui::hooks::use_css;

#[derive(Properties, PartialEq)]
pub struct SliderMarkProps {
    pub mark: Mark,
    /// Where it sits along the scale, 0 to 1.
    pub at: f64,
    /// Sets lr0 to a mark that suggests a rate.
    #[prop_or_default]
    pub on_use: Option<Callback<f64>>,
}

/// A rate as the mark writes it, so the box reads what the mark said.
fn written(v: f64) -> f64 {
    crate::engine::stability::fmt_lr(v).parse().unwrap_or(v)
}

#[component]
pub fn SliderMark(props: &SliderMarkProps) -> Html {
    let node = use_node_ref();
    // The range input's thumb is 18 px wide: its centre runs from 9 px to the width − 9 px.
    // Marks in the right half are labelled to the left of their line, so the label stays on
    // the page (a long one from 0.66 ran off a projector's right edge when flipped only past
    // 0.7): placed from the right, not moved by a transform, which would make the mark the box
    // a phone's fixed tip is placed in, over the term itself, so a second tap could not close it.
    let flip = props.at > 0.5;
    let from = |side: f64| format!("calc(9px + (100% - 18px) * {side:.4})");
    use_css(
        node.clone(),
        "left",
        if flip { "auto".into() } else { from(props.at) },
    );
    use_css(
        node.clone(),
        "right",
        if flip {
            from(1.0 - props.at)
        } else {
            "auto".into()
        },
    );
    let mark = &props.mark;
    // A label's bracket ("(momentum 0.9 raises it)") is shown on wide screens only: on a phone
    // it ran the label off the left edge, and the label before it already says which limit.
    let (head, bracket) = match mark.label.split_once(" (") {
        Some((head, rest)) => (head.to_string(), format!(" ({rest}")),
        None => (mark.label.clone(), String::new()),
    };
    let has_term = mark_up(&head).iter().any(|p| matches!(p, Piece::Term(..)));
    html! {
        <span ref={node} class={classes!("mark", mark.class, flip.then_some("flip"))}
            title={mark.title.clone()}>
            // Every mark says what it is on a tap, not only in a mouse's tooltip: through the
            // glossary where its words have an entry ("limit at start" bounds the start, not a
            // network's run), else with its own title ("fastest" beside the map's rate to try).
            // The rate to try sets lr0 on a click or tap, as four students expected of a mark
            // that names a rate; its reason opens from the "?" beside it.
            if let Some(on_use) = props.on_use.as_ref().filter(|_| mark.class == "try") {
                <button type="button" class="mark-use" id={format!("use-mark-{}", mark.class)}
                    onclick={let (on_use, v) = (on_use.clone(), mark.value); move |_| on_use.emit(written(v))}>
                    { head }
                </button>
                <Term text="?" entry={&SETTING} id={format!("tip-mark-{}", mark.class)} name={format!("Why {}?", mark.label)} tip={format!("{}.", crate::charts::capitalised(&mark.title))} />
            } else if has_term {
                <Marked text={head} scope={format!("mark-head-{}", mark.class)} />
            } else {
                <Term text={head} entry={&SETTING} id={format!("tip-mark-{}", mark.class)} tip={format!("{}.", crate::charts::capitalised(&mark.title))} />
            }
            // Its terms explain themselves on a tap too ("Nesterov 0.9 lowers it" beside a
            // lesson about momentum needs its reason at hand).
            if !bracket.is_empty() {
                <span class="wide-only"><Marked text={bracket} scope={format!("mark-{}", mark.class)} /></span>
            }
            // The title is the tip of a mark without a glossary term, and read with it.
            if has_term {
                <span class="visually-hidden">{ format!(": {}", mark.title) }</span>
            }
        </span>
    }
}
