//! The two-parameter line model as a [`Model`](super::Model): y = w·x + b, a [`TwoWeights`] model with φ the
//! identity.

use super::two_weights::{Curve, TwoWeights};

/// Every run of the line task starts here, (w, b) = (−1, 0): off the minimum (2, −1) both along
/// the valley floor and across it, so both the slow and the steep direction show in the path.
pub const START: (f32, f32) = (-1.0, 0.0);

/// φ(t) = t, so y = w·x + b and L = (1/B) Σ (w·x + b − y)², ∂L/∂w = (2/B) Σ r·x,
/// ∂L/∂b = (2/B) Σ r.
#[derive(Clone, Copy, Debug)]
pub struct Line;

impl Curve for Line {
    const START: (f32, f32) = START;

    /// (t, 1).
    fn value_slope(t: f32) -> (f32, f32) {
        (t, 1.0)
    }
}

/// y = w·x + b under the mean squared error; `w` is a weight, `b` a bias.
pub type LineModel = TwoWeights<Line>;
