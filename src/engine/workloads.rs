//! The fixed benchmark workloads of WORKLOADS.md, shared by `cargo bench` and the page's
//! `?bench=` mode so that native and browser figures measure the same work.

use super::data::{LineData, LineSpec, Toy, digits};
use super::landscape::{PlaneGrid, random_plane};
use super::model::{Activation, ConvNet, LineModel, Mlp, Model};
use super::plane::Axis;
use super::rng::seeded;
use super::run::{Run, RunConfig, Status};

/// A workload's identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Workload {
    /// `line`: 256 points, y = w·x + b, full-batch GD at lr 0.1, 500 steps.
    W1,
    /// `mlp`: two spirals (512 points), MLP 2 → 32 → 32 → 2 tanh, SGD lr 0.1, batch 32, 50 epochs.
    W2,
    /// `conv`: the 1797 digits, W3's conv net, SGD lr 0.05, batch 32, 5 epochs.
    W3,
    /// `landscape-mlp`: W2's data and model, full-data loss on a 64 × 64 grid.
    L2,
    /// `landscape-conv`: W3's data and model, full-data loss on a 64 × 64 grid.
    L3,
}

impl Workload {
    /// All workloads in order.
    pub const ALL: [Workload; 5] = [
        Workload::W1,
        Workload::W2,
        Workload::W3,
        Workload::L2,
        Workload::L3,
    ];

    /// The identifier as written in WORKLOADS.md and `?bench=`.
    pub fn id(self) -> &'static str {
        match self {
            Workload::W1 => "W1",
            Workload::W2 => "W2",
            Workload::W3 => "W3",
            Workload::L2 => "L2",
            Workload::L3 => "L3",
        }
    }

    /// Parses an identifier (case-insensitive).
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|w| w.id().eq_ignore_ascii_case(text.trim()))
    }
}

/// What a workload did, for checking that two platforms did the same work.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    /// Optimizer steps, or loss evaluations for the landscapes.
    pub steps: usize,
    /// The mean training loss of the last epoch, or the loss at the grid's centre.
    pub final_loss: f64,
}

/// Data and model of a workload, made before the clock starts.
pub struct Prepared {
    workload: Workload,
    run: Option<Run>,
    grid: Option<(PlaneGrid, Box<dyn Model>, super::data::Dataset)>,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("workload", &self.workload)
            .finish_non_exhaustive()
    }
}

const SEED: u64 = 0;

/// Prepares a workload; `grid` is the side of the landscape grid (64 in WORKLOADS.md; smaller
/// for quick checks).
pub fn prepare(workload: Workload, grid: usize) -> Prepared {
    let spirals = || Toy::Spirals.generate(512, 0.05, SEED);
    let mlp = || Mlp::new(&[2, 32, 32, 2], Activation::Tanh);
    let (run, plane) = match workload {
        Workload::W1 => {
            let data = LineData::generate(LineSpec::default(), SEED).to_dataset();
            (
                Some(Run::new(
                    RunConfig::sgd(0.1, 256, 500, SEED),
                    Box::new(LineModel::new()),
                    data,
                    None,
                )),
                None,
            )
        }
        Workload::W2 => (
            Some(Run::new(
                RunConfig::sgd(0.1, 32, 50, SEED),
                Box::new(mlp()),
                spirals(),
                None,
            )),
            None,
        ),
        Workload::W3 => (
            Some(Run::new(
                RunConfig::sgd(0.05, 32, 5, SEED),
                Box::new(ConvNet::w3()),
                digits(),
                None,
            )),
            None,
        ),
        Workload::L2 => (None, Some((Box::new(mlp()) as Box<dyn Model>, spirals()))),
        Workload::L3 => (
            None,
            Some((Box::new(ConvNet::w3()) as Box<dyn Model>, digits())),
        ),
    };
    let grid = plane.map(|(model, data)| {
        let theta = model.init(&mut seeded(SEED));
        let plane = random_plane(model.layout(), &theta, SEED + 1);
        let axis = Axis {
            min: -1.0,
            max: 1.0,
            len: grid.max(2),
        };
        (PlaneGrid::new(plane, axis, axis), model, data)
    });
    Prepared {
        workload,
        run,
        grid,
    }
}

/// The data and model of a landscape workload (L2, L3), for computing its grid elsewhere.
pub fn landscape_setup(workload: Workload) -> Option<(Box<dyn Model>, super::data::Dataset)> {
    match workload {
        Workload::L2 => Some((
            Box::new(Mlp::new(&[2, 32, 32, 2], Activation::Tanh)),
            Toy::Spirals.generate(512, 0.05, SEED),
        )),
        Workload::L3 => Some((Box::new(ConvNet::w3()), digits())),
        _ => None,
    }
}

impl Prepared {
    /// A landscape workload's grid job, to hand out to workers.
    pub fn grid_mut(&mut self) -> Option<&mut PlaneGrid> {
        self.grid.as_mut().map(|(g, _, _)| g)
    }

    /// Runs the workload to the end. This is the part to time.
    pub fn execute(&mut self) -> Outcome {
        if let Some(run) = self.run.as_mut() {
            let status = run.advance(usize::MAX);
            debug_assert_eq!(
                status,
                Status::Finished,
                "{:?} must not diverge",
                self.workload
            );
            return Outcome {
                steps: run.recorded(),
                final_loss: run.epochs.last().map_or(f64::NAN, |e| e.train_loss),
            };
        }
        let (grid, model, data) = self.grid.as_mut().expect("a landscape workload");
        grid.advance(model.as_mut(), data, usize::MAX);
        let g = grid.grid();
        Outcome {
            steps: g.values.len(),
            final_loss: g.value(g.x.len / 2, g.y.len / 2),
        }
    }
}
