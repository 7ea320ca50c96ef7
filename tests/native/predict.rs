//! Predict, then run: the lessons about one rate ask first, the run waits for the answer, and
//! the page says whether it matched what the run did.
#![cfg(not(target_arch = "wasm32"))]

use crate::common::clock;
use stride::state::lessons::predict::{self, Guess, PredictView, Prediction};
use stride::state::runs::session::{Command, Session};
use stride::state::scene::SceneCache;
use stride::state::{Action, Config, Preset, Scene, parse_query};

fn scene(s: &Session) -> Scene {
    Scene::build(s, &mut SceneCache::default(), 0.0)
}

/// Frames until every run has ended.
fn run_out(s: &mut Session) {
    for _ in 0..2000 {
        if s.finished() {
            return;
        }
        s.frame(&clock());
    }
}

#[test]
fn a_lesson_about_one_rate_waits_for_the_answer_then_says_it_was_right() {
    let mut s = Session::for_config(&Preset::TooHigh.config());
    assert_eq!(s.prediction, Prediction::Asking);
    for _ in 0..100 {
        s.frame(&clock());
    }
    assert_eq!(s.shown(0), 0, "nothing is shown before the answer");
    assert!(
        scene(&s).lesson.is_none(),
        "the claim would give the answer away"
    );
    assert!(
        scene(&s).marks.is_empty(),
        "the limit mark beside lr0 would give the answer away"
    );
    assert_eq!(
        stride::charts::loss::summary(&scene(&s).loss),
        "No steps yet.",
        "nothing says press play while the question waits"
    );
    let view = scene(&s).predict.expect("the question");
    assert!(view.question.contains("0.55"), "{}", view.question);
    assert!(view.guess.is_none() && view.result.is_none());
    // The rate map says why it has no limit yet, not that the curvature is unknown (a teacher
    // read that before answering, and "exact curvature" after).
    let map = |s: &Session| scene(s).rate_map.sentence.clone();
    assert!(
        map(&s).contains("The limit is shown once you answer the question above.")
            && !map(&s).contains("not known"),
        "{}",
        map(&s)
    );
    s.command(Command::Predict(Some(Guess::FlyOff)), &clock());
    assert!(
        scene(&s).marks.iter().any(|m| m.class == "critical"),
        "the limit is marked once answered"
    );
    assert!(
        map(&s).contains("read from the landscape's exact curvature"),
        "{}",
        map(&s)
    );
    assert!(
        scene(&s).lesson.is_none(),
        "the claim waits for the run to end: a conclusion beside a run still moving tells \
         the class what to see before it happens"
    );
    assert!(
        scene(&s).predict.expect("still shown").result.is_none(),
        "not before the run has ended"
    );
    run_out(&mut s);
    let (matched, sentence) = scene(&s)
        .predict
        .expect("a result")
        .result
        .expect("the run ended");
    assert!(matched, "{sentence}");
    assert_eq!(
        scene(&s).lesson.map(|l| l.claim),
        Some(Preset::TooHigh.claim()),
        "the claim once the run has answered too"
    );
    assert!(
        sentence.starts_with("Right: you said diverging, and it diverged."),
        "{sentence}"
    );
    // Why: the verdict's plain opening follows; its numbers stay in the verdict below.
    let why = scene(&s).readout.verdict.why;
    let (opening, rest) = stride::state::scene::plain_opening(&why);
    assert!(
        sentence.contains(opening.trim_end_matches(':')),
        "{sentence}"
    );
    assert!(!rest.is_empty() && !sentence.contains(rest), "{sentence}");
}

#[test]
fn a_wrong_answer_is_told_what_the_run_did_instead() {
    let mut s = Session::for_config(&Preset::TooLow.config());
    s.command(Command::Predict(Some(Guess::Converge)), &clock());
    run_out(&mut s);
    let (matched, sentence) = scene(&s).predict.expect("a result").result.expect("ended");
    assert!(!matched);
    assert!(
        sentence.starts_with("Not quite: you said converging, but it crawled."),
        "{sentence}"
    );
}

/// Every question has a right answer: each asking lesson's run ends in one of the four regimes,
/// the one its claim describes.
#[test]
fn each_asking_lesson_ends_in_the_regime_its_claim_names() {
    let expected = [
        (Preset::TooHigh, Guess::FlyOff),
        (Preset::TooLow, Guess::Crawl),
        (Preset::JustRight, Guess::Converge),
        (Preset::Momentum, Guess::ZigZag),
    ];
    let asking: Vec<Preset> = Preset::ALL.into_iter().filter(|p| p.asks()).collect();
    assert_eq!(asking, expected.map(|e| e.0).to_vec());
    for (preset, want) in expected {
        let mut s = Session::for_config(&preset.config());
        s.command(Command::Predict(Some(want)), &clock());
        run_out(&mut s);
        let (matched, sentence) = scene(&s).predict.expect("a result").result.expect("ended");
        assert!(matched, "{preset:?}: {sentence}");
    }
}

#[test]
fn predict_0_skip_play_or_a_new_rate_leave_no_question() {
    let (c, notices) = parse_query("preset=too-high&predict=0");
    assert!(notices.is_empty() && !c.predict);
    let s = Session::for_config(&c);
    assert_eq!(s.prediction, Prediction::Off);
    assert!(s.playback.playing, "it runs at once");
    assert!(scene(&s).predict.is_none());
    // A lesson whose settings were changed does not ask. (Every lesson now asks as it opens:
    // see tests/native/question.rs.)
    let changed = Config {
        epochs: 50,
        ..Preset::TooHigh.config()
    };
    assert_eq!(Session::for_config(&changed).prediction, Prediction::Off);
    // Skipping, or pressing play, runs without the question.
    let mut s = Session::for_config(&Preset::TooLow.config());
    s.command(Command::Predict(None), &clock());
    assert!(s.playback.playing && s.prediction == Prediction::Off);
    let mut s = Session::for_config(&Preset::TooLow.config());
    s.command(Command::Toggle, &clock());
    assert!(s.playback.playing && s.prediction == Prediction::Off);
    // Moving the slider instead of answering drops the question.
    let mut s = Session::for_config(&Preset::TooLow.config());
    s.sync(&s.config.apply(Action::SetLr(0.1)));
    assert!(scene(&s).predict.is_none());
    // An answer is about its rate: a new lr0 hides the result.
    let mut s = Session::for_config(&Preset::JustRight.config());
    s.command(Command::Predict(Some(Guess::Converge)), &clock());
    run_out(&mut s);
    assert!(scene(&s).predict.is_some());
    s.sync(&s.config.apply(Action::SetLr(0.3)));
    assert!(scene(&s).predict.is_none());
}

#[test]
fn a_lesson_picked_from_the_menu_asks_even_when_only_lr0_changes() {
    let mut s = Session::for_config(&Config::default());
    s.sync(&Config::default().apply(Action::Preset(Some(Preset::TooHigh))));
    assert_eq!(s.prediction, Prediction::Asking);
    assert!(!s.playback.playing && s.shown(0) == 0, "the run waits");
    s.sync(
        &Preset::TooHigh
            .config()
            .apply(Action::Preset(Some(Preset::TooLow))),
    );
    assert_eq!(
        s.prediction,
        Prediction::Asking,
        "the next lesson asks again"
    );
}

/// Every lesson of two runs asks which ends lower; its answer key is computed from how its runs
/// ended, and names the run its claim says does better (or "about the same" where the claim
/// says they end together). Answering the key is right; answering another run is not.
#[test]
fn each_comparing_lesson_has_an_answer_key_from_its_runs_that_agrees_with_its_claim() {
    let expected = [
        (Preset::SgdVsAdam, Guess::Lower(1)),
        (Preset::LocalMinimum, Guess::Lower(1)),
        (Preset::Warmup, Guess::Lower(0)),
        (Preset::CosineVsLinear, Guess::Level),
        (Preset::FineTune, Guess::Lower(0)),
        (Preset::Clipping, Guess::Lower(0)),
    ];
    let comparing: Vec<Preset> = Preset::ALL.into_iter().filter(|p| p.compares()).collect();
    assert_eq!(comparing, expected.map(|e| e.0).to_vec());
    for (preset, want) in expected {
        let mut s = Session::for_config(&preset.config());
        assert_eq!(s.prediction, Prediction::Asking, "{preset:?}");
        assert_eq!(s.shown(0), 0, "{preset:?}: the runs wait");
        let view = scene(&s).predict.expect("the question");
        assert_eq!(view.answers.len(), 3, "{preset:?}: two runs and level");
        s.command(Command::Predict(Some(want)), &clock());
        run_out(&mut s);
        let ends = s.ends();
        assert_eq!(predict::key(&ends), Some(want), "{preset:?}: {ends:?}");
        let (matched, sentence) = scene(&s).predict.expect("a result").result.expect("ended");
        assert!(
            matched && sentence.starts_with("Right"),
            "{preset:?}: {sentence}"
        );
        // The reason is the runs' own numbers, and "about the same" says how close that is.
        assert!(sentence.contains(&ends[0].0), "{sentence}");
        let tolerance = format!(
            "apart; about equal here means within {:.0} %.",
            100.0 * (predict::LEVEL - 1.0)
        );
        assert_eq!(
            sentence.contains(&tolerance),
            want == Guess::Level,
            "{sentence}"
        );
        if want == Guess::Level {
            let (a, b) = (ends[0].1, ends[1].1);
            let gap = 100.0 * (a.max(b) / a.min(b) - 1.0);
            assert!(
                gap >= 1.0 && sentence.contains(&format!("They ended {gap:.0} % apart")),
                "{gap}: {sentence}"
            );
        }
        // Any other answer is told what the runs did.
        let other = if want == Guess::Level {
            Guess::Lower(0)
        } else {
            Guess::Level
        };
        let mut s = Session::for_config(&preset.config());
        s.command(Command::Predict(Some(other)), &clock());
        run_out(&mut s);
        let (matched, sentence) = scene(&s).predict.expect("a result").result.expect("ended");
        assert!(
            !matched && sentence.starts_with("Not quite"),
            "{preset:?}: {sentence}"
        );
        // "About the same" said or meant: the gap and the tolerance, by their numbers.
        assert!(sentence.contains(&tolerance), "{sentence}");
    }
}

#[test]
fn the_key_takes_the_lowest_run_counts_a_divergence_last_and_calls_close_ends_level() {
    let ends = |v: &[f64]| -> Vec<(String, f64)> {
        v.iter()
            .enumerate()
            .map(|(k, l)| (format!("run {k}"), *l))
            .collect()
    };
    assert_eq!(predict::key(&ends(&[0.4, 0.02])), Some(Guess::Lower(1)));
    assert_eq!(predict::key(&ends(&[0.02, 0.4])), Some(Guess::Lower(0)));
    assert_eq!(
        predict::key(&ends(&[f64::INFINITY, 2.0])),
        Some(Guess::Lower(1))
    );
    assert_eq!(
        predict::key(&ends(&[0.1, 0.1 * predict::LEVEL * 0.99])),
        Some(Guess::Level)
    );
    assert_eq!(
        predict::key(&ends(&[0.1, 0.1 * predict::LEVEL * 1.01])),
        Some(Guess::Lower(0))
    );
    assert_eq!(
        predict::key(&ends(&[f64::INFINITY, f64::NAN])),
        Some(Guess::Lower(0))
    );
    assert_eq!(predict::key(&[]), None);
    // predict=0 turns the comparing questions off too.
    let (c, _) = parse_query("preset=warmup&predict=0");
    assert_eq!(Session::for_config(&c).prediction, Prediction::Off);
}

/// A class answers from the keyboard: 1 picks the first answer, 2 the second; other keys, a
/// number past the last answer and any key once answered pick nothing.
#[test]
fn number_keys_pick_the_answers_while_the_question_waits() {
    let s = Session::for_config(&Preset::TooHigh.config());
    let view = scene(&s).predict.expect("the question");
    assert!(view.answers.len() >= 3);
    for (i, (g, _)) in view.answers.iter().enumerate() {
        assert_eq!(view.answer_for_key(&(i + 1).to_string()), Some(*g));
    }
    for key in ["0", "9", "a", "Enter", "ArrowRight"] {
        assert_eq!(view.answer_for_key(key), None, "{key}");
    }
    let answered = PredictView {
        guess: Some(view.answers[0].0),
        ..view
    };
    assert_eq!(answered.answer_for_key("1"), None);
}

/// What the page keeps of an answer brings back that answer for the same question after a
/// reload, and nothing for another lesson's question or once answered; answering it again
/// leads to the same result as the first time.
#[test]
fn a_kept_answer_is_recalled_for_its_own_question_only() {
    let mut s = Session::for_config(&Preset::TooHigh.config());
    let asking = scene(&s).predict.expect("the question");
    assert_eq!(asking.kept(), None, "nothing to keep while it waits");
    let fly_off = asking
        .answers
        .iter()
        .map(|a| a.0)
        .find(|g| *g == Guess::FlyOff)
        .expect("fly off");
    s.command(Command::Predict(Some(fly_off)), &clock());
    run_out(&mut s);
    let answered = scene(&s).predict.expect("the answer");
    let kept = answered.kept().expect("kept once answered");
    let first = answered.result.clone().expect("a result");
    // A reload: the same lesson, asking again, recalls the answer, and the run ends the same.
    let mut again = Session::for_config(&Preset::TooHigh.config());
    let view = scene(&again).predict.expect("asked again");
    assert_eq!(view.recall(Some(&kept)), Some(fly_off));
    again.command(Command::Predict(view.recall(Some(&kept))), &clock());
    run_out(&mut again);
    assert_eq!(scene(&again).predict.and_then(|p| p.result), Some(first));
    // Another lesson's question, an answered view, or nothing kept: nothing recalled.
    let other = scene(&Session::for_config(&Preset::TooLow.config()))
        .predict
        .expect("another question");
    assert_eq!(other.recall(Some(&kept)), None);
    assert_eq!(answered.recall(Some(&kept)), None);
    assert_eq!(view.recall(None), None);
    assert_eq!(view.recall(Some("garbage")), None);
}

/// Every lesson's question hides the slider's limit marks while it waits, and shows them once
/// answered: a limit above lr0 would tell which of two runs ends lower (a teacher saw them give
/// away the answers of the warmup, SGD-vs-Adam and fine-tuning steps).
#[test]
fn no_question_shows_the_limit_marks_while_it_waits() {
    for p in Preset::ALL {
        let mut s = Session::for_config(&p.config());
        if s.prediction != Prediction::Asking {
            continue;
        }
        assert!(scene(&s).marks.is_empty(), "{}", p.name());
        let answer = scene(&s).predict.expect("the question").answers[0].0;
        s.command(Command::Predict(Some(answer)), &clock());
        // Once answered, the marks are the page's without a question.
        let open = Session::for_config(&Config {
            predict: false,
            ..p.config()
        });
        assert_eq!(scene(&s).marks, scene(&open).marks, "{}", p.name());
    }
}

/// The rate map names no rate to try while a question waits, even with the finder run: its
/// limit and the trial runs up to it wait for the answer, and a rate named from the finder
/// alone changed once answered (a teacher, back on the momentum lesson's settings after
/// momentum 0.5, met the finder's 0.0251, then the trial runs' 0.0684). Once answered, the rate
/// to try is the one the lesson's page gives without a question, there and back again.
#[test]
fn the_rate_map_names_no_rate_to_try_while_the_question_waits() {
    let lesson = Preset::Momentum.config();
    let open = Session::for_config(&Config {
        predict: false,
        ..lesson.clone()
    });
    let settled = scene(&open)
        .rate_map
        .try_lr
        .expect("a rate to try from the trial runs");
    assert!(scene(&open).rate_map.from_trials);
    let mut s = Session::for_config(&lesson);
    s.command(Command::Find, &clock());
    for _ in 0..20_000 {
        if s.finder.is_some() {
            break;
        }
        s.frame(&clock());
    }
    assert!(
        s.finder.is_some(),
        "the finder ends while the question waits"
    );
    let waiting = |s: &Session| {
        assert_eq!(s.prediction, Prediction::Asking);
        let map = scene(s).rate_map;
        assert_eq!(map.try_lr, None, "{}", map.lead());
        assert_eq!(
            map.claim,
            "The map names a rate to try once you answer the question above."
        );
        assert!(
            map.points.iter().all(|p| p.label != "try"),
            "{:?}",
            map.points
        );
    };
    waiting(&s);
    let answer = |s: &mut Session| {
        let first = scene(s).predict.expect("the question").answers[0].0;
        s.command(Command::Predict(Some(first)), &clock());
        scene(s).rate_map.try_lr
    };
    assert_eq!(answer(&mut s), Some(settled));
    // Away to momentum 0.5 and back: the lesson asks again, and the map waits again.
    s.sync(&Config {
        momentum: 0.5,
        ..lesson.clone()
    });
    assert_ne!(
        scene(&s).rate_map.try_lr,
        Some(settled),
        "momentum 0.5 has its own"
    );
    s.sync(&lesson);
    waiting(&s);
    assert_eq!(answer(&mut s), Some(settled));
}

/// While a question waits, the finder says nothing of the limit either: a student read its
/// "above the slider's stable limit 2.37" on the local-minimum lesson beside the map's "The
/// limit is shown once you answer". Once answered, it names the limit the slider marks.
#[test]
fn the_finder_names_no_limit_while_the_question_waits() {
    let mut s = Session::for_config(&Preset::LocalMinimum.config());
    assert_eq!(s.prediction, Prediction::Asking);
    s.command(Command::Find, &clock());
    for _ in 0..20_000 {
        if s.finder.is_some() {
            break;
        }
        s.frame(&clock());
    }
    let lead = |s: &Session| scene(s).finder.expect("the finder's view").lead();
    assert!(!lead(&s).contains("limit"), "{}", lead(&s));
    let first = scene(&s).predict.expect("the question").answers[0].0;
    s.command(Command::Predict(Some(first)), &clock());
    let limit = scene(&s)
        .marks
        .iter()
        .find(|m| m.class == "critical")
        .map(|m| m.value)
        .expect("the limit, once answered");
    let said = format!("limit mark {}", stride::engine::stability::fmt_lr(limit));
    assert!(lead(&s).contains(&said), "{said}: {}", lead(&s));
}

/// A full-batch comparison's result quotes each run's final loss without the minibatch
/// caveat: its chart line is not smoothed, and the caveat said it was.
#[test]
fn a_full_batch_result_does_not_call_its_line_smoothed() {
    use stride::state::lessons::predict::Guess;
    use stride::state::runs::session::{Command, Session};
    let mut s = Session::for_config(&stride::state::Preset::SgdVsAdam.config());
    s.command(
        Command::Predict(Some(Guess::Level)),
        &crate::common::clock(),
    );
    s.show_all();
    s.tick(usize::MAX, f64::INFINITY, 0.0, &crate::common::clock());
    let scene =
        stride::state::Scene::build(&s, &mut stride::state::scene::SceneCache::default(), 0.0);
    let (_, result) = scene.predict.and_then(|p| p.result).expect("a result");
    assert!(
        result.contains("ended at loss") && !result.contains("smoothed"),
        "{result}"
    );
}

/// A comparing lesson's result quotes each run's loss as its badge and the read-out do: where
/// its smoothed line ends (a student read "linear ended at loss 0.0420" as cosine's, beside a
/// read-out of 0.0420 for cosine, the last-epoch means and the smoothed ends differing).
#[test]
fn a_comparing_result_quotes_the_losses_the_read_out_and_badges_show() {
    use stride::engine::stability::fmt_loss;
    for preset in [Preset::CosineVsLinear, Preset::Warmup, Preset::FineTune] {
        let mut s = Session::for_config(&preset.config());
        s.command(Command::Predict(Some(Guess::Level)), &clock());
        run_out(&mut s);
        let scene = scene(&s);
        let (_, result) = scene.predict.expect("the panel").result.expect("a result");
        for (k, slot) in s.slots.iter().enumerate() {
            let shown = slot.shown_loss(slot.run.recorded()).expect("a loss");
            assert!(
                result.contains(&format!("{} ended at loss {}", slot.label, fmt_loss(shown))),
                "{preset:?} run {k}: {} in {result}",
                fmt_loss(shown)
            );
        }
        let main = scene.readout.values.loss.expect("the read-out's loss");
        assert!(
            result.contains(&format!("ended at loss {}", fmt_loss(main))),
            "{preset:?}: the read-out's {main} in {result}"
        );
    }
}

/// Each of the four answers opens with the word its badge shows, so a student who predicted
/// "zig-zag" finds the OSCILLATING badge among the answers (a student could not).
#[test]
fn every_answer_names_the_badge_it_stands_for() {
    use stride::state::lessons::verdict::Verdict;
    for v in [
        Verdict::Crawl,
        Verdict::Converging,
        Verdict::Oscillating,
        Verdict::Diverging,
    ] {
        let g = Guess::of(v).expect("one of the four answers");
        assert_eq!(g.name(), v.name());
        assert!(
            g.label().starts_with(v.name()),
            "{} / {}",
            g.label(),
            v.name()
        );
    }
}

/// An answer to a lesson of runs side by side is about the rate it was asked at: once the
/// learner moves lr0, the answered question and its grade are gone, not restated for runs
/// never predicted (a student set lr0 0.1 and read "Your prediction: which ends lower, SGD lr0
/// 0.1 or Adam lr0 0.3? Right: …").
#[test]
fn a_compared_answer_is_not_graded_on_a_new_rate() {
    let config = Preset::SgdVsAdam.config();
    assert!(Preset::SgdVsAdam.compares());
    let mut s = Session::for_config(&config);
    s.command(Command::Predict(Some(Guess::Lower(1))), &clock());
    run_out(&mut s);
    assert!(scene(&s).predict.and_then(|v| v.result).is_some());
    let moved = Config {
        lr0: 0.1,
        ..s.config.clone()
    };
    s.sync(&moved);
    run_out(&mut s);
    assert!(scene(&s).predict.is_none(), "{:?}", scene(&s).predict);
}

/// Where the runs end within the tolerance, "about equal" is the one answer, and its button
/// names the tolerance before the answer (two teachers met "Right … though only just" for the
/// run 2 % lower and "Not quite" for the other); the run that did end lower is told so, "only
/// just", with the gap and the tolerance (a student had read a bare "Not quite" as the page
/// denying it).
#[test]
fn a_close_call_has_one_answer_and_names_the_run_that_did_end_lower() {
    let preset = Preset::CosineVsLinear;
    let mut s = Session::for_config(&preset.config());
    s.command(Command::Predict(Some(Guess::Level)), &clock());
    run_out(&mut s);
    let ends = s.ends();
    assert_eq!(predict::key(&ends), Some(Guess::Level), "{ends:?}");
    let view = scene(&s).predict.expect("the question");
    assert!(
        view.answers
            .iter()
            .any(|(g, label)| *g == Guess::Level && label == "about equal (±25 %)"),
        "{:?}",
        view.answers
    );
    let lower = u8::from(ends[1].1 < ends[0].1);
    for (k, did) in [(lower, true), (1 - lower, false)] {
        let mut s = Session::for_config(&preset.config());
        s.command(Command::Predict(Some(Guess::Lower(k))), &clock());
        run_out(&mut s);
        let (matched, sentence) = scene(&s).predict.expect("a result").result.expect("ended");
        assert!(!matched, "{k}: {sentence}");
        let name = &ends[usize::from(k)].0;
        assert_eq!(
            sentence.starts_with(&format!("Not quite: {name} did end lower, but only just")),
            did,
            "{sentence}"
        );
        assert!(
            sentence.contains("about equal here means within 25 %"),
            "{sentence}"
        );
    }
}
