//! The page.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::landscape_view::LandscapeView;
use super::log_slider::{LogSlider, Mark};
use super::loss_view::LossView;
use super::notices::Notices;
use super::regime_panel::RegimePanel;
use crate::charts::landscape::{Backdrop, PathLayer, summary as landscape_summary};
use crate::charts::loss::{LossScene, summary as loss_summary};
use crate::engine::descent::Outcome;
use crate::engine::stability::fmt_lr;
use crate::engine::valley::Valley;
use crate::state::config::{LR_MAX, LR_MIN, SHIFT_MAX, STEPS};
use crate::state::{Action, Config, Notice, parse_query, to_query};

#[derive(Clone, Debug, PartialEq)]
struct Page {
    config: Config,
}

impl Reducible for Page {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let config = self.config.apply(action);
        if config == self.config {
            // Returning the same Rc skips the re-render (Yew 0.23).
            self
        } else {
            Rc::new(Page { config })
        }
    }
}

fn location_query() -> String {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
}

/// Keeps the address bar in step with the settings without adding history entries.
fn write_query(config: &Config) {
    let window = gloo::utils::window();
    let Ok(path) = window.location().pathname() else {
        return;
    };
    let query = to_query(config);
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[component]
pub fn App() -> Html {
    let initial = use_memo((), |_| parse_query(&location_query()));
    let page = use_reducer(|| Page {
        config: initial.0.clone(),
    });
    let notices = use_state(|| initial.1.clone());
    let config = page.config.clone();

    use_effect_with(config.clone(), write_query);

    let valley = use_memo((config.seed, config.shift.to_bits()), |&(seed, shift)| {
        Valley::new(seed, f64::from_bits(shift) as f32)
    });
    let backdrop = use_memo(valley.clone(), |valley| {
        Backdrop::new(
            valley.grid(),
            valley.min_loss,
            14,
            ("w (slope)", "b (intercept)"),
        )
    });
    let descent = use_memo((valley.clone(), config.lr0.to_bits()), |(valley, lr)| {
        valley.descend(f64::from_bits(*lr), STEPS)
    });

    let spectrum = valley.spectrum;
    let regime = valley.regime(config.lr0, STEPS);
    let why = regime.why(config.lr0, &spectrum, STEPS);
    let marks = vec![
        Mark {
            value: spectrum.best_lr(),
            label: format!("best {}", fmt_lr(spectrum.best_lr())),
            title: "best fixed rate 2/(λmin+λmax): fastest convergence".into(),
            class: "best",
        },
        Mark {
            value: spectrum.critical_lr(),
            label: format!("2/λmax {}", fmt_lr(spectrum.critical_lr())),
            title: "critical rate 2/λmax: gradient descent diverges above it".into(),
            class: "critical",
        },
    ];
    let diverged_at = match descent.outcome {
        Outcome::Diverged { step } => Some(step),
        Outcome::Completed => None,
    };
    let layer = PathLayer {
        path: &descent.path,
        minimum: Some(valley.minimum),
    };
    let landscape_text = landscape_summary(layer, &descent.losses);
    let loss_text = loss_summary(LossScene {
        losses: &descent.losses,
        steps: STEPS,
        floor: Some(valley.min_loss),
        diverged_at,
    });

    let on_lr = {
        let page = page.clone();
        Callback::from(move |lr| page.dispatch(Action::SetLr(lr)))
    };
    let on_seed = {
        let page = page.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(seed) = text.trim().parse::<u64>() {
                page.dispatch(Action::SetSeed(seed));
            }
        })
    };
    let on_shift = {
        let page = page.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<HtmlInputElement>()
                .value_as_number();
            page.dispatch(Action::SetShift(v));
        })
    };
    let on_dismiss = {
        let notices = notices.clone();
        Callback::from(move |()| notices.set(Vec::<Notice>::new()))
    };

    html! {
        <main class="stride">
            <header>
                <h1>{ "Stride" }<span class="tagline">{ " · what a learning rate does" }</span></h1>
                <p class="lede">
                    { "Gradient descent fits a line y = w·x + b to 256 noisy points. Drag the learning rate \
                       from left to right: the path crawls, then converges, then zig-zags across the valley, \
                       then flies off." }
                </p>
            </header>
            <Notices notices={(*notices).clone()} {on_dismiss} />
            <section class="controls" aria-label="Settings">
                <LogSlider id="lr0" label="Learning rate lr0" value={config.lr0}
                    min={LR_MIN} max={LR_MAX} {marks} on_change={on_lr} />
                <div class="field">
                    <label for="shift">{ "Valley stretch (x offset)" }</label>
                    <input type="range" id="shift" min="0" max={SHIFT_MAX.to_string()} step="0.1"
                        value={config.shift.to_string()} oninput={on_shift}
                        aria-valuetext={format!("{:.1}, condition number {:.1}", config.shift, spectrum.condition_number())} />
                    <span class="hint">{ format!("κ = λmax/λmin = {:.1}", spectrum.condition_number()) }</span>
                </div>
                <div class="field">
                    <label for="seed">{ "Data seed" }</label>
                    <input type="number" id="seed" min="0" step="1" value={config.seed.to_string()} onchange={on_seed} />
                </div>
            </section>
            <RegimePanel {regime} why={why} outcome={descent.outcome} critical_lr={spectrum.critical_lr()} />
            <div class="charts">
                <LandscapeView backdrop={backdrop.clone()} descent={descent.clone()}
                    minimum={valley.minimum} summary={landscape_text} />
                <LossView descent={descent.clone()} steps={STEPS} floor={valley.min_loss} summary={loss_text} />
            </div>
            <footer>
                <p>{ format!(
                    "{STEPS} steps of full-batch gradient descent from (w, b) = (−1, 0). Curvature: λmin = {:.3}, λmax = {:.3}.",
                    spectrum.lambda_min, spectrum.lambda_max) }</p>
                <p>{ "Stride runs entirely in your browser; nothing is sent anywhere." }</p>
            </footer>
        </main>
    }
}
