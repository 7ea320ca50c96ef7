//! The landscape as a mountain in 3-D, turned by drag (mouse, pen or touch) or by the arrow
//! keys while it has focus. The same two stacked canvases as the map, with the same ids, so
//! the PNG export joins them the same way.

use std::rc::Rc;

use web_sys::{Element, KeyboardEvent, PointerEvent};
use yew::prelude::*;

use crate::charts::mountain;
use crate::state::scene::{HOW_TO_TURN, LandscapeView as View, Turn};
use crate::state::settings::gesture::Touch;
use crate::ui::hooks::{use_colors, use_plot};

#[derive(Properties, PartialEq)]
pub struct MountainViewProps {
    pub view: View,
}

#[component]
pub fn MountainView(props: &MountainViewProps) -> Html {
    let background = use_node_ref();
    let canvas = use_node_ref();
    let turn = use_state(Turn::default);
    let dragging = use_state(|| false);
    // Where the pointer was at the last move of a drag; `None` when not dragging.
    let grab = use_mut_ref(|| None::<(i32, i32)>);
    // A finger's gesture, read as on the lr0 slider: only a sideways drag turns the mountain;
    // a swipe up or down is the page's scroll (it had tilted the mountain on its way).
    let touch = use_mut_ref(|| None::<Touch>);
    let colors = use_colors();
    let v = &props.view;
    let view = if *dragging {
        turn.turning()
    } else {
        turn.view()
    };
    use_plot(
        background.clone(),
        (v.mountain.clone(), view, colors),
        |area, (m, view, colors)| match m {
            Some(m) => mountain::draw_surface(area, m, *view, colors),
            None => Ok(()),
        },
    );
    let deps = (
        v.mountain.clone(),
        v.paths.clone(),
        v.minimum,
        v.cursor,
        view,
        colors,
    );
    use_plot(
        canvas.clone(),
        deps,
        |area, (m, paths, minimum, cursor, view, colors)| match m {
            Some(m) => {
                let walk = (&paths[..], *minimum, *cursor);
                mountain::draw_walk(area, m, *view, walk, colors)
            }
            None => Ok(()),
        },
    );
    let down = {
        let (grab, dragging, touch) = (grab.clone(), dragging.clone(), touch.clone());
        Callback::from(move |e: PointerEvent| {
            let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
            *touch.borrow_mut() = (e.pointer_type() == "touch").then(|| Touch::start(x, y, 0.0));
            dragging.set(true);
            if let Some(el) = e.target_dyn_into::<Element>() {
                // Keeps the drag when the pointer leaves the canvas, as a slider does.
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            *grab.borrow_mut() = Some((e.client_x(), e.client_y()));
        })
    };
    let moved = {
        let (grab, turn, touch) = (grab.clone(), turn.clone(), touch.clone());
        Callback::from(move |e: PointerEvent| {
            let mut grab = grab.borrow_mut();
            if let Some(t) = touch.borrow_mut().as_mut() {
                t.moved(f64::from(e.client_x()), f64::from(e.client_y()));
                if !t.slides() {
                    // Not yet a turn: the drag starts from here once it is one.
                    if grab.is_some() {
                        *grab = Some((e.client_x(), e.client_y()));
                    }
                    return;
                }
            }
            if let Some((x, y)) = *grab {
                let (dx, dy) = (e.client_x() - x, e.client_y() - y);
                if dx != 0 || dy != 0 {
                    *grab = Some((e.client_x(), e.client_y()));
                    turn.set(turn.dragged(f64::from(dx), f64::from(dy)));
                }
            }
        })
    };
    let up = {
        let (grab, dragging, touch) = (grab.clone(), dragging.clone(), touch.clone());
        Callback::from(move |_: PointerEvent| {
            *touch.borrow_mut() = None;
            *grab.borrow_mut() = None;
            dragging.set(false);
        })
    };
    let key = {
        let turn = turn.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(next) = turn.key(&e.key()) {
                // The arrows turn the mountain here, not the page or the course's steps.
                e.prevent_default();
                e.stop_propagation();
                turn.set(next);
            }
        })
    };
    let label: Rc<str> = if v.walk.is_empty() {
        Rc::from("The loss landscape as a mountain in 3-D.")
    } else {
        Rc::from(v.walk.as_str())
    };
    html! {
        <>
            <canvas id="landscape-bg" ref={background} width="460" height="460" aria-hidden="true" />
            <canvas id="landscape" class="layer turnable" ref={canvas} width="460" height="460"
                role="img" tabindex="0" aria-label={label} aria-describedby="mountain-turn"
                onpointerdown={down} onpointermove={moved} onpointerup={up.clone()}
                onpointercancel={up} onkeydown={key} />
            <span id="mountain-turn" class="visually-hidden">{ HOW_TO_TURN }</span>
        </>
    }
}
