//! The browser's Web Storage, where the page may have it: the course's step and tally, and an
//! answered question kept for a reload of its tab. Nothing stored is ever sent anywhere.

use wasm_bindgen::{JsCast, JsValue};

/// The page's `localStorage` or `sessionStorage`, if it may have one (a sandboxed iframe throws
/// on reading it).
fn storage(name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(&gloo::utils::window(), &name.into())
        .ok()
        .filter(JsValue::is_object)
}

/// Calls `method` on localStorage with `args`; storage that refuses (full, private mode) is
/// not the learner's problem, so failures are ignored.
pub(crate) fn call(method: &str, args: &[&str]) -> Option<JsValue> {
    call_in("localStorage", method, args)
}

/// [`call`] on the storage `name`: "sessionStorage" keeps what a reload of this tab should
/// find, and nothing longer.
pub(crate) fn call_in(name: &str, method: &str, args: &[&str]) -> Option<JsValue> {
    let store = storage(name)?;
    let f: js_sys::Function = js_sys::Reflect::get(&store, &method.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    f.apply(&store, &args).ok()
}
