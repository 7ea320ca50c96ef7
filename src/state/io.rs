//! Files in and out: the settings as PyTorch, Ultralytics and JSON, a run as CSV, and
//! Ultralytics' `args.yaml` and `results.csv` read in. Built on [`settings`](super::settings)
//! and [`plan`](super::plan).

pub mod export;
pub mod import;
