//! The page: Yew components and hooks. The only module that touches the DOM.

mod app;
pub mod bench;
pub mod canvas;
pub mod components;
pub mod hooks;
pub mod workers;

pub use app::App;

/// Mounts the app, or runs a benchmark when the URL asks for one.
pub fn start() {
    // The same module also runs in the landscape workers, which have no window and no page.
    let Some(window) = web_sys::window() else {
        return;
    };
    let query = window.location().search().unwrap_or_default();
    if !bench::start_from_query(&query) {
        yew::Renderer::<App>::new().render();
    }
}
