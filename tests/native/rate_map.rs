//! The rate map: every rate the page knows on one axis, and a sentence that says where the
//! finder, the sweep and the limit agree and why they differ. Each test runs the real range
//! test and the real sweep on a task's default page and checks each claim against the numbers.
#![cfg(not(target_arch = "wasm32"))]

use crate::common::{clock, spirals_unlearnable};
use stride::engine::stability::fmt_lr;
use stride::state::lessons::verdict::Verdict;
use stride::state::runs::session::{Command, Session};
use stride::state::runs::sweep::Sweep;
use stride::state::scene::{RateMap, RateSource, SWEEP_TIE, SceneCache};
use stride::state::{Config, Scene, parse_query};

/// The page of `query` after the finder and the sweep have run.
fn mapped(query: &str) -> (Session, RateMap) {
    let (config, notices) = parse_query(query);
    assert!(notices.is_empty(), "{notices:?}");
    let mut s = Session::for_config(&config);
    let before = Scene::build(&s, &mut SceneCache::default(), 0.0).rate_map;
    assert!(
        before
            .sentence
            .contains("Run the LR finder and the LR sweep"),
        "before either has run the map says how to fill it: {}",
        before.sentence
    );
    s.command(Command::Find, &|| 0.0);
    s.command(Command::Sweep, &|| 0.0);
    for _ in 0..200_000 {
        if s.sweep.as_ref().is_some_and(Sweep::finished) {
            break;
        }
        s.frame(&clock());
    }
    assert!(
        s.sweep.as_ref().is_some_and(Sweep::finished),
        "the sweep ends"
    );
    let map = (*Scene::build(&s, &mut SceneCache::default(), 0.0).rate_map).clone();
    recommends_a_rate_that_learns(query, &map);
    labels_never_overlap(&map);
    marks_where_runs_go_wrong(&map);
    notes_match_the_marks(&map);
    (s, map)
}

/// A note that says a rate lies past where runs go wrong has a mark where they do, below it (on
/// circles a student read "sweep lowest 1.78: … past where runs go wrong" and found no such
/// mark: the rate to try kept to half the limit instead, and the note now says so).
fn notes_match_the_marks(map: &RateMap) {
    let others = map.points.iter().filter(|p| p.source != RateSource::Try);
    for (p, note) in others.zip(&map.notes) {
        if note.contains("past where runs go wrong") {
            assert!(
                map.points.iter().any(|q| matches!(
                    q.source,
                    RateSource::SweepEdge | RateSource::SweepCliff
                ) && q.value < p.value),
                "{note}: {:?}",
                map.points
            );
        }
        if note.contains("past half the limit") {
            let limit = rate(map, RateSource::Limit);
            assert!(p.value > limit / 2.0, "{note}");
        }
        // The start's limit says on which side of it the sweep's runs go wrong: a student read
        // "a network's whole runs can go wrong well below it" on the moons, whose runs trained
        // up to 1.78, above its 1.43.
        if p.label == "limit at start" {
            let said = match map.wrong().map(|w| w.value) {
                Some(w) if w < p.value => {
                    format!("here whole runs go wrong from {}, below it", fmt_lr(w))
                }
                Some(w) => format!(
                    "here whole runs train past it, up to {}, where they go wrong",
                    fmt_lr(w)
                ),
                None => "can go wrong below it or train past it".to_string(),
            };
            assert!(note.contains(&said), "{note}: {said}");
        }
    }
}

/// On circles the sweep's lowest run lies past half the limit at start, before any run goes
/// wrong: the map's rate to try keeps below half of it, and its note for the sweep's lowest
/// says that, not that the run was lucky.
#[test]
fn on_circles_the_rate_to_try_keeps_to_half_the_limit_and_says_why() {
    let (_, map) = mapped("task=circles");
    let t = map.try_lr.expect("a rate to try");
    let limit = rate(&map, RateSource::Limit);
    let lowest = rate(&map, RateSource::SweepLowest);
    assert!(lowest > limit / 2.0, "{lowest} against {limit}");
    assert!(t <= limit / 2.0, "{t} against {limit}: {}", map.lead());
    let note = map
        .notes
        .iter()
        .find(|n| n.starts_with("sweep lowest"))
        .expect("a note");
    assert!(note.contains("past half the limit"), "{note}");
    assert!(!note.contains("lucky"), "{note}");
}

/// The rate the lead says runs go wrong from is a mark of its own on the map (a student read
/// "before runs go wrong from 1.78" beside marks at 3.16 and 5.62, and none at 1.78).
fn marks_where_runs_go_wrong(map: &RateMap) {
    let lead = map.lead();
    let Some((_, from)) = lead.split_once("before runs go wrong from ") else {
        return;
    };
    let from = from
        .split(". ")
        .next()
        .unwrap_or(from)
        .trim_end_matches('.');
    let marked = map.points.iter().find(|p| fmt_lr(p.value) == from);
    assert!(
        marked.is_some_and(|p| matches!(p.source, RateSource::SweepEdge | RateSource::SweepCliff)),
        "the lead's {from} is marked where runs go wrong: {:?}",
        map.points
    );
}

/// The map of `query` with the finder alone run, or nothing.
fn early(query: &str, find: bool) -> RateMap {
    let (config, _) = parse_query(query);
    let mut s = Session::for_config(&config);
    if find {
        s.command(Command::Find, &|| 0.0);
        for _ in 0..200_000 {
            if s.finder.is_some() {
                break;
            }
            s.frame(&clock());
        }
        assert!(s.finder.is_some(), "the finder ends");
    }
    (*Scene::build(&s, &mut SceneCache::default(), 0.0).rate_map).clone()
}

/// The badge the page gives a run of `query` at `lr0`, trained to its end.
fn badge(query: &str, lr0: f64) -> (Verdict, String) {
    let (mut config, _) = parse_query(query);
    config.lr0 = lr0;
    let mut s = Session::for_config(&config);
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    let r = s.report(0);
    (r.verdict, r.why)
}

/// The map leads with one short sentence, and folds the runs it rests on under "why": the
/// evidence says what the runs measured (their loss), and the claim and the evidence together
/// are the lead (a student skipped one bold paragraph of sixty words).
fn claim_reads_at_a_glance(query: &str, map: &RateMap) {
    let words = map.claim.split_whitespace().count();
    assert!(words <= 22, "{query}: {words} words: {}", map.claim);
    assert!(
        map.lead().starts_with(&map.claim) && map.lead().ends_with(&map.why),
        "{query}: {}",
        map.lead()
    );
    let from_runs = !map.claim.contains("the finder's");
    assert!(
        !from_runs || (map.why.contains("loss") && map.why.contains("epochs")),
        "{query}: the evidence names the runs and how they ended: {}",
        map.why
    );
}

/// The rate the map leads with, run on the page, is badged neither a crawl nor diverging; the
/// lead names it, and every other mark has its line saying why it differs.
fn recommends_a_rate_that_learns(query: &str, map: &RateMap) {
    let t = map
        .try_lr
        .unwrap_or_else(|| panic!("{query}: a rate to try: {}", map.lead()));
    assert!(
        map.lead()
            .starts_with(&format!("Try lr0 ≈ {}: ", fmt_lr(t))),
        "{query}: {}",
        map.lead()
    );
    claim_reads_at_a_glance(query, map);
    let (verdict, why) = badge(query, t);
    // A crawl only where the lead itself says no fixed rate does better, and why.
    let crawl_told = verdict == Verdict::Crawl && map.lead().contains("every fixed rate crawls");
    assert!(
        !matches!(verdict, Verdict::Crawl | Verdict::Diverging) || crawl_told,
        "{query}: the recommended {t} is badged {verdict:?}: {why}"
    );
    let others: Vec<_> = map
        .points
        .iter()
        .filter(|p| p.source != RateSource::Try)
        .collect();
    assert_eq!(others.len(), map.notes.len(), "{query}: {:?}", map.notes);
    for (p, note) in others.iter().zip(&map.notes) {
        let value = fmt_lr(p.value);
        let named = if p.label.ends_with(&value) {
            format!("{}: ", p.label)
        } else {
            format!("{} {value}: ", p.label)
        };
        assert!(note.starts_with(&named), "{query}: {note}");
    }
}

/// At the desktop's and the phone's sizes, no two label boxes intersect; the rate to try and
/// lr0 always get theirs, and a label left out is named in the notes.
fn labels_never_overlap(map: &RateMap) {
    use plotters::prelude::*;
    use stride::charts::rate_map::layout;
    use stride::state::settings::config::{LR_MAX, LR_MIN};
    let ticks = map.ticks(true);
    for size in [(560, 140), (358, 268), (1200, 140), (560, 100)] {
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let boxes = layout(&area, &ticks, (LR_MIN, LR_MAX));
        assert_eq!(boxes.len(), ticks.len());
        for (i, a) in boxes.iter().enumerate() {
            let Some(a) = a else {
                assert!(
                    map.notes.iter().any(|n| n.starts_with(ticks[i].label)),
                    "{} is neither drawn nor listed",
                    ticks[i].label
                );
                continue;
            };
            assert!(a[1] >= 0.0, "{size:?}: {} above the chart", ticks[i].label);
            // Inside the picture: "runs fail" at 10 ran past a phone's frame.
            assert!(
                a[0] >= 0.0 && a[2] <= f64::from(size.0),
                "{size:?}: {} {a:?} leaves the picture",
                ticks[i].label
            );
            for (j, b) in boxes.iter().enumerate().skip(i + 1) {
                let Some(b) = b else { continue };
                // Stacked frames keep 3 pixels clear (each is drawn one pixel past its box's
                // foot): on a phone "limit" sat on "runs fail", their frames touching. Side by
                // side, 10: at 4, "Ultralytics 0.01" and "limit" read as one run of words.
                let apart = a[2] + 10.0 <= b[0]
                    || b[2] + 10.0 <= a[0]
                    || a[3] + 4.0 <= b[1]
                    || b[3] + 4.0 <= a[1];
                assert!(
                    apart,
                    "{size:?}: {} {a:?} overlaps {} {b:?}",
                    ticks[i].label, ticks[j].label
                );
            }
        }
        for (t, b) in ticks.iter().zip(&boxes) {
            if matches!(t.label, "try" | "lr0") {
                assert!(b.is_some(), "{size:?}: {} has its label", t.label);
            }
        }
    }
}

/// Before the sweep has run, the map still leads with one rate wherever it knows enough: the
/// exact valley's best trial run on the line, the finder's cautious pick elsewhere; and never one
/// the page would badge a crawl or diverging.
#[test]
fn before_the_sweep_the_map_recommends_from_the_best_evidence_it_has() {
    let line = early("", false);
    recommends_a_rate_that_learns("", &line);
    for query in ["task=moons", "task=digits"] {
        let none = early(query, false);
        assert_eq!(none.try_lr, None, "{query}: nothing to go on yet");
        assert!(
            none.lead().starts_with("No recommendation yet"),
            "{}",
            none.lead()
        );
    }
    // Where the finder's curve falls enough to read (digits' does not: see below).
    let found = early("task=moons", true);
    recommends_a_rate_that_learns("task=moons", &found);
    assert!(found.lead().contains("the finder's"), "{}", found.lead());
    // It asks only for what is still missing (a student was told to run the finder after
    // running it).
    assert!(
        found
            .sentence
            .contains("Run the LR sweep below to add its picks.")
            && !found.sentence.contains("Run the LR finder"),
        "{}",
        found.sentence
    );
}

fn rate(map: &RateMap, source: RateSource) -> f64 {
    map.rate(source)
        .unwrap_or_else(|| panic!("{source:?} on the map: {:?}", map.points))
}

/// Every kind of rate is on the map, and lr0 and Ultralytics' default are where they are.
fn has_everything(map: &RateMap, lr0: f64) {
    for source in [
        RateSource::Limit,
        RateSource::Finder,
        RateSource::SweepLowest,
        RateSource::Default,
    ] {
        rate(map, source);
    }
    let picks = map
        .points
        .iter()
        .filter(|p| p.source == RateSource::Finder)
        .count();
    assert_eq!(picks, 4, "fast.ai's four suggestions: {:?}", map.points);
    assert!((rate(map, RateSource::Default) - 0.01).abs() < 1e-12);
    assert!((rate(map, RateSource::Lr0) - lr0).abs() < 1e-12);
    assert!(
        !map.sentence.contains("Run the LR finder"),
        "nothing left to run: {}",
        map.sentence
    );
}

/// What the sentence says of the valley against the limit matches their order.
fn valley_against_limit(map: &RateMap) -> f64 {
    let valley = map.points[map
        .points
        .iter()
        .position(|p| p.label == "valley")
        .expect("a valley")]
    .value;
    let limit = rate(map, RateSource::Limit);
    let side = if valley < limit { "below" } else { "above" };
    let said = format!("valley {} is ", fmt_lr(valley));
    let why = format!("{side} the limit: the finder measures up to 100 minibatches");
    assert!(
        map.sentence.contains(&said) && map.sentence.contains(&why),
        "valley {valley} vs limit {limit}: {}",
        map.sentence
    );
    valley
}

#[test]
fn on_the_line_the_valley_is_early_and_the_cliff_is_the_limit() {
    let (s, map) = mapped("");
    has_everything(&map, s.config.lr0);
    let valley = valley_against_limit(&map);
    let limit = rate(&map, RateSource::Limit);
    assert!(
        valley * 10.0 < limit,
        "the valley {valley} crawls below {limit}"
    );
    assert!(
        map.sentence.contains("deliberately early"),
        "{}",
        map.sentence
    );
    assert!(
        map.sentence.contains("up to 100 minibatches"),
        "{}",
        map.sentence
    );
    // The exact quadratic has one curvature everywhere: runs fail where the limit says.
    let cliff = rate(&map, RateSource::SweepCliff);
    assert!(
        cliff > limit && cliff < limit * 1.8,
        "cliff {cliff}, limit {limit}"
    );
    assert!(
        map.sentence.contains("where the limit says they would"),
        "{}",
        map.sentence
    );
    let fastest = rate(&map, RateSource::Fastest);
    assert!(valley < fastest && fastest < limit);
}

#[test]
fn on_moons_the_sweep_and_the_finder_differ_and_the_map_says_why() {
    let (s, map) = mapped("task=moons");
    has_everything(&map, s.config.lr0);
    let valley = valley_against_limit(&map);
    let best = rate(&map, RateSource::SweepLowest);
    assert!(
        best > 3.0 * valley,
        "the sweep's lowest {best} lies well above the valley {valley}"
    );
    assert!(
        map.sentence
            .contains("above the valley: the sweep measures whole runs"),
        "{}",
        map.sentence
    );
    assert!(
        map.sentence.contains("estimated before training"),
        "{}",
        map.sentence
    );
    // Here every swept rate learns, far above the limit read at the start.
    let limit = rate(&map, RateSource::Limit);
    assert!(
        map.rate(RateSource::SweepCliff).is_none(),
        "{:?}",
        map.points
    );
    let v = s.sweep.as_ref().expect("a sweep");
    let top = v.points.iter().flatten().last().expect("points");
    assert!(top.lr0 > 1.8 * limit && !top.diverged);
    assert!(
        map.sentence.contains(&format!(
            "every swept rate up to {}, above the limit",
            fmt_lr(top.lr0)
        )),
        "{}",
        map.sentence
    );
}

/// On moons the sweep's lowest point (5.62) lies past a run that went wrong (1.78): the sweep's
/// sentence says so in the map's words and never calls the lucky run good (a student read
/// "3.16 itself trains well" beside the map's "Try lr0 ≈ 1 ... before runs go wrong from
/// 1.78"). The lowest before it, 1, lies past half the limit at start, where the verdict calls
/// the steps overshooting: the map's rate to try is the lowest run at no more than half of it,
/// the run at that rate is badged converging, and the sweep's first button offers it and
/// says so.
#[test]
fn where_the_lowest_point_is_a_lucky_run_the_sweep_and_the_map_say_the_same() {
    let (s, map) = mapped("task=moons");
    let sweep = Scene::build(&s, &mut SceneCache::default(), 0.0)
        .sweep
        .expect("a sweep view");
    let lowest = sweep.best.expect("a lowest point").lr0;
    let edge = rate(&map, RateSource::SweepEdge);
    let try_lr = map.try_lr.expect("a rate to try");
    let limit = rate(&map, RateSource::Limit);
    assert!(try_lr < edge && edge < lowest, "{try_lr} {edge} {lowest}");
    let said = &sweep.sentence;
    assert!(
        said.contains(&format!("runs go wrong from {}", fmt_lr(edge)))
            && said.contains(&format!("{} is one lucky run", fmt_lr(lowest))),
        "{said}"
    );
    assert!(!said.contains("trains well"), "{said}");
    // The rate to try keeps to half the limit, and a run there converges.
    assert!(try_lr <= limit / 2.0, "{try_lr} against {limit}");
    assert_eq!(map.calm_below, Some(limit / 2.0));
    assert!(
        map.lead().contains("no more than half the limit"),
        "{}",
        map.lead()
    );
    assert_eq!(badge("task=moons", try_lr).0, Verdict::Converging);
    // The rate past half the limit that ended lower is badged a zig-zag, as the lead says.
    let before = sweep
        .points
        .iter()
        .filter(|p| p.lr0 < edge && !p.diverged)
        .min_by(|a, b| {
            a.loss
                .unwrap_or(f64::MAX)
                .total_cmp(&b.loss.unwrap_or(f64::MAX))
        })
        .expect("a run before the edge")
        .lr0;
    assert!(before > limit / 2.0, "{before}");
    assert!(
        map.lead()
            .contains(&format!("lr0 {} ended lower", fmt_lr(before))),
        "{}",
        map.lead()
    );
    assert_eq!(badge("task=moons", before).0, Verdict::Oscillating);
    assert_eq!(sweep.safe, Some(try_lr));
    assert!(sweep.safe_why.contains("rate map") && sweep.lucky);
    // A classifier's lead says how often the run was right, beside its loss.
    let acc = sweep
        .points
        .iter()
        .find(|p| p.lr0 == try_lr)
        .and_then(|p| p.accuracy)
        .expect("an accuracy");
    assert!(
        map.lead().contains(&format!("{:.0} % right", 100.0 * acc)),
        "{}",
        map.lead()
    );
    let note = sweep
        .band_note
        .clone()
        .expect("the sweep names the rate to try");
    assert!(
        note.contains(&format!("rate to try is {}", fmt_lr(try_lr))),
        "{note}"
    );
}

/// The settings the issue measured: momentum 0.9 and batch 16 for 30 epochs. The limit is
/// estimated at the start, and the runs fail far below it; the map and the sweep say why.
#[test]
fn on_moons_with_momentum_runs_fail_below_the_limit_and_both_panels_say_why() {
    let (s, map) = mapped("task=moons&epochs=30&batch=16&nbs=16&momentum=0.9");
    has_everything(&map, s.config.lr0);
    valley_against_limit(&map);
    let (fail, limit) = (
        rate(&map, RateSource::SweepCliff),
        rate(&map, RateSource::Limit),
    );
    assert!(fail * 1.8 < limit, "runs fail from {fail}, limit {limit}");
    // A failed run here is not a NaN: its loss blew up and stayed up.
    let v = s.sweep.as_ref().expect("a sweep");
    let failed = v
        .points
        .iter()
        .flatten()
        .find(|p| p.lr0 == fail)
        .expect("the point");
    let first = v.points[0].and_then(|p| p.loss).expect("a loss");
    assert!(failed.loss.is_some_and(|l| l > first), "{failed:?}");
    for text in [
        map.sentence.clone(),
        Scene::build(&s, &mut SceneCache::default(), 0.0)
            .sweep
            .expect("a sweep view")
            .sentence,
    ] {
        assert!(
            text.contains(&format!("fail from {}", fmt_lr(fail))),
            "{text}"
        );
        assert!(
            text.contains("the curvature grows as the network trains"),
            "{text}"
        );
    }
    let best = rate(&map, RateSource::SweepLowest);
    assert!(
        best < fail,
        "the lowest point {best} lies below the failures {fail}"
    );
}

#[test]
fn on_digits_each_claim_matches_the_numbers() {
    let (s, map) = mapped("task=digits");
    // The finder's curve is flat on the digits over its 100 minibatches: the map marks none of
    // its picks, and weighs no valley against the sweep.
    assert!(
        map.points.iter().all(|p| p.source != RateSource::Finder),
        "{:?}",
        map.points
    );
    assert!(!map.sentence.contains("valley"), "{}", map.sentence);
    assert!((rate(&map, RateSource::Lr0) - s.config.lr0).abs() < 1e-12);
    let best = rate(&map, RateSource::SweepLowest);
    assert!(
        map.sentence.contains(&format!(
            "over whole runs of 100 epochs, is at {}",
            fmt_lr(best)
        )),
        "{}",
        map.sentence
    );
    // Where runs start to fail, against the limit: the sentence picks the matching clause.
    let (fail, limit) = (
        rate(&map, RateSource::SweepCliff),
        rate(&map, RateSource::Limit),
    );
    let clause = if fail * 1.8 < limit {
        "the curvature grows"
    } else if fail > limit * 1.8 {
        "above the limit"
    } else {
        "where the limit says they would"
    };
    assert!(
        map.sentence.contains(clause),
        "fail {fail}, limit {limit}: {}",
        map.sentence
    );
    assert!(best < fail);
}

/// Labels that would overlap go to rows above; the chart names every rate it was given.
#[test]
fn the_chart_stacks_close_labels_and_names_every_rate() {
    use plotters::prelude::*;
    use stride::charts::rate_map::{draw, rows};
    // Two close labels share no row; a far one returns to the first row; with one row, the
    // second close label is left to the list.
    let spans = [(100.0, 60.0), (120.0, 60.0), (400.0, 60.0)];
    assert_eq!(rows(&spans, 3), vec![Some(0), Some(1), Some(0)]);
    assert_eq!(rows(&spans, 1), vec![Some(0), None, Some(0)]);
    let (_, map) = mapped("");
    let ticks = map.ticks(true);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (560, 130)).into_drawing_area();
        draw(
            &area,
            &ticks,
            (1e-5, 10.0),
            None,
            &[],
            &stride::charts::LIGHT,
        )
        .expect("drawn");
    }
    // Each drawn label sits on a patch of paper laid after every tick, so a tick rising to a
    // higher row passes behind the labels below it, not through their letters; the paper lets
    // the line show faintly (two reviewers read an opaque patch as hiding the try line).
    let paper = stride::charts::LIGHT.paper;
    let paper = format!("#{:02X}{:02X}{:02X}", paper.0, paper.1, paper.2);
    let labels: Vec<usize> = map
        .points
        .iter()
        .filter_map(|p| svg.find(&format!(">\n{}\n<", p.label)))
        .collect();
    let patches = svg
        .split('<')
        .filter(|e| e.starts_with("rect") && e.contains(&format!("fill=\"{paper}\"")))
        .count();
    // One patch fills the background.
    assert!(
        patches > labels.len(),
        "{patches} patches for {} labels",
        labels.len()
    );
    let faint = svg
        .split('<')
        .filter(|e| {
            e.starts_with("rect")
                && e.contains(&format!("fill=\"{paper}\""))
                && e.contains("opacity=\"0.8")
        })
        .count();
    assert_eq!(faint, labels.len(), "each label's patch lets a line show");
    let last_tick = svg.rfind("<polyline").expect("ticks are drawn");
    assert!(
        labels.iter().all(|&at| at > last_tick),
        "every label after the last tick"
    );
    for p in &map.points {
        // The rate to try is named by the sentence that leads the map.
        let listed = map.notes.iter().any(|n| n.starts_with(&p.label))
            || (p.source == RateSource::Try && map.lead().starts_with("Try lr0"));
        assert!(
            svg.contains(&format!(">\n{}\n<", p.label)) || listed,
            "{} neither drawn nor listed",
            p.label
        );
    }
}

/// On an exact valley the rate to try is the trial runs' before and after the sweep (a student
/// saw 0.374 become 0.316 once the sweep ended, with nothing said); the sweep's own lowest point
/// says it is a coarser grid's.
#[test]
fn on_an_exact_valley_the_sweep_does_not_move_the_rate_to_try() {
    let before = early("", false);
    let (s, after) = mapped("");
    assert!(before.try_lr.is_some(), "{}", before.lead());
    assert_eq!(
        before.try_lr,
        after.try_lr,
        "{} / {}",
        before.lead(),
        after.lead()
    );
    let lowest = rate(&after, RateSource::SweepLowest);
    if !stride::state::scene::agree(lowest, after.try_lr.unwrap_or(f64::NAN)) {
        assert!(
            after
                .notes
                .iter()
                .any(|n| n.starts_with("sweep lowest") && n.contains("coarser grid")),
            "{:?}",
            after.notes
        );
    }
    // The sweep's own sentence does not send the reader the other way: where its lowest point
    // is one step from the wall, it says the map looks in between, and the rate to try lies
    // below the rate that fails.
    let sweep = Scene::build(&s, &mut SceneCache::default(), 0.0)
        .sweep
        .expect("a sweep view");
    assert!(
        !sweep.sentence.contains("smaller rate is the safer pick")
            && !sweep.sentence.contains("A little below"),
        "{}",
        sweep.sentence
    );
    if sweep.sentence.contains("one step from the wall") {
        let fails = sweep
            .points
            .iter()
            .find(|p| p.lr0 > lowest)
            .expect("the rate after the lowest")
            .lr0;
        // The map's finer trial runs, on an exact valley, say what lies in between, in a note
        // of their own (the sentence had hedged "where it has them", and on circles it had none).
        assert!(
            sweep
                .band_note
                .as_ref()
                .is_some_and(|n| n.contains("finer trial runs")),
            "{:?}",
            sweep.band_note
        );
        assert!(
            after.try_lr.is_some_and(|t| t < fails),
            "{:?} vs {fails}",
            after.try_lr
        );
    }
}

/// Where the finder's loss hardly falls (spirals 1.3 %, digits 2.8 % over its 100 minibatches),
/// the map names no rate from it (a student saw "Try lr0 ≈ 0.0251: the finder's min/10" under
/// the finder's own "the loss hardly falls at any rate"), and points to the sweep.
#[test]
fn a_flat_finder_curve_recommends_no_rate() {
    for query in ["task=spirals", "task=digits"] {
        let (config, _) = stride::state::parse_query(query);
        let mut s = Session::for_config(&config);
        s.command(Command::Find, &|| 0.0);
        for _ in 0..200_000 {
            if s.finder.is_some() {
                break;
            }
            s.frame(&clock());
        }
        let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
        let finder = scene.finder.as_ref().expect("the finder ends");
        assert!(
            finder.sentence.contains("hardly falls"),
            "{query}: the finder's curve is flat: {}",
            finder.sentence
        );
        // Its picks, read off noise, are neither drawn nor offered to click.
        assert!(finder.flat, "{query}");
        assert!(
            finder.shown().is_empty() && !finder.suggestions.is_empty(),
            "{query}"
        );
        assert!(
            finder.drawn(false).is_empty()
                && finder.drawn(true).is_empty()
                && finder.pick().is_none(),
            "{query}"
        );
        assert!(
            finder.picks().starts_with("So no pick is offered"),
            "{query}: {}",
            finder.picks()
        );
        let map = &scene.rate_map;
        assert_eq!(map.try_lr, None, "{query}: {}", map.lead());
        // Nor does the map mark them, or weigh the valley in its sentence.
        assert!(
            map.points.iter().all(|p| p.source != RateSource::Finder),
            "{query}: {:?}",
            map.points
        );
        assert!(
            !map.sentence.contains("valley"),
            "{query}: {}",
            map.sentence
        );
        assert!(
            map.lead().contains("No recommendation from the LR finder")
                && map.lead().contains("LR sweep"),
            "{query}: {}",
            map.lead()
        );
    }
}

/// Where no swept rate learns (spirals at the common defaults with noisy arms, not their own),
/// the map names no rate: it says so, and points at what would help instead of a larger lr0.
#[test]
fn where_no_rate_learns_the_map_recommends_none_and_says_what_would_help() {
    let config = spirals_unlearnable();
    let mut s = Session::for_config(&config);
    s.command(Command::Sweep, &|| 0.0);
    for _ in 0..200_000 {
        if s.sweep.as_ref().is_some_and(Sweep::finished) {
            break;
        }
        s.frame(&clock());
    }
    let v = s.sweep.as_ref().expect("a sweep");
    let start = v.points[0].and_then(|p| p.loss).expect("a loss");
    let learns = v
        .points
        .iter()
        .flatten()
        .any(|p| !p.diverged && p.loss.is_some_and(|l| l < 0.9 * start));
    let map = Scene::build(&s, &mut SceneCache::default(), 0.0).rate_map;
    assert_eq!(map.try_lr.is_some(), learns, "{}", map.lead());
    assert!(
        !learns,
        "some swept rate learns these settings: {}",
        map.lead()
    );
    assert!(
        map.lead().starts_with("No rate learns this in 100 epochs"),
        "{}",
        map.lead()
    );
    assert!(
        map.lead().contains("More epochs, Adam or a bigger model"),
        "{}",
        map.lead()
    );
    assert!(!map.lead().contains("larger lr0"), "{}", map.lead());
}

/// `?task=spirals` brings settings that learn them: the map names a rate to try, a run at it
/// is badged neither crawl nor diverging (`mapped`), it is one the sweep saw learn, and lr0
/// lies within a swept step of it.
#[test]
fn on_spirals_the_map_recommends_a_rate_that_learns() {
    let (s, map) = mapped("task=spirals");
    let t = map.try_lr.expect("a rate to try");
    let v = s.sweep.as_ref().expect("a sweep");
    let start = v.points[0].and_then(|p| p.loss).expect("a loss");
    let at = v
        .points
        .iter()
        .flatten()
        .find(|p| p.lr0 == t)
        .expect("the rate to try is a swept rate");
    assert!(
        !at.diverged && at.loss.is_some_and(|l| l < 0.25 * start),
        "{at:?}"
    );
    assert!(at.accuracy.is_some_and(|a| a >= 0.9), "{at:?}");
    assert!(!map.lead().contains("No rate learns"), "{}", map.lead());
    // Where it says runs go wrong, they classify worse than a rate below: a jump in the loss
    // alone, at the sweep's best accuracy, is not a run gone wrong.
    let points: Vec<_> = v.points.iter().flatten().collect();
    if let Some(edge) = map.rate(RateSource::SweepEdge) {
        let k = points
            .iter()
            .position(|p| p.lr0 == edge)
            .expect("a swept rate");
        let below = points[..k]
            .iter()
            .filter_map(|p| p.accuracy)
            .fold(0.0, f64::max);
        assert!(
            points[k].diverged || points[k].accuracy.is_some_and(|a| a < below),
            "runs go wrong from {edge}: {:?} against {below} below",
            points[k]
        );
    }
}

/// The page's run of `query` at `lr0`, trained to its end: its last epoch's loss and its badge.
fn ended(query: &str, lr0: f64) -> (f64, Verdict) {
    let (mut config, _) = parse_query(query);
    config.lr0 = lr0;
    let mut s = Session::for_config(&config);
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    let loss = s.slots[0].run.epochs.last().expect("an epoch").train_loss;
    (loss, s.report(0).verdict)
}

/// On an exact valley the map recommends the rate whose whole run ends lowest, not the fastest
/// rate in the long run: on the SGD-vs-Adam lesson's long valley, 2/(λmin+λmax) is still
/// zig-zagging across the steep walls when the run ends (a student sent there saw loss 74.8
/// against 0.085 a little lower), and the rate to try ends far below it on the page's own run.
/// On the line, where the valley is round, the two agree.
#[test]
fn on_an_exact_valley_the_rate_to_try_is_the_one_whose_run_ends_lowest() {
    for query in ["preset=sgd-vs-adam&predict=0", ""] {
        let map = early(query, false);
        recommends_a_rate_that_learns(query, &map);
        let t = map.try_lr.expect("a rate to try");
        let fastest = rate(&map, RateSource::Fastest);
        assert!(t < rate(&map, RateSource::Limit), "{query}: {t}");
        assert!(map.lead().contains("trial runs"), "{query}: {}", map.lead());
        let (at_try, verdict) = ended(query, t);
        let (at_fastest, _) = ended(query, fastest);
        // Level with it on the line (the two are in one band), well below it elsewhere.
        let tie = if query.is_empty() { SWEEP_TIE } else { 1.0001 };
        assert!(
            at_try <= at_fastest * tie + 1e-12,
            "{query}: the rate to try {t} ends at {at_try}, the fastest {fastest} at {at_fastest}"
        );
        assert_ne!(verdict, Verdict::Diverging, "{query}");
        // Nor does the page's own lr0 end lower (the lesson's 6.5e-3 beat a coarser grid's
        // pick on the SGD-vs-Adam valley).
        let own = stride::state::parse_query(query).0.lr0;
        let (at_own, _) = ended(query, own);
        assert!(
            at_try <= at_own * 1.0001 + 1e-12,
            "{query}: the rate to try {t} ends at {at_try}, the page's own {own} at {at_own}"
        );
        if query.is_empty() {
            // On the round valley many rates end as low, the slider's fastest mark among them;
            // the map picks the largest of them at no more than half the limit, where no step
            // overshoots: a margin below the limit, and a badge that says it converges (a
            // student weighed the map's 0.46, at 92 % of the limit and badged a zig-zag,
            // against the sweep's 0.316 "with a safety margin").
            let limit = rate(&map, RateSource::Limit);
            assert!(t <= limit / 2.0 && t < fastest, "line: {}", map.lead());
            assert_eq!(verdict, Verdict::Converging, "line: {}", map.lead());
            assert!(
                map.lead()
                    .contains("where runs converge rather than zig-zag"),
                "{}",
                map.lead()
            );
            // The claim names the half the verdict quotes, by the same number.
            let half = format!(
                "under {}, half the limit {}",
                fmt_lr(limit / 2.0),
                fmt_lr(limit)
            );
            assert!(map.claim.contains(&half), "{}", map.claim);
            let verdict_text = crate::common::finished(&parse_query("").0).report(0).why;
            assert!(
                verdict_text.contains(&fmt_lr(limit / 2.0)),
                "{verdict_text}"
            );
            let band = map.band.expect("a band");
            assert!(stride::state::scene::within(band, fastest), "{band:?}");
            // The claim gives the range first, the green band the chart shades: three
            // reviewers met try, finder, sweep and fastest as four rival answers.
            assert!(
                map.claim.contains(&format!(
                    "trial runs in the map's green band ({}–{}) end lowest",
                    fmt_lr(band.0),
                    fmt_lr(band.1)
                )),
                "{}",
                map.claim
            );
            let note = map
                .notes
                .iter()
                .find(|n| n.starts_with("fastest"))
                .expect("a note");
            assert!(
                note.contains("ends as low") && note.contains("zig-zags"),
                "{note}"
            );
            // The largest such rate: past it the steps overshoot, and a little further (a
            // crossing of 30 % of the way) the badge shows the zig-zag.
            let (_, above) = ended(query, limit / 2.0 * 1.3);
            assert_eq!(above, Verdict::Oscillating, "line: above {t}");
            for k in 1..12 {
                let lr = limit * 0.8f64.powi(k);
                let (at, _) = ended(query, lr);
                assert!(
                    at_try <= SWEEP_TIE * at,
                    "line: the fastest {t} ends at {at_try}, {lr} at {at}"
                );
            }
        } else {
            assert!(
                at_try < at_fastest / 100.0,
                "{query}: {t} ends at {at_try}, the fastest {fastest} at {at_fastest}"
            );
            let note = map
                .notes
                .iter()
                .find(|n| n.starts_with("fastest"))
                .expect("a note");
            assert!(note.contains("in the long run"), "{note}");
        }
    }
}

/// With momentum too the rate to try keeps to half the limit, where the verdict calls a run
/// converging, as it does without: a teacher met "try 0.21", half plain SGD's limit 0.498, and
/// with momentum 0.5 "try 0.285", at 94 % of its limit 0.304 and badged oscillating. Where the
/// lowest trial run lies past half the limit, the map tries the lowest at no more than half,
/// and its lead says by how much the other ended lower and why it is not the one to try.
#[test]
fn with_momentum_the_rate_to_try_keeps_to_half_the_limit() {
    let query = "preset=momentum&predict=0&momentum=0.5";
    let map = early(query, false);
    recommends_a_rate_that_learns(query, &map);
    let t = map.try_lr.expect("a rate to try");
    let limit = rate(&map, RateSource::Limit);
    assert!(
        t <= limit / 2.0,
        "{t} against the limit {limit}: {}",
        map.lead()
    );
    let (at_try, verdict) = ended(query, t);
    assert_eq!(verdict, Verdict::Converging, "{}", map.lead());
    // The trial run that ended lower lies past half the limit, is named, and zig-zags.
    let lower = rate_between(&map.why, "lr0 ", " ended ");
    assert!(lower > limit / 2.0, "{}", map.why);
    let (at_lower, badge) = ended(query, lower);
    assert!(
        at_lower < at_try,
        "{lower} ends at {at_lower}, {t} at {at_try}"
    );
    assert_eq!(badge, Verdict::Oscillating, "{}", map.why);
    // With momentum the path swings past the bottom at any rate (a teacher): the lead does not
    // promise steps that do not overshoot, and names the badge the lower run gets.
    assert!(!map.claim.contains("overshoot"), "{}", map.claim);
    assert!(
        map.why.contains("the verdict badges its run oscillating")
            && map.why.contains("swings past the bottom"),
        "{}",
        map.why
    );
    let pct = (100.0 * (1.0 - at_lower / at_try)).round().max(1.0);
    assert!(
        map.why.contains(&format!("ended {pct} % lower")),
        "{pct}: {}",
        map.why
    );
    assert!(
        map.claim.contains(&format!(
            "under {}, half the limit {}",
            fmt_lr(limit / 2.0),
            fmt_lr(limit)
        )),
        "{}",
        map.claim
    );
    // The lesson's own momentum 0.9 already ends lowest under half its limit: unchanged.
    let own = early("preset=momentum&predict=0", false);
    assert!(own.try_lr.expect("a rate") <= rate(&own, RateSource::Limit) / 2.0);
}

/// The number in `text` between `before` and `after`.
fn rate_between(text: &str, before: &str, after: &str) -> f64 {
    let start = text.find(before).expect("the rate named") + before.len();
    let end = start + text[start..].find(after).expect("its end");
    text[start..end].parse().expect("a number")
}

/// Under `optimizer=auto` lr0 is not used: the map marks the rate auto trains at instead, its
/// sentence says so, and a rate to try says how to use it (a student looked for the rate in
/// use on the map and found only lr0 0.01, which auto ignores).
#[test]
fn under_auto_the_map_marks_the_rate_in_use() {
    let (s, map) = mapped("preset=ultralytics-defaults&predict=0");
    let used = stride::state::plan::effective(&s.config);
    assert_ne!(used.lr0, s.config.lr0, "auto picks its own rate here");
    assert_eq!(map.rate(RateSource::Auto), Some(used.lr0));
    assert_eq!(map.rate(RateSource::Lr0), None, "{:?}", map.points);
    let name = used.optimizer.name();
    assert!(
        map.sentence.contains(&format!(
            "ignores lr0: it trains with {name} at {}",
            fmt_lr(used.lr0)
        )),
        "{}",
        map.sentence
    );
    // Its rate to try is one for the optimizer auto picked, and using it sets that optimizer
    // too: lr0 alone left the run unchanged (a YOLO user pressed "Use lr0 0.316" and saw the
    // same run).
    let t = map.try_lr.expect("a rate to try once the sweep has run");
    assert!(
        map.lead()
            .contains(&format!("sets optimizer={name} with auto's momentum too")),
        "{}",
        map.lead()
    );
    assert_eq!(map.use_optimizer, Some(name));
    // The button's settings train what the sweep measured at that rate: auto's optimizer with
    // auto's momentum (Adam's β₁ 0.9), not the 0.937 set (a YOLO user's run at the map's rate
    // ended 50 times higher than the sweep's).
    let used_now = s.config.apply(stride::state::plan::adopt(&s.config, t));
    let trains = stride::state::plan::effective(&used_now);
    assert_eq!((trains.optimizer.name(), trains.lr0), (name, t));
    assert_eq!(
        trains,
        Config {
            lr0: t,
            ..stride::state::plan::effective(&s.config)
        }
    );
    assert_eq!(used_now.momentum, used.momentum);
    assert_ne!(
        used_now.momentum, s.config.momentum,
        "auto's β₁, not the setting"
    );
    assert!(!used_now.same_runs(&s.config), "the run changes");
    let measured = s.sweep.as_ref().and_then(|w| {
        w.points
            .iter()
            .flatten()
            .find(|p| p.lr0 == t)
            .and_then(|p| p.loss)
    });
    let loss = measured.expect("the rate to try is one of the sweep's runs");
    let mut run = Session::for_config(&used_now);
    run.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    let ended = run.slots[0].run.epochs.last().expect("an epoch").train_loss;
    assert!(
        (ended / loss - 1.0).abs() < 1e-6,
        "the button's run ends at {ended}, the sweep's at {loss}"
    );
    // Without auto, lr0 is marked as it is, and the button sets lr0 alone.
    let (_, plain) = mapped("task=moons");
    assert!(plain.rate(RateSource::Auto).is_none() && plain.rate(RateSource::Lr0).is_some());
    assert_eq!(plain.use_optimizer, None);
}

/// Before a learner asks for more, the map draws four marks: the rate to try, lr0, the limit
/// and where the sweep's runs go wrong (a student shown eleven rates "came to learn which rate
/// to use and left with eleven"). The fold under it says how many more it adds, and opened,
/// the chart draws every rate.
#[test]
fn the_map_shows_four_rates_first_and_the_rest_on_request() {
    let (_, map) = mapped("task=moons");
    let few: Vec<&str> = map.ticks(false).iter().map(|t| t.label).collect();
    assert_eq!(few.len(), 4, "{few:?}");
    for name in ["try", "lr0", "limit at start", "runs go wrong"] {
        assert!(few.contains(&name), "{name} in {few:?}");
    }
    let all = map.ticks(true);
    assert_eq!(all.len(), map.points.len());
    let more = map.hidden();
    assert_eq!(more, all.len() - 4);
    assert!(
        more >= 6,
        "the finder's four, the sweep's and the default: {more}"
    );
    assert_eq!(
        map.more(),
        format!(
            "Show {more} more rates ({} in all), and why they differ",
            all.len()
        )
    );
    // Without a rate to try yet, lr0 and the limit alone.
    let early = early("task=moons", false);
    let few: Vec<&str> = early.ticks(false).iter().map(|t| t.label).collect();
    assert_eq!(few, ["lr0", "limit at start"]);
}

/// With momentum, the map never says every fixed rate crawls and to add momentum: the crawl
/// rule is plain SGD's (a student on the momentum lesson, told so, pressed the rate to try and
/// saw it converge).
#[test]
fn with_momentum_the_map_does_not_advise_the_momentum_it_has() {
    let query = "preset=momentum&predict=0";
    let map = early(query, false);
    recommends_a_rate_that_learns(query, &map);
    assert!(
        !map.lead().contains("every fixed rate crawls"),
        "{}",
        map.lead()
    );
    let (verdict, _) = badge(query, map.try_lr.expect("a rate to try"));
    assert_ne!(verdict, Verdict::Crawl);
}

/// A finder pick off the slider's range says so in the full map, as the finder's own button
/// does: lr0 cannot be set to it (a teacher found "slide 6.31e-7" on the momentum lesson, whose
/// slider starts at 1e-5). Picks inside it say nothing of the kind.
#[test]
fn a_finder_pick_off_the_slider_says_so() {
    use stride::state::settings::config::{LR_MAX, LR_MIN};
    let map = early("preset=momentum&predict=0", true);
    // Each mark's note starts with its label and rate.
    let finder: Vec<(f64, &String)> = map
        .points
        .iter()
        .filter(|p| p.source == RateSource::Finder)
        .map(|p| {
            let head = format!("{} {}:", p.label, fmt_lr(p.value));
            let note = map.notes.iter().find(|n| n.starts_with(&head));
            (p.value, note.expect("every finder mark has its note"))
        })
        .collect();
    assert!(
        finder.iter().any(|(v, _)| *v < LR_MIN),
        "this lesson's finder has a pick below the slider: {finder:?}"
    );
    assert!(finder.iter().any(|(v, _)| (LR_MIN..=LR_MAX).contains(v)));
    for (value, note) in finder {
        let off = !(LR_MIN..=LR_MAX).contains(&value);
        assert_eq!(note.contains("slider's range"), off, "{note}");
        if value < LR_MIN {
            assert!(
                note.contains("below the slider's range (from 1e-5)"),
                "{note}"
            );
        }
    }
}

/// The right rate is a band, not a point. On the line the map shades every rate whose whole run
/// ends as low as the rate to try's, and says which of the other tools' picks lie in it; each
/// rate in it, the finder's and the sweep's picks among them, ends within 1 % on the page's own
/// run, and the band stops where runs stop ending as low. The finder and the sweep say where
/// they sit against it (three students met 0.46, 0.191 and 0.316 with nothing to say that all
/// three end at the same loss).
#[test]
fn on_the_line_the_green_band_holds_every_rate_that_ends_as_low() {
    let (s, map) = mapped("");
    let (lo, hi) = map.band.expect("a band on the line");
    let t = map.try_lr.expect("a rate to try");
    assert!(
        stride::state::scene::within((lo, hi), t),
        "{t} in {lo}..{hi}"
    );
    assert!(
        map.lead()
            .contains(&format!("green band, {} to {}", fmt_lr(lo), fmt_lr(hi))),
        "{}",
        map.lead()
    );
    let tenth = map
        .points
        .iter()
        .find(|p| p.label == "min/10")
        .expect("min/10")
        .value;
    let lowest = rate(&map, RateSource::SweepLowest);
    let tie = stride::state::scene::SWEEP_TIE;
    let (at_try, _) = ended("", t);
    let floor = [lo, (lo * hi).sqrt(), hi, t]
        .iter()
        .map(|&r| ended("", r).0)
        .fold(at_try, f64::min);
    for (name, r) in [
        ("low end", lo),
        ("middle", (lo * hi).sqrt()),
        ("high end", hi),
        ("finder", tenth),
        ("sweep", lowest),
    ] {
        let inside = stride::state::scene::within((lo, hi), r);
        if inside {
            let (at, _) = ended("", r);
            assert!(
                at <= tie * floor * 1.0001,
                "the {name}'s {r} ends at {at}, the floor is {floor}"
            );
        }
        // The lead names the finder's and the sweep's picks exactly where they lie in it.
        if name == "finder" || name == "sweep" {
            assert_eq!(
                map.lead().contains(&format!("the {name}'s {}", fmt_lr(r))),
                inside,
                "{name} {r}: {}",
                map.lead()
            );
        }
    }
    assert!(
        stride::state::scene::within((lo, hi), tenth)
            && stride::state::scene::within((lo, hi), lowest),
        "on the line both picks lie in the band: {tenth}, {lowest} against {lo}..{hi}"
    );
    // Below it runs end higher: the band is not drawn wider than the runs bear out.
    let (below, _) = ended("", lo / 1.4);
    assert!(below > tie * floor, "{} ends at {below}", lo / 1.4);
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let agrees = scene
        .finder
        .as_ref()
        .and_then(|f| f.agrees.clone())
        .expect("the finder places its pick");
    assert!(
        agrees.starts_with("Whole runs agree: its pick")
            && agrees.contains(&format!("{} to {}", fmt_lr(lo), fmt_lr(hi))),
        "{agrees}"
    );
    let note = scene
        .sweep
        .as_ref()
        .and_then(|v| v.band_note.clone())
        .expect("the sweep names the finer band");
    assert!(
        note.contains(&format!("from {} to {}", fmt_lr(lo), fmt_lr(hi))),
        "{note}"
    );
    let finder_note = map
        .notes
        .iter()
        .find(|n| n.starts_with("min/10"))
        .expect("a note");
    assert!(finder_note.contains("in the green band"), "{finder_note}");
}

/// On moons no two runs of the sweep end within 1 % of each other, so there is no band; the
/// finder's cautious pick then says how much higher the sweep's whole run nearest it ends than
/// the rate to try's, read off the sweep's own points.
#[test]
fn on_moons_the_finder_says_whole_runs_go_further_than_its_pick() {
    let (s, map) = mapped("task=moons");
    assert_eq!(map.band, None, "{}", map.lead());
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let t = map.try_lr.expect("a rate to try");
    let finder = scene.finder.as_ref().expect("the finder");
    let pick = finder.pick().expect("a pick");
    let agrees = finder.agrees.clone().expect("the finder places its pick");
    let sweep = scene.sweep.as_ref().expect("the sweep");
    let nearest = |r: f64| {
        sweep
            .points
            .iter()
            .filter(|p| !p.diverged)
            .min_by(|a, b| (a.lr0 / r).ln().abs().total_cmp(&(b.lr0 / r).ln().abs()))
            .copied()
            .expect("a run")
    };
    let (near, at_try) = (nearest(pick), nearest(t));
    let (a, b) = (near.loss.expect("a loss"), at_try.loss.expect("a loss"));
    assert!(pick < t && a > 3.0 * b, "{pick} -> {a}; {t} -> {b}");
    assert!(
        agrees.starts_with("Whole runs go further at larger rates")
            && agrees.contains(&format!("run at lr0 {} ended", fmt_lr(near.lr0)))
            && agrees.contains(&format!(
                "its run at lr0 {}, the rate map's rate to try",
                fmt_lr(t)
            )),
        "{agrees}"
    );
    // One rate is "the finder's pick", the panel's: the map's note on it says so, and no other
    // note claims the name (a student met the panel's pick 0.158 and the map's "valley 0.0191:
    // … the finder's first pick").
    let named: Vec<&String> = map
        .notes
        .iter()
        .filter(|n| n.contains(": the finder's pick") || n.contains("finder's first pick"))
        .collect();
    assert_eq!(named.len(), 1, "{named:?}");
    assert!(
        named[0].starts_with(&format!("min/10 {}:", fmt_lr(pick))),
        "{}",
        named[0]
    );
}

/// The slider suggests one rate, the map's, and gives the map's reason on a tap; the fastest
/// fixed rate is not on it but among the map's other rates (with "fastest 0.46" on the slider
/// and "Try lr0 ≈ 0.21" in the map, students asked which to use).
#[test]
fn the_slider_suggests_the_maps_one_rate_and_folds_the_fastest() {
    let (s, map) = mapped("");
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let classes: Vec<&str> = scene.marks.iter().map(|m| m.class).collect();
    assert_eq!(classes, ["try", "critical"], "lowest first");
    let (t, limit) = (&scene.marks[0], &scene.marks[1]);
    assert_eq!(Some(t.value), map.try_lr);
    assert!(
        t.value <= 0.5 * limit.value * (1.0 + 1e-9),
        "try {} limit {}",
        t.value,
        limit.value
    );
    // The tip is the map's own reason, not a second account of it.
    let why = map.claim.split_once(": ").expect("Try lr0 ≈ X: why").1;
    assert!(
        t.title.contains(why.trim_end_matches('.')) && t.title.contains("the rate map"),
        "{}",
        t.title
    );
    assert!(
        map.points.iter().any(|p| p.source == RateSource::Fastest),
        "the map keeps it"
    );
    assert!(
        !RateMap::essential(
            map.points
                .iter()
                .find(|p| p.source == RateSource::Fastest)
                .expect("fastest")
        ),
        "folded, not drawn before the learner asks"
    );
}

/// On a network the slider's danger line is the best the page knows: the limit estimated at
/// the start until the sweep has run, then the rate from which the sweep's whole runs fail,
/// far below it on the spirals, with the start's limit named in its tip (a student trusted "limit at
/// start ≈ 2.75" on the spirals, and lr0 1 diverged).
#[test]
fn once_the_sweep_has_run_the_slider_marks_where_whole_runs_fail() {
    let (s, map) = mapped("task=spirals");
    let before = Scene::build(
        &Session::for_config(&s.config),
        &mut SceneCache::default(),
        0.0,
    );
    let start = before
        .marks
        .iter()
        .find(|m| m.class == "critical")
        .expect("a limit before the sweep");
    assert!(
        start.label.starts_with("limit at start ≈"),
        "{}",
        start.label
    );
    let after = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let wrong = map.wrong().expect("runs go wrong somewhere");
    let dangers: Vec<_> = after
        .marks
        .iter()
        .filter(|m| m.class == "critical")
        .collect();
    assert_eq!(dangers.len(), 1, "{:?}", after.marks);
    let fail = dangers[0];
    assert_eq!(fail.value, wrong.value);
    // One name for either rule: the tip says which.
    assert_eq!(
        fail.label,
        format!("runs go wrong from {}", fmt_lr(wrong.value))
    );
    assert!(
        wrong.value < 0.5 * start.value,
        "far below: {} vs {}",
        wrong.value,
        start.value
    );
    assert!(
        map.shown(false).any(|p| p.value == wrong.value),
        "the map draws it unfolded too"
    );
    // And, as the slider, not the limit at start far above it until all rates are asked for
    // (a student met both and asked which held).
    let limit = |all: bool| map.shown(all).any(|p| p.source == RateSource::Limit);
    assert!(!limit(false) && limit(true));
    assert!(
        fail.title
            .contains(&format!("The limit at start, ≈ {}", fmt_lr(start.value)))
            && fail.title.contains("go wrong below it"),
        "{}",
        fail.title
    );
    // The rate to try sits below it.
    let t = after
        .marks
        .iter()
        .find(|m| m.class == "try")
        .expect("a rate to try");
    assert!(t.value < fail.value);
    // The verdict, which weighs lr0 against the limit at the start, says where the sweep's
    // runs go wrong too, and on which side lr0 is (a student read "below half the stable
    // limit ≈ 2.75" as safe beside the slider's "runs fail from 0.316").
    let why = &after.readout.verdict.why;
    assert!(
        why.contains(&format!(
            "In the LR sweep, whole runs of these settings go wrong from {}, well below the limit at start ≈ {}: lr0 {} is below {}.",
            fmt_lr(wrong.value),
            fmt_lr(start.value),
            fmt_lr(s.config.lr0),
            fmt_lr(wrong.value)
        )),
        "{why}"
    );
    assert!(s.config.lr0 < wrong.value);
    // The map's line on the start's limit bounds the first steps only, not whole runs.
    let note = map
        .notes
        .iter()
        .find(|n| n.starts_with("limit at start"))
        .expect("a note on the limit");
    assert!(
        note.contains("an upper bound for the first steps")
            && !note.contains("above it each step overshoots"),
        "{note}"
    );
    let before_why = &before.readout.verdict.why;
    assert!(!before_why.contains("In the LR sweep"), "{before_why}");
}

/// Where the sweep's runs go wrong only above the limit estimated at the start (moons), the
/// slider keeps that limit, the tighter one and the one the verdict quotes; the map still draws
/// where runs go wrong, as its lead names it.
#[test]
fn where_runs_go_wrong_above_the_start_limit_the_slider_keeps_it() {
    let (s, map) = mapped("task=moons");
    let after = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let wrong = map.wrong().expect("runs go wrong somewhere");
    let limit = after
        .marks
        .iter()
        .find(|m| m.class == "critical")
        .expect("a limit");
    assert!(limit.label.starts_with("limit at start ≈") && limit.value < wrong.value);
    assert!(map.shown(false).any(|p| p.value == wrong.value));
    // Both drawn, as the slider keeps the limit.
    assert!(map.shown(false).any(|p| p.source == RateSource::Limit));
}

/// With momentum the map's limit is not called plain 2/λmax, and the slider's limit names the
/// number without momentum in its label, not as a mark of its own (a student met "2/λmax" for
/// 0.385 in the map and for 0.202 on the slider; a bare tick for it puzzled another).
#[test]
fn with_momentum_the_limit_says_it_is_adjusted_and_names_the_plain_one() {
    let (config, _) = parse_query("preset=momentum&predict=0");
    let scene = Scene::build(
        &Session::for_config(&config),
        &mut SceneCache::default(),
        0.0,
    );
    let mark = |class: &str| {
        scene
            .marks
            .iter()
            .find(|m| m.class == class)
            .unwrap_or_else(|| panic!("{class}: {:?}", scene.marks))
    };
    let (limit, plain) = (
        mark("critical"),
        stride::state::scene::marks(&config, Session::for_config(&config).curvature)
            .into_iter()
            .find(|m| m.class == "plain")
            .expect("plain SGD's limit"),
    );
    assert!(
        scene.marks.iter().all(|m| m.class != "plain"),
        "named in the limit's label, not drawn"
    );
    assert!(plain.value < limit.value);
    assert!(
        limit
            .label
            .ends_with(&format!("raises it from {})", fmt_lr(plain.value))),
        "{}",
        limit.label
    );
    let said = format!(
        "The limit {} is 2/λmax adjusted for momentum (without it, {})",
        fmt_lr(limit.value),
        fmt_lr(plain.value)
    );
    assert!(
        scene.rate_map.sentence.contains(&said),
        "{}",
        scene.rate_map.sentence
    );
}

/// One meaning per colour across the charts: the finder's picks are in none of the map's
/// colours for the rate to try and for limits and failing runs, and the sweep's limit and the
/// loss chart's divergence line share the map's (students read the finder's pink pick and green
/// slide as the map's pink limit and green rate to try).
#[test]
fn a_colour_means_one_thing_across_the_charts() {
    let (try_color, limit) = (RateSource::Try.color(), RateSource::Limit.color());
    for danger in [RateSource::SweepEdge, RateSource::SweepCliff] {
        assert_eq!(danger.color(), limit);
    }
    assert_eq!(stride::charts::sweep::LIMIT, limit);
    assert_eq!(stride::charts::sweep::DIVERGED, limit);
    for c in stride::charts::finder::SUGGESTION_COLORS {
        assert!(c != try_color && c != limit, "{c:?}");
    }
    assert!(stride::charts::finder::SUGGESTION_COLORS.contains(&RateSource::Finder.color()));
}

/// On the SGD-vs-Adam valley the slider's "least slow" mark sits a little below the fastest
/// rate the verdict names, and its tip says why the two differ (a student met 0.00677 on the
/// slider and 0.00721 in the verdict with nothing said); on the line, where the rate to try is
/// far from the fastest, its tip says nothing of it.
#[test]
fn the_try_marks_tip_says_why_it_is_not_the_fastest_rate_beside_it() {
    for (query, near) in [("preset=sgd-vs-adam&predict=0", true), ("", false)] {
        let (config, _) = parse_query(query);
        let s = Session::for_config(&config);
        let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
        let t = scene
            .marks
            .iter()
            .find(|m| m.class == "try")
            .unwrap_or_else(|| panic!("{query}: {:?}", scene.marks));
        let fastest = rate(&scene.rate_map, RateSource::Fastest);
        assert_eq!(
            near,
            fastest < 1.5 * t.value,
            "{query}: {fastest} {}",
            t.value
        );
        let says = t
            .title
            .contains(&format!("2/(λmin+λmax) = {}", fmt_lr(fastest)))
            && t.title.contains("ends lower");
        assert_eq!(says, near, "{query}: {}", t.title);
        // It says what the mark is, in the words of its label.
        let what = if near {
            "the least slow fixed rate, from the rate map under More tools"
        } else {
            "the one rate this page suggests, from the rate map under More tools"
        };
        assert!(t.title.starts_with(what), "{query}: {}", t.title);
        if near {
            // And over the run it does end lower than the fastest rate.
            let (at_try, _) = ended(query, t.value);
            let (at_fastest, _) = ended(query, fastest);
            assert!(at_try < at_fastest, "{at_try} against {at_fastest}");
        }
    }
}

/// A swinging momentum run that still ends at the lowest loss says so first: the slider's try
/// mark on the momentum lesson sent a student to a rate badged oscillating, and the amber badge
/// alone read as the mark being wrong. The claim is checked against the run: its end is within
/// 5 % of the floor, and one that ends higher does not say it.
#[test]
fn a_swinging_run_that_arrives_says_so_first() {
    let lesson = stride::state::Preset::Momentum.config();
    let (_, map) = mapped("preset=momentum&predict=0");
    let t = map.try_lr.expect("a rate to try");
    let s = crate::common::finished(&stride::state::Config {
        lr0: t,
        ..lesson.clone()
    });
    let (f, r) = (s.facts(0), s.report(0));
    assert!(f.loss.expect("a loss") <= 1.05 * f.floor.expect("a floor"));
    assert!(
        r.why
            .starts_with("Swings, then settles at the bottom: the loss ends at")
            && r.why.contains("each swing spans two steps or more"),
        "{}",
        r.why
    );
    let short = crate::common::finished(&stride::state::Config {
        lr0: t,
        epochs: 10,
        ..lesson
    });
    let (f, r) = (short.facts(0), short.report(0));
    if f.loss.expect("a loss") > 1.05 * f.floor.expect("a floor") {
        assert!(!r.why.contains("a good rate"), "{}", r.why);
    }
}

/// On the line, the sweep's own tie (its grid's runs that end as low) and the rate map's green
/// band (its finer trial runs) are two ranges for one idea: the sweep's panel names the band as
/// the wider one, and the sweep's tied runs do lie inside it.
#[test]
fn the_sweeps_tie_and_the_maps_band_say_which_is_which() {
    let (s, map) = mapped("");
    let (lo, hi) = map.band.expect("a band");
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let sweep = scene.sweep.expect("the sweep");
    let note = sweep.band_note.clone().expect("a note");
    assert!(
        note.contains(&format!("from {} to {}", fmt_lr(lo), fmt_lr(hi)))
            && note.contains("measured between this grid's runs"),
        "{note}"
    );
    let best = sweep.best.as_ref().and_then(|b| b.loss).expect("a lowest");
    let tied: Vec<f64> = sweep
        .points
        .iter()
        .filter(|p| !p.diverged && p.loss.is_some_and(|l| l <= SWEEP_TIE * best))
        .map(|p| p.lr0)
        .collect();
    assert!(tied.len() > 1, "{tied:?}");
    assert!(
        tied.iter().all(|&r| r >= lo * 0.999 && r <= hi * 1.001),
        "{tied:?} against {lo} to {hi}"
    );
    // The sweep's first button is the map's rate to try, and its button for the lowest point,
    // the last before runs diverge, says so: a student took that one-click rate, one step from
    // the wall, for the page's answer beside the map's claim.
    let t = map.try_lr.expect("a rate to try");
    assert_eq!(sweep.safe, Some(t));
    assert!(
        sweep.safe_why.contains("rate map's try"),
        "{}",
        sweep.safe_why
    );
    let lowest = sweep.best.expect("a lowest point").lr0;
    let next = sweep
        .points
        .iter()
        .find(|p| p.lr0 > lowest)
        .expect("a rate above");
    assert!(next.diverged && sweep.by_wall, "{next:?}");
    assert!(!sweep.lucky);
}

/// The try mark says how to use its rate: a tap on it opens its tip and does not set lr0 (a
/// student tapped it as a button and met only the tip), and the menu beside lr0 offers it.
#[test]
fn the_try_mark_says_how_to_use_it() {
    let (s, map) = mapped("");
    let t = map.try_lr.expect("a rate to try");
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let mark = scene
        .marks
        .iter()
        .find(|m| m.class == "try")
        .expect("the try mark");
    assert_eq!(mark.value, t);
    assert!(
        mark.title.ends_with(
            "To use it, click or tap the mark, or pick it in the menu beside the lr0 box"
        ),
        "{}",
        mark.title
    );
}

/// A label at either end of the axis slides inwards and keeps within the picture, its tick
/// still under it: centred on 10, a phone's "runs fail" ran past the frame.
#[test]
fn a_label_at_the_axis_end_stays_in_the_picture_over_its_tick() {
    use plotters::prelude::*;
    use stride::charts::rate_map::{Tick, layout};
    use stride::state::settings::config::{LR_MAX, LR_MIN};
    let tick = |value, label| Tick {
        value,
        label,
        color: BLACK,
        dashed: false,
    };
    let ticks = [tick(LR_MIN, "smallest swept"), tick(LR_MAX, "runs fail")];
    for size in [(358, 268), (560, 140)] {
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let boxes = layout(&area, &ticks, (LR_MIN, LR_MAX));
        let [Some(low), Some(high)] = [boxes[0], boxes[1]] else {
            panic!("{size:?}: both labelled: {boxes:?}");
        };
        assert!(
            low[0] >= 0.0 && high[2] <= f64::from(size.0),
            "{size:?}: {low:?} {high:?}"
        );
        // Each box still spans its tick: the axis's ends, inside the side margins.
        assert!(low[0] < 40.0 && low[2] > 30.0, "{size:?}: {low:?}");
        assert!(high[2] > f64::from(size.0) - 40.0, "{size:?}: {high:?}");
    }
}

/// Where runs fail next to the limit but not on it, the map names both numbers and the grid's
/// step between them (a YOLO user read "where the limit says they would" beside a limit of
/// 0.692 and runs failing from 0.562); the cliff's note says what "fail" means, wider than the
/// sweep's "diverges".
#[test]
fn runs_failing_next_to_the_limit_say_how_near() {
    let mut checked = 0;
    for query in ["", "task=moons", "task=moons&batch=16&nbs=64"] {
        let (_, map) = mapped(query);
        let (Some(cliff), Some(limit)) = (
            map.rate(RateSource::SweepCliff),
            map.rate(RateSource::Limit),
        ) else {
            continue;
        };
        let note = map
            .notes
            .iter()
            .find(|n| n.starts_with("runs fail"))
            .expect("the cliff's note");
        assert!(
            note.contains("it blows up, or ends about as high"),
            "{note}"
        );
        if map.sentence.contains("where the limit says they would") {
            checked += 1;
            let (c, l) = (fmt_lr(cliff), fmt_lr(limit));
            let named = if c == l {
                format!("Runs fail from {c}, where the limit says")
            } else {
                format!("Runs fail from {c}, one step of the sweep's grid from the limit {l}")
            };
            assert!(map.sentence.contains(&named), "{query}: {}", map.sentence);
        }
    }
    assert!(checked > 0, "a map whose runs fail at its limit");
}

/// With momentum and the summed loss, the map's rate to try is the top of its band at no more
/// than half the limit, and the verdict agrees with it: a YOLO user was sent to 4.33e-5, the
/// bottom of a band of runs that all end at the floor, and a run there was badged crawl.
#[test]
fn under_momentum_and_the_summed_loss_the_rate_to_try_converges() {
    let yolo = |lr0: f64| crate::common::yolo_line(lr0, 0.0);
    let s = crate::common::finished(&yolo(1e-4));
    let scene =
        stride::state::Scene::build(&s, &mut stride::state::scene::SceneCache::default(), 0.0);
    let map = &scene.rate_map;
    let t = map.try_lr.expect("a rate to try");
    let band = map.band.expect("a band");
    let limit = rate(map, RateSource::Limit);
    assert!(t <= limit / 2.0, "{}", map.lead());
    // The largest run of the band below half the limit, not its bottom.
    assert!(t > band.0 * 10.0, "{t} in {band:?}");
    assert!(
        map.lead()
            .contains("where runs converge rather than zig-zag"),
        "{}",
        map.lead()
    );
    let at_try = crate::common::finished(&yolo(t));
    assert_eq!(
        at_try.report(0).verdict,
        Verdict::Converging,
        "{}",
        at_try.report(0).why
    );
    // With a decaying schedule, as the claim says, the same rate ends annealing: no zig-zag
    // (a YOLO user read "its badge says converging" beside ANNEALING).
    let decayed = crate::common::finished(&stride::state::Config {
        decay: stride::state::DecayKind::Linear,
        lrf: 0.01,
        ..yolo(t)
    });
    let r = decayed.report(0);
    assert!(
        matches!(r.verdict, Verdict::Converging | Verdict::Annealing),
        "{}",
        r.why
    );
    // A rate a hundred times under the limit whose run still reaches the floor is no crawl.
    assert!(1e-4 < limit / 100.0);
    assert_ne!(s.report(0).verdict, Verdict::Crawl, "{}", s.report(0).why);
    // Set from the half mark as printed, a hair above half: "is at", not "0.00754 is above
    // 0.00754".
    let half = fmt_lr(limit / 2.0);
    let at_half = crate::common::finished(&yolo(half.parse().expect("a number")));
    let why = at_half.report(0).why;
    assert!(why.contains(&format!("is at {half}")), "{why}");
}

/// With momentum on the line the trial runs' end losses swing from rate to rate, and the lowest
/// is one of many near it: the claim says which rates end within a few per cent of it, the
/// lesson's own lr0 among them, so "lr0 0.22 is a good rate" and "try 0.0684" do not read as
/// two answers (two students took them so).
#[test]
fn the_lowest_trial_run_names_the_runs_near_it() {
    let mut config = stride::state::Preset::Momentum.config();
    config.predict = false;
    config.preset = None;
    let s = crate::common::finished(&config);
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let map = &scene.rate_map;
    let t = map.try_lr.expect("a rate to try");
    let claim = &map.claim;
    let (_, range) = claim.split_once("though all from ").expect(claim);
    let (lo, rest) = range.split_once(" to ").expect(claim);
    let (hi, rest) = rest.split_once(" end within ").expect(claim);
    let pct: f64 = rest.split_once(' ').expect(claim).0.parse().expect(claim);
    let (lo, hi): (f64, f64) = (lo.parse().expect(claim), hi.parse().expect(claim));
    assert!(
        lo < t && t < hi && lo < config.lr0 && config.lr0 < hi,
        "{claim}"
    );
    assert!(pct <= 10.0, "{claim}");
    // The lesson's rate ends within that margin of the try's run, as the claim says.
    let mut at_try = config.clone();
    at_try.lr0 = t;
    let (own, best) = (s.ends()[0].1, crate::common::finished(&at_try).ends()[0].1);
    assert!(
        own <= best * (1.0 + pct / 100.0) * 1.05,
        "{own} against {best}"
    );
    // The verdict's note on its good rate carries the claim.
    let why = &scene.readout.verdict.why;
    assert!(
        why.contains("settles at the bottom") && why.contains("though all from"),
        "{why}"
    );
}

/// The map's two ends, shaded and named, say what whole runs there do: on the line, below the
/// small end the run crawls and just above it does not, and past the large end (the exact
/// limit) it diverges and just below it does not; on moons the small end lies between a swept
/// rate whose run crawls and the next, which does not, and the large end is where the sweep's
/// runs start to go wrong, as the slider marks it. The chart writes each end's words where
/// they fit.
#[test]
fn the_maps_ends_say_what_whole_runs_there_do() {
    use stride::state::scene::{Zone, ZoneEnd};
    let end = |map: &RateMap, which: ZoneEnd| -> Option<Zone> {
        map.zones.iter().find(|z| z.end == which).cloned()
    };
    let (_, line) = mapped("");
    let small = end(&line, ZoneEnd::Small).expect("the line's crawl");
    let large = end(&line, ZoneEnd::Large).expect("the line's limit");
    let (c, l) = (small.range.1, large.range.0);
    assert_eq!(badge("", c / 1.2).0, Verdict::Crawl, "below {c}");
    assert_ne!(badge("", c * 1.2).0, Verdict::Crawl, "above {c}");
    assert_eq!(badge("", l * 1.05).0, Verdict::Diverging, "above {l}");
    assert_ne!(badge("", l / 1.05).0, Verdict::Diverging, "below {l}");
    let t = line.try_lr.expect("a rate to try");
    assert!(c < t && t < l, "{c} < {t} < {l}");
    // Between the crawl and the green band, named: runs there train, and end higher than the
    // band's (the line's default lr0 0.1 lies there, badged converging).
    let slow = end(&line, ZoneEnd::Slow).expect("the line's gap");
    let (lo, hi) = line.band.expect("a green band");
    assert_eq!(slow.range, (c, lo));
    let ends = |lr0: f64| {
        crate::common::finished(&stride::state::Config {
            lr0,
            ..stride::state::Config::default()
        })
        .ends()[0]
            .1
    };
    let (in_gap, in_band) = ((c * lo).sqrt(), (lo * hi).sqrt());
    let (v, why) = badge("", in_gap);
    assert!(matches!(v, Verdict::Converging), "{in_gap}: {v:?} {why}");
    assert!(ends(in_gap) > ends(in_band), "{in_gap} against {in_band}");
    assert!(
        (c..lo).contains(&stride::state::Config::default().lr0),
        "the default lr0 lies in it"
    );
    // And between the band and the limit: runs there train, and end higher than the band's.
    let high = end(&line, ZoneEnd::High).expect("the line's gap above the band");
    assert_eq!(high.range, (hi, l));
    let in_high = (hi * l).sqrt();
    let (v, why) = badge("", in_high);
    assert_ne!(v, Verdict::Diverging, "{in_high}: {why}");
    assert!(ends(in_high) > ends(in_band), "{in_high} against {in_band}");
    assert_eq!(
        Some(l),
        line.points
            .iter()
            .find(|p| p.source == RateSource::Limit)
            .map(|p| p.value)
    );

    let (s, moons) = mapped("task=moons");
    // On a network the small end comes from the sweep's whole runs: the swept rate below it
    // crawls, the one above it does not.
    let sweep = Scene::build(&s, &mut SceneCache::default(), 0.0)
        .sweep
        .expect("the sweep");
    let c = end(&moons, ZoneEnd::Small)
        .expect("where moons' runs crawl")
        .range
        .1;
    let below = sweep
        .points
        .iter()
        .rfind(|p| p.lr0 < c)
        .expect("a rate below");
    let above = sweep
        .points
        .iter()
        .find(|p| p.lr0 > c)
        .expect("a rate above");
    assert_eq!(
        badge("task=moons", below.lr0).0,
        Verdict::Crawl,
        "{below:?}"
    );
    assert_ne!(
        badge("task=moons", above.lr0).0,
        Verdict::Crawl,
        "{above:?}"
    );
    let large = end(&moons, ZoneEnd::Large).expect("where moons' runs go wrong");
    assert_eq!(Some(large.range.0), moons.wrong().map(|p| p.value));
    let at = sweep
        .points
        .iter()
        .find(|p| fmt_lr(p.lr0) == fmt_lr(large.range.0))
        .expect("a swept run there");
    let best_below = sweep
        .points
        .iter()
        .filter(|p| p.lr0 < at.lr0 && !p.diverged)
        .filter_map(|p| p.loss)
        .fold(f64::INFINITY, f64::min);
    assert!(
        at.diverged || at.loss.is_some_and(|x| x > 2.0 * best_below),
        "{at:?} against {best_below}"
    );
    // With no green band on moons, the stretch from the crawl to the rate to try is named:
    // every swept run in it ends higher than the try's (a student met lr0 0.1 stalled there, in
    // an unnamed white gap past "too small").
    assert!(moons.band.is_none(), "{:?}", moons.band);
    let t = moons.try_lr.expect("a rate to try on moons");
    let slow = end(&moons, ZoneEnd::Slow).expect("moons' slow stretch");
    assert_eq!(slow.range, (c, t));
    assert!((c..t).contains(&0.1), "{slow:?}");
    let at_try = sweep
        .points
        .iter()
        .find(|p| p.lr0 == t)
        .and_then(|p| p.loss)
        .expect("the try's run");
    let inside: Vec<_> = sweep
        .points
        .iter()
        .filter(|p| (c..t).contains(&p.lr0))
        .collect();
    assert!(
        !inside.is_empty() && inside.iter().all(|p| p.loss.is_some_and(|l| l > at_try)),
        "{inside:?} against {at_try}"
    );

    // Drawn: each end's longer words fit at the desktop width.
    let svg = drawn(&line);
    // The ends in full; the narrow gap between crawl and band in its short word; the gap
    // above the band, 0.46 to 0.498, is too narrow for either.
    for z in line.zones.iter().filter(|z| z.end != ZoneEnd::High) {
        let words = if z.end == ZoneEnd::Slow {
            z.words[1]
        } else {
            z.words[0]
        };
        assert!(
            svg.contains(&format!(">\n{words}\n<")),
            "{:?} drawn",
            z.words
        );
    }
}

/// Once the sweep has run, the verdict weighs the run against the sweep's best whole run of the
/// same settings: a teacher saw moons at lr0 0.1 badged converging, "the loss falls steadily",
/// its loss flat for the last half of the run, beside a sweep whose best run ended 30 times
/// lower. It is stalled, and it says which run got further, and at what rate; that run is no
/// stall itself.
#[test]
fn after_the_sweep_a_run_far_above_its_best_whole_run_has_stalled() {
    let (s, _) = mapped("task=moons");
    let r = s.report(0);
    assert_eq!(r.verdict, Verdict::Stalled, "{}", r.why);
    let (loss, lr) = s.facts(0).swept.expect("the sweep's best run");
    assert!(
        r.why.contains(&format!(
            "the LR sweep's whole run at lr0 {} ended at {}",
            fmt_lr(lr),
            stride::engine::stability::fmt_loss(loss)
        )),
        "{}",
        r.why
    );
    assert!(s.facts(0).loss.is_some_and(|now| now > 3.0 * loss));
    let (there, why) = badge("task=moons", lr);
    assert!(
        matches!(there, Verdict::Converging | Verdict::Oscillating),
        "{there:?}: {why}"
    );
    // Before the sweep, the same run reads converging: the page knew of no run that got further.
    let mut before = Session::for_config(&parse_query("task=moons").0);
    before.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    assert_eq!(before.report(0).verdict, Verdict::Converging);
}

/// Where several runs past the first that went wrong end lower than any before it (clipped
/// runs above the limit hop about), the sweep does not call the lowest "one lucky run": it
/// counts them, and still names the lowest before as the safe one (a YOLO user's 5-epoch run
/// with warmup, whose sweep went wrong at 0.01 and then ended lower at three rates above it).
#[test]
fn several_lower_runs_past_the_edge_are_counted_not_called_one_lucky_run() {
    let query = "lr0=0.01&epochs=5&batch=4&warmup_epochs=3&decay=linear&momentum=0.937&nesterov=1&weight_decay=0.0005&clip=1&loss_scale=batch";
    let (s, map) = mapped(query);
    let sweep = Scene::build(&s, &mut SceneCache::default(), 0.0)
        .sweep
        .expect("a sweep view");
    let said = &sweep.sentence;
    let wrong = rate(&map, RateSource::SweepEdge);
    let ok = |p: &&stride::state::runs::sweep::SweepPoint| !p.diverged && p.loss.is_some();
    let before = sweep
        .points
        .iter()
        .filter(|p| p.lr0 < wrong)
        .filter(ok)
        .filter_map(|p| p.loss)
        .fold(f64::INFINITY, f64::min);
    let lower = sweep
        .points
        .iter()
        .filter(|p| p.lr0 > wrong)
        .filter(ok)
        .filter(|p| p.loss.is_some_and(|l| l < before))
        .count();
    assert!(lower > 1, "{said}");
    assert!(
        said.contains(&format!(
            "{lower} runs past it end lower than any before it"
        )) && !said.contains("one lucky run")
            && said.contains(&format!("the lowest before {} is", fmt_lr(wrong))),
        "{said}"
    );
}

/// Where the trial run at the limit itself ends lowest, the lead says the runs stopped there
/// and larger rates were not tried (a YOLO user met "try 0.00525" on "limit 0.00525"); a try
/// below the limit says nothing of the kind.
#[test]
fn a_try_at_the_limit_says_no_larger_rate_was_tried() {
    let words = "The trial runs stop at the limit, and this one is at it";
    let query = "lr0=0.01&epochs=5&batch=4&warmup_epochs=3&decay=linear&momentum=0.937&nesterov=1&weight_decay=0.0005&clip=1&loss_scale=batch";
    let map = early(query, false);
    let (t, limit) = (map.try_lr.expect("a rate"), rate(&map, RateSource::Limit));
    assert_eq!(fmt_lr(t), fmt_lr(limit));
    assert!(map.why.contains(words), "{}", map.why);
    // The limit's own line says so too, not "not a target" beside the try at it.
    let others = map.points.iter().filter(|p| p.source != RateSource::Try);
    let (_, note) = others
        .zip(&map.notes)
        .find(|(p, _)| p.source == RateSource::Limit)
        .expect("the limit's note");
    assert!(
        note.contains("here it is the rate to try too") && !note.contains("not a target"),
        "{note}"
    );
    let below = early("preset=momentum&predict=0", false);
    assert!(below.try_lr.expect("a rate") < rate(&below, RateSource::Limit));
    assert!(!below.why.contains(words), "{}", below.why);
    assert!(
        !below
            .notes
            .iter()
            .any(|n| n.contains("the rate to try too")),
        "{:?}",
        below.notes
    );
}

/// Past where the sweep's runs go wrong (above the limit at start, on moons), the verdict
/// beside a run that ended well says it is luck, as the sweep does (a teacher met CONVERGING
/// at lr0 3.16 beside the sweep's "one lucky run ... not a safe rate"); below that rate, and
/// before the sweep, it adds nothing.
#[test]
fn past_where_runs_go_wrong_the_verdict_says_a_good_end_is_luck() {
    let (s, map) = mapped("task=moons");
    let marks = Scene::build(&s, &mut SceneCache::default(), 0.0).marks;
    let wrong = rate(&map, RateSource::SweepEdge);
    assert!(
        wrong > rate(&map, RateSource::Limit),
        "above the limit at start"
    );
    let lowest = map
        .rate(RateSource::SweepLowest)
        .expect("the sweep's lowest");
    assert!(lowest > wrong, "the lucky run lies past it");
    let note = map.verdict_note(&marks, lowest).expect("a note");
    assert!(
        note.contains(&format!("go wrong from {}", fmt_lr(wrong)))
            && note.contains("a run that ends well is luck, not a safe rate"),
        "{note}"
    );
    let t = map.try_lr.expect("a rate to try");
    assert_eq!(map.verdict_note(&marks, t), None);
    assert_eq!(early("task=moons", true).verdict_note(&marks, lowest), None);
}

/// With momentum the sweep's pick at half the limit at start says what the verdict says, not
/// plain SGD's "steps that do not overshoot": a heavy ball swings past the bottom at any rate
/// (a teacher). The run named as ending lower past half the limit is badged oscillating, as
/// the lead says.
#[test]
fn with_momentum_the_sweeps_pick_does_not_promise_steps_without_overshoot() {
    let query = "task=moons&momentum=0.9";
    let (_, map) = mapped(query);
    let limit = rate(&map, RateSource::Limit);
    let t = map.try_lr.expect("a rate to try");
    assert_eq!(map.calm_below, Some(limit / 2.0), "{}", map.lead());
    assert!(t <= limit / 2.0, "{t} against {limit}");
    assert!(!map.lead().contains("overshoot"), "{}", map.lead());
    assert!(map.why.contains("swing past the bottom"), "{}", map.why);
    assert_eq!(badge(query, t).0, Verdict::Converging);
    let lower = rate_between(&map.why, "lr0 ", " ended ");
    assert!(lower > limit / 2.0, "{}", map.why);
    assert!(
        map.why.contains("the verdict badges its run oscillating"),
        "{}",
        map.why
    );
    assert_eq!(badge(query, lower).0, Verdict::Oscillating, "{}", map.why);
}

/// Where the trial run that ends lowest lies past half the limit and no run below half comes
/// near it, the lead says so before the button, not the badge after it: a YOLO user pressed
/// "Use lr0 0.00525" on their 5-epoch run and met OSCILLATING on the rate just offered. The
/// best run at no more than half the limit is named with its loss, which is far higher.
#[test]
fn a_rate_to_try_past_half_the_limit_says_so_before_the_button() {
    let q = "lr0=0.01&epochs=5&batch=4&warmup_epochs=3&decay=linear&momentum=0.937&nesterov=1&weight_decay=0.0005&clip=1&loss_scale=batch";
    let map = early(q, false);
    let t = map.try_lr.expect("a rate to try");
    let limit = rate(&map, RateSource::Limit);
    assert!(t > limit / 2.0, "{t} against {limit}");
    assert!(
        map.claim
            .contains("past half the limit, where steps can zig-zag"),
        "{}",
        map.claim
    );
    let (mut c, _) = parse_query(q);
    c.lr0 = t;
    let at_try = crate::common::finished(&c);
    assert_eq!(at_try.report(0).verdict, Verdict::Oscillating);
    // The run it names below half the limit ends as the lead says, and higher.
    let below = rate_between(&map.why, "at no more than half, lr0 ", ", ended");
    assert!(below <= limit / 2.0, "{}", map.why);
    let (loss, _) = ended(q, below);
    let (lowest, _) = ended(q, t);
    assert!(
        map.why.contains(&format!(
            "ended at loss {}",
            stride::engine::stability::fmt_loss(loss)
        )) && loss > 2.0 * lowest,
        "{loss} against {lowest}: {}",
        map.why
    );
}

/// The rate to try on the line is not the fastest, and its why says what the faster rates of
/// the green band do and why it keeps its margin (a student watched 0.45 reach the bottom in
/// half the steps of "try 0.21" and found only "keeps a margin"): they arrive in fewer steps,
/// zig-zagging, and end no lower; each part measured here on the exact valley.
#[test]
fn the_try_on_the_line_says_what_the_faster_rates_above_it_do() {
    let (s, map) = mapped("lr0=0.1");
    let t = rate(&map, RateSource::Try);
    let hi = rate_between(
        &map.why,
        "Rates above it, up to ",
        ", arrive in fewer steps",
    );
    assert!(hi > 1.5 * t, "{t} against {hi}: {}", map.why);
    assert!(
        map.why.contains("zig-zagging, and end no lower; on a network, whose limit is only estimated at the start, that margin keeps a run from going wrong."),
        "{}",
        map.why
    );
    let valley = s.valley.as_ref().expect("the line");
    let steps = s.config.epochs;
    let (at_try, at_hi) = (valley.descend(t, steps), valley.descend(hi, steps));
    let floor = valley.min_loss;
    let near = |losses: &[f32]| losses.iter().position(|&l| f64::from(l) <= 1.05 * floor);
    let (a, b) = (near(&at_try.losses), near(&at_hi.losses));
    assert!(
        b.is_some() && (a.is_none() || b < a),
        "within 5 % of the floor: {a:?} at {t}, {b:?} at {hi}"
    );
    let end = |l: &[f32]| f64::from(*l.last().expect("a loss"));
    assert!(end(&at_hi.losses) >= 0.99 * end(&at_try.losses));
    // It zig-zags: the path crosses the floor's line along the steep direction.
    assert!(
        hi > 1.0 / valley.spectrum.lambda_max,
        "{hi} is past half the limit"
    );
}

/// Where the LR sweep's whole runs above the limit end lower than the try, the map says so and
/// what carried them through, rather than calling the try the rate that ends lowest (a YOLO
/// user's 5-epoch run with clipping: four swept rates above the limit 0.00525 ended lower).
/// The rate it quotes is a swept rate above the limit that did end lower; and the clipped
/// run's advice scopes "ends lowest" to rates up to the limit.
#[test]
fn swept_runs_above_the_limit_that_end_lower_are_named_beside_the_try() {
    let query = "lr0=0.01&epochs=5&batch=4&warmup_epochs=3&decay=linear&momentum=0.937&nesterov=1&weight_decay=0.0005&clip=1&loss_scale=batch";
    let (s, map) = mapped(query);
    let limit = rate(&map, RateSource::Limit);
    let at = rate_between(
        &map.why,
        "Above the limit the LR sweep's whole runs can still end lower (lr0 ",
        ": loss ",
    );
    let said = rate_between(&map.why, &format!("(lr0 {}: loss ", fmt_lr(at)), ")");
    let point = crate::common::sweep_points(&s)
        .into_iter()
        .find(|p| fmt_lr(p.lr0) == fmt_lr(at))
        .expect("a swept rate");
    assert!(
        at > limit && !point.diverged,
        "{at} against the limit {limit}"
    );
    assert_eq!(
        stride::engine::stability::fmt_loss(point.loss.expect("a loss")),
        stride::engine::stability::fmt_loss(said)
    );
    // Both numbers are the same measure, and the why says which.
    assert!(
        map.why
            .contains("scored as the LR sweep scores its runs, by the last epoch's mean loss"),
        "{}",
        map.why
    );
    let tried = rate_between(&map.why, "ended lowest (loss ", ")");
    assert!(
        said < tried,
        "{said} against the try's {tried}: {}",
        map.why
    );
    // Above the limit the verdict's advice names the try as the best up to the limit.
    let mut c = parse_query(query).0;
    c.predict = false;
    let r = crate::common::finished(&c).report(0);
    assert!(
        r.advice.as_deref().is_some_and(|a| a.starts_with(
            "Lower lr0 to the slider's try mark: of the rates up to the stable limit"
        )),
        "{}: {:?}",
        r.why,
        r.advice
    );
}

/// On the clipping lesson the map does not say runs go wrong at or below the lesson's own lr0,
/// whose clipped run classifies as well as the sweep's best (the map shaded 0.05, at 100 %,
/// "too large: runs go wrong"); where it does mark the edge, that run is more than
/// `LEVEL` below the best accuracy before it.
#[test]
fn the_clipping_lessons_own_rate_is_not_where_runs_go_wrong() {
    use stride::state::runs::sweep::{LEVEL, goes_wrong};
    let (s, map) = mapped("preset=clipping&predict=0");
    let points = crate::common::sweep_points(&s);
    let best = points
        .iter()
        .filter_map(|p| p.accuracy)
        .fold(f64::NEG_INFINITY, f64::max);
    let lr0 = s.config.lr0;
    let own = points
        .iter()
        .find(|p| fmt_lr(p.lr0) == fmt_lr(lr0) || (p.lr0 / lr0 - 1.0).abs() < 0.15)
        .expect("a swept run near lr0");
    assert!(own.accuracy.is_some_and(|a| a >= best - LEVEL), "{own:?}");
    let wrong = goes_wrong(&points).expect("runs go wrong somewhere");
    assert!(
        wrong > lr0,
        "runs go wrong from {wrong}, lr0 {lr0}: {points:?}"
    );
    // lr0 lies in the named stretch above the band, not in an unnamed gap: its run trains, and
    // ends higher than the band's lowest.
    let high = map
        .zones
        .iter()
        .find(|z| z.end == stride::state::scene::ZoneEnd::High)
        .expect("the stretch above the band");
    assert!(high.range.0 < lr0 && lr0 < high.range.1, "{high:?}");
    assert_eq!(high.words[0], "trains, ends higher");
    assert!(
        high.words
            .iter()
            .any(|w| drawn(&map).contains(&format!(">\n{w}\n<"))),
        "{high:?} drawn"
    );
    let lowest = points
        .iter()
        .filter_map(|p| p.loss)
        .fold(f64::INFINITY, f64::min);
    assert!(own.loss.is_some_and(|l| l > lowest), "{own:?}");
    if let Some(e) = map.rate(RateSource::SweepEdge) {
        let at = points.iter().find(|p| p.lr0 == e).expect("a swept rate");
        let before = points
            .iter()
            .filter(|p| p.lr0 < e)
            .filter_map(|p| p.accuracy)
            .fold(f64::NEG_INFINITY, f64::max);
        assert!(at.accuracy.is_none_or(|a| a < before - LEVEL), "{at:?}");
        // Its note says the rule by which it was placed, accuracy and all.
        let others = map.points.iter().filter(|p| p.source != RateSource::Try);
        let (_, note) = others
            .zip(&map.notes)
            .find(|(p, _)| p.source == RateSource::SweepEdge)
            .expect("the edge's note");
        assert!(note.contains("over 2 points below the best"), "{note}");
    }
}

/// `map`'s chart, its zones shaded and named, as SVG at the desktop width.
fn drawn(map: &RateMap) -> String {
    use plotters::prelude::*;
    let mut svg = String::new();
    {
        let shades: Vec<_> = map
            .zones
            .iter()
            .map(|z| stride::charts::rate_map::Shade {
                range: z.range,
                words: z.words,
                color: z.color(),
            })
            .collect();
        let area = SVGBackend::with_string(&mut svg, (900, 180)).into_drawing_area();
        stride::charts::rate_map::draw(
            &area,
            &map.ticks(false),
            (1e-5, 10.0),
            None,
            &shades,
            &stride::charts::LIGHT,
        )
        .expect("drawn");
    }
    svg
}

/// On the Ultralytics-defaults lesson the map's auto mark says how whole runs near auto's rate
/// end against the sweep's lowest, read off the swept run nearest it (a student met "auto
/// learns the moons" at 0.00167 beside "try 0.316", with nothing on which to believe).
#[test]
fn the_auto_mark_says_how_runs_near_it_end_against_the_sweeps_lowest() {
    let (s, map) = mapped("preset=ultralytics-defaults&predict=0");
    let others = map.points.iter().filter(|p| p.source != RateSource::Try);
    let (auto, note) = others
        .zip(&map.notes)
        .find(|(p, _)| p.source == RateSource::Auto)
        .expect("the auto mark");
    let points = crate::common::sweep_points(&s);
    let near = stride::charts::sweep::nearest(&points, auto.value).expect("a swept run");
    let lowest = points
        .iter()
        .filter(|p| !p.diverged)
        .filter_map(|p| p.loss)
        .fold(f64::INFINITY, f64::min);
    let ratio = near.loss.expect("it trained") / lowest;
    assert!(ratio > 2.0, "{near:?} against {lowest}");
    let said = format!(
        "the swept run nearest it, at {}, ends {} as high as the sweep's lowest",
        fmt_lr(near.lr0),
        if ratio < 10.0 {
            format!("{ratio:.1}×")
        } else {
            format!("{ratio:.0}×")
        }
    );
    assert!(note.contains(&said), "{note}\nwanted: {said}");
    assert!(note.contains("not fitted to this task"), "{note}");
}
