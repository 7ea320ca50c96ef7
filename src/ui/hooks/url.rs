//! The address bar as a view of the settings.

use yew::prelude::*;

use crate::state::{Config, to_query};

/// The page's query string, with its `?`.
pub fn location_query() -> String {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
}

/// Keeps the address bar in step with the settings without adding history entries.
fn write_query(config: &Config) {
    let window = gloo::utils::window();
    let Ok(path) = window.location().pathname() else {
        return;
    };
    let query = to_query(config);
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Writes the settings into the address bar once they rest for a moment: replaceState on every
/// slider event would cost a few milliseconds of each frame.
#[hook]
pub fn use_url_sync(config: &Config) {
    use_effect_with(config.clone(), |config| {
        let config = config.clone();
        let timer = gloo::timers::callback::Timeout::new(150, move || write_query(&config));
        move || drop(timer)
    });
}
