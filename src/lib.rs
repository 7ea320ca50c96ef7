//! Stride: a learning-rate playground. The engine trains real models, the charts draw them, the
//! state module holds the settings and the URL, and the UI wires them into a page.

#![forbid(unsafe_code)]

pub mod charts;
pub use stride_engine as engine;
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod ui;
