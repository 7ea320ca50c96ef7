//! The shape of the code: layers that import only downward, no two modules importing each
//! other, files a newcomer can read in one sitting, and a module doc on every file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// `src/engine/model/conv.rs` → ["engine", "model", "conv"]; `src/lib.rs` → [].
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix("src").expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts == ["lib"] || parts == ["main"] {
        parts.clear();
    }
    parts
}

/// The paths a `use` tree names, with its braces expanded: `a::{b, c::{d}}` → a::b, a::c::d.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or("").trim().to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').expect("balanced braces")];
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| {
            if p == "self" {
                prefix.trim_end_matches("::").to_string()
            } else {
                format!("{prefix}{p}")
            }
        })
        .collect()
}

/// Every path the file refers to through `crate::`, `super::` or `self::`, in `use` trees and
/// in the code, made absolute (a list of segments).
fn references(module: &[String], text: &str) -> Vec<Vec<String>> {
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut paths: Vec<String> = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("use ") {
        // A `use` item starts its line (after `pub`, `pub(crate)`…); the word in a sentence
        // inside a string ("use the rate map's rate") is not one.
        let line = &rest[rest[..at].rfind('\n').map_or(0, |i| i + 1)..at];
        rest = &rest[at + 4..];
        if !(line.trim().is_empty() || line.trim().starts_with("pub")) {
            continue;
        }
        if let Some(end) = rest.find(';') {
            paths.extend(expand(&rest[..end]));
        }
    }
    for root in ["crate::", "super::", "self::"] {
        let mut rest = code.as_str();
        while let Some(at) = rest.find(root) {
            let tail = &rest[at..];
            let end = tail
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(tail.len());
            paths.push(tail[..end].trim_end_matches(':').to_string());
            rest = &rest[at + root.len()..];
        }
    }
    paths
        .into_iter()
        .filter_map(|p| {
            let mut segs: Vec<&str> = p.split("::").collect();
            let mut base: Vec<String> = match segs.first().copied() {
                Some("crate") => Vec::new(),
                Some("super") | Some("self") => module.to_vec(),
                _ => return None,
            };
            if segs[0] == "crate" {
                segs.remove(0);
            }
            while let Some(&s) = segs.first() {
                match s {
                    "super" => {
                        base.pop();
                    }
                    "self" => {}
                    _ => break,
                }
                segs.remove(0);
            }
            base.extend(segs.into_iter().map(str::to_string));
            Some(base)
        })
        .collect()
}

fn is_prefix(a: &[String], b: &[String]) -> bool {
    a.len() <= b.len() && a == &b[..a.len()]
}

#[test]
fn no_two_modules_import_each_other() {
    let files = sources(Path::new("src"));
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(f)).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in &files {
        let from = module_of(file);
        let text = std::fs::read_to_string(file).expect("readable");
        for path in references(&from, &text) {
            // The longest prefix that is a module is what the reference depends on.
            let Some(to) = (0..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| modules.contains(p))
            else {
                continue;
            };
            // A module and its own submodules are one unit.
            if is_prefix(&to, &from) || is_prefix(&from, &to) {
                continue;
            }
            edges.entry(from.clone()).or_default().insert(to);
        }
    }
    // Depth-first search for a cycle.
    fn visit(
        m: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        stack: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        if let Some(at) = stack.iter().position(|s| s == m) {
            return Some(stack[at..].to_vec());
        }
        if done.contains(m) {
            return None;
        }
        stack.push(m.clone());
        for next in edges.get(m).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(m.clone());
        None
    }
    let mut done = BTreeSet::new();
    for m in &modules {
        if let Some(cycle) = visit(m, &edges, &mut Vec::new(), &mut done) {
            let names: Vec<String> = cycle.iter().map(|m| m.join("::")).collect();
            panic!("import loop: {}", names.join(" → "));
        }
    }
    // And the layers: the engine imports nothing above it, the charts only the engine, the
    // state never the UI.
    for (from, tos) in &edges {
        for to in tos {
            let (f, t) = (from[0].as_str(), to.first().map_or("", String::as_str));
            let allowed = match f {
                "engine" => t == "engine",
                "charts" => matches!(t, "engine" | "charts"),
                "state" => t != "ui",
                _ => true,
            };
            assert!(allowed, "{} imports {}", from.join("::"), to.join("::"));
            // Inside the state, the rooms stack in this order and import only downward.
            if f == "state" && t == "state" && from.len() > 1 && to.len() > 1 {
                let (a, b) = (room_rank(&from[1]), room_rank(&to[1]));
                assert!(
                    a >= b,
                    "{} (room {}) imports {} from a room above it",
                    from.join("::"),
                    from[1],
                    to.join("::")
                );
            }
        }
    }
}

/// The state's rooms, lowest first.
const ROOMS: [&str; 6] = ["settings", "lessons", "plan", "io", "runs", "scene"];

fn room_rank(room: &str) -> usize {
    ROOMS
        .iter()
        .position(|r| *r == room)
        .unwrap_or_else(|| panic!("state::{room} is in no room: add it to one of {ROOMS:?}"))
}

#[test]
fn every_state_file_is_in_a_room() {
    for entry in std::fs::read_dir("src/state").expect("readable dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .to_string();
        room_rank(&name);
    }
}

#[test]
fn the_loop_finder_finds_a_loop() {
    // The check above is only worth something if it can fail: two files that import each
    // other through grouped and inline paths are seen as such.
    let a = references(
        &["state".into(), "url".into()],
        "use super::{field::{Notice, shorten}, key::Key};\nfn f() { crate::state::preset::Preset::ALL; }",
    );
    let names: Vec<String> = a.iter().map(|p| p.join("::")).collect();
    assert!(
        names.contains(&"state::field::Notice".to_string()),
        "{names:?}"
    );
    assert!(names.contains(&"state::key::Key".to_string()), "{names:?}");
    assert!(
        names.contains(&"state::preset::Preset::ALL".to_string()),
        "{names:?}"
    );
}

#[test]
fn files_stay_readable_and_say_what_they_are_for() {
    for file in sources(Path::new("src")) {
        let text = std::fs::read_to_string(&file).expect("readable");
        let lines = text.lines().count();
        let limit = if file.starts_with("src/ui") { 220 } else { 430 };
        assert!(
            lines <= limit,
            "{} has {lines} lines (at most {limit})",
            file.display()
        );
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        assert!(
            first.starts_with("//!") || file.ends_with("main.rs"),
            "{} has no module doc",
            file.display()
        );
    }
}

#[test]
fn the_engine_uses_no_web_crates() {
    for file in sources(Path::new("src/engine")) {
        let text = std::fs::read_to_string(&file).expect("readable");
        for web in [
            "yew",
            "web_sys",
            "js_sys",
            "gloo",
            "wasm_bindgen",
            "plotters_canvas",
        ] {
            assert!(
                !text.contains(&format!("{web}::")) && !text.contains(&format!("use {web}")),
                "{} uses {web}",
                file.display()
            );
        }
    }
}

/// The house rules' top level: the crate, its sources, static files, page, Trunk's config, the
/// tests, the README, CI, the setup script the README's two commands call, and Cargo's own
/// config (the wasm target's test runner and SIMD). The docs-site example once sat in
/// `examples/`, a top-level folder of its own. Read from git, so a developer's untracked
/// files do not count; skipped where the tree is not a git checkout.
#[test]
fn the_top_level_holds_only_what_the_house_rules_name() {
    let Ok(out) = std::process::Command::new("git")
        .args(["ls-files", "--cached"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
    else {
        return;
    };
    if !out.status.success() {
        return;
    }
    let allowed = [
        "Cargo.toml",
        "Cargo.lock",
        "src",
        "static",
        "index.html",
        "Trunk.toml",
        "tests",
        "README.md",
        ".ci",
        "dev.sh",
        ".cargo",
        ".gitignore",
    ];
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    let top: BTreeSet<&str> = listed.lines().filter_map(|f| f.split('/').next()).collect();
    assert!(top.contains("src") && top.contains("README.md"), "{top:?}");
    let other: Vec<&&str> = top.iter().filter(|t| !allowed.contains(t)).collect();
    assert!(
        other.is_empty(),
        "top-level entries outside the house rules: {other:?}"
    );
}
