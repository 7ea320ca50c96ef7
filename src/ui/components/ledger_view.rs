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
}

#[component]
pub fn LedgerView(props: &LedgerProps) -> Html {
    let l = &props.ledger;
    let summary = format!(
        "Effective learning rate at ni {} (epoch {} of {}): weights {}, biases {}{}",
        l.ni,
        l.settings.epoch + 1,
        l.epochs,
        fmt_lr(l.groups[0].lr),
        fmt_lr(l.groups[1].lr),
        if l.steps { "" } else { ", no step here" }
    );
    html! {
        <details class="ledger" id="ledger" open={props.open}>
            <summary>{ summary }</summary>
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
                            <td>{ fmt_lr(g.lr) }</td>
                            <td>{ &g.momentum }</td>
                            <td>{ fmt_lr(g.weight_decay) }</td>
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
