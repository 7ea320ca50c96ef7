//! The page: Yew components and hooks. The only module that touches the DOM.

mod app;
pub mod bench;
pub mod canvas;
pub mod components;
pub mod crash;
pub mod files;
pub mod hooks;
pub mod storage;
pub mod workers;

pub use app::App;

/// Mounts the app, or runs a benchmark when the URL asks for one.
pub fn start() {
    crash::install();
    // The same module also runs in the landscape workers, which have no window and no page.
    let Some(window) = web_sys::window() else {
        return;
    };
    // The URL table reads `bench` like every other parameter: a known workload replaces the
    // page; a mistyped one is a notice on the playground.
    let query = window.location().search().unwrap_or_default();
    match crate::state::parse_query(&query).0.bench {
        Some(workload) => bench::start(workload),
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
