//! The runs' colours: Okabe–Ito (Okabe & Ito 2008), distinguishable with every common form
//! of colour-blindness, and never the colour of another line on the same chart.

use plotters::style::RGBColor;

use crate::charts::palette;

/// The ghost's colour: a grey no run and no schedule line uses.
pub const GHOST: RGBColor = palette::GREY;

/// The colour of run `k` of `n`, the main run blue. Compare mode's lr0/10 and lr0·10 are sky
/// blue and vermillion, the colours of crawl and divergence; a lesson's other runs orange and
/// reddish purple. (The schedule draws the biases' rate green, so no run shares its colour.)
pub fn run_color(k: usize, n: usize, compare: bool) -> RGBColor {
    let colors: &[RGBColor] = if compare && n == 3 {
        &[palette::BLUE, palette::SKY, palette::VERMILLION]
    } else {
        &[palette::BLUE, palette::ORANGE, palette::PURPLE]
    };
    colors[k % colors.len()]
}
