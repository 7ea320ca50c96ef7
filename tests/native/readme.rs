//! The README's URL table lists every parameter the page reads, with its real default.

use stride::state::{Config, PARAMS};

#[test]
fn every_url_parameter_is_documented_with_its_default() {
    let readme = include_str!("../../README.md");
    let defaults = Config::default();
    for p in PARAMS {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", p.name)))
            .unwrap_or_else(|| panic!("README has no row for `{}`", p.name));
        let default = row
            .trim_end_matches('|')
            .rsplit('|')
            .next()
            .expect("a default column")
            .trim();
        let text = p.write(&defaults);
        let shown = match (p.name, text.as_str()) {
            ("preset", "none") | ("hide", "") | ("lrs", "") | ("ghost", "") => "none".to_string(),
            _ => text,
        };
        assert_eq!(default, shown, "default of `{}`", p.name);
    }
}
