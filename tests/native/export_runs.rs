//! Every "Copy as PyTorch" program run, for a table of settings, on the stand-in for `torch` in
//! `tests/standin/` (CPython only): each minibatch's lr and momentum per group, whether the
//! optimizer stepped, and each group's parameters and decay, compared with the page's own plan.
//! The stand-in raises where PyTorch would warn that `lr_scheduler.step()` came first.

use std::process::Command;

use serde_json::Value;
use stride::engine::data::Toy;
use stride::engine::schedule::LrPlan;
use stride::state::io::export::pytorch_code;
use stride::state::plan;
use stride::state::settings::config::{DecayKind, OptKind};
use stride::state::{Config, Task};

/// What the program set at each minibatch, as the stand-in logged it.
fn run_program(c: &Config, nb: usize, name: &str) -> Vec<Value> {
    let dir = std::env::temp_dir().join(format!("stride-export-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let file = dir.join("export.py");
    std::fs::write(&file, pytorch_code(c)).expect("the program written");
    let runner = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/standin/run_export.py");
    let out = Command::new("python3")
        .arg(runner)
        .arg(&file)
        .arg(nb.to_string())
        .output()
        .expect("python3 is needed for this test");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{name}: the program failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        pytorch_code(c)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn settings() -> Vec<(&'static str, Config)> {
    let base = Config {
        task: Task::Toy(Toy::Moons),
        optimizer: OptKind::Sgd,
        decay: DecayKind::Linear,
        epochs: 4,
        batch: 16,
        nbs: 64,
        warmup_epochs: 1.5,
        weight_decay: 5e-4,
        ..Config::default()
    };
    vec![
        ("sgd_linear_accumulate", base.clone()),
        (
            "onecycle_accumulate",
            Config {
                decay: DecayKind::OneCycle,
                ..base.clone()
            },
        ),
        (
            "accumulation_cap",
            Config {
                batch: 256,
                nbs: 2048,
                epochs: 3,
                ..base.clone()
            },
        ),
        (
            "cap_without_warmup",
            Config {
                batch: 256,
                nbs: 2048,
                epochs: 3,
                warmup_epochs: 0.0,
                ..base.clone()
            },
        ),
        (
            "adamw_cosine",
            Config {
                optimizer: OptKind::AdamW,
                decay: DecayKind::Cosine,
                ..base.clone()
            },
        ),
        (
            "auto",
            Config {
                optimizer: OptKind::Auto,
                ..base
            },
        ),
    ]
}

#[test]
fn every_exported_loop_sets_what_the_page_shows_and_steps_when_it_does() {
    let failed: Vec<String> = settings()
        .into_iter()
        .filter_map(|(name, c)| {
            std::panic::catch_unwind(|| check_setting(name, &c))
                .err()
                .map(|e| format!("{name}: {}", e.downcast_ref::<String>().map_or("", |s| s)))
        })
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Runs the program for `c` and checks every minibatch against the page's plan.
fn check_setting(name: &str, c: &Config) {
    {
        let nb = c.batches_per_epoch();
        let plan = plan::plan(c, nb);
        let log = run_program(c, nb, name);
        assert_eq!(log.len(), nb * c.epochs, "{name}: one record per minibatch");
        let (mut last, mut steps) = (-1i64, 0);
        for (ni, row) in log.iter().enumerate() {
            let ours = plan.at(ni, nb);
            let lr = |g: usize| row["lr"][g].as_f64().expect("an lr");
            // The biases' group comes last, whatever the number of groups before it.
            let groups = row["lr"].as_array().map_or(0, Vec::len);
            for g in 0..groups {
                let want = if g + 1 == groups {
                    ours.lr_bias
                } else {
                    ours.lr_weight
                };
                assert!(
                    (lr(g) - want).abs() <= 1e-12 + 1e-9 * want.abs(),
                    "{name} ni {ni} group {g}: program {}, page {want}",
                    lr(g)
                );
            }
            let m = row["momentum"][0].as_f64().expect("a momentum");
            assert!(
                (m - ours.momentum).abs() <= 1e-9,
                "{name} ni {ni}: momentum {m}, page {}",
                ours.momentum
            );
            // The page's rule (spec §1.3): step once ni − last step reaches accumulate.
            let page_steps = ni as i64 - last >= ours.accumulate as i64;
            assert_eq!(row["step"].as_bool(), Some(page_steps), "{name} ni {ni}");
            if page_steps {
                last = ni as i64;
                steps += 1;
            }
        }
        assert!(steps > 0, "{name}: the loop never steps");
        if c.decay == DecayKind::OneCycle {
            assert_eq!(
                steps,
                nb * c.epochs,
                "{name}: OneCycle steps every minibatch"
            );
        }
    }
}

#[test]
fn norm_weights_and_biases_are_not_decayed() {
    let (name, c) = settings().swap_remove(0);
    let nb = c.batches_per_epoch();
    let log = run_program(&c, nb, "groups");
    let wd = match plan::plan(&c, nb) {
        LrPlan::Ultralytics(u) => u.scaled_weight_decay(c.weight_decay),
        _ => c.weight_decay,
    };
    // The stand-in model: two convolution weights, BatchNorm and LayerNorm weights, three biases.
    let counts: Vec<u64> = log[0]["n"]
        .as_array()
        .expect("counts")
        .iter()
        .filter_map(Value::as_u64)
        .collect();
    assert_eq!(
        counts,
        vec![2, 2, 3],
        "{name}: weight, norm and bias groups"
    );
    let decays: Vec<f64> = log[0]["wd"]
        .as_array()
        .expect("decays")
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    assert_eq!(decays, vec![wd, 0.0, 0.0], "{name}");
}

/// The run's CSV, parsed: the header and each row's fields.
fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
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
fn each_csv_row_holds_its_labelled_iteration_with_step_decay_and_accumulate() {
    use stride::state::io::export::run_csv;
    // Over 4,096 iterations, so the records are thinned; with warmup and accumulation.
    let c = Config {
        epochs: 40,
        batch: 2,
        warmup_epochs: 10.0,
        ..settings().swap_remove(0).1
    };
    let nb = c.batches_per_epoch();
    assert!(nb * c.epochs > 4096, "{} iterations", nb * c.epochs);
    let mut run = plan::run(&c, None);
    run.advance(usize::MAX);
    assert!(run.stride() > 1);
    let plan = plan::plan(&c, nb);
    let (header, rows) = csv_rows(&run_csv(&run, 0.9));
    let col = |h: &str| header.iter().position(|x| x == h).expect(h);
    let (it, lr, wd, acc, step) = (
        col("iteration"),
        col("lr_weights"),
        col("weight_decay"),
        col("accumulate"),
        col("step"),
    );
    let mut steps = 0;
    for row in &rows {
        let ni = row[it].parse::<usize>().expect("an iteration") - 1;
        let ours = plan.at(ni, nb);
        let logged: f64 = row[lr].parse().expect("a rate");
        assert!(
            (logged - ours.lr_weight).abs() <= 1e-12 + 1e-9 * ours.lr_weight,
            "row labelled {}: {logged}, the page's schedule there {}",
            ni + 1,
            ours.lr_weight
        );
        assert_eq!(
            row[acc],
            ours.accumulate.to_string(),
            "iteration {}",
            ni + 1
        );
        assert_eq!(row[wd], run.config().weight_decay.to_string());
        steps += usize::from(row[step] == "1");
    }
    // The last row is the run's last iteration.
    assert_eq!(
        rows.last().map(|r| r[it].clone()),
        Some((nb * c.epochs).to_string())
    );
    assert!(steps > 0 && steps <= rows.len());
}
