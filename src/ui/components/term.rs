//! A term of art that opens its glossary entry: a button-like element described by a tip that
//! shows on hover and keyboard focus, and that a tap opens and closes (a phone has no hover).
//! [`Marked`] renders a text with each of its terms as a [`Term`].

use yew::prelude::*;

use crate::state::lessons::glossary::{Entry, Piece, mark_up};

#[derive(Properties, PartialEq)]
pub struct TermProps {
    /// The term as the text spells it.
    pub text: AttrValue,
    pub entry: &'static Entry,
    /// The tip's id, unique on the page.
    pub id: AttrValue,
    /// The button's name, where its text is only a sign ("?").
    #[prop_or_default]
    pub name: Option<AttrValue>,
    /// The tip's text, where it is not the entry's (a setting's own help).
    #[prop_or_default]
    pub tip: Option<AttrValue>,
    /// What the button shows, where it is more than `text` (a verdict's coloured badge).
    #[prop_or_default]
    pub children: Html,
}

/// The entry of a setting that has help but no glossary term: the tip's text comes from
/// [`TermProps::tip`].
pub const SETTING: Entry = Entry {
    term: "setting",
    spellings: &[],
    text: "",
};

/// The entry of a verdict's badge: the tip's text is the verdict's meaning.
pub const BADGE: Entry = Entry {
    term: "badge",
    spellings: &[],
    text: "",
};

#[component]
pub fn Term(props: &TermProps) -> Html {
    let open = use_state(|| false);
    // A term near the right edge opens its tip leftwards, so the tip stays on the screen (one
    // in the rate map's notes was cut off at 1280 px).
    let flip = use_state(|| false);
    let wrap = use_node_ref();
    let place = {
        let (flip, wrap) = (flip.clone(), wrap.clone());
        move || {
            let (Some(el), Some(w)) = (wrap.cast::<web_sys::Element>(), web_sys::window()) else {
                return;
            };
            let width = w.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(1e9);
            // The tip's widest: 22rem, at the root's 16 px.
            flip.set(el.get_bounding_client_rect().left() + 22.0 * 16.0 + 8.0 > width);
        }
    };
    let on_enter = {
        let place = place.clone();
        Callback::from(move |_: MouseEvent| place())
    };
    let on_focus = Callback::from(move |_: FocusEvent| place());
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    // An open tip closes at a click or tap anywhere else (a student's stayed open over the
    // read-outs, and a phone has no Escape key).
    {
        let (open, wrap) = (open.clone(), wrap.clone());
        use_effect_with(*open, move |&is_open| {
            // And at Escape wherever the focus is, the term's own button included (the page
            // hides the tips meanwhile).
            let listener = is_open.then(|| {
                let shut = open.clone();
                let escape = gloo::events::EventListener::new(
                    &gloo::utils::document(),
                    "keydown",
                    move |e| {
                        if crate::ui::hooks::is_escape(e) {
                            shut.set(false);
                        }
                    },
                );
                let outside = gloo::events::EventListener::new(
                    &gloo::utils::document(),
                    "pointerdown",
                    move |e| {
                        let inside = e
                            .target()
                            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok())
                            .zip(wrap.cast::<web_sys::Node>())
                            .is_some_and(|(t, w)| w.contains(Some(&t)));
                        if !inside {
                            open.set(false);
                        }
                    },
                );
                (escape, outside)
            });
            move || drop(listener)
        });
    }
    html! {
        <span ref={wrap} class={classes!("term-wrap", open.then_some("open"), flip.then_some("flip"))}
            onmouseenter={on_enter} onfocusin={on_focus}>
            <button type="button" class={classes!("term", props.name.is_some().then_some("sign"))} data-term={props.entry.term}
                aria-describedby={props.id.clone()} aria-expanded={open.to_string()} aria-label={props.name.clone()}
                onclick={toggle}>{
                    if props.children == Html::default() { html! { props.text.clone() } } else { props.children.clone() }
                }</button>
            <span class="term-tip" role="tooltip" id={props.id.clone()}>
                // Shown on a phone, whose tip opens along the screen's bottom, far from the
                // word tapped (a student missed a badge's tip 380 px below it). A button that
                // is only a sign ("?") names itself through `name` and has no name to show.
                if props.name.is_none() {
                    <b class="tip-name" aria-hidden="true">{ format!("{}: ", props.text) }</b>
                }
                { props.tip.clone().unwrap_or(AttrValue::Static(props.entry.text)) }
            </span>
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct MarkedProps {
    pub text: AttrValue,
    /// Prefixes the tips' ids, so that two texts on the page never share one.
    pub scope: AttrValue,
}

/// `text` with a no-break space where a line must not break: before "%" and after "≈" (a
/// phone's verdict ended a line with "Accuracy 100" and began the next with "%").
fn unbroken(text: &str) -> String {
    text.replace(" %", "\u{a0}%").replace("≈ ", "≈\u{a0}")
}

/// `text`, each glossary term in it (the first time it appears) a [`Term`].
#[component]
pub fn Marked(props: &MarkedProps) -> Html {
    let mut pieces = mark_up(&props.text);
    // An opening bracket before a term goes with it too: a projector's line ended "0.00167 ("
    // and began the next with "optimizer=auto)".
    let mut leads = vec![""; pieces.len()];
    for k in 1..pieces.len() {
        if let (Piece::Text(t), Piece::Term(..)) = (pieces[k - 1], pieces[k]) {
            let kept = t.trim_end_matches(['(', '[', '"', '\u{201c}']);
            (pieces[k - 1], leads[k]) = (Piece::Text(kept), &t[kept.len()..]);
        }
    }
    // Keyed by the term (each appears once per text): a verdict whose numbers change every
    // frame shifts its pieces, and an open tip must stay open, with the same id. A term's
    // button is an atomic inline, after which a line may break: the punctuation that follows
    // it is kept with it (a phone's line began ", 0.498").
    let mut out: Vec<Html> = Vec::new();
    let mut glue = String::new();
    for (k, piece) in pieces.into_iter().enumerate().rev() {
        match piece {
            Piece::Text(t) => {
                let cut = t
                    .char_indices()
                    .find(|(_, c)| !matches!(c, ',' | '.' | ';' | ':' | ')' | '?' | '!'))
                    .map_or(t.len(), |(i, _)| i);
                if cut < t.len() {
                    out.push(
                        html! { <span key={format!("text-{k}")}>{ unbroken(&t[cut..]) }</span> },
                    );
                }
                glue = t[..cut].to_string();
            }
            Piece::Term(t, entry) => {
                let slug: String = entry
                    .term
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect();
                let id = format!("tip-{}-{slug}", props.scope);
                out.push(html! {
                    <span key={entry.term} class="term-glue">
                        { leads[k] }<Term text={t.to_string()} {entry} {id} />{ std::mem::take(&mut glue) }
                    </span>
                });
            }
        }
    }
    if !glue.is_empty() {
        out.push(html! { <span key="text-lead">{ glue }</span> });
    }
    out.reverse();
    out.into_iter().collect::<Html>()
}
