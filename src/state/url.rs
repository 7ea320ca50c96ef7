//! The URL query as a view of the [`Config`]: one table of parameters drives both parsing and
//! writing (as tensorflow/playground's `state.ts` does). Parsing never fails: a bad value falls
//! back to the nearest valid value or the default, and says so in a [`Notice`].

use super::config::{Config, LR_MAX, LR_MIN, SHIFT_MAX};

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
    /// A whole number from 0 to 2⁶⁴ − 1.
    Whole {
        /// Reads the value.
        get: fn(&Config) -> u64,
        /// Writes the value.
        set: fn(&mut Config, u64),
    },
}

/// One URL parameter.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// Its name in the URL.
    pub name: &'static str,
    /// What it means, for the README and tooltips.
    pub help: &'static str,
    /// Its values.
    pub field: Field,
}

/// Every URL parameter. Adding one is adding a line here.
pub const PARAMS: &[Param] = &[
    Param {
        name: "lr0",
        help: "learning rate",
        field: Field::Number {
            min: LR_MIN,
            max: LR_MAX,
            get: |c| c.lr0,
            set: |c, v| c.lr0 = v,
        },
    },
    Param {
        name: "seed",
        help: "seed of the data set",
        field: Field::Whole {
            get: |c| c.seed,
            set: |c, v| c.seed = v,
        },
    },
    Param {
        name: "shift",
        help: "offset of the inputs x: larger values make the loss valley longer and narrower",
        field: Field::Number {
            min: 0.0,
            max: SHIFT_MAX,
            get: |c| c.shift,
            set: |c, v| c.shift = v,
        },
    },
];

impl Param {
    /// The value for `config` as written in a URL.
    pub fn write(&self, config: &Config) -> String {
        match self.field {
            Field::Number { get, .. } => format_number(get(config)),
            Field::Whole { get, .. } => get(config).to_string(),
        }
    }

    /// The default value as written in a URL.
    pub fn default_text(&self) -> String {
        self.write(&Config::default())
    }

    /// Reads `raw` into `config`; when it cannot be used as written, uses the nearest valid value
    /// or keeps the default, and says which.
    fn read(&self, config: &mut Config, raw: &str) -> Option<Notice> {
        let raw = raw.trim();
        let message = match self.field {
            Field::Number { min, max, set, .. } => match raw.parse::<f64>() {
                Ok(v) if v.is_finite() => {
                    let clamped = v.clamp(min, max);
                    set(config, clamped);
                    if clamped == v {
                        return None;
                    }
                    let bound = if v < min { "smallest" } else { "largest" };
                    format!(
                        "{}={} is out of range; using the {bound} allowed value, {}.",
                        self.name,
                        shorten(raw),
                        format_number(clamped)
                    )
                }
                _ => format!(
                    "{}={} is not a number between {} and {}; using the default, {}.",
                    self.name,
                    shorten(raw),
                    format_number(min),
                    format_number(max),
                    self.default_text()
                ),
            },
            Field::Whole { set, .. } => match raw.parse::<u64>() {
                Ok(v) => {
                    set(config, v);
                    return None;
                }
                Err(_) => format!(
                    "{}={} is not a whole number from 0 to {}; using the default, {}.",
                    self.name,
                    shorten(raw),
                    u64::MAX,
                    self.default_text()
                ),
            },
        };
        Some(Notice {
            param: self.name.to_string(),
            message,
        })
    }
}

/// The config a URL query describes (with or without the leading `?`), and a notice for every
/// value that could not be used as written. Unknown parameters are reported and ignored; when a
/// parameter repeats, the last value counts.
pub fn parse_query(query: &str) -> (Config, Vec<Notice>) {
    let mut config = Config::default();
    let mut notices = Vec::new();
    let query = query.strip_prefix('?').unwrap_or(query);
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match PARAMS.iter().find(|p| p.name == key) {
            Some(param) => {
                notices.retain(|n: &Notice| n.param != param.name);
                notices.extend(param.read(&mut config, &value));
            }
            None if key.is_empty() => {}
            None => notices.push(Notice {
                param: key.to_string(),
                message: format!("Unknown parameter {} ignored.", shorten(&key)),
            }),
        }
    }
    (config, notices)
}

/// The query string (without `?`) for `config`: parameters at their default are left out, so a
/// default page has a clean URL.
pub fn to_query(config: &Config) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for param in PARAMS {
        let text = param.write(config);
        if text != param.default_text() {
            out.append_pair(param.name, &text);
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
