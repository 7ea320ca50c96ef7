//! `cargo bench`: the workloads of WORKLOADS.md on the native engine. Prints, for each, the
//! median and the fastest of several runs (data and model are prepared before the clock starts,
//! after a second of untimed passes).
//! Set STRIDE_BENCH_RUNS to change the number of runs (default 7).

use std::time::Instant;

use stride::engine::data::Toy;
use stride::engine::lr_finder::FinderConfig;
use stride::engine::workloads::{Workload, prepare};
use stride::state::runs::sweep;
use stride::state::{Config, Task, plan};

fn main() {
    // STRIDE_BENCH_GRID shrinks the landscape grids (64 by default), e.g. to profile them.
    let grid: usize = std::env::var("STRIDE_BENCH_GRID")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
        .max(2);
    let runs: usize = std::env::var("STRIDE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7)
        .max(1);
    // `cargo bench -- W2` runs only the named workloads.
    let only: Vec<Workload> = std::env::args()
        .skip(1)
        .filter_map(|a| Workload::parse(&a))
        .collect();
    // `cargo bench -- features` runs only the LR finder and sweep tables.
    if std::env::args().any(|a| a == "features") {
        finder(runs);
        sweeps(runs.min(3));
        return;
    }
    println!("workload  steps   median_ms    min_ms   final_loss   (native, {runs} runs)");
    for w in Workload::ALL
        .into_iter()
        .filter(|w| only.is_empty() || only.contains(w))
    {
        // A second of untimed passes first, as the page does (there for V8's tiering): here
        // they fault in the allocator's pages and let the core settle, so that a lone run, as
        // the browser comparison makes, is not a cold one.
        let warm_up = Instant::now();
        while warm_up.elapsed().as_secs_f64() < 1.0 {
            prepare(w, grid.min(8)).execute();
        }
        let mut times = Vec::with_capacity(runs);
        let mut outcome = None;
        for _ in 0..runs {
            let mut prepared = prepare(w, grid);
            let start = Instant::now();
            let out = prepared.execute();
            times.push(start.elapsed().as_secs_f64() * 1e3);
            outcome = Some(out);
        }
        times.sort_by(f64::total_cmp);
        let out = outcome.expect("at least one run");
        println!(
            "{:<8}  {:>5}  {:>10.2}  {:>8.2}   {:>10.5}",
            w.id(),
            out.steps,
            times[times.len() / 2],
            times[0],
            out.final_loss
        );
    }
    if only.is_empty() {
        finder(runs);
        sweeps(runs.min(3));
    }
}

/// The LR sweep on the page's tasks: all 25 runs one after the other on one core, as the page
/// does without workers (settings as its e2e test: batch 16, momentum 0.9; 30 epochs of the
/// MLP, 10 of the conv net).
fn sweeps(runs: usize) {
    println!(
        "\nLR sweep   rates  iterations/run   median_ms    min_ms   (native, one core, {runs} runs)"
    );
    for (task, epochs) in [
        (Task::Line, 100),
        (Task::Toy(Toy::Moons), 30),
        (Task::Toy(Toy::Spirals), 30),
        (Task::Digits, 10),
    ] {
        let config = if task == Task::Line {
            Config::default()
        } else {
            Config {
                task,
                epochs,
                batch: 16,
                nbs: 16,
                momentum: 0.9,
                ..Config::default()
            }
        };
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let start = Instant::now();
            let points: Vec<_> = sweep::rates()
                .into_iter()
                .map(|lr| sweep::train_point(&config, lr))
                .collect();
            times.push(start.elapsed().as_secs_f64() * 1e3);
            assert_eq!(points.len(), sweep::SWEEP_RATES);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{:<9}  {:>5}  {:>14}  {:>10.1}  {:>8.1}",
            task.name(),
            sweep::SWEEP_RATES,
            config.batches_per_epoch() * config.epochs,
            times[times.len() / 2],
            times[0]
        );
    }
}

/// The LR finder on the page's tasks: 100 minibatches of fast.ai's range test from fresh
/// weights, as the finder panel runs it (settings as its e2e test: batch 16, momentum 0.9).
fn finder(runs: usize) {
    println!("\nLR finder  iterations   median_ms    min_ms   (native, {runs} runs)");
    for task in [Task::Toy(Toy::Moons), Task::Toy(Toy::Spirals), Task::Digits] {
        let config = Config {
            task,
            batch: 16,
            nbs: 16,
            momentum: 0.9,
            ..Config::default()
        };
        let mut times = Vec::with_capacity(runs);
        let mut steps = 0;
        for _ in 0..runs {
            let mut run = plan::run(&config, None);
            let start = Instant::now();
            steps = run.lr_find(&FinderConfig::default()).lrs.len();
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{:<9}  {:>10}  {:>10.2}  {:>8.2}",
            task.name(),
            steps,
            times[times.len() / 2],
            times[0]
        );
    }
}
