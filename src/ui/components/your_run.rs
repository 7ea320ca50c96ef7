//! The "your run" panel: the user's YOLO run at full scale, apart from the toy model. Its
//! data set (a well-known one, or the train-set size and classes typed in) and version family
//! go to the session; the numbers, the schedule and a results.csv's verdict come back in the
//! Scene.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::your_run_charts::YourRunCharts;
use crate::state::io::fullscale::{DataSet, MAX_IMAGES, YourRun};
use crate::state::io::results::Family;
use crate::state::runs::session::Command;
use crate::state::scene::YourRunView;

#[derive(Properties, PartialEq)]
pub struct YourRunPanelProps {
    pub view: Rc<YourRunView>,
    pub on_command: Callback<Command>,
}

/// The families in the picker, with short names.
const FAMILIES: [Family; 5] = [
    Family::V8_4,
    Family::V8_4Floor,
    Family::V8_1To8_3,
    Family::V8_0,
    Family::YoloV5,
];

/// How a control changes what the user entered.
type Edit = Rc<dyn Fn(&mut YourRun, &Event)>;

/// A whole number typed in, within 1..=max, or `None`.
fn whole(e: &Event, max: usize) -> Option<usize> {
    let v = e.target_unchecked_into::<HtmlInputElement>().value();
    v.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=max).contains(n))
}

#[component]
pub fn YourRunPanel(props: &YourRunPanelProps) -> Html {
    let v = &props.view;
    let input = v.input.clone();
    let data_menu = crate::ui::hooks::use_select_value(v.data_set.map_or("", |d| d.name()));
    let family_menu = crate::ui::hooks::use_select_value(
        &FAMILIES
            .iter()
            .position(|f| input.family == Some(*f))
            .map_or(String::new(), |k| k.to_string()),
    );
    let send = |f: Edit| {
        let (input, on_command) = (input.clone(), props.on_command.clone());
        Callback::from(move |e: Event| {
            let mut next = input.clone();
            f(&mut next, &e);
            on_command.emit(Command::Yours(next));
        })
    };
    let on_data = send(Rc::new(|y, e| {
        let name = e.target_unchecked_into::<HtmlSelectElement>().value();
        if let Some(d) = DataSet::ALL.into_iter().find(|d| d.name() == name) {
            let (images, nc) = d.size();
            (y.images, y.nc) = (Some(images), Some(nc));
        }
    }));
    let on_images = send(Rc::new(|y, e| y.images = whole(e, MAX_IMAGES)));
    let on_nc = send(Rc::new(|y, e| y.nc = whole(e, 10_000)));
    let on_family = send(Rc::new(|y, e| {
        let k = e.target_unchecked_into::<HtmlSelectElement>().value();
        y.family = k
            .parse::<usize>()
            .ok()
            .and_then(|k| FAMILIES.get(k))
            .copied();
    }));
    let open = input.images.is_some() || input.results.is_some() || input.args.is_some();
    let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    html! {
        <details class="your-run" id="your-run" {open}>
            <summary>{ "Your run (Ultralytics, full scale)" }</summary>
            <p class="your-run-intro">
                { "The charts above train Stride's small model on a toy data set. This panel trains nothing: it \
                   works out the schedule Ultralytics gives " }<em>{ "your" }</em>{ " YOLO run, from your train-set \
                   size and classes with the controls' lr0, lrf, epochs, batch, nbs, warmup and optimizer (or the \
                   args.yaml you loaded; the lesson Ultralytics defaults sets its defaults). Open a results.csv under \
                   Take it home to check it against this." }
            </p>
            <div class="your-run-inputs" role="group" aria-label="Your data set and version">
                <label>{ "Data set " }
                    <select id="your-data" ref={data_menu} onchange={on_data}>
                        <option value="" selected={v.data_set.is_none()}>{ "your own (type below)" }</option>
                        for d in DataSet::ALL {
                            <option value={d.name()} selected={v.data_set == Some(d)}>
                                { format!("{} ({} train images, {} classes)", d.name(), d.size().0, d.size().1) }
                            </option>
                        }
                    </select>
                </label>
                <label>{ "Train images " }
                    <input id="your-images" type="number" min="1" max={MAX_IMAGES.to_string()} step="1"
                        value={number(input.images)} placeholder={v.placeholders.0.clone()} onchange={on_images} />
                </label>
                <label>{ "Classes (nc; 10 if empty) " }
                    <input id="your-nc" type="number" min="1" max="10000" step="1"
                        value={number(input.nc)} placeholder={v.placeholders.1.clone()} onchange={on_nc} />
                </label>
                <label>{ "Version " }
                    <select id="your-family" ref={family_menu} onchange={on_family}>
                        <option value="" selected={input.family.is_none()}>{ "detect from results.csv, else 8.4.103+" }</option>
                        for (k, f) in FAMILIES.iter().enumerate() {
                            <option value={k.to_string()} selected={input.family == Some(*f)}>{ f.name() }</option>
                        }
                    </select>
                </label>
            </div>
            <p class="your-run-rule" id="your-run-rule">
                { format!("Rule used: {} ({}).", v.family.describe(), v.family_source) }
            </p>
            if !v.flags.is_empty() {
                <div class="your-run-flags" id="your-run-flags">
                    <strong>{ "Worth a look in your run:" }</strong>
                    <ul>
                        for flag in v.flags.iter() {
                            <li>{ flag }</li>
                        }
                    </ul>
                </div>
            }
            if !v.facts.is_empty() {
                <dl class="your-run-facts" id="your-run-facts">
                    for (what, value) in v.facts.iter() {
                        <dt>{ what }</dt><dd>{ value }</dd>
                    }
                </dl>
            }
            for note in v.notes.iter() {
                <p class="your-run-note">{ note }</p>
            }
            <YourRunCharts view={v.clone()} />
        </details>
    }
}
