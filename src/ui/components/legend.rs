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
    /// Marks that are not a run, each its sample's class and its label: named in the legend
    /// only where the chart's caption, which names them otherwise, is hidden (presenter mode).
    #[prop_or_default]
    pub marks: Vec<(&'static str, &'static str)>,
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
            for (class, label) in props.marks.iter() {
                <li class="mark-entry">
                    <span class={classes!("mark-sample", *class)} aria-hidden="true"></span>
                    { *label }
                </li>
            }
        </ul>
    }
}
