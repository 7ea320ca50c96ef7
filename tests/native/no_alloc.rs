//! Training steps do not allocate: every buffer is sized when the run is made (or on the first
//! batch of a new size), so steady-state steps cost no allocator calls. The counting allocator
//! counts per thread, so the other tests that run beside this one in the same executable do not
//! disturb its count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use stride::engine::data::{Toy, digits};
use stride::engine::model::{Activation, ConvNet, Mlp};
use stride::engine::optim::Optimizer;
use stride::engine::run::{LossScale, Run, RunConfig};
use stride::engine::schedule::{LrPlan, UltralyticsSchedule};

struct Counting;

thread_local! {
    // Const-initialised and without a destructor: reading it never allocates.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    // `try_with`: a thread being torn down may still free and allocate.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(run: &mut Run, steps: usize) -> usize {
    let before = allocations();
    run.advance(steps);
    allocations() - before
}

#[test]
fn steps_do_not_allocate() {
    // An MLP with the Ultralytics plan (warmup, accumulation, clipping) and a validation set.
    let (train, val) = Toy::Spirals.generate(300, 0.05, 1).split(0.2, 1);
    let mut u = UltralyticsSchedule::defaults(train.len().div_ceil(16));
    u.epochs = 6;
    let config = RunConfig {
        optimizer: Optimizer::ULTRALYTICS_SGD,
        plan: LrPlan::Ultralytics(u),
        batch: 16,
        epochs: 6,
        weight_decay: 5e-4,
        clip_norm: Some(10.0),
        loss_scale: LossScale::Mean,
        seed: 0,
    };
    let before = allocations();
    let mut run = Run::new(
        config.clone(),
        Box::new(Mlp::new(&[2, 32, 32, 2], Activation::Tanh)),
        train,
        Some(val),
    );
    assert!(allocations() > before, "the counter sees allocations");
    // The first epoch sizes the evaluation buffers for the validation chunks.
    let nb = run.batches_per_epoch();
    run.advance(nb);
    assert_eq!(
        allocations_during(&mut run, 4 * nb),
        0,
        "MLP steps allocated"
    );

    // The conv net with Adam.
    let (train, val) = digits().split(0.2, 0);
    let config = RunConfig {
        optimizer: Optimizer::ADAM,
        plan: LrPlan::Constant {
            lr: 1e-3,
            momentum: 0.9,
        },
        ..config
    };
    let mut run = Run::new(config, Box::new(ConvNet::w3()), train, Some(val));
    let nb = run.batches_per_epoch();
    run.advance(nb);
    assert_eq!(
        allocations_during(&mut run, 2 * nb),
        0,
        "conv steps allocated"
    );
}
