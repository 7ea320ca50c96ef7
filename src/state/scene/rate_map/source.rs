//! Where a rate on the map comes from, and the colour each source is drawn in.

use plotters::style::RGBColor;

use crate::charts::palette;

/// Where a rate on the map comes from; it picks the colour and the row its label sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The stable limit (2/λmax, adjusted for momentum), exact or estimated at the start.
    Limit,
    /// Plain SGD's limit, without momentum.
    PlainLimit,
    /// The fastest fixed rate 2/(λmin+λmax), where the curvature is known exactly.
    Fastest,
    /// One of fast.ai's suggestions.
    Finder,
    /// The sweep's lowest final loss.
    SweepLowest,
    /// The first swept rate from which runs go wrong (one diverges, or its final loss more than
    /// doubles the lowest below it), where that is below [`Source::SweepCliff`]: the recommendation
    /// stops there.
    SweepEdge,
    /// The first swept rate from which every run fails (diverges or learns nothing).
    SweepCliff,
    /// Ultralytics' default lr0.
    Default,
    /// The lr0 set now.
    Lr0,
    /// The rate `optimizer=auto` trains at, in lr0's place: auto ignores lr0.
    Auto,
    /// The one rate the map recommends.
    Try,
}

impl Source {
    /// Its colour on the chart (Okabe–Ito), one meaning per colour across the page: green the
    /// rate to try, as on the slider; vermillion where steps or runs go wrong, as the slider's
    /// limit, the sweep's and the loss chart's divergence line; blue the finder's picks, as on
    /// the finder's own chart, whose colours avoid these (students read the finder's pink pick
    /// and green slide as the map's pink limit and green rate to try).
    pub fn color(self) -> RGBColor {
        match self {
            Source::Limit => palette::VERMILLION,
            Source::PlainLimit => palette::GREY,
            Source::Fastest => palette::GREEN,
            Source::Finder => palette::BLUE,
            Source::SweepLowest => palette::ORANGE,
            Source::SweepEdge | Source::SweepCliff => palette::VERMILLION,
            Source::Default => palette::SKY,
            Source::Lr0 | Source::Auto => palette::INK,
            Source::Try => palette::GREEN,
        }
    }
}
