//! The live session: built from the settings, kept in step with them, advanced once per
//! animation frame (landscape points handed to the workers, if there are any), and turned into
//! the Scene the page draws. The decisions are all in `state::session`; this is the wiring.

use std::rc::Rc;

use yew::prelude::*;

use super::use_animation_loop;
use crate::state::scene::SceneCache;
use crate::state::session::{Command, Sync};
use crate::state::{Config, Scene, Session};
use crate::ui::workers::Pool;

/// What the page gets from [`use_session`].
pub struct SessionHandle {
    /// This frame's scene.
    pub scene: Rc<Scene>,
    /// Run-bar and chart events.
    pub command: Callback<Command>,
}

/// Milliseconds since the page loaded.
pub fn now() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

/// The session for `config`, its frame loop, and this render's scene. `sliding`: the settings
/// just changed under a dragged slider, which wants the new picture whole and at once.
#[hook]
pub fn use_session(config: &Config, sliding: bool) -> SessionHandle {
    let session = use_mut_ref(|| Session::for_config(config));
    let cache = use_mut_ref(SceneCache::default);
    // Landscape workers, one per core; without them the grid is filled on this thread.
    let pool = use_mut_ref(Pool::new);
    let force = use_force_update();

    // The settings are the reducer's; the session follows them before anything is drawn.
    {
        let mut s = session.borrow_mut();
        let sync = s.sync(config);
        if sliding && sync != Sync::Kept {
            s.show_all();
        }
    }

    let on_frame = {
        let (session, pool, force) = (session.clone(), pool.clone(), force.clone());
        Callback::from(move |()| {
            let mut s = session.borrow_mut();
            if let Some(pool) = pool.borrow().as_ref() {
                s.landscape.external = true;
                let delivered: Vec<_> = pool.inbox.borrow_mut().drain(..).collect();
                for d in &delivered {
                    s.receive(d);
                }
                // Keep every worker busy with two small batches of points.
                while *pool.in_flight.borrow() < 2 * pool.len() {
                    let Some(job) = s.hand_out(16) else { break };
                    pool.submit(&job);
                }
            }
            s.frame(&now);
            force.force_update();
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
    let scene = Rc::new(Scene::build(
        &session.borrow(),
        &mut cache.borrow_mut(),
        now(),
    ));
    SessionHandle {
        scene,
        command: (*command).clone(),
    }
}
