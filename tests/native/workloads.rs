//! The benchmark workloads do the work WORKLOADS.md specifies (shapes and step counts), and
//! the training ones actually learn.

use stride::engine::workloads::{Workload, prepare};

#[test]
fn training_workloads_take_the_specified_steps_and_learn() {
    for (w, steps, max_loss) in [
        (Workload::W1, 500, 0.12),
        (Workload::W2, 800, std::f64::consts::LN_2),
        (Workload::W3, 285, 1.2),
    ] {
        let out = prepare(w, 64).execute();
        assert_eq!(out.steps, steps, "{w:?}");
        assert!(
            out.final_loss < max_loss,
            "{w:?} ended at loss {}",
            out.final_loss
        );
    }
}

#[test]
fn landscape_workloads_evaluate_a_square_grid() {
    for w in [Workload::L2, Workload::L3] {
        let out = prepare(w, 4).execute();
        assert_eq!(out.steps, 16);
        assert!(out.final_loss.is_finite() && out.final_loss > 0.0);
    }
}

#[test]
fn workload_ids_parse() {
    for w in Workload::ALL {
        assert_eq!(Workload::parse(&w.id().to_lowercase()), Some(w));
    }
    assert_eq!(Workload::parse("W9"), None);
}
