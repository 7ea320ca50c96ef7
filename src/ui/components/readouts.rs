//! The verdict with its reason, and the other runs' verdicts.

use yew::prelude::*;

use super::term::{BADGE, Marked, Term};

use crate::state::scene::{Readout, plain_opening};

#[derive(Properties, PartialEq)]
pub struct ReadoutsProps {
    pub readout: Readout,
    /// A prediction is asked for: no verdict yet.
    #[prop_or_default]
    pub pending: bool,
    /// The prediction is answered and the run still plays: the verdict waits for its end, as
    /// the lesson's sentence does (a badge beside "Watch the path…" told the class the answer
    /// before the run had shown it).
    #[prop_or_default]
    pub watching: bool,
    /// The prediction's result just above already gives the verdict's plain opening: the
    /// reason is then shown whole only when opened ("more"), so "more" always adds something.
    #[prop_or_default]
    pub explained: bool,
    /// The lesson shown: a new one folds the reason again (opened on a phone in one course
    /// step, it stayed open into the next as a long block above the charts).
    #[prop_or_default]
    pub lesson: AttrValue,
    /// Sets lr0 from the advice's button.
    #[prop_or_default]
    pub on_action: Callback<crate::state::Action>,
}

#[component]
pub fn Readouts(props: &ReadoutsProps) -> Html {
    let r = &props.readout;
    let verdict = r.verdict.verdict;
    let (opening, rest) = plain_opening(&r.verdict.why);
    // Folded, a clause that leads into numbers ends in "…", not a dangling colon, and a
    // sentence in "…" alone, not ".…"; unfolded, the stop comes back.
    let (lead, colon) = match (opening.strip_suffix(':'), opening.strip_suffix('.')) {
        _ if rest.is_empty() => (opening, ""),
        (Some(lead), _) => (lead, ":"),
        (_, Some(lead)) => (lead, "."),
        _ => (opening, ""),
    };
    // On a phone the reason is folded to two lines; this unfolds it.
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    {
        let open = open.clone();
        use_effect_with(props.lesson.clone(), move |_| {
            if *open {
                open.set(false);
            }
        });
    }
    if props.pending || props.watching {
        let (class, why) = if props.pending {
            ("pending", "Verdict: after you answer.")
        } else {
            ("waiting", "Verdict: when the run ends.")
        };
        return html! {
            <section class="readouts lesson-box" aria-label="Verdict">
                <p class="regime-line" id="verdict">
                    // "…", waiting: a grey "?" in a pill was taken for a help button that did nothing.
                    <span id="regime" class={classes!("regime", class)}>{ "…" }</span>
                    <span id="regime-why">{ why }</span>
                </p>
            </section>
        };
    }
    html! {
        <section class={classes!("readouts", "lesson-box", r.apply.map(|_| "has-apply"), (r.apply.is_some() && r.toy).then_some("apply-toy"))} aria-label="Verdict">
            <p class={classes!("regime-line", open.then_some("open"))} id="verdict" aria-live="polite">
                if let Some(main) = r.main.clone() {
                    <span class="main-run">{ format!("{main}: ") }</span>
                }
                // The badge says what it means on a tap, as a term does (a student met STALLED
                // with nothing that said what it was).
                <Term text={verdict.name()} entry={&BADGE} id="tip-badge" tip={verdict.meaning()}>
                    <span id="regime" class={classes!("regime", verdict.class())}>{ verdict.name() }</span>
                </Term>
                if props.explained {
                    // The answer's line above opens with the same words: only the rest, which
                    // "more" promises (a student read one sentence three times in a row).
                    if *open {
                        { " " }<span id="regime-why"><Marked text={if rest.is_empty() { r.verdict.why.clone() } else { crate::charts::capitalised(rest).into() }} scope="verdict" /></span>
                    }
                } else {
                    <span id="regime-why">
                        <Marked text={lead.to_string()} scope="verdict" />
                        if !rest.is_empty() {
                            <span class="why-cut" aria-hidden="true">{ "…" }</span>
                            <span class="why-rest">{ colon }{ " " }<Marked text={rest.to_string()} scope="verdict-rest" /></span>
                        }
                    </span>
                }
                // Folded, the advice's first clause ("Lower lr0 below 0.498, the stable limit"):
                // in full it wrapped the line, and the charts jumped down as the badge changed.
                if let Some(advice) = r.verdict.advice.clone() {
                    { " " }<strong class="advice" id="diverged">{
                        match crate::state::scene::plain_opening(&advice) {
                            (head, rest) if !*open && !rest.is_empty() => html! {
                                <><Marked text={head.trim_end_matches([':', '.']).to_string()} scope="advice" />{ "…" }</>
                            },
                            _ => html! { <Marked text={advice} scope="advice" /> },
                        }
                    }</strong>
                }
            </p>
            // Outside the line, which a long reason cuts with "…": on a wide page it sits by
            // "more", out of the flow, so it never hides and never moves the charts.
            if let Some(lr) = r.apply {
                <button type="button" id="verdict-use" class="verdict-use" onclick={crate::ui::hooks::lr_button(&props.on_action, lr)}>
                    { format!("Use lr0 {}{}", crate::engine::stability::fmt_lr(lr), if r.toy { " on the toy" } else { "" }) }
                </button>
            }
            // Apart from the verdict's line, so folding that line never hides or halves them.
            if !r.others.is_empty() {
                <p class={classes!("others", open.then_some("open"))} id="others">
                    for (k, ((label, other), why)) in r.others.iter().zip(r.others_why.iter()).enumerate() {
                        <span class="other">{ format!("{label}: ") }<Term text={other.name()} entry={&BADGE} id={format!("tip-badge-{k}")} tip={other.meaning()}>
                                <span class={classes!("regime", "small", other.class())}>{ other.name() }</span>
                            </Term>
                            if *open {
                                { " " }<span class="other-why"><Marked text={why.clone()} scope={format!("other-why-{k}")} /></span>
                            }
                        </span>
                    }
                </p>
            }
            <button type="button" class="lesson-more" aria-controls="verdict"
                aria-expanded={open.to_string()} onclick={toggle}>
                { if *open { "less" } else { "more" } }
            </button>
        </section>
    }
}
