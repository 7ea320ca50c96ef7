//! What the page sends its workers: landscape points and sweep runs, one message each, in
//! turn, each with the time the worker may take over it.

use js_sys::{Float32Array, Float64Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::{DEADLINE_MS, Pool, now};
use crate::state::runs::landscape::LandscapeJob;
use crate::state::runs::sweep::SweepJob;

impl Pool {
    /// Asks the next worker for a job's points.
    pub fn submit(&self, job: &LandscapeJob) {
        let msg = Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = Reflect::set(&msg, &JsValue::from_str(k), v);
        };
        let plane = &job.plane;
        set("job", &JsValue::from(job.job.0));
        set("spec", &JsValue::from_str(&job.spec));
        set(
            "origin",
            &Float32Array::from(plane.origin.as_slice()).into(),
        );
        set("d1", &Float32Array::from(plane.d1.as_slice()).into());
        set("d2", &Float32Array::from(plane.d2.as_slice()).into());
        let (x, y) = (job.x, job.y);
        let axes = [x.min, x.max, x.len as f64, y.min, y.max, y.len as f64];
        set("axes", &Float64Array::from(axes.as_slice()).into());
        set("start", &JsValue::from(job.range.start as u32));
        set("end", &JsValue::from(job.range.end as u32));
        self.post(&msg, DEADLINE_MS);
    }

    /// Asks the next worker to train one run of the LR sweep.
    pub fn submit_sweep(&self, job: &SweepJob) {
        let msg = Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = Reflect::set(&msg, &JsValue::from_str(k), v);
        };
        set("sweep", &JsValue::from(job.sweep));
        set("index", &JsValue::from(job.index as u32));
        set("lr0", &JsValue::from(job.lr0));
        set("query", &JsValue::from_str(&job.query));
        self.post(&msg, job.allowance_ms);
    }

    /// Sends `msg` to the next worker in turn, which may take `allowance` ms over it.
    fn post(&self, msg: &Object, allowance: f64) {
        let k = {
            let mut next = self.next.borrow_mut();
            *next = (*next + 1) % self.workers.len();
            *next
        };
        if self.workers[k].post_message(msg).is_ok() {
            *self.in_flight.borrow_mut() += 1;
            self.sent.borrow_mut()[k].push_back((now(), allowance));
        }
    }
}
