//! The URL as a view of the settings: round trips, clamping and hostile input.

use rand::{RngExt, SeedableRng};
use stride::state::config::{LR_MAX, LR_MIN, SHIFT_MAX};
use stride::state::{Action, Config, PARAMS, parse_query, to_query};

fn valid(c: &Config) -> bool {
    c.lr0.is_finite() && (LR_MIN..=LR_MAX).contains(&c.lr0) && (0.0..=SHIFT_MAX).contains(&c.shift)
}

#[test]
fn defaults_give_a_clean_url_and_a_clean_url_gives_defaults() {
    assert_eq!(to_query(&Config::default()), "");
    assert_eq!(parse_query(""), (Config::default(), vec![]));
    assert_eq!(parse_query("?"), (Config::default(), vec![]));
}

#[test]
fn settings_round_trip_through_the_url() {
    let configs = [
        Config {
            lr0: 3e-4,
            seed: 42,
            shift: 0.0,
        },
        Config {
            lr0: 0.449,
            seed: u64::MAX,
            shift: 2.5,
        },
        Config {
            lr0: 10.0,
            seed: 0,
            shift: 1.0,
        },
        Config {
            lr0: 0.1234567890123,
            seed: 1,
            shift: 0.3,
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
fn only_non_default_values_are_written() {
    let config = Config {
        lr0: 0.02,
        ..Config::default()
    };
    assert_eq!(to_query(&config), "lr0=0.02");
}

#[test]
fn out_of_range_values_take_the_nearest_valid_value_with_a_notice() {
    let (c, n) = parse_query("lr0=50&shift=-2");
    assert_eq!(c.lr0, LR_MAX);
    assert_eq!(c.shift, 0.0);
    assert_eq!(n.len(), 2);
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
fn malformed_and_non_finite_values_fall_back_to_the_default_with_a_notice() {
    let default = Config::default();
    // "1e309" parses as +∞, which is not finite either.
    for raw in [
        "abc", "NaN", "inf", "-inf", "1e309", "", "0x10", "1,5", "%00", "１",
    ] {
        let (c, n) = parse_query(&format!("lr0={raw}"));
        assert!(valid(&c), "{raw}: {c:?}");
        assert_eq!(c.lr0, default.lr0, "{raw}");
        assert_eq!(n.len(), 1, "{raw}: {n:?}");
        assert!(n[0].message.contains("default"), "{}", n[0].message);
    }
    for raw in ["-5", "1.5", "99999999999999999999999", "seven", ""] {
        let (c, n) = parse_query(&format!("seed={raw}"));
        assert_eq!(c.seed, default.seed, "{raw}");
        assert_eq!(n.len(), 1, "{raw}");
        assert!(n[0].message.contains("whole number"), "{}", n[0].message);
    }
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
    // A bad value followed by a good one leaves no stale notice.
    let (c, n) = parse_query("lr0=abc&lr0=0.3");
    assert_eq!(c.lr0, 0.3);
    assert!(n.is_empty());
}

#[test]
fn notices_quote_hostile_input_shortened() {
    let long = "9".repeat(5000);
    let (c, n) = parse_query(&format!("lr0={long}&<script>=1"));
    assert!(valid(&c));
    assert!(n.iter().all(|n| n.message.chars().count() < 200), "{n:?}");
}

#[test]
fn random_garbage_never_panics_and_always_gives_valid_settings() {
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(99);
    let alphabet: Vec<char> = "lr0seedshift=&?%+-.eE0123456789abcxyz;#\u{0}é∞ "
        .chars()
        .collect();
    for _ in 0..5000 {
        let len = rng.random_range(0..60);
        let query: String = (0..len)
            .map(|_| alphabet[rng.random_range(0..alphabet.len())])
            .collect();
        let (c, _) = parse_query(&query);
        assert!(valid(&c), "{query:?} gave {c:?}");
        let (again, n) = parse_query(&to_query(&c));
        assert_eq!(again, c, "{query:?}");
        assert!(n.is_empty());
    }
}

#[test]
fn every_param_has_a_name_help_and_distinct_name() {
    let mut names: Vec<_> = PARAMS.iter().map(|p| p.name).collect();
    assert!(PARAMS.iter().all(|p| !p.help.is_empty()));
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), PARAMS.len());
}

#[test]
fn actions_clamp_and_ignore_non_finite_values() {
    let c = Config::default();
    assert_eq!(c.apply(Action::SetLr(100.0)).lr0, LR_MAX);
    assert_eq!(c.apply(Action::SetLr(0.0)).lr0, LR_MIN);
    assert_eq!(c.apply(Action::SetLr(f64::NAN)), c);
    assert_eq!(c.apply(Action::SetShift(f64::INFINITY)), c);
    assert_eq!(c.apply(Action::SetShift(9.0)).shift, SHIFT_MAX);
    assert_eq!(c.apply(Action::SetSeed(5)).seed, 5);
}
