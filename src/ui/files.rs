//! Files in and out of the page: downloads made from text or a data URL, and a chart's
//! canvases as one PNG.

use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, HtmlCanvasElement};

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

/// The chart `id` as a PNG data URL; the landscape's picture and its paths are two stacked
/// canvases, drawn onto one.
pub fn chart_png(id: &str) -> Option<String> {
    let document = gloo::utils::document();
    let canvas = |id: &str| {
        document
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
    };
    let top = canvas(id)?;
    if let Some(bg) = canvas(&format!("{id}-bg")) {
        let out: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
        out.set_width(bg.width());
        out.set_height(bg.height());
        let ctx: web_sys::CanvasRenderingContext2d =
            out.get_context("2d").ok()??.dyn_into().ok()?;
        for layer in [&bg, &top] {
            let (w, h) = (f64::from(out.width()), f64::from(out.height()));
            ctx.draw_image_with_html_canvas_element_and_dw_and_dh(layer, 0.0, 0.0, w, h)
                .ok()?;
        }
        return out.to_data_url().ok();
    }
    top.to_data_url().ok()
}
