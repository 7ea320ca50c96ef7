//! A finger on the lr0 slider: a drag along it or a tap sets lr0; a swipe to scroll does not.

use stride::state::settings::gesture::{SLOP, Touch};

#[test]
fn a_swipe_to_scroll_leaves_lr0_and_a_drag_along_the_slider_sets_it() {
    // Up the page, a little askew, as a thumb scrolls.
    let mut swipe = Touch::start(40.0, 138.0, 0.1);
    assert!(!swipe.slides(), "nothing is read before the finger moves");
    swipe.moved(42.0, 130.0);
    swipe.moved(46.0, 88.0);
    assert!(!swipe.slides());
    assert_eq!(swipe.before, 0.1, "the slider goes back to where it was");
    // Sideways, even with some drift up: the slider's.
    let mut drag = Touch::start(200.0, 138.0, 0.1);
    drag.moved(200.0 + SLOP, 136.0);
    assert!(drag.slides());
    // Once read, a drag stays a drag as the thumb wanders up or down.
    drag.moved(260.0, 60.0);
    assert!(drag.slides());
    // Within the slop nothing is decided: a tap does not slide (it sets lr0 as it lifts).
    let mut tap = Touch::start(300.0, 138.0, 0.1);
    tap.moved(301.0, 139.0);
    assert!(!tap.slides());
}

/// A tap on the track sets lr0 where the finger landed (a student tapped a phone's slider and
/// nothing happened); a swipe that began the same way does not, nor does a drag's landing.
#[test]
fn a_tap_sets_lr0_where_it_landed_and_a_swipe_does_not() {
    let mut tap = Touch::start(300.0, 138.0, 0.1);
    assert_eq!(tap.tapped(), None, "nothing landed yet");
    tap.landed(-0.5);
    tap.moved(301.0, 139.0);
    assert_eq!(tap.tapped(), Some(-0.5));
    let mut swipe = Touch::start(40.0, 138.0, 0.1);
    swipe.landed(-4.2);
    swipe.moved(46.0, 88.0);
    assert_eq!(swipe.tapped(), None, "a swipe to scroll sets nothing");
    let mut drag = Touch::start(200.0, 138.0, 0.1);
    drag.landed(-1.0);
    drag.moved(200.0 + SLOP, 138.0);
    assert_eq!(
        drag.tapped(),
        None,
        "a drag sets lr0 as it moves, not on lifting"
    );
}
