//! Every lesson asks before it runs; the four with a question of their own (step decay's cut,
//! the two batch rules, Ultralytics' defaults) have answer keys read off their real runs, which
//! must name what each lesson's claim says.
#![cfg(not(target_arch = "wasm32"))]

use crate::common::clock;
use stride::state::lessons::course;
use stride::state::lessons::predict::{Guess, Prediction};
use stride::state::runs::session::{Command, Session};
use stride::state::scene::SceneCache;
use stride::state::{Config, Preset, Scene, parse_query};

fn scene(s: &Session) -> Scene {
    Scene::build(s, &mut SceneCache::default(), 0.0)
}

/// A fresh session of `preset`, `guess` answered and its runs run out.
fn answered_session(preset: Preset, guess: Guess) -> Session {
    let mut s = Session::for_config(&preset.config());
    assert_eq!(s.prediction, Prediction::Asking, "{preset:?}");
    s.command(Command::Predict(Some(guess)), &clock());
    for _ in 0..5000 {
        if s.finished() {
            break;
        }
        s.frame(&clock());
    }
    assert!(s.finished(), "{preset:?} did not finish");
    s
}

/// Answers `guess` on a fresh session of `preset`, runs it out and returns the result.
fn answered(preset: Preset, guess: Guess) -> (bool, String) {
    let s = answered_session(preset, guess);
    scene(&s)
        .predict
        .expect("the panel")
        .result
        .expect("the result once the runs ended")
}

#[test]
fn every_lesson_of_the_course_asks_and_waits_and_predict_0_turns_each_off() {
    for step in 1..=course::len() {
        let preset = course::lesson(step).expect("a step");
        let mut s = Session::for_config(&preset.config());
        assert_eq!(s.prediction, Prediction::Asking, "{preset:?}");
        for _ in 0..20 {
            s.frame(&clock());
        }
        assert_eq!(s.shown(0), 0, "{preset:?}: the run waits for the answer");
        let view = scene(&s).predict.expect("the question");
        assert!(view.answers.len() >= 2, "{preset:?}: {:?}", view.answers);
        assert!(
            view.question.starts_with("Predict first"),
            "{}",
            view.question
        );
        assert!(
            scene(&s).lesson.is_none(),
            "{preset:?}: the claim would give the answer away"
        );
        let (c, _) = parse_query(&format!("preset={}&predict=0", preset.name()));
        let s = Session::for_config(&c);
        assert_eq!(s.prediction, Prediction::Off, "{preset:?}");
        assert!(scene(&s).predict.is_none(), "{preset:?}");
    }
}

/// Each own question's key, from the lesson's runs, is the answer its claim gives; answering
/// it is right, and every other answer is told the key with the same reason.
#[test]
fn each_own_question_has_a_key_from_its_runs_that_agrees_with_its_claim() {
    // (lesson, the answer its claim gives, a word the reason must hold)
    let expected = [
        (Preset::StepDecay, 0, "lower"),
        (
            Preset::BatchScaling,
            0,
            "By the end batch 64 at lr0 0.4 is nearest to batch 16 at lr0 0.1",
        ),
        (
            Preset::BatchUltralytics,
            0,
            "batch 16 at lr0 0.00625 is nearest to batch 64 at lr0 0.00625",
        ),
        (Preset::UltralyticsDefaults, 1, "AdamW"),
    ];
    let own: Vec<Preset> = Preset::ALL
        .into_iter()
        .filter(|p| p.question().is_some())
        .collect();
    assert_eq!(own, expected.map(|e| e.0).to_vec());
    for (preset, key, why) in expected {
        let answers = Session::for_config(&preset.config());
        let answers = scene(&answers).predict.expect("asked").answers.len() as u8;
        let (matched, sentence) = answered(preset, Guess::Pick(key));
        assert!(
            matched && sentence.starts_with("Right"),
            "{preset:?}: {sentence}"
        );
        assert!(sentence.contains(why), "{preset:?}: {sentence}");
        // Where the answer is "keeps pace", the two numbers quoted do keep pace.
        if let Some(rest) = sentence.split_once(": loss ").map(|r| r.1) {
            let nums: Vec<f64> = rest
                .split([' ', ','])
                .filter_map(|w| w.parse().ok())
                .take(2)
                .collect();
            let ratio = nums[0] / nums[1];
            assert!((0.6..1.67).contains(&ratio), "{preset:?}: {sentence}");
        }
        let wrong = (key + 1) % answers;
        let (matched, other) = answered(preset, Guess::Pick(wrong));
        assert!(
            !matched
                && other.starts_with("Not quite: you said “")
                && other.contains("”; the answer was “"),
            "{preset:?}: {other}"
        );
        // The same reason, whatever was answered.
        let reason = |s: &str| s.split_once(". ").map(|r| r.1.to_string());
        assert_eq!(reason(&sentence), reason(&other), "{preset:?}");
        println!("{preset:?}: {sentence}");
    }
}

/// Ultralytics' defaults ask what rate the weights get: while the question waits, nothing on
/// the page names it (the legend's "auto: AdamW 0.00167", the auto note, the schedule chart
/// and the ledger); once answered, all of it is back.
#[test]
fn nothing_names_the_defaults_answer_while_it_waits() {
    let mut s = Session::for_config(&Preset::UltralyticsDefaults.config());
    let asked = scene(&s);
    assert!(asked.veiled && asked.auto.is_none());
    let labels: Vec<String> = asked.loss.series.iter().map(|c| c.label.clone()).collect();
    assert!(
        labels
            .iter()
            .all(|l| !l.contains("AdamW") && !l.contains("0.00167")),
        "{labels:?}"
    );
    s.command(Command::Predict(Some(Guess::Pick(1))), &clock());
    let answered = scene(&s);
    assert!(!answered.veiled && answered.auto.is_some());
    // Once the run has answered too, the lesson's claim names the pick, and the auto note,
    // which said the same with a second "why", waits until the learner leaves the lesson
    // (appearing on a change, it moved the charts under the pointer).
    let finished = scene(&answered_session(
        Preset::UltralyticsDefaults,
        Guess::Pick(1),
    ));
    let claim = finished.lesson.as_ref().expect("the claim").claim;
    assert!(
        claim.contains("AdamW at 0.00167") && finished.auto.is_none(),
        "{claim}"
    );
    let changed = Session::for_config(&Config {
        epochs: 50,
        predict: false,
        preset: None,
        ..Preset::UltralyticsDefaults.config()
    });
    let note = scene(&changed).auto.expect("the note, outside the lesson");
    let in_lesson = Session::for_config(&Config {
        epochs: 50,
        predict: false,
        ..Preset::UltralyticsDefaults.config()
    });
    assert!(
        scene(&in_lesson).auto.is_none(),
        "changed, the lesson's box stays"
    );
    assert!(note.contains("350 optimizer steps"), "{note}");
    assert!(
        answered.loss.series[0].label.contains("AdamW"),
        "{}",
        answered.loss.series[0].label
    );
    // The other questions hide nothing but the claim: their settings are the question.
    assert!(!scene(&Session::for_config(&Preset::StepDecay.config())).veiled);
}

/// The defaults' result names auto's rate (0.00167) beside the peak the schedule reaches, so
/// the two numbers say which is which (the schedule's caption says why the peak is lower).
#[test]
fn the_defaults_result_says_which_of_autos_two_rates_is_which() {
    let (_, text) = answered(Preset::UltralyticsDefaults, Guess::Pick(1));
    let fitted = stride::engine::stability::fmt_lr(
        stride::state::plan::effective(&Preset::UltralyticsDefaults.config()).lr0,
    );
    assert!(
        text.contains(&format!("auto trained AdamW at {fitted}, not lr0"))
            && text.contains("peaked at"),
        "{text}"
    );
    // And why the peak is lower, in the answer itself: the schedule's own factor for the epoch
    // where warmup ends, read from the schedule, not from the text.
    let s = Session::for_config(&Preset::UltralyticsDefaults.config());
    let stride::engine::schedule::LrPlan::Ultralytics(u) = s.slots[0].run.config().plan.clone()
    else {
        panic!("the defaults follow Ultralytics' schedule")
    };
    let epoch = u.warmup_iters() / u.nb;
    assert!(
        text.contains(&format!(
            "cut to {:.3} of that by the decay when warmup ended",
            u.lf(epoch)
        )),
        "{text}"
    );
}

/// The batch lessons' answers quote each run's loss where its smoothed line ends: the number
/// its badge and the read-out give, so one run has one loss on the page.
#[test]
fn the_batch_answers_quote_the_losses_the_badges_give() {
    for preset in [Preset::BatchScaling, Preset::BatchUltralytics] {
        let s = answered_session(preset, Guess::Pick(0));
        let result = scene(&s).predict.expect("asked").result.expect("ended").1;
        for (label, end) in s.ends() {
            let name = label.replace(", lr0", " at lr0");
            let quoted = stride::engine::stability::fmt_loss(end);
            assert!(
                result.contains(&quoted),
                "{preset:?}: {name} {quoted} in {result}"
            );
        }
    }
}

/// The step-decay answer says when the high rate had stopped gaining, with the range its epochs'
/// means bounced in, exactly when the run's epoch means say so (a student asked what those
/// epochs were for, and another saw "sat at that level" beside a line that bounced).
#[test]
fn the_step_decay_answer_says_when_the_high_rate_had_stopped_gaining() {
    let (_, sentence) = answered(Preset::StepDecay, Guess::Pick(0));
    let mut s = Session::for_config(&Preset::StepDecay.config());
    s.command(Command::Predict(Some(Guess::Pick(0))), &clock());
    while !s.finished() {
        s.frame(&clock());
    }
    let run = &s.slots[0].run;
    let every = s.config.step_every;
    let high = &run.epochs[..every];
    let (last, best) = (
        high[every - 1].train_loss,
        high[..every - 1]
            .iter()
            .map(|e| e.train_loss)
            .fold(f64::INFINITY, f64::min),
    );
    let stopped = last >= (1.0 - stride::state::settings::catalogue::questions::SAT) * best;
    assert_eq!(
        sentence.contains("more epochs at that rate would not have lowered it"),
        stopped,
        "{last} {best}: {sentence}"
    );
    if stopped {
        let fmt = stride::engine::stability::fmt_loss;
        let lo = high
            .iter()
            .map(|e| e.train_loss)
            .fold(f64::INFINITY, f64::min);
        let hi = high.iter().map(|e| e.train_loss).fold(0.0, f64::max);
        assert!(
            sentence.contains(&format!("bounced between {} and {}", fmt(lo), fmt(hi))),
            "{sentence}"
        );
    }
}

/// An answer is about the rate it was given for: moved after answering, lr0 takes the question
/// and its result away, as in the regime lessons, rather than rewriting what the learner said
/// (step 12 read "you said 'lr0 = 0.1, as set'" after an answer given at 0.01).
#[test]
fn a_new_rate_after_answering_does_not_rewrite_the_answer() {
    let mut s = answered_session(Preset::UltralyticsDefaults, Guess::Pick(0));
    let before = scene(&s).predict.expect("the panel");
    assert!(before.result.is_some(), "answered and run");
    let lr0 = s.config.lr0;
    assert!(before.answers[0].1.contains(&format!("lr0 = {lr0}")));
    s.sync(&stride::state::Config {
        lr0: lr0 * 10.0,
        ..s.config.clone()
    });
    assert!(
        scene(&s).predict.is_none(),
        "no answer said about a rate the learner never answered for"
    );
}
