//! Chart legends in HTML: readable by screen readers, and cheaper than plotters' legends, whose
//! text is measured through the DOM on every redraw.

use plotters::style::RGBColor;
use yew::prelude::*;

use super::swatch::Swatch;

/// One legend entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub label: String,
    pub color: RGBColor,
    pub dashed: bool,
}

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub entries: Vec<Entry>,
}

#[component]
pub fn Legend(props: &LegendProps) -> Html {
    html! {
        <ul class="legend">
            for e in props.entries.iter() {
                <li>
                    <Swatch color={e.color} dashed={e.dashed} />
                    { e.label.clone() }
                </li>
            }
        </ul>
    }
}
