//! The page: Yew components and hooks. The only module that touches the DOM.

pub mod bench;
pub mod components;
pub mod hooks;

pub use components::app::App;

/// Mounts the app, or runs a benchmark when the URL asks for one.
pub fn start() {
    let query = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    if !bench::start_from_query(&query) {
        yew::Renderer::<App>::new().render();
    }
}
