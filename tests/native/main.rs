//! The native tests, as one test executable: each file is a module named for what it checks,
//! and `common` holds the helpers they share. One executable links once, where one per file
//! linked 27 times.

mod auto;
mod charts;
mod common;
mod course;
mod downloads;
mod effective;
mod export;
mod export_runs;
mod figure;
mod finder_panel;
mod gesture;
mod ghost;
mod glossary;
mod heatmap;
mod host;
mod hostile;
mod landscape;
mod ledger;
mod lessons;
mod lr_finder;
mod models;
mod mountain;
mod no_alloc;
mod optim;
mod predict;
mod present;
mod properties;
mod question;
mod rate_map;
mod readme;
mod results_csv;
mod run;
mod scene;
mod schedules;
mod session;
mod sine;
mod structure;
mod sweep;
mod sweep_axes;
mod url;
mod valley;
mod verdict;
mod workloads;
mod your_run;
