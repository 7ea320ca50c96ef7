//! What the page is set to (the Config), how the URL describes it, the lessons, and every
//! transition between settings. Plain Rust: the UI only forwards events here.

pub mod build;
pub mod config;
pub mod presets;
pub mod regime;
pub mod session;
pub mod url;

pub use config::{Action, Config, DecayKind, OptKind, Task};
pub use presets::Preset;
pub use url::{Notice, PARAMS, Param, param, parse_query, to_query};
