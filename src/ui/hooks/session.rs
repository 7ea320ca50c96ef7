//! The live session: built from the settings, kept in step with them, advanced once per
//! animation frame (landscape points handed to the workers, if there are any), and turned into
//! the Scene the page draws. The decisions are all in `state::runs::session`; this is the wiring.

use std::rc::Rc;

use yew::prelude::*;

use super::use_animation_loop;
use crate::state::runs::session::{Cadence, Command, Sync};
use crate::state::scene::SceneCache;
use crate::state::{Config, Scene, Session};
use crate::ui::workers::Pool;

/// What the page gets from [`use_session`].
pub struct SessionHandle {
    /// This frame's scene.
    pub scene: Rc<Scene>,
    /// Run-bar and chart events.
    pub command: Callback<Command>,
    /// The main run as CSV, when asked for.
    pub csv: Callback<(), String>,
}

thread_local! {
    static LATEST: std::cell::RefCell<Option<Rc<Scene>>> = const { std::cell::RefCell::new(None) };
}

/// The scene the page last rendered: what an export describes. Kept here, not passed down as a
/// prop, so the export buttons do not re-render with every frame.
pub fn latest_scene() -> Option<Rc<Scene>> {
    LATEST.with(|l| l.borrow().clone())
}

/// Milliseconds since the page loaded.
pub fn now() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

/// The session for `config`, its frame loop, and this render's scene. `sliding`: the settings
/// just changed under a dragged slider, which wants the new picture whole and at once.
/// `below_fold`: the panels below the first screen are on the page
/// ([`SceneCache::first_screen`](crate::state::scene::SceneCache)).
#[hook]
pub fn use_session(config: &Config, sliding: bool, below_fold: bool) -> SessionHandle {
    let session = use_mut_ref(|| Session::for_config(config));
    let cache = use_mut_ref(SceneCache::default);
    // Landscape workers, one per core, made when a landscape first needs points (a two-weight
    // task's is exact and never does); `Some(None)` where workers cannot be made, and the grid
    // is filled on this thread.
    let pool = use_mut_ref(|| None::<Option<Pool>>);
    let force = use_force_update();
    // A page that goes away releases its workers at once (each holds a wasm instance).
    {
        let pool = pool.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                    pool.borrow_mut().take();
                });
            move || drop(listener)
        });
    }

    // The settings are the reducer's; the session follows them before anything is drawn.
    {
        let mut s = session.borrow_mut();
        let sync = s.sync(config);
        if sliding && sync != Sync::Kept {
            s.show_all();
        }
        if s.config.task.exact_landscape() {
            // A task whose landscape is exact has no use for workers: release them.
            pool.borrow_mut().take();
        }
    }

    // Whether each frame trains or draws (see `Cadence`).
    let cadence = use_mut_ref(Cadence::default);
    let on_frame = {
        let (session, pool, force) = (session.clone(), pool.clone(), force.clone());
        Callback::from(move |()| {
            let mut s = session.borrow_mut();
            let work = cadence.borrow_mut().next(s.trains_live());
            if s.needs_workers() && pool.borrow().is_none() {
                let made = Pool::start();
                // A policy that forbids workers: the points are computed here, and the page
                // says so, as when a worker fails later.
                if let Err(Some(why)) = &made {
                    s.workers_failed(why);
                }
                *pool.borrow_mut() = Some(made.ok());
            }
            // Workers that fail or go silent are let go; their points are computed here.
            let failure = match pool.borrow().as_ref() {
                Some(Some(p)) => p.failure(),
                _ => None,
            };
            if let Some(why) = failure {
                *pool.borrow_mut() = Some(None);
                s.workers_failed(&why);
            }
            if let Some(Some(pool)) = pool.borrow().as_ref() {
                s.landscape.external = true;
                let delivered: Vec<_> = pool.inbox.borrow_mut().drain(..).collect();
                for d in &delivered {
                    s.receive(d);
                }
                let swept: Vec<_> = pool.sweeps.borrow_mut().drain(..).collect();
                for (id, index, values) in &swept {
                    s.receive_sweep(*id, *index, values);
                }
                // Keep every worker busy with two small jobs: sweep runs first (the reader
                // asked for them), then landscape points.
                while *pool.in_flight.borrow() < 2 * pool.len() {
                    if let Some(job) = s.hand_out_sweep() {
                        pool.submit_sweep(&job);
                        continue;
                    }
                    let Some(job) = s.hand_out(16) else { break };
                    pool.submit(&job);
                }
            }
            if work.train {
                s.frame(&now);
            }
            if s.auto_sweep_due() {
                s.command(Command::Sweep, &now);
            }
            if let Some(asked) = s.asked_due() {
                s.command(asked, &now);
            }
            if work.draw {
                force.force_update();
            }
        })
    };
    let active = session.borrow().active();
    use_animation_loop(active, on_frame);

    let command = use_memo((), {
        let (session, force) = (session.clone(), force.clone());
        move |_| {
            Callback::from(move |c: Command| {
                session.borrow_mut().command(c, &now);
                force.force_update();
            })
        }
    });
    let csv = use_memo((), {
        let session = session.clone();
        move |_| Callback::from(move |()| session.borrow().csv())
    });
    cache.borrow_mut().first_screen = !below_fold;
    let scene = Rc::new(Scene::build(
        &session.borrow(),
        &mut cache.borrow_mut(),
        now(),
    ));
    LATEST.with(|l| *l.borrow_mut() = Some(scene.clone()));
    SessionHandle {
        scene,
        command: (*command).clone(),
        csv: (*csv).clone(),
    }
}
