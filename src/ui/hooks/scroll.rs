//! Bringing the run back into view after a tool below the charts has set lr0.

use yew::prelude::*;

/// A button that sets lr0 from a tool below the charts (the rate map, the finder, the sweep):
/// sets it and, when the charts have scrolled out of view above, brings the slider and the
/// charts back, so the run it starts is seen. A student pressed "Use lr0" and saw nothing
/// change, the run being a screen above. Clicks on the sweep's own chart keep their place, as
/// a learner clicking point after point is reading that chart.
pub fn lr_button(on_action: &Callback<crate::state::Action>, lr: f64) -> Callback<MouseEvent> {
    try_button(on_action, lr, None)
}

/// [`lr_button`] for the rate map's rate to try, which under `optimizer=auto` (`auto`, the
/// settings) is one for the optimizer auto picked: it leaves auto for the settings auto
/// resolved ([`crate::state::plan::adopt`]), as auto would ignore the rate.
pub fn try_button(
    on_action: &Callback<crate::state::Action>,
    lr: f64,
    auto: Option<&crate::state::Config>,
) -> Callback<MouseEvent> {
    // The rate as the button shows it: the address had carried lr0=0.21003560884370523.
    let lr = crate::engine::stability::fmt_lr(lr).parse().unwrap_or(lr);
    let adopt = auto.map(|c| crate::state::plan::adopt(c, lr));
    let on_action = on_action.clone();
    Callback::from(move |_: MouseEvent| {
        on_action.emit(adopt.clone().unwrap_or(crate::state::Action::SetLr(lr)));
        show_run();
    })
}

fn show_run() {
    let document = gloo::utils::document();
    let Some(charts) = document.query_selector(".stage .charts").ok().flatten() else {
        return;
    };
    if charts.get_bounding_client_rect().top() >= 0.0 {
        return;
    }
    let Some(slider) = document.query_selector(".stage .log-slider").ok().flatten() else {
        return;
    };
    let reduce = gloo::utils::window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Start);
    options.set_behavior(if reduce {
        web_sys::ScrollBehavior::Instant
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    slider.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Opens the Your run panel and the tools around it, and brings it into view, where a file of
/// the user's own run has been read: a dropped args.yaml left it shut, and the toy's verdict,
/// the only one in view, was read as advice for their run; on a phone the page then stayed on
/// the toy's effective-rates table, 900 px below the run's panel.
pub fn open_your_run() {
    show_panel(crate::state::io::import::YOUR_RUN_PANEL);
}

/// Opens the folded panel `id` under More tools, and returns it.
fn open_panel(id: &str) -> Option<web_sys::Element> {
    let document = gloo::utils::document();
    for id in ["more-tools", id] {
        if let Some(panel) = document.get_element_by_id(id) {
            let _ = panel.set_attribute("open", "");
        }
    }
    document.get_element_by_id(id)
}

/// [`open_panel`], then brought into view: a notice's button to the panel it names.
pub fn show_panel(id: &str) {
    if let Some(panel) = open_panel(id) {
        panel.scroll_into_view();
    }
}
