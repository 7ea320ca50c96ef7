//! One component per file.

pub mod app;
pub mod landscape_view;
pub mod log_slider;
pub mod loss_view;
pub mod notices;
pub mod regime_panel;
