//! The LR finder panel: one command runs fast.ai's range test on the main run's settings from
//! its starting weights, leaves the runs as they were, and suggests rates that train.
#![cfg(not(target_arch = "wasm32"))]

use crate::common::{clock, moons};
use stride::engine::stability::fmt_lr;
use stride::state::lessons::verdict::Verdict;
use stride::state::runs::session::{Command, Session};
use stride::state::scene::SceneCache;
use stride::state::{Config, Scene, Task, parse_query};

#[test]
fn the_finder_runs_on_demand_and_leaves_the_runs_alone() {
    let mut s = Session::for_config(&moons());
    assert!(
        Scene::build(&s, &mut SceneCache::default(), 0.0)
            .finder
            .is_none()
    );
    let before = s.slots[0].run.params().to_vec();
    s.command(Command::Find, &|| 0.0);
    assert_eq!(
        s.slots[0].run.params(),
        before.as_slice(),
        "the run is untouched"
    );
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let view = scene.finder.expect("a finder view");
    assert_eq!(
        view.shown(),
        view.suggestions.as_slice(),
        "a curve that falls shows its picks"
    );
    let f = &view.finder;
    // fast.ai: 1e-7 growing ×10 every 14.3 minibatches, stopped once the loss passed 4× its best.
    assert!((f.lrs[0] - 1e-7).abs() < 1e-20);
    // fast.ai's picture: flat, then falling, then up again past the lowest point.
    let lowest = f.losses.iter().copied().fold(f64::INFINITY, f64::min);
    let (first, last) = (f.losses[0], *f.losses.last().expect("losses"));
    assert!(lowest < 0.9 * first, "it falls: {first} to {lowest}");
    assert!(last > 1.5 * lowest, "it rises again: {lowest} to {last}");
    assert_eq!(view.suggestions[0].0, "valley", "fast.ai's default first");
    assert_eq!(view.suggestions.len(), 4);
    assert!(
        view.sentence.contains("is lowest near the rate"),
        "{}",
        view.sentence
    );
    // The lowest point and min/10 are told apart: one is the other divided by 10.
    let tenth = view.finder.suggestions.minimum.expect("min/10");
    assert!(
        view.sentence.contains(&format!(
            "The min/10 pick, {}, is not a second answer: it is that lowest point divided by 10",
            stride::engine::stability::fmt_lr(tenth)
        )),
        "{}",
        view.sentence
    );
    // And the lowest point it names is that one: min/10 × 10 (fast.ai's slice leaves out the
    // last 5 minibatches, where the curve may dip once more; then that dip is named as such).
    assert!(
        view.sentence.contains(&format!(
            "is lowest near the rate {}",
            stride::engine::stability::fmt_lr(10.0 * tenth)
        )),
        "{}",
        view.sentence
    );
    // It says "ends the test" only when the 4× rule did end it; here the range ran out first.
    let said = if view.finder.stopped_early {
        "blows up, which ends the test"
    } else {
        "climbs again"
    };
    assert!(view.sentence.contains(said), "{}", view.sentence);
    // A change of lr0 keeps the test (it sweeps lr0 itself); another batch does not.
    s.sync(&Config {
        lr0: 0.05,
        ..moons()
    });
    assert!(s.finder.is_some());
    s.sync(&Config {
        batch: 32,
        ..moons()
    });
    assert!(s.finder.is_none(), "stale after a change of batch");
}

#[test]
fn the_valley_suggestion_trains_where_the_slow_rate_crawled() {
    let mut s = Session::for_config(&moons());
    s.command(Command::Find, &|| 0.0);
    let valley = s
        .finder
        .as_ref()
        .and_then(|f| f.suggestions.valley)
        .expect("a valley");
    assert!((1e-3..1.0).contains(&valley), "{valley}");
    let run = |lr0: f64| {
        let mut t = Session::for_config(&Config { lr0, ..moons() });
        t.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
        let loss = t.slots[0]
            .run
            .epochs
            .last()
            .map_or(f64::NAN, |e| e.train_loss);
        (t.report(0).verdict, loss)
    };
    let (slow, slow_loss) = run(1e-4);
    let (good, good_loss) = run(valley);
    assert_eq!(slow, Verdict::Crawl);
    assert!(
        matches!(good, Verdict::Converging | Verdict::Oscillating),
        "{good:?}"
    );
    assert!(good_loss < 0.5 * slow_loss, "{good_loss} vs {slow_loss}");
}

#[test]
fn the_finder_works_on_every_task() {
    for task in Task::ALL {
        let mut s = Session::for_config(&Config {
            task,
            batch: 32,
            ..Config::default()
        });
        s.command(Command::Find, &|| 0.0);
        let f = s.finder.as_ref().expect("a range test");
        assert!(!f.lrs.is_empty(), "{}", task.name());
        assert!(
            f.suggestions.valley.is_some() || f.lrs.len() < 10,
            "{}",
            task.name()
        );
    }
}

#[test]
fn finder_1_opens_the_panel() {
    assert!(parse_query("finder=1").0.finder);
    assert!(!parse_query("").0.finder);
}

/// On the line, fast.ai's valley is a rate whose whole run crawls, and its button says so;
/// the picks a whole run trains at carry no warning, and a network's (curvature not exact)
/// none at all.
#[test]
fn a_pick_that_crawls_over_the_run_says_so() {
    let mut s = Session::for_config(&Config::default());
    s.command(Command::Find, &|| 0.0);
    let view = Scene::build(&s, &mut SceneCache::default(), 0.0)
        .finder
        .expect("a finder view");
    let (_, valley) = view.suggestions[0];
    assert!(
        view.caveat(valley).is_some(),
        "the valley {valley} crawls here"
    );
    let ran = crate::common::finished(&Config {
        lr0: valley,
        ..Config::default()
    });
    assert_eq!(
        ran.report(0).verdict,
        Verdict::Crawl,
        "and a run at it does"
    );
    let minimum = view.finder.suggestions.minimum.expect("min/10");
    assert!(view.caveat(minimum).is_none(), "min/10 {minimum} trains");
    // A suggestion off the slider cannot be set, and says so (a YOLO user pressed "steep" at
    // 7.59e-7 and found 1e-5 with nothing said): its button is disabled. The page would clamp
    // it to the slider's end.
    assert_eq!(
        view.caveat(7.59e-7).as_deref(),
        Some("below the slider's 1e-5, so not offered")
    );
    assert!(!view.settable(7.59e-7) && view.settable(minimum));
    let set = Config::default().apply(stride::state::Action::SetLr(7.59e-7));
    assert_eq!(set.lr0, 1e-5);
    // The caption says so before it calls the valley a first pick, and sends a whole run to
    // the rate map.
    let picks = view.picks();
    assert!(
        picks.starts_with(&format!(
            "Here the valley, {}, would crawl over this whole run",
            fmt_lr(valley)
        )) && picks.contains("use the rate map's rate to try"),
        "{picks}"
    );
    assert!(!picks.contains("usual first pick"), "{picks}");
    let mut net = Session::for_config(&moons());
    net.command(Command::Find, &|| 0.0);
    let view = Scene::build(&net, &mut SceneCache::default(), 0.0)
        .finder
        .expect("a finder view");
    assert!(view.crawls_below.is_none());
    assert!(view.picks().starts_with("Valley, fast.ai's default"));
}

/// The caption leads with one plain instruction, on the lowest point the folded reading names,
/// and says first where fast.ai's first pick would crawl; the four picks are explained below.
#[test]
fn the_finder_leads_with_one_plain_pick_and_folds_the_reading() {
    let numbers = |t: &str| {
        t.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'e' || c == '-'))
            .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
            .count()
    };
    for (config, crawls) in [(Config::default(), true), (moons(), false)] {
        let mut s = Session::for_config(&config);
        s.command(Command::Find, &|| 0.0);
        let view = Scene::build(&s, &mut SceneCache::default(), 0.0)
            .finder
            .expect("a finder view");
        let lead = view.lead();
        let tenth = view.finder.suggestions.minimum.expect("min/10");
        let lowest = fmt_lr(10.0 * tenth);
        assert!(
            lead.starts_with(&format!(
                "The finder's pick: lr0 near {}, a tenth of {lowest}, the rate where the curve is lowest in the stretch fast.ai reads (not its faded ends): the loss lags",
                fmt_lr(tenth)
            )),
            "{lead}"
        );
        // The pick trains over a whole run, and ends lower than a run at the lowest point.
        let run = |lr0: f64| {
            crate::common::finished(&Config {
                lr0,
                ..config.clone()
            })
        };
        let (pick, at_lowest) = (run(tenth), run(10.0 * tenth));
        let end = |s: &Session| s.ends()[0].1;
        assert_ne!(pick.report(0).verdict, Verdict::Diverging, "{tenth}");
        assert!(
            end(&at_lowest) > end(&pick),
            "{tenth}: {}; {lowest}: {}",
            end(&pick),
            end(&at_lowest)
        );
        // The same point the folded reading calls lowest.
        assert!(
            view.sentence
                .contains(&format!("is lowest near the rate {lowest}")),
            "{}",
            view.sentence
        );
        // Where the lowest point lies past the slider's stable limit (the line's), the lead
        // names that limit: a teacher met "limit 0.498" on the slider and "lowest at 1.91"
        // here, and asked which was right. On a network the slider may mark another line.
        let limit = stride::state::scene::marks(&s.config, s.curvature)
            .iter()
            .find(|m| m.class == "critical")
            .map(|m| m.value)
            .filter(|_| config.task.exact_landscape());
        let past = limit.filter(|&l| 10.0 * tenth > l);
        assert_eq!(config.task.exact_landscape(), past.is_some(), "{lead}");
        if let Some(l) = past {
            assert!(
                lead.contains(&format!(
                    "at the lowest point itself, above the slider's limit mark {}, a whole run would overshoot",
                    fmt_lr(l)
                )),
                "{lead}"
            );
        }
        // Two rates, the limit they are read against, and the valley's where it would crawl.
        assert!(
            numbers(&lead.replace("lr0", ""))
                <= 2 + usize::from(crawls) + usize::from(past.is_some()),
            "{lead}"
        );
        assert!(
            !lead.contains("minimum/10") && !lead.contains("steep"),
            "{lead}"
        );
        let valley = fmt_lr(view.suggestions[0].1);
        assert_eq!(
            lead.contains(&format!("valley {valley}, would crawl over a whole run")),
            crawls,
            "{lead}"
        );
        // One rate on the chart until the picks are unfolded: the lead's, which its first button
        // sets (a student met one pick in words beside four lines and four buttons).
        assert_eq!(view.pick(), Some(tenth));
        assert_eq!(
            view.drawn(false),
            vec![(stride::state::scene::FINDER_PICK, tenth)]
        );
        assert!(lead.contains(&format!("lr0 near {}", fmt_lr(tenth))));
        let all = view.drawn(true);
        assert_eq!(all, view.suggestions, "unfolded, fast.ai's four picks");
        assert_eq!(all.len(), 4);
    }
}

/// fast.ai's steep pick past the lowest point is a dip in the loss's climb as it blows up: its
/// name, the curve's sentence and the rate map's note say so (a student met "steep 1.58: where
/// the loss fell fastest" on a line drawn where the curve rises). Before the lowest point it
/// keeps its plain name.
#[test]
fn a_steep_pick_past_the_lowest_point_says_so() {
    let finder = |q: &str| {
        let mut s = Session::for_config(&parse_query(q).0);
        s.command(Command::Find, &|| 0.0);
        let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
        (scene.finder.expect("a finder view"), scene.rate_map)
    };
    let (past, map) = finder("preset=step-decay&predict=0");
    let f = past.finder.suggestions;
    let (steep, tenth) = (f.steep.expect("steep"), f.minimum.expect("min/10"));
    assert!(
        steep > 10.0 * tenth,
        "{steep} against the lowest {}",
        10.0 * tenth
    );
    let names: Vec<&str> = past.suggestions.iter().map(|s| s.0).collect();
    assert!(names.contains(&"steep, past the lowest"), "{names:?}");
    assert!(
        past.sentence.contains(&format!(
            "fast.ai's steep pick, {}, lies past that lowest point",
            fmt_lr(steep)
        )) && !past.sentence.contains("falls fastest near"),
        "{}",
        past.sentence
    );
    let note = |map: &stride::state::scene::RateMap, label: &str| {
        map.notes
            .iter()
            .find(|n| n.starts_with(&format!("{label} ")) && n.contains("finder"))
            .cloned()
            .expect("the map's note on its steep mark")
    };
    let n = note(&map, "steep, past the lowest");
    assert!(n.contains("no rate to train at"), "{n}");
    // On moons the steepest fall comes before the lowest point.
    let (before, map) = finder("task=moons");
    let f = before.finder.suggestions;
    assert!(f.steep.expect("steep") < 10.0 * f.minimum.expect("min/10"));
    assert!(before.suggestions.iter().any(|s| s.0 == "steep"));
    assert!(
        before.sentence.contains("falls fastest near"),
        "{}",
        before.sentence
    );
    let n = note(&map, "steep");
    assert!(n.contains("fell fastest"), "{n}");
}

/// The range test is called flat where its lowest smoothed loss is over 90 % of where it
/// started, read from its first tenth, not its first point: one minibatch's draw there (small
/// batches, as a YOLO user's batch 4) called a curve that halved flat, and would call a flat one
/// falling.
#[test]
fn a_curve_is_flat_by_its_start_not_one_draw() {
    use stride::engine::lr_finder::{Finder, Suggestions};
    use stride::state::scene::finder_flat;
    let curve = |first: f64, body: &dyn Fn(usize) -> f64| {
        let losses: Vec<f64> = std::iter::once(first).chain((1..100).map(body)).collect();
        Finder {
            lrs: (0..100).map(|k| 1e-7 * 1.2f64.powi(k)).collect(),
            raw: losses.iter().map(|&l| l as f32).collect(),
            losses,
            stopped_early: false,
            suggestions: Suggestions::default(),
        }
    };
    // Starts near 6, falls to 3, climbs: a fall, whatever the first draw.
    let falls = |k: usize| 6.0 - 3.0 * (k as f64 / 70.0).min(1.0) + (k as f64 - 90.0).max(0.0);
    assert!(!finder_flat(&curve(6.0, &falls)));
    assert!(!finder_flat(&curve(2.9, &falls)), "a low first draw");
    // Flat near 2.3 with wiggles of 2 %: flat, whatever the first draw.
    let level = |k: usize| 2.3 + 0.02 * ((k as f64).sin());
    assert!(finder_flat(&curve(2.3, &level)));
    assert!(finder_flat(&curve(20.0, &level)), "a high first draw");
}
