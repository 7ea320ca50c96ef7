//! The page in a real browser: mount the app, move the learning-rate slider, and check that the
//! regime and the landscape react.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, HtmlCanvasElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    gloo::utils::document()
}

fn text(id: &str) -> String {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn canvas_pixels(id: &str) -> String {
    document()
        .get_element_by_id(id)
        .expect("canvas")
        .dyn_into::<HtmlCanvasElement>()
        .expect("a canvas")
        .to_data_url()
        .expect("readable canvas")
}

/// Sets the slider as a drag would: a new value, then an `input` event.
fn slide_to(lr: f64) {
    let slider: HtmlInputElement = document()
        .get_element_by_id("lr0")
        .expect("slider")
        .dyn_into()
        .expect("an input");
    slider.set_value(&lr.log10().to_string());
    let event = Event::new("input").expect("event");
    slider.dispatch_event(&event).expect("dispatched");
}

/// Yew renders and runs effects asynchronously; flushing its scheduler applies both.
async fn settle() {
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn moving_the_slider_changes_the_regime_and_the_landscape() {
    let root = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("appended");
    yew::Renderer::<stride::ui::App>::with_root(root).render();
    settle().await;

    assert_eq!(text("regime"), "converging", "the default rate converges");
    let before = canvas_pixels("landscape");

    slide_to(1e-3);
    settle().await;
    assert_eq!(text("regime"), "crawl");
    let crawl = canvas_pixels("landscape");
    assert_ne!(before, crawl, "the path must be redrawn");

    slide_to(0.3);
    settle().await;
    assert_eq!(text("regime"), "oscillating");

    slide_to(5.0);
    settle().await;
    assert_eq!(text("regime"), "diverging");
    assert!(
        text("diverged").contains("stopped at step"),
        "{}",
        text("diverged")
    );
    assert!(text("regime-why").contains("2/λmax"));

    // Typed entry reaches the same state as the slider, and a bad entry says what to do.
    let typed: HtmlInputElement = document()
        .get_element_by_id("lr0-typed")
        .expect("typed box")
        .dyn_into()
        .expect("an input");
    typed.set_value("1e-3");
    typed
        .dispatch_event(&Event::new("change").expect("event"))
        .expect("dispatched");
    settle().await;
    assert_eq!(text("regime"), "crawl");
    typed.set_value("fast");
    typed
        .dispatch_event(&Event::new("change").expect("event"))
        .expect("dispatched");
    settle().await;
    assert!(
        text("lr0-error").contains("not a learning rate"),
        "{}",
        text("lr0-error")
    );
    assert_eq!(
        text("regime"),
        "crawl",
        "a bad entry keeps the last good rate"
    );
}
