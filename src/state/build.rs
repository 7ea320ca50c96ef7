//! From settings to engine objects: the data, the model, the optimizer and the learning-rate
//! plan a [`Config`] describes.

use super::config::{Config, DecayKind, OptKind, Task};
use crate::engine::data::{Dataset, LineData, LineSpec, digits};
use crate::engine::model::{Activation, ConvNet, LineModel, Mlp, Model};
use crate::engine::optim::Optimizer;
use crate::engine::run::{Run, RunConfig};
use crate::engine::schedule::{Decay, OneCycle, Scheduler, UltralyticsSchedule, WarmupRule};
use crate::engine::schedule::{Every, LrPlan, Settings};

/// Examples in each toy set (a fifth held out for validation).
pub const TOY_POINTS: usize = 500;
/// Hidden layers of the MLP.
pub const HIDDEN: [usize; 2] = [16, 16];
/// Snapshots of the weights kept for the path, at most.
pub const MAX_SNAPSHOTS: usize = 600;

/// Training and validation data for the task (the line task has no validation set).
pub fn data(config: &Config) -> (Dataset, Option<Dataset>) {
    let noise = config.noise as f32;
    match config.task {
        Task::Line => {
            let spec = LineSpec {
                noise,
                shift: config.shift as f32,
                ..LineSpec::default()
            };
            (LineData::generate(spec, config.seed).to_dataset(), None)
        }
        Task::Toy(toy) => {
            let (train, val) = toy
                .generate(TOY_POINTS, noise, config.seed)
                .split(0.2, config.seed);
            (train, Some(val))
        }
        Task::Digits => {
            let (train, val) = digits().split(0.2, config.seed);
            (train, Some(val))
        }
    }
}

/// The model of the task.
pub fn model(task: Task) -> Box<dyn Model> {
    match task {
        Task::Line => Box::new(LineModel::new()),
        Task::Toy(_) => Box::new(Mlp::new(&[2, HIDDEN[0], HIDDEN[1], 2], Activation::Tanh)),
        Task::Digits => Box::new(ConvNet::w3()),
    }
}

/// The optimizer, with Ultralytics' constructor arguments (spec §1.4).
pub fn optimizer(config: &Config) -> Optimizer {
    match config.optimizer {
        OptKind::Sgd => Optimizer::Sgd {
            dampening: 0.0,
            nesterov: config.nesterov && config.momentum > 0.0,
        },
        OptKind::Adam => Optimizer::ADAM,
        OptKind::AdamW => Optimizer::ADAMW,
        OptKind::RmsProp => Optimizer::RMSPROP,
    }
}

/// The learning-rate plan for a run at `lr0` with `nb` minibatches per epoch: Ultralytics'
/// warmup and per-epoch decay, or PyTorch's OneCycleLR per iteration.
pub fn plan(config: &Config, lr0: f64, nb: usize) -> LrPlan {
    let decay = match config.decay {
        DecayKind::Linear => Decay::Linear,
        DecayKind::Cosine => Decay::Cosine,
        DecayKind::Step => Decay::Step {
            every: config.step_every,
            factor: config.step_factor,
        },
        DecayKind::Exponential => Decay::Exponential {
            gamma: config.gamma,
        },
        DecayKind::Constant => Decay::Constant,
        DecayKind::OneCycle => {
            return LrPlan::Torch {
                scheduler: Scheduler::OneCycle(OneCycle::new((nb * config.epochs).max(1))),
                lr0,
                momentum: config.momentum,
                every: Every::Iteration,
            };
        }
    };
    LrPlan::Ultralytics(UltralyticsSchedule {
        lr0,
        lrf: config.lrf,
        epochs: config.epochs,
        decay,
        warmup_epochs: config.warmup_epochs,
        warmup_bias_lr: config.warmup_bias_lr,
        warmup_momentum: config.warmup_momentum,
        momentum: config.momentum,
        batch: config.batch,
        nbs: config.nbs,
        nb,
        rule: WarmupRule::Current,
        warm_momentum: optimizer(config).has_momentum_key(),
    })
}

/// The run the settings describe, at the rate `lr0` (compare mode runs several), recording its
/// path. `start` replaces the initial weights (fine-tuning).
pub fn run(config: &Config, lr0: f64, start: Option<Vec<f32>>) -> Run {
    let (train, val) = data(config);
    let nb = config.batches_per_epoch(train.len());
    let run_config = RunConfig {
        optimizer: optimizer(config),
        plan: plan(config, lr0, nb),
        batch: config.batch,
        epochs: config.epochs,
        weight_decay: config.weight_decay,
        clip_norm: config.clip.then_some(10.0),
        seed: config.seed,
    };
    let model = model(config.task);
    let mut run = match start {
        Some(weights) if weights.len() == model.layout().len() => {
            Run::from_weights(run_config, model, train, val, weights)
        }
        _ => Run::new(run_config, model, train, val),
    };
    let every = run.total_iterations().div_ceil(MAX_SNAPSHOTS).max(1);
    run.record_trajectory(every);
    run
}

/// The rates the run will use, one entry per iteration, known before any training.
pub fn preview(config: &Config, nb: usize) -> Vec<Settings> {
    let plan = plan(config, config.lr0, nb);
    (0..nb * config.epochs).map(|ni| plan.at(ni, nb)).collect()
}

/// Minibatches per epoch for the settings' task.
pub fn batches_per_epoch(config: &Config) -> usize {
    let len = match config.task {
        Task::Line => LineSpec::default().n,
        Task::Toy(_) => TOY_POINTS - (TOY_POINTS as f64 * 0.2).round() as usize,
        Task::Digits => 1797 - (1797.0f64 * 0.2).round() as usize,
    };
    config.batches_per_epoch(len)
}

/// The rates of compare mode: the user's `lrs` when two or three are given, else lr0/10, lr0
/// and lr0·10 (clamped to the slider's range); lr0 alone outside compare mode.
pub fn compare_rates(config: &Config) -> Vec<f64> {
    use super::config::{LR_MAX, LR_MIN};
    if config.compare && (2..=3).contains(&config.compare_lrs.len()) {
        config.compare_lrs.clone()
    } else if config.compare {
        vec![
            (config.lr0 / 10.0).max(LR_MIN),
            config.lr0,
            (config.lr0 * 10.0).min(LR_MAX),
        ]
    } else {
        vec![config.lr0]
    }
}

/// The weights the fine-tuning lesson starts from: the same task trained first at a healthy
/// rate (0.1, constant, 30 epochs of SGD).
pub fn pretrained(config: &Config) -> Vec<f32> {
    let base = Config {
        lr0: 0.1,
        epochs: 30,
        decay: DecayKind::Constant,
        warmup_epochs: 0.0,
        optimizer: OptKind::Sgd,
        momentum: 0.0,
        preset: None,
        ..config.clone()
    };
    let mut pre = run(&base, 0.1, None);
    pre.advance(usize::MAX);
    pre.params().to_vec()
}
