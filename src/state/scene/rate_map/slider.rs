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
            // The limit without momentum is named, as a number, in the limit's own label: as a
            // tick of its own it lay over the rate to try's label, and bare, students asked
            // what it was.
            .filter(|m| m.class != "best" && m.class != "plain")
            .cloned()
            .collect();
        // On a network the limit is the start's estimate, and whole runs can fail far below it
        // (a student trusted "limit at start ≈ 2.75" on the spirals and lr0 1 diverged): where
        // the sweep shows runs going wrong below it, that is the line the slider draws. Where
        // they go wrong only above it, the start's limit stays: it is the tighter, and the one
        // the verdict quotes.
        let start = marks
            .iter()
            .find(|m| m.class == "critical" && m.label.contains('≈'))
            .map(|m| m.value);
        if let (Some(start), Some(wrong)) = (start, self.wrong()) {
            if wrong.value < start {
                let (from, what) = if wrong.source == Source::SweepEdge {
                    (
                        "runs go wrong from",
                        "go wrong from this rate on: one blows up, or ends more than twice as high as the best run below it",
                    )
                } else {
                    (
                        "runs fail from",
                        "fail from this rate on: they blow up, or end about as high as the smallest rate's run, which barely moved",
                    )
                };
                out.retain(|m| m.class != "critical");
                out.push(Mark {
                    value: wrong.value,
                    label: format!("{from} {}", fmt_lr(wrong.value)),
                    title: format!(
                        "in the LR sweep, whole runs of these settings {what}. The limit at start, ≈ {}, comes from how sharply the loss bends at the starting weights only, and a network's loss bends more sharply as it trains, so whole runs go wrong below it",
                        fmt_lr(start)
                    ),
                    class: "critical",
                });
            }
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
                // Where every fixed rate crawls, the mark does not say "try" (a student read
                // "try, still crawls" as the page recommending a rate that fails).
                label: format!("{} {}", if crawls { "crawls least" } else { "try" }, fmt_lr(t)),
                title: format!(
                    "{}, from the rate map below the charts, which also says where the other rates come from: {why}",
                    if crawls {
                        "no fixed rate learns this in the run; this one gets furthest"
                    } else {
                        "the one rate this page suggests"
                    }
                ),
                class: "try",
            });
        }
        out.sort_by(|a, b| a.value.total_cmp(&b.value));
        out
    }
}

impl RateMap {
    /// The first rate from which the sweep's whole runs go wrong (its edge, else its cliff).
    pub fn wrong(&self) -> Option<&super::RatePoint> {
        let at = |s: Source| self.points.iter().find(|p| p.source == s);
        at(Source::SweepEdge).or_else(|| at(Source::SweepCliff))
    }
}
