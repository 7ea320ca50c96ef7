//! The data and the fit on the two-weight tasks: what the landscape's w and b draw.

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::fit::{self, Fit};
use crate::ui::hooks::{use_colors, use_plot};

#[derive(Properties, PartialEq)]
pub struct FitViewProps {
    pub fit: Rc<Fit>,
}

#[component]
pub fn FitView(props: &FitViewProps) -> Html {
    let canvas = use_node_ref();
    let colors = use_colors();
    use_plot(
        canvas.clone(),
        (props.fit.clone(), colors),
        |area, (f, colors)| fit::draw(area, f, colors),
    );
    html! {
        <figure class="chart boundary fit">
            <canvas id="fit" ref={canvas} width="300" height="240" role="img"
                aria-label="The training data and the fitted curve of the weights now" />
            <figcaption id="fit-caption">
                <strong>{ "Data and fit." }</strong>{ " " }{ props.fit.caption.clone() }
            </figcaption>
        </figure>
    }
}
