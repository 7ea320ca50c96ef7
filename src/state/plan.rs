//! From settings to engine objects: the optimizer, the learning-rate plan and the runs a
//! [`Config`] describes, and which runs the page shows side by side.

use crate::engine::optim::Optimizer;
use crate::engine::optim::auto::{AUTO_ITERATIONS, AutoChoice, AutoInput, AutoPick, AutoRule};
use crate::engine::run::{LossScale, Run, RunConfig};
use crate::engine::schedule::{
    Decay, Every, LrPlan, OneCycle, Preview, Scheduler, UltralyticsSchedule, WarmupRule,
};
use crate::engine::stability::fmt_lr;
use crate::state::settings::catalogue::RunSpec;
use crate::state::settings::config::{Config, DecayKind, LR_MAX, LR_MIN, OptKind};
use crate::state::settings::preset::Preset;

/// The gradient norm Ultralytics clips to before each step (`clip_grad_norm_(max_norm=10.0)`).
pub const CLIP_NORM: f32 = 10.0;

/// Snapshots of the weights kept for the path, at most.
pub const MAX_SNAPSHOTS: usize = 600;

/// What `optimizer=auto` resolves to for the settings (Ultralytics 8.4.190, spec §1.6): the
/// data set's training images and classes (10 where it has none, as Ultralytics defaults
/// `nc`), batch, nbs and epochs. `None` for any other optimizer.
pub fn auto_choice(config: &Config) -> Option<AutoChoice> {
    (config.optimizer == OptKind::Auto).then(|| {
        AutoInput {
            images: config.task.train_len(),
            batch: config.batch,
            nbs: config.nbs,
            epochs: config.epochs,
            nc: config.task.classes().unwrap_or(10),
        }
        .resolve(AutoRule::Current)
    })
}

/// The settings a run really uses: `optimizer=auto` replaced by what it picks, with its lr,
/// momentum and warmup_bias_lr 0 (spec §1.6); any other settings unchanged. Stride has no
/// MuSGD, so where auto picks it the run uses the 8.0–8.3 pick, Nesterov SGD at the same lr
/// and momentum, which is MuSGD's SGD half; the page says so ([`auto_note`]).
pub fn effective(config: &Config) -> Config {
    let Some(choice) = auto_choice(config) else {
        return config.clone();
    };
    let adam = choice.pick == AutoPick::AdamW;
    // Warmup does not depend on the optimizer; naming one keeps `plan` from resolving again.
    let warmed = warmup_iters(&Config {
        optimizer: OptKind::Sgd,
        ..config.clone()
    }) > 0;
    Config {
        optimizer: if adam { OptKind::AdamW } else { OptKind::Sgd },
        lr0: choice.lr,
        // Adam's β₁ is never warmed; SGD's momentum is warmed to the user's `momentum` and
        // stays there, or keeps the constructor's 0.9 when there is no warmup (spec §1.3).
        momentum: if adam || !warmed {
            choice.momentum
        } else {
            config.momentum
        },
        nesterov: true,
        warmup_bias_lr: choice.warmup_bias_lr,
        ..config.clone()
    }
}

/// Leaving `optimizer=auto` for a rate `lr` measured for the optimizer it picked (the rate
/// map's try): every setting auto resolved (optimizer, rate, momentum or Adam's β₁, Nesterov,
/// warmup_bias_lr), so that the run is the one the finder and the sweep varied. Setting the
/// optimizer alone kept momentum 0.937 as AdamW's β₁ where auto uses 0.9: a YOLO user's run at
/// the map's 1.78 then ended at loss 0.857, where the sweep's had ended at 0.0175.
pub fn adopt(config: &Config, lr: f64) -> crate::state::settings::action::Action {
    crate::state::settings::action::Action::Load(Box::new(Config {
        lr0: lr,
        ..effective(config)
    }))
}

/// Under `optimizer=auto`, what the run uses in place of the setting `key`, as its control
/// writes it, where that differs from the value set: auto's optimizer, rate, momentum (Adam's
/// β₁) and warmup_bias_lr. A YOLO user read lr0 0.01, momentum 0.937 and warmup_bias_lr 0.1
/// in the settings beside a run at 0.00167, β₁ 0.9 and 0.
pub fn in_use(config: &Config, key: crate::state::settings::key::Key) -> Option<String> {
    if config.optimizer != OptKind::Auto {
        return None;
    }
    let param = key.param();
    let now = param.write(&effective(config));
    (now != param.write(config)).then_some(now)
}

/// The auto note's last sentence, which points to a panel presenter mode does not show.
pub const YOUR_RUN_POINTER: &str =
    " Your own run's pick is under Your run (Ultralytics, full scale).";

/// What the page says about `optimizer=auto`, if it is set: what it picked and why, and,
/// where it picked MuSGD, that Stride runs SGD instead.
pub fn auto_note(config: &Config) -> Option<String> {
    let Some(c) = auto_choice(config) else {
        return beta_note(config);
    };
    // The count is auto's own (⌈images / max(batch, nbs)⌉ × epochs); spelled out, so that
    // "700 optimizer steps" is not a number from nowhere.
    let (images, per) = (config.task.train_len(), config.batch.max(config.nbs).max(1));
    let count = images.div_ceil(per) * config.epochs;
    // Beside the read-out's iteration counter, which counts minibatches: a student met "700
    // optimizer steps" and "iteration 2500" with nothing saying which count was which.
    let counter = if config.batch.max(1) < per {
        format!(
            " The iteration counter counts minibatches of {}, {} in all.",
            config.batch,
            crate::charts::thousands(images.div_ceil(config.batch.max(1)) * config.epochs)
        )
    } else {
        String::new()
    };
    // The count's arithmetic follows the comparison, so that "at most 10,000" reads with the
    // count it is about (a teacher met "…2,500 in all), at most 10,000" after a parenthesis).
    let how = if count == c.iterations {
        format!(
            " ({images} training images ÷ {per} per step = {} steps an epoch, × {} epochs).{counter}",
            images.div_ceil(per),
            config.epochs
        )
    } else {
        ".".to_string()
    };
    let why = format!(
        "{} optimizer steps, {} 10,000{how}",
        c.iterations,
        if c.iterations > AUTO_ITERATIONS {
            "more than"
        } else {
            "at most"
        },
    );
    Some(match c.pick {
        AutoPick::AdamW => format!(
            "optimizer=auto ignores lr0 and momentum: it picks AdamW at lr {} (fitted to {}), β₁ 0.9, because the run has {why} The biases' first warmup rate (warmup_bias_lr) is 0.{YOUR_RUN_POINTER}",
            fmt_lr(c.lr),
            // A task without classes takes Ultralytics' default nc, said so: a YOLO user met
            // "fitted to 10 classes" on the line, which has none.
            match config.task.classes() {
                Some(nc) => format!("{nc} classes"),
                None => "10 classes, Ultralytics' default nc, as this task has none".to_string(),
            }
        ),
        AutoPick::Sgd | AutoPick::MuSgd => format!(
            "optimizer=auto ignores lr0: it picks MuSGD at lr 0.01, because the run has {why} Stride does not implement MuSGD's Muon half, so this run uses Nesterov SGD at lr 0.01 (MuSGD's SGD half, and what Ultralytics 8.0–8.3 picked); warmup_bias_lr is 0."
        ),
    })
}

/// Adam or AdamW with momentum 0: Ultralytics passes momentum as Adam's β₁, so the run keeps
/// no average of its gradients. A student switched a plain-SGD lesson to Adam in Settings and
/// met "β₁ 0.000" and a stalled run, with nothing saying why.
fn beta_note(config: &Config) -> Option<String> {
    (matches!(config.optimizer, OptKind::Adam | OptKind::AdamW) && config.momentum == 0.0).then(|| {
        format!(
            "{}'s β₁ is 0 here, so it keeps no running average of its gradients, because Ultralytics passes momentum as Adam's β₁ (betas = (momentum, 0.999)): set momentum in Settings, usually 0.9.",
            config.optimizer.name()
        )
    })
}

/// How many mean-loss gradients an SGD step adds up: the minibatches summed into it × the loss
/// scaling (the batch size with Ultralytics' loss); 1 for Adam and RMSprop, whose steps do not
/// grow with the gradient.
pub fn step_factor(
    optimizer: &Optimizer,
    loss_scale: LossScale,
    batch: usize,
    accumulate: usize,
) -> f64 {
    if optimizer.scale_invariant() {
        1.0
    } else {
        accumulate.max(1) as f64 * f64::from(loss_scale.factor(batch))
    }
}

/// What the page calls the optimizer's momentum: β₁ for Adam and AdamW, where Ultralytics
/// passes momentum as betas = (momentum, 0.999), else momentum. The read-out and the schedule's
/// line say the same (a student read "β₁ 0.900" beside a line called momentum).
pub fn momentum_name(optimizer: &Optimizer) -> &'static str {
    if matches!(optimizer, Optimizer::Adam { .. }) {
        "β₁"
    } else {
        "momentum"
    }
}

/// The optimizer, with Ultralytics' constructor arguments (spec §1.4).
pub fn optimizer(config: &Config) -> Optimizer {
    let config = &effective(config);
    match config.optimizer {
        OptKind::Sgd => Optimizer::Sgd {
            dampening: 0.0,
            nesterov: config.nesterov && config.momentum > 0.0,
        },
        OptKind::Adam => Optimizer::ADAM,
        // `effective` has resolved Auto to AdamW or SGD.
        OptKind::AdamW | OptKind::Auto => Optimizer::ADAMW,
        OptKind::RmsProp => Optimizer::RMSPROP,
    }
}

/// The learning-rate plan from `config.lr0` with `nb` minibatches per epoch: Ultralytics'
/// warmup and per-epoch decay, or PyTorch's OneCycleLR per iteration.
pub fn plan(config: &Config, nb: usize) -> LrPlan {
    let config = &effective(config);
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
                lr0: config.lr0,
                momentum: config.momentum,
                every: Every::Iteration,
            };
        }
    };
    LrPlan::Ultralytics(UltralyticsSchedule {
        lr0: config.lr0,
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

/// Warmup iterations of the settings' plan (0 without warmup).
pub fn warmup_iters(config: &Config) -> usize {
    warmup_of(&plan(config, config.batches_per_epoch()))
}

/// Warmup iterations of a built plan (a run's own), without building it again.
pub fn warmup_of(plan: &LrPlan) -> usize {
    match plan {
        LrPlan::Ultralytics(u) => u.warmup_iters(),
        _ => 0,
    }
}

/// The run the settings describe, recording its path. `start` replaces the initial weights
/// (fine-tuning).
pub fn run(config: &Config, start: Option<Vec<f32>>) -> Run {
    let (train, val) = config
        .task
        .data(config.seed, config.noise, [config.shift, config.spread]);
    let nb = config.batches_per_epoch();
    let run_config = RunConfig {
        optimizer: optimizer(config),
        plan: plan(config, nb),
        batch: config.batch,
        epochs: config.epochs,
        weight_decay: config.weight_decay,
        clip_norm: config.clip.then_some(CLIP_NORM),
        loss_scale: config.loss_scale,
        seed: config.seed,
    };
    let model = config.task.model();
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

/// Points of a schedule the page keeps: about two per pixel of the widest chart.
pub const PREVIEW_POINTS: usize = 2048;

/// The rates the run will use, known before any training: every iteration's in a short run,
/// [`PREVIEW_POINTS`] evenly spread ones in a long one, with their iterations.
pub fn preview(config: &Config) -> Preview {
    let nb = config.batches_per_epoch();
    let total = nb * config.epochs;
    plan(config, nb).preview(nb, total, PREVIEW_POINTS)
}

/// A run's name in legends: its lr0, or what `optimizer=auto` picked instead.
pub fn run_label(config: &Config) -> String {
    match auto_choice(config) {
        Some(c) => format!("auto: {} {}", c.pick.name(), fmt_lr(c.lr)),
        None => format!("lr0 {}", fmt_lr(config.lr0)),
    }
}

/// What the rates box says under itself: which rates run and which the read-outs follow, so
/// that lr0 in its box is not taken for one of them (a student met "lr0 0.1" in the box and
/// "lr0 0.35" in the read-out), or why a single rate does nothing.
pub fn lrs_note(config: &Config) -> Option<String> {
    if !config.compare || config.compare_lrs.is_empty() {
        return None;
    }
    if config.compare_lrs.len() == 1 {
        return Some(
            "Give two or three rates to compare: until then the runs are lr0/10, lr0 and lr0×10."
                .into(),
        );
    }
    let slots = slots(config);
    let list: Vec<String> = config.compare_lrs.iter().map(|&r| fmt_lr(r)).collect();
    Some(format!(
        "Running {}; the read-outs follow {}{}. lr0 {} is not run while these are set.",
        list.join(", "),
        fmt_lr(slots.first().map_or(config.lr0, |s| s.config.lr0)),
        if list.len() == 3 {
            ", the middle one"
        } else {
            ""
        },
        fmt_lr(config.lr0)
    ))
}

/// The rates of compare mode: the user's `lrs` when two or three are given, else lr0/10, lr0
/// and lr0·10 (clamped to the slider's range); lr0 alone outside compare mode.
pub fn compare_rates(config: &Config) -> Vec<f64> {
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

/// The runs to show for the settings, the one the read-outs follow first: compare mode's rates
/// (lr0 itself first), a lesson's side-by-side runs, or the one run.
pub fn slots(config: &Config) -> Vec<RunSpec> {
    // Under optimizer=auto, which ignores lr0, compare mode varies the rate auto picked, with
    // the optimizer it picked: three runs at lr0/10, lr0 and lr0×10 were one run three times
    // (a YOLO user), each told to raise lr0.
    let auto = config.optimizer == OptKind::Auto && config.compare;
    let base = if auto {
        effective(config)
    } else {
        config.clone()
    };
    let rates = compare_rates(&base);
    if rates.len() > 1 {
        let mut specs: Vec<RunSpec> = rates
            .into_iter()
            .map(|lr0| RunSpec {
                label: if auto {
                    format!("{} {}", base.optimizer.name(), fmt_lr(lr0))
                } else {
                    format!("lr0 {}", fmt_lr(lr0))
                },
                config: Config {
                    lr0,
                    ..base.clone()
                },
            })
            .collect();
        // lr0 itself (the middle one of lr0/10, lr0, lr0·10) leads.
        if specs.len() == 3 {
            specs.swap(0, 1);
        }
        return specs;
    }
    config
        .preset
        .and_then(|p| p.runs(config))
        .unwrap_or_else(|| {
            vec![RunSpec {
                label: run_label(config),
                config: config.clone(),
            }]
        })
}

/// The weights the runs start from: a pretrained lesson's (fine-tuning) are the same task
/// trained first at a healthy rate (0.1, constant, 30 epochs of SGD); otherwise each run draws its own.
pub fn start(config: &Config) -> Option<Vec<f32>> {
    config
        .preset
        .is_some_and(Preset::pretrained)
        .then(|| pretrained(config))
}

/// The same task trained at lr0 0.1, constant, for 30 epochs of plain SGD.
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
    let mut pre = run(&base, None);
    pre.advance(usize::MAX);
    pre.params().to_vec()
}
