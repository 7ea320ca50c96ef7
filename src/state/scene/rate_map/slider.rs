//! The lr0 slider's marks: the one rate the page suggests (the map's rate to try) and the limits
//! that bound it. The fastest fixed rate stays in the map's folded list: with "fastest 0.46" on
//! the slider and "Try lr0 ≈ 0.21" in the map, three students in a row asked which to use.

use super::{RateMap, Source};
use crate::engine::stability::fmt_lr;
use crate::state::scene::readout::Mark;

impl RateMap {
    /// The marks the slider shows, lowest first: the rate to try where the map names one (its
    /// reason in the tip, from the map's own lead), then the limits among `marks`; `crawls`
    /// where even that rate crawls in the run, as its badge will say.
    pub fn slider_marks(&self, marks: &[Mark], crawls: bool) -> Vec<Mark> {
        let mut out: Vec<Mark> = marks
            .iter()
            .filter(|m| m.class != "best")
            .cloned()
            .collect();
        // On a network the limit is the start's estimate, and whole runs can fail far below it
        // (a student trusted "limit at start ≈ 2.75" on the spirals and lr0 1 diverged): once
        // the sweep shows where runs fail, that is the line the slider draws.
        let start = marks
            .iter()
            .find(|m| m.class == "critical" && m.label.contains('≈'))
            .map(|m| m.value);
        let cliff = self.points.iter().find(|p| p.source == Source::SweepCliff);
        if let (Some(start), Some(cliff)) = (start, cliff) {
            out.retain(|m| m.class != "critical" && m.class != "plain");
            out.push(Mark {
                value: cliff.value,
                label: format!("runs fail from {}", fmt_lr(cliff.value)),
                title: format!(
                    "in the LR sweep, whole runs of these settings fail from this rate on: they blow up, or end about as high as the smallest rate's run, which barely moved. The limit at start, ≈ {}, comes from how sharply the loss bends at the starting weights only, and a network's loss bends more sharply as it trains, so whole runs fail {} it",
                    fmt_lr(start),
                    if cliff.value < start { "below" } else { "near" }
                ),
                class: "critical",
            });
        }
        if let Some(t) = self.try_lr {
            // The lead is "Try lr0 ≈ X: why." The tip gives the why, under the mark that
            // already says X.
            let why = self
                .lead
                .split_once(": ")
                .map_or(self.lead.as_str(), |(_, why)| why)
                .trim_end_matches('.');
            out.push(Mark {
                value: t,
                label: format!("try{} {}", if crawls { ", still crawls" } else { "" }, fmt_lr(t)),
                title: format!("the one rate this page suggests, from the rate map below the charts, which also says where the other rates come from: {why}"),
                class: "try",
            });
        }
        out.sort_by(|a, b| a.value.total_cmp(&b.value));
        out
    }
}
