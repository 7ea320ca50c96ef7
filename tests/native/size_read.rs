//! The train-set size, and under `auto` the classes, read back from a results.csv's warmup:
//! on the real Ultralytics runs, whose trace knows both, and on files the page's own schedule
//! writes for runs of COCO's size, in each version's format.

use stride::state::io::results::{Family, ResultsCsv, YoloArgs};
use stride::state::io::size_read::read_size;

/// Each real run: its true size lies in the range read, and that range is at most one
/// minibatch wide (each of these runs leaves its first epoch inside warmup).
#[test]
fn the_real_runs_give_back_their_train_set_size() {
    let Some(dirs) = crate::common::shared_runs() else {
        return;
    };
    for dir in dirs {
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect("a run file");
        let trace: serde_json::Value = serde_json::from_str(&read("lr_trace.json")).expect("json");
        let count = |k: &str| trace["dataset"][k].as_u64().expect("a count") as usize;
        let (images, nc) = (count("train_images"), count("nc"));
        let csv = ResultsCsv::read(&read("results.csv")).expect("results.csv");
        let args = YoloArgs::from_yaml(&read("args.yaml")).expect("args.yaml");
        let name = dir.display();
        let got = read_size(&csv, &args, None).unwrap_or_else(|| panic!("{name}: nothing read"));
        let nb = images.div_ceil(args.batch);
        assert_eq!(got.nb, (nb, nb), "{name}");
        assert!(
            got.images.0 <= images && images <= got.images.1,
            "{name}: {images} not in {:?}",
            got.images
        );
        assert_eq!(got.images.1 - got.images.0 + 1, args.batch, "{name}");
        if args.auto {
            let (a, b) = got.nc.unwrap_or_else(|| panic!("{name}: no classes read"));
            assert!(a <= nc && nc <= b, "{name}: {nc} not in {a}–{b}");
        } else {
            assert_eq!(got.nc, None, "{name}: classes claimed without auto");
        }
    }
}

/// `args` with no image count, as a reader who opened the files and typed none.
fn untyped(args: &YoloArgs) -> YoloArgs {
    YoloArgs {
        images: None,
        ..args.clone()
    }
}

/// A results.csv as `family` writes it for `args`, its rates from the page's schedule written
/// to the digits that version keeps (5 padded up to 8.3, 6 after).
fn written(args: &YoloArgs, family: Family, rows: usize) -> ResultsCsv {
    let padded = family.biases_first();
    let (head, sig) = if padded {
        (
            "                  epoch,         train/box_loss,                 lr/pg0,                 lr/pg1,                 lr/pg2",
            4,
        )
    } else {
        ("epoch,time,train/box_loss,lr/pg0,lr/pg1,lr/pg2", 5)
    };
    let mut text = format!("{head}\n");
    for e in 0..rows {
        let (w, b) = args.logged(family, e).expect("an image count");
        let r = |x: f64| format!("{x:.sig$e}");
        let (pg0, pg2) = if family.biases_first() {
            (b, w)
        } else {
            (w, b)
        };
        let cells = [r(pg0), r(w), r(pg2)];
        if padded {
            text += &format!(
                "{:>23},{:>23},{}\n",
                e + 1,
                "1.5",
                cells.map(|c| format!("{c:>23}")).join(",")
            );
        } else {
            text += &format!("{},12.5,1.5,{}\n", e + 1, cells.join(","));
        }
    }
    ResultsCsv::read(&text).expect("a results.csv")
}

/// Runs of COCO's size (118,287 images) and smaller, in the oldest and newest formats: the true
/// count lies in the range read, and the range is within 2 % of it. Under `auto` the classes
/// come back too, as the range of counts whose rate rounds alike; past 10,000 iterations auto
/// takes SGD at 0.01 whatever the classes, and none are claimed.
#[test]
fn files_the_schedule_writes_give_back_the_size_they_were_written_for() {
    for family in [Family::V8_1To8_3, Family::V8_4] {
        for (images, batch, warmup, nc, auto) in [
            (118_287, 16, 3.0, None, false),
            (118_287, 16, 3.0, Some(80), true),
            (20_000, 16, 3.0, None, false),
            (5_000, 32, 3.0, None, false),
            (640, 8, 2.0, None, false),
            (8_000, 16, 3.0, Some(80), true),
            (3_000, 16, 3.0, Some(2), true),
            (1_500, 8, 1.0, Some(365), true),
        ] {
            // Five digits cannot place COCO's 7,393 minibatches to 10 % (the next test).
            if family.biases_first() && images > 100_000 {
                continue;
            }
            let truth = YoloArgs {
                batch,
                warmup_epochs: warmup,
                epochs: 30,
                auto,
                images: Some(images),
                nc,
                ..YoloArgs::default()
            };
            let csv = written(&truth, family, 10);
            let unknown = YoloArgs {
                nc: None,
                ..untyped(&truth)
            };
            let case = format!("{family:?} {images} images at batch {batch}, nc {nc:?}");
            let got =
                read_size(&csv, &unknown, None).unwrap_or_else(|| panic!("{case}: nothing read"));
            assert!(
                got.images.0 <= images && images <= got.images.1,
                "{case}: {:?}",
                got.images
            );
            assert!(
                (got.images.1 - got.images.0) as f64 <= 0.02 * images as f64 + batch as f64,
                "{case}: {:?} is too wide",
                got.images
            );
            let sgd = truth.images.map(|n| n.div_ceil(64) * 30) > Some(10_000);
            match (auto && !sgd, got.nc) {
                (true, Some((a, b))) => {
                    let n = nc.expect("a class count");
                    assert!(a <= n && n <= b, "{case}: classes {a}–{b}");
                    // Each count in the range gives auto the same rate.
                    let rate = stride::engine::optim::auto::lr_fit;
                    assert!(rate(a) == rate(n) && rate(b) == rate(n), "{case}: {a}–{b}");
                }
                (true, None) => panic!("{case}: no classes read"),
                (false, c) => assert_eq!(c, None, "{case}: classes claimed"),
            }
        }
    }
}

/// Where the rows cannot tell, nothing is claimed: without warmup every size logs the same
/// rates, five digits cannot place COCO's 7,393 minibatches to within 10 %, and a file that no
/// size reproduces (its lr0 is not the args.yaml's) reads as none.
#[test]
fn rows_that_cannot_tell_the_size_claim_none() {
    let coco = YoloArgs {
        images: Some(118_287),
        auto: false,
        ..YoloArgs::default()
    };
    let padded = written(&coco, Family::V8_1To8_3, 10);
    let unknown = untyped(&coco);
    assert_eq!(read_size(&padded, &unknown, None), None);
    assert!(read_size(&written(&coco, Family::V8_4, 10), &unknown, None).is_some());
    let truth = YoloArgs {
        warmup_epochs: 0.0,
        images: Some(5_000),
        auto: false,
        ..YoloArgs::default()
    };
    let csv = written(&truth, Family::V8_4, 10);
    assert_eq!(read_size(&csv, &untyped(&truth), None), None);
    let warm = YoloArgs {
        warmup_epochs: 3.0,
        ..truth
    };
    let csv = written(&warm, Family::V8_4, 10);
    let other = YoloArgs {
        lr0: 0.02,
        ..untyped(&warm)
    };
    assert_eq!(read_size(&csv, &other, None), None);
    assert!(read_size(&csv, &untyped(&warm), None).is_some());
}

/// The page's path: a real run's args.yaml and results.csv opened, no count typed. Its panel
/// draws the run at the size read, says in the verdict that the size was read and from what,
/// fills the empty boxes' placeholders with it, and still holds the file to the schedule;
/// a count typed in is used as it is, and nothing is read.
#[test]
fn a_run_opened_without_a_count_is_drawn_at_the_size_its_warmup_gives() {
    use std::rc::Rc;
    use stride::state::io::fullscale::{Beyond, YourRun};
    use stride::state::io::import::read_args;
    use stride::state::scene::your_run;
    use stride::state::settings::config::Config;
    let Some(dirs) = crate::common::shared_runs() else {
        return;
    };
    for dir in dirs {
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect("a run file");
        let trace: serde_json::Value = serde_json::from_str(&read("lr_trace.json")).expect("json");
        let images = trace["dataset"]["train_images"].as_u64().expect("a count") as usize;
        let (config, _) = read_args(&read("args.yaml"), &Config::default()).expect("args.yaml");
        let opened = YourRun {
            results: Some(Rc::new(
                ResultsCsv::read(&read("results.csv")).expect("results.csv"),
            )),
            beyond: Beyond::in_args(&read("args.yaml"), &config),
            args: Some(Rc::new(config.clone())),
            ..YourRun::default()
        };
        let name = dir.display();
        let v = your_run(&config, &opened);
        let nb = images.div_ceil(config.batch);
        let verdict = v.verdict.as_deref().expect("a sentence");
        assert!(
            verdict.starts_with("Train-set size read from the results.csv's warmup")
                && verdict.contains(&format!("({nb} minibatches per epoch)"))
                && verdict.contains("matches Stride's schedule to 1e-6 at every epoch."),
            "{name}: {verdict}"
        );
        let facts: Vec<&(String, String)> = v.facts.iter().collect();
        let fact = facts
            .iter()
            .find(|(k, _)| k.starts_with("minibatches"))
            .unwrap_or_else(|| panic!("{name}: no nb in {facts:?}"));
        let (lo, hi) = v.read.as_ref().expect("a reading").images;
        assert!(lo <= images && images <= hi, "{name}");
        let range = if lo == hi {
            format!("{lo}")
        } else {
            format!("{lo}–{hi}")
        };
        assert_eq!(
            fact.1,
            format!(
                "⌈{range} / {}⌉ = {nb}, the train-set size read from the results.csv's warmup",
                config.batch
            ),
            "{name}"
        );
        assert_eq!(v.placeholders.0, format!("{range} read"), "{name}");
        let schedule = v.schedule.as_ref().expect("the run drawn");
        assert_eq!(schedule.total, nb * config.epochs, "{name}");
        // The chart counts epochs, as the results.csv does.
        assert_eq!(v.per_epoch, nb, "{name}");
        if config.optimizer == stride::state::OptKind::Auto {
            let nc = trace["dataset"]["nc"].as_u64().expect("nc") as usize;
            assert_eq!(v.placeholders.1, format!("{nc} read"), "{name}");
            assert!(
                verdict.contains(&format!("rate, {nc} classes (nc)")),
                "{name}: {verdict}"
            );
        }
        if dir.ends_with("8.4.190/d_sgd_nbs16") {
            // Ultralytics' warmup floor: 76 minibatches under 8.4.0–8.4.102 log the same rows.
            assert!(
                verdict.contains(
                    "Under Ultralytics 8.4.0–8.4.102's rule the same rows read as 301–304 images"
                ),
                "{verdict}"
            );
            // Not "detected", and the flags say by which rule they count (a YOLO user met
            // "Only 6 optimizer steps", 119 by the other).
            assert!(!v.family_source.contains("detected"), "{}", v.family_source);
            assert!(!verdict.contains("detected"), "{verdict}");
            assert!(
                v.flags[0].starts_with("These read your run by Ultralytics 8.4.103 or later's rule; by Ultralytics 8.4.0–8.4.102's the rows give 301–304 train images"),
                "{:?}",
                v.flags
            );
        } else {
            assert!(
                !v.flags.iter().any(|f| f.starts_with("These read your run")),
                "{name}: {:?}",
                v.flags
            );
        }
        if dir.ends_with("8.0.200/e_sgd_linear_past_warmup") {
            // A what-if at batch 16: the size is still the one read at the run's batch 1.
            let what_if = your_run(
                &Config {
                    batch: 16,
                    ..config.clone()
                },
                &opened,
            );
            let nb = what_if
                .facts
                .iter()
                .find(|(k, _)| k.starts_with("minibatches"))
                .map(|f| f.1.as_str());
            assert_eq!(
                nb,
                Some("⌈14 / 16⌉ = 1, the train-set size read from the results.csv's warmup")
            );
        }
        let typed = your_run(
            &config,
            &YourRun {
                images: Some(images),
                ..opened.clone()
            },
        );
        assert_eq!(typed.read, None, "{name}");
        assert!(typed.placeholders.0.is_empty(), "{name}");
        assert!(
            !typed
                .verdict
                .as_deref()
                .expect("a sentence")
                .starts_with("Train-set size read"),
            "{name}"
        );
    }
}
