//! The effective-LR ledger: what each parameter group really gets at the cursor, and the
//! arithmetic from the typed lr0 to it.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::stability::fmt_lr;
use crate::state::scene::LedgerView as Ledger;

#[derive(Properties, PartialEq)]
pub struct LedgerProps {
    pub ledger: Rc<Ledger>,
    /// Start unfolded (optimizer=auto, where the typed lr0 is not the applied one).
    pub open: bool,
    /// The reader's own run is in: these are the toy's rates (a YOLO user read them as their
    /// run's).
    pub toy: bool,
}

#[component]
pub fn LedgerView(props: &LedgerProps) -> Html {
    let l = &props.ledger;
    // One line that keeps its length while a run trains, so the page does not jump. The
    // optimizer's lr, said so: a YOLO user met it beside the loss scaling's "a step moves like
    // lr × 4 = …" and asked which was the effective one.
    let summary = format!(
        "{}Effective learning rate (the optimizer's lr now): weights {}, biases {}",
        if props.toy { "Toy task · " } else { "" },
        fmt_lr(l.groups[0].lr),
        fmt_lr(l.groups[1].lr),
    );
    // The read-outs' iteration first, counted from 1; Ultralytics' ni, counted from 0, after it
    // (a student read "At ni 99" beside "iteration 100" as two counts).
    let at = format!(
        "At iteration {} (Ultralytics' ni = {}, counted from 0), epoch {} of {}{}",
        l.ni + 1,
        l.ni,
        l.settings.epoch + 1,
        l.epochs,
        if l.steps {
            ", an optimizer step:"
        } else {
            ", where gradients are only summed:"
        }
    );
    html! {
        <details class="ledger" id="ledger" open={props.open}>
            <summary>{ summary }</summary>
            <p class="ledger-at">{ at }</p>
            <table class="ledger-groups">
                <caption class="visually-hidden">{ "Applied values per parameter group" }</caption>
                <thead><tr>
                    <th scope="col">{ "group" }</th><th scope="col">{ "lr" }</th>
                    <th scope="col">{ "momentum" }</th><th scope="col">{ "weight decay" }</th>
                </tr></thead>
                <tbody>
                    { for l.groups.iter().map(|g| html! {
                        <tr>
                            <th scope="row">{ g.group }</th>
                            <td class="num">{ fmt_lr(g.lr) }</td>
                            <td>{ &g.momentum }</td>
                            <td class="num">{ fmt_lr(g.weight_decay) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <ol class="ledger-lines">
                { for l.lines.iter().map(|x| html! {
                    <li><strong>{ x.factor }</strong>{ " " }{ &x.arithmetic }</li>
                }) }
            </ol>
        </details>
    }
}
