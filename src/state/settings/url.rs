//! The URL query as a view of the [`Config`], through the parameter table
//! ([`crate::state::settings::params`]). Parsing never fails: a bad value falls back to the nearest valid value
//! or the default, and says so in a [`Notice`].

use crate::state::settings::config::Config;
use crate::state::settings::field::{Notice, shorten};
use crate::state::settings::key::Key;
use crate::state::settings::params::PARAMS;
use crate::state::settings::preset::Preset;

/// The config a URL query describes (with or without the leading `?`), and a notice for every
/// value that could not be used as written. A `preset` applies first, whatever its position;
/// without one, the `task`'s own defaults do ([`Config::for_task`], the last repeat's task);
/// then the other parameters in order, the last repeat winning. Unknown parameters are reported
/// and ignored.
pub fn parse_query(query: &str) -> (Config, Vec<Notice>) {
    let mut notices: Vec<Notice> = Vec::new();
    let query = query.strip_prefix('?').unwrap_or(query);
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let (presets, others): (Vec<_>, Vec<_>) = pairs.into_iter().partition(|(k, _)| k == "preset");
    // The task is read as its row reads it (any case, trimmed), the last repeat winning.
    let task = others
        .iter()
        .rev()
        .find(|(k, _)| k == Key::Task.name())
        .and_then(|(_, v)| {
            let mut probe = Config::default();
            Key::Task
                .param()
                .read(&mut probe, v)
                .is_none()
                .then_some(probe.task)
        });
    let mut config = match task {
        Some(task) if presets.is_empty() => Config::for_task(task),
        _ => Config::default(),
    };
    let compare_given = others.iter().any(|(k, _)| k == Key::Compare.name());
    for (key, value) in presets.into_iter().chain(others) {
        match Key::parse(&key).map(Key::param) {
            Some(p) if p.key == Key::Preset => {
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
            None => notices.push(Notice::new(
                key.clone(),
                format!("Unknown parameter {} ignored.", shorten(&key)),
            )),
        }
    }
    // Rates to compare are a comparison asked for: a teacher's link with lrs and no compare=1
    // showed lr0 alone, without a word.
    if !compare_given && (2..=3).contains(&config.compare_lrs.len()) {
        config.compare = true;
    }
    (config, notices)
}

/// The query string (without `?`) for `config`: parameters equal to their default (the task's
/// own, [`Config::for_task`], or, with a preset, the preset's value) are left out, so the URL
/// stays short and readable.
pub fn to_query(config: &Config) -> String {
    let base = config.preset.map_or_else(
        // The task itself is written whenever it is not the page's first one.
        || Config {
            task: Config::default().task,
            ..Config::for_task(config.task)
        },
        Preset::config,
    );
    let mut out = form_urlencoded::Serializer::new(String::new());
    for p in PARAMS {
        let text = p.write(config);
        // compare=0 beside rates to compare, which a link would otherwise read as asked for.
        let off = p.key == Key::Compare && (2..=3).contains(&config.compare_lrs.len());
        if text != p.write(&base) || (p.key == Key::Preset && config.preset.is_some()) || off {
            out.append_pair(p.name, &text);
        }
    }
    out.finish()
}
