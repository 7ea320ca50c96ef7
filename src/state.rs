//! What the page is set to (the Config), how the URL describes it, and every transition
//! between settings. Plain Rust: the UI only forwards events here.

pub mod config;
pub mod url;

pub use config::{Action, Config};
pub use url::{Notice, PARAMS, Param, parse_query, to_query};
