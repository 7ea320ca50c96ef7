//! Property tests: hostile URLs never break the page, and random valid settings always train,
//! with every non-finite value ending as a reported divergence.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use stride::engine::run::Status;
use stride::state::settings::params::Field;
use stride::state::{Config, PARAMS, parse_query, to_query};

/// Whether every setting lies within what its parameter allows.
fn in_range(c: &Config) -> Result<(), String> {
    for p in PARAMS {
        let ok = match p.field {
            Field::Number { min, max, get, .. } => {
                let v = get(c);
                v.is_finite() && (min..=max).contains(&v)
            }
            Field::Whole { min, max, get, .. } => (min..=max).contains(&get(c)),
            Field::Choice { options, get, .. } => options().iter().any(|(n, _)| *n == get(c)),
            Field::Flag { .. } => true,
            Field::Numbers {
                min,
                max,
                max_len,
                get,
                ..
            } => {
                let v = get(c);
                v.len() <= max_len && v.iter().all(|x| x.is_finite() && (min..=max).contains(x))
            }
            Field::Text { max_len, get, .. } => get(c).chars().count() <= max_len,
            Field::Names { .. } => true,
        };
        if !ok {
            return Err(format!("{} = {} is out of range", p.name, p.write(c)));
        }
    }
    Ok(())
}

/// A value a careless user or an attacker might put in a URL.
fn hostile_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_map(|v| v.to_string()),
        any::<i64>().prop_map(|v| v.to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("-1e400".to_string()),
        Just("1e308".to_string()),
        Just(String::new()),
        Just("%".to_string()),
        Just("%zz%E2%82".to_string()),
        Just("0.1,abc,,1e-9,7,8,9".to_string()),
        Just("line".to_string()),
        Just("Adam".to_string()),
        Just("W9".to_string()),
        "[0-9.eE+-]{0,12}",
        ".{0,40}",
        "[a-z_,]{0,60}",
        "\\PC{0,12}",
    ]
}

/// A parameter name, mostly real ones, sometimes anything.
fn key() -> impl Strategy<Value = String> {
    let names: Vec<String> = PARAMS.iter().map(|p| p.name.to_string()).collect();
    prop_oneof![
        4 => proptest::sample::select(names),
        1 => ".{0,10}",
        1 => Just(String::new()),
    ]
}

/// A query string: pairs, repeats, pairs without `=`, and raw junk between them.
fn query() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (key(), hostile_value(), any::<bool>(), any::<bool>()),
        0..10,
    )
    .prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(k, v, with_eq, encode)| {
                let v = if encode {
                    form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
                } else {
                    v.replace('&', "")
                };
                if with_eq { format!("{k}={v}") } else { k }
            })
            .collect::<Vec<_>>()
            .join("&")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn any_query_gives_valid_settings_that_survive_a_round_trip(q in query()) {
        let (c, _notices) = parse_query(&q);
        prop_assert!(in_range(&c).is_ok(), "{:?} from {:?}", in_range(&c), q);
        let written = to_query(&c);
        let (again, notices) = parse_query(&written);
        prop_assert_eq!(&again, &c, "{} from {:?}", written, q);
        prop_assert!(notices.is_empty(), "{:?}", notices);
    }
}

/// A valid value for a parameter, as text, from a random number in [0, 1).
fn valid_text(field: &Field, u: f64) -> Option<String> {
    Some(match *field {
        // Log-uniform where the range spans decades (rates), uniform otherwise.
        Field::Number { min, max, .. } if min > 0.0 && max / min > 100.0 => {
            format!("{}", min * (max / min).powf(u))
        }
        Field::Number { min, max, .. } => format!("{}", min + (max - min) * u),
        Field::Whole { min, max, .. } => {
            let span = (max - min).min(1 << 20) as f64;
            format!("{}", min + (span * u) as u64)
        }
        Field::Choice { options, .. } => {
            let o = options();
            o[((o.len() as f64 * u) as usize).min(o.len() - 1)]
                .0
                .to_string()
        }
        Field::Flag { .. } => if u < 0.5 { "0" } else { "1" }.to_string(),
        _ => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn random_valid_settings_train_and_report_any_non_finite_value_as_divergence(
        draws in proptest::collection::vec(0.0f64..1.0, PARAMS.len()),
        steps in 1usize..4,
    ) {
        let mut c = Config::default();
        for (p, &u) in PARAMS.iter().zip(&draws) {
            // The page's own settings are not training settings.
            if matches!(p.name, "preset" | "bench" | "embed" | "hide" | "ghost" | "at" | "lrs") {
                continue;
            }
            if let Some(text) = valid_text(&p.field, u) {
                prop_assert!(p.read(&mut c, &text).is_none(), "{}={} rejected", p.name, text);
            }
        }
        let mut run = stride::state::plan::run(&c, None);
        run.advance(steps);
        let diverged = matches!(run.status(), Status::Diverged { .. });
        for r in &run.steps {
            prop_assert!(r.lr_weight.is_finite() && r.lr_bias.is_finite() && r.momentum.is_finite());
            if !r.loss.is_finite() {
                prop_assert!(diverged, "a non-finite loss without a divergence: {}", to_query(&c));
            }
        }
        if !diverged {
            prop_assert!(
                run.params().iter().all(|p| p.is_finite()),
                "non-finite weights without a divergence: {}",
                to_query(&c)
            );
        }
    }
}
