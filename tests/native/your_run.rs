//! "Your run" at full scale: nb, nw, accumulate, the iterations and optimizer steps and
//! `auto`'s pick checked against Ultralytics' formulas (spec §1.3, §1.5, §1.6) written out
//! here, for three data sets; the drawn points exact between breakpoints; the steps counted in
//! closed form equal to Ultralytics' loop; and every shared real run's results.csv read
//! through the page's path (its args.yaml into the controls) with its bias column and sentence.

use std::path::Path;
use std::rc::Rc;

use stride::engine::optim::auto::AutoPick;
use stride::engine::schedule::due;
use stride::state::io::fullscale::{
    DataSet, FullScale, YourRun, breakpoints, stepped_epochs, steps,
};
use stride::state::io::import::read_args;
use stride::state::io::results::{Family, ResultsCsv};
use stride::state::scene::your_run;
use stride::state::{Config, DecayKind, OptKind};

/// Ultralytics' defaults (cfg/default.yaml) in the controls.
fn defaults() -> Config {
    Config {
        lr0: 0.01,
        lrf: 0.01,
        epochs: 100,
        batch: 16,
        nbs: 64,
        warmup_epochs: 3.0,
        warmup_bias_lr: 0.1,
        warmup_momentum: 0.8,
        momentum: 0.937,
        decay: DecayKind::Linear,
        optimizer: OptKind::Auto,
        ..Config::default()
    }
}

fn data(d: DataSet) -> YourRun {
    let (images, nc) = d.size();
    YourRun {
        images: Some(images),
        nc: Some(nc),
        ..YourRun::default()
    }
}

/// The panel's line for `key`.
fn fact<'a>(v: &'a stride::state::scene::YourRunView, key: &str) -> &'a str {
    &v.facts.iter().find(|(k, _)| k == key).expect("a row").1
}

/// Python's round(): halves to even.
fn py_round(x: f64) -> usize {
    x.round_ties_even() as usize
}

#[test]
fn three_data_sets_follow_ultralytics_formulas() {
    // (data set, the pick 8.4 makes, the pick 8.0–8.3 make)
    for (d, new, old) in [
        (DataSet::Coco128, AutoPick::AdamW, AutoPick::AdamW),
        (DataSet::Voc, AutoPick::MuSgd, AutoPick::Sgd),
        (DataSet::Coco, AutoPick::MuSgd, AutoPick::Sgd),
    ] {
        let (n, nc) = d.size();
        let c = defaults();
        let nb = n.div_ceil(c.batch);
        let acc = py_round(c.nbs as f64 / c.batch as f64).max(1);
        let iterations = n.div_ceil(c.batch.max(c.nbs)) * c.epochs;
        for (family, pick, nw) in [
            (Family::V8_4, new, py_round(3.0f64.min(99.0) * nb as f64)),
            (Family::V8_4Floor, new, py_round(3.0 * nb as f64).max(100)),
            (Family::V8_1To8_3, old, py_round(3.0 * nb as f64).max(100)),
        ] {
            let fs = FullScale::of(&c, &data(d), family).expect("an image count");
            let s = &fs.schedule;
            let name = format!("{} {family:?}", d.name());
            assert_eq!(s.nb, nb, "{name}");
            assert_eq!(s.warmup_iters(), nw, "{name}");
            assert_eq!(s.accumulate(), acc, "{name}");
            assert_eq!(s.total_iters(), nb * 100, "{name}");
            assert_eq!(fs.auto.iterations, iterations, "{name}");
            assert_eq!(fs.auto.pick, pick, "{name}");
            let lr = if pick == AutoPick::AdamW {
                // round(0.002·5/(4 + nc), 6), read as Python prints it.
                format!("{:.6}", 0.01 / (4 + nc) as f64)
                    .parse()
                    .expect("a number")
            } else {
                0.01
            };
            assert_eq!(s.lr0, lr, "{name}");
            assert_eq!(
                s.warmup_bias_lr, 0.0,
                "{name}: auto zeroes the biases' start"
            );
            // Every iteration's rate from the formulas: np.interp from 0 to lr·lf(epoch) up to
            // nw, then lr·lf(epoch), lf linear.
            let lf = |e: usize| (1.0 - e as f64 / 100.0).max(0.0) * (1.0 - 0.01) + 0.01;
            let total = nb * 100;
            for ni in [0, 1, nb - 1, nb, nw - 1, nw, nw + 1, total / 2, total - 1] {
                let e = ni / nb;
                let want = if ni <= nw {
                    ni as f64 / nw as f64 * lr * lf(e)
                } else {
                    lr * lf(e)
                };
                let got = s.at(ni).lr_weight;
                assert!(
                    (got - want).abs() <= 1e-12 * lr,
                    "{name} ni {ni}: {got} vs {want}"
                );
            }
        }
    }
    // Over 10,000 optimizer iterations auto leaves AdamW: VOC at 100 epochs has 25,900.
    assert!(
        FullScale::of(&defaults(), &data(DataSet::Voc), Family::V8_4)
            .expect("VOC")
            .auto
            .iterations
            > 10_000
    );
}

#[test]
fn the_view_states_the_numbers_and_keeps_millions_of_iterations_small() {
    let c = Config {
        batch: 1,
        epochs: 500,
        ..defaults()
    };
    let v = your_run(&c, &data(DataSet::Coco));
    let p = v.schedule.as_ref().expect("drawn");
    assert_eq!(p.total, 118_287 * 500);
    // Two points an epoch and warmup's, not 59 million.
    assert!(p.points.len() <= 2 * 500 + 210, "{} points", p.points.len());
    let facts: String = v.facts.iter().map(|(a, b)| format!("{a}: {b}\n")).collect();
    for needle in [
        "⌈118,287 / 1⌉ = 118,287",
        "= 59,143,500",
        "MuSGD",
        "max(round(64 / 1), 1) = 64",
    ] {
        assert!(facts.contains(needle), "{needle} in\n{facts}");
    }
    // Without an image count nothing is drawn, and the panel asks for one.
    let none = your_run(&c, &YourRun::default());
    assert!(none.schedule.is_none() && none.summary.contains("image count"));
}

#[test]
fn the_points_drawn_are_exact_between_breakpoints() {
    let c = Config {
        optimizer: OptKind::Sgd,
        epochs: 30,
        ..defaults()
    };
    // 1,000 images: nb 63, nw 189 (SPEC's worked example), and a bias warmup from 0.1.
    let yours = YourRun {
        images: Some(1000),
        nc: Some(3),
        ..YourRun::default()
    };
    // Under 8.0 too, whose scheduler runs an epoch behind after warmup.
    for family in [Family::V8_4, Family::V8_0] {
        let fs = FullScale::of(&c, &yours, family).expect("a count");
        let s = &fs.schedule;
        assert_eq!((s.nb, s.warmup_iters()), (63, 189));
        let pts = breakpoints(s, family);
        for w in pts.windows(2) {
            let ((a, pa), (b, pb)) = (w[0], w[1]);
            for ni in a..=b {
                let t = (ni - a) as f64 / (b - a) as f64;
                let want = stride::state::io::yolo::applied(s, family, ni);
                for (x, y, z) in [
                    (pa.lr_weight, pb.lr_weight, want.lr_weight),
                    (pa.lr_bias, pb.lr_bias, want.lr_bias),
                    (pa.momentum, pb.momentum, want.momentum),
                ] {
                    assert!(
                        (x + t * (y - x) - z).abs() < 1e-12,
                        "{family:?} ni {ni} between {a} and {b}"
                    );
                }
            }
        }
    }
}

#[test]
fn steps_counted_in_closed_form_equal_ultralytics_loop() {
    for batch in [1, 2, 3, 8, 16, 24, 64, 128] {
        for warmup in [0.0, 0.5, 3.0] {
            for (images, epochs) in [(7, 2), (100, 5), (1000, 3)] {
                let c = Config {
                    optimizer: OptKind::Sgd,
                    batch,
                    epochs,
                    warmup_epochs: warmup,
                    ..defaults()
                };
                let yours = YourRun {
                    images: Some(images),
                    ..YourRun::default()
                };
                for family in [Family::V8_4, Family::V8_0] {
                    let s = FullScale::of(&c, &yours, family).expect("a count").schedule;
                    let (mut last, mut count, mut changes) = (-1i64, 0, Vec::new());
                    let mut stepped = vec![false; s.epochs];
                    for ni in 0..s.total_iters() {
                        let a = s.at(ni).accumulate;
                        if changes.last().is_none_or(|&(v, _)| v != a) {
                            changes.push((a, ni));
                        }
                        if due(ni, last, a) {
                            (last, count) = (ni as i64, count + 1);
                            stepped[ni / s.nb] = true;
                        }
                    }
                    let what =
                        format!("batch {batch} warmup {warmup} {images}×{epochs} {family:?}");
                    assert_eq!(steps(&s), (count, changes), "{what}");
                    assert_eq!(stepped_epochs(&s), stepped, "{what}");
                }
            }
        }
    }
}

#[test]
fn every_real_run_through_the_page_gets_its_bias_column_and_sentence() {
    let Some(dirs) = crate::common::shared_runs() else {
        return;
    };
    assert!(dirs.len() >= 5, "{dirs:?}");
    for dir in dirs {
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect("a run file");
        let trace: serde_json::Value = serde_json::from_str(&read("lr_trace.json")).expect("json");
        // The page's path: args.yaml into the controls, the data set typed in, the file opened.
        let config = args_of(&dir);
        let yours = YourRun {
            images: trace["dataset"]["train_images"]
                .as_u64()
                .map(|n| n as usize),
            nc: trace["dataset"]["nc"].as_u64().map(|n| n as usize),
            family: None,
            results: Some(Rc::new(
                ResultsCsv::read(&read("results.csv")).expect("results.csv"),
            )),
            beyond: stride::state::io::fullscale::Beyond::in_args(&read("args.yaml"), &config),
            args: Some(Rc::new(config.clone())),
        };
        let v = your_run(&config, &yours);
        let name = dir.display();
        let verdict = v.verdict.as_deref().expect("a sentence");
        assert!(
            verdict.ends_with("matches Stride's schedule to 1e-6 at every epoch."),
            "{name}: {verdict}"
        );
        let bias: Vec<&str> = v
            .groups
            .iter()
            .filter(|g| g.bias)
            .map(|g| g.label.as_str())
            .collect();
        let want = trace["bias_group_column"].as_str().expect("named");
        assert!(
            bias.len() == 1 && bias[0].starts_with(want),
            "{name}: {bias:?}, not {want}"
        );
        // Every column is named by the group the trace read it from (a YOLO user read
        // "lr/pg1 (weights)" for 8.4's norm weights).
        for g in trace["param_groups"].as_array().expect("groups") {
            let column = g["column"].as_str().expect("a column");
            let name = match g["name"].as_str().expect("a name") {
                "weight" => "weights",
                "bn" => "norm weights",
                _ => "biases",
            };
            let want = format!("{column} ({name})");
            assert!(
                v.groups.iter().any(|l| l.label == want),
                "{want}: {:?}",
                v.groups.iter().map(|l| &l.label).collect::<Vec<_>>()
            );
        }
        let version = trace["ultralytics_version"].as_str().expect("named");
        if !dir.ends_with("8.0.200/a_sgd_linear") {
            assert!(
                v.family_source.contains("detected"),
                "{name}: {}",
                v.family_source
            );
            assert_eq!(
                v.family,
                if version == "8.4.190" {
                    Family::V8_4
                } else {
                    Family::V8_0
                },
                "{name}"
            );
        }
        // Each logged point sits on the last iteration of its epoch, on the drawn schedule.
        let p = v.schedule.as_ref().expect("drawn");
        let last = v.groups[0].points.last().expect("a row").0;
        assert_eq!(
            last + 1,
            p.total,
            "{name}: the last row is the run's last iteration"
        );
        let r = v.results.as_ref().expect("losses");
        assert!(
            r.losses.iter().any(|(h, _)| h == "val/box_loss") && !r.metrics.is_empty(),
            "{name}"
        );
        // The optimizer steps and the accumulation over time are those the trainer reported.
        let fs = FullScale::of(&config, &yours, v.family).expect("a count");
        let its = trace["iterations"].as_array().expect("iterations");
        let stepped = its
            .iter()
            .filter(|i| i["optimizer_step"].as_bool() == Some(true))
            .count();
        assert_eq!(fs.steps, stepped, "{name}: optimizer steps");
        for it in its {
            let ni = it["ni"].as_u64().expect("ni") as usize;
            let acc = it["accumulate"].as_f64().expect("accumulate").round() as usize;
            let ours = fs
                .accumulate
                .iter()
                .rev()
                .find(|(_, from)| *from <= ni)
                .expect("a stretch")
                .0;
            assert_eq!(ours, acc, "{name} ni {ni}: accumulate");
        }
        // The rates drawn are the ones the optimizer held at every iteration, read live: 8.0's
        // an epoch behind after warmup (a YOLO user found its logged points above the line).
        let weight = trace["param_groups"]
            .as_array()
            .expect("groups")
            .iter()
            .position(|g| g["name"] == "weight")
            .expect("a weight group");
        let bias: usize = want[5..].parse().expect("lr/pgN");
        for it in its {
            let ni = it["ni"].as_u64().expect("ni") as usize;
            let lr = |k: usize| it["lr"][k].as_f64().expect("an lr");
            let ours = stride::state::io::yolo::applied(&fs.schedule, v.family, ni);
            for (drawn, live) in [(ours.lr_weight, lr(weight)), (ours.lr_bias, lr(bias))] {
                assert!(
                    (drawn - live).abs() <= 1e-6 * live.abs().max(1e-3),
                    "{name} ni {ni}: drawn {drawn}, trained {live}"
                );
            }
        }
        // A wrong version, picked by hand, is named in the sentence.
        let other = your_run(
            &config,
            &YourRun {
                family: Some(Family::V8_4Floor),
                ..yours.clone()
            },
        );
        assert!(
            other.verdict.expect("a sentence").contains("8.4.0–8.4.102"),
            "{name}"
        );
    }
}

#[test]
fn an_args_yaml_names_a_well_known_data_set_by_its_data_line() {
    for (yaml, want) in [
        (
            "task: detect\ndata: coco8.yaml\nepochs: 3\n",
            Some(DataSet::Coco8),
        ),
        ("data: /home/me/datasets/VOC.yaml\n", Some(DataSet::Voc)),
        ("data: 'coco128.yaml'\n", Some(DataSet::Coco128)),
        ("data: coco.yaml\n", Some(DataSet::Coco)),
        // One's own data set, and the shared runs' synthetic one, are not guessed.
        ("data: synth_det/data.yaml\n", None),
        ("model: coco8.yaml\n", None),
    ] {
        assert_eq!(DataSet::in_args(yaml), want, "{yaml}");
    }
    assert_eq!(DataSet::of(Some(16_551), Some(20)), Some(DataSet::Voc));
}

#[test]
fn the_largest_run_the_page_takes_counts_in_32_bits() {
    use stride::state::io::fullscale::MAX_IMAGES;
    let c = Config {
        batch: 1,
        epochs: 500,
        ..defaults()
    };
    let yours = YourRun {
        images: Some(MAX_IMAGES),
        ..YourRun::default()
    };
    let fs = FullScale::of(&c, &yours, Family::V8_4).expect("a count");
    assert!(
        fs.schedule.total_iters() <= u32::MAX as usize,
        "wasm32's usize"
    );
    // A results.csv that goes on past the run's epochs is drawn up to its end.
    let csv = "epoch,lr/pg0,lr/pg1,lr/pg2\n1,0.01,0.01,0.01\n9000,0.01,0.01,0.01\n";
    let v = your_run(
        &c,
        &YourRun {
            results: Some(Rc::new(ResultsCsv::read(csv).expect("a file"))),
            ..yours
        },
    );
    assert!(
        v.groups.iter().all(|g| g.points.len() == 1),
        "{:?}",
        v.groups
    );
    assert!(v.verdict.expect("a sentence").contains("first differs"));
}

#[test]
fn an_args_yaml_past_the_controls_ranges_is_drawn_at_its_own_scale() {
    use stride::state::io::fullscale::Beyond;
    let yaml = "task: detect\ndata: VOC.yaml\nepochs: 1000\nbatch: 4096\nnbs: 64\nlr0: 0.01\n";
    let (loaded, _) = read_args(yaml, &defaults()).expect("an args.yaml");
    // The toy model's controls stop at 500 epochs and batch 2048.
    assert_eq!((loaded.epochs, loaded.batch), (500, 2048));
    let (n, nc) = DataSet::Voc.size();
    let yours = YourRun {
        beyond: Beyond::in_args(yaml, &loaded),
        ..data(DataSet::Voc)
    };
    let fs = FullScale::of(&loaded, &yours, Family::V8_4).expect("a count");
    let nb = n.div_ceil(4096);
    assert_eq!(fs.schedule.nb, nb);
    assert_eq!(fs.schedule.epochs, 1000);
    assert_eq!(fs.schedule.total_iters(), nb * 1000);
    // nbs 64 < batch: one minibatch per step, so a step every iteration.
    assert_eq!(fs.steps, nb * 1000);
    let view = your_run(&loaded, &yours);
    let notes = view.notes.join(" ");
    assert!(
        notes.contains("epochs=1,000 is your args.yaml's"),
        "{notes}"
    );
    assert!(notes.contains("batch=4,096 is your args.yaml's"), "{notes}");
    assert!(!notes.contains("nbs="), "nbs fitted its control: {notes}");
    assert_eq!(view.data_set, DataSet::of(Some(n), Some(nc)));

    // Moving the epochs control hands the run back to it; batch stays the file's.
    let moved = Config {
        epochs: 300,
        ..loaded.clone()
    };
    let fs = FullScale::of(&moved, &yours, Family::V8_4).expect("a count");
    assert_eq!((fs.schedule.epochs, fs.schedule.nb), (300, nb));
    assert!(!your_run(&moved, &yours).notes.join(" ").contains("epochs="));

    // A file whose run would count past 32 bits keeps the control's epochs, and says so.
    let huge = "epochs: 100000000\nbatch: 1\n";
    let (loaded, _) = read_args(huge, &defaults()).expect("an args.yaml");
    let yours = YourRun {
        beyond: Beyond::in_args(huge, &loaded),
        ..data(DataSet::Coco)
    };
    let fs = FullScale::of(&loaded, &yours, Family::V8_4).expect("a count");
    assert_eq!(fs.schedule.epochs, loaded.epochs);
    let notes = your_run(&loaded, &yours).notes.join(" ");
    assert!(notes.contains("more than the page counts"), "{notes}");

    // An args.yaml inside the ranges keeps nothing apart from the controls.
    let fits = "epochs: 300\nbatch: 32\nnbs: 64\n";
    let (loaded, _) = read_args(fits, &defaults()).expect("an args.yaml");
    assert_eq!(Beyond::in_args(fits, &loaded), Beyond::default());
}

#[test]
fn autos_momentum_line_is_what_ultralytics_sets_and_the_words_say_why() {
    use stride::engine::schedule::Preview;
    let c = defaults();
    let top = |p: &Preview| p.points.iter().map(|(_, s)| s.momentum).fold(0.0, f64::max);
    let bottom = |p: &Preview| {
        p.points
            .iter()
            .map(|(_, s)| s.momentum)
            .fold(f64::INFINITY, f64::min)
    };
    // coco128, 100 epochs: auto picks AdamW, built with β₁ 0.9, which no warmup moves.
    let v = your_run(&c, &data(DataSet::Coco128));
    let p = v.schedule.clone().expect("a schedule");
    assert_eq!((bottom(&p), top(&p)), (0.9, 0.9));
    let optimizer = fact(&v, "optimizer");
    assert!(optimizer.contains("β₁, flat"), "{optimizer}");
    // COCO: MuSGD, built with 0.9; warmup moves it from 0.8 to the user's 0.937, where it stays.
    let v = your_run(&c, &data(DataSet::Coco));
    let p = v.schedule.clone().expect("a schedule");
    assert_eq!((bottom(&p), top(&p)), (0.8, 0.937));
    let last = p.points.last().expect("a point").1.momentum;
    assert_eq!(last, 0.937);
    let optimizer = fact(&v, "optimizer");
    assert!(
        optimizer.contains("from warmup_momentum 0.8 to your momentum 0.937, where it stays"),
        "{optimizer}"
    );
    assert!(optimizer.contains("lr0 is ignored and"), "{optimizer}");
    // auto's step count is named apart from the run's iterations.
    assert!(
        optimizer.contains("not the run's iterations"),
        "{optimizer}"
    );
    // An explicit AdamW keeps the user's momentum as β₁.
    let adam = Config {
        optimizer: OptKind::AdamW,
        ..defaults()
    };
    let v = your_run(&adam, &data(DataSet::Coco));
    let p = v.schedule.clone().expect("a schedule");
    assert_eq!((bottom(&p), top(&p)), (0.937, 0.937));
    // A run that set its optimizer is not told what auto, which it did not use, would pick.
    assert_eq!(fact(&v, "optimizer"), "AdamW as set");
}

#[test]
fn a_run_that_ends_inside_warmup_says_so_and_counts_from_ni_0() {
    // 14 images at batch 4 for 5 epochs: 20 iterations; the 8.0 floor warms up for 100.
    let yours = YourRun {
        images: Some(14),
        nc: Some(2),
        family: Some(Family::V8_0),
        ..YourRun::default()
    };
    let c = Config {
        epochs: 5,
        batch: 4,
        optimizer: OptKind::Sgd,
        ..defaults()
    };
    let v = your_run(&c, &yours);
    // A flag, first, with what would change it (a YOLO user found it below the flags).
    assert!(v.flags[0].starts_with("Warmup (nw = 100)"), "{:?}", v.flags);
    let notes = v.flags.join(" ");
    assert!(
        notes.contains("Warmup (nw = 100) is longer than the whole run (20 iterations)")
            && notes.contains("warmup_epochs=0, a longer run, or Ultralytics 8.4.103 or later")
            && notes.contains("still on its way down from warmup_bias_lr"),
        "{notes}"
    );
    // Under auto warmup_bias_lr is 0: the biases climb with the weights, and the note says so
    // (a YOLO user read "on its way down" beside "biases start at 0").
    let auto = your_run(
        &Config {
            optimizer: OptKind::Auto,
            ..c.clone()
        },
        &yours,
    );
    let notes = auto.flags.join(" ");
    assert!(
        notes.contains("still on its way up, as the weights'") && !notes.contains("way down"),
        "{notes}"
    );
    // The 8.4 rule warms up 12 of the 20: no such note.
    let v4 = your_run(
        &c,
        &YourRun {
            family: Some(Family::V8_4),
            ..yours.clone()
        },
    );
    assert!(!v4.flags.join(" ").contains("longer than the whole run"));
    // accumulate grows during warmup, counted in 0-based ni as the charts count.
    let acc = fact(&v4, "accumulate");
    assert!(acc.contains("from ni = 0"), "{acc}");
    assert!(!acc.contains("from iteration"), "{acc}");
}

#[test]
fn an_import_notice_for_a_value_kept_by_the_panel_says_so() {
    use stride::state::io::fullscale::Beyond;
    let yaml = "epochs: 1000\nbatch: 16\n";
    let (loaded, mut notices) = read_args(yaml, &defaults()).expect("an args.yaml");
    let before = notices
        .iter()
        .find(|n| n.param == "epochs")
        .expect("the range notice")
        .message
        .clone();
    Beyond::in_args(yaml, &loaded).amend(&mut notices);
    let after = &notices
        .iter()
        .find(|n| n.param == "epochs")
        .expect("a notice")
        .message;
    assert!(after.starts_with(&before), "{after}");
    assert!(
        after.contains("Your run (Ultralytics, full scale) keeps your 1,000"),
        "{after}"
    );
    // batch 16 fitted its control: its notices (if any) are left alone.
    assert!(
        notices
            .iter()
            .filter(|n| n.param == "batch")
            .all(|n| !n.message.contains("full scale"))
    );
}

/// Under a named Adam-type optimizer a bias rate far above the weights' is said to be a jolt,
/// with what Ultralytics' auto does about it: a YOLO user with AdamW at lr0 0.001 and an early
/// loss spike came asking about exactly this. Under SGD, or with auto (which sets
/// warmup_bias_lr to 0), nothing is said.
#[test]
fn a_bias_rate_far_above_adams_weights_is_named_as_a_jolt() {
    let note = |optimizer: OptKind, warmup_bias_lr: f64| {
        let c = Config {
            optimizer,
            lr0: 0.001,
            warmup_bias_lr,
            ..defaults()
        };
        your_run(&c, &data(DataSet::Coco128))
            .notes
            .into_iter()
            .find(|n| n.contains("a jolt"))
    };
    let said = note(OptKind::AdamW, 0.1).expect("a note under AdamW");
    assert!(
        said.contains("warmup_bias_lr 0.1, 100× lr0 0.001")
            && said.contains("warmup_bias_lr=0 ramps the biases up from 0"),
        "{said}"
    );
    assert!(note(OptKind::Adam, 0.1).is_some());
    assert!(
        note(OptKind::Sgd, 0.1).is_none(),
        "SGD's step scales with its gradient"
    );
    assert!(
        note(OptKind::Auto, 0.1).is_none(),
        "auto sets warmup_bias_lr to 0"
    );
    assert!(
        note(OptKind::AdamW, 0.0).is_none(),
        "followed, the advice silences it"
    );
}

/// A YOLO user's args.yaml, as Ultralytics writes it (spec §1.4): SGD at lr0 0.01.
const YOLO_ARGS: &str = "task: detect\nmode: train\nmodel: yolo11n.pt\nepochs: 5\nbatch: 4\nlr0: 0.01\nlrf: 0.01\nmomentum: 0.937\nweight_decay: 0.0005\nwarmup_epochs: 3.0\noptimizer: SGD\ncos_lr: false\n";

#[test]
fn after_an_args_yaml_the_verdict_says_it_judges_the_toy_task() {
    use stride::state::io::import::{Imported, Work, read_file};
    use stride::state::runs::session::{Command, Session};
    use stride::state::scene::SceneCache;
    use stride::state::{Action, Preset, Scene};
    let scene = |s: &Session| Scene::build(s, &mut SceneCache::default(), 0.0);
    let current = Config::default();
    let mut s = Session::for_config(&current);
    assert_eq!(scene(&s).readout.main, None, "no run of the reader's yet");
    // The page's path: the file read, the session told, the controls loaded.
    let Ok(Imported::Args(c, mut notices)) =
        read_file(YOLO_ARGS, Some("args.yaml"), &current, &mut Work::default())
    else {
        panic!("an args.yaml is read as one");
    };
    let loaded = current.apply(Action::Load(Box::new(c)));
    let (args, said) = Command::of_args(YOLO_ARGS, &loaded, &mut notices);
    assert!(
        said.contains("Your run (Ultralytics, full scale) is open"),
        "{said}"
    );
    s.command(args, &|| 0.0);
    s.sync(&loaded);
    s.show_all();
    let shown = scene(&s);
    // The badge beside the toy's run says whose it is, and it advises a rate: the toy's.
    assert_eq!(shown.readout.main.as_deref(), Some("Toy task"));
    assert!(shown.readout.apply.is_some(), "{:?}", shown.readout.verdict);
    assert!(shown.readout.toy, "its button says the rate is the toy's");
    // Beside other runs the toy's name comes first, then the run's.
    let compared = loaded.apply(Action::Set(stride::state::Key::Compare, "1".into()));
    s.sync(&compared);
    let main = scene(&s).readout.main.expect("a name");
    assert_eq!(main, format!("Toy task, {}", s.slots[0].label));
    // A lesson is the page's own, whatever was loaded before it.
    s.sync(&loaded.apply(Action::Preset(Some(Preset::TooLow))));
    assert_eq!(scene(&s).readout.main, None);
    assert!(!scene(&s).readout.toy);
}

/// A shared run's args.yaml, read into the controls as the page reads it.
fn args_of(dir: &Path) -> Config {
    read_args(&run_file(dir)("args.yaml"), &Config::default())
        .expect("args.yaml")
        .0
}

/// A shared run's file, read.
fn run_file(dir: &Path) -> impl Fn(&str) -> String + '_ {
    move |f: &str| std::fs::read_to_string(dir.join(f)).expect("a run file")
}

/// A shared run as the page holds it once the user has given its train-set size and classes
/// (from its trace) and opened its results.csv.
fn traced(dir: &Path) -> YourRun {
    let read = run_file(dir);
    let trace: serde_json::Value = serde_json::from_str(&read("lr_trace.json")).expect("json");
    let count = |k: &str| trace["dataset"][k].as_u64().map(|n| n as usize);
    YourRun {
        images: count("train_images"),
        nc: count("nc"),
        results: Some(Rc::new(
            ResultsCsv::read(&read("results.csv")).expect("results.csv"),
        )),
        ..YourRun::default()
    }
}

/// optimizer=auto fits its rate to the classes as well as the images: a real auto run read
/// with the default 10 classes in place of its 2 parts from its schedule at once, and the
/// sentence names the class count among what to check (a YOLO user's run matched only once nc
/// was typed in, which the hint had not named).
#[test]
fn an_auto_run_read_with_the_wrong_classes_names_nc() {
    let Some(dir) = crate::common::shared_run("8.4.190/c_auto") else {
        return;
    };
    let traced = traced(&dir);
    let nc = traced.nc.expect("nc");
    assert_ne!(nc, 10, "the default class count would hide the cause");
    let config = args_of(&dir);
    assert_eq!(config.optimizer, OptKind::Auto);
    let yours = |nc: Option<usize>| YourRun {
        nc,
        ..traced.clone()
    };
    let wrong = your_run(&config, &yours(None)).verdict.expect("a sentence");
    assert!(
        wrong.contains("first differs") && wrong.contains("the classes, nc"),
        "{wrong}"
    );
    let right = your_run(&config, &yours(Some(nc)))
        .verdict
        .expect("a sentence");
    assert!(right.contains("matches Stride's schedule"), "{right}");
}

/// Controls changed after an args.yaml are a "what if": the line is the change, the file is
/// still checked against the args.yaml's own settings, so a real run that matches its own
/// settings still says so, with what was changed named first (a YOLO user tried cos_lr on
/// their run and was told the file "first differs … likely changed arguments").
#[test]
fn a_change_after_an_args_yaml_is_a_what_if_against_the_run_as_logged() {
    use stride::state::runs::session::Command;
    let Some(dir) = crate::common::shared_run("8.4.190/a_sgd_linear") else {
        return;
    };
    let read = run_file(&dir);
    let (loaded, mut notices) = read_args(&read("args.yaml"), &Config::default()).expect("args");
    let (Command::Args(beyond, _, args), _) =
        Command::of_args(&read("args.yaml"), &loaded, &mut notices)
    else {
        panic!("an args.yaml's command");
    };
    let yours = YourRun {
        beyond,
        args: Some(args),
        ..traced(&dir)
    };
    let same = your_run(&loaded, &yours).verdict.expect("a sentence");
    assert!(
        !same.contains("What if")
            && same.ends_with("matches Stride's schedule to 1e-6 at every epoch."),
        "{same}"
    );
    let cosine = Config {
        decay: DecayKind::Cosine,
        lrf: 0.2,
        ..loaded.clone()
    };
    let v = your_run(&cosine, &yours);
    let what_if = v.verdict.expect("a sentence");
    assert!(what_if.starts_with("What if:"), "{what_if}");
    assert!(
        what_if.contains("lrf 0.01 → 0.2") && what_if.contains("cos_lr false → true"),
        "{what_if}"
    );
    assert!(
        what_if.ends_with("matches the schedule of the args.yaml's own settings, not the line, to 1e-6 at every epoch.")
            && !what_if.contains("differs"),
        "{what_if}"
    );
    assert_eq!(v.family, Family::V8_4, "still told from the file");
    // The line is the change: at lrf 0.2 its weights end higher than the run as set.
    let p = v.schedule.expect("a schedule");
    let end = p.points.last().expect("a point").1.lr_weight;
    let linear_end = your_run(&loaded, &yours)
        .schedule
        .expect("a schedule")
        .points
        .last()
        .expect("a point")
        .1
        .lr_weight;
    assert!(end > linear_end, "{end} against {linear_end}");
}

/// Beside the reader's own run, the toy's auto pick says whose it is: Your run gives theirs,
/// fitted to their classes and images (a YOLO user met "auto uses 7.14e-4" on the toy and
/// 0.001667 in their panel on one page).
#[test]
fn the_toys_auto_pick_names_the_toy_beside_the_readers_run() {
    use stride::state::runs::session::{Command, Session};
    use stride::state::scene::SceneCache;
    use stride::state::{Action, Scene};
    let yaml = YOLO_ARGS.replace("optimizer: SGD", "optimizer: auto");
    let (c, mut notices) = read_args(&yaml, &Config::default()).expect("args.yaml");
    assert_eq!(c.optimizer, OptKind::Auto);
    let loaded = Config::default().apply(Action::Load(Box::new(c)));
    let mut s = Session::for_config(&loaded);
    let before = Scene::build(&s, &mut SceneCache::default(), 0.0)
        .auto
        .expect("auto's note");
    assert!(before.starts_with("optimizer=auto"), "{before}");
    s.command(Command::of_args(&yaml, &loaded, &mut notices).0, &|| 0.0);
    let after = Scene::build(&s, &mut SceneCache::default(), 0.0)
        .auto
        .expect("auto's note");
    assert_eq!(after, format!("On the toy task, {before}"));
    // The slider's mark too.
    let mark = |s: &Session| {
        crate::common::slider_mark(&Scene::build(s, &mut SceneCache::default(), 0.0), "auto")
            .label
            .clone()
    };
    let toy = mark(&s);
    assert!(toy.starts_with("toy: auto uses "), "{toy}");
    assert!(
        mark(&Session::for_config(&loaded)).starts_with("auto uses "),
        "{toy}"
    );
    // And every other mark: the limit and the rate to try are the toy's too.
    let labels = |s: &Session| -> Vec<String> {
        Scene::build(s, &mut SceneCache::default(), 0.0)
            .marks
            .iter()
            .map(|m| m.label.clone())
            .collect()
    };
    let (sgd, mut notices) = read_args(YOLO_ARGS, &Config::default()).expect("args.yaml");
    let sgd = Config::default().apply(Action::Load(Box::new(sgd)));
    let mut s = Session::for_config(&sgd);
    let plain = labels(&s);
    s.command(Command::of_args(YOLO_ARGS, &sgd, &mut notices).0, &|| 0.0);
    let with_run = labels(&s);
    assert!(
        with_run.len() >= 2 && with_run.iter().all(|l| l.starts_with("toy: ")),
        "{with_run:?}"
    );
    assert!(
        plain.len() >= 2 && plain.iter().all(|l| !l.starts_with("toy")),
        "{plain:?}"
    );
}

/// The flags name what a YOLO user missed in the facts, each with what would change it: the
/// real auto run made 2 optimizer steps, set lr0 aside for AdamW and ended at 20× its rate ×
/// lrf; the real 8.0 run at batch 1 spent 7.1 of its 10 epochs in warmup. A COCO run at
/// Ultralytics' defaults raises none.
#[test]
fn the_flags_name_what_a_run_should_look_at_and_a_default_run_raises_none() {
    let flags_of = |name: &str| {
        let dir = crate::common::shared_run(name)?;
        let config = args_of(&dir);
        Some(your_run(&config, &traced(&dir)).flags.join("\n"))
    };
    if let Some(auto) = flags_of("8.4.190/c_auto") {
        for want in [
            "Only 2 optimizer steps in the whole run",
            "optimizer=auto set your lr0 0.01 aside and trained with AdamW at 0.00167",
            "20.8× auto's rate × lrf",
            // Not "at epoch 5, one past the last" beside a results.csv whose last row is 5.
            "reach lrf only in the epoch after the last",
        ] {
            assert!(auto.contains(want), "{want}: {auto}");
        }
        assert!(!auto.contains("Warmup lasts"), "{auto}");
    }
    if let Some(old) = flags_of("8.0.200/e_sgd_linear_past_warmup") {
        assert!(
            old.contains("Warmup lasts 7.1 of your 10 epochs, not the 3 warmup_epochs set")
                // Its batch is 1: nothing smaller to suggest.
                && !old.contains("A smaller batch"),
            "{old}"
        );
        assert!(
            !old.contains("optimizer=auto") && old.contains("runs an epoch behind"),
            "{old}"
        );
    }
    // Its 20 iterations end inside a 100-iteration warmup, where accumulate has climbed only to
    // 4 of its 16: "once every 16 minibatches, so 20 iterations make 10 updates" did not add up
    // for a YOLO user. The flag names where accumulate stopped, as the facts' ramp does.
    if let Some(dir) = crate::common::shared_run("8.0.200/a_sgd_linear") {
        let v = your_run(&args_of(&dir), &traced(&dir));
        let ramp = fact(&v, "accumulate");
        let flags = v.flags.join("\n");
        assert!(ramp.ends_with("4 from ni = 17"), "{ramp}");
        assert!(
            flags.contains("steps once every 16 minibatches (accumulate) after warmup; in warmup accumulate climbs from 1, and this run ends there, at 4, so 20 iterations make 10 updates"),
            "{flags}"
        );
    }
    for optimizer in [OptKind::Auto, OptKind::Sgd] {
        let c = Config {
            optimizer,
            ..defaults()
        };
        let v = your_run(&c, &data(DataSet::Coco));
        assert!(v.flags.is_empty(), "{optimizer:?}: {:?}", v.flags);
    }
    // SGD's default lr0 kept under a named AdamW is ten times Ultralytics' own advice for Adam
    // (1E-3, in its default.yaml); at that advice nothing is flagged.
    let adam = |lr0: f64| {
        let c = Config {
            optimizer: OptKind::AdamW,
            lr0,
            ..defaults()
        };
        your_run(&c, &data(DataSet::Coco)).flags.join("\n")
    };
    let high = adam(0.01);
    assert!(
        high.contains("lr0 0.01 under AdamW is 10× the rate Adam-type optimizers usually train at")
            && high.contains("for your 80 classes auto would pick AdamW at 1.19e-4")
            && high.contains("try lr0=0.001"),
        "{high}"
    );
    assert!(adam(0.001).is_empty(), "{}", adam(0.001));
    // Without a class count the 10 it assumes is said to be the default, not "your 10".
    let c = Config {
        optimizer: OptKind::AdamW,
        ..defaults()
    };
    let untold = your_run(
        &c,
        &YourRun {
            images: Some(1000),
            ..YourRun::default()
        },
    )
    .flags
    .join("\n");
    assert!(
        untold.contains("for 10 classes (the panel's default: enter yours above) auto would pick AdamW at 7.14e-4")
            && !untold.contains("your 10 classes"),
        "{untold}"
    );
}

/// The way in for a YOLO user at the top of the plain page: to the import, then to their run
/// once it is in; never in a lesson, the course, an embed or presenter mode.
#[test]
fn the_page_offers_a_way_in_for_a_yolo_run_where_the_page_is_the_readers() {
    use stride::state::io::fullscale::run_entry;
    use stride::state::io::import::YOUR_RUN_PANEL;
    let plain = Config::default();
    assert_eq!(
        run_entry(&plain, false),
        Some(("Bring your YOLO run…", "take-home"))
    );
    assert_eq!(
        run_entry(&plain, true),
        Some(("Your YOLO run ↓", YOUR_RUN_PANEL))
    );
    for (why, c) in [
        (
            "embed",
            Config {
                embed: true,
                ..plain.clone()
            },
        ),
        (
            "presenter",
            Config {
                present: true,
                ..plain.clone()
            },
        ),
        (
            "course",
            Config {
                course: 3,
                ..plain.clone()
            },
        ),
        (
            "lesson",
            Config {
                preset: Some(stride::state::Preset::Warmup),
                ..plain.clone()
            },
        ),
    ] {
        assert_eq!(run_entry(&c, false), None, "{why}");
    }
}

/// A lesson sets the toy's controls; a loaded run keeps its args.yaml's (a YOLO user picked
/// "Ultralytics' defaults" and found their run a what-if of 100 epochs at batch 16).
#[test]
fn a_lesson_leaves_a_loaded_run_as_its_args_yaml_set_it() {
    use stride::state::Preset;
    let Some(dir) = crate::common::shared_run("8.0.200/e_sgd_linear_past_warmup") else {
        return;
    };
    let config = args_of(&dir);
    let yours = YourRun {
        args: Some(Rc::new(config.clone())),
        ..traced(&dir)
    };
    let own = your_run(&config, &yours);
    let lesson = your_run(&Preset::named("ultralytics-defaults").config(), &yours);
    let verdict = lesson.verdict.as_deref().expect("a sentence");
    assert!(!verdict.starts_with("What if"), "{verdict}");
    assert_eq!(lesson.facts, own.facts);
    assert_eq!(lesson.schedule, own.schedule);
    assert!(
        lesson.notes[0].starts_with("A lesson is open"),
        "{:?}",
        lesson.notes
    );
    assert!(!own.notes.iter().any(|n| n.starts_with("A lesson is open")));
}

/// The validation losses of a real run repeat, to the last digit, in exactly the epochs where
/// the page counts no optimizer step (Ultralytics validates the EMA, which moves only on a
/// step), and the trace's own record of each step agrees; the flag names those epochs and says
/// the file shows it. Every real run here logs mAP 0 throughout, which the page now reads: a
/// YOLO user met both in the log with nothing said about either.
#[test]
fn a_real_runs_log_is_read_beside_its_steps() {
    let Some(dirs) = crate::common::shared_runs() else {
        return;
    };
    let mut idle_runs = 0;
    for dir in dirs {
        let read = run_file(&dir);
        let trace: serde_json::Value = serde_json::from_str(&read("lr_trace.json")).expect("json");
        let config = args_of(&dir);
        let yours = traced(&dir);
        let family = if trace["ultralytics_version"] == "8.4.190" {
            Family::V8_4
        } else {
            Family::V8_0
        };
        let fs = FullScale::of(&config, &yours, family).expect("a count");
        let traced_steps: Vec<bool> = (0..fs.schedule.epochs)
            .map(|e| {
                trace["iterations"]
                    .as_array()
                    .expect("iterations")
                    .iter()
                    .any(|it| {
                        it["epoch"].as_u64() == Some(e as u64) && it["optimizer_step"] == true
                    })
            })
            .collect();
        let name = dir.display();
        assert_eq!(stepped_epochs(&fs.schedule), traced_steps, "{name}");
        let flags = your_run(&config, &yours).flags.join("\n");
        let idle: Vec<usize> = (0..traced_steps.len())
            .filter(|&e| !traced_steps[e])
            .collect();
        if idle.is_empty() {
            assert!(!flags.contains("never steps"), "{name}: {flags}");
        } else {
            idle_runs += 1;
            assert!(
                flags.contains(
                    "validation losses repeat, to the last digit, in exactly those epochs"
                ),
                "{name}: {flags}"
            );
        }
        assert!(
            flags.contains("Precision, recall and mAP are 0 in every epoch")
                && flags.contains("barely started"),
            "{name}: {flags}"
        );
    }
    assert!(
        idle_runs >= 2,
        "the real runs with idle epochs: {idle_runs}"
    );
    // A what-if of 100 epochs reads the log as the run it logs, not as the what-if.
    if let Some(dir) = crate::common::shared_run("8.4.190/c_auto") {
        let config = args_of(&dir);
        let yours = YourRun {
            args: Some(Rc::new(config.clone())),
            ..traced(&dir)
        };
        let what_if = Config {
            epochs: 100,
            ..config
        };
        let flags = your_run(&what_if, &yours).flags.join("\n");
        assert!(
            flags.contains("With 2 optimizer steps it has barely started")
                && flags
                    .contains("In the run as logged: The optimizer never steps in epochs 2–4 of 5"),
            "{flags}"
        );
    }
    if let Some(dir) = crate::common::shared_run("8.0.200/e_sgd_linear_past_warmup") {
        let config = args_of(&dir);
        let flags = your_run(&config, &traced(&dir)).flags.join("\n");
        assert!(
            flags.contains("The optimizer never steps in epochs 3, 4, 6–8 and 10 of 10: an epoch is 14 minibatches, and the optimizer steps once every 64 (accumulate), more often during warmup, where accumulate climbs from 1."),
            "{flags}"
        );
    }
}

/// A log whose validation losses repeat where the optimizer did step, or whose metrics are
/// not all 0, raises neither reading: the flags follow the file, not the run alone.
#[test]
fn a_log_that_moves_raises_neither_reading() {
    let Some(dir) = crate::common::shared_run("8.4.190/c_auto") else {
        return;
    };
    let config = args_of(&dir);
    let mut yours = traced(&dir);
    let mut csv = (*yours.results.clone().expect("a results.csv")).clone();
    for (h, v) in &mut csv.others {
        for (k, x) in v.iter_mut().enumerate() {
            // Every epoch's losses its own, and a metric that is not 0.
            if h.starts_with("val/") {
                *x += k as f64;
            } else if h.starts_with("metrics/") {
                *x = 0.1;
            }
        }
    }
    yours.results = Some(Rc::new(csv));
    let flags = your_run(&config, &yours).flags.join("\n");
    assert!(
        flags.contains("The optimizer never steps in epochs 2–4 of 5"),
        "{flags}"
    );
    assert!(
        !flags.contains("to the last digit") && !flags.contains("mAP are 0"),
        "{flags}"
    );
}

/// The summary names the weights' highest rate where it is below the rate set: the real 8.0 run
/// peaks 58 % below lr0 as the decay lowers lr0 inside its long warmup (a YOLO user found it
/// only on the chart), a COCO run at the defaults 2 % below it; without warmup nothing is below.
/// A warmup exactly as long as the run is "as long as", not "longer than", it.
#[test]
fn the_summary_names_a_peak_below_lr0_and_warmups_length_in_plain_terms() {
    if let Some(dir) = crate::common::shared_run("8.0.200/e_sgd_linear_past_warmup") {
        let config = args_of(&dir);
        let v = your_run(&config, &traced(&dir));
        assert!(
            v.summary
                .contains("% below lr0 0.01 (the decay lowers the rate while warmup raises it)"),
            "{}",
            v.summary
        );
        let pct: f64 = v
            .summary
            .split(", peak at ")
            .nth(1)
            .and_then(|t| t.split(" % below").next())
            .and_then(|t| t.rsplit(' ').next())
            .and_then(|t| t.parse().ok())
            .expect("a percentage");
        assert!((50.0..65.0).contains(&pct), "{}", v.summary);
    }
    // COCO at the defaults: 3 of 100 epochs of warmup, by whose end the decay has taken 2 %.
    let sgd = Config {
        optimizer: OptKind::Sgd,
        ..defaults()
    };
    let v = your_run(&sgd, &data(DataSet::Coco));
    assert!(
        v.summary.contains(", 2 % below lr0 0.01 ("),
        "{}",
        v.summary
    );
    // No warmup: the weights start at lr0, and nothing is below it to name.
    let cold = Config {
        warmup_epochs: 0.0,
        ..sgd
    };
    let v = your_run(&cold, &data(DataSet::Coco));
    assert!(!v.summary.contains("peak at"), "{}", v.summary);
    // 100 iterations of warmup (the floor before 8.4.103) in a run of 100.
    let c = Config {
        optimizer: OptKind::Sgd,
        epochs: 4,
        batch: 4,
        ..defaults()
    };
    let yours = YourRun {
        images: Some(100),
        family: Some(Family::V8_0),
        ..YourRun::default()
    };
    let v = your_run(&c, &yours);
    let flags = v.flags.join("\n");
    assert!(
        flags.contains("Warmup (nw = 100) is as long as the whole run (100 iterations)"),
        "{flags}"
    );
    // Under the floor a smaller warmup_epochs above 0 changes nothing: only 0 does (a YOLO user
    // tried 1 on the advice "a smaller warmup_epochs").
    assert!(
        flags.contains(
            "any warmup_epochs above 0 warms up for at least 100 iterations: warmup_epochs=0"
        ) && !flags.contains("A smaller warmup_epochs"),
        "{flags}"
    );
    assert!(
        v.summary.contains("(the run ends inside warmup)"),
        "{}",
        v.summary
    );
}

/// An 8.0 run's last epoch trains at the rate later versions give the epoch before: the panel
/// says so beside the toy's end, which follows the later rule (a YOLO user read 0.00109 on the
/// toy and 0.00208 in their run with nothing saying why); an 8.4 run says nothing of it.
#[test]
fn an_epoch_behind_schedulers_end_is_named_beside_the_toys() {
    let note_of = |name: &str| {
        let dir = crate::common::shared_run(name)?;
        let config = args_of(&dir);
        Some(your_run(&config, &traced(&dir)).notes.join("\n"))
    };
    if let Some(notes) = note_of("8.0.200/e_sgd_linear_past_warmup") {
        assert!(
            notes.contains("Ultralytics 8.0's scheduler runs an epoch behind after warmup, so your last epoch trains at 0.00208, where Ultralytics 8.1 and later, and the toy's charts above, would end at 0.00109."),
            "{notes}"
        );
    }
    if let Some(notes) = note_of("8.4.190/a_sgd_linear") {
        assert!(!notes.contains("epoch behind"), "{notes}");
    }
}

/// A version picked by hand under whose rule no train-set size gives the logged rates, where
/// the detected one reads a size, says so first and names the size the detected rule reads (a
/// YOLO user picked a version and saw "14 read" vanish with nothing said); the right version
/// picked by hand reads the size as detection does.
#[test]
fn a_picked_version_that_reads_no_size_names_the_one_that_does() {
    let Some(dir) = crate::common::shared_run("8.0.200/e_sgd_linear_past_warmup") else {
        return;
    };
    let read = run_file(&dir);
    let config = args_of(&dir);
    let csv = Rc::new(ResultsCsv::read(&read("results.csv")).expect("results.csv"));
    let at = |family: Option<Family>| {
        your_run(
            &config,
            &YourRun {
                results: Some(csv.clone()),
                family,
                ..YourRun::default()
            },
        )
    };
    let wrong = at(Some(Family::V8_1To8_3));
    let sentence = wrong.verdict.clone().expect("a sentence");
    assert!(
        sentence.starts_with("Under Ultralytics 8.1–8.3's rule no train-set size gives these logged rates; under Ultralytics 8.0's, 14 train images do."),
        "{sentence}"
    );
    assert_eq!(wrong.placeholders.0, "");
    for family in [None, Some(Family::V8_0)] {
        let v = at(family);
        assert_eq!(v.placeholders.0, "14 read", "{family:?}");
        assert!(
            !v.verdict
                .expect("a sentence")
                .contains("Is the version right"),
            "{family:?}"
        );
    }
}

/// A version picked for one run is not kept for the next run's results.csv, which the page
/// then reads with the version its file detects: a YOLO user picked 8.0 for one run, loaded an
/// 8.4 run's file, and was asked for an image count the detected version reads from it. The
/// same file again keeps the pick.
#[test]
fn a_new_runs_results_csv_lets_the_file_pick_the_version_again() {
    use stride::state::runs::session::{Command, Session};
    let (Some(old), Some(new)) = (
        crate::common::shared_run("8.0.200/e_sgd_linear_past_warmup"),
        crate::common::shared_run("8.4.190/a_sgd_linear"),
    ) else {
        return;
    };
    let csv = |dir: &Path| {
        Some(Rc::new(
            ResultsCsv::read(&run_file(dir)("results.csv")).expect("results.csv"),
        ))
    };
    let mut s = Session::for_config(&args_of(&old));
    s.command(Command::Results(csv(&old)), &|| 0.0);
    let mut picked = s.yours.clone();
    picked.family = Some(Family::V8_0);
    s.command(Command::Yours(picked), &|| 0.0);
    s.command(Command::Results(csv(&old)), &|| 0.0);
    assert_eq!(
        s.yours.family,
        Some(Family::V8_0),
        "the same file keeps the pick"
    );
    let config = args_of(&new);
    s.command(Command::Results(csv(&new)), &|| 0.0);
    assert_eq!(s.yours.family, None);
    let v = your_run(&config, &s.yours);
    assert!(v.placeholders.0.ends_with(" read"), "{:?}", v.placeholders);
    assert!(v.schedule.is_some(), "{:?}", v.verdict);
}

/// A loaded run's findings head the page above the toy's verdict, each its flag's first
/// clause: a YOLO user met "Toy task: OSCILLATING … Lower lr0" at the top and read it as
/// advice for their run. A lesson, presenter mode or an embed is the page's own, and shows
/// none; a what-if's log findings say whose run they read.
#[test]
fn a_loaded_runs_findings_head_the_page_where_it_is_the_readers() {
    use stride::state::runs::session::{Command, Session};
    use stride::state::scene::SceneCache;
    use stride::state::{Action, Key, Preset, Scene};
    let Some(dir) = crate::common::shared_run("8.0.200/a_sgd_linear") else {
        return;
    };
    let config = args_of(&dir);
    let mut s = Session::for_config(&config);
    let heads = |s: &Session, c: &Config| {
        Scene::build(s, &mut SceneCache::default(), 0.0)
            .run_heads(c)
            .to_vec()
    };
    assert!(heads(&s, &config).is_empty(), "no run of the reader's yet");
    let yours = YourRun {
        args: Some(Rc::new(config.clone())),
        ..traced(&dir)
    };
    s.command(Command::Yours(yours), &|| 0.0);
    s.sync(&config);
    let flags = your_run(&config, &s.yours).flags;
    let top = heads(&s, &config);
    assert_eq!(top.len(), flags.len());
    for (head, flag) in top.iter().zip(&flags) {
        assert!(flag.starts_with(head.as_str()), "{head} | {flag}");
        assert!(!head.contains(": ") && !head.ends_with('.'), "{head}");
    }
    for want in [
        "Warmup (nw = 100) is longer than the whole run (20 iterations)",
        "Only 10 optimizer steps in the whole run",
        "Precision, recall and mAP are 0 in every epoch",
    ] {
        assert!(top.iter().any(|h| h == want), "{want}: {top:?}");
    }
    // A what-if on the run: the log's findings are the logged run's, and say so.
    let what_if = config.apply(Action::Set(Key::Epochs, "50".into()));
    s.sync(&what_if);
    let top = heads(&s, &what_if);
    assert!(
        top.iter()
            .any(|h| h == "In the run as logged: Precision, recall and mAP are 0 in every epoch"),
        "{top:?}"
    );
    assert!(
        !top.iter().any(|h| h.starts_with("Only 10 optimizer")),
        "{top:?}"
    );
    for own in [
        config.apply(Action::Preset(Some(Preset::TooLow))),
        config.apply(Action::Set(Key::Present, "1".into())),
        config.apply(Action::Set(Key::Embed, "1".into())),
    ] {
        s.sync(&own);
        assert!(heads(&s, &own).is_empty(), "{:?}", own.preset);
    }
}

/// A typed train-set size that the logged rates rule out is a plan, and the sentence says so
/// with the size the file reads: a YOLO user typed 5,000 images to plan a longer run and read
/// "the file first differs … likely a wrong image or class count" as an error. A size the
/// file fits raises no such words.
#[test]
fn a_typed_size_the_file_rules_out_is_named_as_a_plan() {
    let Some(dir) = crate::common::shared_run("8.4.190/a_sgd_linear") else {
        return;
    };
    let config = args_of(&dir);
    let at = |images: usize| {
        let yours = YourRun {
            images: Some(images),
            ..traced(&dir)
        };
        your_run(&config, &yours).verdict.expect("a sentence")
    };
    let plan = at(5000);
    assert!(
        plan.starts_with("Your results.csv reads as 13–16 train images (from its warmup), not the 5,000 typed: the run drawn, its counts and flags are a plan for 5,000"),
        "{plan}"
    );
    // Beside the plan the file is checked at its own size, and matches, by the rule it shows
    // (a YOLO user planning 2,000 images met "first differs" and "fits several").
    assert!(
        plan.contains("detected from the file")
            && plan.contains("matches Stride's schedule at that size to 1e-6 at every epoch")
            && !plan.contains("first differs"),
        "{plan}"
    );
    let fits = at(14);
    assert!(!fits.contains("typed"), "{fits}");
    // The log is read beside the run it records, not the plan's 5,000 images.
    let yours = YourRun {
        images: Some(5000),
        ..traced(&dir)
    };
    let flags = your_run(&config, &yours).flags.join("\n");
    assert!(
        flags.contains("In the run as logged: Precision, recall and mAP are 0 in every epoch")
            && flags.contains("With 2 optimizer steps it has barely started"),
        "{flags}"
    );
}

/// A plan made from a loaded run with another version picked and a size typed: the file is
/// still read by the rule that fits it, its rate groups keep their names, and the sentence does
/// not ask for the args.yaml that is loaded. A YOLO user picked 8.4.103+ and typed 2,000 images
/// on their 8.0 run, and met "load the run's args.yaml too" and "lr/pg0 (weights)".
#[test]
fn a_plan_with_another_version_keeps_the_logged_run_read_by_its_own() {
    use stride::state::io::results::LOAD_ARGS;
    let Some(dir) = crate::common::shared_run("8.0.200/e_sgd_linear_past_warmup") else {
        return;
    };
    let config = args_of(&dir);
    let plan = YourRun {
        args: Some(Rc::new(config.clone())),
        images: Some(2000),
        family: Some(Family::V8_4),
        ..traced(&dir)
    };
    let v = your_run(&config, &plan);
    let sentence = v.verdict.expect("a sentence");
    assert!(
        sentence.starts_with("Your results.csv reads as 14 train images (from its warmup, by Ultralytics 8.0's rule), not the 2,000 typed"),
        "{sentence}"
    );
    assert!(!sentence.contains(LOAD_ARGS.trim()), "{sentence}");
    assert!(
        sentence.contains("matches Stride's schedule at that size"),
        "{sentence}"
    );
    let labels: Vec<&str> = v.groups.iter().map(|g| g.label.as_str()).collect();
    assert!(labels.contains(&"lr/pg0 (biases)"), "{labels:?}");
    // The plan itself is drawn by the version picked for it.
    assert_eq!(v.family, Family::V8_4);
}

/// A results.csv that parts from a loaded args.yaml's schedule does not ask for the args.yaml
/// (a YOLO user was told to "load the run's args.yaml too" with it loaded); without one, it
/// does.
#[test]
fn a_file_that_parts_from_a_loaded_args_yaml_does_not_ask_for_it() {
    use stride::state::io::results::LOAD_ARGS;
    let (Some(a), Some(b)) = (
        crate::common::shared_run("8.4.190/a_sgd_linear"),
        crate::common::shared_run("8.4.190/d_sgd_nbs16"),
    ) else {
        return;
    };
    // Run d's file, typed at its own size, beside run a's settings.
    let config = args_of(&a);
    let other = traced(&b);
    let loaded = YourRun {
        args: Some(Rc::new(config.clone())),
        ..other.clone()
    };
    let without = your_run(&config, &other).verdict.expect("a sentence");
    assert!(without.contains(LOAD_ARGS.trim()), "{without}");
    let with = your_run(&config, &loaded).verdict.expect("a sentence");
    assert!(
        with.contains("first differs") && !with.contains(LOAD_ARGS.trim()),
        "{with}"
    );
}
