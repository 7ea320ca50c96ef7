//! The LR finder panel: a button runs fast.ai's range test, the chart shows the loss against
//! the rate, and a button per suggestion sets lr0.

use yew::prelude::*;

use super::term::Marked;

use super::fold_panel::FoldPanel;
use super::legend::{Entry, Legend};
use super::swatch::Swatch;
use crate::charts::finder::{self, FinderScene, SUGGESTION_COLORS};
use crate::engine::stability::fmt_lr;
use crate::state::io::export::finder_csv;
use crate::state::runs::session::Command;
use crate::state::scene::FinderView;
use crate::state::{Action, Key};
use crate::ui::hooks::{use_colors, use_plot};

#[derive(Properties, PartialEq)]
pub struct FinderPanelProps {
    pub view: Option<FinderView>,
    pub open: bool,
    pub on_action: Callback<Action>,
    pub on_command: Callback<Command>,
}

#[component]
pub fn FinderPanel(props: &FinderPanelProps) -> Html {
    let canvas = use_node_ref();
    let colors = use_colors();
    use_plot(
        canvas.clone(),
        (props.view.clone(), colors),
        |area, (v, colors)| {
            let Some(v) = v else { return Ok(()) };
            finder::draw(
                area,
                &FinderScene {
                    curve: v
                        .finder
                        .lrs
                        .iter()
                        .copied()
                        .zip(v.finder.losses.iter().copied())
                        .collect(),
                    suggestions: v.shown(),
                    lr0: v.lr0,
                    read: v.read_window(),
                },
                colors,
            )
        },
    );
    let on_toggle = props
        .on_action
        .reform(|open: bool| Action::Set(Key::Finder, u8::from(open).to_string()));
    let run = props.on_command.reform(|_: MouseEvent| Command::Find);
    let finder = props.view.as_ref().map(|v| v.finder.clone());
    let on_csv = Callback::from(move |_: MouseEvent| {
        if let Some(f) = &finder {
            crate::ui::files::download_text(&finder_csv(f), "stride-finder.csv", "text/csv");
        }
    });
    html! {
        <FoldPanel id="finder" class={classes!("finder")} summary="LR finder: let the rate grow until the loss blows up"
            open={props.open} {on_toggle}>
            <p class="finder-intro">
                { "fast.ai's range test: 100 minibatches from the starting weights while the rate grows \
                   from 1e-7 to 10, until the loss blows up (4× its best). Your runs are not touched; see the rate map above to weigh its picks against whole runs." }
            </p>
            <button type="button" id="finder-run" onclick={run}>
                { if props.view.is_some() { "Run it again" } else { "Run the LR finder" } }
            </button>
            if let Some(v) = &props.view {
                <figure class="chart finder-chart">
                    <Legend entries={v.shown().iter().enumerate().map(|(k, (name, _))| Entry {
                        label: (*name).to_string(),
                        color: SUGGESTION_COLORS[k % SUGGESTION_COLORS.len()],
                        dashed: false,
                    }).chain(std::iter::once(Entry {
                        label: "lr0 now".into(),
                        color: crate::charts::palette::GREY,
                        dashed: true,
                    })).collect::<Vec<_>>()} />
                    <canvas id="finder-chart" ref={canvas.clone()} width="560" height="260" role="img"
                        aria-label="LR range test: smoothed loss against the learning rate, log scale, with the suggestions" />
                    <figcaption id="finder-sentence">
                        <strong>{ "LR finder." }</strong>{ " " }<Marked text={v.lead()} scope="finder-lead" />
                        if let Some(a) = &v.agrees {
                            <span class="finder-agrees" id="finder-agrees">{ " " }{ a }</span>
                        }
                        <details class="finder-why" id="finder-why">
                            <summary>{ "How to read the curve, and fast.ai's four picks" }</summary>
                            <Marked text={v.sentence.clone()} scope="finder" />
                            { " " }<Marked text={v.picks()} scope="finder-picks" />
                        </details>
                    </figcaption>
                </figure>
                <div class="finder-use" role="group" aria-label="Set lr0 to a suggestion">
                    { for v.shown().iter().enumerate().map(|(k, &(name, lr))| {
                        let set = crate::ui::hooks::lr_button(&props.on_action, lr);
                        let color = SUGGESTION_COLORS[k % SUGGESTION_COLORS.len()];
                        html! {
                            <button type="button" class="finder-pick" data-name={name} data-lr={lr.to_string()} onclick={set} disabled={!v.settable(lr)}>
                                <Swatch {color} dashed={false} />
                                { match v.caveat(lr) {
                                    Some(c) => format!("lr0 = {} ({name}: {c})", fmt_lr(lr)),
                                    None => format!("lr0 = {} ({name})", fmt_lr(lr)),
                                } }
                            </button>
                        }
                    }) }
                    <button type="button" id="finder-csv" onclick={on_csv}>{ "Curve as CSV" }</button>
                </div>
            } else {
                <canvas id="finder-chart" ref={canvas} width="1" height="1" hidden=true />
            }
        </FoldPanel>
    }
}
