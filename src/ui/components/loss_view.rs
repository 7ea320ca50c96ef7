//! The loss per step.

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::loss::{self, LossScene};
use crate::engine::descent::{Descent, Outcome};
use crate::ui::hooks::use_plot;

#[derive(Properties, PartialEq)]
pub struct LossViewProps {
    pub descent: Rc<Descent>,
    pub steps: usize,
    pub floor: f64,
    pub summary: AttrValue,
}

#[component]
pub fn LossView(props: &LossViewProps) -> Html {
    let canvas = use_node_ref();
    let deps = (props.descent.clone(), props.steps, props.floor);
    use_plot(canvas.clone(), deps, |area, (descent, steps, floor)| {
        let diverged_at = match descent.outcome {
            Outcome::Diverged { step } => Some(step),
            Outcome::Completed => None,
        };
        loss::draw(
            area,
            LossScene {
                losses: &descent.losses,
                steps: *steps,
                floor: Some(*floor),
                diverged_at,
            },
        )
    });
    html! {
        <figure class="chart loss">
            <canvas id="loss" ref={canvas} width="460" height="300" role="img"
                aria-label="Loss per step on a logarithmic scale" />
            <figcaption>
                <strong>{ "Loss per step" }</strong>
                { " (log scale; dashed green: the lowest loss possible). " }
                <span class="summary">{ props.summary.clone() }</span>
            </figcaption>
        </figure>
    }
}
