//! Taking the settings home: as Ultralytics `model.train(...)` and `yolo train` arguments, as a
//! PyTorch loop that reproduces the page's schedule, as JSON, and the run as CSV. Plain text
//! from the settings and the engine's records; the page only copies or downloads it.

mod caveats;
mod curves;
pub use curves::{finder_csv, sweep_csv};

use crate::engine::run::{LossScale, Run};
use crate::engine::smooth::smoothed;
use crate::state::io::limits::{Kind, Work, check_size, collapsed, json_object};
use crate::state::settings::config::{Config, DecayKind, OptKind};
use crate::state::settings::field::Notice;
use crate::state::settings::key::Key;
use crate::state::settings::params::{Field, PARAMS, Section};
use crate::state::settings::url::parse_query;

/// Ultralytics' defaults (`ultralytics/cfg/default.yaml`, spec §1.1) of the settings Stride
/// shares with it, as (argument, value) in the order `yolo train` lists them.
pub const ULTRALYTICS_DEFAULTS: [(&str, &str); 12] = [
    ("epochs", "100"),
    ("batch", "16"),
    ("optimizer", "auto"),
    ("cos_lr", "False"),
    ("lr0", "0.01"),
    ("lrf", "0.01"),
    ("momentum", "0.937"),
    ("weight_decay", "0.0005"),
    ("warmup_epochs", "3.0"),
    ("warmup_momentum", "0.8"),
    ("warmup_bias_lr", "0.1"),
    ("nbs", "64"),
];

/// A number as Python writes it: the shortest text that reads back to it, with a decimal
/// point where Python would print one (`3.0`, `0.0005`, `1e-05`).
fn py(x: f64) -> String {
    let s = format!("{x}");
    if s.contains(['.', 'e', 'i', 'N']) {
        s
    } else {
        format!("{s}.0")
    }
}

/// The settings as Ultralytics arguments, each (name, Python value), in the defaults' order.
pub fn ultralytics_args(c: &Config) -> Vec<(&'static str, String)> {
    let optimizer = match c.optimizer {
        OptKind::Auto => "auto",
        OptKind::Sgd => "SGD",
        OptKind::Adam => "Adam",
        OptKind::AdamW => "AdamW",
        OptKind::RmsProp => "RMSProp",
    };
    // Constant is Ultralytics' linear decay to lr0·1.
    let lrf = if c.decay == DecayKind::Constant {
        1.0
    } else {
        c.lrf
    };
    let value = |name: &str| -> String {
        match name {
            "epochs" => c.epochs.to_string(),
            "batch" => c.batch.to_string(),
            "optimizer" => format!("\"{optimizer}\""),
            "cos_lr" => if c.decay == DecayKind::Cosine {
                "True"
            } else {
                "False"
            }
            .into(),
            "lr0" => py(c.lr0),
            "lrf" => py(lrf),
            "momentum" => py(c.momentum),
            "weight_decay" => py(c.weight_decay),
            "warmup_epochs" => py(c.warmup_epochs),
            "warmup_momentum" => py(c.warmup_momentum),
            "warmup_bias_lr" => py(c.warmup_bias_lr),
            _ => c.nbs.to_string(),
        }
    };
    ULTRALYTICS_DEFAULTS
        .iter()
        .map(|&(name, default)| (name, value(name), default))
        .filter(|(_, v, default)| {
            let unquoted = v.trim_matches('"');
            // Numbers compare by value ("3.0" is "3"), names as text.
            match (unquoted.parse::<f64>(), default.parse::<f64>()) {
                (Ok(a), Ok(b)) => a != b,
                _ => unquoted != *default,
            }
        })
        .map(|(name, v, _)| (name, v))
        .collect()
}

/// `model.train(...)` with every setting that differs from Ultralytics' defaults, then the same
/// as a `yolo train` command line. The data set and model are placeholders for the reader's.
pub fn ultralytics_code(c: &Config) -> String {
    let args = ultralytics_args(c);
    let mut py_args = vec!["data=\"coco8.yaml\"".to_string()];
    py_args.extend(args.iter().map(|(k, v)| format!("{k}={v}")));
    let cli: Vec<String> = args
        .iter()
        .map(|(k, v)| format!("{k}={}", v.trim_matches('"')))
        .collect();
    let mut out = String::from(
        "# Stride's settings for Ultralytics YOLO (only those that differ from its defaults).\n",
    );
    for caveat in caveats::ultralytics_caveats(c) {
        out.push_str(&format!("# Note: {caveat}.\n"));
    }
    out.push_str(&format!(
        "# Note: the model and data below are placeholders: put your own.\nfrom ultralytics import YOLO\n\nmodel = YOLO(\"yolo11n.pt\")\nmodel.train({})\n\n# The same on the command line:\n# yolo train model=yolo11n.pt data=coco8.yaml {}\n",
        py_args.join(", "),
        cli.join(" ")
    ));
    out
}

/// A PyTorch training loop whose optimizer, parameter groups and per-iteration rates are the
/// page's: Ultralytics' warmup and per-epoch lf (or OneCycleLR), the nbs accumulation and,
/// where set, the loss × batch and the clipping. `model`, `train_loader` and `criterion` are
/// the reader's.
pub fn pytorch_code(c: &Config) -> String {
    let run = crate::state::plan::effective(c);
    // The decay the run uses: Ultralytics' nbs scaling (with Python's rounding) under its
    // schedule, as set under OneCycleLR.
    let wd = match crate::state::plan::plan(c, c.batches_per_epoch()) {
        crate::engine::schedule::LrPlan::Ultralytics(u) => u.scaled_weight_decay(c.weight_decay),
        _ => c.weight_decay,
    };
    let (lr0, m) = (py(run.lr0), py(run.momentum));
    let optimizer = match run.optimizer {
        OptKind::Sgd => format!(
            "torch.optim.SGD(groups, lr=lr0, momentum={m}, nesterov={})",
            if run.nesterov && run.momentum > 0.0 {
                "True"
            } else {
                "False"
            }
        ),
        OptKind::Adam => format!("torch.optim.Adam(groups, lr=lr0, betas=({m}, 0.999))"),
        OptKind::AdamW | OptKind::Auto => {
            format!("torch.optim.AdamW(groups, lr=lr0, betas=({m}, 0.999))")
        }
        OptKind::RmsProp => format!("torch.optim.RMSprop(groups, lr=lr0, momentum={m})"),
    };
    let one_cycle = c.decay == DecayKind::OneCycle;
    let lf = match c.decay {
        DecayKind::Linear => format!("(1 - e / epochs) * (1.0 - {0}) + {0}", py(c.lrf)),
        DecayKind::Cosine => format!(
            "((1 - math.cos(e * math.pi / epochs)) / 2) * ({} - 1) + 1",
            py(c.lrf)
        ),
        DecayKind::Step => format!("{} ** (e // {})", py(c.step_factor), c.step_every),
        DecayKind::Exponential => format!("{} ** e", py(c.gamma)),
        DecayKind::Constant | DecayKind::OneCycle => "1.0".into(),
    };
    let mut lines: Vec<String> = vec![
        "# Stride's optimizer and schedule in plain PyTorch.".into(),
        "# `model`, `train_loader` and `criterion` are yours.".into(),
    ];
    lines.extend(crate::state::plan::auto_note(c).map(|n| format!("# {n}")));
    lines.extend(["import math", "", "import numpy as np", "import torch", ""].map(String::from));
    lines.push(format!(
        "epochs, batch, nbs = {}, {}, {}",
        c.epochs, c.batch, c.nbs
    ));
    lines.push(format!("lr0 = {lr0}"));
    lines.push("nb = len(train_loader)  # minibatches per epoch".into());
    // The page steps every minibatch under OneCycleLR, and caps the accumulation at the run's
    // length, as Ultralytics does (spec §1.5), so even the shortest run steps.
    lines.push(if one_cycle {
        "acc0 = 1  # OneCycleLR steps every minibatch".into()
    } else {
        "acc0 = min(max(round(nbs / batch), 1), epochs * nb)  # capped at the run's length".into()
    });
    lines.push("accumulate = acc0".into());
    lines.push(
        "# Ultralytics' parameter groups: decay on the weights only, not on biases or on the"
            .into(),
    );
    lines.push(
        "# weights of any norm layer (a torch.nn module whose class name has \"Norm\").".into(),
    );
    lines.push("weights, norms, biases = [], [], []".into());
    lines.push("for module in model.modules():".into());
    lines.push("    for n, p in module.named_parameters(recurse=False):".into());
    lines.push("        if \"bias\" in n:".into());
    lines.push("            biases.append(p)".into());
    lines.push("        elif \"Norm\" in type(module).__name__:".into());
    lines.push("            norms.append(p)".into());
    lines.push("        else:".into());
    lines.push("            weights.append(p)".into());
    lines.push("groups = [".into());
    lines.push(format!(
        "    {{\"params\": weights, \"weight_decay\": {}}},  # weight_decay × batch × accumulate / nbs",
        py(wd)
    ));
    lines.push("    {\"params\": norms, \"weight_decay\": 0.0},".into());
    lines.push("    {\"params\": biases, \"weight_decay\": 0.0, \"bias\": True},".into());
    lines.push("]".into());
    lines.push(format!("optimizer = {optimizer}"));
    if one_cycle {
        lines.push("scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr0, total_steps=epochs * nb)".into());
        lines.push("nw = 0  # OneCycleLR warms up by itself".into());
    } else {
        // The per-epoch factor is set by hand, not by LambdaLR, whose epoch step would come
        // before any optimizer step in a run that accumulates, and make PyTorch warn.
        lines.push(format!("lf = lambda e: {lf}  # the per-epoch factor"));
        lines.push(format!(
            "we = min({}, max(epochs - 1, 0))",
            py(c.warmup_epochs)
        ));
        lines.push("nw = round(we * nb) if we > 0 else 0  # Ultralytics 8.4.103 and later".into());
    }
    lines.push(String::new());
    lines.push("last_opt_step = -1".into());
    lines.push("for epoch in range(epochs):".into());
    if !one_cycle {
        lines.push("    for g in optimizer.param_groups:  # lf moves every epoch".into());
        lines.push("        g[\"lr\"] = lr0 * lf(epoch)".into());
    }
    lines.push("    for i, (x, y) in enumerate(train_loader):".into());
    lines.push("        ni = i + nb * epoch".into());
    lines.push("        if nw and ni <= nw:  # warmup, as Ultralytics: np.interp per group".into());
    lines.push(
        "            accumulate = max(1, int(np.interp(ni, [0, nw], [1, acc0]).round()))".into(),
    );
    lines.push("            for g in optimizer.param_groups:".into());
    lines.push(format!(
        "                start = {} if g.get(\"bias\") else 0.0",
        py(run.warmup_bias_lr)
    ));
    lines.push("                target = lr0 * lf(epoch)".into());
    lines.push("                g[\"lr\"] = np.interp(ni, [0, nw], [start, target])".into());
    lines.push("                if \"momentum\" in g:".into());
    lines.push(format!(
        "                    g[\"momentum\"] = np.interp(ni, [0, nw], [{}, {}])",
        py(c.warmup_momentum),
        py(run.momentum)
    ));
    lines.push(match c.loss_scale {
        LossScale::Mean => "        loss = criterion(model(x), y)".into(),
        LossScale::Batch => {
            "        loss = criterion(model(x), y) * x.shape[0]  # Ultralytics: × batch size".into()
        }
    });
    lines.push("        loss.backward()  # gradients add up until the step".into());
    lines.push("        if ni - last_opt_step >= accumulate:".into());
    if c.clip {
        lines.push(
            "            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=10.0)".into(),
        );
    }
    lines.push("            optimizer.step()".into());
    lines.push("            optimizer.zero_grad()".into());
    lines.push("            last_opt_step = ni".into());
    if one_cycle {
        lines.push("        scheduler.step()  # OneCycleLR moves every iteration".into());
    }
    lines.join("\n") + "\n"
}

/// The settings as JSON: every parameter but the page's own (cursor, ghost, embedding,
/// theme), by its URL name, numbers as numbers. [`from_json`] reads it back.
pub fn to_json(c: &Config) -> String {
    let map: serde_json::Map<String, serde_json::Value> = PARAMS
        .iter()
        .filter(|p| p.section != Section::Page && (p.key != Key::Preset || c.preset.is_some()))
        .map(|p| {
            let text = p.write(c);
            let value = match p.field {
                Field::Number { .. } | Field::Whole { .. } => text
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(serde_json::Value::String(text.clone()), |n| {
                        // Whole numbers stay whole (seed can pass 2^53).
                        match text.parse::<u64>() {
                            Ok(u) => serde_json::Value::from(u),
                            Err(_) => serde_json::Value::Number(n),
                        }
                    }),
                Field::Flag { get, .. } => serde_json::Value::Bool(get(c)),
                _ => serde_json::Value::String(text),
            };
            (p.name.to_string(), value)
        })
        .collect();
    serde_json::to_string_pretty(&map).unwrap_or_else(|_| "{}".into())
}

/// Settings from [`to_json`]'s text, with a notice for each value that cannot be used (as the
/// URL's), or one notice and the defaults when the text is not a JSON object of strings and
/// numbers.
pub fn from_json(text: &str) -> Result<(Config, Vec<Notice>), String> {
    from_json_counted(text, &mut Work::default())
}

/// [`from_json`], counting the keys it reads into `work`. Refused past
/// [`MAX_JSON_BYTES`](crate::state::io::limits::MAX_JSON_BYTES) or
/// [`MAX_JSON_KEYS`](crate::state::io::limits::MAX_JSON_KEYS); unknown keys are one notice,
/// and page-only parameters (`bench`, `embed`, the cursor…) are not taken: a file describes
/// runs, and must not turn the page into a benchmark on the next reload.
pub fn from_json_counted(text: &str, work: &mut Work) -> Result<(Config, Vec<Notice>), String> {
    check_size(Kind::Json, text.len() as f64)?;
    let entries = json_object(text, work)?;
    let mut query = form_urlencoded::Serializer::new(String::new());
    let (mut unknown, mut page) = (Vec::new(), Vec::new());
    for (k, v) in &entries {
        match PARAMS.iter().find(|p| p.name == k.as_str()) {
            None => unknown.push(k.clone()),
            Some(p) if p.page_only() => page.push(k.clone()),
            Some(_) => {
                let v = match v {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Bool(b) => u8::from(*b).to_string(),
                    other => other.to_string(),
                };
                query.append_pair(k, &v);
            }
        }
    }
    let (config, mut notices) = parse_query(&query.finish());
    for (what, keys) in [("unknown key", unknown), ("page setting", page)] {
        if !keys.is_empty() {
            notices.push(Notice::new("", collapsed(what, &keys)));
        }
    }
    Ok((config, notices))
}

/// The run as CSV, one row per record (long runs keep one per [`Run::stride`] iterations),
/// labelled with the iteration whose values it holds, its last: epoch and iteration (1-based),
/// each group's rate, momentum, the weight group's decay as used, the accumulation then,
/// whether the optimizer stepped (after any of the iterations a thinned row covers), the
/// minibatch loss and its smoothed line, and on the row that holds an epoch's end the
/// validation loss and accuracy.
pub fn run_csv(run: &Run, smoothing: f64) -> String {
    let records = run.records_upto(run.recorded());
    let losses: Vec<f32> = records.iter().map(|r| r.loss).collect();
    let smooth = smoothed(&losses, smoothing);
    let nb = run.batches_per_epoch().max(1);
    let config = run.config();
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "epoch",
        "iteration",
        "lr_weights",
        "lr_biases",
        "momentum",
        "weight_decay",
        "accumulate",
        "step",
        "loss",
        "smoothed_loss",
        "val_loss",
        "val_accuracy",
    ];
    let _ = w.write_record(header);
    for (k, r) in records.iter().enumerate() {
        let first = k * run.stride();
        // A record's rates are those of the last iteration it covers.
        let ni = first + (r.count as usize).max(1) - 1;
        // The epoch whose last iteration this row covers, if any.
        let ended = ((ni + 1) / nb)
            .checked_sub(1)
            .filter(|e| (e + 1) * nb > first);
        let val = ended.and_then(|e| run.epochs.get(e));
        let opt = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
        let _ = w.write_record([
            (ni / nb + 1).to_string(),
            (ni + 1).to_string(),
            r.lr_weight.to_string(),
            r.lr_bias.to_string(),
            r.momentum.to_string(),
            config.weight_decay.to_string(),
            config.plan.at(ni, nb).accumulate.to_string(),
            u8::from(r.stepped).to_string(),
            r.loss.to_string(),
            smooth.get(k).map_or(String::new(), |s| s.to_string()),
            opt(val.and_then(|e| e.val_loss)),
            opt(val.and_then(|e| e.val_accuracy)),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
