//! How a URL parameter's text becomes a setting and back: parsing that never fails (a bad
//! value falls back to the nearest valid one or keeps the current one, and says so), and
//! writing that reads back to the same value.

use crate::state::settings::config::Config;
use crate::state::settings::key::Key;
use crate::state::settings::params::{Field, Param};

/// Something in the URL that could not be used as written, and what was used instead.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The parameter's name as written in the URL.
    pub param: String,
    /// A sentence for the reader.
    pub message: String,
    /// What lies behind it, folded under it (an args.yaml's keys taken and ignored): empty
    /// for most. The import's whole account filled a phone's first screen.
    pub detail: String,
    /// The panel it points to, by element id, and its button's text: the Your run panel after
    /// an args.yaml, four screens below on a phone.
    pub to: Option<(&'static str, &'static str)>,
}

impl Notice {
    /// A notice with nothing folded under it.
    pub fn new(param: impl Into<String>, message: String) -> Notice {
        let (param, detail) = (param.into(), String::new());
        Notice {
            param,
            message,
            detail,
            to: None,
        }
    }
}

impl Param {
    /// The value for `config` as a sentence says it: a number to three figures, as the page's
    /// rates are written, and a switch as on or off (a student read "compare 0 → 1" as code,
    /// and "lr0 0.0015625" beside a button's 0.00156).
    pub fn show(&self, config: &Config) -> String {
        match self.field {
            Field::Number { get, .. } => crate::engine::stability::fmt_lr(get(config)),
            Field::Flag { get, .. } => (if get(config) { "on" } else { "off" }).to_string(),
            _ => self.write(config),
        }
    }

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
            Field::Text { get, .. } => get(config),
            Field::Names { get, .. } => get(config)
                .iter()
                .map(|k| k.name())
                .collect::<Vec<_>>()
                .join(","),
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
            Field::Number { min, max, set, get } => match parse_number(raw) {
                Some(v) => {
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
                let names: Vec<&str> = options().into_iter().map(|(n, _)| n).collect();
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
                whole,
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
                    .filter(|v| !whole || (v.fract() == 0.0 && (min..=max).contains(v)))
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
                let range = if whole {
                    format!(
                        "whole numbers from {} to {}",
                        format_number(min),
                        format_number(max)
                    )
                } else {
                    format!(
                        "numbers between {} and {}",
                        format_number(min),
                        format_number(max)
                    )
                };
                format!(
                    "{}={} should be up to {max_len} {range}; using {}.",
                    self.name,
                    shorten(raw),
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
            Field::Text { max_len, set, .. } => {
                if raw.chars().count() <= max_len {
                    set(config, raw.to_string());
                    return None;
                }
                format!(
                    "{}={} is longer than {max_len} characters; ignored.",
                    self.name,
                    shorten(raw)
                )
            }
            Field::Names { set, .. } => {
                let (known, unknown): (Vec<&str>, Vec<&str>) = raw
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .partition(|s| Key::parse(s).is_some());
                let mut keys: Vec<Key> = known.into_iter().filter_map(Key::parse).collect();
                keys.dedup();
                set(config, keys);
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
        Some(Notice::new(self.name, message))
    }
}

fn out_of_range(name: &str, raw: &str, below: bool, used: &str) -> String {
    let bound = if below { "smallest" } else { "largest" };
    format!(
        "{name}={} is out of range; using the {bound} allowed value, {used}.",
        shorten(raw)
    )
}

/// Shortest text that reads back as the same f64 (Rust's `Display` for floats round-trips).
fn format_number(v: f64) -> String {
    format!("{v}")
}

// Hostile input can be long; notices quote at most 24 characters of it.
pub(super) fn shorten(raw: &str) -> String {
    const MAX: usize = 24;
    if raw.chars().count() <= MAX {
        raw.to_string()
    } else {
        format!("{}…", raw.chars().take(MAX).collect::<String>())
    }
}

/// A finite number as a person types it: "0.3", "3e-4", or with a decimal comma, "0,3" (a
/// teacher's students write rates so, and met "“0,3” is not a learning rate"). A comma is read
/// as the decimal point only where it is the one separator in the text.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let read = |t: &str| t.parse::<f64>().ok().filter(|v| v.is_finite());
    read(text).or_else(|| {
        (text.matches(',').count() == 1 && !text.contains('.'))
            .then(|| read(&text.replacen(',', ".", 1)))
            .flatten()
    })
}
