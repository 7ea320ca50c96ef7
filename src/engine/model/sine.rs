//! The two-parameter sine model as a [`Model`](super::Model): y = sin(w·x + b), a [`TwoWeights`] model with
//! φ = sin.

use super::two_weights::{Curve, TwoWeights};

/// Every run of the sine task starts here, whatever the seed: (w, b) = (1, −1.2), on the
/// slope below the ridge that parts the shallow minimum from the deep one. Small steps run
/// down to the floor on the near side of the ridge and then to the shallow minimum; a step of
/// lr ≈ 1 lands beyond it (measured at noise 0.1, seeds 0 to 5: lr 0.1 to 0.5 stay, 0.8 to
/// 1.2 cross).
pub const START: (f32, f32) = (1.0, -1.2);

/// φ(t) = sin t, so with r = sin(w·x + b) − y, L = (1/B) Σ r²,
/// ∂L/∂w = (2/B) Σ r·cos(w·x + b)·x and ∂L/∂b = (2/B) Σ r·cos(w·x + b).
#[derive(Clone, Copy, Debug)]
pub struct Sine;

impl Curve for Sine {
    const START: (f32, f32) = START;

    /// (sin t, cos t).
    fn value_slope(t: f32) -> (f32, f32) {
        t.sin_cos()
    }

    // Without the cosine: evaluating a landscape calls this for every grid point and example.
    fn value(t: f32) -> f32 {
        t.sin()
    }
}

/// y = sin(w·x + b) under the mean squared error; `w` (the frequency) is a weight, `b` (the
/// phase) a bias.
pub type SineModel = TwoWeights<Sine>;
