//! The gradient norm of every minibatch, per run, with the clipping threshold.

use std::rc::Rc;

use yew::prelude::*;

use super::legend::{Entry, Legend};
use super::schedule_view::pointer_to_iteration;
use crate::charts::grad::{self, GradChart};
use crate::charts::palette;
use crate::ui::hooks::{use_colors, use_plot};

#[derive(Properties, PartialEq)]
pub struct GradViewProps {
    pub chart: Rc<GradChart>,
    pub on_cursor: Callback<Option<usize>>,
}

#[component]
pub fn GradView(props: &GradViewProps) -> Html {
    let canvas = use_node_ref();
    let colors = use_colors();
    use_plot(
        canvas.clone(),
        (props.chart.clone(), colors),
        |area, (chart, colors)| grad::draw(area, chart, colors),
    );
    let steps = props.chart.steps;
    let onmousemove = props
        .on_cursor
        .reform(move |e: MouseEvent| pointer_to_iteration(&e, grad::PAD, steps + 1));
    let onmouseleave = props.on_cursor.reform(|_: MouseEvent| None);
    // The runs keep the colours the loss chart just above names, so only the threshold, which
    // that legend lacks, is named here: one legend per run name on the first screen.
    let mut entries: Vec<Entry> = Vec::new();
    let clip = props.chart.series.iter().find_map(|s| s.clip);
    if let Some(clip) = clip {
        entries.push(Entry {
            label: format!("clip threshold {clip}"),
            color: palette::INK,
            dashed: true,
        });
    }
    html! {
        <figure class="chart grad">
            <Legend {entries} />
            <canvas id="grad" ref={canvas} width="560" height="200" data-aspect-narrow="0.45" role="img"
                aria-label="Gradient norm of every minibatch, before clipping, log scale" {onmousemove} {onmouseleave} />
            <figcaption>
                <strong>{ "Gradient norm." }</strong>
                // Which line is which run: a student looked for it in the legend, which names
                // the threshold only.
                { " ‖g‖ before clipping, each run in its colour on the loss chart. " }
                <span class="summary" id="grad-summary">{ grad::summary(&props.chart) }</span>
            </figcaption>
        </figure>
    }
}
