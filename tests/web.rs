//! The page in a real browser: mount the app, use the controls, and check that the regime, the
//! charts and the layout react.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    gloo::utils::document()
}

/// A mounted app; dropping it unmounts the app, so its timers and loops stop before the next
/// test sets its own URL.
struct Mounted {
    root: Element,
    handle: Option<yew::AppHandle<stride::ui::App>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// Mounts a fresh app in its own element; the URL query is set first, as a link would.
async fn mount(query: &str) -> Mounted {
    let window = gloo::utils::window();
    let path = window.location().pathname().expect("path");
    window
        .history()
        .expect("history")
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        )
        .expect("url set");
    let root = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("appended");
    let handle = yew::Renderer::<stride::ui::App>::with_root(root.clone()).render();
    settle().await;
    Mounted {
        root,
        handle: Some(handle),
    }
}

/// Yew renders and runs effects asynchronously; flushing its scheduler applies both.
async fn settle() {
    yew::scheduler::flush().await;
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

fn input(id: &str) -> HtmlInputElement {
    document()
        .get_element_by_id(id)
        .expect(id)
        .dyn_into()
        .expect("an input")
}

fn fire(target: &web_sys::EventTarget, kind: &str) {
    target
        .dispatch_event(&Event::new(kind).expect("event"))
        .expect("dispatched");
}

/// Sets the slider as a drag would: a new value, then an `input` event.
fn slide_to(lr: f64) {
    let slider = input("lr0");
    slider.set_value(&lr.log10().to_string());
    fire(&slider, "input");
}

#[wasm_bindgen_test]
async fn moving_the_slider_changes_the_regime_and_the_landscape() {
    let _app = mount("").await;
    assert_eq!(text("regime"), "converging", "the default rate converges");
    let before = canvas_pixels("landscape");

    slide_to(1e-3);
    settle().await;
    assert_eq!(text("regime"), "crawl");
    assert_ne!(
        before,
        canvas_pixels("landscape"),
        "the path must be redrawn"
    );

    // Between the best rate 2/(λmin+λmax) = 0.46 and 2/λmax = 0.498.
    slide_to(0.48);
    settle().await;
    assert_eq!(text("regime"), "oscillating");

    slide_to(5.0);
    settle().await;
    assert_eq!(text("regime"), "diverging");
    assert!(
        text("diverged").contains("Lower lr0 below"),
        "{}",
        text("diverged")
    );

    // Typed entry reaches the same state as the slider, and a bad entry says what to do.
    let typed = input("lr0-typed");
    typed.set_value("1e-3");
    fire(&typed, "change");
    settle().await;
    assert_eq!(text("regime"), "crawl");
    typed.set_value("fast");
    fire(&typed, "change");
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

#[wasm_bindgen_test]
async fn the_schedule_is_redrawn_when_warmup_changes_before_any_training() {
    let _app = mount("?task=moons&epochs=5&batch=16").await;
    let before = canvas_pixels("schedule");
    let warmup = input("ctl-warmup_epochs");
    warmup.set_value("2");
    fire(&warmup, "change");
    settle().await;
    assert_ne!(before, canvas_pixels("schedule"));
    assert!(
        text("schedule-summary").contains("Warmup takes the first 50 iterations"),
        "{}",
        text("schedule-summary")
    );
}

#[wasm_bindgen_test]
async fn a_lesson_loads_its_settings_and_text() {
    let _app = mount("").await;
    let menu: HtmlSelectElement = document()
        .get_element_by_id("preset")
        .expect("menu")
        .dyn_into()
        .expect("select");
    menu.set_value("too-high");
    fire(&menu, "change");
    settle().await;
    // The lesson asks first, and keeps its verdict until answered.
    assert!(
        text("predict-question").contains("0.55"),
        "{}",
        text("predict-question")
    );
    assert_eq!(text("regime"), "…");
    let fly_off: web_sys::HtmlElement = document()
        .query_selector("[data-guess='fly off']")
        .expect("query")
        .expect("the answer")
        .dyn_into()
        .expect("a button");
    fly_off.click();
    settle().await;
    // The verdict waits for the run's end, as the claim does.
    for _ in 0..200 {
        if text("regime") != "…" {
            break;
        }
        assert!(
            text("regime-why").contains("when the run ends"),
            "{}",
            text("regime-why")
        );
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    assert_eq!(text("regime"), "diverging");
    // Opened, the verdict adds what the answer's line above does not already say.
    for _ in 0..200 {
        if !text("predict-result").is_empty() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    let more: web_sys::HtmlElement = document()
        .query_selector(".readouts .lesson-more")
        .expect("query")
        .expect("more")
        .dyn_into()
        .expect("a button");
    more.click();
    settle().await;
    let said = text("predict-result");
    let opening = said
        .split_once(". ")
        .map_or(said.as_str(), |(_, o)| o)
        .trim();
    assert!(
        !opening.is_empty() && !text("regime-why").contains(opening),
        "{said} / {}",
        text("regime-why")
    );
    // The claim follows once the run has ended too: the class sees the run before being told.
    for _ in 0..200 {
        if text("lesson").contains("2/λmax") {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    assert!(text("lesson").contains("2/λmax"), "{}", text("lesson"));
    // The address bar follows once the settings have rested for 150 ms.
    gloo_timers::future::TimeoutFuture::new(300).await;
    let search = gloo::utils::window().location().search().expect("search");
    assert!(search.contains("preset=too-high"), "{search}");
}

#[wasm_bindgen_test]
async fn compare_mode_reads_out_all_three_rates() {
    let _app = mount("?lr0=0.05&compare=1").await;
    let others = document()
        .query_selector(".others")
        .expect("query")
        .expect("others shown");
    let t = others.text_content().unwrap_or_default();
    assert!(t.contains("lr0 0.005") && t.contains("lr0 0.5"), "{t}");
    assert!(t.contains("crawl") && t.contains("diverging"), "{t}");
}

#[wasm_bindgen_test]
async fn embed_mode_drops_the_chrome_and_hide_drops_controls() {
    let app = mount("?embed=1&hide=seed,preset").await;
    let root = &app.root;
    let h1 = root
        .query_selector("h1")
        .expect("query")
        .expect("a heading");
    assert!(
        h1.class_name().contains("visually-hidden"),
        "for screen readers only"
    );
    assert!(root.query_selector("footer").expect("query").is_none());
    assert!(document().get_element_by_id("ctl-seed").is_none());
    assert!(document().get_element_by_id("preset").is_none());
    assert!(document().get_element_by_id("lr0").is_some());
}

#[wasm_bindgen_test]
async fn bad_url_values_show_a_notice_and_keep_working() {
    let _app = mount("?lr0=abc&batch=many").await;
    let notices = document()
        .query_selector(".notices")
        .expect("query")
        .expect("notices");
    let t = notices.text_content().unwrap_or_default();
    assert!(t.contains("lr0=abc") && t.contains("batch=many"), "{t}");
    assert_eq!(text("regime"), "converging");
}

#[wasm_bindgen_test]
fn text_is_measured_on_a_canvas_as_plotters_would_lay_it_out() {
    use plotters::prelude::*;
    use plotters_backend::DrawingBackend;
    use plotters_canvas::CanvasBackend;
    use stride::ui::canvas::Canvas;

    let make = || {
        let canvas: HtmlCanvasElement = document()
            .create_element("canvas")
            .expect("canvas")
            .dyn_into()
            .expect("a canvas element");
        canvas
    };
    let plain = CanvasBackend::with_canvas_object(make()).expect("2-D context");
    let cached = Canvas::new(make(), 1.0).expect("2-D context");
    // A backing store of 2 device pixels per CSS pixel: the charts lay out in CSS pixels.
    let sharp = make();
    sharp.set_width(600);
    sharp.set_height(300);
    let sharp = Canvas::new(sharp, 2.0).expect("2-D context");
    assert_eq!(sharp.get_size(), (300, 150));
    for size in [12.0, 24.0] {
        let style = TextStyle::from(("sans-serif", size).into_font());
        for text in ["0.001", "1e-5", "loss", "0.001"] {
            // plotters' own measure puts a styled <span> into the page; the canvas's
            // measureText agrees with it to a pixel or two, without the span.
            let want = plain.estimate_text_size(text, &style).expect("measured");
            let got = cached.estimate_text_size(text, &style).expect("measured");
            assert!(
                got.0.abs_diff(want.0) <= 2 && got.1.abs_diff(want.1) <= 2,
                "{text} at {size}: {got:?} vs plotters' {want:?}"
            );
            // Asked again, the answer comes from the cache and is the same.
            assert_eq!(
                cached.estimate_text_size(text, &style).expect("measured"),
                got
            );
        }
    }
    let small = cached
        .estimate_text_size("1e-5", &TextStyle::from(("sans-serif", 12.0).into_font()))
        .expect("measured");
    let large = cached
        .estimate_text_size("1e-5", &TextStyle::from(("sans-serif", 24.0).into_font()))
        .expect("measured");
    assert!(
        large.0 > small.0,
        "the font size is part of the key: {small:?} {large:?}"
    );
}

#[wasm_bindgen_test]
fn a_crash_puts_a_banner_on_the_page_with_a_way_back() {
    stride::ui::crash::show_banner("index out of bounds").expect("a banner");
    let banner = document().get_element_by_id("crash").expect("shown");
    let text = banner.text_content().unwrap_or_default();
    assert!(
        text.contains("Something went wrong") && text.contains("index out of bounds"),
        "{text}"
    );
    let link = banner.query_selector("a").expect("query").expect("a link");
    let path = gloo::utils::window().location().pathname().expect("path");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some(path.as_str()),
        "the page without its settings"
    );
    // A second panic does not stack banners.
    stride::ui::crash::show_banner("again").expect("a banner");
    assert_eq!(
        document()
            .query_selector_all(".crash")
            .expect("query")
            .length(),
        1
    );
    banner.remove();
}

/// Training at the network lessons' rates is chaotic, and the browser's maths library is not the
/// native one: a lesson whose claim holds natively must hold in wasm too.
#[wasm_bindgen_test]
fn the_clipping_lessons_claim_holds_in_the_browser_too() {
    use stride::state::Preset;
    use stride::state::lessons::verdict::Verdict;
    use stride::state::runs::session::Session;
    let mut s = Session::for_config(&Preset::Clipping.config());
    s.show_all();
    s.tick(usize::MAX, f64::INFINITY, 0.0, &|| 0.0);
    // Clipped, it trains, its loss swinging late in the run as it does natively.
    assert_eq!(s.report(0).verdict, Verdict::Oscillating, "clipped");
    assert_eq!(s.report(1).verdict, Verdict::Diverging, "unclipped");
}
