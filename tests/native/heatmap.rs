//! The landscape's heatmap drawn as one image (the page's canvas) gives the same pixels as
//! drawn a rectangle per cell (SVG, exports), read back from a backend that keeps its pixels.

use std::cell::RefCell;
use std::rc::Rc;

use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use stride::charts::landscape::{self, Backdrop, Cells};
use stride::engine::valley::Valley;

const W: u32 = 460;

/// What was drawn: the pixels that rectangles, lines and images filled (text is not kept), and
/// the count of filled rectangles and of images, to tell the two ways apart.
struct Drawn {
    rgb: Vec<[u8; 3]>,
    rects: usize,
    images: usize,
}

/// A backend that keeps its pixels in a [`Drawn`] the test reads after the chart is drawn.
struct Pixels(Rc<RefCell<Drawn>>);

impl Pixels {
    fn put(&mut self, (x, y): BackendCoord, c: [u8; 3]) {
        if (0..W as i32).contains(&x) && (0..W as i32).contains(&y) {
            self.0.borrow_mut().rgb[(y as u32 * W + x as u32) as usize] = c;
        }
    }
}

#[derive(Debug)]
struct Never;
impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("never")
    }
}
impl std::error::Error for Never {}

impl DrawingBackend for Pixels {
    type ErrorType = Never;
    fn get_size(&self) -> (u32, u32) {
        (W, W)
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }
    fn draw_pixel(
        &mut self,
        at: BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.put(at, [c.rgb.0, c.rgb.1, c.rgb.2]);
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Never>> {
        if fill {
            self.0.borrow_mut().rects += 1;
            let c = style.color().rgb;
            for y in a.1..b.1 {
                for x in a.0..b.0 {
                    self.put((x, y), [c.0, c.1, c.2]);
                }
            }
        }
        Ok(())
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        _: &str,
        _: &S,
        _: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Never>> {
        Ok((
            (text.len() as f64 * style.size() * 0.6) as u32,
            style.size() as u32,
        ))
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (w, h): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.0.borrow_mut().images += 1;
        for y in 0..h {
            for x in 0..w {
                let k = ((y * w + x) * 3) as usize;
                self.put(
                    (pos.0 + x as i32, pos.1 + y as i32),
                    [src[k], src[k + 1], src[k + 2]],
                );
            }
        }
        Ok(())
    }
}

fn drawn(backdrop: &Backdrop, cells: Cells) -> Drawn {
    let kept = Rc::new(RefCell::new(Drawn {
        rgb: vec![[0, 0, 0]; (W * W) as usize],
        rects: 0,
        images: 0,
    }));
    let area = Pixels(kept.clone()).into_drawing_area();
    landscape::draw_backdrop(&area, backdrop, &stride::charts::LIGHT, cells)
        .expect("the backdrop draws");
    drop(area);
    Rc::try_unwrap(kept)
        .ok()
        .expect("the area is dropped")
        .into_inner()
}

#[test]
fn the_heatmap_as_one_image_gives_the_pixels_of_one_rectangle_per_cell() {
    let valley = Valley::new(0, 1.0);
    // No contour lines: drawn over the cells, they would hide where a cell's edge moved.
    let backdrop = Backdrop::new(valley.grid(), valley.min_loss, 0, ("w", "b"));
    let cells = backdrop.grid.x.len * backdrop.grid.y.len;
    let rects = drawn(&backdrop, Cells::Rects);
    let image = drawn(&backdrop, Cells::Image);
    assert_eq!(rects.images, 0);
    assert!(
        rects.rects >= cells,
        "{} rectangles for {cells} cells",
        rects.rects
    );
    assert_eq!(image.images, 1, "the heatmap is one image");
    assert!(
        image.rects < cells / 10,
        "{} rectangles beside the image",
        image.rects
    );
    // Pixel for pixel the same, the axes' lines included: the image puts each cell's edge
    // where the rectangles put it.
    let heat = rects.rgb.iter().filter(|c| **c != [255, 255, 255]).count();
    assert!(
        heat > (W * W / 2) as usize,
        "the heatmap covers the plot ({heat} pixels)"
    );
    let first = (0..rects.rgb.len()).find(|&k| rects.rgb[k] != image.rgb[k]);
    assert_eq!(
        first.map(|k| (k as u32 % W, k as u32 / W)),
        None,
        "the first pixel (x, y) that differs"
    );
}
