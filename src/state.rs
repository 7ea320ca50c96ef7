//! The page's logic in plain Rust, in rooms that import only downward:
//!
//! 1. [`settings`]: what the page is set to (the [`Config`]), the parameter table, the URL.
//! 2. [`lessons`]: the lessons as data, their questions and the verdict rules.
//! 3. [`plan`]: what follows from the settings before training (runs, schedules, `auto`).
//! 4. [`io`]: settings and runs out (PyTorch, Ultralytics, JSON, CSV) and files in.
//! 5. [`runs`]: the live session: run slots, ghost, finder, sweep, landscapes.
//! 6. [`scene`]: what one frame shows, built from the session.
//!
//! The UI only forwards events here and renders what comes back, so all of it is tested
//! natively.

pub mod io;
pub mod lessons;
pub mod plan;
pub mod runs;
pub mod scene;
pub mod settings;

pub use runs::session::Session;
pub use scene::Scene;
pub use settings::action::Action;
pub use settings::config::{Config, DecayKind, OptKind, Relief, Theme};
pub use settings::field::Notice;
pub use settings::key::Key;
pub use settings::params::{PARAMS, Param, Section};
pub use settings::preset::Preset;
pub use settings::task::Task;
pub use settings::url::{parse_query, to_query};
