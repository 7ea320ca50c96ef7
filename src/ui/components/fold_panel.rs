//! A panel below the charts that the reader opens and closes by its heading (a `<details>`),
//! open or closed as the settings say, so that a link can open it.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FoldPanelProps {
    pub id: AttrValue,
    pub class: Classes,
    /// The heading, always shown; a click on it opens or closes the panel.
    pub summary: AttrValue,
    pub open: bool,
    /// The reader opened (`true`) or closed the panel.
    pub on_toggle: Callback<bool>,
    pub children: Html,
}

#[component]
pub fn FoldPanel(props: &FoldPanelProps) -> Html {
    let ontoggle = {
        let (on_toggle, open) = (props.on_toggle.clone(), props.open);
        Callback::from(move |e: Event| {
            let now: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            // The browser also fires `toggle` when the settings open or close the panel; only a
            // change away from what they say came from the reader.
            if now.open() != open {
                on_toggle.emit(now.open());
            }
        })
    };
    html! {
        <details class={props.class.clone()} id={props.id.clone()} open={props.open} {ontoggle}>
            <summary>{ props.summary.clone() }</summary>
            { props.children.clone() }
        </details>
    }
}
