//! A training run: data, model, weights, optimizer state and learning-rate plan, advanced a few
//! minibatches at a time (so the page can train between animation frames) and recorded step by
//! step.

use rand::seq::SliceRandom;

mod config;
mod finder;
mod record;

pub use config::{LossScale, RunConfig};
pub use record::{EpochRecord, HISTORY, Status, StepRecord};

/// Minibatch losses kept exactly from the start of every run.
const FIRST_LOSSES: usize = 8;

use super::data::{Dataset, Targets};
use super::layout::Group;
use super::model::{BatchLoss, Model, TargetSlice};
use super::optim::{GroupHyper, OptState, clip_grad_norm, grad_norm};
use super::rng::{StrideRng, seeded};
use super::schedule::{LrPlan, Settings, due};

const SHUFFLE_SALT: u64 = 0x5348_5546_464c_4521;

/// A loss larger than this multiple of the starting loss (or of 1, if the start is already at
/// a loss below 1) counts as exploding, for every run in the engine. A converging run never
/// comes near it; a diverging one gets there long before f32 overflows. Networks whose
/// activations saturate (tanh) may never overflow at all, but a thousand-fold loss still means
/// the run has left any useful region.
pub const EXPLODE_FACTOR: f32 = 1e3;

/// A training run.
pub struct Run {
    config: RunConfig,
    model: Box<dyn Model>,
    train: Dataset,
    val: Option<Dataset>,
    params: Vec<f32>,
    opt_state: OptState,
    groups: Vec<(std::ops::Range<usize>, Group)>,
    hypers: Vec<(std::ops::Range<usize>, GroupHyper)>,
    grad: Vec<f32>,
    acc: Vec<f32>,
    pending: usize,
    batch_inputs: Vec<f32>,
    batch_values: Vec<f32>,
    batch_labels: Vec<u32>,
    order: Vec<usize>,
    rng: StrideRng,
    ni: usize,
    // Signed because Ultralytics starts it at −1 (see `iterate`).
    last_opt_step: i64,
    epoch_loss: f64,
    epoch_correct: usize,
    epoch_seen: usize,
    explode_at: f32,
    status: Status,
    trajectory: Vec<f32>,
    record_every: usize,
    /// Per-iteration records; past [`HISTORY`] iterations, each covers [`Run::stride`].
    pub steps: Vec<StepRecord>,
    stride: usize,
    first_losses: Vec<f32>,
    measure_start: bool,
    start_loss: Option<f64>,
    /// Per-epoch records.
    pub epochs: Vec<EpochRecord>,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Run")
            .field("ni", &self.ni)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl Run {
    /// A run from fresh weights drawn with the config's seed.
    pub fn new(
        config: RunConfig,
        model: Box<dyn Model>,
        train: Dataset,
        val: Option<Dataset>,
    ) -> Self {
        let params = model.init(&mut seeded(config.seed));
        Self::from_weights(config, model, train, val, params)
    }

    /// A run that starts from given weights, e.g. those of a pretrained run (fine-tuning).
    pub fn from_weights(
        config: RunConfig,
        model: Box<dyn Model>,
        train: Dataset,
        val: Option<Dataset>,
        params: Vec<f32>,
    ) -> Self {
        assert_eq!(
            params.len(),
            model.layout().len(),
            "weights must fit the model"
        );
        assert_eq!(train.dim, model.input_dim(), "the data must fit the model");
        let n = params.len();
        let groups: Vec<_> = model
            .layout()
            .tensors
            .iter()
            .map(|t| (t.range(), t.group))
            .collect();
        let hypers = groups
            .iter()
            .map(|(r, _)| {
                (
                    r.clone(),
                    GroupHyper {
                        lr: 0.0,
                        momentum: 0.0,
                        weight_decay: 0.0,
                    },
                )
            })
            .collect();
        let batch = config.batch.max(1);
        let total = Self::iterations_for(train.len(), batch, config.epochs);
        // Weights are drawn from seeded(seed); the shuffle gets a stream of its own, so that
        // starting from other weights (fine-tuning) does not change the batch order.
        let rng = seeded(config.seed ^ SHUFFLE_SALT);
        Self {
            opt_state: config.optimizer.state(n),
            model,
            val,
            params,
            groups,
            hypers,
            grad: vec![0.0; n],
            acc: vec![0.0; n],
            pending: 0,
            batch_inputs: vec![0.0; batch * train.dim],
            batch_values: Vec::with_capacity(batch),
            batch_labels: Vec::with_capacity(batch),
            order: (0..train.len()).collect(),
            rng,
            ni: 0,
            last_opt_step: -1,
            epoch_loss: 0.0,
            epoch_correct: 0,
            epoch_seen: 0,
            explode_at: f32::INFINITY,
            status: if total == 0 {
                Status::Finished
            } else {
                Status::Running
            },
            trajectory: Vec::new(),
            record_every: 0,
            steps: Vec::with_capacity(total.min(HISTORY)),
            stride: 1,
            first_losses: Vec::with_capacity(FIRST_LOSSES),
            measure_start: false,
            start_loss: None,
            epochs: Vec::with_capacity(config.epochs),
            train,
            config,
        }
    }

    fn iterations_for(len: usize, batch: usize, epochs: usize) -> usize {
        len.div_ceil(batch.max(1)) * epochs
    }

    /// Keeps the weights after every `every` iterations (and at the start and the end), for
    /// drawing the path and for PCA landscapes. The memory for the whole run is reserved here,
    /// so recording does not allocate during training.
    pub fn record_trajectory(&mut self, every: usize) {
        self.record_every = every.max(1);
        let snapshots = self.total_iterations() / self.record_every + 2;
        self.trajectory = Vec::with_capacity(snapshots * self.params.len());
        if self.ni == 0 {
            self.trajectory.extend_from_slice(&self.params);
        }
    }

    /// The recorded weights, one snapshot per item (see [`Run::record_trajectory`]).
    pub fn trajectory(&self) -> impl ExactSizeIterator<Item = &[f32]> + '_ {
        self.trajectory.chunks_exact(self.params.len().max(1))
    }

    /// The iteration after which each snapshot was taken (0 for the start).
    pub fn trajectory_steps(&self) -> impl Iterator<Item = usize> + '_ {
        let every = self.record_every.max(1);
        let end = self.ni;
        (0..self.trajectory().len()).map(move |k| (k * every).min(end))
    }

    /// Minibatches per epoch, nb = ⌈train size / batch⌉ (the last, partial batch is kept).
    pub fn batches_per_epoch(&self) -> usize {
        self.train.len().div_ceil(self.config.batch.max(1))
    }

    /// Iterations in the whole run.
    pub fn total_iterations(&self) -> usize {
        self.batches_per_epoch() * self.config.epochs
    }

    /// Iterations done.
    pub fn iteration(&self) -> usize {
        self.ni
    }

    /// Where the run stands.
    pub fn status(&self) -> Status {
        self.status
    }

    /// The current weights.
    pub fn params(&self) -> &[f32] {
        &self.params
    }

    /// The model.
    pub fn model(&mut self) -> &mut dyn Model {
        self.model.as_mut()
    }

    /// The training set.
    pub fn train_set(&self) -> &Dataset {
        &self.train
    }

    /// The set-up.
    pub fn config(&self) -> &RunConfig {
        &self.config
    }

    /// Replaces the learning-rate plan from the next iteration on, keeping weights and
    /// optimizer state: a new lr0 takes effect without a restart.
    pub fn set_plan(&mut self, plan: LrPlan) {
        self.config.plan = plan;
    }

    /// The weight decay of the weight group after Ultralytics' scaling, if that applies.
    fn decay(&self) -> f64 {
        match &self.config.plan {
            LrPlan::Ultralytics(u) => u.scaled_weight_decay(self.config.weight_decay),
            _ => self.config.weight_decay,
        }
    }

    /// Takes up to `n` minibatch steps and returns the status afterwards. Stops early at the end
    /// of the run or at divergence. Does not allocate.
    pub fn advance(&mut self, n: usize) -> Status {
        for _ in 0..n {
            if self.status != Status::Running {
                break;
            }
            self.iterate();
        }
        self.status
    }

    /// Asks the run to measure, before its first step, the mean loss over the whole training
    /// set at its starting weights, L(θ₀) = (1/N)·Σᵢ ℓᵢ(θ₀): the start a minibatch run's
    /// progress is read from. The first minibatches are a noisy sample of it (on a fine-tune
    /// from good weights, five of them averaged 0.0140 where the set's loss was about 0.03, and a
    /// loss that fell read as one that rose). Off by default: the sweeps and the finder never
    /// quote a start, and it costs one forward pass over the set.
    pub fn measure_start(&mut self) {
        self.measure_start = true;
    }

    /// The training set's mean loss at the starting weights, once the first step has been
    /// taken by a run asked to [`Run::measure_start`].
    pub fn start_loss(&self) -> Option<f64> {
        self.start_loss
    }

    fn iterate(&mut self) {
        if self.ni == 0 && self.measure_start {
            let e = self.model.evaluate_all(&self.params, &self.train, 256);
            self.start_loss = Some(e.loss());
        }
        let nb = self.batches_per_epoch();
        let i = self.ni % nb;
        let (out, rows) = self.batch_loss_grad(i);
        let norm = grad_norm(&self.grad);
        let settings = self.config.plan.at(self.ni, nb);

        if self.ni == 0 {
            self.explode_at = EXPLODE_FACTOR * out.loss.max(1.0);
        }
        if !out.loss.is_finite() || out.loss > self.explode_at {
            self.record(out.loss, &settings, norm, false);
            self.status = Status::Diverged { step: self.ni };
            return;
        }

        // Gradients of skipped minibatches are summed, as loss.backward() accumulates them.
        if self.pending == 0 {
            std::mem::swap(&mut self.grad, &mut self.acc);
        } else {
            for (a, g) in self.acc.iter_mut().zip(&self.grad) {
                *a += g;
            }
        }
        self.pending += 1;
        // Ultralytics' rule from last_opt_step = −1: with accumulate a > 1 from the start (no
        // warmup) the first step waits for a full a minibatches, at ni = a − 1, rather than
        // stepping on one minibatch's gradient and landing every later step one late.
        let due = due(self.ni, self.last_opt_step, settings.accumulate);
        if due {
            self.optimizer_step(&settings);
            self.last_opt_step = self.ni as i64;
            self.pending = 0;
        }
        self.record(out.loss, &settings, norm, due);
        self.epoch_loss += f64::from(out.loss) * rows as f64;
        self.epoch_correct += out.correct;
        self.epoch_seen += rows;
        self.ni += 1;
        if i + 1 == nb {
            self.close_epoch();
        }
        if self.ni >= self.total_iterations() {
            self.status = Status::Finished;
        }
        if self.record_every > 0
            && (self.ni % self.record_every == 0 || self.status == Status::Finished)
        {
            self.trajectory.extend_from_slice(&self.params);
        }
    }

    /// Mean loss and gradient (into `self.grad`, scaled as the config's [`LossScale`] says) of
    /// minibatch `i` of the epoch; reshuffles at i = 0.
    fn batch_loss_grad(&mut self, i: usize) -> (BatchLoss, usize) {
        let batch = self.config.batch.max(1);
        // A minibatch that holds the whole set has the same mean loss and gradient in any
        // order (up to rounding), so it is neither shuffled nor copied: full-batch descent
        // costs the model's work alone.
        let whole = batch >= self.train.len();
        if i == 0 && !whole {
            self.order.shuffle(&mut self.rng);
        }
        let (start, end) = (i * batch, ((i + 1) * batch).min(self.train.len()));
        let rows = end - start;
        let out = if whole {
            let targets = match &self.train.targets {
                Targets::Values(v) => TargetSlice::Values(v),
                Targets::Classes { labels, .. } => TargetSlice::Classes(labels),
            };
            self.model
                .loss_grad(&self.params, &self.train.inputs, targets, &mut self.grad)
        } else {
            self.gather(start, end);
            let targets = match self.train.targets {
                Targets::Values(_) => TargetSlice::Values(&self.batch_values),
                Targets::Classes { .. } => TargetSlice::Classes(&self.batch_labels),
            };
            let inputs = &self.batch_inputs[..rows * self.train.dim];
            self.model
                .loss_grad(&self.params, inputs, targets, &mut self.grad)
        };
        let scale = self.config.loss_scale.factor(rows);
        if scale != 1.0 {
            self.grad.iter_mut().for_each(|g| *g *= scale);
        }
        (out, rows)
    }

    /// Clips `self.acc` if configured and applies the optimizer with per-group settings.
    fn optimizer_step(&mut self, settings: &Settings) {
        if let Some(max) = self.config.clip_norm {
            clip_grad_norm(&mut self.acc, max);
        }
        let decay = self.decay();
        for ((_, group), (_, h)) in self.groups.iter().zip(self.hypers.iter_mut()) {
            *h = GroupHyper {
                lr: if *group == Group::Bias {
                    settings.lr_bias
                } else {
                    settings.lr_weight
                },
                momentum: settings.momentum,
                weight_decay: if *group == Group::Weight { decay } else { 0.0 },
            };
        }
        self.config.optimizer.step(
            &mut self.opt_state,
            &mut self.params,
            &self.acc,
            &self.hypers,
        );
    }

    fn gather(&mut self, start: usize, end: usize) {
        let dim = self.train.dim;
        self.batch_values.clear();
        self.batch_labels.clear();
        for (k, &idx) in self.order[start..end].iter().enumerate() {
            self.batch_inputs[k * dim..(k + 1) * dim].copy_from_slice(self.train.row(idx));
            match &self.train.targets {
                Targets::Values(v) => self.batch_values.push(v[idx]),
                Targets::Classes { labels, .. } => self.batch_labels.push(labels[idx]),
            }
        }
    }

    fn close_epoch(&mut self) {
        let seen = self.epoch_seen.max(1) as f64;
        let (val_loss, val_accuracy) = match self.val.as_ref().filter(|v| !v.is_empty()) {
            Some(val) => {
                let e = self.model.evaluate_all(&self.params, val, 256);
                (Some(e.loss()), Some(e.accuracy()))
            }
            None => (None, None),
        };
        self.epochs.push(EpochRecord {
            train_loss: self.epoch_loss / seen,
            train_accuracy: self.epoch_correct as f64 / seen,
            val_loss,
            val_accuracy,
        });
        self.epoch_loss = 0.0;
        self.epoch_correct = 0;
        self.epoch_seen = 0;
    }
}
