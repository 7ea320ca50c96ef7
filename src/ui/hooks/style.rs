//! Styles set through the CSSOM rather than `style` attributes, which a strict Content
//! Security Policy (`style-src 'self'`, no `'unsafe-inline'`) refuses.

use web_sys::HtmlElement;
use yew::prelude::*;

/// Sets the CSS `property` of the element behind `node` to `value` whenever it changes.
#[hook]
pub fn use_css(node: NodeRef, property: &'static str, value: String) {
    use_effect_with(value, move |value| {
        if let Some(el) = node.cast::<HtmlElement>() {
            let _ = el.style().set_property(property, value);
        }
    });
}
