//! Runs: the live session (its run slots, ghost, finder and sweep), the LR sweep's jobs and the
//! landscapes computed in workers. Everything below it is settings, lessons, plans and files;
//! the [`scene`](super::scene) above reads it once per frame.

pub mod landscape;
pub mod session;
pub mod sweep;
