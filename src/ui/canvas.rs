//! The canvas backend with text measured on a canvas and remembered.
//!
//! plotters measures every label it places (tick labels, axis titles) by putting a `<span>`
//! with a `style` attribute into the page and reading its size. That forces the browser to lay
//! the page out again, once per label and per redraw, and a strict Content Security Policy
//! (`style-src 'self'`) refuses the attribute. Here a detached canvas's `measureText` measures
//! instead, with no layout and no DOM, and each (text, font) is remembered, since labels repeat
//! from frame to frame; drawing goes to plotters-canvas as before.

use std::cell::RefCell;
use std::collections::HashMap;

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

mod blit;

/// Measurements kept before the cache starts over (a few charts' worth of labels).
const REMEMBERED: usize = 2048;

thread_local! {
    static SIZES: RefCell<HashMap<String, (u32, u32)>> = RefCell::new(HashMap::new());
    /// A canvas that is never shown, only asked how wide a text is.
    static RULER: Option<CanvasRenderingContext2d> = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
        .and_then(|c| c.get_context("2d").ok().flatten())
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
}

/// The unrotated size of `text` in `style`, as plotters lays text out: its advance width, and
/// the height of a line of that font (1.15 × its size, the browser's normal line height for
/// sans-serif faces, which is what plotters' span measured).
fn measure<S: BackendTextStyle>(text: &str, style: &S) -> Option<(u32, u32)> {
    RULER.with(|ruler| {
        let ctx = ruler.as_ref()?;
        ctx.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let width = ctx.measure_text(text).ok()?.width();
        Some((width.ceil() as u32, (style.size() * 1.15).ceil() as u32))
    })
}

/// A plotters drawing backend for a `<canvas>`: [`CanvasBackend`] with cached text sizes and
/// images drawn at once, drawing in CSS pixels onto a backing store of `ratio` device pixels per
/// CSS pixel.
pub struct Canvas(CanvasBackend, (u32, u32), CanvasRenderingContext2d);

impl Canvas {
    /// The backend for `canvas`, whose backing store has `ratio` device pixels per CSS pixel,
    /// or `None` without a 2-D context. The charts lay out in CSS pixels (their fonts and
    /// margins are CSS sizes) and the context's transform scales every stroke, fill and glyph
    /// to the device, so they are sharp at any density.
    pub fn new(canvas: HtmlCanvasElement, ratio: f64) -> Option<Self> {
        let css = |px: u32| (f64::from(px) / ratio).round() as u32;
        let size = (css(canvas.width()), css(canvas.height()));
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())?;
        context
            .set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0)
            .ok()?;
        CanvasBackend::with_canvas_object(canvas).map(|b| Self(b, size, context))
    }
}

/// What a text's measured size depends on.
fn key<S: BackendTextStyle>(text: &str, style: &S) -> String {
    let turn = match style.transform() {
        FontTransform::None => 0,
        FontTransform::Rotate90 => 1,
        FontTransform::Rotate180 => 2,
        FontTransform::Rotate270 => 3,
    };
    format!(
        "{}|{}|{}|{}|{text}",
        style.family().as_str(),
        style.style().as_str(),
        style.size(),
        turn
    )
}

impl DrawingBackend for Canvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.1
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let key = key(text, style);
        if let Some(size) = SIZES.with(|s| s.borrow().get(&key).copied()) {
            return Ok(size);
        }
        let size = match measure(text, style) {
            Some(size) => size,
            None => self.0.estimate_text_size(text, style)?,
        };
        SIZES.with(|s| {
            let mut s = s.borrow_mut();
            if s.len() >= REMEMBERED {
                s.clear();
            }
            s.insert(key, size);
        });
        Ok(size)
    }

    /// The image in one `drawImage`, through the context's transform, so that it is scaled to
    /// the device like everything else (without smoothing: a heatmap's cells keep their
    /// edges). plotters' default draws a pixel at a time.
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (w, h): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        match blit::draw(&self.2, pos, (w, h), src) {
            Some(()) => Ok(()),
            None => self.0.blit_bitmap(pos, (w, h), src),
        }
    }
}
