//! The loss landscape with the optimizer's paths: a 2-D map, or the mountain in 3-D
//! ([`MountainView`]), with the toggle between them.

use yew::prelude::*;

use super::MountainView;
use super::term::Marked;

use super::legend::{Entry, Legend};
use crate::charts::landscape;
use crate::state::scene::LandscapeView as View;
use crate::state::{Action, Key, Relief};
use crate::ui::hooks::{use_colors, use_plot};

#[derive(Properties, PartialEq)]
pub struct LandscapeViewProps {
    pub view: View,
    pub on_action: Callback<Action>,
}

#[component]
pub fn LandscapeView(props: &LandscapeViewProps) -> Html {
    let background = use_node_ref();
    let canvas = use_node_ref();
    let v = &props.view;
    let flat = v.relief == Relief::Map;
    // Two stacked canvases: the heatmap is redrawn only when the landscape changes, the paths on
    // every frame.
    let colors = use_colors();
    use_plot(
        background.clone(),
        (v.backdrop.clone().filter(|_| flat), colors),
        |area, (backdrop, colors)| match backdrop {
            Some(b) => landscape::draw_backdrop(area, b, colors, landscape::Cells::Image),
            None => Ok(()),
        },
    );
    let deps = (
        v.backdrop.clone().filter(|_| flat),
        v.paths.clone(),
        v.minimum,
        v.cursor,
        colors,
    );
    use_plot(
        canvas.clone(),
        deps,
        |area, (backdrop, paths, minimum, cursor, colors)| match backdrop {
            Some(backdrop) => {
                landscape::draw_paths(area, backdrop, paths, *minimum, *cursor, colors)
            }
            None => Ok(()),
        },
    );
    let filling = v.progress < 1.0;
    let entries: Vec<Entry> = v
        .legend
        .iter()
        .map(|(label, color)| Entry {
            label: label.clone(),
            color: *color,
            dashed: false,
        })
        .collect();
    html! {
        <figure class="chart landscape">
            if !entries.is_empty() {
                <div class="landscape-legend"><Legend {entries} /></div>
            }
            <div class="relief" role="group" aria-label="Landscape view">
                { for Relief::ALL.iter().map(|&r| {
                    let on = props.on_action.reform(move |_: MouseEvent| Action::Set(Key::View, r.name().into()));
                    html! {
                        <button type="button" id={format!("view-{}", r.name())} aria-pressed={(v.relief == r).to_string()}
                            onclick={on}>{ r.label() }</button>
                    }
                }) }
            </div>
            <div class="canvas-box">
                if flat {
                    <canvas id="landscape-bg" ref={background} width="460" height="460" aria-hidden="true" />
                    <canvas id="landscape" class="layer" ref={canvas} width="460" height="460" role="img"
                        aria-label="Loss landscape with the optimizer's path" />
                } else {
                    <MountainView view={v.clone()} />
                }
                if v.backdrop.is_none() || filling {
                    <div class="overlay" role="status">
                        { v.note }
                        if filling && v.progress > 0.0 {
                            <progress max="1" value={v.progress.to_string()} aria-label="Landscape computed">
                            </progress>
                        }
                    </div>
                }
            </div>
            <figcaption>
                <strong>{ "Loss landscape" }</strong>
                <Marked text={v.caption.clone()} scope="landscape" />{ " " }
                if !v.caveat.is_empty() {
                    <em class="caveat"><Marked text={v.caveat.clone()} scope="caveat" /></em>{ " " }
                }
                <span class="summary" id="landscape-summary">{ v.summary.clone() }</span>
            </figcaption>
        </figure>
    }
}
