//! Messages from an embed's host page: only `stride:theme` with light, dark or auto changes
//! anything, and then only the theme.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use stride::state::settings::host::{THEME_MESSAGE, host_message};
use stride::state::{Action, Config, Preset, Theme, parse_query, to_query};

/// A page as an embed might be: a lesson, in embed mode, with hidden controls.
fn embedded() -> Config {
    parse_query("?preset=warmup&embed=1&hide=seed,nbs&lr0=0.2").0
}

#[test]
fn each_documented_theme_sets_the_theme_and_nothing_else() {
    let before = embedded();
    for theme in Theme::ALL {
        for start in Theme::ALL {
            let page = Config {
                theme: start,
                ..before.clone()
            };
            let action = host_message(Some(THEME_MESSAGE), Some(theme.name()))
                .unwrap_or_else(|| panic!("{} refused", theme.name()));
            let after = page.apply(action);
            assert_eq!(after.theme, theme);
            assert_eq!(
                Config {
                    theme: start,
                    ..after
                },
                page,
                "only the theme changes"
            );
        }
    }
    assert_eq!(
        before.preset,
        Some(Preset::Warmup),
        "the test page keeps its lesson"
    );
}

#[test]
fn other_types_and_values_are_ignored() {
    let bad_types = [
        None,
        Some(""),
        Some("stride:height"),
        Some("stride:Theme"),
        Some("stride:theme "),
        Some("theme"),
        Some("__proto__"),
    ];
    for kind in bad_types {
        for theme in ["light", "dark", "auto"] {
            assert_eq!(host_message(kind, Some(theme)), None, "{kind:?} {theme}");
        }
    }
    let bad_values = [
        None,
        Some(""),
        Some("Dark"),
        Some(" dark"),
        Some("dark&lr0=10"),
        Some("slate"),
        Some("default"),
        Some("none"),
        Some("constructor"),
    ];
    for theme in bad_values {
        assert_eq!(host_message(Some(THEME_MESSAGE), theme), None, "{theme:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever two strings a message carries, the page's settings and address change at most
    /// in the theme, and only to one of the three documented values.
    #[test]
    fn random_messages_change_at_most_the_theme(
        kind in prop_oneof![Just(THEME_MESSAGE.to_string()), ".{0,20}"],
        theme in prop_oneof![Just("dark".to_string()), ".{0,20}"],
    ) {
        let page = embedded();
        let Some(action) = host_message(Some(&kind), Some(&theme)) else {
            return Ok(());
        };
        prop_assert!(matches!(action, Action::Set(..)));
        prop_assert_eq!(kind.as_str(), THEME_MESSAGE);
        let after = page.apply(action);
        prop_assert!(Theme::ALL.iter().any(|t| t.name() == theme));
        prop_assert_eq!(after.theme.name(), theme.as_str());
        let same_but_theme = Config { theme: page.theme, ..after.clone() };
        prop_assert_eq!(to_query(&same_but_theme), to_query(&page));
    }
}
