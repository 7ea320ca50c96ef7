//! The first lesson: gradient descent on the line model's loss valley, where one number, the
//! learning rate, decides between crawl, convergence, zig-zag and divergence.

use super::data::{LINE_INTERCEPT, LINE_SLOPE, LineData, LineSpec};
use super::landscape::line_plane;
use super::line::LineLoss;
use super::model::LineModel;
use super::model::line::START;
use super::plane::{Axis, Grid};
use super::run::{Run, RunConfig, Status};
use super::stability::{Regime, Spectrum};
use super::surface::Surface;

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
        Self::of(
            LineSpec {
                shift,
                noise,
                ..LineSpec::default()
            },
            seed,
        )
    }

    /// The valley of the line data `spec` drawn with `seed`.
    pub fn of(spec: LineSpec, seed: u64) -> Self {
        let data = LineData::generate(spec, seed);
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

    /// The exact landscape: the loss over [`Valley::window`] and the least-squares minimum.
    pub fn surface(&self) -> Surface {
        Surface {
            grid: self.grid(),
            minimum: self.minimum,
            min_loss: self.min_loss,
            names: ("w (slope)", "b (intercept)"),
        }
    }

    /// `steps` steps of full-batch gradient descent from [`START`] at the fixed rate `lr`,
    /// θₖ₊₁ = θₖ − α·∇L(θₖ) (Cauchy 1847; `torch.optim.SGD` with momentum 0), trained by the
    /// same [`Run`] as every other task and recorded point by point.
    pub fn descend(&self, lr: f64, steps: usize) -> Descent {
        let data = self.data.to_dataset();
        let batch = data.len().max(1);
        let mut run = Run::new(
            RunConfig::sgd(lr, batch, steps, 0),
            Box::new(LineModel::new()),
            data,
            None,
        );
        run.record_trajectory(1);
        let status = run.advance(usize::MAX);
        let path: Vec<(f32, f32)> = run.trajectory().map(|p| (p[0], p[1])).collect();
        let mut losses: Vec<f32> = run.steps.iter().map(|s| s.loss).collect();
        let outcome = match status {
            Status::Diverged { step } => Outcome::Diverged { step },
            _ => {
                // The loss at the last point, which no step has measured yet.
                let (last, train) = (run.params().to_vec(), run.train_set().clone());
                losses.push(run.model().evaluate_all(&last, &train, train.len()).loss() as f32);
                Outcome::Completed
            }
        };
        Descent {
            path,
            losses,
            outcome,
        }
    }

    /// The regime of `lr` over `steps` steps, from the valley's curvature.
    pub fn regime(&self, lr: f64, steps: usize) -> Regime {
        self.spectrum.regime(lr, steps)
    }
}

/// How a descent ended. Divergence is a value the page explains, not an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// All requested steps were taken.
    Completed,
    /// The loss became non-finite or exploded at this step (0-based, counting the loss at the
    /// start as step 0); the run stopped there.
    Diverged {
        /// The step whose loss was non-finite or exploding.
        step: usize,
    },
}

/// The record of one gradient-descent run on the valley.
#[derive(Clone, Debug, PartialEq)]
pub struct Descent {
    /// (w, b) before each step: `path[0]` is the start, `path[k]` the point after k steps.
    pub path: Vec<(f32, f32)>,
    /// The full-data loss at each point of `path`.
    pub losses: Vec<f32>,
    /// Whether the run completed or diverged.
    pub outcome: Outcome,
}

impl Descent {
    /// The last point reached.
    pub fn current(&self) -> (f32, f32) {
        *self.path.last().expect("a descent always holds its start")
    }
}
