//! The training core: data, models, optimisation and the facts about stability that the
//! playground teaches. Plain Rust only, so that every number can be checked natively and the
//! same code runs unchanged in the browser.
//!
//! It is a crate of its own (`stride-engine`, beside the page's `stride`) for one reason: the
//! release profile can then build the engine's hot loops for speed (opt-level 3) while the much
//! larger page around it is built for size (see the root `Cargo.toml`). The page re-exports it as
//! `stride::engine`, so every path reads as it did when the engine was a module.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The engine's files name each other `crate::engine::…`, as they did inside the page's crate.
extern crate self as engine;

pub mod data;
pub mod landscape;
pub mod layout;
pub mod line;
pub mod loss;
pub mod lr_finder;
pub mod model;
pub mod optim;
pub mod plane;
pub mod rng;
pub mod run;
pub mod schedule;
pub mod sine;
pub mod smooth;
pub mod stability;
pub mod surface;
pub mod sweep;
pub mod valley;
pub mod workloads;
