//! A finger on the lr0 slider: a touch that begins on it is a drag along it, which sets lr0, a
//! tap, which sets it where the finger lifts, or a swipe up or down to scroll the page, which
//! must not. A phone's slider is the screen's full
//! width, and a student who swiped up from it to scroll sent lr0 from 0.1 to 3.5e-5: the browser
//! moves a range input to the finger the moment it lands, before anyone knows which it is. The
//! 3-D mountain reads a finger the same way: a sideways drag turns it, a swipe scrolls.

/// How far a finger moves, in CSS pixels, before its gesture is read.
pub const SLOP: f64 = 6.0;

/// One touch on the slider, from the moment it lands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Touch {
    x0: f64,
    y0: f64,
    /// The value before the finger landed: where the slider goes back to unless the gesture is
    /// a drag along it.
    pub before: f64,
    along: Option<bool>,
    /// Where the browser put the slider as the finger landed (its own units), held back until
    /// the gesture is known.
    landed: Option<f64>,
}

impl Touch {
    /// A finger landing at (`x`, `y`) on a slider at `before`.
    pub fn start(x: f64, y: f64, before: f64) -> Touch {
        Touch {
            x0: x,
            y0: y,
            before,
            along: None,
            landed: None,
        }
    }

    /// The finger moved to (`x`, `y`). Once it is [`SLOP`] away, the gesture is a drag along the
    /// slider if it went at least as far sideways as up or down; that reading then holds.
    pub fn moved(&mut self, x: f64, y: f64) {
        let (dx, dy) = ((x - self.x0).abs(), (y - self.y0).abs());
        if self.along.is_none() && dx.max(dy) >= SLOP {
            self.along = Some(dx >= dy);
        }
    }

    /// Whether the slider may take the finger's value as it moves: only in a drag along it.
    /// A swipe to scroll leaves lr0 where it was.
    pub fn slides(&self) -> bool {
        self.along == Some(true)
    }

    /// The browser moved the slider to `value` under the finger, before the gesture is read.
    pub fn landed(&mut self, value: f64) {
        self.landed = Some(value);
    }

    /// The value a tap sets, as the finger lifts: where it landed, if it never moved past the
    /// slop (a student tapped the track on a phone and expected the rate to go there).
    pub fn tapped(&self) -> Option<f64> {
        self.landed.filter(|_| self.along.is_none())
    }
}
