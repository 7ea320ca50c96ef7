//! The URL query as a view of the [`Config`]: one table of parameters drives parsing, writing,
//! the controls' ranges and every settings change (as tensorflow/playground's `state.ts` does).
//! Parsing never fails: a bad value falls back to the nearest valid value or the default, and
//! says so in a [`Notice`].

use super::config::{Config, DecayKind, LR_MAX, LR_MIN, OptKind, SHIFT_MAX, Task};
use super::presets::Preset;

/// Something in the URL that could not be used as written, and what was used instead.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The parameter's name as written in the URL.
    pub param: String,
    /// A sentence for the reader.
    pub message: String,
}

/// What values a parameter takes, and where in the [`Config`] it lives.
#[derive(Clone, Copy, Debug)]
pub enum Field {
    /// A finite number in [min, max].
    Number {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
        /// Reads the value.
        get: fn(&Config) -> f64,
        /// Writes the value.
        set: fn(&mut Config, f64),
    },
    /// A whole number in [min, max].
    Whole {
        /// Smallest allowed value.
        min: u64,
        /// Largest allowed value.
        max: u64,
        /// Reads the value.
        get: fn(&Config) -> u64,
        /// Writes the value.
        set: fn(&mut Config, u64),
    },
    /// One of a list of names.
    Choice {
        /// The names, in menu order.
        options: fn() -> Vec<&'static str>,
        /// Reads the value.
        get: fn(&Config) -> &'static str,
        /// Writes the value (only called with one of `options`).
        set: fn(&mut Config, &str),
    },
    /// On or off: `1`/`true` or `0`/`false`.
    Flag {
        /// Reads the value.
        get: fn(&Config) -> bool,
        /// Writes the value.
        set: fn(&mut Config, bool),
    },
    /// A comma-separated list of up to `max_len` finite numbers in [min, max] (each clamped).
    Numbers {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
        /// Longest list.
        max_len: usize,
        /// Reads the value.
        get: fn(&Config) -> Vec<f64>,
        /// Writes the value.
        set: fn(&mut Config, Vec<f64>),
    },
    /// A comma-separated list of parameter names (`hide`).
    Names {
        /// Reads the value.
        get: fn(&Config) -> Vec<String>,
        /// Writes the value.
        set: fn(&mut Config, Vec<String>),
    },
}

/// One URL parameter.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// Its name in the URL (Ultralytics' name where there is one).
    pub name: &'static str,
    /// What it means, for the README and labels.
    pub help: &'static str,
    /// Its values.
    pub field: Field,
}

fn task_names() -> Vec<&'static str> {
    Task::ALL.iter().map(|t| t.name()).collect()
}

fn decay_names() -> Vec<&'static str> {
    DecayKind::ALL.iter().map(|d| d.name()).collect()
}

fn optimizer_names() -> Vec<&'static str> {
    OptKind::ALL.iter().map(|o| o.name()).collect()
}

fn preset_names() -> Vec<&'static str> {
    std::iter::once("none")
        .chain(Preset::ALL.iter().map(|p| p.name()))
        .collect()
}

/// Every URL parameter. Adding one is adding a line here.
pub const PARAMS: &[Param] = &[
    Param {
        name: "preset",
        help: "a lesson to start from (its settings first, then any others in the URL)",
        field: Field::Choice {
            options: preset_names,
            get: |c| {
                c.preset
                    .as_deref()
                    .and_then(Preset::parse)
                    .map_or("none", Preset::name)
            },
            set: |c, v| c.preset = Preset::parse(v).map(|p| p.name().to_string()),
        },
    },
    Param {
        name: "task",
        help: "model and data: line, spirals, moons, circles, xor, blobs (MLP) or digits (conv net)",
        field: Field::Choice {
            options: task_names,
            get: |c| c.task.name(),
            set: |c, v| {
                if let Some(t) = Task::ALL.into_iter().find(|t| t.name() == v) {
                    c.task = t;
                }
            },
        },
    },
    Param {
        name: "lr0",
        help: "initial learning rate",
        field: Field::Number {
            min: LR_MIN,
            max: LR_MAX,
            get: |c| c.lr0,
            set: |c, v| c.lr0 = v,
        },
    },
    Param {
        name: "lrf",
        help: "final learning rate as a fraction of lr0 (linear and cosine decay)",
        field: Field::Number {
            min: 1e-4,
            max: 1.0,
            get: |c| c.lrf,
            set: |c, v| c.lrf = v,
        },
    },
    Param {
        name: "epochs",
        help: "passes over the training data",
        field: Field::Whole {
            min: 1,
            max: 500,
            get: |c| c.epochs as u64,
            set: |c, v| c.epochs = v as usize,
        },
    },
    Param {
        name: "batch",
        help: "minibatch size (256 or more: the whole line data set in one batch)",
        field: Field::Whole {
            min: 1,
            max: 2048,
            get: |c| c.batch as u64,
            set: |c, v| c.batch = v as usize,
        },
    },
    Param {
        name: "warmup_epochs",
        help: "warmup length in epochs (fractions allowed; 0 for none)",
        field: Field::Number {
            min: 0.0,
            max: 50.0,
            get: |c| c.warmup_epochs,
            set: |c, v| c.warmup_epochs = v,
        },
    },
    Param {
        name: "warmup_bias_lr",
        help: "learning rate the biases start warmup from",
        field: Field::Number {
            min: 0.0,
            max: 1.0,
            get: |c| c.warmup_bias_lr,
            set: |c, v| c.warmup_bias_lr = v,
        },
    },
    Param {
        name: "warmup_momentum",
        help: "momentum warmup starts from",
        field: Field::Number {
            min: 0.0,
            max: 0.999,
            get: |c| c.warmup_momentum,
            set: |c, v| c.warmup_momentum = v,
        },
    },
    Param {
        name: "decay",
        help: "decay after warmup: linear, cosine, step, exp, onecycle or constant",
        field: Field::Choice {
            options: decay_names,
            get: |c| c.decay.name(),
            set: |c, v| {
                if let Some(d) = DecayKind::ALL.into_iter().find(|d| d.name() == v) {
                    c.decay = d;
                }
            },
        },
    },
    Param {
        name: "step_every",
        help: "step decay: epochs between drops",
        field: Field::Whole {
            min: 1,
            max: 500,
            get: |c| c.step_every as u64,
            set: |c, v| c.step_every = v as usize,
        },
    },
    Param {
        name: "step_factor",
        help: "step decay: factor at each drop",
        field: Field::Number {
            min: 0.001,
            max: 1.0,
            get: |c| c.step_factor,
            set: |c, v| c.step_factor = v,
        },
    },
    Param {
        name: "gamma",
        help: "exponential decay: factor per epoch",
        field: Field::Number {
            min: 0.5,
            max: 1.0,
            get: |c| c.gamma,
            set: |c, v| c.gamma = v,
        },
    },
    Param {
        name: "optimizer",
        help: "SGD, Adam, AdamW or RMSProp",
        field: Field::Choice {
            options: optimizer_names,
            get: |c| c.optimizer.name(),
            set: |c, v| {
                if let Some(o) = OptKind::ALL
                    .into_iter()
                    .find(|o| o.name().eq_ignore_ascii_case(v))
                {
                    c.optimizer = o;
                }
            },
        },
    },
    Param {
        name: "momentum",
        help: "SGD or RMSprop momentum, Adam β₁",
        field: Field::Number {
            min: 0.0,
            max: 0.999,
            get: |c| c.momentum,
            set: |c, v| c.momentum = v,
        },
    },
    Param {
        name: "nesterov",
        help: "Nesterov momentum (SGD; Ultralytics always uses it)",
        field: Field::Flag {
            get: |c| c.nesterov,
            set: |c, v| c.nesterov = v,
        },
    },
    Param {
        name: "weight_decay",
        help: "weight decay of the weights, not the biases",
        field: Field::Number {
            min: 0.0,
            max: 0.1,
            get: |c| c.weight_decay,
            set: |c, v| c.weight_decay = v,
        },
    },
    Param {
        name: "nbs",
        help: "nominal batch size: gradients of ⌈nbs/batch⌉ minibatches are summed per step (Ultralytics: 64)",
        field: Field::Whole {
            min: 1,
            max: 2048,
            get: |c| c.nbs as u64,
            set: |c, v| c.nbs = v as usize,
        },
    },
    Param {
        name: "clip",
        help: "clip the gradient norm at 10 before each step, as Ultralytics does",
        field: Field::Flag {
            get: |c| c.clip,
            set: |c, v| c.clip = v,
        },
    },
    Param {
        name: "seed",
        help: "seed of the data, the initial weights and the shuffling",
        field: Field::Whole {
            min: 0,
            max: u64::MAX,
            get: |c| c.seed,
            set: |c, v| c.seed = v,
        },
    },
    Param {
        name: "noise",
        help: "noise of the data (standard deviation)",
        field: Field::Number {
            min: 0.0,
            max: 1.0,
            get: |c| c.noise,
            set: |c, v| c.noise = v,
        },
    },
    Param {
        name: "shift",
        help: "line task: offset of the inputs x; larger values make the valley longer and narrower",
        field: Field::Number {
            min: 0.0,
            max: SHIFT_MAX,
            get: |c| c.shift,
            set: |c, v| c.shift = v,
        },
    },
    Param {
        name: "dirs",
        help: "landscape directions for networks: pca (of the path, after the run) or random (filter-normalised, live)",
        field: Field::Choice {
            options: || vec!["pca", "random"],
            get: |c| if c.random_dirs { "random" } else { "pca" },
            set: |c, v| c.random_dirs = v == "random",
        },
    },
    Param {
        name: "compare",
        help: "run lr0/10, lr0 and lr0·10 side by side",
        field: Field::Flag {
            get: |c| c.compare,
            set: |c, v| c.compare = v,
        },
    },
    Param {
        name: "lrs",
        help: "with compare: the two or three rates to run instead of lr0/10, lr0, lr0·10",
        field: Field::Numbers {
            min: LR_MIN,
            max: LR_MAX,
            max_len: 3,
            get: |c| c.compare_lrs.clone(),
            set: |c, v| c.compare_lrs = v,
        },
    },
    Param {
        name: "embed",
        help: "compact layout without the page's header and footer, for iframes",
        field: Field::Flag {
            get: |c| c.embed,
            set: |c, v| c.embed = v,
        },
    },
    Param {
        name: "hide",
        help: "comma-separated parameters whose controls are hidden (classroom mode)",
        field: Field::Names {
            get: |c| c.hide.clone(),
            set: |c, v| c.hide = v,
        },
    },
];

/// The parameter called `name`.
pub fn param(name: &str) -> Option<&'static Param> {
    PARAMS.iter().find(|p| p.name == name)
}

impl Param {
    /// The value for `config` as written in a URL.
    pub fn write(&self, config: &Config) -> String {
        match self.field {
            Field::Number { get, .. } => format_number(get(config)),
            Field::Whole { get, .. } => get(config).to_string(),
            Field::Choice { get, .. } => get(config).to_string(),
            Field::Flag { get, .. } => if get(config) { "1" } else { "0" }.to_string(),
            Field::Numbers { get, .. } => get(config)
                .iter()
                .map(|&v| format_number(v))
                .collect::<Vec<_>>()
                .join(","),
            Field::Names { get, .. } => get(config).join(","),
        }
    }

    /// The default value as written in a URL.
    pub fn default_text(&self) -> String {
        self.write(&Config::default())
    }

    /// Reads `raw` into `config`; when it cannot be used as written, uses the nearest valid value
    /// or keeps the current one, and says which.
    pub fn read(&self, config: &mut Config, raw: &str) -> Option<Notice> {
        let raw = raw.trim();
        let message = match self.field {
            Field::Number { min, max, set, get } => match raw.parse::<f64>() {
                Ok(v) if v.is_finite() => {
                    let clamped = v.clamp(min, max);
                    set(config, clamped);
                    if clamped == v {
                        return None;
                    }
                    out_of_range(self.name, raw, v < min, &format_number(clamped))
                }
                _ => format!(
                    "{}={} is not a number between {} and {}; using {}.",
                    self.name,
                    shorten(raw),
                    format_number(min),
                    format_number(max),
                    format_number(get(config))
                ),
            },
            Field::Whole { min, max, set, get } => match raw.parse::<u64>() {
                Ok(v) => {
                    let clamped = v.clamp(min, max);
                    set(config, clamped);
                    if clamped == v {
                        return None;
                    }
                    out_of_range(self.name, raw, v < min, &clamped.to_string())
                }
                Err(_) => format!(
                    "{}={} is not a whole number from {min} to {max}; using {}.",
                    self.name,
                    shorten(raw),
                    get(config)
                ),
            },
            Field::Choice { options, set, get } => {
                let names = options();
                match names.iter().find(|n| n.eq_ignore_ascii_case(raw)) {
                    Some(name) => {
                        set(config, name);
                        return None;
                    }
                    None => format!(
                        "{}={} is not one of {}; using {}.",
                        self.name,
                        shorten(raw),
                        names.join(", "),
                        get(config)
                    ),
                }
            }
            Field::Flag { set, get } => match raw.to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" | "" => {
                    set(config, true);
                    return None;
                }
                "0" | "false" | "no" | "off" => {
                    set(config, false);
                    return None;
                }
                _ => format!(
                    "{}={} is not 1 or 0; using {}.",
                    self.name,
                    shorten(raw),
                    u8::from(get(config))
                ),
            },
            Field::Numbers {
                min,
                max,
                max_len,
                set,
                ..
            } => {
                let parts: Vec<&str> = raw
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                let values: Vec<f64> = parts
                    .iter()
                    .filter_map(|s| s.parse::<f64>().ok())
                    .filter(|v| v.is_finite())
                    .map(|v| v.clamp(min, max))
                    .take(max_len)
                    .collect();
                let clean = values.len() == parts.len()
                    && parts
                        .iter()
                        .zip(&values)
                        .all(|(s, v)| s.parse::<f64>().ok() == Some(*v));
                set(config, values.clone());
                if clean {
                    return None;
                }
                format!(
                    "{}={} should be up to {max_len} numbers between {} and {}; using {}.",
                    self.name,
                    shorten(raw),
                    format_number(min),
                    format_number(max),
                    if values.is_empty() {
                        "the default".to_string()
                    } else {
                        values
                            .iter()
                            .map(|&v| format_number(v))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                )
            }
            Field::Names { set, .. } => {
                let (known, unknown): (Vec<&str>, Vec<&str>) = raw
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .partition(|s| param(s).is_some());
                set(config, known.into_iter().map(str::to_string).collect());
                if unknown.is_empty() {
                    return None;
                }
                format!(
                    "{}: {} not a control; ignored.",
                    self.name,
                    shorten(&unknown.join(", "))
                )
            }
        };
        Some(Notice {
            param: self.name.to_string(),
            message,
        })
    }
}

fn out_of_range(name: &str, raw: &str, below: bool, used: &str) -> String {
    let bound = if below { "smallest" } else { "largest" };
    format!(
        "{name}={} is out of range; using the {bound} allowed value, {used}.",
        shorten(raw)
    )
}

/// The config a URL query describes (with or without the leading `?`), and a notice for every
/// value that could not be used as written. A `preset` applies first, whatever its position;
/// then the other parameters in order, the last repeat winning. Unknown parameters are reported
/// and ignored.
pub fn parse_query(query: &str) -> (Config, Vec<Notice>) {
    let mut config = Config::default();
    let mut notices: Vec<Notice> = Vec::new();
    let query = query.strip_prefix('?').unwrap_or(query);
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let (presets, others): (Vec<_>, Vec<_>) = pairs.into_iter().partition(|(k, _)| k == "preset");
    for (key, value) in presets.into_iter().chain(others) {
        match param(&key) {
            Some(p) if p.name == "preset" => {
                notices.retain(|n| n.param != p.name);
                match Preset::parse(value.trim()) {
                    Some(preset) => config = preset.config(),
                    None => notices.extend(p.read(&mut config, &value)),
                }
            }
            Some(p) => {
                notices.retain(|n| n.param != p.name);
                notices.extend(p.read(&mut config, &value));
            }
            None if key.is_empty() => {}
            None => notices.push(Notice {
                param: key.clone(),
                message: format!("Unknown parameter {} ignored.", shorten(&key)),
            }),
        }
    }
    (config, notices)
}

/// The query string (without `?`) for `config`: parameters equal to their default (or, with a
/// preset, to the preset's value) are left out, so the URL stays short and readable.
pub fn to_query(config: &Config) -> String {
    let base = config
        .preset
        .as_deref()
        .and_then(Preset::parse)
        .map_or_else(Config::default, Preset::config);
    let mut out = form_urlencoded::Serializer::new(String::new());
    for p in PARAMS {
        let text = p.write(config);
        if text != p.write(&base) || (p.name == "preset" && config.preset.is_some()) {
            out.append_pair(p.name, &text);
        }
    }
    out.finish()
}

/// Shortest text that reads back as the same f64 (Rust's `Display` for floats round-trips).
fn format_number(v: f64) -> String {
    format!("{v}")
}

// Hostile input can be long; notices quote at most 24 characters of it.
fn shorten(raw: &str) -> String {
    const MAX: usize = 24;
    if raw.chars().count() <= MAX {
        raw.to_string()
    } else {
        format!("{}…", raw.chars().take(MAX).collect::<String>())
    }
}
