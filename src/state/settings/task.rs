//! What to learn, and everything the page needs to know about it: its data and model, its
//! sizes, labels and which views apply. A new task is a variant here and nowhere else.

use crate::engine::data::{
    DIGITS, Dataset, LineData, LineSpec, SineSpec, Toy, digits, sine_data, validation_size,
};
use crate::engine::model::{Activation, ConvNet, LineModel, Mlp, Model, SineModel};
use crate::engine::sine;
use crate::engine::surface::Surface;
use crate::engine::valley::Valley;

/// Examples in each toy set (a fifth held out for validation).
pub const TOY_POINTS: usize = 500;
/// Share of a classification set held out for validation.
pub const VALIDATION: f64 = 0.2;
/// Hidden layers of the MLP.
pub const HIDDEN: [usize; 2] = [16, 16];

/// What to learn: a data set and the model that goes with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Task {
    /// y = w·x + b on the W1 line data; its (w, b) plane is the exact landscape.
    Line,
    /// y = sin(w·x + b) on data from sin(3x): two weights again, but a loss with a shallow
    /// minimum besides the deep one, drawn exactly too.
    Sine,
    /// An MLP on a two-dimensional toy set.
    Toy(Toy),
    /// The small conv net on the 8×8 digits.
    Digits,
}

impl Task {
    /// Every task, in menu order.
    pub const ALL: [Task; 8] = [
        Task::Line,
        Task::Sine,
        Task::Toy(Toy::Spirals),
        Task::Toy(Toy::Moons),
        Task::Toy(Toy::Circles),
        Task::Toy(Toy::Xor),
        Task::Toy(Toy::Blobs),
        Task::Digits,
    ];

    /// Its name in the URL.
    pub fn name(self) -> &'static str {
        match self {
            Task::Line => "line",
            Task::Sine => "sine",
            Task::Toy(t) => t.name(),
            Task::Digits => "digits",
        }
    }

    /// The task called `name`.
    pub fn parse(name: &str) -> Option<Task> {
        Task::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Its label in the menu.
    pub fn label(self) -> &'static str {
        match self {
            Task::Line => "Line: y = w·x + b, 2 weights",
            Task::Sine => "Sine: y = sin(w·x + b), 2 weights",
            Task::Toy(Toy::Spirals) => "MLP on two spirals",
            Task::Toy(Toy::Moons) => "MLP on moons",
            Task::Toy(Toy::Circles) => "MLP on circles",
            Task::Toy(Toy::Xor) => "MLP on xor",
            Task::Toy(Toy::Blobs) => "MLP on blobs",
            Task::Digits => "Conv net on 8×8 digits",
        }
    }

    /// The line data for the noise, shift and spread.
    pub fn line_spec(noise: f64, shift: f64, spread: f64) -> LineSpec {
        LineSpec {
            noise: noise as f32,
            shift: shift as f32,
            spread: spread as f32,
            ..LineSpec::default()
        }
    }

    /// Training and validation data for the seed and noise (the two-weight tasks have no
    /// validation set; `shift` and `spread` shape the line's valley).
    pub fn data(
        self,
        seed: u64,
        noise: f64,
        [shift, spread]: [f64; 2],
    ) -> (Dataset, Option<Dataset>) {
        let noise = noise as f32;
        match self {
            Task::Line => {
                let spec = Self::line_spec(f64::from(noise), shift, spread);
                (LineData::generate(spec, seed).to_dataset(), None)
            }
            Task::Sine => {
                let spec = SineSpec {
                    noise,
                    ..SineSpec::default()
                };
                (sine_data(spec, seed), None)
            }
            Task::Toy(toy) => {
                let (train, val) = toy
                    .generate(TOY_POINTS, noise, seed)
                    .split(VALIDATION, seed);
                (train, Some(val))
            }
            Task::Digits => {
                let (train, val) = digits().split(VALIDATION, seed);
                (train, Some(val))
            }
        }
    }

    /// Its model, untrained.
    pub fn model(self) -> Box<dyn Model> {
        match self {
            Task::Line => Box::new(LineModel::new()),
            Task::Sine => Box::new(SineModel::new()),
            Task::Toy(_) => Box::new(Mlp::new(&[2, HIDDEN[0], HIDDEN[1], 2], Activation::Tanh)),
            Task::Digits => Box::new(ConvNet::w3()),
        }
    }

    /// Training examples, known without generating the data.
    pub fn train_len(self) -> usize {
        let all = match self {
            Task::Line => return LineSpec::default().n,
            Task::Sine => return SineSpec::default().n,
            Task::Toy(_) => TOY_POINTS,
            Task::Digits => DIGITS,
        };
        all - validation_size(all, VALIDATION)
    }

    /// Whether the whole run is computed at once (two weights: well under a millisecond),
    /// rather than trained frame by frame.
    pub fn computed_at_once(self) -> bool {
        self.two_weights()
    }

    /// Whether its landscape is the exact two-weight plane, rather than a slice through a
    /// network's weights computed point by point.
    pub fn exact_landscape(self) -> bool {
        self.two_weights()
    }

    fn two_weights(self) -> bool {
        matches!(self, Task::Line | Task::Sine)
    }

    /// The exact landscape of a two-weight task trained on `train`: the line's `valley` in
    /// closed form, the sine's evaluated point by point; `None` for networks.
    pub fn surface(self, train: &Dataset, valley: Option<&Valley>) -> Option<Surface> {
        match self {
            Task::Line => valley.map(Valley::surface),
            Task::Sine => Some(sine::surface(train)),
            Task::Toy(_) | Task::Digits => None,
        }
    }

    /// Whether it classifies points of the plane, so its decision boundary can be drawn.
    pub fn has_boundary(self) -> bool {
        matches!(self, Task::Toy(_))
    }

    /// Its number of classes, Ultralytics' `nc`; `None` for the two regressions.
    pub fn classes(self) -> Option<usize> {
        match self {
            Task::Line | Task::Sine => None,
            Task::Toy(_) => Some(2),
            Task::Digits => Some(10),
        }
    }

    /// Whether it classifies, so accuracy means something.
    pub fn has_accuracy(self) -> bool {
        self.classes().is_some()
    }

    /// The speed a run starts at: [`Task::default_speed`], but one step a frame for the
    /// two-weight runs while presenting.
    pub fn start_speed(self, presenting: bool) -> usize {
        // Presenting, the two-weight runs (computed at once, shown in two seconds) walk one
        // step a frame, so the class sees the walker move: 100 steps in under two seconds.
        if presenting && matches!(self, Task::Line | Task::Sine) {
            1
        } else {
            self.default_speed()
        }
    }

    /// Iterations trained per animation frame when the task is picked (0: as many as the
    /// frame's budget allows; for the two-weight tasks, computed at once, the whole run in two
    /// seconds). Spirals' minibatches of 16 make 2,500 iterations ([`Config::for_task`]):
    /// 16 a frame shows them in under three seconds at 60 frames a second.
    ///
    /// [`Config::for_task`]: crate::state::settings::config::Config::for_task
    pub fn default_speed(self) -> usize {
        match self {
            Task::Line | Task::Sine => 0,
            Task::Toy(Toy::Spirals) => 16,
            Task::Toy(_) => 8,
            Task::Digits => 0,
        }
    }

    /// Where its data comes from, when that must be credited.
    pub fn credit(self) -> Option<&'static str> {
        (self == Task::Digits).then_some(
            "Digits: “Optical Recognition of Handwritten Digits”, E. Alpaydin and C. Kaynak (1998), \
             UCI Machine Learning Repository, CC BY 4.0.",
        )
    }
}
