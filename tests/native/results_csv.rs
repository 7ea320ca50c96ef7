//! Every real run in `../shared/data/ultralytics-runs/` (Ultralytics 8.0.200 and 8.4.190): its
//! results.csv read with the right bias column and the right closing sentence, and its
//! per-iteration rates, read live from the optimizer, reproduced by the family's schedule.
//! The runs live beside the repository (CI keeps a copy of shared/ there); a clone without
//! them skips these tests, saying so; `STRIDE_SHARED=<dir>` names another copy.

use std::path::Path;

use serde_json::Value;
use stride::state::io::results::{Family, ResultsCsv, YoloArgs, check};

/// The run's results.csv, its args with the data set's size from the trace, and the trace.
fn load(dir: &Path) -> (ResultsCsv, YoloArgs, Value) {
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect("a run file");
    let trace: Value = serde_json::from_str(&read("lr_trace.json")).expect("lr_trace.json");
    let mut args = YoloArgs::from_yaml(&read("args.yaml")).expect("args.yaml");
    args.images = trace["dataset"]["train_images"]
        .as_u64()
        .map(|n| n as usize);
    args.nc = trace["dataset"]["nc"].as_u64().map(|n| n as usize);
    (
        ResultsCsv::read(&read("results.csv")).expect("results.csv"),
        args,
        trace,
    )
}

fn family_of(version: &str) -> Family {
    match version {
        "8.0.200" => Family::V8_0,
        "8.4.190" => Family::V8_4,
        v => panic!("no family for {v}"),
    }
}

/// Where the families the file allows all part from it at the same epoch, the rule is not
/// said to "fit" it: the sentence goes on to where it parts (a YOLO user read "fits … alike"
/// and then "first differs at epoch 1" as a contradiction).
#[test]
fn families_that_part_alike_are_not_said_to_fit() {
    let Some(dir) = crate::common::shared_run("8.0.200/a_sgd_linear") else {
        return;
    };
    let (csv, mut args, _) = load(&dir);
    args.lr0 *= 2.0;
    let v = check(&csv, &args, None);
    assert!(v.first_difference.is_some(), "{}", v.sentence);
    assert!(
        !v.sentence.contains("fits") && v.sentence.contains("part from the file at the same epoch"),
        "{}",
        v.sentence
    );
}

/// Without an image count no row can be placed, so no family is said to fit the file: a YOLO
/// user read "fits 8.1–8.3 and 8.4.103 alike" beside "Enter your train-set image count".
#[test]
fn without_an_image_count_no_family_is_said_to_fit() {
    let Some(dirs) = crate::common::shared_runs() else {
        return;
    };
    for dir in dirs {
        let (csv, mut args, _) = load(&dir);
        args.images = None;
        let v = check(&csv, &args, None);
        assert!(
            !v.sentence.contains("fits")
                && !v.sentence.contains("matches")
                && v.sentence
                    .contains("cannot be placed without an image count")
                && v.sentence
                    .contains("Enter the run's number of training images"),
            "{}: {}",
            dir.display(),
            v.sentence
        );
        // Its own settings' epochs hold every row: no word of another run.
        assert!(!v.sentence.contains("same run"), "{}", v.sentence);
        // Another run's args.yaml with fewer epochs than the file has rows is named as such,
        // image count or not.
        let short = YoloArgs {
            epochs: csv.epochs.len() - 1,
            ..args.clone()
        };
        let other = check(&csv, &short, None).sentence;
        assert!(
            other.contains(&format!(
                "goes on to epoch {} where the settings say {} epochs: are the results.csv and the args.yaml from the same run?",
                csv.epochs.len(),
                csv.epochs.len() - 1
            )),
            "{other}"
        );
    }
}

#[test]
fn every_real_run_imports_with_its_bias_column_and_matches() {
    let Some(dirs) = crate::common::shared_runs() else {
        return;
    };
    for dir in dirs {
        let (csv, args, trace) = load(&dir);
        let v = check(&csv, &args, None);
        let name = dir.display();
        let version = trace["ultralytics_version"].as_str().expect("in the trace");
        let own = check(&csv, &args, Some(family_of(version)));
        assert_eq!(own.first_difference, None, "{name}: {}", own.sentence);
        // 8.0.200's a_sgd_linear is warmup from end to end, where 8.0 and 8.1–8.3 log the same
        // numbers: the file cannot tell them apart, and says so. Every other run decides.
        if dir.ends_with("8.0.200/a_sgd_linear") {
            assert!(!v.detected, "{name}: {}", v.sentence);
            assert!(v.sentence.contains("pick yours"), "{name}: {}", v.sentence);
            // …and names the families that fit alike.
            assert!(
                v.sentence
                    .contains("fits Ultralytics 8.0 and Ultralytics 8.1–8.3 alike"),
                "{name}: {}",
                v.sentence
            );
        } else {
            assert_eq!(v.family, family_of(version), "{name}: {}", v.sentence);
            assert!(
                v.detected,
                "{name}: the file alone should decide: {}",
                v.sentence
            );
        }
        assert_eq!(
            csv.groups[v.bias_column].0,
            trace["bias_group_column"].as_str().expect("in the trace"),
            "{name}"
        );
        assert_eq!(v.first_difference, None, "{name}: {}", v.sentence);
        assert!(
            v.sentence
                .ends_with("matches Stride's schedule to 1e-6 at every epoch."),
            "{name}: {}",
            v.sentence
        );
        assert_eq!(csv.padded, version == "8.0.200", "{name}");
        assert!(
            csv.others.iter().any(|(h, _)| h == "val/box_loss"),
            "{name}"
        );
    }
}

#[test]
fn every_real_run_under_every_other_family_differs_or_says_it_cannot_tell() {
    let Some(dirs) = crate::common::shared_runs() else {
        return;
    };
    for dir in dirs {
        let (csv, args, trace) = load(&dir);
        let own = family_of(trace["ultralytics_version"].as_str().expect("in the trace"));
        for other in Family::ALL.into_iter().filter(|f| *f != own) {
            let v = check(&csv, &args, Some(other));
            // The wrong family either parts from the file at some epoch, or, where the
            // families agree on this run, the file is not a witness against it.
            if let Some(e) = v.first_difference {
                assert!(
                    v.sentence.contains(&format!("at epoch {}", e + 1)),
                    "{}",
                    v.sentence
                );
                assert!(v.sentence.contains(other.describe()), "{}", v.sentence);
            }
        }
    }
}

#[test]
fn the_8_0_lag_and_the_warmup_floor_each_show_in_the_real_files() {
    let Some(dirs) = crate::common::shared_runs() else {
        return;
    };
    let find = |s: &str| dirs.iter().find(|d| d.ends_with(s)).expect("in the trace");
    // 140 iterations, warmup to 100: 8.1–8.3's rule (no lag) parts at epoch 9.
    let (csv, args, _) = load(find("8.0.200/e_sgd_linear_past_warmup"));
    let v = check(&csv, &args, Some(Family::V8_1To8_3));
    assert_eq!(v.first_difference, Some(8), "{}", v.sentence);
    assert!(
        v.sentence.contains("another version's rule"),
        "{}",
        v.sentence
    );
    // 20 iterations: 8.4.103's rule warms up 3 epochs, the floor keeps the whole run in warmup.
    let (csv, args, _) = load(find("8.4.190/a_sgd_linear"));
    let v = check(&csv, &args, Some(Family::V8_4Floor));
    assert_eq!(v.first_difference, Some(0), "{}", v.sentence);
    // The sentence gives the numbers that part: the file's first row, and the floor's rule.
    let (w, b) = args
        .logged(Family::V8_4Floor, 0)
        .expect("epoch 1 in the run");
    let fmt = stride::engine::stability::fmt_lr;
    let logged = |g: usize| fmt(csv.groups[g].1[0]);
    let want = format!(
        "(logged {} for the weights and {} for the biases; Stride's rule gives {} and {})",
        logged(0),
        logged(csv.groups.len() - 1),
        fmt(w),
        fmt(b)
    );
    assert!(v.sentence.contains(&want), "{want} in {}", v.sentence);
    assert_ne!(fmt(w), logged(0), "the rule's rate differs from the file's");
}

#[test]
fn a_last_row_cut_short_is_left_out_and_the_rows_before_it_read() {
    let Some(dirs) = crate::common::shared_runs() else {
        return;
    };
    let text = std::fs::read_to_string(dirs[0].join("results.csv")).expect("a run file");
    let whole = ResultsCsv::read(&text).expect("results.csv");
    assert_eq!(whole.cut_short, None);
    // A run killed while writing its last row: half a line after the whole ones.
    let last = text.trim_end().lines().last().expect("a row");
    let cut = format!("{}\n{}", text.trim_end(), &last[..last.len() / 3]);
    let read = ResultsCsv::read(&cut).expect("the whole rows are read");
    let lines = cut.lines().count();
    assert_eq!(read.cut_short, Some(lines));
    assert_eq!(read.epochs, whole.epochs);
    assert_eq!(read.groups, whole.groups);
    // A short row in the middle is still refused: the file is broken, not cut.
    let mut rows: Vec<&str> = text.trim_end().lines().collect();
    let short = &rows[2][..rows[2].len() / 3];
    rows[2] = short;
    assert!(ResultsCsv::read(&rows.join("\n")).is_err());
}

#[test]
fn a_missing_image_count_is_the_named_cause() {
    let Some(dirs) = crate::common::shared_runs() else {
        return;
    };
    let (csv, mut args, _) = load(&dirs[0]);
    args.images = None;
    let v = check(&csv, &args, None);
    assert!(v.sentence.contains("missing image count"), "{}", v.sentence);
    // A wrong count moves epoch ends onto other iterations and the file parts from it.
    args.images = Some(140);
    assert!(check(&csv, &args, None).first_difference.is_some());
}

/// Where the file parts from the rule, the sentence's numbers show the difference: a YOLO user
/// read "logged 0.00332 … Stride's rule gives 0.00332" for rates that differ in the sixth digit.
#[test]
fn the_first_difference_is_written_with_the_digits_that_show_it() {
    use stride::state::io::results::apart;
    // Apart in the third digit: the page's usual three.
    assert_eq!(
        apart(0.00332, 0.00341),
        ("0.00332".into(), "0.00341".into())
    );
    // Apart only further on: as many digits as it takes.
    let (a, b) = apart(0.003_321_4, 0.003_324_9);
    assert_ne!(a, b);
    assert!(
        a.starts_with("0.00332") && b.starts_with("0.00332"),
        "{a} {b}"
    );
    let (a, b) = apart(0.099_000_12, 0.099_000_47);
    assert_ne!(a, b, "{a} {b}");
}

#[test]
fn every_iteration_of_every_real_run_is_reproduced() {
    let Some(dirs) = crate::common::shared_runs() else {
        return;
    };
    for dir in dirs {
        let (_, args, trace) = load(&dir);
        let family = family_of(trace["ultralytics_version"].as_str().expect("in the trace"));
        let s = args.schedule(family).expect("in the trace");
        let bias = trace["bias_group_column"].as_str().expect("in the trace");
        let bias = (bias.as_bytes()[bias.len() - 1] - b'0') as usize;
        let nw = s.warmup_iters();
        for it in trace["iterations"].as_array().expect("in the trace") {
            let ni = it["ni"].as_u64().expect("in the trace") as usize;
            // After warmup 8.0 holds the previous epoch's rate, checked per epoch above.
            if family == Family::V8_0 && ni > nw {
                continue;
            }
            let ours = s.at(ni);
            for (g, lr) in it["lr"]
                .as_array()
                .expect("in the trace")
                .iter()
                .enumerate()
            {
                let want = if g == bias {
                    ours.lr_bias
                } else {
                    ours.lr_weight
                };
                let lr = lr.as_f64().expect("in the trace");
                assert!(
                    (lr - want).abs() <= 1e-12 + 1e-9 * want,
                    "{} ni {ni} group {g}: torch {lr}, Stride {want}",
                    dir.display()
                );
            }
        }
    }
}

#[test]
fn hostile_results_files_give_a_notice() {
    for (text, says) in [
        ("epoch,lr/pg0\n1,1e309\n", "learning rate"),
        ("epoch,loss\n1,2\n", "no rate column"),
        ("a,b\n1,2\n", "no `epoch` column"),
        ("epoch,lr/pg0\n", "no rows"),
        ("epoch,lr/pg0\nNaN,0.1\n", "epoch"),
    ] {
        let e = ResultsCsv::read(text).expect_err("refused");
        assert!(e.contains(says), "{text:?}: {e}");
    }
    assert!(
        YoloArgs::from_yaml("batch: -1\n")
            .expect_err("refused")
            .contains("batch")
    );
}

/// A YOLOv5 results.csv in its own layout: epochs from 0, `x/lr0` the biases, '%20.5g' fields.
/// The numbers are the spec's formulas worked in plain Python for 14 images, batch 4 (nb 4),
/// 5 epochs, so warmup (at least 100 iterations) covers the whole run.
const YOLOV5: &str = "               epoch,      train/box_loss,      train/obj_loss,      train/cls_loss,   metrics/precision,      metrics/recall,     metrics/mAP_0.5,metrics/mAP_0.5:0.95,        val/box_loss,        val/obj_loss,        val/cls_loss,               x/lr0,               x/lr1,               x/lr2
                   0,                 0.1,                0.05,                0.02,                   0,                   0,                   0,                   0,                 0.1,                0.05,                0.02,              0.0973,              0.0003,              0.0003
                   1,                 0.1,                0.05,                0.02,                   0,                   0,                   0,                   0,                 0.1,                0.05,                0.02,            0.093561,           0.0005614,           0.0005614
                   2,                 0.1,                0.05,                0.02,                   0,                   0,                   0,                   0,                 0.1,                0.05,                0.02,            0.089664,           0.0006644,           0.0006644
                   3,                 0.1,                0.05,                0.02,                   0,                   0,                   0,                   0,                 0.1,                0.05,                0.02,            0.085609,            0.000609,            0.000609
                   4,                 0.1,                0.05,                0.02,                   0,                   0,                   0,                   0,                 0.1,                0.05,                0.02,            0.081395,           0.0003952,           0.0003952
";

#[test]
fn a_yolov5_file_reads_its_biases_first_from_epoch_zero() {
    let csv = ResultsCsv::read(YOLOV5).expect("a YOLOv5 file");
    assert!(csv.yolov5);
    assert_eq!(csv.epochs, vec![0, 1, 2, 3, 4]);
    assert_eq!(csv.families(), vec![Family::YoloV5]);
    let args = YoloArgs {
        epochs: 5,
        batch: 4,
        auto: false,
        images: Some(14),
        ..YoloArgs::default()
    };
    let v = check(&csv, &args, None);
    assert_eq!(
        (v.family, v.bias_column, v.detected),
        (Family::YoloV5, 0, true)
    );
    assert!(
        v.sentence.ends_with("to 1e-6 at every epoch."),
        "{}",
        v.sentence
    );
    // With 40 images (nb 10) every epoch end moves onto another iteration.
    let moved = check(
        &csv,
        &YoloArgs {
            images: Some(40),
            ..args
        },
        None,
    );
    assert_eq!(moved.first_difference, Some(0), "{}", moved.sentence);
}

/// A results.csv opened without its args.yaml is compared with the page's own settings, and
/// where it parts from them the sentence says to load the args.yaml (a YOLO user met "likely
/// changed arguments" and was not told the page had never seen theirs). Where the run's own
/// arguments are in, the file matches and nothing is asked.
#[test]
fn a_results_csv_alone_asks_for_its_args_yaml() {
    let Some(dirs) = crate::common::shared_runs() else {
        return;
    };
    let dir = dirs
        .iter()
        .find(|d| d.ends_with("8.4.190/a_sgd_linear"))
        .expect("a run");
    let (csv, own, _) = load(dir);
    // The page's path without an args.yaml: its own settings, with the image count typed in.
    let page = stride::state::io::fullscale::args(
        &stride::state::Config::default(),
        &stride::state::io::fullscale::YourRun {
            images: own.images,
            nc: own.nc,
            ..Default::default()
        },
    );
    let alone = check(&csv, &page, Some(Family::V8_4));
    assert!(alone.first_difference.is_some(), "{}", alone.sentence);
    assert!(
        alone.sentence.contains("load the run's args.yaml too"),
        "{}",
        alone.sentence
    );
    let with = check(&csv, &own, Some(Family::V8_4));
    assert_eq!(with.first_difference, None, "{}", with.sentence);
    assert!(!with.sentence.contains("args.yaml"), "{}", with.sentence);
}
