//! The numbers at the time cursor (or now).

use yew::prelude::*;

use super::term::{Marked, SETTING, Term};
use crate::engine::stability::fmt_lr;
use crate::state::scene::Values as Numbers;

/// What the accuracy read-out counts (`state::scene::Readout` takes the validation examples'
/// where the run holds any out, else the training examples').
const ACCURACY: &str = "The share of examples the model labels right after the last complete epoch: on the validation examples, held out of training, where the run has any, else on the training examples.";

#[derive(Properties, PartialEq)]
pub struct ValuesProps {
    pub values: Numbers,
}

#[component]
pub fn Values(props: &ValuesProps) -> Html {
    let v = &props.values;
    let dash = || "–".to_string();
    html! {
        <dl class="values" aria-label={v.run.as_ref().map_or_else(
            || "Read-outs at the time cursor".to_string(),
            |(name, _)| format!("Read-outs of {name} at the time cursor"),
        )}>
            // Whose numbers, by name where runs are side by side: the badge line above names the
            // main run first, but a student still read SGD's "lr 0.0065" as the page's only lr
            // beside Adam's run. (A swatch here, tip and all, was taken for a stray dash by four
            // students.)
            if let Some((name, _)) = &v.run {
                <div class="values-run"><dt class="visually-hidden">{ "run" }</dt><dd>{ format!("{name}:") }</dd></div>
            }
            <div><dt>{ "iteration" }</dt><dd id="ro-iteration">{ v.iteration }</dd></div>
            if let Some(epoch) = v.epoch {
                // Not on a phone: with it the row takes two lines once the numbers run, and
                // the loss chart's axis counts the epochs there.
                <div class="values-epoch"><dt>{ "epoch" }</dt><dd id="ro-epoch">{ epoch }</dd></div>
            }
            // Its tip says how it differs from the slider's lr0 (a student asked what the 0 was).
            <div><dt><Marked text="lr" scope="values-lr" /></dt><dd id="ro-lr">{ v.lr.map(fmt_lr).unwrap_or_else(dash) }if v.warming {<span class="wide-only">{ " (warmup)" }</span>}</dd></div>
            if v.has_momentum {
                <div><dt><Marked text={v.momentum_name} scope="values-momentum" /></dt><dd id="ro-momentum">{ v.momentum.map(|m| format!("{m:.3}")).unwrap_or_else(dash) }</dd></div>
            }
            // Said which loss: a lesson's result quotes each run's last-epoch mean, this is the
            // chart's line, smoothed over minibatches (a student saw 0.0486 here beside "ended at
            // loss 0.075"); a full-batch loss is not smoothed, and is not called so.
            // On a phone too: two reviewers read "loss" there against "smoothed loss" on a laptop.
            <div><dt>if v.smoothed {<Marked text="smoothed" scope="values" />{ " " }}{ "loss" }</dt><dd id="ro-loss">{ v.loss.map(crate::engine::stability::fmt_loss).unwrap_or_else(dash) }</dd></div>
            if v.classifies {
                // Which examples, on a tap: a student compared 96 % here with the sweep's 98 %.
                <div><dt>{ v.accuracy_on }{ " " }<Term text="accuracy" entry={&SETTING} id="tip-ro-accuracy" tip={ACCURACY} /></dt><dd id="ro-accuracy">{ v.accuracy.map(|a| format!("{:.1} %", 100.0 * a)).unwrap_or_else(dash) }</dd></div>
            }
        </dl>
    }
}
