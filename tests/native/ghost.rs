//! A ghost from a link trains after the first picture: building the session for it does bounded
//! work, its run then trains a few milliseconds a frame, and the ghost it ends as is the one the
//! page's own run makes.

use crate::common::clock;

use stride::engine::data::Toy;
use stride::state::runs::session::{Command, GHOST_MS, Ghost, Session, Sync};
use stride::state::{Config, Task, parse_query, plan, to_query};

fn moons() -> Config {
    Config {
        task: Task::Toy(Toy::Moons),
        epochs: 3,
        batch: 16,
        nbs: 16,
        ..Config::default()
    }
}

/// The ghost the page's own run makes: the run with the ghost's settings trained to the end by
/// a session, and the ghost taken from it.
fn reference(page: &Config) -> Ghost {
    let (settings, _) = parse_query(&page.ghost);
    let mut own = Session::for_config(&Config {
        at: 0,
        ..settings.clone()
    });
    let clock = clock();
    while own.active() {
        own.frame(&clock);
    }
    Ghost::for_config(page, &own).expect("a ghost of the same task")
}

fn same(a: &Ghost, b: &Ghost) {
    assert_eq!(a.losses, b.losses);
    assert_eq!(a.val, b.val);
    assert_eq!((a.stride, a.per_epoch), (b.stride, b.per_epoch));
    assert_eq!(a.config, b.config);
}

#[test]
fn a_long_ghost_from_a_link_is_not_trained_before_the_first_picture() {
    // The link of issue 25: 500 epochs of batch 1 on the digits.
    let (config, notices) =
        parse_query("task=digits&ghost=task%3Ddigits%26epochs%3D500%26batch%3D1");
    assert!(notices.is_empty(), "{notices:?}");
    let mut s = Session::for_config(&config);
    let ghost = s.ghost.as_ref().expect("the ghost is there at once");
    assert!(ghost.training(), "and trains later");
    assert!(ghost.losses.is_empty(), "it has taken no step yet");
    assert_eq!(ghost.config.epochs, 500);
    // One frame, on a clock that moves 1 ms a reading: the ghost takes its few milliseconds,
    // and the page's own run still trains in the same frame.
    s.frame(&clock());
    let ghost = s.ghost.as_ref().expect("ghost");
    let taken = ghost.losses.len();
    assert!(
        taken >= 1 && taken as f64 <= GHOST_MS,
        "{taken} ghost iterations in a frame"
    );
    assert!(s.slots[0].run.iteration() > 0, "the main run trains too");
    assert!(ghost.training());
}

#[test]
fn a_ghost_trained_frame_by_frame_is_the_ghost_of_the_pages_own_run() {
    let ghost_settings = Config {
        lr0: 0.05,
        ..moons()
    };
    for at in [0, 50] {
        let page = Config {
            ghost: to_query(&Config {
                at,
                ..ghost_settings.clone()
            }),
            ..moons()
        };
        let mut s = Session::for_config(&page);
        assert!(s.ghost.as_ref().is_some_and(|g| g.losses.is_empty()));
        let clock = clock();
        let mut frames = 0;
        while s.active() {
            s.frame(&clock);
            frames += 1;
            assert!(frames < 100_000, "the session never settles");
        }
        let ghost = s.ghost.as_ref().expect("ghost");
        assert!(!ghost.training(), "the ghost has finished with the session");
        assert!(frames > 1, "trained over several frames");
        let expected = reference(&page);
        same(ghost, &expected);
        let total = plan::run(&ghost_settings, plan::start(&ghost_settings)).total_iterations();
        if at == 0 {
            assert_eq!(
                ghost.losses.len(),
                total,
                "a ghost pinned at 0 is the whole run"
            );
        } else {
            assert!(at < total);
            assert_eq!(
                ghost.losses.len(),
                at,
                "a ghost pinned half way stops there"
            );
        }
    }
}

#[test]
fn a_ghost_goes_on_training_while_the_run_is_paused_and_through_new_runs() {
    let page = Config {
        ghost: to_query(&Config {
            lr0: 0.2,
            ..moons()
        }),
        ..moons()
    };
    let clock = clock();
    let mut s = Session::for_config(&page);
    s.command(Command::Toggle, &clock);
    assert!(!s.playback.playing);
    assert!(s.active(), "frames go on while the ghost trains");
    s.frame(&clock);
    s.frame(&clock);
    let paused = s.ghost.as_ref().map_or(0, |g| g.losses.len());
    assert_eq!(
        s.slots[0].run.iteration(),
        0,
        "the paused run does not train"
    );
    assert!(
        paused as f64 > 2.0 * GHOST_MS,
        "a paused page gives the ghost the whole training share ({paused})"
    );
    // New runs (another batch) keep the ghost where it had got to.
    let rebuilt = Config {
        batch: 32,
        ..page.clone()
    };
    assert_eq!(s.sync(&rebuilt), Sync::Rebuilt);
    assert_eq!(s.ghost.as_ref().map(|g| g.losses.len()), Some(paused));
    while s.active() {
        s.frame(&clock);
    }
    same(s.ghost.as_ref().expect("ghost"), &reference(&page));
}
