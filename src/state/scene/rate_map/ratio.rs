//! How two rates compare: whether they agree, by the sweep's grid step, and a ratio in words.

use super::AGREE;

/// Two rates agree when they are within [`AGREE`] of each other.
pub fn agree(a: f64, b: f64) -> bool {
    a / b < AGREE && b / a < AGREE
}

/// A ratio as the sentence says it: "3.2×", "40×".
pub fn times(r: f64) -> String {
    if r < 10.0 {
        format!("{r:.1}×")
    } else {
        format!("{r:.0}×")
    }
}
