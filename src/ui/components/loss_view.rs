//! The loss per iteration of every run, raw and smoothed, with validation per epoch.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::term::Marked;

use super::legend::{Entry, Legend};
use super::schedule_view::pointer_to_iteration;
use crate::charts::loss::{self, LossChart};
use crate::charts::palette;
use crate::state::scene::layout::LOSS_ASPECT;
use crate::ui::hooks::{use_colors, use_plot};

#[derive(Properties, PartialEq)]
pub struct LossViewProps {
    pub chart: Rc<LossChart>,
    pub on_cursor: Callback<Option<usize>>,
    /// Height over width (`Layout::loss_aspect`).
    pub aspect: f64,
}

#[component]
pub fn LossView(props: &LossViewProps) -> Html {
    let canvas = use_node_ref();
    let log_y = use_state(|| true);
    let colors = use_colors();
    use_plot(
        canvas.clone(),
        (props.chart.clone(), *log_y, colors),
        |area, (chart, log_y, colors)| loss::draw(area, chart, *log_y, colors),
    );
    let toggle = {
        let log_y = log_y.clone();
        Callback::from(move |e: Event| {
            log_y.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let steps = props.chart.steps;
    let onmousemove = props
        .on_cursor
        .reform(move |e: MouseEvent| pointer_to_iteration(&e, loss::PAD, steps + 1));
    let onmouseleave = props.on_cursor.reform(|_: MouseEvent| None);
    let text = loss::summary(&props.chart);
    let mut entries: Vec<Entry> = props
        .chart
        .series
        .iter()
        .map(|c| Entry {
            label: c.label.clone(),
            color: c.color,
            dashed: false,
        })
        .collect();
    if props.chart.floor.is_some() {
        entries.push(Entry {
            label: "lowest loss possible".into(),
            color: palette::GREEN,
            dashed: true,
        });
    }
    let key = loss::key(&props.chart);
    // The pale band and the triangles, which the hidden caption names when presenting.
    let live = || props.chart.series.iter().filter(|s| !s.ghost);
    let mut marks = Vec::new();
    if live().any(|s| s.smooth.is_some()) {
        marks.push(("band", "each minibatch"));
    }
    if live().any(|s| !s.val.is_empty()) {
        marks.push(("triangle", "validation"));
    }
    // Flatter on a phone, to leave room for the others; alone in a projector's column (which
    // can be as narrow as a phone's), as tall as asked. Presenting on a phone stacks the
    // charts as the page does (below 641 px, as the stylesheet's): flat there too.
    let wide = gloo::utils::window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w > 640.0);
    let tall = props.aspect > LOSS_ASPECT && wide;
    let narrow = if tall {
        props.aspect.to_string()
    } else {
        "0.45".into()
    };
    html! {
        <figure class={classes!("chart", "loss", tall.then_some("tall"))}>
            <div class="legend-row">
                <Legend {entries} {marks} />
                <label class="inline log-toggle"><input type="checkbox" id="log-y" checked={*log_y} onchange={toggle} />{ " log scale" }</label>
            </div>
            <canvas id="loss" ref={canvas} width="560" height="300" data-aspect={props.aspect.to_string()} data-aspect-narrow={narrow} role="img"
                aria-label="Loss per iteration" {onmousemove} {onmouseleave} />
            <figcaption>
                <strong>{ "Loss." }</strong>{ " " }<Marked text={key} scope="loss" />{ " " }
                <span class="summary" id="loss-summary">{ text }</span>
            </figcaption>
        </figure>
    }
}
