//! The loss landscape with the optimizer's paths.

use std::rc::Rc;

use plotters::style::RGBColor;
use yew::prelude::*;

use crate::charts::landscape::{self, Backdrop, PathLayer};
use crate::ui::hooks::use_plot;

/// One path, owned.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    pub points: Vec<(f64, f64)>,
    pub color: RGBColor,
    pub ghost: bool,
}

#[derive(Properties, PartialEq)]
pub struct LandscapeViewProps {
    pub backdrop: Option<Rc<Backdrop>>,
    pub paths: Rc<Vec<Path>>,
    pub minimum: Option<(f64, f64)>,
    /// Index into the first path of the point the cursor is at.
    pub cursor: Option<usize>,
    /// Share of the grid computed.
    pub progress: f64,
    pub note: AttrValue,
    pub summary: AttrValue,
}

#[component]
pub fn LandscapeView(props: &LandscapeViewProps) -> Html {
    let background = use_node_ref();
    let canvas = use_node_ref();
    // Two stacked canvases: the heatmap is redrawn only when the landscape changes, the paths on
    // every frame.
    use_plot(
        background.clone(),
        props.backdrop.clone(),
        |area, backdrop| match backdrop {
            Some(b) => landscape::draw_backdrop(area, b),
            None => Ok(()),
        },
    );
    let deps = (
        props.backdrop.clone(),
        props.paths.clone(),
        props.minimum,
        props.cursor,
    );
    use_plot(
        canvas.clone(),
        deps,
        |area, (backdrop, paths, minimum, cursor)| {
            let Some(backdrop) = backdrop else {
                return Ok(());
            };
            let layers: Vec<PathLayer> = paths
                .iter()
                .map(|p| PathLayer {
                    path: &p.points,
                    color: p.color,
                    ghost: p.ghost,
                })
                .collect();
            landscape::draw_paths(area, backdrop, &layers, *minimum, *cursor)
        },
    );
    let filling = props.progress < 1.0;
    html! {
        <figure class="chart landscape">
            <div class="canvas-box">
                <canvas id="landscape-bg" ref={background} width="460" height="460" aria-hidden="true" />
                <canvas id="landscape" class="layer" ref={canvas} width="460" height="460" role="img"
                    aria-label="Loss landscape with the optimizer's path" />
                if props.backdrop.is_none() || filling {
                    <div class="overlay" role="status">
                        { props.note.clone() }
                        if filling && props.progress > 0.0 {
                            <progress max="1" value={props.progress.to_string()} aria-label="Landscape computed">
                            </progress>
                        }
                    </div>
                }
            </div>
            <figcaption>
                <strong>{ "Loss landscape." }</strong>
                { " Colour and contours: the loss around the model. White ring: start; dot: now; ×: minimum. " }
                <span class="summary" id="landscape-summary">{ props.summary.clone() }</span>
            </figcaption>
        </figure>
    }
}
