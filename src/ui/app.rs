//! The page: the settings in a reducer, the session's scene, and the layout. Every decision is
//! made in `state/`; this file only arranges the components.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::config::{LR_MAX, LR_MIN};
use crate::state::session::Command;
use crate::state::{Action, Config, Key, Notice, parse_query};
use crate::ui::components::{
    BoundaryView, LandscapeView, Lessons, LogSlider, LossView, Notices, Readouts, RunBar,
    ScheduleView, SettingsPanel,
};
use crate::ui::hooks::{SessionHandle, location_query, use_session, use_url_sync};

#[derive(Clone, Debug, PartialEq)]
struct Page {
    config: Config,
}

impl Reducible for Page {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let config = self.config.apply(action);
        if config == self.config {
            // Returning the same Rc skips the re-render (Yew 0.23).
            self
        } else {
            Rc::new(Page { config })
        }
    }
}

/// Stamps the first complete render (charts included: children's effects run before this one)
/// for the benchmark script.
#[hook]
fn use_first_render_stamp() {
    use_effect_with((), |_| {
        let t = crate::ui::hooks::now();
        let _ = js_sys::Reflect::set(
            &gloo::utils::window(),
            &"__strideFirstRender".into(),
            &t.into(),
        );
    });
}

#[component]
pub fn App() -> Html {
    let initial = use_memo((), |_| parse_query(&location_query()));
    let page = use_reducer(|| Page {
        config: initial.0.clone(),
    });
    let notices = use_state(|| initial.1.clone());
    let config = page.config.clone();
    use_url_sync(&config);
    use_first_render_stamp();
    let SessionHandle { scene, command } = use_session(&config);

    // Memoised, so that controls whose settings did not change skip the per-frame re-render.
    let dispatch = {
        let dispatcher = page.dispatcher();
        use_callback((), move |a: Action, _| dispatcher.dispatch(a))
    };
    let on_dismiss = {
        let notices = notices.clone();
        Callback::from(move |()| notices.set(Vec::<Notice>::new()))
    };
    let on_cursor = command.reform(Command::Cursor);

    html! {
        <main class={classes!("stride", config.embed.then_some("embed"))}>
            if !config.embed {
                <header>
                    <h1>{ "Stride" }<span class="tagline">{ " · what a learning rate does" }</span></h1>
                    <p class="lede">
                        { "A real training loop runs in your browser. Drag the learning rate: too low and \
                           the path crawls, about right and it converges, higher and it zig-zags, too high and it flies off." }
                    </p>
                </header>
            }
            <Notices notices={(*notices).clone()} {on_dismiss} />
            if !config.hides(Key::Preset) {
                <Lessons current={config.preset} on_preset={dispatch.reform(Action::Preset)} />
            }
            <section class="controls" aria-label="Settings">
                if !config.hides(Key::Lr0) {
                    <LogSlider id="lr0" label={Key::Lr0.param().label} value={config.lr0}
                        min={LR_MIN} max={LR_MAX} marks={scene.marks.clone()} on_change={dispatch.reform(Action::SetLr)} />
                }
                <SettingsPanel config={config.clone()} on_action={dispatch.clone()} />
            </section>
            <RunBar bar={scene.run_bar.clone()} config={config.clone()} on_action={dispatch.clone()} on_command={command.clone()} />
            <Readouts readout={scene.readout.clone()} />
            <div class="charts">
                <LandscapeView view={scene.landscape.clone()} />
                <div class="chart-column">
                    <ScheduleView view={scene.schedule.clone()} on_cursor={on_cursor.clone()} />
                    <LossView chart={scene.loss.clone()} {on_cursor} />
                </div>
                if let Some(b) = scene.boundary.clone() {
                    <BoundaryView boundary={b} />
                }
            </div>
            if !config.embed {
                <footer>
                    <p>{ "Stride runs entirely in your browser; nothing is sent anywhere. Parameter names and \
                          semantics follow Ultralytics YOLO and PyTorch." }</p>
                    if let Some(credit) = config.task.credit() {
                        <p>{ credit }</p>
                    }
                </footer>
            }
        </main>
    }
}
