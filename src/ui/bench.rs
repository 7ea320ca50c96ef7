//! `?bench=W1|W2|W3|L2|L3`: runs one workload of WORKLOADS.md once the page has loaded and
//! exposes `window.__lrBench`, a Promise of `{ workload, steps, ms, final_loss }`, with `ms`
//! the wall time of the workload alone (`performance.now()`, data and model prepared first,
//! after a second of untimed warm-up passes). The training workloads also report `first_ms`,
//! the first, cold pass.

use gloo::timers::callback::Timeout;
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::JsValue;

use super::workers::Pool;
use crate::engine::workloads::{Outcome, Prepared, Workload, prepare};
use crate::state::runs::landscape::{JobId, LandscapeJob};

/// How long untimed passes run before the timed one, in ms.
const WARM_UP_MS: f64 = 1000.0;

/// Runs `workload` in place of the playground.
pub fn start(workload: Workload) {
    let window = gloo::utils::window();
    let id = workload.id();
    let promise = Promise::new(&mut |resolve, _reject| {
        let resolve_result = resolve.clone();
        let report = move |outcome: Outcome, ms: f64, cold: Option<f64>| {
            let result = Object::new();
            let set = |k: &str, v: JsValue| {
                let _ = Reflect::set(&result, &JsValue::from_str(k), &v);
            };
            set("workload", JsValue::from_str(workload.id()));
            set("steps", JsValue::from_f64(outcome.steps as f64));
            set("ms", JsValue::from_f64(ms));
            set("final_loss", JsValue::from_f64(outcome.final_loss));
            if let Some(cold) = cold {
                set("first_ms", JsValue::from_f64(cold));
            }
            let _ = resolve_result.call1(&JsValue::NULL, &result);
        };
        // Landscapes are computed in Web Workers, as the page computes them.
        if matches!(workload, Workload::L2 | Workload::L3) {
            if let Some(pool) = Pool::new() {
                wasm_bindgen_futures::spawn_local(async move {
                    // Warm-up, as for the training workloads: the workers load the module and
                    // compute small grids for at least WARM_UP_MS, so that each has its
                    // optimised code (every worker tiers up on its own).
                    let perf = gloo::utils::window().performance().expect("performance");
                    let warm_up = perf.now();
                    while perf.now() - warm_up < WARM_UP_MS {
                        in_workers(&pool, workload, &mut prepare(workload, 8)).await;
                    }
                    let mut prepared = prepare(workload, 64);
                    let t0 = perf.now();
                    let outcome = in_workers(&pool, workload, &mut prepared).await;
                    report(outcome, perf.now() - t0, None);
                });
                return;
            }
        }
        // Give the page its load event first; the one-shot timer is forgotten on purpose: it
        // fires once and bench mode has nothing to clean up.
        Timeout::new(20, move || {
            let perf = gloo::utils::window().performance().expect("performance");
            let time = |mut prepared: Prepared| {
                let t0 = perf.now();
                let outcome = prepared.execute();
                (outcome, perf.now() - t0)
            };
            // The first pass, cold: V8 runs new wasm through its baseline compiler.
            let (_, cold) = time(prepare(workload, 64));
            // Then untimed passes for at least WARM_UP_MS. V8 optimises a function in the
            // background once it has run hot, and wasm has no on-stack replacement, so a pass
            // keeps the code it started with; the page's own start-up work also settles. The
            // timed pass then measures the steady state, which is what the playground trains
            // in after its first second.
            let warm_up = perf.now();
            let mut passes = 0;
            while passes < 2 || perf.now() - warm_up < WARM_UP_MS {
                prepare(workload, 8).execute();
                passes += 1;
            }
            let (outcome, ms) = time(prepare(workload, 64));
            report(outcome, ms, Some(cold));
        })
        .forget();
    });
    let _ = Reflect::set(&window, &JsValue::from_str("__lrBench"), &promise);
    if let Some(body) = gloo::utils::document().body() {
        body.set_text_content(Some(&format!("Stride benchmark {id} running…")));
    }
}

/// Computes a landscape workload's grid in the pool's workers, in chunks spread over them.
async fn in_workers(pool: &Pool, workload: Workload, prepared: &mut Prepared) -> Outcome {
    let spec = format!("workload={}", workload.id());
    let job = JobId(u32::MAX);
    let grid = prepared.grid_mut().expect("a landscape workload");
    let chunk = (grid.grid().values.len() / (8 * pool.len())).max(1);
    let (x, y) = (grid.grid().x, grid.grid().y);
    let plane = grid.plane().clone();
    while let Some(range) = grid.hand_out(chunk) {
        pool.submit(&LandscapeJob {
            job,
            spec: spec.clone(),
            plane: plane.clone(),
            x,
            y,
            range,
        });
    }
    while !grid.is_done() {
        gloo_timers::future::TimeoutFuture::new(1).await;
        for d in pool.inbox.borrow_mut().drain(..) {
            if d.job == job {
                grid.fill(d.start, &d.values);
            }
        }
    }
    let g = grid.grid();
    Outcome {
        steps: g.values.len(),
        final_loss: g.value(g.x.len / 2, g.y.len / 2),
    }
}

/// The page's WebAssembly memory in bytes, for the end-to-end test of the memory bound (wasm
/// memory only grows, so this is also its peak).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn stride_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}
