//! The numbers at the cursor (or now), and the regime with one sentence of why.

use yew::prelude::*;

use crate::engine::stability::{Regime, fmt_lr};

/// The values shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Values {
    pub iteration: usize,
    pub epoch: usize,
    pub lr: Option<f64>,
    pub momentum: Option<f64>,
    pub loss: Option<f32>,
    pub accuracy: Option<f64>,
}

#[derive(Properties, PartialEq)]
pub struct ReadoutsProps {
    pub values: Values,
    pub regime: Regime,
    pub why: AttrValue,
    /// Regimes of the other runs in compare mode: (label, regime).
    #[prop_or_default]
    pub others: Vec<(String, Regime)>,
    pub diverged: Option<AttrValue>,
}

#[component]
pub fn Readouts(props: &ReadoutsProps) -> Html {
    let v = &props.values;
    let dash = || "–".to_string();
    html! {
        <section class="readouts" aria-label="Read-outs">
            <dl>
                <div><dt>{ "iteration" }</dt><dd id="ro-iteration">{ v.iteration }</dd></div>
                <div><dt>{ "epoch" }</dt><dd id="ro-epoch">{ v.epoch }</dd></div>
                <div><dt>{ "lr" }</dt><dd id="ro-lr">{ v.lr.map(fmt_lr).unwrap_or_else(dash) }</dd></div>
                <div><dt>{ "momentum" }</dt><dd id="ro-momentum">{ v.momentum.map(|m| format!("{m:.3}")).unwrap_or_else(dash) }</dd></div>
                <div><dt>{ "loss" }</dt><dd id="ro-loss">{ v.loss.map(|l| format!("{l:.4}")).unwrap_or_else(dash) }</dd></div>
                <div><dt>{ "accuracy" }</dt><dd id="ro-accuracy">{ v.accuracy.map(|a| format!("{:.1} %", 100.0 * a)).unwrap_or_else(dash) }</dd></div>
            </dl>
            <p class="regime-line" aria-live="polite">
                <span id="regime" class={classes!("regime", props.regime.name())}>{ props.regime.name() }</span>
                <span id="regime-why">{ props.why.clone() }</span>
            </p>
            if !props.others.is_empty() {
                <p class="others">
                    for (label, r) in props.others.iter() {
                        <span class="other">{ format!("{label}: ") }<span class={classes!("regime", "small", r.name())}>{ r.name() }</span></span>
                    }
                </p>
            }
            if let Some(text) = props.diverged.clone() {
                <p class="diverged" id="diverged" role="alert">{ text }</p>
            }
        </section>
    }
}
