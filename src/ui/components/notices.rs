//! Notices about URL values that could not be used as written, and files read; what lies
//! behind a notice is folded under it.

use yew::prelude::*;

use crate::state::Notice;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notices: Vec<Notice>,
    pub on_dismiss: Callback<()>,
}

#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notices" role="alert">
            <ul>
                for n in props.notices.iter() {
                    <li>
                        { n.message.clone() }
                        if let Some((id, label)) = n.to {
                            { " " }
                            <button type="button" class="notice-to" onclick={move |_: MouseEvent| crate::ui::hooks::show_panel(id)}>{ label }</button>
                        }
                        if !n.detail.is_empty() {
                            <details class="notice-detail">
                                <summary>{ "What was read" }</summary>
                                { n.detail.clone() }
                            </details>
                        }
                    </li>
                }
            </ul>
            <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
        </div>
    }
}
