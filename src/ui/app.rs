//! The page: the settings in a reducer, the session's scene, and the layout, charts first.
//! Every decision is made in `state/`; this file only arranges the components.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::lessons::course;
use crate::state::runs::session::Command;
use crate::state::settings::config::{LR_MAX, LR_MIN};
use crate::state::{Action, Config, Key, Notice, parse_query};
use crate::ui::components::{
    BoundaryView, CourseBar, CourseEnd, FitView, Footer, GradView, LandscapeView, LessonBox,
    Lessons, LogSlider, LossView, Notices, PredictPanel, Readouts, RunBar, ScheduleView,
    SettingsPanel, Tools, Values, auto_note, run_heads,
};
use crate::ui::hooks::{
    SessionHandle, location_query, use_dark, use_embed, use_resize, use_session, use_url_sync,
};

#[derive(Clone, Debug, PartialEq)]
struct Page {
    config: Config,
    /// The last change came from a dragged slider.
    sliding: bool,
    /// The reader's own settings while a lesson is on ([`Config::apply_keeping_own`]).
    own: Option<Config>,
}

impl Reducible for Page {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let sliding = matches!(action, Action::SlideLr(_));
        let mut own = self.own.clone();
        let config = self.config.apply_keeping_own(action, &mut own);
        if config == self.config && own == self.own {
            // Returning the same Rc skips the re-render (Yew 0.23).
            self
        } else {
            Rc::new(Page {
                config,
                sliding,
                own,
            })
        }
    }
}

#[component]
pub fn App() -> Html {
    let initial = use_memo((), |_| {
        let (c, n) = parse_query(&location_query());
        (course::open(c), n)
    });
    let page = use_reducer(|| Page {
        config: initial.0.clone(),
        sliding: false,
        own: None,
    });
    let notices = use_state(|| initial.1.clone());
    let drawer = use_state(|| false);
    let config = page.config.clone();
    use_url_sync(&config);
    let later = crate::ui::hooks::use_after_first_paint();
    use_resize();
    crate::ui::hooks::use_escape_hushes_tips();
    crate::ui::hooks::use_page_notices(&config, notices.clone());
    let SessionHandle {
        scene,
        command,
        csv,
    } = use_session(&config, page.sliding, later);
    let main = use_node_ref();
    let height = gloo::utils::window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64());
    let layout = crate::state::scene::Layout::of(&config, height.unwrap_or(f64::NAN));
    // Read by every chart as it draws, which follows this render.
    crate::ui::hooks::set_chart_zoom(layout.chart_zoom);
    let colors = if use_dark(config.theme) {
        crate::charts::DARK
    } else {
        crate::charts::LIGHT
    };

    // Memoised, so that controls whose settings did not change skip the per-frame re-render.
    let dispatch = {
        let dispatcher = page.dispatcher();
        use_callback((), move |a: Action, _| dispatcher.dispatch(a))
    };
    use_embed(
        config.embed,
        main.clone(),
        command.reform(Command::Seen),
        dispatch.clone(),
    );
    let on_dismiss = {
        let (notices, command) = (notices.clone(), command.clone());
        Callback::from(move |()| {
            notices.set(Vec::<Notice>::new());
            command.emit(Command::Dismiss);
        })
    };
    // The URL's notices, and what the page has to say about itself.
    let shown: Vec<Notice> = notices
        .iter()
        .cloned()
        .chain(scene.notes.iter().map(|n| Notice::new("", n.clone())))
        .collect();
    let on_cursor = dispatch
        .reform(|at: Option<usize>| Action::Set(Key::At, at.map_or(0, |k| k + 1).to_string()));
    let toggle_drawer = {
        let drawer = drawer.clone();
        Callback::from(move |_: MouseEvent| drawer.set(!*drawer))
    };
    html! {
        <ContextProvider<crate::charts::Colors> context={colors}>
        <main ref={main} class={classes!("stride", layout.class, drawer.then_some("drawer-open"))}>
            <header class="top">
                <h1 class={classes!((!layout.header).then_some("visually-hidden"))}>
                    // The tagline introduces the plain page; a lesson's own title says what it
                    // shows, and its first screen's words are counted.
                    { "Stride" }if config.preset.is_none() {<span class="tagline">{ " · what a learning rate does" }</span>}
                </h1>
            </header>
            <Notices notices={shown} {on_dismiss} />
            <div class="layout">
                if layout.settings {
                <aside class="panel" aria-label="Lesson and settings">
                    <div class="panel-head">
                        if !config.hides(Key::Preset) {
                            <Lessons current={config.preset} at_end={course::is_end(&config)} on_preset={let c = config.clone(); dispatch.reform(move |p| course::pick(&c, p))} />
                        }
                        <button type="button" class="drawer-toggle" id="settings-toggle"
                            aria-expanded={drawer.to_string()} aria-controls="settings" onclick={toggle_drawer.clone()}>
                            { if *drawer { "Hide settings" } else { "Settings" } }
                        </button>
                    </div>
                    <section class="controls" id="settings" aria-label="Settings">
                        <SettingsPanel config={config.clone()} on_action={dispatch.clone()} />
                        // At the settings' end, the way back to what they changed: on a phone the
                        // charts were a screen above (a student changed the task and scrolled).
                        <button type="button" class="drawer-done" id="settings-done" onclick={toggle_drawer.reform(|e| { gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0); e })}>{ "Done: back to the charts" }</button>
                    </section>
                </aside>
                }
                <div class="stage">
                    <CourseBar config={config.clone()} matched={scene.predict.as_ref().and_then(|p| p.result.as_ref().map(|r| r.0))} on_action={dispatch.clone()} yours={scene.readout.toy} />
                    { run_heads(scene.run_heads(&config)) }
                    if course::is_end(&config) {
                        <CourseEnd on_action={dispatch.clone()} config={config.clone()} />
                    } else {
                    if !config.hides(Key::Lr0) {
                        <LogSlider id="lr0" label={Key::Lr0.param().label} value={config.lr0}
                            min={LR_MIN} max={LR_MAX} marks={scene.marks.clone()}
                            on_slide={dispatch.reform(Action::SlideLr)} on_change={dispatch.reform(Action::SetLr)} />
                    }
                    // Under the slider, nothing above which then changes; beside the charts when
                    // presenting, else in a box of fixed height while a question is on (CSS).
                    <div class="talk">
                        if let Some(switch) = course::switch_beside(&config, layout.side, scene.predict.as_ref()) {
                            <p class="course-switch talk-switch" id="talk-switch">{ switch }</p>
                        }
                        if let Some(lesson) = scene.lesson.clone() {
                            <LessonBox {lesson} detail={layout.detail} kept={scene.yours.input.args.is_some()} on_back={let c = config.clone(); dispatch.reform(move |_| course::pick(&c, c.preset))} />
                        }
                        if let Some(note) = scene.auto.clone() {
                            { auto_note(&note) }
                        }
                        if let Some(view) = scene.predict.clone() {
                            <PredictPanel {view} lesson={config.preset.map_or("", |p| p.name())} on_command={command.clone()} />
                        }
                        // While the question waits, the verdict would give the answer away.
                        <Readouts readout={scene.readout.clone()}
                            pending={scene.predict.as_ref().is_some_and(|p| p.guess.is_none())}
                            watching={scene.predict.as_ref().is_some_and(|p| p.guess.is_some() && p.result.is_none())}
                            explained={scene.predict.as_ref().is_some_and(|p| p.result.is_some())}
                            lesson={config.preset.map_or("", |p| p.name())} on_action={dispatch.clone()} />
                    </div>
                    if layout.values {
                        <Values values={scene.readout.values.clone()} />
                    }
                    <div class="charts">
                        <LandscapeView view={scene.landscape.clone()} on_action={dispatch.clone()} />
                        <div class="chart-column">
                            <LossView chart={scene.loss.clone()} on_cursor={on_cursor.clone()} aspect={layout.loss_aspect()} />
                            if let Some(chart) = scene.grad.clone().filter(|_| layout.grad) {
                                <GradView {chart} on_cursor={on_cursor.clone()} />
                            }
                            if layout.schedule && !scene.veiled {
                                <ScheduleView view={scene.schedule.clone()} {on_cursor} toy={scene.readout.toy} />
                            } else if layout.schedule && layout.side {
                                <p class="chart schedule veiled" id="schedule-veiled">{ "The schedule shows once the class has answered." }</p>
                            }
                        </div>
                    </div>
                    <RunBar bar={scene.run_bar.clone()} config={config.clone()} on_action={dispatch.clone()} on_command={command.clone()} />
                    if layout.tools && later {
                    // What the network learnt, by its charts (below the tools it was a screen away).
                    if let Some(b) = scene.boundary.clone() { <BoundaryView boundary={b} /> }
                    if let Some(fit) = scene.fit.clone() { <FitView {fit} /> }
                    <Tools scene={scene.clone()} config={config.clone()} fold={layout.fold_tools}
                        on_action={dispatch.clone()} on_command={command.clone()}
                        on_notices={let n = notices.clone(); Callback::from(move |v| n.set(v))} {csv} />
                    }
                    }
                </div>
            </div>
            if layout.about || layout.credit {
                <Footer about={layout.about} credit={config.task.credit().filter(|_| layout.credit)} present={course::present_link(&config)} />
            }
        </main>
        </ContextProvider<crate::charts::Colors>>
    }
}
