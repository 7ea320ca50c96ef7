//! The loss landscape over (w, b) with the descent path.

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::landscape::{self, Backdrop, PathLayer};
use crate::engine::descent::Descent;
use crate::ui::hooks::use_plot;

#[derive(Properties, PartialEq)]
pub struct LandscapeViewProps {
    pub backdrop: Rc<Backdrop>,
    pub descent: Rc<Descent>,
    pub minimum: (f64, f64),
    pub summary: AttrValue,
}

#[component]
pub fn LandscapeView(props: &LandscapeViewProps) -> Html {
    let canvas = use_node_ref();
    let deps = (props.backdrop.clone(), props.descent.clone(), props.minimum);
    use_plot(
        canvas.clone(),
        deps,
        |area, (backdrop, descent, minimum)| {
            landscape::draw(
                area,
                backdrop,
                PathLayer {
                    path: &descent.path,
                    minimum: Some(*minimum),
                },
            )
        },
    );
    html! {
        <figure class="chart landscape">
            <canvas id="landscape" ref={canvas} width="460" height="460" role="img"
                aria-label="Loss landscape over slope w and intercept b, with the path of gradient descent" />
            <figcaption>
                <strong>{ "Loss landscape." }</strong>
                { " Colour and contours show the loss for every slope w and intercept b. \
                   White ring: the start. Orange: the path. Red: where it is now. ×: the minimum. " }
                <span class="summary">{ props.summary.clone() }</span>
            </figcaption>
        </figure>
    }
}
