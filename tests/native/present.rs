//! Presenter mode (`present=1`): what the layout keeps and drops, that it walks the course, and
//! that it survives every move through it.
#![cfg(not(target_arch = "wasm32"))]

use stride::state::lessons::course;
use stride::state::scene::Layout;
use stride::state::scene::layout::{LOSS_ASPECT, PRESENT_ZOOM};
use stride::state::{Action, Config, Preset, parse_query, to_query};

fn open(query: &str) -> Config {
    let (c, notices) = parse_query(query);
    assert!(notices.is_empty(), "{query}: {notices:?}");
    course::open(c)
}

#[test]
fn presenting_drops_the_settings_and_tools_and_enlarges_the_charts() {
    let plain = Layout::of(&open(""), 1080.0);
    assert!(plain.settings && plain.header && plain.tools && plain.values && plain.detail);
    assert_eq!((plain.class, plain.chart_zoom), (None, 1.0));
    let shown = Layout::of(&open("present=1&course=6"), 1080.0);
    assert_eq!(shown.class, Some("present"));
    assert!(!shown.settings && !shown.header && !shown.tools && !shown.values);
    // The words beside the charts; the lesson's detail folded there, not dropped.
    assert!(shown.side && shown.detail && !plain.side);
    assert!(!shown.about, "no page chrome on the projector");
    // At 1080 pixels high, tick labels of 13 px come out at 20 px or more; at 720, 15 px or
    // more (the most the charts' room allows there); on a shorter screen less, down to 1×;
    // never for a bad height.
    assert!(13.0 * shown.chart_zoom >= 20.0 && shown.chart_zoom == PRESENT_ZOOM);
    let zoom = |h: f64| Layout::of(&open("present=1"), h).chart_zoom;
    assert!(13.0 * zoom(720.0) >= 15.0, "{}", zoom(720.0));
    assert!(zoom(650.0) > 1.0 && zoom(650.0) < zoom(720.0) && zoom(720.0) < PRESENT_ZOOM);
    assert_eq!(
        (zoom(400.0), zoom(f64::NAN), zoom(f64::INFINITY)),
        (1.0, 1.0, 1.0)
    );
    assert_eq!(zoom(4000.0), PRESENT_ZOOM);
    // The digits' credit is a licence's term: it stays, below the fold.
    assert!(shown.credit, "the warmup lesson trains on the digits");
    // Presenting an embed link still presents.
    assert_eq!(
        Layout::of(&open("present=1&embed=1&preset=warmup"), 720.0).class,
        Some("present")
    );
    assert_eq!(Layout::of(&open("embed=1"), 1080.0).class, Some("embed"));
}

#[test]
fn presenting_walks_the_course_from_a_lesson_link_or_the_plain_page() {
    // A lesson link opens at its step, so ← → work from it.
    let c = open("present=1&preset=warmup");
    assert_eq!(c.course, course::step_of(Preset::Warmup).expect("in it"));
    assert_eq!(c.preset, Some(Preset::Warmup));
    // The plain page opens the first step.
    let c = open("present=1");
    assert_eq!((c.course, c.preset), (1, course::lesson(1)));
    // Settings of the teacher's own are not thrown away for step 1.
    let c = open("present=1&lr0=0.3");
    assert_eq!((c.course, c.lr0), (0, 0.3));
    // Without present, a lesson link stays outside the course, as before.
    assert_eq!(open("preset=warmup").course, 0);
    // No offer to resume on the projector.
    assert_eq!(course::offer(&open("present=1"), Some(5)), None);
}

#[test]
fn presenter_mode_survives_every_step_and_reset_and_is_in_each_link() {
    let mut c = open("present=1&course=1");
    for step in 2..=course::len() {
        c = c.apply(course::key(&c, "ArrowRight").expect("a next step"));
        assert_eq!(c.course, step);
        assert!(c.present, "step {step} left presenter mode");
        let link = to_query(&c);
        assert!(link.contains("present=1"), "{link}");
        assert_eq!(open(&link), c, "the step's link opens the same page");
    }
    let end = c.apply(course::key(&c, "ArrowRight").expect("the recap"));
    assert!(
        course::is_end(&end) && end.present,
        "the closing slide, still presenting"
    );
    assert!(
        course::key(&end, "ArrowRight").is_none(),
        "→ stops at the end"
    );
    let back = c.apply(course::key(&c, "ArrowLeft").expect("a step back"));
    assert!(back.present && back.course == course::len() - 1);
    assert!(c.apply(Action::Reset).present, "kept like embed");
    assert!(
        c.apply(Action::Preset(Some(Preset::TooLow))).present,
        "a lesson from the menu keeps it"
    );
    // Anything but 0 or 1 is a notice and the ordinary page.
    let (c, notices) = parse_query("present=maybe");
    assert!(!c.present && notices.len() == 1, "{notices:?}");
}

#[test]
fn presenting_shows_under_the_loss_the_chart_each_step_is_about() {
    use stride::state::settings::catalogue::About;
    // Decided from the lesson's data: every step shows its own chart and no other.
    let mut about = Vec::new();
    for step in 1..=course::len() {
        let c = open(&format!("present=1&course={step}"));
        let lesson = course::lesson(step).expect("a step");
        let l = Layout::of(&c, 720.0);
        assert_eq!(
            l.schedule,
            lesson.about() == About::Schedule,
            "step {step}: schedule"
        );
        assert_eq!(
            l.grad,
            lesson.about() == About::Gradient,
            "step {step}: gradient norm"
        );
        assert!(
            !(l.schedule && l.grad),
            "step {step}: one chart beside the loss"
        );
        if lesson.about() == About::Gradient {
            assert!(
                c.grad,
                "step {step}: the lesson draws the chart it is about"
            );
        }
        // The loss alone in its column is drawn taller; sharing it, or off the projector, at
        // the page's aspect.
        let alone = !l.schedule && !l.grad;
        assert_eq!(
            l.loss_aspect() > LOSS_ASPECT,
            alone,
            "step {step}: loss aspect {}",
            l.loss_aspect()
        );
        assert_eq!(
            Layout::of(&lesson.config(), 720.0).loss_aspect(),
            LOSS_ASPECT,
            "step {step}"
        );
        // The ordinary page keeps the schedule for every lesson.
        assert!(Layout::of(&lesson.config(), 720.0).schedule, "step {step}");
        about.push(lesson.about());
    }
    // The steps: 6, 7, 8 and 12 are about the schedule, 14 about the gradient.
    let of =
        |a: About| -> Vec<usize> { (1..=course::len()).filter(|&s| about[s - 1] == a).collect() };
    assert_eq!(of(About::Schedule), vec![6, 7, 8, 12]);
    assert_eq!(of(About::Gradient), vec![14]);
    // The teacher's own settings: the schedule, or the gradient norm where asked for.
    let own = Layout::of(&open("present=1&lr0=0.3"), 720.0);
    assert!(own.schedule && !own.grad);
    let own = Layout::of(&open("present=1&lr0=0.3&grad=1"), 720.0);
    assert!(!own.schedule && own.grad);
}

/// Presenting, a two-weight lesson's run walks one step a frame, so the class sees the walker
/// move (at "as fast as possible" the 100 steps were over in a blink); off the projector, and
/// on the networks, each task keeps its own speed.
#[test]
fn presenting_the_two_weight_runs_walk_one_step_a_frame() {
    use stride::state::runs::session::Session;
    for (query, present, other) in [
        ("course=1&present=1", 1, "course=1"),
        ("course=13&present=1", 1, "course=13"),
        ("course=6&present=1", 0, "course=6"),
    ] {
        let p = Session::for_config(&open(query)).playback.speed;
        let o = Session::for_config(&open(other)).playback.speed;
        if present == 1 {
            assert_eq!(p, 1, "{query}");
            assert_eq!(o, open(other).task.default_speed(), "{other}");
        } else {
            assert_eq!(p, o, "{query}: a network keeps its own speed");
        }
    }
}
