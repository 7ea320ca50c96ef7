//! Landscape grids and LR-sweep runs computed in Web Workers, split across the machine's cores.
//!
//! Each worker runs `worker.js` (shipped beside the page, so a strict CSP needs no `blob:`),
//! which loads the page's own wasm module (sent as a compiled `WebAssembly.Module`, so nothing
//! is fetched or compiled twice) through the page's wasm-bindgen glue, says it is ready, and
//! answers messages "losses at grid indices a..b of this plane" by calling
//! [`stride_plane_losses`], and "train these settings at this rate" by calling
//! [`stride_sweep_point`]. Plain `postMessage`, so a static host needs no cross-origin-isolation
//! headers. A pool is made only when there is work for it, and dropping it terminates its
//! workers.

mod entry;
mod fault;
mod send;

pub use entry::{stride_plane_losses, stride_sweep_point};

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Float64Array, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Event, HtmlLinkElement, MessageEvent, Url, Worker, WorkerOptions, WorkerType};

use crate::state::runs::landscape::{Delivery, JobId};

/// A worker's unanswered messages: (since when it has been on it, how long it may take), ms.
type Queue = VecDeque<(f64, f64)>;

/// A sweep run's answer: (sweep, index, [loss, accuracy, diverged]).
pub type SweepAnswer = (u32, usize, Vec<f64>);

/// A set of landscape workers. Results land in `inbox` as (job, first index, values).
pub struct Pool {
    workers: Vec<Worker>,
    _handlers: Vec<Closure<dyn FnMut(MessageEvent)>>,
    next: RefCell<usize>,
    /// Results not yet taken.
    pub inbox: Rc<RefCell<Vec<Delivery>>>,
    /// Sweep runs' results not yet taken.
    pub sweeps: Rc<RefCell<Vec<SweepAnswer>>>,
    /// Messages sent and not yet answered.
    pub in_flight: Rc<RefCell<usize>>,
    /// Workers that have loaded the module.
    pub ready: Rc<RefCell<usize>>,
    /// Each worker's unanswered messages, oldest first: since when it has been on it (ms; a
    /// worker takes them in turn) and how long it may take.
    sent: Rc<RefCell<Vec<Queue>>>,
    /// What went wrong in a worker, if anything did.
    failed: Rc<RefCell<Option<String>>>,
    _error_handlers: Vec<Closure<dyn FnMut(Event)>>,
}

/// How long a worker may take over a message before the pool gives up on it (ms): a message is
/// 16 points, well under a second even for the conv net on a slow machine, but the first ones
/// also wait for the worker to load the module.
pub const DEADLINE_MS: f64 = 10_000.0;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pool of {} workers", self.workers.len())
    }
}

impl Pool {
    /// [`Pool::start`] for a caller with nothing to tell the reader.
    pub fn new() -> Option<Pool> {
        Pool::start().ok()
    }

    /// One worker per core (at most 4). `Err(None)` where this page cannot make workers at all
    /// (no glue module link, as in the test runner): nothing to tell the reader; `Err(Some(why))`
    /// where making one failed (a policy that forbids it, say): the reader is told.
    pub fn start() -> Result<Pool, Option<String>> {
        let setup = Pool::setup().ok_or(None)?;
        Pool::spawn(setup).map_err(Some)
    }

    /// Where the glue module and `worker.js` are, and how many workers to make.
    fn setup() -> Option<(String, String, usize)> {
        let window = web_sys::window()?;
        let glue = window
            .document()?
            .query_selector("link[rel=modulepreload]")
            .ok()??
            .dyn_into::<HtmlLinkElement>()
            .ok()?
            .href();
        // Beside the page, wherever it is served from (`trunk build --public-url`).
        let base = window.document()?.base_uri().ok()??;
        let url = Url::new_with_base("worker.js", &base).ok()?.href();
        let cores = window.navigator().hardware_concurrency() as usize;
        Some((glue, url, cores.clamp(1, 4)))
    }

    fn spawn((glue, url, count): (String, String, usize)) -> Result<Pool, String> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let inbox: Rc<RefCell<Vec<Delivery>>> = Rc::default();
        let sweeps: Rc<RefCell<Vec<SweepAnswer>>> = Rc::default();
        let in_flight: Rc<RefCell<usize>> = Rc::default();
        let ready: Rc<RefCell<usize>> = Rc::default();
        let sent: Rc<RefCell<Vec<Queue>>> = Rc::new(RefCell::new(vec![VecDeque::new(); count]));
        let failed: Rc<RefCell<Option<String>>> = Rc::default();
        let mut error_handlers = Vec::with_capacity(count);
        let mut workers = Vec::with_capacity(count);
        let mut handlers = Vec::with_capacity(count);
        for index in 0..count {
            let worker = match Worker::new_with_options(&url, &options) {
                Ok(worker) => worker,
                Err(e) => return Err(fault::refused(&workers, &e)),
            };
            let (inbox, in_flight, loaded) = (inbox.clone(), in_flight.clone(), ready.clone());
            let swept = sweeps.clone();
            let answered = sent.clone();
            let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let data = e.data();
                let get =
                    |k: &str| Reflect::get(&data, &JsValue::from_str(k)).unwrap_or(JsValue::NULL);
                if get("ready").is_truthy() {
                    *loaded.borrow_mut() += 1;
                    return;
                }
                let values = get("values")
                    .dyn_into::<Float64Array>()
                    .map(|a| a.to_vec())
                    .unwrap_or_default();
                // Ids and indices always fit: they were sent as u32.
                let number = |k: &str| get(k).as_f64().unwrap_or(0.0) as u32;
                if get("sweep").is_undefined() || get("sweep").is_null() {
                    let (job, start) = (JobId(number("job")), number("start") as usize);
                    inbox.borrow_mut().push(Delivery { job, start, values });
                } else {
                    let answer = (number("sweep"), number("index") as usize, values);
                    swept.borrow_mut().push(answer);
                }
                let mut queue = answered.borrow_mut();
                queue[index].pop_front();
                // The worker starts on its next message only now.
                if let Some(next) = queue[index].front_mut() {
                    next.0 = next.0.max(now());
                }
                let mut n = in_flight.borrow_mut();
                *n = n.saturating_sub(1);
            });
            worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
            let on_error = fault::on_error(failed.clone());
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            error_handlers.push(on_error);
            let init = Object::new();
            let _ = Reflect::set(&init, &"glue".into(), &JsValue::from_str(&glue));
            let _ = Reflect::set(&init, &"module".into(), &wasm_bindgen::module());
            let posted = worker.post_message(&init);
            workers.push(worker);
            handlers.push(handler);
            if let Err(e) = posted {
                return Err(fault::refused(&workers, &e));
            }
        }
        Ok(Pool {
            workers,
            _handlers: handlers,
            next: RefCell::new(0),
            inbox,
            sweeps,
            in_flight,
            ready,
            sent,
            failed,
            _error_handlers: error_handlers,
        })
    }

    /// Why the pool cannot be relied on any more, if it cannot: a worker reported an error, or
    /// one has sat on a message past [`DEADLINE_MS`].
    pub fn failure(&self) -> Option<String> {
        if let Some(why) = self.failed.borrow().clone() {
            return Some(why);
        }
        let now = now();
        self.sent
            .borrow()
            .iter()
            .filter_map(|q| q.front())
            .any(|&(t, allowance)| now - t > allowance)
            .then(|| {
                format!(
                    "a landscape worker did not answer within {} s",
                    DEADLINE_MS / 1000.0
                )
            })
    }

    /// Number of workers.
    pub fn len(&self) -> usize {
        self.workers.len()
    }

    /// Whether the pool has no workers.
    pub fn is_empty(&self) -> bool {
        self.workers.is_empty()
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        for w in &self.workers {
            w.terminate();
        }
    }
}
