//! The LR finder panel: a button runs fast.ai's range test, the chart shows the loss against
//! the rate with the finder's pick, and a button sets lr0 to it; fast.ai's four picks unfold
//! under the caption, each with its button.

use yew::prelude::*;

use super::term::Marked;

use super::fold_panel::FoldPanel;
use super::legend::{Entry, Legend};
use super::swatch::Swatch;
use crate::charts::finder::{self, FinderScene, suggestion_color};
use crate::engine::stability::fmt_lr;
use crate::state::io::export::finder_csv;
use crate::state::runs::session::Command;
use crate::state::scene::{FINDER_PICK as PICK_NAME, FinderView};
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
    // fast.ai's four picks are drawn only while their explanation is unfolded.
    let unfolded = use_state(|| false);
    use_plot(
        canvas.clone(),
        (props.view.clone(), colors, *unfolded),
        |area, (v, colors, unfolded)| {
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
                    suggestions: &v.drawn(*unfolded),
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
    let on_unfold = {
        let unfolded = unfolded.clone();
        Callback::from(move |e: Event| {
            let d: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            unfolded.set(d.open());
        })
    };
    let run = props.on_command.reform(|_: MouseEvent| Command::Find);
    let finder = props.view.as_ref().map(|v| v.finder.clone());
    let on_csv = Callback::from(move |_: MouseEvent| {
        if let Some(f) = &finder {
            crate::ui::files::download_text(&finder_csv(f), "stride-finder.csv", "text/csv");
        }
    });
    let button = |v: &FinderView,
                  name: &'static str,
                  lr: f64,
                  label: String,
                  id: Option<&'static str>| {
        let set = crate::ui::hooks::lr_button(&props.on_action, lr);
        let text = match v.caveat(lr) {
            Some(c) => format!("lr0 = {} ({label}: {c})", fmt_lr(lr)),
            None => format!("lr0 = {} ({label})", fmt_lr(lr)),
        };
        html! {
            <button type="button" class="finder-pick" {id} data-name={name} data-lr={lr.to_string()} onclick={set} disabled={!v.settable(lr)}>
                <Swatch color={suggestion_color(name)} dashed={false} />
                { text }
            </button>
        }
    };
    html! {
        <FoldPanel id="finder" class={classes!("finder")} summary="LR finder: let the rate grow until the loss blows up"
            open={props.open} {on_toggle}>
            <p class="finder-intro">
                { "fast.ai's range test: 100 steps from the starting weights while the rate grows \
                   from 1e-7 to 10, until the loss blows up (4× its best). Your runs are not touched; see the rate map above to weigh its picks against whole runs." }
            </p>
            <button type="button" id="finder-run" onclick={run}>
                { if props.view.is_some() { "Run it again" } else { "Run the LR finder" } }
            </button>
            if let Some(v) = &props.view {
                <figure class="chart finder-chart">
                    <Legend entries={v.drawn(*unfolded).iter().map(|&(name, _)| Entry {
                        label: if name == PICK_NAME && !*unfolded {
                            format!("the finder's pick ({name})")
                        } else {
                            name.to_string()
                        },
                        color: suggestion_color(name),
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
                    </figcaption>
                </figure>
                <div class="finder-use" role="group" aria-label="Set lr0 to the finder's pick">
                    if let Some(lr) = v.pick() {
                        { button(v, PICK_NAME, lr, "the finder's pick".into(), Some("finder-use-pick")) }
                    }
                    <button type="button" id="finder-csv" onclick={on_csv}>{ "Curve as CSV" }</button>
                </div>
                <details class="finder-why" id="finder-why" ontoggle={on_unfold}>
                    <summary>{ "How to read the curve, and fast.ai's four picks" }</summary>
                    <p>
                        <Marked text={v.sentence.clone()} scope="finder" />
                        { " " }<Marked text={v.picks()} scope="finder-picks" />
                    </p>
                    if !v.shown().is_empty() {
                        <div class="finder-use" role="group" aria-label="Set lr0 to one of fast.ai's picks">
                            { for v.shown().iter().map(|&(name, lr)| button(v, name, lr, name.to_string(), None)) }
                        </div>
                    }
                </details>
            } else {
                <canvas id="finder-chart" ref={canvas} width="1" height="1" hidden=true />
            }
        </FoldPanel>
    }
}
