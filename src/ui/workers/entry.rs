//! The workers' side: each runs the page's own module and answers "losses at these grid
//! points" through [`stride_plane_losses`].

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::engine::data::Dataset;
use crate::engine::landscape::plane_losses;
use crate::engine::model::Model;
use crate::engine::plane::{Axis, Plane};
use crate::state::runs::landscape::worker_setup;
use crate::state::runs::sweep::train_point;

/// A spec with the model and data it names.
type Setup = (String, Box<dyn Model>, Dataset);

thread_local! {
    static SETUP: RefCell<Option<Setup>> = const { RefCell::new(None) };
}

/// The model and data a spec names, cached: a worker serves many messages for one landscape.
fn with_setup<R>(spec: &str, f: impl FnOnce(&mut dyn Model, &Dataset) -> R) -> R {
    SETUP.with(|cell| {
        let mut cell = cell.borrow_mut();
        let (_, model, data) = match cell.take() {
            Some(setup) if setup.0 == spec => cell.insert(setup),
            _ => {
                let (model, data) = worker_setup(spec);
                cell.insert((spec.to_string(), model, data))
            }
        };
        f(model.as_mut(), data)
    })
}

/// Worker entry point: the full-data loss at grid indices `start..end` of the plane
/// origin + a·d1 + b·d2, with `axes` = [x min, x max, x len, y min, y max, y len].
#[wasm_bindgen]
pub fn stride_plane_losses(
    spec: &str,
    origin: &[f32],
    d1: &[f32],
    d2: &[f32],
    axes: &[f64],
    start: u32,
    end: u32,
) -> Vec<f64> {
    let axis = |i: usize| Axis {
        min: axes[i],
        max: axes[i + 1],
        len: axes[i + 2] as usize,
    };
    let plane = Plane {
        origin: origin.to_vec(),
        d1: d1.to_vec(),
        d2: d2.to_vec(),
    };
    with_setup(spec, |model, data| {
        plane_losses(
            model,
            data,
            &plane,
            axis(0),
            axis(3),
            start as usize..end as usize,
        )
    })
}

/// Worker entry point: trains the settings of the URL query `query` at `lr0` to the end, for
/// the LR sweep; [final loss, validation accuracy, diverged] with NaN for none
/// ([`SweepPoint::to_values`](crate::state::runs::sweep::SweepPoint::to_values)).
#[wasm_bindgen]
pub fn stride_sweep_point(query: &str, lr0: f64) -> Vec<f64> {
    let (config, _) = crate::state::parse_query(query);
    train_point(&config, lr0).to_values().to_vec()
}
