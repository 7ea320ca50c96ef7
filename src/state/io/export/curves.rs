//! The LR finder's curve and the LR sweep's points as CSV, so that what the two panels
//! measured can be plotted or compared elsewhere. Numbers are written in full (Rust's shortest
//! form that reads back to the same f64), so a file read back gives exactly the page's values.

use crate::engine::lr_finder::Finder;
use crate::engine::sweep::SweepPoint;

fn text(w: csv::Writer<Vec<u8>>) -> String {
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The range test as CSV, one row per minibatch: its 1-based number, the rate it trained at,
/// its loss, and the debiased smoothed loss the chart draws and the suggestions read.
pub fn finder_csv(finder: &Finder) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["minibatch", "lr", "loss", "smoothed_loss"]);
    for (k, (lr, smooth)) in finder.lrs.iter().zip(&finder.losses).enumerate() {
        let raw = finder.raw.get(k).map_or(String::new(), |l| l.to_string());
        let _ = w.write_record([(k + 1).to_string(), lr.to_string(), raw, smooth.to_string()]);
    }
    text(w)
}

/// The sweep as CSV, one row per finished run in order of rate: lr0, the mean minibatch loss
/// of its last epoch (empty where it diverged), its validation accuracy where the task has
/// one, and whether it diverged (1) or not (0).
pub fn sweep_csv(points: &[SweepPoint]) -> String {
    let mut sorted = points.to_vec();
    SweepPoint::in_rate_order(&mut sorted);
    let opt = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["lr0", "final_train_loss", "val_accuracy", "diverged"]);
    for p in sorted {
        let _ = w.write_record([
            p.lr0.to_string(),
            opt(p.loss),
            opt(p.accuracy),
            u8::from(p.diverged).to_string(),
        ]);
    }
    text(w)
}
