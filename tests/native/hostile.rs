//! Hostile files through the import path, each built here and not stored: every one gives a
//! clear notice, changes no setting, and is refused after bounded work (bytes, rows, events,
//! aliases and keys counted, not wall-clock). And charts given infinite or NaN ranges draw.

use stride::state::io::import::{
    DRAWN_ROWS, Imported, Kind, MAX_CSV_ROWS, MAX_JSON_KEYS, MAX_YAML_DEPTH, Work, check_file,
    read, read_file,
};
use stride::state::{Action, Config, to_query};

/// Reads `text` as a file called `name`, which must be refused with a sentence that says why;
/// returns the sentence and the work done.
fn refused(text: &str, name: Option<&str>) -> (String, Work) {
    let current = Config::default();
    let mut work = Work::default();
    let got = read_file(text, name, &current, &mut work);
    let Err(why) = got else {
        panic!("{name:?} ({} bytes) was taken: {got:?}", text.len());
    };
    assert!(
        why.len() > 20 && why.ends_with('.'),
        "not a sentence: {why}"
    );
    (why, work)
}

/// The settings a file gives, applied as the page applies them.
fn loaded(text: &str, name: Option<&str>) -> (Config, Vec<String>) {
    let current = Config::default();
    match read_file(text, name, &current, &mut Work::default()) {
        Ok(Imported::Settings(c, notices) | Imported::Args(c, notices)) => (
            current.apply(Action::Load(Box::new(c))),
            notices
                .into_iter()
                .map(|n| format!("{} {}", n.message, n.detail).trim_end().to_string())
                .collect(),
        ),
        other => panic!("not settings: {other:?}"),
    }
}

#[test]
fn a_rate_of_1_7e308_is_refused_naming_its_row() {
    let csv = "epoch,lr/pg0\n1,1.7e308\n2,0.01\n";
    let (why, work) = refused(csv, Some("results.csv"));
    assert!(why.contains("Row 2") && why.contains("1.7e308"), "{why}");
    assert_eq!(work.rows, 1, "stops at the first bad row");
    for bad in ["inf", "NaN", "-0.5", "1000"] {
        let (why, _) = refused(&format!("epoch,lr/pg0\n1,0.01\n2,{bad}\n"), None);
        assert!(why.contains("Row 3") && why.contains(bad), "{why}");
    }
    let (why, _) = refused("epoch,lr/pg0\n1e300,0.01\n", None);
    assert!(why.contains("Row 2") && why.contains("epoch"), "{why}");
}

/// "Billion laughs": nine levels, each a list of nine aliases of the one before: 9⁹ values
/// if expanded.
fn billion_laughs() -> String {
    let mut yaml = format!("a: &a [{}]\n", ["\"lol\""; 9].join(","));
    for (prev, name) in ('a'..='i').zip('b'..='j') {
        yaml += &format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        );
    }
    yaml
}

#[test]
fn yaml_aliases_are_refused_at_the_first_one() {
    let yaml = billion_laughs();
    assert_eq!(yaml.matches('*').count(), 81, "9 levels of 9 aliases");
    let (why, work) = refused(&yaml, Some("args.yaml"));
    assert!(why.contains("alias") && why.contains("Line 2"), "{why}");
    assert_eq!(work.aliases, 1);
    assert!(work.events < 30, "{} events scanned", work.events);
}

#[test]
fn yaml_nested_10000_deep_is_refused_after_a_few_levels() {
    let block = "- ".repeat(10_000) + "x\n";
    let flow = "[".repeat(10_000) + &"]".repeat(10_000);
    let mapping = "{a: ".repeat(10_000) + "1" + &"}".repeat(10_000);
    for deep in [block, flow, mapping] {
        let (why, work) = refused(&deep, Some("args.yaml"));
        // Deep flow YAML meets the scanner's own limit first, as clearly.
        assert!(
            why.contains("levels deep") || why.contains("recursion limit"),
            "{why}"
        );
        // A mapping adds a key's event per level.
        assert!(
            work.events <= 2 * MAX_YAML_DEPTH + 4,
            "{} events",
            work.events
        );
        assert!(work.bytes < 200, "{} bytes scanned", work.bytes);
    }
}

#[test]
fn deep_json_is_refused_by_its_parser() {
    let deep = "{\"a\":".repeat(10_000) + "1" + &"}".repeat(10_000);
    let (why, work) = refused(&deep, Some("settings.json"));
    assert!(why.contains("not a JSON object"), "{why}");
    assert_eq!(
        work.keys, 1,
        "one top-level key before the nesting stops it"
    );
}

#[test]
fn files_past_their_size_are_refused_before_reading() {
    let mut yaml = String::from("lr0: 0.01\n");
    while yaml.len() < 50 << 20 {
        yaml += "# padding padding padding padding padding padding padding padding\n";
    }
    let (why, work) = refused(&yaml, Some("args.yaml"));
    assert!(why.contains("64 KB") && why.contains("50.0 MB"), "{why}");
    assert_eq!(work, Work::default(), "nothing examined");
    // The page asks with the file's size before it reads its text.
    assert!(check_file("args.yaml", (50 << 20) as f64).is_err());
    assert!(check_file("args.yaml", 3000.0).is_ok());

    let mut csv = String::from("epoch,lr/pg0\n");
    for k in 1..=1_000_000 {
        csv += &format!("{k},0.01\n");
    }
    let (why, work) = refused(&csv, Some("results.csv"));
    assert!(why.contains("1.0 MB"), "{why}");
    assert_eq!(work, Work::default());

    let keys: Vec<String> = (0..100_000).map(|k| format!("\"k{k}\": 0")).collect();
    let json = format!("{{{}}}", keys.join(","));
    let (why, work) = refused(&json, None);
    assert!(why.contains("64 KB"), "{why}");
    assert_eq!(work, Work::default());
}

#[test]
fn a_csv_stops_at_its_row_limit_and_long_ones_are_thinned() {
    let rows = |n: usize| {
        let mut csv = String::from("epoch,lr/pg0\n");
        for k in 1..=n {
            csv += &format!("{k},0.01\n");
        }
        csv
    };
    let (why, work) = refused(&rows(MAX_CSV_ROWS + 5_000), None);
    assert!(why.contains(&MAX_CSV_ROWS.to_string()), "{why}");
    assert_eq!(
        work.rows,
        MAX_CSV_ROWS + 1,
        "reading stops at the row past the limit"
    );

    let n = 5_000;
    let Imported::Rates(r) = read(&rows(n), &Config::default()).expect("5,000 rows") else {
        panic!("rates")
    };
    assert_eq!(r.rows, n);
    assert!(r.weights.len() <= DRAWN_ROWS && r.weights.len() > DRAWN_ROWS / 2);
    let nb = Config::default().batches_per_epoch();
    assert_eq!(r.weights[0].0, nb - 1, "the first row is kept");
    assert!(r.weights.windows(2).all(|w| w[1].0 > w[0].0), "in order");
    // The status line: a results.csv goes to the Your run panel.
    assert_eq!(
        r.said(),
        "results.csv read (5000 epochs): see \"Your run (Ultralytics, full scale)\" above."
    );
    // Stride's own CSV is drawn over the schedule, one row in every `step` where it is long.
    let ours = |n: usize| {
        let rows: String = (1..=n).map(|k| format!("{k},0.01\n")).collect();
        let Imported::Rates(r) =
            read(&format!("iteration,lr_weights\n{rows}"), &Config::default()).expect("rates")
        else {
            panic!("rates")
        };
        r
    };
    let long = ours(5_000);
    assert!(long.results.is_none() && long.weights.len() < 5_000);
    let step = long.weights[1].0 - long.weights[0].0;
    assert_eq!(
        long.said(),
        format!(
            "5000 logged rates read; {} of them, one in every {step}, drawn over the schedule (crosses).",
            long.weights.len()
        )
    );
    assert_eq!(
        ours(30).said(),
        "30 logged rates drawn over the schedule (crosses)."
    );
}

#[test]
fn json_keys_are_bounded_and_unknown_ones_are_one_notice() {
    let with = |n: usize| {
        let keys: Vec<String> = (0..n).map(|k| format!("\"x{k}\":0")).collect();
        format!("{{\"lr0\": 0.05, {}}}", keys.join(","))
    };
    let (why, work) = refused(&with(5_000), None);
    assert!(why.contains(&MAX_JSON_KEYS.to_string()), "{why}");
    assert_eq!(
        work.keys,
        MAX_JSON_KEYS + 1,
        "reading stops at the key past the limit"
    );

    let (c, notices) = loaded(&with(200), None);
    assert_eq!(c.lr0, 0.05, "the known key is taken");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].starts_with("200 unknown keys ignored: x0, x1"),
        "{notices:?}"
    );
    assert!(notices[0].ends_with(", …"), "{notices:?}");
}

#[test]
fn binary_garbage_is_not_read() {
    // xorshift64: bytes with no structure, as a corrupted or wrong file would be.
    let mut s = 0x9E37_79B9_7F4A_7C15u64;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 56) as u8
        })
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    for name in [None, Some("args.yaml"), Some("results.csv"), Some("x.json")] {
        let (why, work) = refused(&text, name);
        assert!(why.contains("not a text file"), "{why}");
        assert_eq!(work, Work::default());
    }
    let (why, _) = refused("lr0: 0.01\nlrf\0: 1\n", None);
    assert!(why.contains("binary"), "{why}");
}

#[test]
fn wrong_columns_say_which_columns_were_expected() {
    let (why, _) = refused("loss,accuracy\n1,2\n", Some("results.csv"));
    assert!(
        why.contains("`epoch`") && why.contains("`iteration`"),
        "{why}"
    );
    let (why, _) = refused("epoch,train/box_loss\n1,2\n", None);
    assert!(why.contains("`lr/pg0`"), "{why}");
}

#[test]
fn ultralytics_header_comment_does_not_make_a_yaml_a_csv() {
    let yaml = "# Ultralytics YOLO 🚀, AGPL-3.0 license\ntask: detect\nmode: train\nlr0: 0.02\nepochs: 7\n";
    assert_eq!(Kind::by_content(yaml), Some(Kind::Yaml));
    for name in [None, Some("args.yaml"), Some("args.txt")] {
        let (c, notices) = loaded(yaml, name);
        assert_eq!((c.lr0, c.epochs), (0.02, 7), "{name:?}");
        assert!(notices.iter().any(|n| n.contains("Taken from args.yaml")));
    }
    // The name and the content together: a CSV named as one, a JSON whatever its name.
    assert_eq!(Kind::of("epoch,lr/pg0\n", Some("results.csv")), Kind::Csv);
    assert_eq!(Kind::of("epoch,lr/pg0\n", None), Kind::Csv);
    assert_eq!(Kind::of("{\"lr0\": 1}", Some("settings.txt")), Kind::Json);
    assert_eq!(Kind::of("{lr0: 1}", Some("args.yaml")), Kind::Yaml);
}

#[test]
fn an_import_never_writes_page_parameters_into_the_address() {
    let json = r#"{"bench": "L3", "embed": 1, "lr0": 0.05}"#;
    let (c, notices) = loaded(json, Some("stride-settings.json"));
    let query = to_query(&c);
    assert!(query.contains("lr0=0.05"), "{query}");
    assert!(
        !query.contains("bench") && !query.contains("embed"),
        "{query}"
    );
    assert!(
        notices
            .iter()
            .any(|n| n.contains("page settings ignored: bench, embed")),
        "{notices:?}"
    );
}

mod charts {
    use std::sync::mpsc;
    use std::time::Duration;

    use plotters::prelude::*;
    use stride::charts::boundary::{self, Boundary};
    use stride::charts::finder::{self, FinderScene};
    use stride::charts::grad::{self, GradChart, GradSeries};
    use stride::charts::landscape::{self, Backdrop, PathLayer};
    use stride::charts::loss::{self, LossChart, Series};
    use stride::charts::schedule::{self, ScheduleScene};
    use stride::charts::sweep::{self, SweepScene};
    use stride::charts::{LIGHT, finite_log_range, finite_range, palette};
    use stride::engine::plane::{Axis, Grid};
    use stride::engine::sweep::SweepPoint;
    use stride::state::{Config, plan};

    const BAD: [f64; 6] = [
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        1.7e308,
        -1.7e308,
        0.0,
    ];

    #[test]
    fn the_axis_guard_always_gives_a_drawable_range() {
        let values = BAD.iter().copied().chain([1e-300, 1.0, 5.0, -3.0]);
        for lo in values.clone() {
            for hi in values.clone() {
                let (l, h) = finite_range(lo, hi);
                assert!(
                    l.is_finite() && h.is_finite() && h > l,
                    "{lo}..{hi} → {l}..{h}"
                );
                let (l, h) = finite_log_range(lo, hi);
                assert!(
                    l > 0.0 && h.is_finite() && h > l,
                    "log {lo}..{hi} → {l}..{h}"
                );
            }
        }
        assert_eq!(finite_range(0.5, 2.0), (0.5, 2.0), "a good range is kept");
    }

    /// Draws into an SVG on another thread; a hang (plotters on an infinite range) fails the
    /// test instead of stopping the suite.
    fn draws(name: &str, f: impl FnOnce(&mut String) + Send + 'static) {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut svg = String::new();
            f(&mut svg);
            let _ = tx.send(svg);
        });
        let svg = match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(svg) => svg,
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name} did not return"),
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{name} panicked"),
        };
        assert!(
            svg.contains("<svg") && svg.contains("</svg>"),
            "{name}: {svg}"
        );
    }

    #[test]
    fn every_chart_draws_with_infinite_or_nan_values() {
        let c = Config::default();
        let points = plan::preview(&c).points;
        draws("schedule", move |svg| {
            for log_y in [false, true] {
                let logged = [(0, 1.7e308), (1, f64::INFINITY), (2, f64::NAN), (3, 0.01)];
                let scene = ScheduleScene {
                    settings: &points,
                    total: 100,
                    warmup: 3,
                    references: &[],
                    cursor: Some(1),
                    log_y,
                    logged: &logged,
                    groups: &[],
                    per_epoch: None,
                };
                let area = SVGBackend::with_string(svg, (400, 300)).into_drawing_area();
                schedule::draw(&area, &scene, &LIGHT).expect("draws");
            }
        });
        draws("loss", |svg| {
            for log_y in [false, true] {
                let scene = LossChart {
                    series: vec![Series {
                        label: "x".into(),
                        color: palette::BLUE,
                        raw: vec![f32::MAX, f32::INFINITY, f32::NAN, 1.0],
                        stride: 1,
                        spread: Vec::new(),
                        val: vec![(0, 1.7e308), (1, f64::NAN)],
                        diverged_at: None,
                        ghost: false,
                        smooth: Some(vec![1.7e308, f64::INFINITY, f64::NAN, 1.0]),
                        per_epoch: 1,
                        start: None,
                    }],
                    steps: 4,
                    epochs: false,
                    floor: Some(f64::NEG_INFINITY),
                    start: None,
                    cursor: None,
                };
                let area = SVGBackend::with_string(svg, (400, 300)).into_drawing_area();
                loss::draw(&area, &scene, log_y, &LIGHT).expect("draws");
            }
        });
        draws("sweep", |svg| {
            let points = [SweepPoint {
                lr0: 1.0,
                loss: Some(1.7e308),
                accuracy: Some(f64::NAN),
                diverged: false,
            }];
            let scene = SweepScene {
                points: &points,
                lr0: f64::NAN,
                limit: Some(f64::INFINITY),
                accuracy: true,
                range: (f64::NAN, f64::INFINITY),
            };
            let area = SVGBackend::with_string(svg, (400, 300)).into_drawing_area();
            sweep::draw(&area, &scene, &LIGHT).expect("draws");
        });
        draws("boundary", |svg| {
            let scene = Boundary {
                side: 2,
                extent: (f64::INFINITY, f64::NAN),
                prob: vec![0.5; 4],
                points: vec![0.0, 0.0],
                labels: vec![1],
            };
            let area = SVGBackend::with_string(svg, (300, 300)).into_drawing_area();
            boundary::draw(&area, &scene, &LIGHT).expect("draws");
        });
        draws("finder", |svg| {
            let scene = FinderScene {
                curve: vec![(1e-300, 1.0), (1.7e308, 1.7e308), (f64::INFINITY, 2.0)],
                suggestions: &[("valley", f64::NAN)],
                lr0: f64::INFINITY,
                read: (1, 99),
            };
            let area = SVGBackend::with_string(svg, (400, 300)).into_drawing_area();
            finder::draw(&area, &scene, &LIGHT).expect("draws");
        });
        draws("grad", |svg| {
            let scene = GradChart {
                series: vec![GradSeries {
                    label: "x".into(),
                    color: palette::BLUE,
                    norms: vec![f32::MAX, f32::INFINITY, 1e-38],
                    stride: 1,
                    clip: Some(f64::NAN),
                }],
                steps: 3,
            };
            let area = SVGBackend::with_string(svg, (400, 300)).into_drawing_area();
            grad::draw(&area, &scene, &LIGHT).expect("draws");
        });
        draws("landscape", |svg| {
            let axis = |min, max| Axis { min, max, len: 2 };
            let grid = Grid {
                x: axis(f64::NAN, f64::INFINITY),
                y: axis(-1.7e308, 1.7e308),
                values: vec![1.0, 1.7e308, f64::INFINITY, f64::NAN],
            };
            let backdrop = Backdrop::new(grid, f64::NEG_INFINITY, 8, ("a", "b"));
            let area = SVGBackend::with_string(svg, (400, 300)).into_drawing_area();
            let layer = PathLayer {
                path: vec![
                    (0.0, 0.0),
                    (1e300, f64::NAN),
                    (f64::INFINITY, 1.0),
                    (1e200, 1e200),
                ],
                color: palette::ORANGE,
                ghost: false,
            };
            let minimum = Some((1.7e308, 0.0));
            landscape::draw(&area, &backdrop, &[layer], minimum, Some(3), &LIGHT).expect("draws");
        });
    }
}

#[test]
fn the_readme_states_the_import_limits() {
    use stride::state::io::import::{
        MAX_CSV_BYTES, MAX_JSON_BYTES, MAX_LOGGED_RATE, MAX_YAML_ALIASES, MAX_YAML_BYTES,
    };
    let readme = include_str!("../../README.md");
    let section = &readme[readme.find("**Imports.**").expect("an Imports paragraph")..];
    let section = &section[..section.find("## ").unwrap_or(section.len())];
    use stride::state::io::fullscale::thousands;
    assert_eq!(MAX_YAML_ALIASES, 0, "the README says aliases are refused");
    for stated in [
        format!("| {} KB |", MAX_YAML_BYTES / 1024),
        format!("| {} MB |", MAX_CSV_BYTES >> 20),
        format!("| {} KB |", MAX_JSON_BYTES / 1024),
        format!("at most {} rows", thousands(MAX_CSV_ROWS)),
        format!("more than {} rows", thousands(DRAWN_ROWS)),
        format!("at most {} keys", MAX_JSON_KEYS),
        format!("nested at most {MAX_YAML_DEPTH} deep"),
        format!("rates from 0 to {MAX_LOGGED_RATE}"),
    ] {
        assert!(
            section.contains(&stated),
            "the README does not say {stated:?}"
        );
    }
}

/// An empty file is refused as empty; an empty paste box says it is the box, and how a file
/// loads, not that a file was refused (a YOLO user pressed Load after a chosen args.yaml had
/// loaded, and read "The file is empty" as that file refused).
#[test]
fn an_empty_paste_box_says_it_is_the_box() {
    let (file, _) = refused("  \n", Some("args.yaml"));
    assert_eq!(file, "The file is empty: there is nothing in it to load.");
    let (pasted, _) = refused("", None);
    assert!(
        pasted.starts_with("The paste box is empty") && pasted.contains("loads by itself"),
        "{pasted}"
    );
}
