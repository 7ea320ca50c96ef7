//! Take it home, bring a run in: copy the settings as Ultralytics or PyTorch code, download the
//! run as CSV, the settings as JSON and each chart as PNG; drop or paste an args.yaml, a
//! results.csv or settings JSON. The text is made and read in `state::io::export` and
//! `state::io::import`; this only moves it between the page and the reader.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::charts::Colors;
use crate::state::io::export::{pytorch_code, to_json, ultralytics_code};
use crate::state::io::import::{Imported, Work, check_file, read_file};
use crate::state::runs::session::Command;
use crate::state::scene::figure;
use crate::state::{Action, Config, Notice};
use crate::ui::files::{chart_png, download, download_text, read_files};
use crate::ui::hooks::latest_scene;

#[derive(Properties, PartialEq)]
pub struct TakeHomeProps {
    pub config: Config,
    pub on_action: Callback<Action>,
    pub on_command: Callback<Command>,
    pub on_notices: Callback<Vec<Notice>>,
    pub csv: Callback<(), String>,
    /// A file's rates are in, to be removed.
    pub logged: bool,
}

/// Charts that can be saved, by canvas id, with their file names.
const CHARTS: [(&str, &str); 4] = [
    ("landscape", "Landscape"),
    ("loss", "Loss"),
    ("schedule", "Schedule"),
    ("boundary", "Boundary"),
];

#[component]
pub fn TakeHome(props: &TakeHomeProps) -> Html {
    let status = use_state(String::new);
    let shown = use_state(String::new);
    let pasted = use_node_ref();
    let copy = |make: fn(&Config) -> String, what: &'static str| {
        let (config, status, shown) = (props.config.clone(), status.clone(), shown.clone());
        Callback::from(move |_: MouseEvent| {
            let text = make(&config);
            let said = status.clone();
            let done = move |ok| said.set(crate::ui::files::copied_words(what, ok));
            crate::ui::files::copy_text(&text, Callback::from(done));
            shown.set(text);
            status.set("Copying…".into());
        })
    };
    let on_csv = {
        let (csv, status) = (props.csv.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            download_text(&csv.emit(()), "stride-run.csv", "text/csv");
            status.set("The run's CSV is downloading.".into());
        })
    };
    let on_json = {
        let (config, status) = (props.config.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            download_text(
                &to_json(&config),
                "stride-settings.json",
                "application/json",
            );
            status.set("The settings' JSON is downloading.".into());
        })
    };
    let colors = use_context::<Colors>().unwrap_or(crate::charts::LIGHT);
    let on_png = |id: &'static str| {
        let (status, config) = (status.clone(), props.config.clone());
        Callback::from(move |_: MouseEvent| {
            let framed = latest_scene().map(|scene| figure(id, &scene, &config));
            match framed.and_then(|f| Some((chart_png(id, &f, &colors)?, f.title))) {
                Some((u, title)) => {
                    download(&u, &format!("stride-{id}.png"));
                    status.set(format!(
                        "\"{title}\" is downloading as PNG, with its legend and settings."
                    ));
                }
                None => status.set(format!("There is no {id} chart on this page.")),
            }
        })
    };
    // What a file (by name) or pasted text says, applied: settings through the reducer, rates
    // onto the schedule; a file that cannot be read changes nothing and says why.
    let load: Rc<dyn Fn(String, Option<String>) -> String> = {
        let config = props.config.clone();
        let (on_action, on_command, on_notices) = (
            props.on_action.clone(),
            props.on_command.clone(),
            props.on_notices.clone(),
        );
        Rc::new(move |text: String, name: Option<String>| {
            let said = match read_file(&text, name.as_deref(), &config, &mut Work::default()) {
                Ok(Imported::Settings(c, notices)) => {
                    on_action.emit(Action::Load(Box::new(c)));
                    on_notices.emit(notices);
                    "Settings loaded.".into()
                }
                Ok(Imported::Args(c, mut notices)) => {
                    let (args, said) = Command::of_args(&text, &c, &mut notices);
                    on_command.emit(args);
                    on_action.emit(Action::Load(Box::new(c)));
                    on_notices.emit(notices);
                    crate::ui::hooks::open_your_run();
                    said
                }
                Ok(Imported::Rates(r)) => {
                    let said = r.said();
                    if r.results.is_some() {
                        on_command.emit(Command::Results(r.results));
                        crate::ui::hooks::open_your_run();
                    } else {
                        on_command.emit(Command::Logged(Some(Rc::new(r))));
                    }
                    said
                }
                Err(why) => format!("Nothing changed: {why}"),
            };
            // Which file, since the picker itself shows none once read (it is emptied so that
            // the same file can be read again).
            match name {
                Some(n) => format!("{n}: {said}"),
                None => said,
            }
        })
    };
    let on_file = {
        let (load, status) = (load.clone(), status.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                let status = status.clone();
                read_files(files, load.clone(), Callback::from(move |s| status.set(s)));
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let (load, status) = (load.clone(), status.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                let status = status.clone();
                read_files(files, load.clone(), Callback::from(move |s| status.set(s)));
            }
        })
    };
    let on_paste = {
        let (load, pasted, status) = (load.clone(), pasted.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = pasted.cast::<HtmlTextAreaElement>() {
                // Its length in UTF-16 units, no more than its UTF-8 bytes, is asked before
                // the text is copied in; the kind's own limit is checked on reading.
                match check_file("", f64::from(t.text_length())) {
                    Ok(()) => status.set(load(t.value(), None)),
                    Err(why) => status.set(format!("Nothing changed: {why}")),
                }
            }
        })
    };
    let on_clear = props.on_command.clone();
    let on_clear = Callback::from(move |_: MouseEvent| {
        on_clear.emit(Command::Logged(None));
        on_clear.emit(Command::Results(None));
    });
    html! {
        <details class="take-home" id="take-home"
            ondragover={Callback::from(|e: DragEvent| e.prevent_default())} ondrop={on_drop}>
            <summary>{ "Take it home · bring your run in" }</summary>
            <div class="take-home-row" role="group" aria-label="Export">
                <button type="button" id="copy-ultralytics" onclick={copy(ultralytics_code, "Ultralytics code")}>{ "Copy as Ultralytics" }</button>
                <button type="button" id="copy-pytorch" onclick={copy(pytorch_code, "PyTorch code")}>{ "Copy as PyTorch" }</button>
                <button type="button" id="download-csv" onclick={on_csv}>{ "Run as CSV" }</button>
                <button type="button" id="download-json" onclick={on_json}>{ "Settings as JSON" }</button>
                { for CHARTS.iter().filter(|(id, _)| *id != "boundary" || props.config.task.has_boundary()).map(|&(id, name)| html! {
                    <button type="button" onclick={on_png(id)}>{ format!("{name} PNG") }</button>
                }) }
            </div>
            if !shown.is_empty() {
                <textarea id="take-home-text" readonly=true rows="8" aria-label="Copied code" value={(*shown).clone()} />
            }
            <div class="take-home-row" role="group" aria-label="Import">
                // A label drawn as a button: the browser's own picker said "No file chosen" beside
                // a file just read. The status line below names the file.
                <label class="file-button">{ "Open args.yaml and results.csv (one or both), or settings JSON…" }
                    <input type="file" id="import-file" class="visually-hidden" accept=".yaml,.yml,.csv,.json,.txt" multiple=true onchange={on_file} />
                </label>
                if props.logged {
                    <button type="button" id="remove-logged" onclick={on_clear}>{ "Remove logged rates" }</button>
                }
            </div>
            <textarea id="import-text" ref={pasted} rows="4"
                aria-label="Paste an args.yaml, a results.csv or settings JSON"
                placeholder="…or paste (or drop a file here), then Load" />
            <button type="button" id="import-load" onclick={on_paste}>{ "Load" }</button>
            <p class={classes!("take-home-status", status.contains("Nothing changed").then_some("refused"))} id="take-home-status" role="status">{ (*status).clone() }</p>
        </details>
    }
}
