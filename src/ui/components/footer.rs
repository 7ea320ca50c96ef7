//! The page's foot: every term the page explains and every badge, listed, then what Stride is and the data's
//! credit. The dotted words open their meaning on hover, focus or tap, but a reader who does not
//! know to try that, or wants them all at once (a teacher preparing a class), finds them here.

use yew::prelude::*;

use crate::state::lessons::glossary::in_order;
use crate::state::lessons::verdict::Verdict;

#[derive(Properties, PartialEq)]
pub struct FooterProps {
    /// The words and what Stride is (not in an embed or on a projector).
    pub about: bool,
    /// The data set's credit, where it needs one.
    pub credit: Option<&'static str>,
    /// Presenter mode's link: the course step shown, and a teacher's path.
    pub present: String,
}

#[component]
pub fn Footer(props: &FooterProps) -> Html {
    let all = in_order();
    html! {
        <footer>
            if props.about {
                <details class="words" id="words">
                    <summary>{ format!("The words and badges this page uses, in plain words ({} and {}). A dotted word or a badge also shows its meaning on hover or tap.", all.len(), Verdict::ALL.len()) }</summary>
                    <dl class="terms">
                        { for all.iter().map(|e| html! { <>
                            <dt>{ e.term }</dt>
                            <dd>{ e.text }</dd>
                        </> }) }
                    </dl>
                    // A student looked STALLED up here and did not find it.
                    <h2 class="words-badges">{ "The badges a run gets" }</h2>
                    <dl class="badges">
                        { for Verdict::ALL.iter().map(|v| html! { <>
                            // Badge names are ASCII: no Unicode case tables in the bundle.
                            <dt>{ v.name().to_ascii_uppercase() }</dt>
                            <dd>{ v.meaning() }</dd>
                        </> }) }
                    </dl>
                </details>
                // A teacher looked for a projector mode and did not find one.
                <p>{ "Teaching a class? " }<a id="present-link" href={props.present.clone()}>{ "Presenter mode" }</a>
                    { " shows each course step on one projector screen, in large type; ← → move through the steps. For a shorter path, list the steps in the link: " }<code>{ "steps=1,2,3,4,13" }</code>{ "." }</p>
                // Semantics, not defaults: a YOLO user read it as a promise of YOLO's defaults.
                <p>{ "Stride runs entirely in your browser; nothing is sent anywhere. Parameter names and \
                      semantics follow Ultralytics YOLO and PyTorch; the defaults are plain SGD for teaching, and the \
                      lesson \"Ultralytics' defaults\" or your args.yaml set YOLO's. Read " }
                    <a href="docs/index.html">{ "The learning rate, live" }</a>{ ", with live figures." }</p>
            }
            if let Some(credit) = props.credit {
                <p class="credit">{ credit }</p>
            }
        </footer>
    }
}
