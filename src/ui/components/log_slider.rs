//! A learning-rate input: a slider over log10(lr) with typed entry and marks on its scale.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::slider_mark::SliderMark;
use crate::engine::stability::fmt_lr;
use crate::state::scene::Mark;
use crate::state::settings::gesture::Touch;

#[derive(Properties, PartialEq)]
pub struct LogSliderProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: f64,
    pub min: f64,
    pub max: f64,
    #[prop_or_default]
    pub marks: Vec<Mark>,
    /// Moves of the slider itself (drag, arrow keys).
    pub on_slide: Callback<f64>,
    /// A value typed or picked.
    pub on_change: Callback<f64>,
}

/// Fraction of the way along the log scale.
fn position(value: f64, min: f64, max: f64) -> f64 {
    ((value.log10() - min.log10()) / (max.log10() - min.log10())).clamp(0.0, 1.0)
}

/// The 1-3-10 values between `min` and `max` (1e-5, 3e-5, 1e-4, …), as tensorflow/playground.
pub fn one_three_ten(min: f64, max: f64) -> Vec<f64> {
    let (lo, hi) = (min.log10().floor() as i32, max.log10().ceil() as i32);
    (lo..=hi)
        .flat_map(|e| [10f64.powi(e), 3.0 * 10f64.powi(e)])
        .map(|v| format!("{v:.0e}").parse::<f64>().unwrap_or(v))
        .filter(|v| (min..=max).contains(v))
        .collect()
}

/// The rate at `log10` on the slider, to three significant digits: a readable box and URL.
fn readable(log10: f64) -> f64 {
    let lr = 10f64.powf(log10);
    let scale = 10f64.powi(2 - lr.log10().floor() as i32);
    (lr * scale).round() / scale
}

/// Parses typed entry: "0.01", "1e-3", "3E-4", " .5 ", "0,3". `None` for anything else.
pub fn parse_typed(text: &str) -> Option<f64> {
    crate::state::settings::field::parse_number(text)
}

#[component]
pub fn LogSlider(props: &LogSliderProps) -> Html {
    let typed_error = use_state(|| None::<String>);
    let (min, max) = (props.min, props.max);
    // Uncontrolled, like the number boxes: set from the value only when the value changes.
    let typed_ref = use_node_ref();
    {
        let typed_ref = typed_ref.clone();
        use_effect_with(props.value.to_bits(), move |bits| {
            if let Some(input) = typed_ref.cast::<HtmlInputElement>() {
                input.set_value(&fmt_lr(f64::from_bits(*bits)));
            }
        });
    }

    // A finger on the slider, until it lifts: only a drag along it may set lr0 (see
    // `state::settings::gesture`); the browser moves the slider to the finger as it lands.
    let touch = use_mut_ref(|| None::<Touch>);
    let on_slide = {
        let (on_slide, touch) = (props.on_slide.clone(), touch.clone());
        Callback::from(move |e: InputEvent| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(t) = touch.borrow_mut().as_mut().filter(|t| !t.slides()) {
                t.landed(input.value_as_number());
                input.set_value_as_number(t.before.log10());
                return;
            }
            on_slide.emit(readable(input.value_as_number()));
        })
    };
    let on_down = {
        let (touch, value) = (touch.clone(), props.value);
        Callback::from(move |e: PointerEvent| {
            if e.pointer_type() == "touch" {
                let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
                *touch.borrow_mut() = Some(Touch::start(x, y, value));
            }
        })
    };
    let on_move = {
        let touch = touch.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(t) = touch.borrow_mut().as_mut() {
                t.moved(f64::from(e.client_x()), f64::from(e.client_y()));
            }
        })
    };
    // Lifted, or taken by the page's scroll: a gesture that was not a drag leaves the slider
    // where it was.
    let on_up = {
        let (touch, on_slide) = (touch.clone(), props.on_slide.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(t) = touch.borrow_mut().take().filter(|t| !t.slides()) else {
                return;
            };
            let input = e.target_unchecked_into::<HtmlInputElement>();
            // A tap lifts where it landed; a touch the page took to scroll is cancelled.
            match t.tapped().filter(|_| e.type_() == "pointerup") {
                Some(at) => {
                    input.set_value_as_number(at);
                    on_slide.emit(readable(at));
                }
                None => input.set_value_as_number(t.before.log10()),
            }
        })
    };

    let on_typed = {
        let on_change = props.on_change.clone();
        let typed_error = typed_error.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            match parse_typed(&text) {
                Some(v) if v > 0.0 => {
                    let clamped = v.clamp(min, max);
                    typed_error.set((clamped != v).then(|| {
                        format!(
                            "{} is outside {}…{}; using {}.",
                            text.trim(),
                            fmt_lr(min),
                            fmt_lr(max),
                            fmt_lr(clamped)
                        )
                    }));
                    on_change.emit(clamped);
                }
                _ => typed_error.set(Some(format!(
                    "“{}” is not a learning rate. Type a positive number such as 0.01 or 3e-4.",
                    text.trim()
                ))),
            }
        })
    };

    let on_pick = props.on_change.reform(|e: Event| {
        let select = e.target_unchecked_into::<web_sys::HtmlSelectElement>();
        let v = select.value();
        // Back to "pick": a picked option stayed, showing another value once the marks changed.
        select.set_selected_index(0);
        parse_typed(&v).unwrap_or(f64::NAN)
    });
    let picks = one_three_ten(min, max);
    let [text_id, error_id, marks_id] =
        ["typed", "error", "marks"].map(|k| format!("{}-{k}", props.id));
    html! {
        <div class="log-slider">
            <div class="log-slider-head">
                <label for={props.id.clone()}>{ props.label.clone() }</label>
                <input
                    type="text"
                    id={text_id.clone()}
                    class="typed"
                    ref={typed_ref}
                    inputmode="decimal"
                    aria-label={format!("{} (type a value)", props.label)}
                    aria-invalid={typed_error.is_some().to_string()}
                    aria-describedby={error_id.clone()}
                    onchange={on_typed}
                />
                <select class="pick" aria-label={format!("{}: pick a mark or a round value", props.label)}
                    title={format!("Set {} to one of the slider's marks or a round value", props.label)} onchange={on_pick}>
                    <option value="" selected=true disabled=true>{ "pick" }</option>
                    // The marks too: on a phone two marks lie 2 px apart on the track, and a
                    // finger could not land between them.
                    if !props.marks.is_empty() {
                        <optgroup label="the slider's marks">
                            for m in props.marks.iter().filter(|m| m.class != "auto") {
                                <option value={if m.class == "try" { fmt_lr(m.value) } else { m.value.to_string() }}>{ m.label.clone() }</option>
                            }
                        </optgroup>
                    }
                    <optgroup label="round values">
                        for v in picks {
                            <option value={v.to_string()}>{ fmt_lr(v) }</option>
                        }
                    </optgroup>
                </select>
            </div>
            <div class="log-slider-track">
                <input
                    type="range"
                    id={props.id.clone()}
                    min={min.log10().to_string()}
                    max={max.log10().to_string()}
                    step="0.02"
                    value={props.value.log10().to_string()}
                    aria-valuetext={fmt_lr(props.value)}
                    aria-describedby={marks_id.clone()}
                    oninput={on_slide}
                    onpointerdown={on_down}
                    onpointermove={on_move}
                    onpointerup={on_up.clone()}
                    onpointercancel={on_up}
                />
                <div class="marks" id={marks_id}>
                    <span class="scale-end low" aria-hidden="true">{ fmt_lr(min) }</span>
                    <span class="scale-end high" aria-hidden="true">{ fmt_lr(max) }</span>
                    for mark in props.marks.iter() {
                        <SliderMark mark={mark.clone()} at={position(mark.value, min, max)} on_use={props.on_change.clone()} />
                    }
                </div>
            </div>
            <p class="field-error" id={error_id} role="status">
                { (*typed_error).clone().unwrap_or_default() }
            </p>
        </div>
    }
}
