//! The numbers at the cursor (or now), and the regime with one sentence of why.

use yew::prelude::*;

use crate::engine::stability::fmt_lr;
use crate::state::scene::Readout;

#[derive(Properties, PartialEq)]
pub struct ReadoutsProps {
    pub readout: Readout,
}

#[component]
pub fn Readouts(props: &ReadoutsProps) -> Html {
    let r = &props.readout;
    let v = &r.values;
    let regime = r.verdict.regime;
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
                <span id="regime" class={classes!("regime", regime.name())}>{ regime.name() }</span>
                <span id="regime-why">{ r.verdict.why.clone() }</span>
            </p>
            if !r.others.is_empty() {
                <p class="others">
                    for (label, other) in r.others.iter() {
                        <span class="other">{ format!("{label}: ") }<span class={classes!("regime", "small", other.name())}>{ other.name() }</span></span>
                    }
                </p>
            }
            if let Some(text) = r.diverged.clone() {
                <p class="diverged" id="diverged" role="alert">{ text }</p>
            }
        </section>
    }
}
