//! An RGB image drawn on a chart's canvas in one `drawImage`.

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

thread_local! {
    /// A canvas that is never shown, where an image is put before it is drawn on a chart.
    static SCRATCH: Option<(HtmlCanvasElement, CanvasRenderingContext2d)> = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
        .and_then(|c| {
            let ctx = c.get_context("2d").ok().flatten()?.dyn_into().ok()?;
            Some((c, ctx))
        });
}

/// Draws the `w` × `h` RGB image `src` with its top left at `pos` (CSS pixels), through the
/// context's transform, so that it is scaled to the device like everything else, without
/// smoothing (a heatmap's cells keep their edges). `None` where the page gives no scratch
/// canvas or the image cannot be made.
pub(super) fn draw(
    ctx: &CanvasRenderingContext2d,
    pos: (i32, i32),
    (w, h): (u32, u32),
    src: &[u8],
) -> Option<()> {
    let mut rgba = Vec::with_capacity(src.len() / 3 * 4);
    for c in src.chunks_exact(3) {
        rgba.extend_from_slice(&[c[0], c[1], c[2], 255]);
    }
    SCRATCH.with(|scratch| {
        let (canvas, scratch) = scratch.as_ref()?;
        let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), w, h).ok()?;
        canvas.set_width(w);
        canvas.set_height(h);
        scratch.put_image_data(&image, 0.0, 0.0).ok()?;
        ctx.set_image_smoothing_enabled(false);
        let done = ctx
            .draw_image_with_html_canvas_element(canvas, f64::from(pos.0), f64::from(pos.1))
            .ok();
        ctx.set_image_smoothing_enabled(true);
        done
    })
}
