//! The learning-rate schedule, drawn the moment any control moves.

use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::legend::{Entry, Legend};
use crate::charts::palette;
use crate::charts::schedule::{self, RefLine, ScheduleScene};
use crate::state::scene::ScheduleView as View;
use crate::ui::hooks::{use_colors, use_plot};

#[derive(Properties, PartialEq)]
pub struct ScheduleViewProps {
    pub view: View,
    pub on_cursor: Callback<Option<usize>>,
    /// The reader's own run is in: this is the toy's schedule (a YOLO user read it beside
    /// Your run's as two schedules for one set of settings).
    pub toy: bool,
}

/// Maps a pointer position over a chart canvas to an iteration, given the plot's left and right
/// padding in CSS pixels (the charts lay out in CSS pixels, whatever the backing store).
pub fn pointer_to_iteration(e: &MouseEvent, pad: (f64, f64), iterations: usize) -> Option<usize> {
    let canvas: HtmlCanvasElement = e.target_dyn_into()?;
    let rect = canvas.get_bounding_client_rect();
    let x = f64::from(e.client_x()) - rect.left();
    // The pads are chart pixels, larger on the page when the charts are zoomed.
    let zoom = crate::ui::hooks::chart_zoom();
    let (left, right) = (pad.0 * zoom, rect.width() - pad.1 * zoom);
    let t = ((x - left) / (right - left).max(1.0)).clamp(0.0, 1.0);
    Some((t * iterations.saturating_sub(1) as f64).round() as usize)
}

#[component]
pub fn ScheduleView(props: &ScheduleViewProps) -> Html {
    let canvas = use_node_ref();
    let colors = use_colors();
    use_plot(
        canvas.clone(),
        (props.view.clone(), colors),
        |area, (v, colors)| {
            let references: Vec<RefLine> = v
                .references
                .iter()
                .map(|r| RefLine {
                    settings: &r.settings.points,
                    color: r.color,
                    per_epoch: r.per_epoch,
                })
                .collect();
            schedule::draw(
                area,
                &ScheduleScene {
                    settings: &v.settings.points,
                    total: v.settings.total,
                    warmup: v.warmup,
                    references: &references,
                    cursor: v.cursor,
                    log_y: v.log_y,
                    logged: v.logged.as_ref().map_or(&[], |r| r.weights.as_slice()),
                    groups: &[],
                    per_epoch: v.per_epoch,
                },
                colors,
            )
        },
    );
    let n = props.view.settings.total;
    let onmousemove = props
        .on_cursor
        .reform(move |e: MouseEvent| pointer_to_iteration(&e, schedule::PAD, n + 1));
    let onmouseleave = props.on_cursor.reform(|_: MouseEvent| None);
    let text = props.view.summary();
    let entry = |label: &str, color, dashed| Entry {
        label: label.to_string(),
        color,
        dashed,
    };
    let mut entries = if schedule::same_rates(&props.view.settings.points) {
        vec![entry("lr", palette::BLUE, false)]
    } else {
        vec![
            entry("lr, weights", palette::BLUE, false),
            entry("lr, biases", palette::GREEN, false),
        ]
    };
    let momentum = schedule::has_momentum(&props.view.settings.points);
    if momentum {
        entries.push(entry(props.view.momentum_label, palette::PURPLE, false));
    }
    for r in &props.view.references {
        entries.push(entry(&format!("lr, {}", r.label), r.color, true));
    }
    if let Some(r) = &props.view.logged {
        entries.push(entry(
            &format!("× lr logged ({})", r.source),
            colors.ink,
            false,
        ));
    }
    html! {
        <figure class="chart schedule">
            <Legend {entries} />
            <canvas id="schedule" ref={canvas} width="560" height="260" role="img"
                aria-label={if momentum {
                    "Learning-rate schedule: rate of weights and biases per iteration, momentum on the right axis"
                } else {
                    "Learning-rate schedule: rate of weights and biases per iteration"
                }}
                {onmousemove} {onmouseleave} />
            <figcaption>
                <strong>{ if props.toy { "The toy task's schedule." } else { "Schedule." } }</strong>
                { " The rate every iteration will use, known before training; warmup shaded. " }
                <span class="summary" id="schedule-summary">{ text }</span>
                // In view too: the summary above is for screen readers, which it already tells.
                <span id="schedule-hidden" aria-hidden="true">{ props.view.hidden_note() }</span>
                if let Some(note) = &props.view.logged_note {
                    <span class="logged-note" id="logged-note">{ " " }{ note }</span>
                } else if props.view.logged.is_some() {
                    <span class="logged-note" id="logged-note">{ " The logged rates agree with this schedule." }</span>
                }
            </figcaption>
        </figure>
    }
}
