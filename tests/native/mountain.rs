//! The mountain in 3-D: the angles a drag or a key turns it to, the surface and the path's
//! heights, the text alternative, the toggle in the URL, and the course opening on it.

use crate::common::{clock, moons};
use plotters::prelude::*;
use stride::charts::landscape::{Backdrop, PathLayer};
use stride::charts::mountain::{self, Mountain, SIDE, View};
use stride::charts::{LIGHT, palette};
use stride::engine::plane::{Axis, Grid};
use stride::engine::valley::Valley;
use stride::state::lessons::course;
use stride::state::runs::session::Session;
use stride::state::scene::{SceneCache, Turn, describe};
use stride::state::{Action, Config, Key, Relief, Scene, parse_query, to_query};

use std::f64::consts::PI;

fn valley_mountain() -> (Valley, Mountain) {
    let valley = Valley::new(0, 1.0);
    let backdrop = Backdrop::new(valley.grid(), valley.min_loss, 12, ("w", "b"));
    let m = Mountain::new(&backdrop);
    (valley, m)
}

fn path_of(valley: &Valley, lr: f64) -> Vec<(f64, f64)> {
    valley
        .descend(lr, 100)
        .path
        .iter()
        .map(|&(w, b)| (f64::from(w), f64::from(b)))
        .collect()
}

#[test]
fn a_drag_turns_and_tilts_within_range() {
    let t = Turn::default();
    let v = t.view();
    assert!(v.pitch > Turn::PITCH_MIN && v.pitch < Turn::PITCH_MAX);
    let right = t.dragged(40.0, 0.0).view();
    assert!((right.yaw - (v.yaw + 40.0 * Turn::PER_PIXEL)).abs() < 1e-12);
    assert_eq!(right.pitch, v.pitch, "a level drag does not tilt");
    let down = t.dragged(0.0, 30.0).view();
    assert!(down.pitch > v.pitch && down.yaw == v.yaw);
    // However far the reader drags, the view stays above the horizon and short of overhead.
    assert_eq!(t.dragged(0.0, 1e6).view().pitch, Turn::PITCH_MAX);
    assert_eq!(t.dragged(0.0, -1e6).view().pitch, Turn::PITCH_MIN);
    // Turning round and round keeps the yaw in (−π, π] and lands where it should.
    let mut spun = t;
    for _ in 0..1000 {
        spun = spun.dragged(460.0, 0.0);
    }
    let yaw = spun.view().yaw;
    assert!(yaw > -PI && yaw <= PI, "{yaw}");
    assert!(
        (yaw - v.yaw).abs() < 1e-6,
        "1000 half turns are a whole number of turns"
    );
    // A pointer event with no coordinates must not blank the picture.
    assert_eq!(
        t.dragged(f64::NAN, f64::INFINITY),
        Turn::new(f64::NAN, f64::NAN)
    );
    assert_eq!(Turn::new(f64::NAN, f64::NAN), Turn::default());
}

#[test]
fn the_arrow_keys_turn_it_and_other_keys_are_left_alone() {
    let t = Turn::default();
    let v = t.view();
    let right = t.key("ArrowRight").expect("→ turns").view();
    assert!((right.yaw - v.yaw - Turn::KEY_YAW).abs() < 1e-12);
    let down = t.key("ArrowDown").expect("↓ tilts").view();
    assert!((down.pitch - v.pitch - Turn::KEY_PITCH).abs() < 1e-12);
    assert!(t.key("ArrowUp").expect("↑ tilts").view().pitch < v.pitch);
    let back = t
        .key("ArrowLeft")
        .and_then(|t| t.key("ArrowRight"))
        .expect("turns");
    assert!((back.view().yaw - v.yaw).abs() < 1e-12);
    for other in ["a", "Enter", " ", "Tab", "PageDown"] {
        assert_eq!(t.key(other), None, "{other} is the browser's");
    }
}

#[test]
fn the_surface_is_sampled_and_reads_the_grid_back() {
    let (valley, m) = valley_mountain();
    let grid = valley.grid();
    let (nx, nz) = m.samples();
    assert!(nx <= SIDE && nz <= SIDE && nx >= 2 && nz >= 2);
    // At the grid's own points the loss is the grid's value; between them it lies between
    // its neighbours'.
    for (i, j) in [(0, 0), (5, 9), (grid.x.len - 1, grid.y.len - 1)] {
        let p = (grid.x.at(i), grid.y.at(j));
        let v = m.loss_at(p).expect("on the grid");
        assert!((v - grid.value(i, j)).abs() <= 1e-9 * v.abs().max(1.0));
    }
    let mid = (
        (grid.x.at(3) + grid.x.at(4)) / 2.0,
        (grid.y.at(7) + grid.y.at(8)) / 2.0,
    );
    let corners = [(3, 7), (4, 7), (3, 8), (4, 8)].map(|(i, j)| grid.value(i, j));
    let v = m.loss_at(mid).expect("on the grid");
    let (lo, hi) = corners
        .iter()
        .fold((f64::MAX, f64::MIN), |(l, h), &c| (l.min(c), h.max(c)));
    assert!(v >= lo && v <= hi);
    assert_eq!(
        m.loss_at((grid.x.max + 1.0, grid.y.min)),
        None,
        "off the map"
    );
    // Heights follow the loss, and an infinite loss is drawn at the top, not off the chart.
    let (h0, h1) = m.range();
    assert!(m.height(valley.min_loss) <= m.height(1.0) && m.height(1.0) < m.height(10.0));
    assert_eq!(m.height(f64::INFINITY), h1);
    assert_eq!(m.height(f64::NAN), h0);
}

fn svg_of(m: &Mountain, view: View, path: Vec<(f64, f64)>) -> (String, String) {
    let (mut surface, mut walk) = (String::new(), String::new());
    {
        let area = SVGBackend::with_string(&mut surface, (460, 460)).into_drawing_area();
        mountain::draw_surface(&area, m, view, &LIGHT).expect("draws");
    }
    {
        let area = SVGBackend::with_string(&mut walk, (460, 460)).into_drawing_area();
        let layer = PathLayer {
            path,
            color: palette::ORANGE,
            ghost: false,
        };
        mountain::draw_walk(&area, m, view, (&[layer], None, Some(3)), &LIGHT).expect("draws");
    }
    (surface, walk)
}

fn polygons(svg: &str) -> usize {
    svg.matches("<polygon").count()
}

/// The polygons drawn without a surface: the axes' back panels.
fn panels() -> usize {
    let axis = Axis {
        min: 0.0,
        max: 1.0,
        len: 3,
    };
    let none = Grid {
        x: axis,
        y: axis,
        values: vec![f64::NAN; 9],
    };
    let m = Mountain::new(&Backdrop::new(none, 0.0, 4, ("a", "b")));
    polygons(&svg_of(&m, Turn::default().view(), vec![]).0)
}

#[test]
fn the_surface_draws_a_cell_per_sample_and_turning_moves_it() {
    let (valley, m) = valley_mountain();
    let (nx, nz) = m.samples();
    let path = path_of(&valley, 0.2);
    let (a, walk) = svg_of(&m, Turn::default().view(), path.clone());
    assert_eq!(polygons(&a) - panels(), (nx - 1) * (nz - 1));
    assert!(walk.contains("<polyline"), "the path is drawn");
    assert!(
        walk.matches("<circle").count() >= 3,
        "start, walker, cursor"
    );
    // While dragged, every other sample: a quarter of the cells, over the same ground.
    let (coarse, _) = svg_of(&m, Turn::default().turning(), vec![]);
    assert_eq!(
        polygons(&coarse) - panels(),
        (nx - 1).div_ceil(2) * (nz - 1).div_ceil(2)
    );
    let turned = Turn::default().key("ArrowRight").expect("turns").view();
    let (b, walk_b) = svg_of(&m, turned, path);
    assert_ne!(a, b, "turning changes the drawing");
    assert_ne!(walk, walk_b, "and the path moves with the surface");
}

#[test]
fn a_grid_with_holes_and_overflows_still_draws() {
    let axis = Axis {
        min: -1.0,
        max: 1.0,
        len: 10,
    };
    let mut values: Vec<f64> = (0..100).map(|k| k as f64).collect();
    values[..10].fill(f64::NAN); // a row not computed yet
    values[50] = f64::INFINITY;
    values[51] = f64::MAX;
    let grid = Grid {
        x: axis,
        y: axis,
        values,
    };
    let m = Mountain::new(&Backdrop::new(grid, 0.0, 8, ("a", "b")));
    let (h0, h1) = m.range();
    assert!(h0.is_finite() && h1.is_finite() && h1 > h0);
    let (svg, _) = svg_of(
        &m,
        Turn::default().view(),
        vec![(0.0, 0.0), (1e300, -1e300)],
    );
    assert_eq!(
        polygons(&svg) - panels(),
        9 * 8,
        "the missing row's cells left out, the overflow drawn"
    );
    assert!(!svg.contains("NaN"));
    let empty = Grid {
        x: axis,
        y: axis,
        values: vec![f64::NAN; 100],
    };
    let m = Mountain::new(&Backdrop::new(empty, 0.0, 8, ("a", "b")));
    let (svg, walk) = svg_of(&m, Turn::default().view(), vec![]);
    assert_eq!(polygons(&svg), panels());
    assert!(!walk.contains("NaN") && !svg.contains("NaN"));
}

#[test]
fn the_text_says_where_the_walker_went() {
    let (valley, m) = valley_mountain();
    let names = ("w", "b");
    assert!(describe(&[], &m, None, None, 0, names).contains("No path yet"));
    let down = path_of(&valley, 0.2);
    let text = describe(&down, &m, None, None, 100, names);
    assert!(text.contains("went downhill"), "{text}");
    assert!(text.contains("By iteration 100"), "{text}");
    let start = m.loss_at(down[0]).expect("on the map");
    let end = m
        .loss_at(*down.last().expect("points"))
        .expect("on the map");
    assert!(end < start);
    assert!(text.contains(&stride::charts::fmt_tick(start)), "{text}");
    assert!(text.contains(&stride::charts::fmt_tick(end)), "{text}");
    // The run's own losses, where given, are the heights said.
    let said = describe(&down, &m, Some((6.031, 0.0102)), None, 100, names);
    assert!(
        said.contains("height of 6.03") && said.contains("0.0102"),
        "{said}"
    );
    // The same path backwards climbs.
    let up: Vec<(f64, f64)> = down.iter().rev().copied().collect();
    assert!(describe(&up, &m, None, None, 100, names).contains("it climbed"));
    // A diverging run: the loss blows up and the walker leaves the map.
    let run = valley.descend(0.55, 100);
    let high: Vec<(f64, f64)> = run
        .path
        .iter()
        .map(|&(w, b)| (f64::from(w), f64::from(b)))
        .collect();
    let text = describe(&high, &m, None, Some(19), 20, names);
    assert!(text.contains("blew up at iteration 20"), "{text}");
    assert!(
        text.contains("diverged") && text.contains("left the map"),
        "{text}"
    );
    // A path that has not moved says so.
    assert!(describe(&down[..1], &m, None, None, 0, names).contains("not moved"));
}

#[test]
fn the_view_is_a_page_setting_in_the_url() {
    let (config, notices) = parse_query("view=3d&lr0=0.3");
    assert!(notices.is_empty());
    assert_eq!(config.view, Relief::Mountain);
    assert!(to_query(&config).contains("view=3d"));
    assert!(
        !to_query(&Config::default()).contains("view="),
        "2d is the default"
    );
    let (hostile, notices) = parse_query("view=4d");
    assert_eq!(
        hostile.view,
        Relief::Map,
        "an unknown view falls back to the map"
    );
    assert!(!notices.is_empty(), "and says so");
    // Switching the view is not a new run: nothing is trained again.
    let three = Config::default().apply(Action::Set(Key::View, "3d".into()));
    assert_eq!(three.view, Relief::Mountain);
    assert!(three.same_runs(&Config::default()));
}

#[test]
fn the_course_opens_on_the_mountain_and_keeps_the_view_the_teacher_chose() {
    let first = Config::default().apply(course::go(1).expect("step 1"));
    assert_eq!((first.view, first.course), (Relief::Mountain, 1));
    // Next and Back keep the mountain the course opened in, every step of the way.
    let mut c = first.clone();
    while let Some(next) = course::next(&c) {
        c = c.apply(next);
        assert_eq!(
            c.view,
            Relief::Mountain,
            "step {} left the 3-D view",
            c.course
        );
        assert!(to_query(&c).contains("view=3d"), "the step's link says it");
        assert_eq!(
            course::open(parse_query(&to_query(&c)).0),
            c,
            "and opens it"
        );
    }
    // Switched to the map, the course stays on the map, Back to step 1 included, until the
    // teacher switches again.
    let mut c = first.apply(Action::Set(Key::View, "2d".into()));
    for _ in 0..4 {
        c = c.apply(course::next(&c).expect("a next step"));
        assert_eq!(c.view, Relief::Map, "step {}", c.course);
    }
    while let Some(back) = course::back(&c) {
        c = c.apply(back);
        assert_eq!(c.view, Relief::Map, "step {}", c.course);
    }
    let c = c.apply(Action::Set(Key::View, "3d".into()));
    assert_eq!(
        c.apply(course::next(&c).expect("step 2")).view,
        Relief::Mountain
    );
    // `course=1` alone opens on the mountain; `course=5` alone in the lesson's view, and with
    // `view=3d` on the mountain.
    let open = |q: &str| course::open(parse_query(q).0);
    assert_eq!(open("course=1").view, Relief::Mountain);
    assert_eq!(open("course=5").view, Relief::Map);
    assert_eq!(open("course=5&view=3d").view, Relief::Mountain);
    // Entering the course from the plain page: the step's own view, unless it was on the
    // mountain already. A lesson from the menu leaves the course and takes its own.
    assert_eq!(
        Config::default().apply(course::go(5).expect("5")).view,
        Relief::Map
    );
    let three = Config::default().apply(Action::Set(Key::View, "3d".into()));
    assert_eq!(
        three.apply(course::go(5).expect("5")).view,
        Relief::Mountain
    );
    let lesson = course::lesson(1).expect("a lesson");
    assert_eq!(lesson.config().view, Relief::Map);
    assert_eq!(first.apply(Action::Preset(Some(lesson))).view, Relief::Map);
}

#[test]
fn the_scene_carries_the_surface_and_its_words_only_in_3d() {
    let three = Config::default().apply(Action::Set(Key::View, "3d".into()));
    let mut s = Session::for_config(&three);
    s.show_all();
    let mut cache = SceneCache::default();
    let scene = Scene::build(&s, &mut cache, 0.0);
    let m = scene.landscape.mountain.clone().expect("a surface");
    assert!(
        scene.landscape.walk.contains("went downhill"),
        "{}",
        scene.landscape.walk
    );
    assert!(
        scene.landscape.caption.contains("as height"),
        "{}",
        scene.landscape.caption
    );
    // Its heights are the run's own losses, as the loss chart shows them.
    let first = s.slots[0].run.records_upto(100)[0].loss;
    let said = stride::charts::fmt_tick(f64::from(first));
    assert!(
        scene.landscape.walk.contains(&said),
        "{said}: {}",
        scene.landscape.walk
    );
    // Built once per landscape: the next frame reuses it.
    let again = Scene::build(&s, &mut cache, 1.0);
    assert!(std::rc::Rc::ptr_eq(
        &m,
        &again.landscape.mountain.expect("kept")
    ));
    let mut flat = Session::for_config(&Config::default());
    flat.show_all();
    let scene = Scene::build(&flat, &mut SceneCache::default(), 0.0);
    assert!(scene.landscape.mountain.is_none() && scene.landscape.walk.is_empty());
    assert!(
        !scene.landscape.caption.contains("height"),
        "{}",
        scene.landscape.caption
    );
}

#[test]
fn a_network_gets_its_pca_plane_as_a_mountain() {
    let config = Config {
        view: Relief::Mountain,
        ..moons()
    };
    let mut s = Session::for_config(&config);
    s.landscape.fill(f64::INFINITY, &clock());
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    while s.landscape.filling() {
        s.landscape.fill(f64::INFINITY, &clock());
    }
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let m = scene.landscape.mountain.expect("a surface");
    let (nx, nz) = m.samples();
    assert!(nx >= 2 && nz >= 2);
    assert!(
        scene.landscape.walk.contains("PC1"),
        "{}",
        scene.landscape.walk
    );
    assert!(scene.landscape.walk.contains("By iteration"));
}

/// The text elements of an SVG as boxes: (text, left, top, right, bottom), sized generously
/// (0.6 em a character), placed by their anchor and baseline.
fn text_boxes(svg: &str) -> Vec<(String, f64, f64, f64, f64)> {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[at..].split('"').next()?.to_string())
    };
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let (tag, rest) = t.split_once('>')?;
            let text = rest.split("</text>").next()?.trim().to_string();
            let (x, y): (f64, f64) = (attr(tag, "x")?.parse().ok()?, attr(tag, "y")?.parse().ok()?);
            let size: f64 = attr(tag, "font-size")?.parse().ok()?;
            let w = 0.6 * size * text.chars().count() as f64;
            let left = match attr(tag, "text-anchor").as_deref() {
                Some("middle") => x - w / 2.0,
                Some("end") => x - w,
                _ => x,
            };
            // plotters places text by its dy: "0.76em" hangs it from y, "0.5ex" centres it on y.
            let top = match attr(tag, "dy").as_deref() {
                Some("0.76em") => y,
                Some("0.5ex") => y - size / 2.0,
                _ => y - size,
            };
            Some((text, left, top, left + w, top + size))
        })
        .collect()
}

/// The names of the floor's axes never sit on a tick label, at any turn, on a phone's canvas
/// or a laptop's: placed in the plot's units, "b (intercept)" sat on its own "0" on a phone.
#[test]
fn the_axis_names_keep_clear_of_the_tick_labels() {
    // The line's names, and a network's: random directions while it trains, the path's
    // principal directions after ("random direction 1random direction 2" ran together on a
    // phone).
    for (w, b, forms) in [
        ("w (slope)", "b (intercept)", &["w", "b"][..]),
        (
            "random direction 1",
            "random direction 2",
            &["dir 1", "dir 2"][..],
        ),
        (
            "PC1 (86 % of the path)",
            "PC2 (12 % of the path)",
            &["PC1", "PC2"][..],
        ),
    ] {
        names_keep_clear(w, b, forms);
    }
}

fn names_keep_clear(w: &str, b: &str, forms: &[&str]) {
    let valley = Valley::new(0, 1.0);
    let m = Mountain::new(&Backdrop::new(valley.grid(), valley.min_loss, 12, (w, b)));
    for side in [240u32, 300, 460] {
        for (k, pitch) in (0..12).flat_map(|k| {
            [
                Turn::PITCH_MIN,
                Turn::default().view().pitch,
                Turn::PITCH_MAX,
            ]
            .map(|p| (k, p))
        }) {
            let view = View {
                yaw: f64::from(k) * PI / 6.0,
                pitch,
                coarse: false,
            };
            let mut svg = String::new();
            let labels = {
                let area = SVGBackend::with_string(&mut svg, (side, side)).into_drawing_area();
                mountain::draw_surface(&area, &m, view, &LIGHT).expect("draws");
                mountain::floor_labels(&area, &m, view)
            };
            let boxes = text_boxes(&svg);
            // Each floor axis long enough on screen has at least two numbers, even on a phone
            // (b read "0" alone): b's range, −4.7 to 2.7, holds −4 and −2, which w's, −1.3 to
            // 5.7, does not. One seen end-on has none.
            let b_only = boxes
                .iter()
                .filter(|t| ["-4", "-2", "−4", "−2"].contains(&t.0.as_str()))
                .count();
            assert_eq!(
                b_only >= 1,
                labels.1 >= 2,
                "side {side}: {labels:?} {boxes:?}"
            );
            assert!(
                labels.0 >= 2 || labels.1 >= 2,
                "one floor axis is always read"
            );
            // No two labels overlap: an axis seen nearly end-on piled its numbers over the
            // height axis's (a student read "0" just above "0.477" on a phone).
            for (i, t) in boxes.iter().enumerate() {
                for u in &boxes[i + 1..] {
                    let clear = t.3 <= u.1 || u.3 <= t.1 || t.4 <= u.2 || u.4 <= t.2;
                    assert!(
                        clear,
                        "side {side}, yaw {k}·30°, pitch {pitch}: {t:?} overlaps {u:?}"
                    );
                }
            }
            // A name that does not fit beside its axis is shortened to its letter.
            let is_name = |t: &str| t == w || t == b || forms.contains(&t);
            let names: Vec<_> = boxes.iter().filter(|t| is_name(&t.0)).collect();
            // Both named, but for an axis seen end on, without its numbers, where no form fits.
            assert!(
                names.len() == 2 || (names.len() == 1 && labels.0.min(labels.1) < 2),
                "side {side}, yaw {k}·30°, pitch {pitch}: {labels:?} {boxes:?}"
            );
            // An axis without numbers, seen end on, is not named: its name alone floated by the
            // height's numbers (a student found "w" with no ticks on a phone).
            let named = |full: &str, short: &str| names.iter().any(|t| t.0 == full || t.0 == short);
            assert!(
                (labels.0 > 0 || !named(w, forms[0])) && (labels.1 > 0 || !named(b, forms[1])),
                "side {side}, yaw {k}·30°, pitch {pitch}: {labels:?} {names:?}"
            );
            for n in &names {
                assert!(
                    n.1 >= 0.0 && n.3 <= f64::from(side) && n.2 >= 0.0 && n.4 <= f64::from(side),
                    "{n:?} inside the {side}-pixel canvas"
                );
                for t in boxes
                    .iter()
                    .filter(|t| !is_name(&t.0) && !t.0.starts_with("height"))
                {
                    let clear = n.3 <= t.1 || t.3 <= n.1 || n.4 <= t.2 || t.4 <= n.2;
                    assert!(
                        clear,
                        "side {side}, yaw {k}·30°, pitch {pitch}: {n:?} overlaps {t:?}"
                    );
                }
            }
        }
    }
}

/// A walker whose path left the map, as a diverging run's does, rests on the map's edge: the
/// caption says its loss went on past the top; a walker still on the map gets no such words.
#[test]
fn a_walker_that_left_the_map_says_so() {
    let (valley, m) = valley_mountain();
    assert!(mountain::left_map(&m, &path_of(&valley, 0.6)));
    assert!(!mountain::left_map(&m, &path_of(&valley, 0.1)));
    let caption = |lr0: f64| {
        let mut s = Session::for_config(&Config {
            lr0,
            view: Relief::Mountain,
            ..Config::default()
        });
        s.show_all();
        Scene::build(&s, &mut SceneCache::default(), 0.0)
            .landscape
            .caption
    };
    assert!(
        caption(0.6).contains("The walker left the map"),
        "{}",
        caption(0.6)
    );
    assert!(!caption(0.1).contains("left the map"), "{}", caption(0.1));
    // The chart says it beside the walker too: the caption was out of view on a laptop.
    let said = |lr0: f64| {
        svg_of(&m, Turn::default().view(), path_of(&valley, lr0))
            .1
            .contains("left the map")
    };
    assert!(said(0.6) && !said(0.1));
}
