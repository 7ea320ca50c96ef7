//! How much an imported file may hold, and the checks that hold it to that before the real
//! reading starts: a size per kind of file, YAML without aliases and with shallow nesting, a
//! JSON object with few keys, and what a file is, told from its name and its first lines. The
//! work each check does is counted in [`Work`], so that tests can assert it stays bounded
//! whatever the file. [`import`](super::import) re-exports the limits; the page asks there.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use yaml_rust2::parser::{Event, Parser};

/// The most bytes an args.yaml may have. Ultralytics writes about 2 KB; 64 KiB leaves room
/// for comments and long paths, and parses in a few milliseconds.
pub const MAX_YAML_BYTES: usize = 64 * 1024;
/// The most bytes a settings JSON may have. Stride writes about 1 KB.
pub const MAX_JSON_BYTES: usize = 64 * 1024;
/// The most bytes a CSV of logged rates may have: 5,000 rows of Ultralytics' results.csv
/// (about 200 bytes a row), or Stride's own CSV of at most 4,096 records (under 700 KB).
pub const MAX_CSV_BYTES: usize = 1024 * 1024;
/// The most data rows a CSV may have; reading stops at the next one. In the page, 5,000 rows
/// read and draw within one frame; 20,000 once took most of a second.
pub const MAX_CSV_ROWS: usize = 5_000;
/// The most logged rates drawn over the schedule: a CSV with more rows keeps every k-th, as
/// the schedule itself is drawn from 2,048 points.
pub const DRAWN_ROWS: usize = 2_048;
/// YAML aliases (`*name`) an args.yaml may use: none. Ultralytics never writes them, and
/// expanding them copies a value per use, so 81 aliases in 568 bytes can stand for 9⁹ values
/// ("billion laughs").
pub const MAX_YAML_ALIASES: usize = 0;
/// How deep YAML collections may nest. An args.yaml is one mapping, with a list or two as
/// values.
pub const MAX_YAML_DEPTH: usize = 8;
/// The most keys a settings JSON may have. Stride writes fewer than 40.
pub const MAX_JSON_KEYS: usize = 256;
/// The highest learning rate a CSV may log: ten times the highest lr0 Stride takes.
pub const MAX_LOGGED_RATE: f64 = 100.0;
/// The highest iteration a CSV may log a rate at, directly (Stride's CSV) or as an epoch times
/// the minibatches per epoch (results.csv): ten times Stride's longest run.
pub const MAX_LOGGED_STEP: f64 = 1e7;

/// What a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Ultralytics' args.yaml.
    Yaml,
    /// A results.csv, or Stride's own CSV.
    Csv,
    /// Stride's settings JSON.
    Json,
}

impl Kind {
    /// The most bytes a file of this kind may have.
    pub fn limit(self) -> usize {
        match self {
            Kind::Yaml => MAX_YAML_BYTES,
            Kind::Csv => MAX_CSV_BYTES,
            Kind::Json => MAX_JSON_BYTES,
        }
    }

    /// The kind, in a sentence.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Yaml => "an args.yaml",
            Kind::Csv => "a CSV of logged rates",
            Kind::Json => "a settings JSON",
        }
    }

    /// The kind a file name says, by its extension.
    pub fn by_name(name: &str) -> Option<Kind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "yaml" | "yml" => Some(Kind::Yaml),
            "csv" => Some(Kind::Csv),
            "json" => Some(Kind::Json),
            _ => None,
        }
    }

    /// The kind the text looks like: JSON opens with `{`; otherwise the first line that is
    /// not blank or a `#` comment (Ultralytics heads its args.yaml with one, which has a comma)
    /// is a YAML `key:` or a CSV header.
    pub fn by_content(text: &str) -> Option<Kind> {
        let text = text.trim_start_matches('\u{feff}').trim_start();
        if text.starts_with('{') {
            return Some(Kind::Json);
        }
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))?;
        let keyed = line
            .split_once(':')
            .is_some_and(|(_, rest)| rest.is_empty() || rest.starts_with([' ', '\t']));
        if keyed || line == "---" || line.starts_with("- ") {
            Some(Kind::Yaml)
        } else if line.contains(',') {
            Some(Kind::Csv)
        } else {
            None
        }
    }

    /// What a file is, from its name and content together: the name's kind when it has one,
    /// but text opening with `{` is JSON unless named YAML (YAML reads JSON too); without a
    /// telling name (a paste, a `.txt`), the content's kind; YAML when nothing tells.
    pub fn of(text: &str, name: Option<&str>) -> Kind {
        let named = name.and_then(Kind::by_name);
        match (named, Kind::by_content(text)) {
            (Some(Kind::Yaml), _) => Kind::Yaml,
            (_, Some(Kind::Json)) => Kind::Json,
            (Some(n), _) | (None, Some(n)) => n,
            (None, None) => Kind::Yaml,
        }
    }
}

/// The work a read did: what the tests bound, since wall-clock time is not a test.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// Bytes of the file looked at (the YAML scan's last position, the CSV reader's).
    pub bytes: usize,
    /// CSV rows read.
    pub rows: usize,
    /// YAML events scanned.
    pub events: usize,
    /// YAML aliases met.
    pub aliases: usize,
    /// JSON keys read.
    pub keys: usize,
}

/// A size in words: "812 bytes", "64 KB", "50.0 MB".
pub fn fmt_bytes(n: f64) -> String {
    if n < 1024.0 {
        format!("{n:.0} bytes")
    } else if n < 1024.0 * 1024.0 {
        format!("{:.0} KB", n / 1024.0)
    } else {
        format!("{:.1} MB", n / (1024.0 * 1024.0))
    }
}

/// Refuses `size` bytes for a file of `kind`, saying the limit.
pub fn check_size(kind: Kind, size: f64) -> Result<(), String> {
    if size <= kind.limit() as f64 {
        return Ok(());
    }
    Err(format!(
        "This file is {}; {} may be at most {}, so it was not read.",
        fmt_bytes(size),
        kind.name(),
        fmt_bytes(kind.limit() as f64)
    ))
}

/// Refuses a file of `size` bytes named `name` before it is read: the limit of the kind its
/// name says, or the largest limit when its name does not say (its content decides later).
pub fn check_file(name: &str, size: f64) -> Result<(), String> {
    match Kind::by_name(name) {
        Some(kind) => check_size(kind, size),
        None => check_size(Kind::Csv, size),
    }
}

/// Walks the YAML's events without building anything, and refuses it at the first alias
/// past [`MAX_YAML_ALIASES`] or the first collection nested deeper than [`MAX_YAML_DEPTH`],
/// so that building the document afterwards does bounded work.
pub fn scan_yaml(text: &str, work: &mut Work) -> Result<(), String> {
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    loop {
        let (event, mark) = parser
            .next_token()
            .map_err(|e| format!("This is not a YAML file Stride can read: {e}."))?;
        work.events += 1;
        work.bytes = work.bytes.max(mark.index());
        match event {
            Event::StreamEnd => return Ok(()),
            Event::Alias(_) => {
                work.aliases += 1;
                if work.aliases > MAX_YAML_ALIASES {
                    return Err(format!(
                        "Line {} uses a YAML alias (*name). Ultralytics' args.yaml has none, and Stride does not expand them: a few can stand for billions of values.",
                        mark.line()
                    ));
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
                if depth > MAX_YAML_DEPTH {
                    return Err(format!(
                        "Line {} nests YAML more than {MAX_YAML_DEPTH} levels deep; an args.yaml is one list of `key: value` lines.",
                        mark.line()
                    ));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
}

/// A JSON object's entries, in order, refused at the key past [`MAX_JSON_KEYS`] while it is
/// being read. Values keep serde_json's own nesting limit (128).
pub fn json_object(
    text: &str,
    work: &mut Work,
) -> Result<Vec<(String, serde_json::Value)>, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let entries = Entries { work: &mut *work }
        .deserialize(&mut de)
        .and_then(|e| de.end().map(|()| e));
    entries.map_err(|e| {
        if work.keys > MAX_JSON_KEYS {
            format!(
                "These settings have more than {MAX_JSON_KEYS} keys (Stride writes fewer than 40), so none were read."
            )
        } else {
            format!("These settings are not a JSON object: {e}.")
        }
    })
}

/// The visitor that reads an object's entries and counts its keys.
struct Entries<'w> {
    work: &'w mut Work,
}

impl<'de> DeserializeSeed<'de> for Entries<'_> {
    type Value = Vec<(String, serde_json::Value)>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Entries<'_> {
    type Value = Vec<(String, serde_json::Value)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object of settings")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            self.work.keys += 1;
            if self.work.keys > MAX_JSON_KEYS {
                return Err(de::Error::custom("too many keys"));
            }
            out.push((key, map.next_value()?));
        }
        Ok(out)
    }
}

/// Many notices of one kind as one line: `3 unknown keys ignored: a, b, c.`, naming at most
/// eight, so that a file with hundreds of them shows one notice and not hundreds.
pub fn collapsed(what: &str, items: &[String]) -> String {
    const NAMED: usize = 8;
    let named: Vec<&str> = items.iter().take(NAMED).map(|s| short(s)).collect();
    let more = if items.len() > NAMED { ", …" } else { "." };
    let s = if items.len() == 1 { "" } else { "s" };
    format!(
        "{} {what}{s} ignored: {}{more}",
        items.len(),
        named.join(", ")
    )
}

/// A name cut to 40 characters: a key can be as long as the file.
fn short(s: &str) -> &str {
    s.char_indices().nth(40).map_or(s, |(i, _)| &s[..i])
}
