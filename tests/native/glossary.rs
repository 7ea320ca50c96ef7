//! The glossary: every term of art the issue lists has a one- or two-sentence entry, and each
//! term in the page's texts (lessons, verdicts, captions, the finder, sweep and rate-map
//! sentences) is marked up so that the page can open its explanation.
#![cfg(not(target_arch = "wasm32"))]

use crate::common::clock;
use stride::state::lessons::glossary::{GLOSSARY, Piece, in_order, lookup, mark_up};
use stride::state::runs::session::{Command, Session};
use stride::state::scene::{FIRST_VISIT, SceneCache};
use stride::state::{Preset, Scene, Task, parse_query};

/// The terms a first-time student met without an explanation (issue 21, item 4).
const REQUIRED: [&str; 36] = [
    "λmax",
    "2/λmax",
    "stable limit",
    "PCA",
    "nbs",
    "accumulate",
    "warmup_bias_lr",
    "lrf",
    "momentum",
    "Nesterov",
    "weight decay",
    "one-cycle",
    "epoch",
    "iteration",
    "validation",
    "smoothed",
    // A student found these on the rate map and in the verdicts with no explanation.
    "λmin",
    "2/(λmin+λmax)",
    // A second student met these in the questions and verdicts.
    "gradient clipping",
    "optimizer=auto",
    "quadratic",
    "power iteration",
    // Two more met the optimizers' names, and Ultralytics' MuSGD, unexplained.
    "SGD",
    "Adam",
    "MuSGD",
    "minibatch",
    // A third asked what a loss and a gradient are, in plain words, before any formula.
    "loss",
    "gradient",
    // A fourth met these in the lessons and badges (ANNEALING) with no explanation.
    "warmup",
    "annealing",
    "heavy ball",
    "curvature",
    "summed",
    // And the read-out's lr beside the slider's lr0.
    "lr",
    // A fifth took the slider's limit at start for a limit on whole runs of a network.
    "limit at start",
    // A sixth met the network landscape's "Unequal axes." with no word on what was unequal.
    "unequal axes",
];

/// Sentences, counted by their ends: a full stop, question or exclamation mark followed by a
/// space or the end (so "0.937" and "lr0/25" are not ends).
fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter(|&k| {
            matches!(chars[k], '.' | '?' | '!') && chars.get(k + 1).is_none_or(|c| *c == ' ')
        })
        .count()
}

#[test]
fn every_listed_term_has_a_short_entry() {
    for term in REQUIRED {
        let e = lookup(term).unwrap_or_else(|| panic!("no entry for {term}"));
        let n = sentences(e.text);
        assert!((1..=2).contains(&n), "{term}: {n} sentences: {}", e.text);
        assert!(
            e.text.split_whitespace().count() <= 45,
            "{term} is too long to read in a tip: {}",
            e.text
        );
        // The explanation explains, rather than naming the term again and stopping.
        assert!(
            e.text.split_whitespace().count() >= 10,
            "{term}: {}",
            e.text
        );
    }
    assert_eq!(
        sentences("At 0.937 each step keeps 93.7 %. Then lr0/25."),
        2
    );
}

/// The page's list of words holds every entry once, each under its first letter, so that a
/// reader who looks up "2/λmax" finds it beside "λmax", and every term the issue lists is there
/// to read without hover or tap.
#[test]
fn the_list_of_words_holds_every_entry_once_by_letter() {
    let list = in_order();
    assert_eq!(list.len(), GLOSSARY.len());
    for e in GLOSSARY {
        assert_eq!(
            list.iter().filter(|l| l.term == e.term).count(),
            1,
            "{}",
            e.term
        );
    }
    for term in REQUIRED {
        assert!(
            list.iter()
                .any(|e| Some(e.term) == lookup(term).map(|l| l.term)),
            "{term}"
        );
    }
    let at = |t: &str| list.iter().position(|e| e.term == t).expect(t);
    // Letters only, case aside: "Adam" before "annealing" before "epoch", "β₁" after the
    // Latin letters, and each formula right after the symbol it is built on.
    assert!(at("accumulate") < at("Adam") && at("Adam") < at("annealing"));
    assert!(at("annealing") < at("epoch") && at("warmup_bias_lr") < at("β₁"));
    assert_eq!(at("2/λmax"), at("λmax") + 1);
    assert!(at("λmin") < at("2/(λmin+λmax)"));
}

/// Whether `text` holds `word` whole (case-insensitively, not inside a longer identifier):
/// written apart from the glossary's matcher, so that this test checks it.
fn holds(text: &str, word: &str) -> bool {
    let (t, w) = (text.to_lowercase(), word.to_lowercase());
    let inner = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    t.match_indices(&w)
        .any(|(i, _)| !inner(t[..i].chars().next_back()) && !inner(t[i + w.len()..].chars().next()))
}

/// Every term in `text` is marked where it first appears, and the pieces spell the text.
fn check_marked(text: &str, seen: &mut Vec<&'static str>) {
    let pieces = mark_up(text);
    let joined: String = pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) | Piece::Term(t, _) => *t,
        })
        .collect();
    assert_eq!(joined, text);
    let mut marked: Vec<&str> = Vec::new();
    for piece in &pieces {
        match piece {
            Piece::Term(t, e) => {
                assert!(e.spellings.iter().any(|s| s.eq_ignore_ascii_case(t)));
                marked.push(e.term);
                if !seen.contains(&e.term) {
                    seen.push(e.term);
                }
            }
            Piece::Text(t) => {
                for e in GLOSSARY {
                    // 2/λmax holds λmax; a term inside a longer marked one is not a second term.
                    let spelled = e.spellings.iter().any(|s| holds(t, s));
                    let inside = GLOSSARY.iter().any(|o| {
                        o.term != e.term
                            && o.term.contains(e.term)
                            && o.spellings.iter().any(|s| holds(t, s))
                    });
                    assert!(
                        !spelled || inside || marked.contains(&e.term),
                        "{} is not marked in: {text}",
                        e.term
                    );
                }
            }
        }
    }
}

#[test]
fn the_terms_in_the_pages_texts_are_marked_up() {
    let mut texts: Vec<String> = vec![FIRST_VISIT.to_string()];
    for p in Preset::ALL {
        texts.push(p.claim().to_string());
        texts.push(p.lesson().to_string());
    }
    // Each task's default page, and the line's after a run, the finder and the sweep.
    for task in Task::ALL {
        let (config, _) = parse_query(&format!("task={}", task.name()));
        let s = Session::for_config(&config);
        let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
        texts.push(scene.landscape.caption.to_string());
        texts.push(scene.readout.verdict.why.clone());
        texts.push(stride::charts::loss::key(&scene.loss));
    }
    // A network's landscape is drawn on the plane of its path's main directions once it ran.
    let mut moons = Session::for_config(&parse_query("task=moons&epochs=5").0);
    moons.tick(usize::MAX, f64::INFINITY, f64::INFINITY, &clock());
    let landscape = Scene::build(&moons, &mut SceneCache::default(), 0.0).landscape;
    texts.push(landscape.caption.to_string());
    texts.push(landscape.caveat.clone());
    // The caveat a network's plane often carries opens its meaning too.
    assert!(matches!(
        mark_up("Unequal axes.")[0],
        Piece::Term("Unequal axes", e) if e.term == "unequal axes"
    ));
    let mut s = Session::for_config(&parse_query("").0);
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    s.command(Command::Find, &|| 0.0);
    s.command(Command::Sweep, &|| 0.0);
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    texts.push(scene.readout.verdict.why.clone());
    texts.extend(scene.readout.verdict.advice.clone());
    texts.push(scene.finder.expect("the finder ran").sentence);
    texts.push(scene.sweep.expect("the sweep ran").sentence);
    texts.push(scene.rate_map.sentence.clone());
    let mut seen = Vec::new();
    for text in &texts {
        check_marked(text, &mut seen);
    }
    // The texts do use the terms a student stumbled on, so the check above checked something.
    for term in ["λmax", "2/λmax", "stable limit", "PCA", "epoch", "momentum"] {
        assert!(
            seen.contains(&term),
            "{term} appears in none of the texts: {seen:?}"
        );
    }
}

#[test]
fn a_term_is_whole_words_only_and_marked_once() {
    let pieces = mark_up("warmup_momentum then momentum, then Momentum; epochs of 2/λmax.");
    let terms: Vec<(&str, &str)> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Term(t, e) => Some((*t, e.term)),
            Piece::Text(_) => None,
        })
        .collect();
    assert_eq!(
        terms,
        vec![
            ("momentum", "momentum"),
            ("epochs", "epoch"),
            ("2/λmax", "2/λmax")
        ]
    );
    // The read-out's lr is marked in its own case only: the LR finder is not a step's rate,
    // and lr0 is a word of its own.
    let lr: Vec<&str> = mark_up("The LR finder, lr0 0.1, and lr 0.05 now.")
        .iter()
        .filter_map(|p| match p {
            Piece::Term(t, _) => Some(*t),
            Piece::Text(_) => None,
        })
        .collect();
    assert_eq!(lr, vec!["lr"]);
}

/// The verdict shows its plain first sentence; the formula after it is folded.
#[test]
fn the_verdict_opens_in_plain_words_and_folds_the_formula() {
    use stride::state::scene::plain_opening;
    let mut s = Session::for_config(&parse_query("").0);
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    let why = s.report(0).why;
    let (opening, rest) = plain_opening(&why);
    assert!(
        (opening.ends_with('.') || opening.ends_with(':')) && !rest.is_empty(),
        "{why}"
    );
    assert!(
        !opening.contains('λ') && rest.contains('λ'),
        "{opening} | {rest}"
    );
    assert_eq!(format!("{opening} {rest}"), why);
    assert_eq!(
        plain_opening("One sentence only."),
        ("One sentence only.", "")
    );
    // "0.5" is not a sentence's end.
    assert_eq!(
        plain_opening("At 0.5 it falls. Then λ.").0,
        "At 0.5 it falls."
    );
}

/// Every badge says what it means on a tap, in plain words: no formula, one or two sentences,
/// and none the same as another's (a student met STALLED and ANNEALING with nothing to ask).
#[test]
fn every_badge_has_a_plain_meaning_of_its_own() {
    use stride::state::lessons::verdict::Verdict;
    let mut seen = Vec::new();
    for v in Verdict::ALL {
        let m = v.meaning();
        let n = sentences(m);
        assert!((1..=2).contains(&n), "{}: {n} sentences: {m}", v.name());
        let words = m.split_whitespace().count();
        assert!(
            (10..=30).contains(&words),
            "{}: {words} words: {m}",
            v.name()
        );
        assert!(
            !m.contains(['λ', '/', '=', '√', '²', '≈']),
            "{}: a formula in {m}",
            v.name()
        );
        // A meaning is general: advice that may not fit this run belongs to its verdict.
        assert!(!holds(m, "increase") && !holds(m, "raise"), "{m}");
        assert!(!seen.contains(&m), "two badges mean the same: {m}");
        seen.push(m);
    }
}

/// The β₁ tip says what the read-out shows: Ultralytics passes the momentum setting to AdamW
/// as its β₁ (a YOLO user met "not the momentum setting" beside "β₁ 0.937"), and auto uses 0.9.
#[test]
fn the_beta_tip_matches_what_the_read_out_shows() {
    use stride::state::OptKind;
    let tip = lookup("β₁").expect("an entry").text;
    assert!(tip.contains("passes the momentum setting"), "{tip}");
    let end = |optimizer: OptKind| {
        let s = crate::common::finished(&stride::state::Config {
            optimizer,
            momentum: 0.937,
            predict: false,
            ..stride::state::Config::for_task(Task::Toy(stride::engine::data::Toy::Moons))
        });
        let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
        (
            scene.readout.values.momentum_name,
            scene.readout.values.momentum,
        )
    };
    assert_eq!(end(OptKind::AdamW), ("β₁", Some(0.937)));
    // Auto's AdamW keeps its own 0.9 (warmup moves only SGD's momentum).
    assert_eq!(end(OptKind::Auto), ("β₁", Some(0.9)));
    assert!(tip.contains("optimizer=auto uses 0.9"), "{tip}");
}

/// The lrf entry's numbers are Ultralytics' linear lf at a 10-epoch run's last epoch, and at the
/// epoch before for the versions that lag one (a YOLO user's 8.0.200 run ended at 0.208 × lr0
/// beside the entry's 0.109).
#[test]
fn the_lrf_entry_gives_the_last_epochs_rate_of_each_version_family() {
    let c = stride::state::Config {
        epochs: 10,
        lrf: 0.01,
        decay: stride::state::DecayKind::Linear,
        ..stride::state::Config::default()
    };
    let stride::engine::schedule::LrPlan::Ultralytics(u) = stride::state::plan::plan(&c, 10) else {
        panic!("Ultralytics' schedule")
    };
    let entry = stride::state::lessons::glossary::lookup("lrf").expect("lrf");
    for (epoch, words) in [
        (9, "at {} × lr0 ("),
        (8, "({} in 8.0 and YOLOv5, which lag an epoch"),
    ] {
        let said = words.replace("{}", &format!("{:.3}", u.lf(epoch)));
        assert!(entry.text.contains(&said), "{}\nwanted: {said}", entry.text);
    }
}
