//! An exported chart's frame (issue 21): the title above the chart, and below it a legend of
//! every line and the settings and numbers of its caption, so that a saved PNG says what it
//! shows without the page around it. The page blits the chart into the gap this leaves.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Area, Colors, DrawResult, font};

/// The text around an exported chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The chart, and the lesson or task it shows.
    pub title: String,
    /// Every line drawn, by name, in its colour.
    pub legend: Vec<(String, RGBColor)>,
    /// Paragraphs under the legend: the settings, then the caption's numbers.
    pub lines: Vec<String>,
}

/// Text sizes at scale 1, in pixels.
const TITLE: f64 = 17.0;
const TEXT: f64 = 13.0;
const PAD: f64 = 10.0;
const SWATCH: f64 = 18.0;

/// A generous width of one character of sans-serif text `px` high: wider than the average,
/// so that a wrapped line never runs past the edge.
fn char_width(px: f64) -> f64 {
    0.6 * px
}

/// `text` broken at spaces into lines no wider than `width` pixels in text `px` high; a word
/// longer than a line gets a line of its own.
pub fn wrap(text: &str, width: f64, px: f64) -> Vec<String> {
    let fits = ((width / char_width(px)).floor() as usize).max(8);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > fits {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where everything goes in a picture `width` pixels wide at `scale` (the canvas's pixels per
/// CSS pixel): the title's band above the chart and the rows below it.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Height of the band above the chart.
    pub header: u32,
    /// Height of the band below it.
    pub footer: u32,
    /// The legend's entries: (x, row, label) of each, rows counted from 0, a label too long
    /// for the picture's width cut short with "…".
    legend: Vec<(f64, usize, String)>,
    /// The paragraphs' wrapped lines.
    text: Vec<String>,
}

impl Figure {
    /// Its layout across `width` pixels at `scale`.
    pub fn layout(&self, width: u32, scale: f64) -> Layout {
        let s = scale.max(0.5);
        let (w, pad, text_px) = (f64::from(width), PAD * s, TEXT * s);
        let row = 1.4 * text_px;
        let mut legend = Vec::new();
        let (mut x, mut r) = (pad, 0);
        let room = w - 2.0 * pad - SWATCH * s - 0.4 * text_px;
        let fits = ((room / char_width(text_px)).floor() as usize).max(4);
        for (label, _) in &self.legend {
            let label = if label.chars().count() > fits {
                let cut: String = label.chars().take(fits - 1).collect();
                format!("{}…", cut.trim_end())
            } else {
                label.clone()
            };
            let span =
                SWATCH * s + 0.4 * text_px + label.chars().count() as f64 * char_width(text_px);
            if x > pad && x + span > w - pad {
                (x, r) = (pad, r + 1);
            }
            legend.push((x, r, label));
            x += span + 1.5 * text_px;
        }
        let text: Vec<String> = self
            .lines
            .iter()
            .flat_map(|l| wrap(l, w - 2.0 * pad, text_px))
            .collect();
        let rows = if legend.is_empty() { 0 } else { r + 1 } + text.len();
        Layout {
            header: (2.0 * pad + 1.3 * TITLE * s).ceil() as u32,
            footer: (2.0 * pad + rows as f64 * row).ceil() as u32,
            legend,
            text,
        }
    }
}

/// Draws the frame of `figure` on `area` (the whole picture, the chart `chart_height` pixels
/// high in the middle), at `scale` canvas pixels per CSS pixel. The chart's own pixels are laid
/// over the gap afterwards.
pub fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    figure: &Figure,
    chart_height: u32,
    scale: f64,
    colors: &Colors,
) -> DrawResult<DB> {
    area.fill(&colors.paper)?;
    let (width, _) = area.dim_in_pixel();
    let layout = figure.layout(width, scale);
    let s = scale.max(0.5);
    let (pad, text_px) = (PAD * s, TEXT * s);
    let row = 1.4 * text_px;
    let px = |v: f64| v.round() as i32;
    let top_left = Pos::new(HPos::Left, VPos::Top);
    area.draw(&Text::new(
        figure.title.clone(),
        (px(pad), px(pad)),
        font((TITLE * s).round() as u32, &colors.ink).pos(top_left),
    ))?;
    let below = f64::from(layout.header + chart_height) + pad;
    let text_style = font(text_px.round() as u32, &colors.ink).pos(top_left);
    for ((_, color), (x, r, label)) in figure.legend.iter().zip(&layout.legend) {
        let y = below + *r as f64 * row + 0.5 * text_px;
        area.draw(&PathElement::new(
            vec![(px(*x), px(y)), (px(x + SWATCH * s), px(y))],
            color.stroke_width((3.0 * s).round() as u32),
        ))?;
        area.draw(&Text::new(
            label.clone(),
            (px(x + SWATCH * s + 0.4 * text_px), px(y - 0.5 * text_px)),
            text_style.clone(),
        ))?;
    }
    let rows = layout.legend.last().map_or(0, |(_, r, _)| r + 1);
    for (k, line) in layout.text.iter().enumerate() {
        let y = below + (rows + k) as f64 * row;
        area.draw(&Text::new(
            line.clone(),
            (px(pad), px(y)),
            text_style.clone(),
        ))?;
    }
    Ok(())
}
