//! The "your run" panel's charts: the full-scale schedule with a results.csv's logged groups
//! over it, and the file's losses and metrics on a chart of their own.

use std::rc::Rc;

use yew::prelude::*;

use super::legend::{Entry, Legend};
use crate::charts::palette;
use crate::charts::results::{self, loss_style, metric_color};
use crate::charts::schedule::{self, GROUP_MARKERS, ScheduleScene};
use crate::state::scene::YourRunView;
use crate::ui::hooks::{use_colors, use_plot};

#[derive(Properties, PartialEq)]
pub struct YourRunChartsProps {
    pub view: Rc<YourRunView>,
}

#[component]
pub fn YourRunCharts(props: &YourRunChartsProps) -> Html {
    let (sched, losses) = (use_node_ref(), use_node_ref());
    let colors = use_colors();
    use_plot(
        sched.clone(),
        (props.view.clone(), colors),
        |area, (v, colors)| {
            let Some(p) = &v.schedule else { return Ok(()) };
            schedule::draw(
                area,
                &ScheduleScene {
                    settings: &p.points,
                    total: p.total,
                    warmup: v.warmup,
                    references: &[],
                    cursor: None,
                    log_y: v.log_y,
                    logged: &[],
                    groups: &v.groups,
                    // In epochs, as a YOLO user counts a run and its results.csv does.
                    per_epoch: Some(v.per_epoch),
                },
                colors,
            )
        },
    );
    use_plot(
        losses.clone(),
        (props.view.results.clone(), colors),
        |area, (r, colors)| {
            r.as_ref()
                .map_or(Ok(()), |r| results::draw(area, r, colors))
        },
    );
    let v = &props.view;
    let entry = |label: String, color, dashed| Entry {
        label,
        color,
        dashed,
    };
    let mut entries = vec![
        entry("lr, weights and norm weights".into(), palette::BLUE, false),
        entry("lr, biases".into(), palette::GREEN, false),
        entry("momentum (right axis)".into(), palette::PURPLE, false),
    ];
    for (k, g) in v.groups.iter().enumerate() {
        let color = if g.bias { palette::GREEN } else { colors.ink };
        entries.push(entry(
            format!("{} {} logged", GROUP_MARKERS[k % 3], g.label),
            color,
            false,
        ));
    }
    let loss_entries: Vec<Entry> = v.results.as_ref().map_or(Vec::new(), |r| {
        r.losses
            .iter()
            .map(|(n, _)| {
                let (color, dashed) = loss_style(n);
                entry(n.clone(), color, dashed)
            })
            .chain(
                r.metrics
                    .iter()
                    .enumerate()
                    .map(|(k, (n, _))| entry(format!("{n} (right axis)"), metric_color(k), false)),
            )
            .collect()
    });
    html! {
        <>
            if v.schedule.is_some() {
                <figure class="chart your-run-chart">
                    <Legend {entries} />
                    <canvas id="your-run-schedule" ref={sched} width="560" height="260" data-aspect-narrow="0.75" role="img"
                        aria-label="Your run's learning-rate schedule at full scale: weights and biases per iteration, on an axis of epochs, momentum on the right axis" />
                    <figcaption>
                        <strong>{ "Your run's schedule." }</strong>
                        { " Every iteration's rate, on an axis of epochs, drawn through the points where it bends (each epoch's ends and warmup's); warmup shaded; a results.csv's row for epoch k sits at its last iteration, just before k. " }
                        <span id="your-run-summary">{ &v.summary }</span>
                    </figcaption>
                </figure>
            } else {
                <p class="your-run-summary" id="your-run-summary">{ &v.summary }</p>
                <canvas ref={sched} width="1" height="1" hidden=true />
            }
            if let Some(verdict) = &v.verdict {
                <p class="your-run-verdict" id="your-run-verdict" role="status"><strong>{ "Your results.csv: " }</strong>{ verdict }</p>
            }
            if let Some(r) = &v.results {
                <figure class="chart your-run-losses">
                    <Legend entries={loss_entries} />
                    <canvas id="your-run-losses" ref={losses} width="560" height="240" data-aspect-narrow="0.75" role="img"
                        aria-label="Your results.csv: losses per epoch (train solid, validation dashed) and metrics on the right axis" />
                    <figcaption><strong>{ "Your losses and metrics." }</strong>{ " " }{ results::summary(r) }</figcaption>
                </figure>
            } else {
                <canvas ref={losses} width="1" height="1" hidden=true />
            }
        </>
    }
}
