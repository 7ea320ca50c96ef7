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
            ("steps", "") => "every step".to_string(),
            _ => text,
        };
        assert_eq!(default, shown, "default of `{}`", p.name);
    }
}

/// The README's lesson table names each lesson by the title the page shows, in course order,
/// so a reader can find the row of the step on screen (it had called them "Too high", "Just
/// right", and listed them in another order).
#[test]
fn the_lesson_table_follows_the_course_by_the_page_s_titles() {
    let readme = include_str!("../../README.md");
    let table: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| lesson, in course order |"))
        .skip(2)
        .take_while(|l| l.starts_with("| *"))
        .map(|l| {
            l.trim_start_matches("| *")
                .split("* |")
                .next()
                .expect("a title")
        })
        .collect();
    let course: Vec<&str> = stride::state::lessons::course::COURSE
        .iter()
        .map(|p| p.title())
        .collect();
    assert_eq!(table, course);
}
