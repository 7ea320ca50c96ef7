//! The course: one ordered path through every lesson, a step per URL, ← → and Next/Back, and
//! the offer to resume where the learner left off.
#![cfg(not(target_arch = "wasm32"))]

use stride::state::lessons::course::{self, COURSE};
use stride::state::{Action, Config, Preset, Task, parse_query, to_query};

/// The config a URL opens, as the page reads it.
fn open(query: &str) -> Config {
    let (c, notices) = parse_query(query);
    assert!(notices.is_empty(), "{query}: {notices:?}");
    course::open(c)
}

#[test]
fn the_course_takes_every_lesson_once_starting_with_the_regimes() {
    let mut seen: Vec<Preset> = COURSE.to_vec();
    seen.sort_by_key(|p| p.index());
    seen.dedup();
    assert_eq!(seen, Preset::ALL.to_vec(), "each lesson exactly once");
    assert_eq!(course::len(), Preset::ALL.len());
    // The order where it names lessons: rates before remedies, the traps last.
    let at = |p| course::step_of(p).expect("in the course");
    assert!(
        at(Preset::TooLow) < at(Preset::TooHigh) && at(Preset::TooHigh) < at(Preset::JustRight)
    );
    assert!(
        at(Preset::JustRight) < at(Preset::Momentum)
            && at(Preset::Momentum) < at(Preset::SgdVsAdam)
    );
    assert!(
        at(Preset::Warmup) < at(Preset::StepDecay)
            && at(Preset::StepDecay) < at(Preset::CosineVsLinear)
    );
    assert!(at(Preset::FineTune) < at(Preset::UltralyticsDefaults));
    assert!(at(Preset::UltralyticsDefaults) < at(Preset::LocalMinimum));
    for (i, p) in COURSE.iter().enumerate() {
        assert_eq!(course::lesson(i + 1), Some(*p));
        assert_eq!(course::step_of(*p), Some(i + 1));
    }
    assert_eq!(course::lesson(0), None);
    assert_eq!(course::lesson(course::len() + 1), None);
}

#[test]
fn next_and_back_walk_the_whole_course_and_stop_at_its_ends() {
    let mut c = course::open(Config {
        course: 1,
        ..Config::default()
    });
    assert_eq!(
        c.preset,
        Some(COURSE[0]),
        "course=1 alone opens the first lesson"
    );
    assert!(course::back(&c).is_none(), "nothing before step 1");
    let mut urls = vec![to_query(&c)];
    while c.course < course::len() {
        c = c.apply(course::key(&c, "ArrowRight").expect("a next step"));
        urls.push(to_query(&c));
    }
    assert_eq!(c.course, course::len(), "→ reaches the last step");
    for (i, url) in urls.iter().enumerate() {
        // Each step's URL opens that step: the lesson, as it sets itself, and the step.
        let step = i + 1;
        assert!(url.contains(&format!("course={step}")), "{url}");
        let back = open(url);
        assert_eq!(
            (back.course, back.preset),
            (step, course::lesson(step)),
            "{url}"
        );
        assert_eq!(back.bare(), COURSE[i].config().bare(), "{url}");
    }
    while let Some(action) = course::key(&c, "ArrowLeft") {
        c = c.apply(action);
    }
    assert_eq!(
        (c.course, c.preset),
        (1, Some(COURSE[0])),
        "← walks back to step 1"
    );
    assert!(course::key(&c, "Enter").is_none());
}

#[test]
fn a_step_keeps_the_embedding_and_the_page_shows_where_it_is() {
    let c = open("course=3&theme=dark&embed=1");
    assert_eq!(c.preset, course::lesson(3));
    assert!(c.embed && c.theme == stride::state::Theme::Dark);
    let next = c.apply(course::next(&c).expect("a step 4"));
    assert!(
        next.embed && next.course == 4,
        "the embedding stays as the course moves"
    );
    let view = course::view(&next).expect("in the course");
    assert_eq!(view.position, format!("Step 4 of {}", course::len()));
    assert_eq!(view.title, course::lesson(4).expect("step 4").title());
    assert!(view.back && view.next);
    let last = course::view(&open(&format!("course={}", course::len()))).expect("the end");
    assert!(
        last.back && last.next,
        "the last lesson's next is the recap"
    );
    assert_eq!((view.next_label, last.next_label), ("Next →", "Recap →"));
    assert!(!course::view(&open("course=1")).expect("the start").back);
}

#[test]
fn course_0_a_plain_lesson_link_or_a_bad_step_behave_as_before() {
    for q in ["", "course=0", "preset=warmup", "preset=warmup&course=0"] {
        let c = open(q);
        assert_eq!(c.course, 0, "{q}");
        assert!(
            course::view(&c).is_none() && course::key(&c, "ArrowRight").is_none(),
            "{q}"
        );
        assert_eq!(c, parse_query(q).0, "{q}: unchanged");
        assert!(
            !to_query(&c).contains("course"),
            "{q}: no course in the URL"
        );
    }
    // A lesson with another step's number is the lesson it names, at its own step.
    let c = open("preset=warmup&course=2");
    assert_eq!(c.course, course::step_of(Preset::Warmup).expect("in it"));
    // Out of range: clamped by the table with a notice, never a panic.
    let (c, notices) = parse_query("course=99");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(course::open(c).course, course::end(), "the closing slide");
    let (c, notices) = parse_query("course=abc");
    assert_eq!((notices.len(), course::open(c).course), (1, 0));
    // A lesson picked from the menu leaves the course.
    let c = open("course=5").apply(Action::Preset(Some(Preset::Warmup)));
    assert_eq!(c.course, 0);
}

#[test]
fn the_page_offers_to_resume_rather_than_jumping() {
    assert_eq!(course::saved(Some("7")), Some(7));
    for bad in [
        None,
        Some(""),
        Some("0"),
        Some("-2"),
        Some("99"),
        Some("seven"),
    ] {
        assert_eq!(course::saved(bad), None, "{bad:?}");
    }
    let saved = course::saved(course::to_save(&open("course=7")).as_deref());
    assert_eq!(saved, Some(7), "the step stored is the step read back");
    assert_eq!(
        course::to_save(&open("preset=warmup")),
        None,
        "outside the course nothing is stored"
    );
    // The plain page and step 1 offer step 7; the offer is a step, not a jump.
    let plain = open("");
    let (step, text) = course::offer(&plain, saved).expect("an offer");
    assert_eq!(step, 7);
    assert!(text.contains("step 7 of"), "{text}");
    assert_eq!(plain.course, 0, "nothing moved");
    assert_eq!(
        course::offer(&open("course=1"), saved).map(|o| o.0),
        Some(7)
    );
    // Nothing saved: the plain page offers the start; a lesson link, a later step or an embed
    // offer nothing.
    assert_eq!(course::offer(&plain, None).map(|o| o.0), Some(1));
    assert_eq!(course::offer(&open("preset=warmup"), saved), None);
    assert_eq!(course::offer(&open("course=7"), saved), None);
    assert_eq!(course::offer(&open("course=3"), saved), None);
    assert_eq!(course::offer(&open("embed=1"), saved), None);
    // A learner who reached the closing slide is not offered to resume at the last step: the
    // plain page says the course is done and offers it from the start.
    let end = course::end();
    let done = course::saved(course::to_save(&open(&format!("course={end}"))).as_deref());
    assert_eq!(done, Some(end));
    let (step, text) = course::offer(&plain, done).expect("an offer");
    assert_eq!(step, 1);
    assert!(
        text.starts_with("Course done") && !text.contains("Resume"),
        "{text}"
    );
    assert_eq!(course::offer(&open("course=1"), done), None);
}

#[test]
fn after_the_last_step_a_closing_slide_recaps_each_idea_and_starts_again() {
    let last = open(&format!("course={}", course::len()));
    let end = last.apply(course::key(&last, "ArrowRight").expect("→ to the recap"));
    assert!(course::is_end(&end) && end.course == course::end());
    assert!(!course::is_end(&last));
    // Only the step moved: the last lesson's settings stay behind the slide.
    assert_eq!(end.bare(), last.bare());
    assert!(
        course::key(&end, "ArrowRight").is_none(),
        "nothing after the recap"
    );
    let view = course::view(&end).expect("the bar shows the end");
    assert!(
        view.back && !view.next && view.position == "The end",
        "{view:?}"
    );
    // The slide's link opens the slide, and ← goes back to the last lesson.
    let link = to_query(&end);
    assert!(
        link.contains(&format!("course={}", course::end())),
        "{link}"
    );
    assert_eq!(open(&link), end);
    assert_eq!(
        open(&format!("course={}", course::end())).course,
        course::end()
    );
    let back = end.apply(course::key(&end, "ArrowLeft").expect("← back"));
    assert_eq!(
        (back.course, back.preset),
        (course::len(), course::lesson(course::len()))
    );
    // One line per step, in course order, each the lesson's own idea, short and distinct.
    let recap = course::recap(&Config::default());
    assert_eq!(recap.len(), course::len());
    for (i, line) in recap.iter().enumerate() {
        let lesson = COURSE[i];
        assert_eq!(
            (line.step, line.title, line.idea),
            (i + 1, lesson.title(), lesson.idea())
        );
        assert!(
            !line.idea.is_empty() && line.idea.len() < 100,
            "{line:?}: one short line"
        );
        assert_ne!(
            line.idea,
            lesson.claim(),
            "{line:?}: the idea, not the claim again"
        );
    }
    let mut ideas: Vec<_> = recap.iter().map(|l| l.idea).collect();
    ideas.sort();
    ideas.dedup();
    assert_eq!(ideas.len(), course::len(), "no idea twice");
    // Start again: step 1 from the slide; the slide is stored as the course done, which the
    // plain page offers to start again rather than to resume at step 14.
    let again = end.apply(course::go(1).expect("step 1"));
    assert_eq!((again.course, again.preset), (1, course::lesson(1)));
    let stored = course::saved(course::to_save(&end).as_deref());
    assert_eq!(
        course::offer(&open(""), stored).map(|o| o.0),
        Some(1),
        "{stored:?}"
    );
}

#[test]
fn page_keys_move_the_course_from_a_slider_and_arrows_do_too_when_presenting() {
    let c = open("course=5");
    for (key, step) in [
        ("PageDown", 6),
        ("PageUp", 4),
        ("ArrowRight", 6),
        ("ArrowLeft", 4),
    ] {
        assert_eq!(
            c.apply(course::key(&c, key).expect(key)).course,
            step,
            "{key}"
        );
    }
    // In the ordinary course a slider keeps its arrows; Page Up / Page Down are the way out.
    assert!(!course::overrides_control(&c, "ArrowRight", false));
    assert!(course::overrides_control(&c, "PageDown", false));
    assert!(course::overrides_control(&c, "PageUp", false));
    // Presenting, ← → always move the course; text being typed keeps its caret keys.
    let p = open("course=5&present=1");
    assert!(course::overrides_control(&p, "ArrowRight", false));
    assert!(course::overrides_control(&p, "ArrowLeft", false));
    assert!(!course::overrides_control(&p, "ArrowLeft", true));
    assert!(!course::overrides_control(&p, "PageDown", true));
    assert!(!course::overrides_control(&p, "Enter", false));
    // The step bar says which keys move it.
    assert!(
        course::help(&c).contains("Page Up / Page Down") && course::help(&c).contains("slider")
    );
    assert!(course::help(&p).contains("← →"));
}

#[test]
fn a_step_that_changes_the_data_set_says_so_and_why() {
    assert!(
        course::switch(1).is_none(),
        "the first step has nothing to change from"
    );
    for step in 2..=course::len() {
        let task = |s: usize| course::lesson(s).expect("a step").config().task;
        let note = course::switch(step);
        if task(step - 1) != task(step) {
            let n = note.unwrap_or_else(|| panic!("step {step}: the task changes unsaid"));
            let seen = (1..step - 1).any(|k| task(k) == task(step));
            let lead = if seen { "Back to " } else { "New data set: " };
            assert!(
                n.starts_with(lead)
                    && n.contains(", because ")
                    && !n.contains("this lesson needs it"),
                "step {step}: {lead}with a reason of its own: {n}"
            );
        } else if let Some(n) = note {
            // Only the line's valley may change under the same task, and it is said.
            assert_eq!(task(step), stride::state::Task::Line, "step {step}: {n}");
            assert!(
                n.starts_with(&format!("A new valley, unlike step {}'s", step - 1)),
                "step {step}: {n}"
            );
        }
    }
    // Momentum's narrower valley is announced (its limit 0.202 against the first steps' 0.498);
    // the first three steps share theirs; clipping goes back to the half-moons of steps 7-12.
    let at = |p: Preset| course::switch(course::step_of(p).expect("in the course"));
    assert!(at(Preset::Momentum).is_some_and(|n| n.starts_with("A new valley")));
    assert!(at(Preset::TooHigh).is_none() && at(Preset::JustRight).is_none());
    // Its reason is the lesson's own cause, one steep minibatch, not that two weights cannot
    // blow up: step 2's do.
    assert!(
        at(Preset::Clipping).is_some_and(
            |n| n.starts_with("Back to") && n.contains("one minibatch's huge gradient")
        ),
        "{:?}",
        at(Preset::Clipping)
    );
    // The line gives way to the digits at warmup.
    assert!(
        course::switch(course::step_of(Preset::Warmup).expect("in the course"))
            .is_some_and(|n| n.contains("8×8 digit images"))
    );
}

#[test]
fn the_lesson_menu_lists_every_lesson_once_in_course_order() {
    use stride::state::lessons::course::{COURSE, MENU};
    assert_eq!(MENU, COURSE);
    let mut names: Vec<&str> = MENU.iter().map(|p| p.name()).collect();
    names.sort_unstable();
    let mut all: Vec<&str> = stride::state::Preset::ALL
        .iter()
        .map(|p| p.name())
        .collect();
    all.sort_unstable();
    assert_eq!(names, all);
}

/// "Your own settings" in the lesson menu leaves a lesson for the default settings, keeping the
/// page's own (the view of the embed, the theme) as choosing a lesson does: the warmup lesson's
/// digits and warmup did not stay behind under a menu that no longer named them.
#[test]
fn leaving_a_lesson_starts_from_the_defaults() {
    let lesson = Config::default().apply(Action::Preset(Some(Preset::Warmup)));
    assert_ne!(lesson.task, Config::default().task);
    let own = lesson.apply(Action::Preset(None));
    assert_eq!(own.preset, None);
    assert_eq!(own.task, Config::default().task);
    assert_eq!(own.warmup_epochs, Config::default().warmup_epochs);
    assert_eq!(own.lr0, Config::default().lr0);
    assert_eq!(own.course, 0);
}

/// "Your own settings" after lessons brings back the reader's own (a YOLO user's args.yaml),
/// whichever lessons and course steps came between, with the page's own settings as they are
/// now; a page that opened on a lesson has none kept and starts from the defaults.
#[test]
fn your_own_settings_come_back_after_lessons() {
    use stride::state::io::import::read_args;
    use stride::state::{DecayKind, Key};
    let yaml = "lr0: 0.0123\nlrf: 0.2\nepochs: 7\nbatch: 8\ncos_lr: true\nwarmup_epochs: 1.0\n";
    let (loaded, _) = read_args(yaml, &Config::default()).expect("args.yaml");
    let mut own = None;
    let mine = Config::default().apply_keeping_own(Action::Load(Box::new(loaded)), &mut own);
    assert_eq!(
        (mine.lr0, mine.decay, mine.epochs),
        (0.0123, DecayKind::Cosine, 7)
    );
    let lesson = mine.apply_keeping_own(Action::Preset(Some(Preset::Warmup)), &mut own);
    let step = lesson.apply_keeping_own(
        Action::Course(3, course::lesson(3).expect("step 3")),
        &mut own,
    );
    let themed = step.apply_keeping_own(Action::Set(Key::Theme, "dark".into()), &mut own);
    assert_ne!((themed.lr0, themed.task), (mine.lr0, mine.task));
    let back = themed.apply_keeping_own(Action::Preset(None), &mut own);
    assert_eq!((back.preset, back.course), (None, 0));
    assert_eq!(back.bare(), mine.bare(), "the reader's own runs again");
    assert_eq!(
        back.theme, themed.theme,
        "the page's own setting as it is now"
    );
    // Opened on a lesson, nothing of the reader's is kept: the defaults, as before.
    let mut none = None;
    let opened = Config::default().apply(Action::Preset(Some(Preset::Warmup)));
    let left = opened.apply_keeping_own(Action::Preset(None), &mut none);
    assert_eq!(left.bare(), Config::default().bare());
}

#[test]
fn the_tools_are_folded_under_one_line_on_every_page() {
    use stride::state::scene::Layout;
    // Every step of the course: the tools are there, but folded under one line.
    for step in 1..=course::len() {
        let l = Layout::of(&open(&format!("course={step}")), 800.0);
        assert!(l.tools && l.fold_tools, "step {step}: {l:?}");
    }
    // And the learner's own settings, a lesson picked from the menu and an embed: a student
    // who left the course met the pile of open panels there instead.
    for q in ["", "preset=warmup", "task=moons", "embed=1"] {
        let l = Layout::of(&open(q), 800.0);
        assert!(l.tools && l.fold_tools, "{q:?}: {l:?}");
    }
    // Presenting shows no tools, folded or not.
    let p = Layout::of(&open("present=1&course=3"), 800.0);
    assert!(!p.tools && !p.fold_tools);
}

/// Picking a lesson from the menu inside the course goes to its step, so the course bar and
/// Next stay; outside the course it opens the lesson alone, as before.
#[test]
fn the_menu_inside_the_course_moves_along_it() {
    let at = open("course=2");
    for (k, &p) in COURSE.iter().enumerate() {
        let next = at.apply(course::pick(&at, Some(p)));
        assert_eq!((next.course, next.preset), (k + 1, Some(p)), "{p:?}");
    }
    // From the closing slide too.
    let end = open(&format!("course={}", course::end()));
    assert_eq!(end.apply(course::pick(&end, Some(COURSE[4]))).course, 5);
    // Outside the course, a lesson alone; "your own settings" leaves the course.
    let plain = open("");
    let lesson = plain.apply(course::pick(&plain, Some(COURSE[4])));
    assert_eq!((lesson.course, lesson.preset), (0, Some(COURSE[4])));
    let own = at.apply(course::pick(&at, None));
    assert_eq!((own.course, own.preset), (0, None));
}

/// The course is told in three parts: what a rate does (one valley), schedules and batches,
/// and practice. Each part's first step says so in its opening note, the recap heads each
/// part, and every step belongs to one.
#[test]
fn the_course_is_told_in_three_parts() {
    use stride::state::lessons::course::{PARTS, part, part_note, view};
    let parts: Vec<usize> = (1..=course::len())
        .map(|s| part(s).expect("a part").0)
        .collect();
    assert_eq!(parts, [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3]);
    // Part 1 is the one valley: every step on the two-weight line.
    for step in 1..PARTS[1].0 {
        assert_eq!(
            course::lesson(step).expect("a step").config().task,
            Task::Line
        );
    }
    for (k, (first, name)) in PARTS.iter().enumerate() {
        let note = view(&open(&format!("course={first}")))
            .and_then(|v| v.switch)
            .expect("a note");
        assert!(
            note.starts_with(&format!("Part {}: {name}.", k + 1)),
            "{note}"
        );
        assert!(part_note(first + 1).is_none());
        // The part about one library's recipes says what the library is first; the recap's
        // heading of it stays the part's name alone (the closing slide must fit 1280×720).
        assert_eq!(
            note.contains("Ultralytics YOLO, an image-model library"),
            k == 2,
            "{note}"
        );
        let heading = course::recap(&Config::default())[first - 1]
            .part
            .clone()
            .expect("a heading");
        assert_eq!(heading, format!("Part {}: {name}.", k + 1));
    }
    // Every step has the line, so nothing below it moves from step to step: a part's first
    // step names the part, a new data set is said, and any other step names its part.
    for step in 1..=course::len() {
        let (k, name) = part(step).expect("a part");
        let line = view(&open(&format!("course={step}")))
            .and_then(|v| v.switch)
            .expect("a line");
        let first = PARTS.iter().any(|p| p.0 == step);
        assert!(
            first
                || course::switch(step).is_some_and(|s| line == s)
                // Named as the part's first step names it, not as a second scheme.
                || line == format!("Part {k}: {name}."),
            "{step}: {line}"
        );
    }
    let headed: Vec<usize> = course::recap(&Config::default())
        .iter()
        .filter(|l| l.part.is_some())
        .map(|l| l.step)
        .collect();
    assert_eq!(headed, PARTS.map(|p| p.0));
}

/// The closing slide's score: each answered step once (its latest answer), out of the steps
/// answered, and the missed ones named; a tally it cannot read is ignored, not trusted.
#[test]
fn the_recap_scores_the_predictions_and_names_the_steps_to_see_again() {
    use stride::state::lessons::score::{record, score};
    assert_eq!(score(""), None);
    let mut tally = String::new();
    for (step, right) in [
        (1, true),
        (2, false),
        (3, true),
        (2, true),
        (8, false),
        (10, false),
    ] {
        tally = record(&tally, step, right);
    }
    let s = score(&tally).expect("answered");
    assert_eq!((s.right, s.answered, s.missed.clone()), (3, 5, vec![8, 10]));
    assert_eq!(
        s.line(),
        "3 of your 5 predictions were right. Worth another look: steps 8 and 10."
    );
    // Steps outside the course, and anything else, are dropped.
    let odd = score("0:1,99:0,x,3:2,4:1,4:1").expect("one good step");
    assert_eq!((odd.right, odd.answered), (1, 1));
    assert_eq!(
        score(&record("", 7, true)).expect("one").line(),
        "Your one prediction was right."
    );
    // One right of several agrees with its one.
    let one = record(&record("", 1, true), 2, false);
    assert_eq!(
        score(&one).expect("two").line(),
        "1 of your 2 predictions was right. Worth another look: step 2."
    );
}

/// A new round of the course starts its score afresh: entered at step 1 from the plain page
/// or the closing slide, or opened at step 1 in presenter mode (a teacher's projector scored
/// an earlier run-through's answers). Back from step 2, and a learner's own return to step 1,
/// where the page offers the step they reached, keep their answers.
#[test]
fn a_new_round_of_the_course_starts_an_empty_score() {
    use stride::state::lessons::score::new_round;
    let at = |step: usize, present: bool| Config {
        course: step,
        present,
        ..Preset::TooLow.config()
    };
    assert!(new_round(&at(1, false), Some(0)), "from the plain page");
    assert!(new_round(&at(1, false), Some(course::end())), "start again");
    assert!(new_round(&at(1, true), None), "a class opens step 1");
    assert!(!new_round(&at(1, false), Some(2)), "Back from step 2");
    assert!(!new_round(&at(1, false), None), "a learner returns");
    assert!(
        !new_round(&at(1, false), Some(1)),
        "the same step re-rendered"
    );
    assert!(!new_round(&at(5, true), None), "a class opens step 5");
    assert!(!new_round(&at(0, false), Some(1)), "leaving the course");
}

/// The closing slide's way on leaves the course for the plain page on moons with the LR sweep
/// open, the tool that answers "how would I know?" for a task of one's own; the slide's text
/// names the sweep's U and the rate map.
#[test]
fn the_closing_slide_leads_on_to_the_sweep() {
    let end = parse_query(&format!("course={}", course::end())).0;
    assert!(course::is_end(&end));
    // As the page applies it, keeping the reader's settings from before the course: they
    // are not what the button promises (a student met their free play's lr0 5.5 again).
    let mut own = Some(Config {
        lr0: 5.5,
        ..Config::default()
    });
    let next = course::own_task()
        .into_iter()
        .fold(end, |c, a: Action| c.apply_keeping_own(a, &mut own));
    assert_eq!(next.course, 0);
    assert_eq!(next.preset, None);
    assert_eq!(next.task, Task::Toy(stride::engine::data::Toy::Moons));
    assert!(next.sweep);
    // Otherwise the plain page's settings for moons.
    let plain = parse_query("task=moons&sweep=1").0;
    assert_eq!(to_query(&next), to_query(&plain));
    for words in ["LR sweep", "cliff", "rate map"] {
        assert!(course::OWN_TASK.contains(words), "{words}");
    }
}

/// A teacher's own path (`steps=`): the bar counts its steps, Next, Back and the arrow keys
/// skip the rest, its last step leads to the recap, which lists only its steps, and a part
/// entered after its first step is still named (a teacher would show steps 1–4 and 13 and
/// had no way to leave the rest out).
#[test]
fn a_teachers_path_keeps_to_its_steps() {
    let at = |step: usize| open(&format!("course={step}&steps=13,1,2,3,4"));
    let four = at(4);
    assert_eq!(four.steps, [1, 2, 3, 4, 13], "in course order");
    let bar = course::view(&four).expect("a bar");
    assert_eq!(bar.position, "Step 4 of 5");
    assert_eq!(bar.next_label, "Next →");
    let next = course::next(&four).expect("a next step");
    assert_eq!(next, course::go(13).expect("step 13"));
    assert_eq!(course::key(&four, "ArrowRight"), Some(next.clone()));
    let thirteen = four.apply(next);
    assert_eq!(thirteen.course, 13);
    let bar = course::view(&thirteen).expect("a bar");
    assert_eq!(
        (bar.position.as_str(), bar.next_label),
        ("Step 5 of 5", "Recap →")
    );
    // Step 13 opens part 3 on this path, though the part starts at step 11.
    assert!(
        bar.switch
            .as_deref()
            .is_some_and(|s| s.starts_with("Part 3:")),
        "{:?}",
        bar.switch
    );
    let end = thirteen.apply(course::next(&thirteen).expect("the recap"));
    assert!(course::is_end(&end));
    assert_eq!(course::back(&end), course::go(13));
    assert_eq!(course::back(&thirteen), course::go(4));
    assert_eq!(course::back(&at(1)), None);
    assert!(!course::view(&at(1)).expect("a bar").back);
    let recap = course::recap(&end);
    let steps: Vec<usize> = recap.iter().map(|l| l.step).collect();
    assert_eq!(steps, [1, 2, 3, 4, 13]);
    assert!(
        recap[4]
            .part
            .as_deref()
            .is_some_and(|p| p.starts_with("Part 3:"))
    );
    // The plain page with the path offers its length, from its first step; presenter mode
    // opens there too.
    let plain = open("steps=3,5");
    assert_eq!(
        course::offer(&plain, None),
        Some((3, "Start the course: 2 steps".to_string()))
    );
    assert_eq!(open("steps=3,5&present=1").course, 3);
    // The whole course is unchanged without it.
    assert_eq!(
        course::view(&open("course=4")).expect("a bar").position,
        "Step 4 of 14"
    );
    assert_eq!(course::next(&open("course=4")), course::go(5));
    // Presenter mode's link keeps the path, and opens at the step shown or the path's first.
    assert_eq!(
        course::present_link(&four),
        "?course=4&present=1&steps=1,2,3,4,13"
    );
    assert_eq!(
        course::present_link(&plain),
        "?course=3&present=1&steps=3,5"
    );
    assert_eq!(course::present_link(&open("")), "?course=1&present=1");
    // A path added to a link at a step off it opens at the path's first step (a teacher added
    // steps=4,5,11 to the presenter link, course=1, and met "Step 1 of 14").
    let added = open("course=1&present=1&steps=4,5,11");
    assert_eq!(added.course, 4);
    assert_eq!(added.preset, course::lesson(4));
    assert_eq!(course::view(&added).expect("a bar").position, "Step 1 of 3");
    // A step that is not one is left out of the path with a notice, not clamped to step 14.
    let (c, notices) = parse_query("steps=1,2,99");
    assert_eq!(c.steps, [1, 2]);
    assert!(
        notices.len() == 1
            && notices[0]
                .message
                .ends_with("should be up to 14 whole numbers from 1 to 14; using 1, 2."),
        "{notices:?}"
    );
    assert_eq!(parse_query("steps=2.5,3").0.steps, [3]);
}
