//! A page that never dies silently: a panic anywhere (the release build aborts on panic, so
//! nothing runs after it) first puts a banner on the page saying what happened and what to do,
//! and logs the message to the console. A WebAssembly trap (out of memory, a stack overflow)
//! never reaches Rust: `static/crash.js`, outside the module, shows the same banner for it.

use wasm_bindgen::prelude::*;

/// Installs the panic hook, through Yew, whose renderer would otherwise install its own
/// (console only) over it. Call first thing.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&format!("Stride crashed: {message}")));
        show_banner(&message);
    }));
}

/// Puts the crash banner on the page: what happened, a link that reloads the page with the
/// default settings, and the message to report. Plain DOM calls, no framework: whatever state
/// the app was in, this still works.
pub fn show_banner(message: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let body = document.body()?;
    if document.get_element_by_id("crash").is_some() {
        return Some(());
    }
    let banner = document.create_element("div").ok()?;
    banner.set_id("crash");
    banner.set_class_name("crash");
    banner.set_attribute("role", "alert").ok()?;
    let title = document.create_element("strong").ok()?;
    title.set_text_content(Some("Something went wrong — "));
    banner.append_child(&title).ok()?;
    let link = document.create_element("a").ok()?;
    let path = web_sys::window()?.location().pathname().ok()?;
    link.set_attribute("href", &path).ok()?;
    link.set_text_content(Some("reload with the default settings"));
    banner.append_child(&link).ok()?;
    let report = document.create_element("p").ok()?;
    report.set_text_content(Some(&format!(
        "If it happens again, please report this message and the page's address: {message}"
    )));
    banner.append_child(&report).ok()?;
    body.insert_before(&banner, body.first_child().as_ref())
        .ok()?;
    Some(())
}

/// Panics on purpose, so the end-to-end test can check that a real panic in the release build
/// shows the banner. Reachable only from the console.
#[wasm_bindgen]
pub fn stride_selftest_panic() {
    panic!("self-test: a deliberate panic");
}

/// Traps on purpose, so the end-to-end test can check that a real WebAssembly trap shows the
/// banner (through `static/crash.js`): `"stack"` overflows the stack, anything else executes
/// `unreachable`, which is also how an allocation failure ends. Reachable only from the console.
#[wasm_bindgen]
pub fn stride_selftest_trap(kind: &str) {
    if kind == "stack" {
        std::hint::black_box(deeper(std::hint::black_box(1)));
    }
    core::arch::wasm32::unreachable()
}

/// Recurses until the stack runs out: each frame keeps an array the optimiser cannot see
/// through, so the recursion stays real, and the exit is never taken.
fn deeper(n: u64) -> u64 {
    let frame = std::hint::black_box([n; 32]);
    if frame[1] == u64::MAX {
        return 0;
    }
    deeper(frame[1] + 1).wrapping_add(frame[0])
}
