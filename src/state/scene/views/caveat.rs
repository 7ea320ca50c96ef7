//! The landscape's caveat.

use crate::charts::landscape::Backdrop;

/// What could mislead in a picture: colours spread over a tiny range of losses, or axes of
/// very different scales (a PCA plane's second direction is often a sliver of the first).
pub(super) fn caveat(b: &Backdrop) -> String {
    let mut notes = Vec::new();
    let (lo, hi) = b.grid.range();
    if lo.is_finite() && hi.is_finite() && hi - lo < 0.05 * lo.abs().max(1e-12) {
        notes.push(format!(
            "Nearly flat: the colours span only {} to {}.",
            crate::charts::fmt_tick(lo),
            crate::charts::fmt_tick(hi)
        ));
    }
    let (x, y) = (b.grid.x.max - b.grid.x.min, b.grid.y.max - b.grid.y.min);
    if x > 2.0 * y || y > 2.0 * x {
        notes.push("Unequal axes.".into());
    }
    notes.join(" ")
}
