//! Files in and out: the settings as PyTorch, Ultralytics and JSON, a run as CSV, and
//! Ultralytics' `args.yaml` and `results.csv` read in. Built on [`settings`](super::settings)
//! and [`plan`](super::plan); [`limits`] bounds what an import may hold.

pub mod export;
pub mod fullscale;
pub mod import;
pub mod limits;
pub mod results;
pub mod size_read;
pub mod yolo;
