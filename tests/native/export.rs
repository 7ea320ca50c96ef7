//! Taking settings home and bringing a run in: the generated Python parses and carries every
//! setting that differs from Ultralytics' defaults, JSON and CSV round-trip, an args.yaml sets
//! the controls it shares, and a malformed file changes nothing.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

use stride::engine::run::LossScale;
use stride::state::io::export::{
    from_json, pytorch_code, run_csv, to_json, ultralytics_args, ultralytics_code,
};
use stride::state::io::import::{Imported, mismatch, read, read_args, read_rates};
use stride::state::plan;
use stride::state::{Config, DecayKind, OptKind, Preset, Task};

/// Between programs given to [`python_compiles`] at once.
const SPLIT: &str = "\n#--stride-split--\n";

/// Whether CPython compiles every program in `code` (split at [`SPLIT`]; ast.parse, then
/// compile): the test machine's python3, started once.
fn python_compiles(code: &str) -> Result<(), String> {
    let mut child = Command::new("python3")
        .args([
            "-c",
            "import ast, sys\nfor k, src in enumerate(sys.stdin.read().split('\\n#--stride-split--\\n')):\n    try:\n        compile(ast.parse(src), 'stride', 'exec')\n    except SyntaxError as e:\n        sys.exit(f'program {k}: {e}')",
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("python3 is needed for this test: {e}"))?;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(code.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Settings that exercise every branch of the exporters.
fn variety() -> Vec<Config> {
    let mut all: Vec<Config> = Preset::ALL.iter().map(|p| p.config()).collect();
    for decay in DecayKind::ALL {
        for optimizer in OptKind::ALL {
            all.push(Config {
                decay,
                optimizer,
                task: Task::Digits,
                lr0: 0.02,
                momentum: 0.9,
                nesterov: decay == DecayKind::Cosine,
                clip: optimizer == OptKind::Adam,
                loss_scale: if decay == DecayKind::Step {
                    LossScale::Batch
                } else {
                    LossScale::Mean
                },
                warmup_epochs: 2.5,
                weight_decay: 1e-5,
                ..Config::default()
            });
        }
    }
    all
}

#[test]
fn the_generated_python_compiles_for_every_kind_of_setting() {
    let programs: Vec<String> = variety()
        .iter()
        .flat_map(|c| [ultralytics_code(c), pytorch_code(c)])
        .collect();
    if let Err(e) = python_compiles(&programs.join(SPLIT)) {
        let k: usize = e
            .trim_start_matches("program ")
            .split(':')
            .next()
            .and_then(|k| k.parse().ok())
            .unwrap_or(0);
        panic!("{e}\n{}", programs.get(k).map_or("", String::as_str));
    }
    // The check itself can fail: a stray bracket does not compile.
    assert!(python_compiles("model.train(lr0=0.1").is_err());
}

#[test]
fn ultralytics_code_carries_every_non_default_setting_and_only_those() {
    let c = Preset::Warmup.config();
    let code = ultralytics_code(&c);
    let args = ultralytics_args(&c);
    // lr0 0.3, epochs 10, SGD, momentum 0.9, warmup_epochs 5, nbs 16: all differ from
    // Ultralytics' defaults; lrf 0.01 and warmup_bias_lr 0.1 do not.
    for (k, v) in [
        ("lr0", "0.3"),
        ("epochs", "10"),
        ("optimizer", "\"SGD\""),
        ("momentum", "0.9"),
        ("warmup_epochs", "5.0"),
        ("nbs", "16"),
        ("weight_decay", "0.0"),
    ] {
        assert!(args.contains(&(k, v.to_string())), "{k}={v} in {args:?}");
        assert!(code.contains(&format!("{k}={v}")), "{k}={v} in\n{code}");
        let cli = format!(" {k}={}", v.trim_matches('"'));
        assert!(code.contains(&cli), "{cli} on the command line in\n{code}");
    }
    for k in ["lrf=", "warmup_bias_lr=", "cos_lr=", "batch="] {
        assert!(!code.contains(k), "{k} is Ultralytics' default:\n{code}");
    }
    // A rate found on a toy task is said to be one, before it reaches a YOLO command (a YOLO
    // user copied lr0=0.00221 from the line into one), and the placeholders are named.
    assert!(
        code.contains(
            "# Note: lr0=0.3, as set on this page, trained Stride's small digits model, not yours"
        ),
        "{code}"
    );
    assert!(code.contains("placeholders: put your own"), "{code}");
    // Ultralytics' defaults themselves need no argument at all.
    let defaults = Preset::UltralyticsDefaults.config();
    let args = ultralytics_args(&defaults);
    assert!(args.is_empty(), "{args:?}");
    assert!(ultralytics_code(&defaults).contains("model.train(data=\"coco8.yaml\")\n"));
    assert!(!ultralytics_code(&defaults).contains("trained Stride's small"));
    // Left out as the default, auto still sets lr0 aside, and the code says so where the page
    // did (a YOLO user, told auto had set their lr0 aside, copied a call that kept it); a
    // named optimizer raises no such note.
    let auto = "optimizer is left at auto, Ultralytics' default, which sets lr0=0.01 and momentum=0.937 aside";
    assert!(
        ultralytics_code(&defaults).contains(auto),
        "{}",
        ultralytics_code(&defaults)
    );
    assert!(!code.contains("optimizer is left at auto"), "{code}");
}

#[test]
fn pytorch_code_reproduces_the_schedule_it_names() {
    let c = Preset::CosineVsLinear.config();
    let code = pytorch_code(&c);
    assert!(code.contains("torch.optim.SGD(groups, lr=lr0, momentum=0.9, nesterov=False)"));
    assert!(code.contains("math.cos(e * math.pi / epochs)"), "{code}");
    assert!(code.contains("we = min(3.0, max(epochs - 1, 0))"), "{code}");
    assert!(code.contains("epochs, batch, nbs = 30, 16, 16"), "{code}");
    let auto = pytorch_code(&Preset::UltralyticsDefaults.config());
    assert!(auto.contains("torch.optim.AdamW(groups, lr=lr0, betas=(0.9, 0.999))"));
    assert!(
        auto.contains("lr0 = 0.001667"),
        "auto's rate, not 0.01:\n{auto}"
    );
    assert!(auto.contains("* x.shape[0]"), "the loss × batch");
    assert!(auto.contains("clip_grad_norm_(model.parameters(), max_norm=10.0)"));
    assert!(
        auto.contains("start = 0.0 if g.get(\"bias\")"),
        "warmup_bias_lr forced to 0"
    );
}

#[test]
fn settings_round_trip_through_json() {
    for c in variety() {
        let json = to_json(&c);
        let (back, notices) = from_json(&json).expect("its own JSON");
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(back, c, "{json}");
    }
    assert!(from_json("[1, 2]").is_err());
    assert!(from_json("{\"lr0\": ").is_err());
    let (c, notices) = from_json("{\"lr0\": 99, \"optimizer\": \"Adam\"}").expect("an object");
    assert_eq!(
        (c.lr0, c.optimizer),
        (10.0, OptKind::Adam),
        "clamped, as the URL does"
    );
    assert_eq!(notices.len(), 1);
}

#[test]
fn the_run_csv_round_trips_its_rates() {
    let c = Preset::Warmup.config();
    let mut run = plan::run(&c, None);
    run.advance(usize::MAX);
    let csv = run_csv(&run, 0.9);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows.len(),
        run.total_iterations() + 1,
        "a header and a row per iteration"
    );
    assert!(rows[0].starts_with(
        "epoch,iteration,lr_weights,lr_biases,momentum,weight_decay,accumulate,step,loss"
    ));
    let Imported::Rates(rates) = read(&csv, &c).expect("its own CSV") else {
        panic!("rates")
    };
    let records = run.records_upto(run.total_iterations());
    assert_eq!(rates.weights.len(), records.len());
    for ((ni, w), r) in rates.weights.iter().zip(records) {
        assert_eq!(*w, r.lr_weight, "iteration {ni}");
    }
    for ((_, b), r) in rates.biases.iter().zip(records) {
        assert_eq!(*b, r.lr_bias);
    }
    assert_eq!(mismatch(&rates, &c), None, "its own schedule agrees");
    // Validation at each epoch's last row only.
    let nb = c.batches_per_epoch();
    let val_rows = rows[1..].iter().filter(|r| !r.ends_with(",,")).count();
    assert_eq!(val_rows, c.epochs, "{nb} rows an epoch");
}

/// The head of a real Ultralytics 8.4 args.yaml (its keys; values changed).
const ARGS_YAML: &str = "task: detect
mode: train
model: yolo11n.pt
data: coco8.yaml
epochs: 40
time: null
patience: 100
batch: 32
imgsz: 640
optimizer: AdamW
cos_lr: true
lr0: 0.002
lrf: 0.05
momentum: 0.9
weight_decay: 0.0005
warmup_epochs: 2.0
warmup_momentum: 0.8
warmup_bias_lr: 0.0
nbs: 64
mosaic: 1.0
";

#[test]
fn an_args_yaml_sets_the_controls_it_shares_and_lists_the_rest() {
    let (c, notices) = read_args(ARGS_YAML, &Config::default()).expect("args.yaml");
    assert_eq!(c.epochs, 40);
    assert_eq!(c.batch, 32);
    assert_eq!(c.optimizer, OptKind::AdamW);
    assert_eq!(c.decay, DecayKind::Cosine);
    assert_eq!((c.lr0, c.lrf, c.momentum), (0.002, 0.05, 0.9));
    assert_eq!((c.warmup_epochs, c.warmup_bias_lr), (2.0, 0.0));
    assert_eq!(c.weight_decay, 0.0005);
    let summary = notices.last().expect("a summary");
    // It says first, and alone, which run the page's advice is for: its own task's, not the
    // YOLO run's; what was read is folded under it, as the whole filled a phone's screen.
    let head = &summary.message;
    assert!(
        head.contains(&format!(
            "now train this page's toy task, {}, not your model",
            c.task.label()
        )) && head.contains("its verdict and rates are the toy's")
            && head.contains("Your own run is in the Your run panel"),
        "{head}"
    );
    // At 45 words it still took 60 % of a phone's first screen.
    assert!(head.split_whitespace().count() <= 36, "{head}");
    // Its button goes to the panel it names.
    assert_eq!(
        summary.to.map(|t| t.0),
        Some(stride::state::io::import::YOUR_RUN_PANEL)
    );
    let detail = &summary.detail;
    assert!(
        detail.contains("Taken from args.yaml: lr0, lrf, epochs, batch") && !head.contains("lr0"),
        "{detail}"
    );
    for ignored in ["task", "model", "imgsz", "mosaic", "patience"] {
        assert!(detail.contains(ignored), "{ignored} in {detail}");
    }
    // Ultralytics' auto batch and an optimizer Stride lacks are reported, not taken.
    let (c, notices) = read_args(
        "batch: -1\noptimizer: MuSGD\nlr0: 0.1\n",
        &Config::default(),
    )
    .expect("yaml");
    assert_eq!((c.batch, c.optimizer, c.lr0), (256, OptKind::Sgd, 0.1));
    assert!(
        notices
            .iter()
            .any(|n| n.message.contains("MuSGD is not in Stride"))
    );
    assert!(
        notices
            .iter()
            .any(|n| n.message.contains("pick the batch size"))
    );
}

#[test]
fn a_results_csv_is_placed_on_stridess_iterations_and_a_mismatch_is_named() {
    let c = Config {
        task: Task::Toy(stride::engine::data::Toy::Moons),
        epochs: 5,
        batch: 16,
        decay: DecayKind::Linear,
        warmup_epochs: 1.0,
        ..Config::default()
    };
    let nb = c.batches_per_epoch();
    let plan = plan::plan(&c, nb);
    // Ultralytics pads its headers; pg0 = weights, pg2 = biases, logged at each epoch's end.
    let mut csv = String::from(
        "                  epoch,         train/box_loss,   lr/pg0,   lr/pg1,   lr/pg2\n",
    );
    for e in 1..=5 {
        let s = plan.at(e * nb - 1, nb);
        csv.push_str(&format!(
            "{e}, 1.5, {}, {}, {}\n",
            s.lr_weight, s.lr_weight, s.lr_bias
        ));
    }
    let rates = read_rates(&csv, &c).expect("results.csv");
    assert_eq!(rates.weights.len(), 5);
    assert_eq!(rates.weights[0].0, nb - 1);
    assert_eq!(mismatch(&rates, &c), None);
    let other = Config {
        lr0: 0.2,
        ..c.clone()
    };
    let m = mismatch(&rates, &other).expect("lr0 differs");
    assert!(m.contains("epoch 1") && m.contains("Check lr0"), "{m}");
    // A run logged past Stride's last iteration is pointed out too.
    let constant = Config {
        decay: DecayKind::Constant,
        warmup_epochs: 0.0,
        epochs: 3,
        ..c
    };
    let past = stride::state::io::import::Rates {
        source: "results.csv".into(),
        weights: (1..=5).map(|e| (e * nb - 1, constant.lr0)).collect(),
        biases: Vec::new(),
        rows: 5,
        results: None,
    };
    let m = mismatch(&past, &constant).expect("too short");
    assert!(
        m.contains("past Stride's") && m.contains("set epochs"),
        "{m}"
    );
}

#[test]
fn a_malformed_file_gives_a_clear_notice_and_changes_nothing() {
    let c = Config::default();
    for bad in [
        "",
        "   ",
        "lr0: [unclosed",
        "- a\n- list\n",
        "epoch,lr/pg0\n1,abc\n",
        "loss,acc\n1,2\n",
        "epoch,lr/pg0\n",
        "{not json",
    ] {
        let err = read(bad, &c).expect_err(bad);
        assert!(err.ends_with('.') && err.len() > 10, "{bad:?}: {err}");
    }
}

#[test]
fn logged_rates_stay_over_the_schedule_and_say_where_they_part() {
    use std::rc::Rc;
    use stride::state::Scene;
    use stride::state::runs::session::{Command, Session};
    use stride::state::scene::SceneCache;
    let c = Preset::Warmup.config();
    let mut s = Session::for_config(&c);
    let mut run = plan::run(&c, None);
    run.advance(usize::MAX);
    let Imported::Rates(rates) = read(&run_csv(&run, 0.9), &c).expect("CSV") else {
        panic!("rates")
    };
    s.command(Command::Logged(Some(Rc::new(rates))), &|| 0.0);
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    assert!(scene.schedule.logged.is_some());
    assert_eq!(scene.schedule.logged_note, None, "they agree");
    // Another lr0 rebuilds the runs; the logged rates stay, and now part from the schedule.
    s.sync(&Config {
        lr0: 0.1,
        warmup_epochs: 1.0,
        ..c
    });
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let note = scene.schedule.logged_note.expect("a mismatch");
    assert!(note.contains("parts from Stride's schedule"), "{note}");
    s.command(Command::Logged(None), &|| 0.0);
    assert!(
        Scene::build(&s, &mut SceneCache::default(), 0.0)
            .schedule
            .logged
            .is_none()
    );
}

/// "Remove logged rates" is offered only while a file's rates are in, logged over the schedule
/// or as a results.csv in the user's run: before any file it named rates that were nowhere.
#[test]
fn removing_logged_rates_is_offered_only_while_some_are_in() {
    use std::rc::Rc;
    use stride::state::Scene;
    use stride::state::io::results::ResultsCsv;
    use stride::state::runs::session::{Command, Session};
    use stride::state::scene::SceneCache;
    let c = Preset::Warmup.config();
    let mut s = Session::for_config(&c);
    let offered = |s: &Session| Scene::build(s, &mut SceneCache::default(), 0.0).has_logged_rates();
    assert!(!offered(&s), "offered before any file");
    let mut run = plan::run(&c, None);
    run.advance(usize::MAX);
    let Imported::Rates(rates) = read(&run_csv(&run, 0.9), &c).expect("CSV") else {
        panic!("rates")
    };
    s.command(Command::Logged(Some(Rc::new(rates))), &|| 0.0);
    assert!(offered(&s), "not offered with logged rates");
    s.command(Command::Logged(None), &|| 0.0);
    assert!(!offered(&s), "offered once they were removed");
    let csv = ResultsCsv::read("epoch,lr/pg0,lr/pg1,lr/pg2\n1,0.07,0.003,0.003\n").expect("csv");
    s.command(Command::Results(Some(Rc::new(csv))), &|| 0.0);
    assert!(offered(&s), "not offered with a results.csv");
    s.command(Command::Results(None), &|| 0.0);
    assert!(!offered(&s), "offered once the results.csv was removed");
}

/// An args.yaml is an Ultralytics run's: it brings Ultralytics' loss, the batch's sum, and says
/// so. Read with PyTorch's mean, a YOLO user's lr0 0.01 on the moons was told to become 0.178,
/// eighteen times larger, which YOLO would not survive; with the sum, the page's sweep finds
/// its best near 0.01, the user's own rate.
#[test]
fn an_args_yaml_brings_ultralytics_loss_and_its_rate_stays_in_scale() {
    use stride::state::runs::session::{Command as Do, Session};
    let moons = stride::state::parse_query("task=moons").0;
    assert_eq!(moons.loss_scale, LossScale::Mean);
    let yaml = "lr0: 0.01\nlrf: 0.01\nwarmup_epochs: 3\nepochs: 100\nbatch: 16\noptimizer: SGD\nmomentum: 0.937\nnbs: 64\n";
    let (c, notices) = read_args(yaml, &moons).expect("args.yaml");
    assert_eq!(c.loss_scale, LossScale::Batch);
    let summary = &notices.last().expect("a summary").detail;
    assert!(
        summary.contains("Loss scaling is now × batch size"),
        "{summary}"
    );
    // And its trainer's Nesterov SGD and clipping at 10 (a YOLO user's import kept both off).
    assert!(c.nesterov && c.clip, "{c:?}");
    assert!(
        summary.contains("Nesterov momentum and clipping at 10 are on"),
        "{summary}"
    );
    let best = |c: &Config| {
        let mut s = Session::for_config(c);
        s.command(Do::Sweep, &|| 0.0);
        let sweep = s.sweep.as_mut().expect("a sweep");
        sweep.work(f64::INFINITY, &|| 0.0);
        sweep
            .points
            .iter()
            .flatten()
            .filter(|p| !p.diverged)
            .filter_map(|p| p.loss.map(|l| (l, p.lr0)))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .expect("a run that learns")
            .1
    };
    let summed = best(&c);
    let meaned = best(&Config {
        loss_scale: LossScale::Mean,
        ..c.clone()
    });
    // Within a factor of 6 of the user's 0.01 (clipped, a little larger rates still train; with
    // the keys the file leaves out at Ultralytics' defaults, the best is at 0.0562).
    assert!(
        (0.002..=0.06).contains(&summed),
        "with Ultralytics' loss the sweep's best is {summed}, not near 0.01"
    );
    assert!(
        meaned > 5.0 * summed,
        "the mean loss wants larger rates: {meaned} against {summed}"
    );
}

/// Copied as Ultralytics code from a run without Nesterov, the code says that YOLO's SGD is
/// Nesterov, which lowers the limit, and how to try the rate that way: a YOLO user exported a
/// rate to try found without it, above the limit Nesterov gives. The slider's limit is lower
/// with it, as the comment says.
#[test]
fn ultralytics_code_from_a_run_without_nesterov_says_the_limit_is_lower_with_it() {
    let config = Config {
        nesterov: false,
        ..crate::common::yolo_line(0.00636, 0.01)
    };
    let code = ultralytics_code(&config);
    assert!(
        code.contains("which lowers the stable limit: set nesterov=1 in Stride"),
        "{code}"
    );
    let limit = |c: &Config| {
        let s = crate::common::finished(c);
        crate::common::slider_limit(&stride::state::Scene::build(
            &s,
            &mut stride::state::scene::SceneCache::default(),
            0.0,
        ))
    };
    let with = Config {
        nesterov: true,
        ..config.clone()
    };
    assert!(limit(&with) < limit(&config));
    assert!(!ultralytics_code(&with).contains("set nesterov=1"));
}

/// An args.yaml that leaves keys out trains them at Ultralytics' defaults, as Ultralytics
/// would, not at the page's teaching defaults, and says which (a YOLO user pasted a short one and
/// met their run trained "to your momentum 0"); one without `cos_lr` decays in a straight line.
#[test]
fn an_args_yaml_without_some_keys_takes_ultralytics_defaults_for_them() {
    let page = Config {
        decay: stride::state::DecayKind::Cosine,
        ..Config::default()
    };
    assert_eq!((page.momentum, page.weight_decay), (0.0, 0.0));
    let (c, notices) = read_args("lr0: 0.02\nepochs: 5\n", &page).expect("args.yaml");
    assert_eq!(c.lr0, 0.02);
    assert_eq!(c.epochs, 5);
    assert_eq!(c.momentum, 0.937);
    assert_eq!(c.weight_decay, 0.0005);
    assert_eq!(c.warmup_momentum, 0.8);
    assert_eq!(c.warmup_bias_lr, 0.1);
    assert_eq!((c.nbs, c.batch), (64, 16));
    assert_eq!(c.optimizer, stride::state::OptKind::Auto);
    assert_eq!(c.decay, stride::state::DecayKind::Linear);
    let summary = &notices.last().expect("a summary").detail;
    assert!(
        summary.contains("Not in the file, so Ultralytics' defaults: lrf 0.01, batch 16,")
            && summary.contains("momentum 0.937, weight_decay 0.0005, nbs 64.")
            && !summary.contains("lr0 0.01"),
        "{summary}"
    );
    // A complete file says nothing of the kind.
    let full = "lr0: 0.01\nlrf: 0.01\nepochs: 100\nbatch: 16\nwarmup_epochs: 3.0\nwarmup_momentum: 0.8\nwarmup_bias_lr: 0.1\noptimizer: auto\nmomentum: 0.937\nweight_decay: 0.0005\nnbs: 64\ncos_lr: false\n";
    let (_, notices) = read_args(full, &page).expect("args.yaml");
    assert!(
        !notices
            .iter()
            .any(|n| n.message.contains("Not in the file"))
    );
}
