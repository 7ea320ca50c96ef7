//! The rows of [`PARAMS`]: one per URL parameter, in [`Key`] order.

use super::{Field, Keep, Param, Section, flag, number, row, whole};
use crate::engine::run::LossScale;
use crate::engine::workloads::Workload;
use crate::state::settings::config::{
    Config, DecayKind, LR_MAX, LR_MIN, OptKind, Relief, SHIFT_MAX, SPREAD_MAX, Theme,
};
use crate::state::settings::key::Key;
use crate::state::settings::preset::Preset;
use crate::state::settings::task::Task;

fn uses_warmup(c: &Config) -> bool {
    c.decay != DecayKind::OneCycle
}

/// What warmup starts from means nothing without warmup.
fn warms_up(c: &Config) -> bool {
    uses_warmup(c) && c.warmup_epochs > 0.0
}

/// A menu's (name, label) pairs.
type Options = Vec<(&'static str, &'static str)>;

fn task_options() -> Options {
    Task::ALL.iter().map(|t| (t.name(), t.label())).collect()
}

fn decay_options() -> Options {
    DecayKind::ALL.map(|d| (d.name(), d.label())).to_vec()
}

fn optimizer_options() -> Options {
    OptKind::ALL.iter().map(|o| (o.name(), o.label())).collect()
}

fn bench_options() -> Options {
    std::iter::once(("none", "none"))
        .chain(Workload::ALL.iter().map(|w| (w.id(), w.id())))
        .collect()
}

fn preset_options() -> Options {
    std::iter::once(("none", "— your own settings —"))
        .chain(Preset::ALL.iter().map(|p| (p.name(), p.title())))
        .collect()
}

/// Every URL parameter, in [`Key`] order.
pub const PARAMS: &[Param] = &[
    row(
        (Key::Preset, "preset", "Lesson"),
        Section::Lesson,
        "a lesson to start from (its settings first, then any others in the URL)",
        Field::Choice {
            options: preset_options,
            get: |c| c.preset.map_or("none", Preset::name),
            set: |c, v| c.preset = Preset::parse(v),
        },
    ),
    row(
        (Key::Task, "task", "Task"),
        Section::Model,
        "model and data: line or sine (two weights), spirals, moons, circles, xor, blobs (MLP) or digits (conv net); spirals bring their own lr0, batch, nbs, momentum and noise, which learn them",
        Field::Choice {
            options: task_options,
            get: |c| c.task.name(),
            set: |c, v| c.task = Task::parse(v).unwrap_or(c.task),
        },
    ),
    row(
        (Key::Lr0, "lr0", "Learning rate lr0"),
        Section::Rate,
        "initial learning rate",
        number(LR_MIN, LR_MAX, |c| c.lr0, |c, v| c.lr0 = v),
    ),
    row(
        (Key::Lrf, "lrf", "Final fraction"),
        Section::Schedule,
        "final learning rate as a fraction of lr0 (linear and cosine decay)",
        number(1e-4, 1.0, |c| c.lrf, |c, v| c.lrf = v),
    )
    .when(|c| matches!(c.decay, DecayKind::Linear | DecayKind::Cosine)),
    row(
        (Key::Epochs, "epochs", "Epochs"),
        Section::Schedule,
        "passes over the training data",
        whole(1, 500, |c| c.epochs as u64, |c, v| c.epochs = v as usize),
    ),
    row(
        (Key::Batch, "batch", "Batch"),
        Section::Schedule,
        "minibatch size (256 or more: the whole line data set in one batch)",
        whole(1, 2048, |c| c.batch as u64, |c, v| c.batch = v as usize),
    ),
    row(
        (Key::WarmupEpochs, "warmup_epochs", "Warmup epochs"),
        Section::Schedule,
        "warmup length in epochs (fractions allowed; 0 for none)",
        number(0.0, 50.0, |c| c.warmup_epochs, |c, v| c.warmup_epochs = v),
    )
    .when(uses_warmup),
    row(
        (Key::WarmupBiasLr, "warmup_bias_lr", "Bias lr at start"),
        Section::Schedule,
        "learning rate the biases start warmup from",
        number(0.0, 1.0, |c| c.warmup_bias_lr, |c, v| c.warmup_bias_lr = v),
    )
    .when(warms_up),
    Param {
        key: Key::WarmupMomentum,
        name: "warmup_momentum",
        label: "Momentum at start",
        help: "momentum warmup starts from",
        section: Section::Schedule,
        shown: warms_up,
        field: number(
            0.0,
            0.999,
            |c| c.warmup_momentum,
            |c, v| c.warmup_momentum = v,
        ),
        keep: Keep::No,
    },
    row(
        (Key::Decay, "decay", "Decay"),
        Section::Schedule,
        "decay after warmup: linear, cosine, step, exp, onecycle or constant",
        Field::Choice {
            options: decay_options,
            get: |c| c.decay.name(),
            set: |c, v| c.decay = DecayKind::parse(v).unwrap_or(c.decay),
        },
    ),
    Param {
        key: Key::StepEvery,
        name: "step_every",
        label: "Every (epochs)",
        help: "step decay: epochs between drops",
        section: Section::Schedule,
        shown: |c| c.decay == DecayKind::Step,
        field: whole(
            1,
            500,
            |c| c.step_every as u64,
            |c, v| c.step_every = v as usize,
        ),
        keep: Keep::No,
    },
    row(
        (Key::StepFactor, "step_factor", "Factor"),
        Section::Schedule,
        "step decay: factor at each drop",
        number(0.001, 1.0, |c| c.step_factor, |c, v| c.step_factor = v),
    )
    .when(|c| c.decay == DecayKind::Step),
    row(
        (Key::Gamma, "gamma", "γ per epoch"),
        Section::Schedule,
        "exponential decay: factor per epoch",
        number(0.5, 1.0, |c| c.gamma, |c, v| c.gamma = v),
    )
    .when(|c| c.decay == DecayKind::Exponential),
    row(
        (Key::Optimizer, "optimizer", "Optimizer"),
        Section::Optimizer,
        "SGD, Adam, AdamW, RMSProp, or auto (Ultralytics' default: AdamW for a short run; for a long one SGD before 8.4, MuSGD from 8.4, which Stride runs as its SGD half; lr0 and momentum are ignored)",
        Field::Choice {
            options: optimizer_options,
            get: |c| c.optimizer.name(),
            set: |c, v| c.optimizer = OptKind::parse(v).unwrap_or(c.optimizer),
        },
    ),
    row(
        (Key::Momentum, "momentum", "Momentum"),
        Section::Optimizer,
        "SGD or RMSprop momentum, Adam β₁",
        number(0.0, 0.999, |c| c.momentum, |c, v| c.momentum = v),
    ),
    row(
        (Key::Nesterov, "nesterov", "Nesterov"),
        Section::Optimizer,
        "Nesterov momentum (SGD; Ultralytics always uses it)",
        flag(|c| c.nesterov, |c, v| c.nesterov = v),
    )
    .when(|c| c.optimizer == OptKind::Sgd),
    row(
        (Key::WeightDecay, "weight_decay", "Weight decay"),
        Section::Optimizer,
        "weight decay of the weights, not the biases",
        number(0.0, 0.1, |c| c.weight_decay, |c, v| c.weight_decay = v),
    ),
    row(
        (Key::Nbs, "nbs", "Nominal batch"),
        Section::Advanced,
        "nominal batch size: gradients of nbs/batch minibatches, rounded and at least 1, are summed per step (Ultralytics: 64)",
        whole(1, 2048, |c| c.nbs as u64, |c, v| c.nbs = v as usize),
    ),
    row(
        (Key::Clip, "clip", "Clip gradient norm at 10"),
        Section::Advanced,
        "clip the gradient norm at 10 before each step, as Ultralytics does",
        flag(|c| c.clip, |c, v| c.clip = v),
    ),
    row(
        (Key::LossScale, "loss_scale", "Loss scaling"),
        Section::Advanced,
        "mean: the gradient of the mean minibatch loss (PyTorch); batch: that times the batch size, as Ultralytics' losses are",
        Field::Choice {
            options: || {
                vec![
                    ("mean", "mean (PyTorch)"),
                    ("batch", "× batch size (Ultralytics)"),
                ]
            },
            get: |c| c.loss_scale.name(),
            set: |c, v| c.loss_scale = LossScale::parse(v).unwrap_or(c.loss_scale),
        },
    ),
    row(
        (Key::Seed, "seed", "Seed"),
        Section::Model,
        "seed of the data, the initial weights and the shuffling",
        whole(0, u64::MAX, |c| c.seed, |c, v| c.seed = v),
    ),
    row(
        (Key::Noise, "noise", "Noise"),
        Section::Model,
        "noise of the data (standard deviation)",
        number(0.0, 1.0, |c| c.noise, |c, v| c.noise = v),
    ),
    row(
        (Key::Shift, "shift", "Valley stretch"),
        Section::Model,
        "line task: offset of the inputs x; larger values make the valley longer and narrower",
        number(0.0, SHIFT_MAX, |c| c.shift, |c, v| c.shift = v),
    )
    .when(|c| c.task == Task::Line),
    row(
        (Key::Spread, "spread", "Input spread"),
        Section::Model,
        "line task: x is drawn from [−spread, spread]; larger values make the slope w far stiffer than the intercept b",
        number(0.1, SPREAD_MAX, |c| c.spread, |c, v| c.spread = v),
    )
    .when(|c| c.task == Task::Line),
    Param {
        key: Key::Dirs,
        name: "dirs",
        label: "Landscape directions",
        help: "landscape directions for networks: pca (of the path, after the run) or random (filter-normalised, live)",
        section: Section::Advanced,
        shown: |c| !c.task.exact_landscape(),
        field: Field::Choice {
            options: || vec![("pca", "pca"), ("random", "random")],
            get: |c| if c.random_dirs { "random" } else { "pca" },
            set: |c, v| c.random_dirs = v == "random",
        },
        keep: Keep::No,
    },
    row(
        (Key::Compare, "compare", "Compare lr0/10, lr0, lr0×10"),
        Section::Run,
        "run lr0/10, lr0 and lr0·10 side by side (under optimizer=auto, auto's rate and optimizer)",
        flag(|c| c.compare, |c, v| c.compare = v),
    ),
    Param {
        key: Key::Lrs,
        name: "lrs",
        label: "or these rates",
        help: "with compare: the two or three rates to run instead of lr0/10, lr0, lr0·10 (a link with them turns compare on)",
        section: Section::Run,
        shown: |c| c.compare,
        field: Field::Numbers {
            min: LR_MIN,
            max: LR_MAX,
            max_len: 3,
            whole: false,
            get: |c| c.compare_lrs.clone(),
            set: |c, v| c.compare_lrs = v,
        },
        keep: Keep::No,
    },
    row(
        (Key::At, "at", "Time cursor"),
        Section::Page,
        "the iteration the read-outs and the cursor show (0: the latest)",
        whole(
            0,
            u64::MAX,
            |c| c.at as u64,
            |c, v| c.at = usize::try_from(v).unwrap_or(usize::MAX),
        ),
    ),
    row(
        (Key::Ghost, "ghost", "Pinned run"),
        Section::Page,
        "a pinned run to compare with: its own settings as a query, and `at` for how far it ran",
        Field::Text {
            max_len: 1000,
            get: |c| c.ghost.clone(),
            set: |c, v| c.ghost = v,
        },
    )
    .kept(Keep::UntilReset),
    row(
        (Key::Embed, "embed", "Embedded"),
        Section::Page,
        "compact layout without the page's header and footer, for iframes",
        flag(|c| c.embed, |c, v| c.embed = v),
    )
    .kept(Keep::Always),
    row(
        (Key::Hide, "hide", "Hidden controls"),
        Section::Page,
        "comma-separated parameters whose controls are hidden (classroom mode)",
        Field::Names {
            get: |c| c.hide.clone(),
            set: |c, v| c.hide = v,
        },
    )
    .kept(Keep::Always),
    row(
        (Key::Bench, "bench", "Benchmark"),
        Section::Page,
        "run one benchmark workload (W1, W2, W3, L2 or L3) instead of the playground; see Benchmarks",
        Field::Choice {
            options: bench_options,
            get: |c| c.bench.map_or("none", Workload::id),
            set: |c, v| c.bench = Workload::parse(v),
        },
    ),
    row(
        (Key::Theme, "theme", "Theme"),
        Section::Page,
        "light or dark colours, or auto: the reader's system setting (prefers-color-scheme)",
        Field::Choice {
            options: || Theme::ALL.iter().map(|t| (t.name(), t.name())).collect(),
            get: |c| c.theme.name(),
            set: |c, v| c.theme = Theme::parse(v).unwrap_or(c.theme),
        },
    )
    .kept(Keep::Always),
    row(
        (Key::Finder, "finder", "LR finder"),
        Section::Page,
        "open the LR finder panel and run it once (fast.ai's range test)",
        flag(|c| c.finder, |c, v| c.finder = v),
    ),
    row(
        (Key::Sweep, "sweep", "LR sweep"),
        Section::Page,
        "open the LR sweep panel and run it once the run has ended: final loss against lr0 at 25 rates",
        flag(|c| c.sweep, |c, v| c.sweep = v),
    ),
    row(
        (Key::Grad, "grad", "Gradient-norm chart"),
        Section::Page,
        "show the gradient norm of every minibatch, before clipping, under the loss",
        flag(|c| c.grad, |c, v| c.grad = v),
    ),
    row(
        (Key::View, "view", "Landscape view"),
        Section::Page,
        "the landscape as a 2-D contour map (2d) or a mountain in 3-D to turn (3d)",
        Field::Choice {
            options: || Relief::ALL.iter().map(|r| (r.name(), r.label())).collect(),
            get: |c| c.view.name(),
            set: |c, v| c.view = Relief::parse(v).unwrap_or(c.view),
        },
    ),
    row(
        (Key::Predict, "predict", "Predict first"),
        Section::Page,
        "every lesson asks a question before its runs go; 0 turns the questions off",
        flag(|c| c.predict, |c, v| c.predict = v),
    ),
    row(
        (Key::Course, "course", "Course step"),
        Section::Page,
        "the step of the course, an ordered path through the lessons (1 to 14; 15 is its closing recap); 0 for none",
        whole(0, 15, |c| c.course as u64, |c, v| c.course = v as usize),
    ),
    // A teacher who would show steps 1–4 and 13 had no way to leave the rest out.
    row(
        (Key::Steps, "steps", "Course path"),
        Section::Page,
        "a shorter path through the course: the steps to visit (1,2,3,4,13), which Next, Back, ← → and the recap keep to",
        Field::Numbers {
            min: 1.0,
            max: 14.0,
            max_len: 14,
            whole: true,
            get: |c| c.steps.iter().map(|&s| s as f64).collect(),
            // In course order, each once, whatever order the link gives.
            set: |c, v| {
                c.steps = (1..=14)
                    .filter(|&s| v.iter().any(|&x| x.round() == s as f64))
                    .collect()
            },
        },
    )
    .kept(Keep::Always),
    row(
        (Key::Present, "present", "Presenter mode"),
        Section::Page,
        "laid out for a projector: large charts and text, no settings panel, the course moved by ← →",
        flag(|c| c.present, |c, v| c.present = v),
    )
    .kept(Keep::Always),
];
