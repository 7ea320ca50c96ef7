//! A menu that shows the page's value.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A ref for a `<select>` that is set to `value` whenever that changes (the page renders every
/// frame; the element is touched only then). Once a learner has picked an option, a browser no
/// longer follows the options' `selected` attributes for it: the lesson menu read "— your own
/// settings —" through a course step whose lesson had been picked and left before, and a
/// setting's menu could keep an old choice the same way.
#[hook]
pub fn use_select_value(value: &str) -> NodeRef {
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(value.to_string(), move |value| {
            if let Some(s) = select.cast::<HtmlSelectElement>() {
                s.set_value(value);
            }
        });
    }
    select
}
