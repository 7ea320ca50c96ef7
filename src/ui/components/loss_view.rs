//! The loss per iteration of every run, raw and smoothed, with validation per epoch.

use std::rc::Rc;

use plotters::style::RGBColor;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::legend::{Entry, Legend};
use super::schedule_view::pointer_to_iteration;
use crate::charts::loss::{self, LossScene, Series};
use crate::charts::palette;
use crate::ui::hooks::use_plot;

/// One run's curves, owned.
#[derive(Clone, Debug, PartialEq)]
pub struct Curve {
    pub label: String,
    pub color: RGBColor,
    pub raw: Vec<f32>,
    pub val: Vec<(usize, f64)>,
    pub diverged_at: Option<usize>,
    pub ghost: bool,
    pub noisy: bool,
}

#[derive(Properties, PartialEq)]
pub struct LossViewProps {
    pub curves: Rc<Vec<Curve>>,
    pub steps: usize,
    pub floor: Option<f64>,
    pub cursor: Option<usize>,
    pub on_cursor: Callback<Option<usize>>,
}

fn scene<'a>(
    curves: &'a [Curve],
    steps: usize,
    floor: Option<f64>,
    log_y: bool,
    cursor: Option<usize>,
) -> LossScene<'a> {
    LossScene {
        series: curves
            .iter()
            .map(|c| Series {
                label: c.label.clone(),
                color: c.color,
                raw: &c.raw,
                val: c.val.clone(),
                diverged_at: c.diverged_at,
                ghost: c.ghost,
                noisy: c.noisy,
            })
            .collect(),
        steps,
        floor,
        log_y,
        cursor,
    }
}

#[component]
pub fn LossView(props: &LossViewProps) -> Html {
    let canvas = use_node_ref();
    let log_y = use_state(|| true);
    let deps = (
        props.curves.clone(),
        props.steps,
        props.floor,
        *log_y,
        props.cursor,
    );
    use_plot(
        canvas.clone(),
        deps,
        |area, (curves, steps, floor, log_y, cursor)| {
            loss::draw(area, &scene(curves, *steps, *floor, *log_y, *cursor))
        },
    );
    let toggle = {
        let log_y = log_y.clone();
        Callback::from(move |e: Event| {
            log_y.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let steps = props.steps;
    let onmousemove = props
        .on_cursor
        .reform(move |e: MouseEvent| pointer_to_iteration(&e, loss::PAD, steps + 1));
    let onmouseleave = props.on_cursor.reform(|_: MouseEvent| None);
    let text = loss::summary(&scene(
        &props.curves,
        props.steps,
        props.floor,
        *log_y,
        None,
    ));
    let mut entries: Vec<Entry> = props
        .curves
        .iter()
        .map(|c| Entry {
            label: c.label.clone(),
            color: c.color,
            dashed: false,
        })
        .collect();
    if props.floor.is_some() {
        entries.push(Entry {
            label: "lowest loss possible".into(),
            color: palette::GREEN,
            dashed: true,
        });
    }
    html! {
        <figure class="chart loss">
            <Legend {entries} />
            <canvas id="loss" ref={canvas} width="560" height="300" role="img"
                aria-label="Loss per iteration" {onmousemove} {onmouseleave} />
            <figcaption>
                <strong>{ "Loss." }</strong>
                { " Pale: each minibatch; solid: smoothed; triangles: validation after each epoch; \
                   red line: divergence. " }
                <label class="inline"><input type="checkbox" id="log-y" checked={*log_y} onchange={toggle} />{ " log scale" }</label>
                { " " }
                <span class="summary" id="loss-summary">{ text }</span>
            </figcaption>
        </figure>
    }
}
