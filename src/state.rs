//! What the page is set to (the [`Config`]), how the URL describes it, the lessons, every
//! transition between settings, the live session and the [`Scene`] drawn from it. Plain Rust:
//! the UI only forwards events here and renders what comes back, so all of it is tested
//! natively.

pub mod action;
pub mod build;
pub mod config;
pub mod export;
pub mod field;
pub mod import;
pub mod key;
pub mod landscape;
pub mod lessons;
pub mod params;
pub mod predict;
pub mod preset;
pub mod scene;
pub mod session;
pub mod sweep;
pub mod task;
pub mod url;
pub mod verdict;

pub use action::Action;
pub use config::{Config, DecayKind, OptKind, Theme};
pub use field::Notice;
pub use key::Key;
pub use params::{PARAMS, Param, Section};
pub use preset::Preset;
pub use scene::Scene;
pub use session::Session;
pub use task::Task;
pub use url::{parse_query, to_query};
