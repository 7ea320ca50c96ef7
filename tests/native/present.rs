//! Presenter mode (`present=1`): what the layout keeps and drops, that it walks the course, and
//! that it survives every move through it.
#![cfg(not(target_arch = "wasm32"))]

use stride::state::lessons::course;
use stride::state::scene::Layout;
use stride::state::scene::layout::PRESENT_ZOOM;
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
    assert!(!shown.settings && !shown.header && !shown.tools && !shown.values && !shown.detail);
    assert!(!shown.about, "no page chrome on the projector");
    // At 1080 pixels high, tick labels of 13 px come out at 20 px or more; on a shorter
    // screen less, down to 1× where the charts have little room; never for a bad height.
    assert!(13.0 * shown.chart_zoom >= 20.0 && shown.chart_zoom == PRESENT_ZOOM);
    let zoom = |h: f64| Layout::of(&open("present=1"), h).chart_zoom;
    assert!(zoom(720.0) > 1.0 && zoom(720.0) < zoom(900.0) && zoom(900.0) < PRESENT_ZOOM);
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
    assert!(
        course::key(&c, "ArrowRight").is_none(),
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
