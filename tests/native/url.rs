//! The URL as a view of the settings: round trips, clamping, hostile input, presets, and the
//! reducer.

use rand::{RngExt, SeedableRng};
use stride::engine::data::Toy;
use stride::state::settings::config::{LR_MAX, LR_MIN, SHIFT_MAX};
use stride::state::settings::params::Field;
use stride::state::{
    Action, Config, DecayKind, Key, OptKind, PARAMS, Preset, Task, Theme, parse_query, to_query,
};

fn valid(c: &Config) -> bool {
    c.lr0.is_finite()
        && (LR_MIN..=LR_MAX).contains(&c.lr0)
        && (0.0..=SHIFT_MAX).contains(&c.shift)
        && (1..=500).contains(&c.epochs)
        && (1..=2048).contains(&c.batch)
        && (0.0..=1.0).contains(&c.noise)
}

#[test]
fn defaults_give_a_clean_url_and_a_clean_url_gives_defaults() {
    assert_eq!(to_query(&Config::default()), "");
    assert_eq!(parse_query(""), (Config::default(), vec![]));
    assert_eq!(parse_query("?"), (Config::default(), vec![]));
}

#[test]
fn every_setting_round_trips_through_the_url() {
    let configs = [
        Config {
            lr0: 3e-4,
            seed: 42,
            shift: 0.0,
            ..Config::default()
        },
        Config {
            task: Task::Toy(Toy::Spirals),
            lr0: 0.449,
            seed: u64::MAX,
            epochs: 77,
            batch: 8,
            warmup_epochs: 2.5,
            warmup_bias_lr: 0.05,
            warmup_momentum: 0.5,
            decay: DecayKind::Step,
            step_every: 7,
            step_factor: 0.3,
            gamma: 0.9,
            optimizer: OptKind::AdamW,
            momentum: 0.85,
            nesterov: true,
            weight_decay: 5e-4,
            nbs: 32,
            clip: true,
            noise: 0.25,
            random_dirs: true,
            compare: true,
            compare_lrs: vec![1e-3, 0.05, 2.0],
            embed: true,
            hide: vec![Key::Lr0, Key::Seed],
            theme: Theme::Dark,
            ..Config::default()
        },
        Config {
            preset: Some(Preset::Warmup),
            lr0: 0.123,
            ..Preset::Warmup.config()
        },
    ];
    for config in configs {
        let query = to_query(&config);
        let (back, notices) = parse_query(&format!("?{query}"));
        assert_eq!(back, config, "via {query}");
        assert!(notices.is_empty(), "{notices:?}");
    }
}

#[test]
fn only_values_that_differ_are_written() {
    let config = Config {
        lr0: 0.02,
        ..Config::default()
    };
    assert_eq!(to_query(&config), "lr0=0.02");
    // With a preset, the URL is the preset plus what differs from it.
    let lesson = Config {
        lr0: 0.7,
        ..Preset::TooHigh.config()
    };
    assert_eq!(to_query(&lesson), "preset=too-high&lr0=0.7");
}

#[test]
fn a_preset_applies_first_and_later_parameters_override_it() {
    let (c, n) = parse_query("lr0=0.05&preset=warmup");
    assert!(n.is_empty());
    assert_eq!(c.task, Task::Digits);
    assert_eq!(c.lr0, 0.05);
    assert_eq!(c.preset, Some(Preset::Warmup));
    let (c, n) = parse_query("preset=nope");
    assert_eq!(c, Config::default());
    assert_eq!(n.len(), 1);
    assert!(n[0].message.contains("too-high"), "{}", n[0].message);
}

/// A task with its own defaults (spirals): `?task=spirals` alone opens them, the URL leaves
/// out what equals them and writes what the learner changed, even back to the common value.
#[test]
fn a_task_brings_its_own_defaults_to_the_url() {
    let spirals = Config::for_task(Task::Toy(Toy::Spirals));
    assert_ne!(
        Config {
            task: Task::Line,
            ..spirals.clone()
        },
        Config::default(),
        "spirals have defaults of their own"
    );
    assert_eq!(parse_query("task=spirals"), (spirals.clone(), vec![]));
    assert_eq!(
        parse_query("task=SPIRALS&task=moons&task=spirals").0,
        spirals
    );
    assert_eq!(to_query(&spirals), "task=spirals");
    let common_batch = Config {
        batch: Config::default().batch,
        ..spirals.clone()
    };
    let query = to_query(&common_batch);
    assert_eq!(query, "task=spirals&batch=256");
    assert_eq!(parse_query(&query).0, common_batch);
    // The other tasks keep the common defaults.
    for task in Task::ALL
        .into_iter()
        .filter(|t| *t != Task::Toy(Toy::Spirals))
    {
        let c = Config::for_task(task);
        assert_eq!(
            Config {
                task: Task::Line,
                ..c.clone()
            },
            Config::default()
        );
        assert_eq!(parse_query(&format!("task={}", task.name())).0, c);
    }
    // A lesson's settings stay the lesson's, whatever its task.
    let (c, _) = parse_query("preset=too-high&task=spirals");
    assert_eq!(
        c,
        Config {
            task: Task::Toy(Toy::Spirals),
            ..Preset::TooHigh.config()
        }
    );
}

/// Picking a task from the menu moves the settings still at the old task's defaults to the new
/// one's, and leaves what the learner set.
#[test]
fn picking_a_task_brings_its_defaults_and_keeps_the_learners_own() {
    let pick = |c: &Config, task: &str| c.apply(Action::Set(Key::Task, task.into()));
    let spirals = Config::for_task(Task::Toy(Toy::Spirals));
    let moons = Config::for_task(Task::Toy(Toy::Moons));
    assert_eq!(pick(&Config::default(), "spirals"), spirals);
    assert_eq!(pick(&spirals, "moons"), moons);
    assert_eq!(pick(&pick(&moons, "spirals"), "line"), Config::default());
    // Epochs and lr0 set by the learner stay through both changes; the rest follows the task.
    let own = Config {
        epochs: 300,
        lr0: 0.02,
        ..Config::default()
    };
    let there = pick(&own, "spirals");
    assert_eq!(
        there,
        Config {
            epochs: 300,
            lr0: 0.02,
            ..spirals.clone()
        }
    );
    assert_eq!(
        pick(&there, "moons"),
        Config {
            task: Task::Toy(Toy::Moons),
            ..own
        }
    );
    // A setting the learner moved off spirals' default stays off it.
    let batch_32 = Config {
        batch: 32,
        ..spirals
    };
    assert_eq!(pick(&batch_32, "circles").batch, 32);
    assert_eq!(pick(&batch_32, "circles").nbs, Config::default().nbs);
}

/// Picking a task says what else it changed, each setting with its old and new value as the
/// settings now hold them (a student found lr0 and momentum changed on picking spirals with
/// nothing said); a pick that changes nothing else, and any other change, says nothing.
#[test]
fn picking_a_task_says_which_settings_it_moved() {
    let pick = |c: &Config, task: &str| c.apply(Action::Set(Key::Task, task.into()));
    let said = |from: &Config, to: &Config| from.retasked(to).map(|n| n.message);
    let line = Config::default();
    let spirals = pick(&line, "spirals");
    let message = said(&line, &spirals).expect("a notice");
    assert!(
        message.starts_with(
            "MLP on two spirals starts from its own settings wherever you had not changed them: "
        ),
        "{message}"
    );
    // Every setting it names moved as it says, and every one that moved is named.
    for key in [Key::Lr0, Key::Batch, Key::Nbs, Key::Momentum, Key::Noise] {
        let p = key.param();
        assert_ne!(p.write(&line), p.write(&spirals), "{}", key.name());
        let part = format!(
            "{} {} (was {})",
            key.name(),
            p.write(&spirals),
            p.write(&line)
        );
        assert!(message.contains(&part), "{part} in {message}");
    }
    assert_eq!(message.matches(" (was ").count(), 5, "{message}");
    // A setting the learner changed stays, and is not named.
    let own = Config {
        lr0: 0.02,
        ..line.clone()
    };
    let there = pick(&own, "spirals");
    assert_eq!(there.lr0, 0.02);
    let message = said(&own, &there).expect("a notice");
    assert!(!message.contains("lr0"), "{message}");
    // Back again, the same settings the other way.
    let back = said(&spirals, &pick(&spirals, "moons")).expect("a notice");
    assert!(back.contains("momentum 0 (was 0.9)"), "{back}");
    // Nothing else moved, or not a pick from the menu: no notice.
    assert_eq!(said(&line, &pick(&line, "moons")), None);
    let loaded = line.apply(Action::Load(Box::new(Config {
        lr0: 0.3,
        ..spirals.clone()
    })));
    assert_eq!(said(&line, &loaded), None, "a file's settings are its own");
    let lesson = line.apply(Action::Preset(Some(stride::state::Preset::ALL[0])));
    assert_eq!(said(&line, &lesson), None);
}

#[test]
fn out_of_range_values_take_the_nearest_valid_value_with_a_notice() {
    let (c, n) = parse_query("lr0=50&shift=-2&epochs=0&batch=99999");
    assert_eq!((c.lr0, c.shift, c.epochs, c.batch), (LR_MAX, 0.0, 1, 2048));
    assert_eq!(n.len(), 4);
    assert!(
        n[0].message.contains("largest") && n[0].message.contains("10"),
        "{}",
        n[0].message
    );
    assert!(n[1].message.contains("smallest"), "{}", n[1].message);
    let (c, n) = parse_query("lr0=1e-9");
    assert_eq!(c.lr0, LR_MIN);
    assert_eq!(n[0].param, "lr0");
}

#[test]
fn malformed_and_non_finite_values_keep_the_default_with_a_notice() {
    let default = Config::default();
    // "1e309" parses as +∞, which is not finite either.
    for raw in [
        "abc", "NaN", "inf", "-inf", "1e309", "", "0x10", "1,5,0", "%00", "１",
    ] {
        let (c, n) = parse_query(&format!("lr0={raw}"));
        assert!(valid(&c), "{raw}: {c:?}");
        assert_eq!(c.lr0, default.lr0, "{raw}");
        assert_eq!(n.len(), 1, "{raw}: {n:?}");
        assert!(
            n[0].message.contains(&format!("using {}", default.lr0)),
            "{}",
            n[0].message
        );
    }
    for raw in ["-5", "1.5", "99999999999999999999999", "seven", ""] {
        let (c, n) = parse_query(&format!("seed={raw}"));
        assert_eq!(c.seed, default.seed, "{raw}");
        assert_eq!(n.len(), 1, "{raw}");
        assert!(n[0].message.contains("whole number"), "{}", n[0].message);
    }
    for (key, raw) in [
        ("task", "mnist"),
        ("optimizer", "lion"),
        ("decay", "poly"),
        ("compare", "maybe"),
    ] {
        let (c, n) = parse_query(&format!("{key}={raw}"));
        assert_eq!(c, default, "{key}={raw}");
        assert_eq!(n.len(), 1, "{key}={raw}");
    }
}

#[test]
fn choices_and_flags_accept_common_spellings() {
    let (c, n) = parse_query("optimizer=adamw&task=Digits&compare=true&nesterov=0&embed");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!(
        (c.optimizer, c.task, c.compare, c.nesterov, c.embed),
        (OptKind::AdamW, Task::Digits, true, false, true)
    );
}

#[test]
fn hide_keeps_known_controls_and_reports_the_rest() {
    let (c, n) = parse_query("hide=lr0,%20seed,,bogus");
    assert_eq!(c.hide, [Key::Lr0, Key::Seed]);
    assert!(c.hides(Key::Seed) && !c.hides(Key::Batch));
    assert_eq!(n.len(), 1);
    assert!(n[0].message.contains("bogus"));
}

#[test]
fn encoded_values_are_decoded_and_whitespace_is_ignored() {
    let (c, n) = parse_query("lr0=%201e-3%20&seed=+7");
    assert_eq!(c.lr0, 1e-3);
    assert_eq!(c.seed, 7);
    assert!(n.is_empty(), "{n:?}");
}

#[test]
fn unknown_parameters_are_reported_and_the_last_repeat_wins() {
    let (c, n) = parse_query("foo=1&lr0=0.5&lr0=0.2&&=&x");
    assert_eq!(c.lr0, 0.2);
    let unknown: Vec<_> = n.iter().map(|n| n.param.as_str()).collect();
    assert_eq!(unknown, ["foo", "x"]);
    let (c, n) = parse_query("lr0=abc&lr0=0.3");
    assert_eq!(c.lr0, 0.3);
    assert!(n.is_empty());
}

#[test]
fn notices_quote_hostile_input_shortened() {
    let long = "9".repeat(5000);
    let (c, n) = parse_query(&format!("lr0={long}&<script>=1&task=<img src=x>"));
    assert!(valid(&c));
    assert!(n.iter().all(|n| n.message.chars().count() < 240), "{n:?}");
}

#[test]
fn random_garbage_never_panics_and_always_gives_valid_settings() {
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(99);
    let keys: Vec<&str> = PARAMS.iter().map(|p| p.name).collect();
    let alphabet: Vec<char> = "=&?%+-.eE0123456789abcxyz,;#\u{0}é∞ ".chars().collect();
    for _ in 0..5000 {
        let mut query = String::new();
        for _ in 0..rng.random_range(0..6) {
            query.push_str(keys[rng.random_range(0..keys.len())]);
            query.push('=');
            for _ in 0..rng.random_range(0..12) {
                query.push(alphabet[rng.random_range(0..alphabet.len())]);
            }
            query.push('&');
        }
        let (c, _) = parse_query(&query);
        assert!(valid(&c), "{query:?} gave {c:?}");
        let (again, n) = parse_query(&to_query(&c));
        assert_eq!(again, c, "{query:?}");
        assert!(n.is_empty());
    }
}

#[test]
fn the_table_has_distinct_names_help_and_sane_ranges() {
    let mut names: Vec<_> = PARAMS.iter().map(|p| p.name).collect();
    assert!(PARAMS.iter().all(|p| !p.help.is_empty()));
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), PARAMS.len());
    for p in PARAMS {
        if let Field::Number { min, max, get, .. } = p.field {
            let d = get(&Config::default());
            assert!(min < max && (min..=max).contains(&d), "{}", p.name);
        }
    }
}

#[test]
fn the_reducer_clamps_rejects_and_resets() {
    let c = Config::default();
    assert_eq!(c.apply(Action::SetLr(100.0)).lr0, LR_MAX);
    assert_eq!(c.apply(Action::SetLr(0.0)).lr0, LR_MIN);
    assert_eq!(c.apply(Action::SetLr(f64::NAN)), c);
    assert_eq!(
        c.apply(Action::Set(Key::Shift, "9".into())).shift,
        SHIFT_MAX
    );
    assert_eq!(c.apply(Action::Set(Key::Shift, "inf".into())), c);
    assert_eq!(
        c.apply(Action::Set(Key::Optimizer, "Adam".into()))
            .optimizer,
        OptKind::Adam
    );
    assert_eq!(c.apply(Action::Set(Key::Optimizer, "lion".into())), c);
    let embedded = Config {
        embed: true,
        hide: vec![Key::Seed],
        lr0: 5.0,
        ..c.clone()
    };
    let lesson = embedded.apply(Action::Preset(Some(Preset::StepDecay)));
    assert_eq!(lesson.decay, DecayKind::Step);
    assert!(
        lesson.embed && lesson.hides(Key::Seed),
        "embedding survives a lesson"
    );
    let reset = lesson.apply(Action::Reset);
    assert_eq!(
        Config {
            embed: false,
            hide: vec![],
            ..reset.clone()
        },
        Config::default()
    );
    assert!(reset.embed);
}

#[test]
fn only_lr0_can_change_without_new_runs() {
    let c = Config::default();
    assert!(c.same_runs(&c.apply(Action::SetLr(0.3))));
    assert!(c.same_runs(&Config {
        embed: true,
        ..c.clone()
    }));
    assert!(!c.same_runs(&c.apply(Action::Set(Key::Batch, "32".into()))));
    assert!(!c.same_runs(&c.apply(Action::Set(Key::WarmupEpochs, "2".into()))));
}

#[test]
fn every_preset_has_a_title_a_lesson_and_a_round_trip() {
    for p in Preset::ALL {
        assert_eq!(Preset::parse(p.name()), Some(p));
        assert!(!p.title().is_empty() && p.claim().len() > 40 && p.lesson().len() > 40);
        let c = p.config();
        assert_eq!(to_query(&c), format!("preset={}", p.name()));
        assert_eq!(parse_query(&to_query(&c)).0, c);
    }
}

#[test]
fn compare_rates_are_read_clamped_and_reported() {
    let (c, n) = parse_query("compare=1&lrs=0.001,0.1");
    assert!(n.is_empty());
    assert_eq!(c.compare_lrs, [0.001, 0.1]);
    assert_eq!(stride::state::plan::compare_rates(&c), [0.001, 0.1]);
    let (c, n) = parse_query("compare=1&lrs=50,abc,0.1,0.2,0.3");
    assert_eq!(
        c.compare_lrs,
        [10.0, 0.1, 0.2],
        "clamped, bad parts dropped, at most three"
    );
    assert_eq!(n.len(), 1);
    assert!(n[0].message.contains("up to 3 numbers"), "{}", n[0].message);
    // One rate is not a comparison: the default triple is used.
    let (c, _) = parse_query("compare=1&lrs=0.5");
    assert_eq!(stride::state::plan::compare_rates(&c), [0.01, 0.1, 1.0]);
    // Rates in a link are a comparison asked for, unless the link turns it off (a teacher's
    // lrs without compare=1 showed lr0 alone).
    let (c, n) = parse_query("lrs=0.004,0.2,0.55");
    assert!(n.is_empty() && c.compare, "{n:?}");
    assert_eq!(stride::state::plan::compare_rates(&c), [0.004, 0.2, 0.55]);
    assert_eq!(
        parse_query(&stride::state::to_query(&c)).0,
        c,
        "it round-trips"
    );
    let (c, _) = parse_query("compare=0&lrs=0.004,0.2,0.55");
    assert!(!c.compare);
    // Ticked off after typing rates: the address keeps it off.
    assert_eq!(
        parse_query(&stride::state::to_query(&c)).0,
        c,
        "compare off round-trips"
    );
    assert!(
        !parse_query("lrs=0.5").0.compare,
        "one rate compares nothing"
    );
}

/// The rates box as a student used it: four rates typed are cut to the first three, as the
/// notice says, not dropped without a word; the box then says which rates run and which the
/// read-outs follow, and that lr0 in its own box is not run; one rate says why it does nothing.
#[test]
fn the_rates_box_says_what_runs_and_takes_what_its_notice_says() {
    use stride::state::plan::{lrs_note, slots};
    let c = Config {
        compare: true,
        ..Config::default()
    };
    let typed = "0.004, 0.2, 0.35, 0.55";
    let notice = Key::Lrs
        .param()
        .read(&mut c.clone(), typed)
        .expect("a notice");
    assert!(
        notice.message.ends_with("using 0.004, 0.2, 0.35."),
        "{}",
        notice.message
    );
    let next = c.apply(Action::Set(Key::Lrs, typed.into()));
    assert_eq!(next.compare_lrs, [0.004, 0.2, 0.35], "what the notice said");
    let note = lrs_note(&next).expect("a note");
    let lead = slots(&next)[0].config.lr0;
    assert_eq!(lead, 0.2);
    assert_eq!(
        note,
        format!(
            "Running 0.004, 0.2, 0.35; the read-outs follow 0.2, the middle one. lr0 {} is not run while these are set.",
            next.lr0
        )
    );
    let one = c.apply(Action::Set(Key::Lrs, "0.3".into()));
    assert!(lrs_note(&one).is_some_and(|n| n.starts_with("Give two or three rates")));
    assert_eq!(lrs_note(&c), None, "no rates typed");
    assert_eq!(
        lrs_note(&Config {
            compare: false,
            ..next
        }),
        None,
        "compare off"
    );
}

#[test]
fn the_theme_is_auto_unless_the_url_says_light_or_dark() {
    // auto follows the system; light and dark ignore it.
    let cases = [
        ("", false, false),
        ("", true, true),
        ("theme=light", true, false),
        ("theme=dark", false, true),
        ("theme=auto", true, true),
    ];
    for (query, system_dark, dark) in cases {
        let (c, n) = parse_query(query);
        assert!(n.is_empty(), "{query}: {n:?}");
        assert_eq!(
            c.theme.dark(system_dark),
            dark,
            "{query}, system dark {system_dark}"
        );
    }
    let (c, n) = parse_query("theme=purple");
    assert_eq!(c.theme, Theme::Auto);
    assert_eq!(n.len(), 1);
    assert!(n[0].message.contains("dark"), "{}", n[0].message);
    // The theme is how the page looks, not what it trains.
    let dark = Config {
        theme: Theme::Dark,
        ..Config::default()
    };
    assert!(dark.same_runs(&Config::default()));
}

/// Every page-only parameter (its row's section is Page) moved off its default.
fn page_all_set() -> Config {
    let mut c = Config::default();
    for (key, text) in [
        (Key::At, "7"),
        (Key::Ghost, "lr0=0.05"),
        (Key::Embed, "1"),
        (Key::Hide, "seed"),
        (Key::Bench, "L3"),
        (Key::Theme, "dark"),
        (Key::Finder, "1"),
        (Key::Sweep, "1"),
        (Key::Grad, "1"),
        (Key::View, "3d"),
        (Key::Predict, "0"),
        (Key::Course, "3"),
        (Key::Steps, "13,1,2,3,4,4"),
        (Key::Present, "1"),
    ] {
        c = c.apply(Action::Set(key, text.into()));
    }
    c
}

#[test]
fn page_only_settings_are_declared_once_in_the_table_and_every_transition_follows_it() {
    let page = page_all_set();
    let defaults = Config::default();
    // The list above covers every page-only row, and each one moved.
    for p in PARAMS.iter().filter(|p| p.page_only()) {
        let mut back = page.clone();
        p.copy(&defaults, &mut back);
        assert_ne!(back, page, "{} was not moved off its default", p.name);
    }
    // bare() is the training settings alone.
    assert_eq!(page.bare(), defaults);
    assert!(page.same_runs(&defaults));
    // A lesson keeps the embedding and the ghost, and takes its own panels and cursor.
    let lesson = page.apply(Action::Preset(Some(Preset::Warmup)));
    assert!(lesson.embed && lesson.hides(Key::Seed) && lesson.theme == Theme::Dark);
    assert_eq!(lesson.ghost, "");
    // …and a teacher's course path, in course order, each step once.
    assert_eq!(lesson.steps, [1, 2, 3, 4, 13]);
    // (The ghost is of the line task, and warmup is on digits: another task drops it.)
    let same_task = page.apply(Action::Preset(Some(Preset::TooHigh)));
    assert_eq!(same_task.ghost, "lr0=0.05");
    assert_eq!(
        (same_task.bench, same_task.finder, same_task.at),
        (None, false, 0)
    );
    // Reset keeps the embedding only.
    let reset = page.apply(Action::Reset);
    assert!(reset.embed && reset.hides(Key::Seed) && reset.theme == Theme::Dark);
    assert_eq!(reset.ghost, "");
    assert_eq!(reset.steps, [1, 2, 3, 4, 13]);
    assert_eq!(
        (reset.bench, reset.finder, reset.grad),
        (None, false, false)
    );
    // A file sets the runs and never the page: not a benchmark, a panel or the embedding.
    let file = Config {
        lr0: 0.02,
        batch: 32,
        ..page_all_set().apply(Action::Set(Key::Bench, "W1".into()))
    };
    let loaded = defaults.apply(Action::Load(Box::new(file)));
    assert_eq!((loaded.lr0, loaded.batch), (0.02, 32));
    assert_eq!(
        loaded.bare(),
        loaded,
        "no page-only setting came from the file"
    );
}

#[test]
fn warmup_start_values_are_offered_only_when_there_is_a_warmup() {
    // A "bias lr at start" control at warmup 0 sets something that never happens.
    let shown = |c: &Config, key: Key| (key.param().shown)(c);
    let none = Config::default();
    let warm = none.apply(Action::Set(Key::WarmupEpochs, "3".into()));
    for key in [Key::WarmupBiasLr, Key::WarmupMomentum] {
        assert!(!shown(&none, key), "{key:?} at warmup 0");
        assert!(shown(&warm, key), "{key:?} with warmup");
    }
    assert!(shown(&none, Key::WarmupEpochs));
}

/// A rate typed with a decimal comma is the rate a person means, in the lr0 box and in a
/// setting or a link alike; a comma that could be a list or a thousands mark is refused.
#[test]
fn a_decimal_comma_reads_as_the_decimal_point() {
    use stride::state::settings::field::parse_number;
    assert_eq!(parse_number("0,3"), Some(0.3));
    assert_eq!(parse_number(" 3e-4 "), Some(3e-4));
    assert_eq!(parse_number("0.3"), Some(0.3));
    for refused in ["1,2,3", "0,3.5", "inf", "NaN", "", "abc", ","] {
        assert_eq!(parse_number(refused), None, "{refused}");
    }
    let (config, notices) = parse_query("lr0=0,03&momentum=0,5");
    assert_eq!((config.lr0, config.momentum), (0.03, 0.5), "{notices:?}");
    assert!(notices.is_empty(), "{notices:?}");
}
