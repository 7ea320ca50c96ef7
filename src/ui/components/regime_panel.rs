//! The regime of the current learning rate, and why.

use yew::prelude::*;

use crate::engine::descent::{EXPLODE_FACTOR, Outcome};
use crate::engine::stability::{Regime, fmt_lr};

#[derive(Properties, PartialEq)]
pub struct RegimePanelProps {
    pub regime: Regime,
    pub why: AttrValue,
    pub outcome: Outcome,
    pub critical_lr: f64,
}

#[component]
pub fn RegimePanel(props: &RegimePanelProps) -> Html {
    let diverged = match props.outcome {
        Outcome::Diverged { step } => Some(format!(
            "The run stopped at step {step}: the loss grew more than {}-fold. \
             Try a learning rate below 2/λmax = {}.",
            EXPLODE_FACTOR,
            fmt_lr(props.critical_lr)
        )),
        Outcome::Completed => None,
    };
    html! {
        <section class="regime-panel" aria-live="polite" aria-label="What this learning rate does">
            <p>
                <span id="regime" class={classes!("regime", props.regime.name())}>
                    { props.regime.name() }
                </span>
                <span id="regime-why">{ props.why.clone() }</span>
            </p>
            if let Some(text) = diverged {
                <p class="diverged" id="diverged">{ text }</p>
            }
        </section>
    }
}
