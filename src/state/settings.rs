//! Settings: the [`Config`](config::Config), the one table of parameters that describes it
//! (names, ranges, sections, page-only flags), the URL that mirrors it, and every transition
//! between settings, and the catalogue of lessons (each a named configuration with its runs and
//! claim). The bottom room: it imports nothing else from `state`.

pub mod action;
pub mod catalogue;
pub mod config;
pub mod field;
pub mod gesture;
pub mod host;
pub mod key;
pub mod params;
pub mod preset;
pub mod task;
pub mod url;
