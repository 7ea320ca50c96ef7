//! The decision boundary of the MLP on 2-D data.

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::boundary::{self, Boundary};
use crate::ui::hooks::{use_colors, use_plot};

#[derive(Properties, PartialEq)]
pub struct BoundaryViewProps {
    pub boundary: Rc<Boundary>,
}

#[component]
pub fn BoundaryView(props: &BoundaryViewProps) -> Html {
    let canvas = use_node_ref();
    let colors = use_colors();
    use_plot(
        canvas.clone(),
        (props.boundary.clone(), colors),
        |area, (b, colors)| boundary::draw(area, b, colors),
    );
    html! {
        <figure class="chart boundary">
            <canvas id="boundary" ref={canvas} width="300" height="300" role="img"
                aria-label="Decision boundary of the network over the input plane" />
            <figcaption>
                <strong>{ "Decision boundary." }</strong>
                // Which examples: a teacher saw a blue dot on orange beside "accuracy 100.0 %"
                // (the held-out examples', which are not drawn) and asked which was right.
                { " Blue: class 0, orange: class 1, white: undecided. Dots: the training data, each in its true class's colour (a white rim for contrast); a dot on the other colour is one the model gets wrong. The read-out's validation accuracy is on held-out examples, not drawn." }
            </figcaption>
        </figure>
    }
}
