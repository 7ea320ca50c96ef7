//! The playground page.

use std::cell::Cell;
use std::rc::Rc;

use plotters::style::RGBColor;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::boundary_view::{Boundary, BoundaryView};
use super::controls::FieldControl;
use super::landscape_view::{LandscapeView, Path};
use super::lessons::Lessons;
use super::log_slider::{LogSlider, Mark};
use super::loss_view::{Curve, LossView};
use super::notices::Notices;
use super::playback::Playback;
use super::readouts::{Readouts, Values};
use super::schedule_view::ScheduleView;
use crate::charts::landscape::{Backdrop, summary as landscape_summary};
use crate::charts::palette;
use crate::engine::data::Targets;
use crate::engine::model::{Activation, Mlp};
use crate::engine::run::Status;
use crate::engine::schedule::LrPlan;
use crate::engine::stability::{Regime, fmt_lr};
use crate::state::build;
use crate::state::config::{DecayKind, LR_MAX, LR_MIN, Task};
use crate::state::regime::{Curvature, stable_limit};
use crate::state::session::{Session, validation_points};
use crate::state::{Action, Config, Notice, Preset, parse_query, to_query};
use crate::ui::hooks::use_animation_loop;
use crate::ui::workers::Pool;

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

fn location_query() -> String {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
}

/// Keeps the address bar in step with the settings without adding history entries.
fn write_query(config: &Config) {
    let window = gloo::utils::window();
    let Ok(path) = window.location().pathname() else {
        return;
    };
    let query = to_query(config);
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

fn now() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

/// Colours of the compare runs (lr0/10, lr0, lr0·10) and of a single run: Okabe–Ito.
const RUN_COLORS: [RGBColor; 3] = [palette::SKY, palette::BLUE, palette::VERMILLION];

fn run_color(k: usize, n: usize) -> RGBColor {
    if n == 1 {
        palette::BLUE
    } else {
        RUN_COLORS[k % 3]
    }
}

/// The index of the run whose regime is read out: lr0 itself (the middle one in compare mode).
fn main_index(n: usize) -> usize {
    if n == 3 { 1 } else { 0 }
}

fn default_speed(task: Task) -> usize {
    match task {
        Task::Line => 1,
        Task::Toy(_) => 4,
        Task::Digits => 0,
    }
}

/// The heatmap of a landscape that is filling in, refreshed at most every
/// [`FillThrottle::EVERY_MS`]: each refresh redraws every cell of the grid, and doing that on
/// every animation frame while the run trains and the paths move cost frames (a 33 ms p95 frame
/// interval in a probe); a few pictures a second show the fill just as well.
#[derive(Default)]
struct FillThrottle {
    at: f64,
    shown: Option<Rc<Backdrop>>,
}

impl FillThrottle {
    const EVERY_MS: f64 = 125.0;

    fn get(&mut self, session: &Session) -> Option<Rc<Backdrop>> {
        if !session.filling() {
            self.shown = None;
            return session.backdrop();
        }
        let now = gloo::utils::window().performance().map_or(0.0, |p| p.now());
        if self.shown.is_none() || now - self.at >= Self::EVERY_MS {
            self.at = now;
            self.shown = session.backdrop();
        }
        self.shown.clone()
    }
}

/// The decision boundary, recomputed only when the weights or the data change: the page
/// re-renders every animation frame, also while paused or while a landscape fills in.
#[derive(Default)]
struct BoundaryCache {
    /// The model and the grid of query points, built once.
    probe: Option<(Mlp, Vec<f32>)>,
    params: Vec<f32>,
    shown: Option<Rc<Boundary>>,
}

impl BoundaryCache {
    const SIDE: usize = 40;
    const EXTENT: (f64, f64) = (-1.6, 1.6);

    fn get(&mut self, params: &[f32], points: &[f32], labels: &[u32]) -> Rc<Boundary> {
        if let Some(b) = &self.shown {
            if self.params == params && b.points == points && b.labels == labels {
                return b.clone();
            }
        }
        let (mlp, grid) = self.probe.get_or_insert_with(|| {
            let (side, (lo, hi)) = (Self::SIDE, Self::EXTENT);
            let cell = (hi - lo) / side as f64;
            let grid = (0..side * side)
                .flat_map(|k| {
                    let (i, j) = (k % side, k / side);
                    [
                        (lo + (i as f64 + 0.5) * cell) as f32,
                        (lo + (j as f64 + 0.5) * cell) as f32,
                    ]
                })
                .collect();
            (
                Mlp::new(
                    &[2, build::HIDDEN[0], build::HIDDEN[1], 2],
                    Activation::Tanh,
                ),
                grid,
            )
        });
        let mut prob = Vec::with_capacity(Self::SIDE * Self::SIDE);
        mlp.class1_probability(params, grid, &mut prob);
        self.params = params.to_vec();
        let b = Rc::new(Boundary {
            side: Self::SIDE,
            extent: Self::EXTENT,
            prob,
            points: points.to_vec(),
            labels: labels.to_vec(),
        });
        self.shown = Some(b.clone());
        b
    }
}

#[component]
pub fn App() -> Html {
    let initial = use_memo((), |_| parse_query(&location_query()));
    let page = use_reducer(|| Page {
        config: initial.0.clone(),
    });
    let notices = use_state(|| initial.1.clone());
    let config = page.config.clone();
    // The address bar follows the settings once they rest for a moment: replaceState on every
    // slider event would cost a few milliseconds of each frame.
    use_effect_with(config.clone(), |config| {
        let config = config.clone();
        let timer = gloo::timers::callback::Timeout::new(150, move || write_query(&config));
        move || drop(timer)
    });

    // The first complete render (charts included: children's effects run before this one) is
    // stamped for the benchmark script.
    use_effect_with((), |_| {
        let t = now();
        let _ = js_sys::Reflect::set(
            &gloo::utils::window(),
            &"__strideFirstRender".into(),
            &t.into(),
        );
    });

    let session = use_mut_ref(|| Session::for_config(&config));
    let built_for = use_mut_ref(|| config.clone());
    let playing = use_mut_ref(|| Cell::new(config.task != Task::Line));
    let speed = use_mut_ref(|| Cell::new(default_speed(config.task)));
    let cursor = use_state(|| None::<usize>);
    let force = use_force_update();
    let boundary_cache = use_mut_ref(BoundaryCache::default);
    let fill_throttle = use_mut_ref(FillThrottle::default);
    // Landscape workers, one per core; without them the grid is filled on this thread.
    let pool = use_mut_ref(Pool::new);

    // Settings changed since the runs were built: a new lr0 retunes running networks in place;
    // anything else (and any change to the cheap line task) builds new runs.
    {
        let mut built = built_for.borrow_mut();
        if *built != config {
            let retune = built.same_runs(&config);
            if retune && config.task == Task::Line {
                if built.lr0 != config.lr0 {
                    session.borrow_mut().rerun(&config);
                }
            } else if retune {
                if built.lr0 != config.lr0 {
                    session.borrow_mut().set_lr0(&config);
                }
            } else {
                let ghost = session.borrow().ghost.clone();
                let mut fresh = Session::for_config(&config);
                fresh.ghost = ghost.filter(|_| built.task == config.task);
                *session.borrow_mut() = fresh;
                if built.task != config.task {
                    speed.borrow().set(default_speed(config.task));
                }
                playing.borrow().set(config.task != Task::Line);
            }
            *built = config.clone();
        }
    }

    let on_frame = {
        let session = session.clone();
        let playing = playing.clone();
        let speed = speed.clone();
        let force = force.clone();
        let pool = pool.clone();
        Callback::from(move |()| {
            let start = now();
            let mut s = session.borrow_mut();
            if let Some(pool) = pool.borrow().as_ref() {
                s.external = true;
                let results: Vec<_> = pool.inbox.borrow_mut().drain(..).collect();
                for (job, first, values) in results {
                    s.receive(job as u32, first, &values);
                }
                // Keep every worker busy with two small batches of points.
                while *pool.in_flight.borrow() < 2 * pool.len() {
                    let Some((job, spec, plane, x, y, range)) = s.hand_out(16) else {
                        break;
                    };
                    pool.submit(f64::from(job), &spec, &plane, x, y, range);
                }
            }
            let iters = if playing.borrow().get() {
                match speed.borrow().get() {
                    0 => usize::MAX,
                    n => n,
                }
            } else {
                0
            };
            // About 8 ms of training and 4 of landscape per frame keep the page at 60 fps.
            s.tick(iters, start + 8.0, start + 12.0, &now);
            if s.finished() {
                playing.borrow().set(false);
            }
            force.force_update();
        })
    };
    let active = playing.borrow().get() || session.borrow().filling();
    use_animation_loop(active, on_frame);

    // Memoised, so that controls whose settings did not change skip the per-frame re-render.
    let dispatch = {
        let dispatcher = page.dispatcher();
        use_callback((), move |a: Action, _| dispatcher.dispatch(a))
    };
    let on_lr = dispatch.reform(Action::SetLr);
    let on_preset = {
        let page = page.clone();
        Callback::from(move |p: Option<Preset>| match p {
            Some(p) => page.dispatch(Action::Preset(p)),
            None => page.dispatch(Action::Set("preset", "none".into())),
        })
    };
    let on_dismiss = {
        let notices = notices.clone();
        Callback::from(move |()| notices.set(Vec::<Notice>::new()))
    };
    let on_toggle = {
        let (playing, session, force) = (playing.clone(), session.clone(), force.clone());
        Callback::from(move |()| {
            let now_playing = !playing.borrow().get();
            playing.borrow().set(now_playing);
            if !now_playing {
                // A pause shows the landscape of the path so far.
                session.borrow_mut().start_pca();
            }
            force.force_update();
        })
    };
    let on_step = {
        let (session, force) = (session.clone(), force.clone());
        Callback::from(move |()| {
            session.borrow_mut().tick(1, f64::INFINITY, now(), &now);
            force.force_update();
        })
    };
    let on_reset = {
        let (session, playing, force, config) = (
            session.clone(),
            playing.clone(),
            force.clone(),
            config.clone(),
        );
        Callback::from(move |()| {
            let ghost = session.borrow().ghost.clone();
            let mut fresh = Session::for_config(&config);
            fresh.ghost = ghost;
            *session.borrow_mut() = fresh;
            playing.borrow().set(config.task != Task::Line);
            force.force_update();
        })
    };
    let on_speed = {
        let (speed, force) = (speed.clone(), force.clone());
        Callback::from(move |v: usize| {
            speed.borrow().set(v);
            force.force_update();
        })
    };
    let on_pin = {
        let (session, force) = (session.clone(), force.clone());
        Callback::from(move |_: MouseEvent| {
            let mut s = session.borrow_mut();
            let k = main_index(s.slots.len());
            s.pin(k);
            force.force_update();
        })
    };
    let on_unpin = {
        let (session, force) = (session.clone(), force.clone());
        Callback::from(move |_: MouseEvent| {
            session.borrow_mut().ghost = None;
            force.force_update();
        })
    };
    let on_cursor = {
        let cursor = cursor.clone();
        Callback::from(move |c: Option<usize>| cursor.set(c))
    };
    let on_scrub = {
        let cursor = cursor.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<HtmlInputElement>()
                .value_as_number();
            cursor.set(v.is_finite().then_some(v.max(0.0) as usize));
        })
    };

    // What the charts and read-outs show.
    let nb = build::batches_per_epoch(&config);
    let settings = use_memo(config.clone(), |c| {
        build::preview(c, build::batches_per_epoch(c))
    });
    let reference = use_memo(config.clone(), |c| {
        (c.preset.as_deref() == Some(Preset::CosineVsLinear.name())).then(|| {
            let other = if c.decay == DecayKind::Cosine {
                DecayKind::Linear
            } else {
                DecayKind::Cosine
            };
            let alt = Config {
                decay: other,
                ..c.clone()
            };
            Rc::new(build::preview(&alt, build::batches_per_epoch(&alt)))
        })
    });
    let warmup = match build::plan(&config, config.lr0, nb) {
        LrPlan::Ultralytics(u) => u.warmup_iters(),
        _ => 0,
    };

    let s = session.borrow();
    let n = s.slots.len();
    let main = main_index(n);
    let total = s.slots[main].run.total_iterations();
    let done = s.slots[main].run.iteration();
    let at = cursor.map(|c| c.min(done.saturating_sub(1)));

    let mut curves: Vec<Curve> = s
        .slots
        .iter()
        .enumerate()
        .map(|(k, slot)| Curve {
            label: format!("lr0 {}", fmt_lr(slot.lr0)),
            color: run_color(k, n),
            raw: slot.run.steps.iter().map(|r| r.loss).collect(),
            val: validation_points(&slot.run),
            diverged_at: match slot.run.status() {
                Status::Diverged { step } => Some(step),
                _ => None,
            },
            ghost: false,
            noisy: nb > 1,
        })
        .collect();
    let mut paths: Vec<Path> = (0..n)
        .map(|k| Path {
            points: s.path(k),
            color: run_color(k, n),
            ghost: false,
        })
        .collect();
    if let Some(g) = &s.ghost {
        curves.insert(
            0,
            Curve {
                label: g.label.clone(),
                color: palette::PURPLE,
                raw: g.losses.clone(),
                val: g.val.clone(),
                diverged_at: None,
                ghost: true,
                noisy: nb > 1,
            },
        );
        if !g.path.is_empty() {
            paths.push(Path {
                points: g.path.clone(),
                color: palette::PURPLE,
                ghost: true,
            });
        }
    }
    // Put the main run first: the landscape's cursor ring and the loss summary follow it.
    paths.swap(0, main);
    let first_live = usize::from(s.ghost.is_some());
    curves.swap(first_live, first_live + main);
    let path_cursor = at.map(|c| {
        s.slots[main]
            .run
            .trajectory_steps()
            .take_while(|&it| it <= c)
            .count()
            .saturating_sub(1)
    });

    let run = &s.slots[main].run;
    let shown = at.or(done.checked_sub(1));
    let record = shown.and_then(|k| run.steps.get(k));
    let epoch_done = shown.map_or(0, |k| (k + 1) / nb.max(1));
    let accuracy = epoch_done
        .checked_sub(1)
        .and_then(|e| run.epochs.get(e))
        .map(|e| e.val_accuracy.unwrap_or(e.train_accuracy))
        .filter(|_| config.task != Task::Line);
    let values = Values {
        iteration: shown.map_or(0, |k| k + 1),
        epoch: shown.map_or(0, |k| k / nb.max(1) + 1),
        lr: record
            .map(|r| r.lr_weight)
            .or(settings.first().map(|s| s.lr_weight)),
        momentum: record.map(|r| r.momentum),
        loss: record.map(|r| r.loss),
        accuracy,
    };
    let report = s.report(main);
    let others: Vec<(String, Regime)> = if n > 1 {
        (0..n)
            .filter(|&k| k != main)
            .map(|k| {
                (
                    format!("lr0 {}", fmt_lr(s.slots[k].lr0)),
                    s.report(k).regime,
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let diverged = match run.status() {
        Status::Diverged { step } => Some(AttrValue::from(format!(
            "The run stopped at iteration {step}: the loss grew more than {}-fold. Lower lr0, add warmup, or clip the gradients.",
            crate::engine::run::EXPLODE_FACTOR
        ))),
        _ => None,
    };

    let marks = match s.curvature {
        Curvature::Exact(sp) => {
            let limit = stable_limit(&config, sp.lambda_max);
            let mut m = vec![Mark {
                value: limit,
                label: format!("limit {}", fmt_lr(limit)),
                title: "largest stable rate: 2/λmax (adjusted for momentum)".into(),
                class: "critical",
            }];
            if config.momentum == 0.0 {
                m.insert(
                    0,
                    Mark {
                        value: sp.best_lr(),
                        label: format!("best {}", fmt_lr(sp.best_lr())),
                        title: "best fixed rate 2/(λmin+λmax): fastest convergence".into(),
                        class: "best",
                    },
                );
            }
            m
        }
        Curvature::Estimated(l) => {
            let limit = stable_limit(&config, l);
            vec![Mark {
                value: limit,
                label: format!("≈ limit {}", fmt_lr(limit)),
                title: "largest stable rate for the curvature at the start, estimated by power iteration".into(),
                class: "critical",
            }]
        }
        Curvature::Unknown => Vec::new(),
    };

    let minimum = s.valley.as_ref().map(|v| v.minimum);
    let labels = match config.task {
        Task::Line => ("w", "b"),
        _ => ("a", "b"),
    };
    let landscape_text = landscape_summary(
        &paths.first().map(|p| p.points.clone()).unwrap_or_default(),
        minimum,
        labels,
    );
    let note = if config.task == Task::Line {
        ""
    } else if config.random_dirs {
        "Computing the landscape along two random directions…"
    } else if s.filling() {
        "Computing the landscape along the path's two main directions…"
    } else {
        "The landscape is drawn along the two directions the path moved most (PCA), when the run ends or you pause."
    };
    let boundary = match (config.task, &s.slots[main].run.train_set().targets) {
        (Task::Toy(_), Targets::Classes { labels, .. }) => Some(boundary_cache.borrow_mut().get(
            s.slots[main].run.params(),
            &s.slots[main].run.train_set().inputs,
            labels,
        )),
        _ => None,
    };
    let backdrop = fill_throttle.borrow_mut().get(&s);
    let progress = s.landscape_progress();
    let floor = s.valley.as_ref().map(|v| v.min_loss);
    let finished = s.finished();
    let has_ghost = s.ghost.is_some();
    drop(s);

    let preset = config.preset.as_deref().and_then(Preset::parse);
    let c = config.clone();
    let field = |name: &'static str, label: &'static str| {
        html! { <FieldControl {name} {label} config={c.clone()} on_action={dispatch.clone()} /> }
    };
    let task_labels: Vec<&'static str> = Task::ALL.iter().map(|t| t.label()).collect();
    let decay_labels: Vec<&'static str> = DecayKind::ALL.iter().map(|d| d.label()).collect();

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
            if !config.hides("preset") {
                <Lessons current={preset} {on_preset} />
            }
            <section class="controls" aria-label="Settings">
                if !config.hides("lr0") {
                    <LogSlider id="lr0" label="Learning rate lr0" value={config.lr0}
                        min={LR_MIN} max={LR_MAX} {marks} on_change={on_lr} />
                }
                <fieldset>
                    <legend>{ "Model and data" }</legend>
                    <FieldControl name="task" label="Task " config={c.clone()} on_action={dispatch.clone()} labels={task_labels} />
                    { field("noise", "Noise ") }
                    { field("seed", "Seed ") }
                    if config.task == Task::Line { { field("shift", "Valley stretch ") } }
                </fieldset>
                <fieldset>
                    <legend>{ "Schedule" }</legend>
                    { field("epochs", "Epochs ") }
                    { field("batch", "Batch ") }
                    <FieldControl name="decay" label="Decay " config={c.clone()} on_action={dispatch.clone()} labels={decay_labels} />
                    if matches!(config.decay, DecayKind::Linear | DecayKind::Cosine) { { field("lrf", "Final fraction ") } }
                    if config.decay == DecayKind::Step {
                        { field("step_every", "Every (epochs) ") }
                        { field("step_factor", "Factor ") }
                    }
                    if config.decay == DecayKind::Exponential { { field("gamma", "γ per epoch ") } }
                    if config.decay != DecayKind::OneCycle {
                        { field("warmup_epochs", "Warmup epochs ") }
                        { field("warmup_bias_lr", "Bias lr at start ") }
                        { field("warmup_momentum", "Momentum at start ") }
                    }
                </fieldset>
                <fieldset>
                    <legend>{ "Optimizer" }</legend>
                    { field("optimizer", "Optimizer ") }
                    { field("momentum", "Momentum ") }
                    if config.optimizer == crate::state::OptKind::Sgd { { field("nesterov", "Nesterov ") } }
                    { field("weight_decay", "Weight decay ") }
                </fieldset>
                <details class="advanced">
                    <summary>{ "Advanced" }</summary>
                    { field("nbs", "Nominal batch ") }
                    { field("clip", "Clip gradient norm at 10 ") }
                    if config.task != Task::Line { { field("dirs", "Landscape directions ") } }
                </details>
            </section>
            <section class="run-bar" aria-label="Run">
                <Playback playing={playing.borrow().get()} {finished} speed={speed.borrow().get()}
                    iteration={done} {total} {on_toggle} {on_step} {on_reset} {on_speed} />
                <div class="run-tools">
                    { field("compare", "Compare lr0/10, lr0, lr0×10 ") }
                    if config.compare { { field("lrs", "or these rates ") } }
                    <button type="button" id="pin" onclick={on_pin}>{ "Pin as ghost" }</button>
                    if has_ghost { <button type="button" id="unpin" onclick={on_unpin}>{ "Remove ghost" }</button> }
                </div>
                <div class="scrub">
                    <label for="scrub">{ "Time cursor" }</label>
                    <input type="range" id="scrub" min="0" max={done.saturating_sub(1).to_string()} step="1"
                        value={shown.unwrap_or(0).to_string()} oninput={on_scrub} disabled={done == 0}
                        aria-valuetext={format!("iteration {}", shown.map_or(0, |k| k + 1))} />
                </div>
            </section>
            <Readouts {values} regime={report.regime} why={report.why} {others} {diverged} />
            <div class="charts">
                <LandscapeView {backdrop} paths={Rc::new(paths)} {minimum} cursor={path_cursor}
                    {progress} note={note} summary={landscape_text} />
                <div class="chart-column">
                    <ScheduleView settings={settings.clone()} {warmup}
                        reference={(*reference).clone().map(|r| (r, "other decay"))} cursor={at} on_cursor={on_cursor.clone()} />
                    <LossView curves={Rc::new(curves)} steps={total} {floor} cursor={at} {on_cursor} />
                </div>
                if let Some(b) = boundary {
                    <BoundaryView boundary={b} />
                }
            </div>
            if !config.embed {
                <footer>
                    <p>{ "Stride runs entirely in your browser; nothing is sent anywhere. Parameter names and \
                          semantics follow Ultralytics YOLO and PyTorch." }</p>
                    if config.task == Task::Digits {
                        <p>{ "Digits: “Optical Recognition of Handwritten Digits”, E. Alpaydin and C. Kaynak (1998), \
                              UCI Machine Learning Repository, CC BY 4.0." }</p>
                    }
                </footer>
            }
        </main>
    }
}
