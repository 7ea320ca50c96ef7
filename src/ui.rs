//! The page: Yew components and hooks. The only module that touches the DOM.

pub mod components;
pub mod hooks;

pub use components::app::App;
