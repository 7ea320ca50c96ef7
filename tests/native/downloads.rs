//! The LR finder's curve and the LR sweep's points as CSV: every row read back gives the
//! page's own numbers, in the panels' order, with diverged runs marked and left without a loss.

use stride::engine::data::Toy;
use stride::engine::lr_finder::FinderConfig;
use stride::state::io::export::{finder_csv, sweep_csv};
use stride::state::runs::sweep::Sweep;
use stride::state::{Config, Task, plan};

fn rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|row| row.expect("a row").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn the_finders_curve_downloads_as_the_panel_draws_it() {
    let config = Config {
        task: Task::Toy(Toy::Moons),
        batch: 16,
        ..Config::default()
    };
    let mut run = plan::run(&config, None);
    let f = run.lr_find(&FinderConfig::default());
    assert!(f.lrs.len() > 10, "a curve to write");
    let (header, rows) = rows(&finder_csv(&f));
    assert_eq!(header, ["minibatch", "lr", "loss", "smoothed_loss"]);
    assert_eq!(rows.len(), f.lrs.len());
    for (k, row) in rows.iter().enumerate() {
        let num = |c: usize| row[c].parse::<f64>().expect("a number");
        assert_eq!(num(0) as usize, k + 1);
        // Written in full: each reads back to the very value the chart draws.
        assert_eq!(num(1), f.lrs[k], "row {k}");
        assert_eq!(row[2].parse::<f32>().expect("a loss"), f.raw[k], "row {k}");
        assert_eq!(num(3), f.losses[k], "row {k}");
    }
    // The rate grows, as the range test ramps it.
    assert!(f.lrs.windows(2).all(|w| w[1] > w[0]));
}

#[test]
fn the_sweeps_points_download_in_order_of_rate_with_divergence_marked() {
    let config = Config {
        task: Task::Line,
        ..Config::default()
    };
    let mut sweep = Sweep::new(&config, 1);
    sweep.work(f64::INFINITY, &|| 0.0);
    let points: Vec<_> = sweep.points.iter().flatten().copied().collect();
    assert!(points.iter().any(|p| p.diverged) && points.iter().any(|p| !p.diverged));
    let (header, rows) = rows(&sweep_csv(&points));
    assert_eq!(
        header,
        ["lr0", "final_train_loss", "val_accuracy", "diverged"]
    );
    assert_eq!(rows.len(), points.len());
    let mut sorted = points.clone();
    sorted.sort_by(|a, b| a.lr0.total_cmp(&b.lr0));
    for (row, p) in rows.iter().zip(&sorted) {
        assert_eq!(row[0].parse::<f64>().expect("lr0"), p.lr0);
        assert_eq!(row[3], if p.diverged { "1" } else { "0" });
        match p.loss {
            Some(l) => assert_eq!(row[1].parse::<f64>().expect("a loss"), l),
            None => assert!(row[1].is_empty(), "a diverged run has no loss: {row:?}"),
        }
        assert_eq!(row[2].is_empty(), p.accuracy.is_none());
    }
}
