//! Files in and out of the page: downloads made from text or a data URL, and a chart's
//! canvases as one PNG; text to the clipboard.

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, HtmlCanvasElement};

use crate::charts::Colors;
use crate::charts::figure::Figure;
use crate::ui::canvas::Canvas;

/// Offers `href` as a download named `name`.
pub fn download(href: &str, name: &str) {
    let document = gloo::utils::document();
    if let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<HtmlAnchorElement>().ok())
    {
        a.set_href(href);
        a.set_download(name);
        a.click();
    }
}

/// Offers `text` as a file.
pub fn download_text(text: &str, name: &str, mime: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) {
        if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
            download(&url, name);
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    }
}

/// The chart `id` as a PNG data URL, framed by `figure`: its title above, its legend and
/// caption's numbers below, so the picture names its runs away from the page. The landscape's
/// picture and its paths are two stacked canvases, drawn onto one.
pub fn chart_png(id: &str, figure: &Figure, colors: &Colors) -> Option<String> {
    let document = gloo::utils::document();
    let canvas = |id: &str| {
        document
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
    };
    let top = canvas(id)?;
    let layers: Vec<HtmlCanvasElement> = canvas(&format!("{id}-bg"))
        .into_iter()
        .chain([top])
        .collect();
    let (width, height) = (layers[0].width(), layers[0].height());
    // The frame is laid out in CSS pixels, as the charts are, and drawn at the chart's density.
    let css = f64::from(layers[0].client_width());
    let ratio = if css > 0.0 {
        f64::from(width) / css
    } else {
        1.0
    }
    .clamp(0.5, 4.0);
    let chart_css = (f64::from(height) / ratio).round() as u32;
    let layout = figure.layout((f64::from(width) / ratio).round() as u32, 1.0);
    let out: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    out.set_width(width);
    out.set_height((f64::from(layout.header + chart_css + layout.footer) * ratio).round() as u32);
    {
        let area = Canvas::new(out.clone(), ratio)?.into_drawing_area();
        crate::charts::figure::draw(&area, figure, chart_css, 1.0, colors).ok()?;
        area.present().ok()?;
    }
    let ctx: web_sys::CanvasRenderingContext2d = out.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok()?;
    let y = (f64::from(layout.header) * ratio).round();
    for layer in &layers {
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            layer,
            0.0,
            y,
            f64::from(width),
            f64::from(height),
        )
        .ok()?;
    }
    out.to_data_url().ok()
}

/// Copies `text` to the clipboard, then tells `done` whether the browser allowed it: it may
/// refuse (no permission, an iframe without `clipboard-write`, a page not served over https),
/// and a teacher, told nothing, could not tell whether the link was copied.
pub fn copy_text(text: &str, done: yew::Callback<bool>) {
    let promise = gloo::utils::window()
        .navigator()
        .clipboard()
        .write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done.emit(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// What a panel says once `what` was copied (`ok`) or the browser refused.
pub fn copied_words(what: &str, ok: bool) -> String {
    if ok {
        format!("{what} copied (and shown below).")
    } else {
        format!("The browser did not allow copying: {what} is shown below to copy by hand.")
    }
}

/// Reads `files` (picked or dropped) in turn, an args.yaml before the rest, through `load`,
/// which applies one file's text and says what it did; `done` gets every file's words. A
/// YOLO user picked their run's args.yaml and results.csv together and only one was read.
/// Each size is asked before its text is read: a 50 MB file is refused without reading it.
pub fn read_files(
    files: web_sys::FileList,
    load: std::rc::Rc<dyn Fn(String, Option<String>) -> String>,
    done: yew::Callback<String>,
) {
    let all = (0..files.length()).filter_map(|k| files.get(k));
    let (args, rest): (Vec<_>, Vec<_>) = all.partition(|f| {
        let name = f.name().to_ascii_lowercase();
        name.ends_with(".yaml") || name.ends_with(".yml")
    });
    wasm_bindgen_futures::spawn_local(async move {
        let mut said = Vec::new();
        for file in args.into_iter().chain(rest) {
            let name = file.name();
            said.push(
                match crate::state::io::import::check_file(&name, file.size()) {
                    Err(why) => format!("{name}: Nothing changed: {why}"),
                    Ok(()) => match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                        Ok(text) => load(text.as_string().unwrap_or_default(), Some(name)),
                        Err(_) => {
                            format!("{name}: Nothing changed: the browser could not read it.")
                        }
                    },
                },
            );
        }
        done.emit(said.join(" "));
    });
}
