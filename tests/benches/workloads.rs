//! `cargo bench`: the workloads of WORKLOADS.md on the native engine. Prints, for each, the
//! median and the fastest of several runs (data and model are prepared before the clock starts,
//! after a second of untimed passes).
//! Set STRIDE_BENCH_RUNS to change the number of runs (default 7).

use std::time::Instant;

use stride::engine::workloads::{Workload, prepare};

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
}
