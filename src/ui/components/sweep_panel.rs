//! The LR sweep panel: a button trains the settings at 25 rates, the chart fills in as runs
//! finish, and a click on the chart (or the list, from the keyboard) sets lr0.

use yew::prelude::*;

use super::term::Marked;

use super::fold_panel::FoldPanel;
use super::legend::{Entry, Legend};
use crate::charts::palette;
use crate::charts::sweep::{self, ACCURACY, DIVERGED, LIMIT, LOSS, SweepScene};
use crate::engine::stability::fmt_lr;
use crate::state::io::export::sweep_csv;
use crate::state::runs::session::Command;
use crate::state::scene::SweepView;
use crate::state::{Action, Key};
use crate::ui::hooks::{use_colors, use_plot};

#[derive(Properties, PartialEq)]
pub struct SweepPanelProps {
    pub view: Option<SweepView>,
    pub open: bool,
    pub accuracy: bool,
    pub on_action: Callback<Action>,
    pub on_command: Callback<Command>,
}

/// A run in the list, its numbers named as the sweep measures them: a teacher read "loss 0.209,
/// accuracy 96 %" beside the badge's smoothed loss and asked which loss and which accuracy.
fn describe(p: &crate::state::runs::sweep::SweepPoint) -> String {
    match (p.diverged, p.loss, p.accuracy) {
        (true, ..) => format!("lr0 = {}: diverged", fmt_lr(p.lr0)),
        (false, Some(l), Some(a)) => format!(
            "lr0 = {}: last epoch's loss {}, validation accuracy {:.0} %",
            fmt_lr(p.lr0),
            fmt_lr(l),
            a * 100.0
        ),
        (false, Some(l), None) => {
            format!("lr0 = {}: last epoch's loss {}", fmt_lr(p.lr0), fmt_lr(l))
        }
        (false, None, _) => format!("lr0 = {}", fmt_lr(p.lr0)),
    }
}

#[component]
pub fn SweepPanel(props: &SweepPanelProps) -> Html {
    let canvas = use_node_ref();
    let colors = use_colors();
    let accuracy = props.accuracy;
    use_plot(
        canvas.clone(),
        (props.view.clone(), colors),
        move |area, (v, colors)| {
            let Some(v) = v else { return Ok(()) };
            sweep::draw(
                area,
                &SweepScene {
                    points: &v.points,
                    lr0: v.lr0,
                    limit: v.limit,
                    accuracy,
                    range: v.range,
                },
                colors,
            )
        },
    );
    let on_toggle = props
        .on_action
        .reform(|open: bool| Action::Set(Key::Sweep, u8::from(open).to_string()));
    let on_click = {
        let on_action = props.on_action.clone();
        let (points, range) = props
            .view
            .as_ref()
            .map_or((Vec::new(), (1.0, 1.0)), |v| (v.points.clone(), v.range));
        Callback::from(move |e: MouseEvent| {
            let target: web_sys::HtmlCanvasElement = e.target_unchecked_into();
            let rect = target.get_bounding_client_rect();
            // The canvas has as many pixels as CSS pixels (`use_plot`), so offsets map directly.
            let x = f64::from(e.client_x()) - rect.left();
            if let Some(p) = sweep::rate_at(x, rect.width(), accuracy, range)
                .and_then(|lr| sweep::nearest(&points, lr))
            {
                on_action.emit(Action::SetLr(p.lr0));
            }
        })
    };
    let on_pick = props.on_action.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        Action::SetLr(select.value().parse().unwrap_or(0.01))
    });
    let run = props.on_command.reform(|_: MouseEvent| Command::Sweep);
    let points = props
        .view
        .as_ref()
        .map(|v| v.points.clone())
        .unwrap_or_default();
    let on_csv = Callback::from(move |_: MouseEvent| {
        crate::ui::files::download_text(&sweep_csv(&points), "stride-sweep.csv", "text/csv");
    });
    let mut entries = vec![Entry {
        label: "final loss".into(),
        color: LOSS,
        dashed: false,
    }];
    if accuracy {
        entries.push(Entry {
            label: "val accuracy".into(),
            color: ACCURACY,
            dashed: true,
        });
    }
    if props
        .view
        .as_ref()
        .is_some_and(|v| v.points.iter().any(|p| p.diverged))
    {
        entries.push(Entry {
            label: "× diverged".into(),
            color: DIVERGED,
            dashed: false,
        });
    }
    if let Some(v) = props.view.as_ref().filter(|v| v.limit.is_some()) {
        entries.push(Entry {
            label: v.limit_name.into(),
            color: LIMIT,
            dashed: true,
        });
    }
    entries.push(Entry {
        label: "lr0 now".into(),
        color: palette::GREY,
        dashed: true,
    });
    html! {
        <FoldPanel id="sweep" class={classes!("finder", "sweep")} summary="LR sweep: the final loss of a whole run at each lr0"
            open={props.open} {on_toggle}>
            <p class="finder-intro">
                { "The same settings trained to the end at 25 rates from 1e-5 to 10, in the background; \
                   each point appears when its run finishes. The runs above are not touched." }
            </p>
            <button type="button" id="sweep-run" onclick={run}>
                { if props.view.is_some() { "Sweep again" } else { "Run the LR sweep" } }
            </button>
            if let Some(v) = &props.view {
                <figure class="chart finder-chart">
                    <Legend {entries} />
                    <canvas id="sweep-chart" ref={canvas.clone()} width="560" height="280" data-aspect-narrow="0.8" role="img"
                        onclick={on_click}
                        aria-label="LR sweep: final training loss against lr0, both on log scales, diverged runs as crosses along the top; click a point to set lr0" />
                    <figcaption id="sweep-sentence" aria-live="polite">
                        <strong>{ "LR sweep." }</strong>{ " " }<Marked text={v.sentence.clone()} scope="sweep" />
                        if let Some(note) = &v.note {
                            { " " }{ note }
                        }
                        if let Some(note) = &v.band_note {
                            { " " }{ note }
                        }
                        { " Click or tap a point, or pick it below, to set lr0; see the rate map above for how it sits with the finder and the limit." }
                    </figcaption>
                </figure>
                <div class="finder-use">
                    if let Some(safe) = v.safe {
                        <button type="button" id="sweep-safe" data-lr={safe.to_string()}
                            onclick={crate::ui::hooks::lr_button(&props.on_action, safe)}>
                            { format!("lr0 = {} ({})", fmt_lr(safe), v.safe_why) }
                        </button>
                    }
                    if let Some(best) = v.best {
                        <button type="button" id="sweep-best" data-lr={best.lr0.to_string()}
                            onclick={crate::ui::hooks::lr_button(&props.on_action, best.lr0)}>
                            { format!("lr0 = {} (lowest loss{})", fmt_lr(best.lr0), if v.lucky { ", a lucky run" } else if v.by_wall { ", one step from the wall" } else { "" }) }
                        </button>
                    }
                    <button type="button" id="sweep-csv" onclick={on_csv}>{ "Points as CSV" }</button>
                    <label>
                        { "Set lr0 to a swept rate " }
                        <select id="sweep-pick" onchange={on_pick}>
                            <option value="" selected=true disabled=true>{ "choose…" }</option>
                            for p in v.points.iter() {
                                <option value={p.lr0.to_string()}>{ describe(p) }</option>
                            }
                        </select>
                    </label>
                </div>
            } else {
                <canvas id="sweep-chart" ref={canvas} width="1" height="1" hidden=true />
            }
        </FoldPanel>
    }
}
