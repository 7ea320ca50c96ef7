//! The effective-LR ledger at the cursor: per parameter group the rate, momentum and weight
//! decay that iteration really uses, and one line of arithmetic for every factor between the
//! typed lr0 and those values. The numbers are the engine's own
//! ([`UltralyticsSchedule::explain`], [`LrPlan::at`]); this file only words them.

use crate::engine::optim::auto::AutoPick;
use crate::engine::run::LossScale;
use crate::engine::schedule::{
    Decay, DecayLedger, Ledger, LrPlan, Ramp, Settings, UltralyticsSchedule,
};
use crate::state::plan;
use crate::state::settings::config::{Config, DecayKind, OptKind};

/// One parameter group's values at the iteration.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupRow {
    /// "weights" or "biases".
    pub group: &'static str,
    /// The learning rate applied.
    pub lr: f64,
    /// Momentum, or Adam's betas, as text.
    pub momentum: String,
    /// The weight decay applied.
    pub weight_decay: f64,
}

/// One factor and its arithmetic.
#[derive(Clone, Debug, PartialEq)]
pub struct LedgerLine {
    /// What the line is about ("decay", "warmup", …).
    pub factor: &'static str,
    /// The arithmetic, with the numbers filled in.
    pub arithmetic: String,
}

/// The ledger at one iteration.
#[derive(Clone, Debug, PartialEq)]
pub struct LedgerView {
    /// The global iteration ni (0-based, Ultralytics' `ni`).
    pub ni: usize,
    /// Epochs E.
    pub epochs: usize,
    /// The engine's settings at ni, which the rows show.
    pub settings: Settings,
    /// Whether an optimizer step happens at ni.
    pub steps: bool,
    /// The weight group, then the bias group.
    pub groups: Vec<GroupRow>,
    /// Every factor, in the order they apply.
    pub lines: Vec<LedgerLine>,
}

/// Numbers as the ledger prints them: up to four significant digits.
fn n(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let digits = (3 - x.abs().log10().floor() as i32).clamp(0, 12) as usize;
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn line(factor: &'static str, arithmetic: String) -> LedgerLine {
    LedgerLine { factor, arithmetic }
}

/// The ledger of `config`'s run at iteration `ni` (clamped to the run).
pub fn ledger(config: &Config, ni: usize) -> LedgerView {
    let run = plan::effective(config);
    let nb = config.batches_per_epoch();
    let ni = ni.min((nb * config.epochs).saturating_sub(1));
    let plan = plan::plan(config, nb);
    let settings = plan.at(ni, nb);
    let adam = matches!(run.optimizer, OptKind::Adam | OptKind::AdamW);
    let momentum = if adam {
        format!("β₁ {}, β₂ 0.999", n(settings.momentum))
    } else {
        n(settings.momentum)
    };
    let mut lines = vec![optimizer_line(config, &run)];
    let (steps, decay) = match &plan {
        LrPlan::Ultralytics(u) => {
            let l = u.explain(ni, config.weight_decay);
            lines.extend(ultralytics_lines(u, &l, adam));
            (u.last_step(ni) == Some(ni), Some(l.weight_decay))
        }
        _ => {
            lines.push(line(
                "schedule",
                match config.decay {
                    DecayKind::OneCycle => format!(
                        "one-cycle: PyTorch's OneCycleLR sets the rate ({}) and momentum ({}) every iteration, with no Ultralytics warmup or lf",
                        n(settings.lr_weight),
                        n(settings.momentum)
                    ),
                    _ => format!("constant: lr = {}", n(settings.lr_weight)),
                },
            ));
            (true, None)
        }
    };
    lines.push(decay_line(&run, decay.as_ref()));
    let decay = decay.map_or(config.weight_decay, |d| d.scaled);
    lines.push(scale_line(config, &settings));
    let group = |group, lr, weight_decay| GroupRow {
        group,
        lr,
        momentum: momentum.clone(),
        weight_decay,
    };
    LedgerView {
        ni,
        epochs: config.epochs,
        settings,
        steps,
        groups: vec![
            group("weights", settings.lr_weight, decay),
            group("biases", settings.lr_bias, 0.0),
        ],
        lines,
    }
}

/// Which optimizer, and where its lr0 comes from.
fn optimizer_line(config: &Config, run: &Config) -> LedgerLine {
    let Some(c) = plan::auto_choice(config) else {
        let name = match run.optimizer {
            OptKind::Sgd if run.nesterov && run.momentum > 0.0 => "SGD (Nesterov)",
            o => o.name(),
        };
        return line("optimizer", format!("{name}, lr0 = {} as set", n(run.lr0)));
    };
    let nc = config.task.classes().unwrap_or(10);
    // Ultralytics' own name, with what it counts: beside Your run's iterations (minibatches),
    // a YOLO user read the same word for another count.
    let count = format!(
        "its iterations count (optimizer steps, not minibatches) = ⌈{} images / max(batch {}, nbs {})⌉ × {} epochs = {}",
        config.task.train_len(),
        config.batch,
        config.nbs,
        config.epochs,
        c.iterations
    );
    line(
        "optimizer",
        match c.pick {
            AutoPick::AdamW => format!(
                "auto: {count} ≤ 10,000, so AdamW with lr0 = round(0.002·5/(4 + nc {nc}), 6) = {} and β₁ 0.9; the lr0 you set ({}) is ignored and warmup_bias_lr is forced to 0",
                n(c.lr),
                n(config.lr0)
            ),
            AutoPick::Sgd | AutoPick::MuSgd => format!(
                "auto: {count} > 10,000, so MuSGD at lr0 0.01 (Stride runs its SGD half: Nesterov SGD, as 8.0–8.3 picked); the lr0 you set ({}) is ignored and warmup_bias_lr is forced to 0",
                n(config.lr0)
            ),
        },
    )
}

/// lf, warmup, momentum and accumulation of an Ultralytics schedule at `l.ni`.
fn ultralytics_lines(u: &UltralyticsSchedule, l: &Ledger, adam: bool) -> Vec<LedgerLine> {
    let (e, epochs, lrf) = (l.epoch, l.epochs, n(l.lrf));
    let lf = match l.decay {
        Decay::Linear => format!("(1 − {e}/{epochs})·(1 − {lrf}) + {lrf}"),
        Decay::Cosine => format!("((1 − cos(π·{e}/{epochs}))/2)·({lrf} − 1) + 1"),
        Decay::Step { every, factor } => format!("{}^⌊{e}/{every}⌋", n(factor)),
        Decay::Exponential { gamma } => format!("{}^{e}", n(gamma)),
        Decay::Constant => "1".into(),
    };
    // "lf = 1 = 1" said nothing twice; Ultralytics' epoch counts from 0, the read-outs' from 1.
    let lf = if lf == n(l.lf) {
        lf
    } else {
        format!("{lf} = {}", n(l.lf))
    };
    let mut lines = vec![line(
        "decay",
        format!(
            "epoch {e} (counted from 0): lf = {lf}; target = lr0 × lf = {} × {} = {}",
            n(l.lr0),
            n(l.lf),
            n(l.target)
        ),
    )];
    let ramp = |r: Ramp| {
        format!(
            "{} + ({} − {})·{}/{} = {}",
            n(r.start),
            n(r.target),
            n(r.start),
            l.ni,
            l.nw,
            n(r.value)
        )
    };
    lines.push(line(
        "warmup",
        if l.warmup {
            format!(
                "iteration ni {} ≤ nw {}, warmup's length in iterations: weights lr = {}; biases lr (from warmup_bias_lr) = {}",
                l.ni,
                l.nw,
                ramp(l.lr_weight),
                ramp(l.lr_bias)
            )
        } else if l.nw == 0 {
            "none (warmup_epochs 0): every group runs at the target".into()
        } else {
            format!(
                "over (iteration ni {} is past nw {}, warmup's length in iterations): every group runs at the target",
                l.ni, l.nw
            )
        },
    ));
    lines.push(line(
        "momentum",
        match (adam, l.momentum_warmed && l.warmup) {
            (true, _) => format!(
                "β₁ = {}: Adam keeps its betas, warmup does not touch them",
                n(l.momentum.value)
            ),
            (false, true) => format!("warmed from warmup_momentum: {}", ramp(l.momentum)),
            (false, false) => n(l.momentum.value),
        },
    ));
    let a = &l.accumulate;
    let nominal = format!(
        "max(round(nbs {} / batch {}), 1) = {}",
        u.nbs, u.batch, a.nominal
    );
    let capped = if a.capped < a.nominal {
        format!(", capped at nb·E = {}", a.cap)
    } else {
        String::new()
    };
    let ramped = if l.warmup {
        format!("; in warmup max(1, round({})) = {}", ramp(a.ramp), a.value)
    } else {
        String::new()
    };
    let step = match u.last_step(l.ni) {
        Some(s) if s == l.ni => {
            let from =
                l.ni.checked_sub(1)
                    .and_then(|p| u.last_step(p))
                    .map_or(0, |p| p + 1);
            if from == l.ni {
                format!("ni {} steps on its own gradient", l.ni)
            } else {
                format!(
                    "ni {} steps, with the summed gradients of ni {from}–{}",
                    l.ni, l.ni
                )
            }
        }
        Some(s) => format!(
            "ni {} does not step: its gradient is added to those since the step at ni {s}",
            l.ni
        ),
        None => format!(
            "ni {} does not step: no step yet, gradients are being summed",
            l.ni
        ),
    };
    lines.push(line(
        "accumulate",
        format!("{nominal}{capped}{ramped}; {step}"),
    ));
    lines
}

/// The weight group's decay (biases get none): Ultralytics' scaled one, or as set.
fn decay_line(run: &Config, scaled: Option<&DecayLedger>) -> LedgerLine {
    let how = if run.optimizer == OptKind::AdamW {
        "decoupled (AdamW): p ← p − lr·wd·p"
    } else {
        "added to the gradient (L2)"
    };
    let text = match scaled {
        Some(d) => format!(
            "weight_decay × batch × accumulate / nbs = {} × {} × {} / {} = {} on the weights, {how}; none on the biases",
            n(d.weight_decay),
            d.batch,
            d.accumulate,
            d.nbs,
            n(d.scaled)
        ),
        None => format!(
            "{} on the weights, {how}; none on the biases",
            n(run.weight_decay)
        ),
    };
    line("weight decay", text)
}

/// What the loss scaling does to a step.
fn scale_line(config: &Config, s: &Settings) -> LedgerLine {
    let a = s.accumulate.max(1);
    let what = match config.loss_scale {
        LossScale::Mean => format!(
            "mean loss: a minibatch's gradient is the mean over its {} rows",
            config.batch
        ),
        LossScale::Batch => format!(
            "loss × batch (Ultralytics): a minibatch's gradient is {} × the mean's",
            config.batch
        ),
    };
    let optimizer = plan::optimizer(config);
    let step = if optimizer.scale_invariant() {
        "; Adam and RMSprop divide by the gradient's running size, so neither the scale nor the summing changes their step".to_string()
    } else {
        let factor = plan::step_factor(&optimizer, config.loss_scale, config.batch, a);
        // "1 summed" was jargon to a student: the batches added up are named only when there
        // are several.
        let summed = if a > 1 {
            format!("; with {a} batches' gradients added up before each step,")
        } else {
            ";".to_string()
        };
        format!(
            "{summed} a step moves like lr × {} = {} on the mean gradient",
            n(factor),
            n(s.lr_weight * factor)
        )
    };
    line("loss scaling", format!("{what}{step}"))
}
