//! The rate map panel: every rate the page knows on one axis, and the sentence that says where
//! the finder, the sweep and the limit agree and why they differ.

use std::rc::Rc;

use yew::prelude::*;

use super::term::Marked;

use super::fold_panel::FoldPanel;
use crate::charts::rate_map;
use crate::engine::stability::fmt_lr;
use crate::state::Action;
use crate::state::scene::RateMap;
use crate::state::settings::config::{LR_MAX, LR_MIN};
use crate::ui::hooks::{use_colors, use_plot};

#[derive(Properties, PartialEq)]
pub struct RateMapPanelProps {
    pub map: Rc<RateMap>,
    /// The settings: under auto, the button leaves it for what auto resolved.
    pub config: crate::state::Config,
    pub on_action: Callback<Action>,
    /// The reader's own YOLO run is in: the rate to try is the toy task's, and says so (a YOLO
    /// user met "Try lr0 ≈ 0.00433 … Use lr0 0.00433" just above their run's panel).
    pub toy: bool,
}

#[component]
pub fn RateMapPanel(props: &RateMapPanelProps) -> Html {
    let canvas = use_node_ref();
    let colors = use_colors();
    // Open at first: it is the page's answer to "which rate?", below the fold already.
    let open = use_state(|| true);
    // The three marks that answer "which rate?" first; every other rate, and why it differs,
    // once asked for.
    let all = use_state(|| false);
    use_plot(
        canvas.clone(),
        (props.map.clone(), colors, *all),
        |area, (map, colors, all)| {
            let band = map
                .band
                .map(|b| (b, crate::state::scene::RateSource::Try.color()));
            let shades: Vec<rate_map::Shade> = map
                .zones
                .iter()
                .map(|z| rate_map::Shade {
                    range: z.range,
                    words: z.words,
                    color: z.color(),
                })
                .collect();
            rate_map::draw(
                area,
                &map.ticks(*all),
                (LR_MIN, LR_MAX),
                band,
                &shades,
                colors,
            )
        },
    );
    let on_all = {
        let all = all.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_dyn_into::<web_sys::HtmlDetailsElement>()
                .is_some_and(|d| d.open());
            all.set(open);
        })
    };
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |o: bool| open.set(o))
    };
    let described = props
        .map
        .shown(*all)
        .map(|p| format!("{} {}", p.label, fmt_lr(p.value)))
        .collect::<Vec<_>>()
        .join(", ");
    let described = match props.map.band {
        Some((lo, hi)) => format!(
            "{described}; green band from {} to {}, where runs end as low",
            fmt_lr(lo),
            fmt_lr(hi)
        ),
        None => described,
    };
    let described = props.map.zones.iter().fold(described, |d, z| {
        format!("{d}; {} {}", z.words[0], z.where_words())
    });
    html! {
        <FoldPanel id="rate-map" class={classes!("finder", "rate-map")} summary="Rate map: which lr0 to try on this page's task, and where the others come from"
            open={*open} {on_toggle}>
            <p id="rate-map-try" class="rate-map-try" aria-live="polite">
                <strong>
                    if props.toy { { "Toy task: " } }
                    <Marked text={props.map.claim.clone()} scope="rate-map-lead" />
                </strong>
                if let Some(lr) = props.map.try_lr {
                    { " " }
                    <button type="button" id="rate-map-use" onclick={crate::ui::hooks::try_button(&props.on_action, lr, props.map.use_optimizer.and(Some(&props.config)))}>
                        { match props.map.use_optimizer {
                            Some(name) => format!("Use {name} at lr0 {}", fmt_lr(lr)),
                            None => format!("Use lr0 {}", fmt_lr(lr)),
                        } }
                        if props.toy { { " on the toy" } }
                    </button>
                }
            </p>
            // The runs behind the claim, for whoever asks: one bold paragraph of sixty words
            // was skipped by every reviewer.
            if !props.map.why.is_empty() {
                <details id="rate-map-evidence" class="rate-map-evidence">
                    <summary>{ "why" }</summary>
                    <p><Marked text={props.map.why.clone()} scope="rate-map-evidence" /></p>
                </details>
            }
            <figure class="chart rate-map-chart">
                <canvas id="rate-map-chart" ref={canvas} width="560" height="140" data-aspect-narrow={if *all { "0.75" } else { "0.45" }} role="img"
                    aria-label={format!("Rates on a log axis: {described}")} />
                // The one rate to try leads; why each other mark differs is there for whoever
                // asks (a student met ten marks and a paragraph, and no single answer).
                <figcaption>
                    <details id="rate-map-why" class="rate-map-why" ontoggle={on_all}>
                        <summary>{ props.map.more() }</summary>
                        <ul class="rate-map-notes">
                            // Each text its own scope: a term in two notes must not give two tips one id.
                            for (k, note) in props.map.notes.iter().cloned().enumerate() {
                                <li><Marked text={note} scope={format!("rate-map-note-{k}")} /></li>
                            }
                        </ul>
                        <p id="rate-map-sentence"><Marked text={props.map.sentence.clone()} scope="rate-map" /></p>
                    </details>
                </figcaption>
            </figure>
        </FoldPanel>
    }
}
