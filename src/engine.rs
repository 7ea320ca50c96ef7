//! The training core: data, models, optimisation and the facts about stability that the
//! playground teaches. Plain Rust only, so that every number can be checked natively and the
//! same code runs unchanged in the browser.
#![warn(missing_docs)]

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
