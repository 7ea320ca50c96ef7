//! The first lesson: gradient descent on the line model's loss valley, where one number, the
//! learning rate, decides between crawl, convergence, zig-zag and divergence.

use super::data::{LINE_INTERCEPT, LINE_SLOPE, LineData, LineSpec};
use super::descent::{Descent, gradient_descent};
use super::landscape::{Axis, Grid, line_plane};
use super::line::LineLoss;
use super::stability::{Regime, Spectrum};

/// Every run starts here, (w, b) = (−1, 0): off the minimum (2, −1) both along the valley floor
/// and across it, so both the slow and the steep direction show in the path.
pub const START: (f32, f32) = (-1.0, 0.0);

/// Grid points per axis of the landscape.
pub const GRID_POINTS: usize = 64;

/// A data set, its loss valley and everything about it that does not depend on the rate.
#[derive(Clone, Debug, PartialEq)]
pub struct Valley {
    /// The W1 line data.
    pub data: LineData,
    /// The exact loss.
    pub loss: LineLoss,
    /// Eigenvalues of the (constant) Hessian.
    pub spectrum: Spectrum,
    /// The least-squares minimum (w*, b*); for a degenerate data set, the generating line.
    pub minimum: (f64, f64),
    /// L(w*, b*), the lowest loss reachable.
    pub min_loss: f64,
}

impl Valley {
    /// The valley of the W1 data drawn with `seed`, its inputs shifted by `shift`.
    pub fn new(seed: u64, shift: f32) -> Self {
        Self::with_noise(seed, shift, LineSpec::default().noise)
    }

    /// The same with another noise level (it moves the floor of the valley, not its shape).
    pub fn with_noise(seed: u64, shift: f32, noise: f32) -> Self {
        let data = LineData::generate(
            LineSpec {
                shift,
                noise,
                ..LineSpec::default()
            },
            seed,
        );
        let loss = LineLoss::new(&data);
        let spectrum = Spectrum::of_symmetric_2x2(loss.hessian());
        let minimum = loss
            .minimum()
            .unwrap_or((f64::from(LINE_SLOPE), f64::from(LINE_INTERCEPT)));
        let min_loss = loss.loss(minimum.0, minimum.1);
        Self {
            data,
            loss,
            spectrum,
            minimum,
            min_loss,
        }
    }

    /// A square window centred on the minimum that holds the start with a quarter to spare.
    pub fn window(&self) -> (Axis, Axis) {
        let (w0, b0) = (f64::from(START.0), f64::from(START.1));
        let r = 1.25 * (w0 - self.minimum.0).abs().max((b0 - self.minimum.1).abs());
        let axis = |c: f64| Axis {
            min: c - r,
            max: c + r,
            len: GRID_POINTS,
        };
        (axis(self.minimum.0), axis(self.minimum.1))
    }

    /// The exact loss over [`Valley::window`].
    pub fn grid(&self) -> Grid {
        let (w, b) = self.window();
        line_plane(&self.loss, w, b)
    }

    /// `steps` steps of full-batch gradient descent from [`START`] at the rate `lr`.
    pub fn descend(&self, lr: f64, steps: usize) -> Descent {
        gradient_descent(&self.data, START, lr as f32, steps)
    }

    /// The regime of `lr` over `steps` steps, from the valley's curvature.
    pub fn regime(&self, lr: f64, steps: usize) -> Regime {
        self.spectrum.regime(lr, steps)
    }
}
