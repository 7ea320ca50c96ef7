//! A menu that shows the page's value.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A ref for a `<select>` that shows `value` after every render. Once a learner has picked an
/// option, a browser no longer follows the options' `selected` attributes for it: the lesson
/// menu read "— your own settings —" through a course step whose lesson had been picked and
/// left before, and a setting's menu could keep an old choice the same way.
#[hook]
pub fn use_select_value(value: &str) -> NodeRef {
    let select = use_node_ref();
    {
        let select = select.clone();
        let value = value.to_string();
        use_effect(move || {
            if let Some(s) = select.cast::<HtmlSelectElement>() {
                if s.value() != value {
                    s.set_value(&value);
                }
            }
        });
    }
    select
}
