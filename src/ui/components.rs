//! One component per file.

pub mod app;
pub mod boundary_view;
pub mod controls;
pub mod landscape_view;
pub mod legend;
pub mod lessons;
pub mod log_slider;
pub mod loss_view;
pub mod notices;
pub mod playback;
pub mod readouts;
pub mod schedule_view;
