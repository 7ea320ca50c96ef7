//! The mountain view's state: the angles the reader has turned it to (by drag or by arrow
//! key), and what the path did on it in words, the text alternative of the picture.

use std::f64::consts::{PI, TAU};

use crate::charts::mountain::{Mountain, View};

/// The angles the mountain is seen from, always within range: the yaw wraps around, the
/// pitch stays between just above the horizon and just short of straight down, where the
/// surface would be a line or a flat map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Turn(View);

impl Turn {
    /// The lowest pitch: the surface seen almost edge on.
    pub const PITCH_MIN: f64 = 0.05;
    /// The highest pitch: nearly the 2-D map's view from above.
    pub const PITCH_MAX: f64 = 1.3;
    /// Radians per pixel dragged: half a turn across a 460-pixel canvas.
    pub const PER_PIXEL: f64 = std::f64::consts::PI / 460.0;
    /// One press of ← or →: 15°.
    pub const KEY_YAW: f64 = std::f64::consts::PI / 12.0;
    /// One press of ↑ or ↓: 5°.
    pub const KEY_PITCH: f64 = std::f64::consts::PI / 36.0;

    /// The angles `yaw`, `pitch` brought within range (a non-finite one: the opening view's).
    pub fn new(yaw: f64, pitch: f64) -> Self {
        let start = Self::default().0;
        let yaw = if yaw.is_finite() { yaw } else { start.yaw };
        let pitch = if pitch.is_finite() {
            pitch
        } else {
            start.pitch
        };
        // Into (−π, π], so that turning for ever does not lose precision.
        let yaw = if yaw > -PI && yaw <= PI {
            yaw
        } else {
            yaw - TAU * ((yaw + PI) / TAU).ceil() + TAU
        };
        Self(View {
            yaw,
            pitch: pitch.clamp(Self::PITCH_MIN, Self::PITCH_MAX),
            coarse: false,
        })
    }

    /// The angles, for the chart: the full surface.
    pub fn view(self) -> View {
        self.0
    }

    /// The angles, for the chart while a drag turns it: the surface drawn coarser, so that
    /// each frame of the turn is cheap.
    pub fn turning(self) -> View {
        View {
            coarse: true,
            ..self.0
        }
    }

    /// Turned by a drag of `dx`, `dy` CSS pixels: right turns the mountain about its vertical
    /// axis, down tilts it towards a view from above.
    pub fn dragged(self, dx: f64, dy: f64) -> Self {
        Self::new(
            self.0.yaw + dx * Self::PER_PIXEL,
            self.0.pitch + dy * Self::PER_PIXEL,
        )
    }

    /// Turned by the arrow key `key` (a `KeyboardEvent.key`); `None` for any other key, which
    /// the page then leaves to the browser.
    pub fn key(self, key: &str) -> Option<Self> {
        let (yaw, pitch) = match key {
            "ArrowLeft" => (-Self::KEY_YAW, 0.0),
            "ArrowRight" => (Self::KEY_YAW, 0.0),
            "ArrowUp" => (0.0, -Self::KEY_PITCH),
            "ArrowDown" => (0.0, Self::KEY_PITCH),
            _ => return None,
        };
        Some(Self::new(self.0.yaw + yaw, self.0.pitch + pitch))
    }
}

impl Default for Turn {
    /// A third of the way round and a quarter of the way up: both walls of a valley and its
    /// floor in view.
    fn default() -> Self {
        Self(View {
            yaw: 0.6,
            pitch: 0.45,
            coarse: false,
        })
    }
}

/// How the picture is turned, for the canvas's accessible description.
pub const HOW_TO_TURN: &str = "Drag the picture to turn the mountain, or focus it and use the arrow keys: ← → turn it round, ↑ ↓ tilt it.";

/// What the path did on the mountain, in words: where the walker started and is now, how
/// high (the loss on the surface under it), how far it walked, and whether it went down,
/// climbed, or left the map when the loss blew up. `diverged` is the iteration at which the
/// run diverged, if it did within what is shown; `iteration` is the walker's. `exact` holds
/// the run's own losses at the start and at the walker where they are the surface's heights
/// (a two-weight task's exact landscape): read off the drawn grid instead, a point between grid
/// points near the sharp bottom of a valley would read high.
pub fn describe(
    path: &[(f64, f64)],
    mountain: &Mountain,
    exact: Option<(f64, f64)>,
    diverged: Option<usize>,
    iteration: usize,
    names: (&str, &str),
) -> String {
    let finite: Vec<(f64, f64)> = path
        .iter()
        .copied()
        .take_while(|p| p.0.is_finite() && p.1.is_finite())
        .collect();
    let (Some(&start), Some(&end)) = (finite.first(), finite.last()) else {
        return String::from("The mountain in 3-D. No path yet.");
    };
    let at = |p: (f64, f64)| format!("({} {}, {} {})", names.0, num(p.0), names.1, num(p.1));
    let walked: f64 = finite
        .windows(2)
        .map(|s| (s[1].0 - s[0].0).hypot(s[1].1 - s[0].1))
        .sum();
    let straight = (end.0 - start.0).hypot(end.1 - start.1);
    let on_map = |p: (f64, f64)| mountain.loss_at(p).is_some();
    let (h0, h1) = match exact.filter(|(a, b)| a.is_finite() && b.is_finite()) {
        Some((a, b)) => (on_map(start).then_some(a), on_map(end).then_some(b)),
        None => (mountain.loss_at(start), mountain.loss_at(end)),
    };
    let mut text = format!(
        "The mountain in 3-D: the height is the loss. The walker started at {}",
        at(start)
    );
    if let Some(h) = h0 {
        text += &format!(", at a height of {}", num(h));
    }
    text += ".";
    if finite.len() == 1 {
        return text + " It has not moved yet.";
    }
    let place = match h1 {
        Some(b) => format!(", and is at {}, at a height of {}", at(end), num(b)),
        None => String::from(", and has left the map"),
    };
    text += &format!(
        " By iteration {iteration} it had walked {} across the plane ({} from where it started){place}",
        num(walked),
        num(straight)
    );
    let what = match (diverged, h0, h1) {
        (Some(step), _, _) => {
            format!(
                "it climbed, and the loss blew up at iteration {}: the run diverged",
                step + 1
            )
        }
        (None, Some(a), Some(b)) if b > a * 1.01 => String::from("it climbed"),
        (None, Some(a), Some(b)) if b < a * 0.99 => String::from("it went downhill"),
        (None, Some(_), Some(_)) => String::from("it stayed at about the same height"),
        (None, _, None) => String::from("it walked off the edge of the map"),
        (None, None, Some(_)) => return text + ".",
    };
    text += &format!(": {what}.");
    text
}

/// A number in at most three significant digits.
fn num(v: f64) -> String {
    crate::charts::fmt_tick(v)
}
