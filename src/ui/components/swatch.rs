//! A legend's line sample in a run's colour.

use plotters::style::RGBColor;
use yew::prelude::*;

use crate::ui::hooks::use_css;

#[derive(Properties, PartialEq)]
pub struct SwatchProps {
    pub color: RGBColor,
    pub dashed: bool,
}

#[component]
pub fn Swatch(props: &SwatchProps) -> Html {
    let node = use_node_ref();
    let RGBColor(r, g, b) = props.color;
    use_css(node.clone(), "border-color", format!("rgb({r}, {g}, {b})"));
    html! {
        <span ref={node} class={classes!("swatch", props.dashed.then_some("dashed"))}></span>
    }
}
