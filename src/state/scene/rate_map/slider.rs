//! The lr0 slider's marks: the one rate the page suggests (the map's rate to try) and the limits
//! that bound it. The fastest fixed rate stays in the map's folded list: with "fastest 0.46" on
//! the slider and "Try lr0 ≈ 0.21" in the map, three students in a row asked which to use.

use super::{RateMap, Source};
use crate::engine::stability::fmt_lr;
use crate::state::scene::readout::Mark;

/// Under `optimizer=auto`, the rate the run trains at, where the slider's lr0 is not it: a
/// student read lr0 0.01 on the slider beside a run at 0.00167 and took the slider's rate for
/// the one used. Not offered as a pick: auto ignores lr0 whatever it is set to.
pub fn auto_mark(rate: f64, optimizer: &str) -> Mark {
    Mark {
        value: rate,
        label: format!("auto uses {}", fmt_lr(rate)),
        title: format!(
            "optimizer=auto ignores lr0, the slider's rate, and trains with {optimizer} at this rate instead, fitted to the number of classes (round(0.002·5/(4 + nc), 6)); to train at a rate of your own, set the optimizer in Settings"
        ),
        class: "auto",
    }
}

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
        if let Some((wrong, start)) = self.below_start(marks) {
            let how = Self::wrong_words(wrong);
            out.retain(|m| m.class != "critical");
            out.push(Mark {
                value: wrong.value,
                label: format!("runs go wrong from {}", fmt_lr(wrong.value)),
                title: format!(
                    "in the LR sweep, whole runs of these settings go wrong from this rate on: {how}. The limit at start, ≈ {}, comes from how sharply the loss bends at the starting weights only, and a network's loss bends more sharply as it trains, so whole runs go wrong below it",
                    fmt_lr(start)
                ),
                class: "critical",
            });
        }
        if let Some(t) = self.try_lr {
            // The claim is "Try lr0 ≈ X: why." The tip gives the why, under the mark that
            // already says X; the evidence stays in the map.
            let why = self
                .claim
                .split_once(": ")
                .map_or(self.claim.as_str(), |(_, why)| why)
                .trim_end_matches('.');
            out.push(Mark {
                value: t,
                // Where every fixed rate crawls, the mark does not say "try" (a student read
                // "try, still crawls" as the page recommending a rate that fails), and says so
                // in plain words (a student asked what "crawls least" meant).
                label: format!("{} {}", if crawls { "least slow" } else { "try" }, fmt_lr(t)),
                // How to use it, last: a student tapped the mark as if it were a button and
                // met only this tip, lr0 unchanged. Where the map is: folded in the course, a
                // student looked for it "below the charts" and did not find it.
                title: format!(
                    "{}, from the rate map under More tools, below the charts, which also says where the other rates come from: {why}{}. {USE_MARK}",
                    if crawls {
                        // The claim's reason says it gets furthest: said once (a student read
                        // "this one gets furthest… it gets furthest"). It names what the mark
                        // is: "no fixed rate learns this in the run, from the rate map" did not.
                        "the least slow fixed rate"
                    } else {
                        "the one rate this page suggests"
                    },
                    self.beside_fastest(t)
                ),
                class: "try",
            });
        }
        Mark::in_scale_order(&mut out);
        out
    }

    /// Why the rate to try `t` is not the fastest fixed rate where that one is on the map too
    /// and near it (a student met the mark at 0.00677 beside the verdict's "fastest rate
    /// 0.00721" with nothing said): over the run's steps the slightly smaller rate ends lower.
    fn beside_fastest(&self, t: f64) -> String {
        match self.rate(super::Source::Fastest) {
            Some(f) if f > t && f < 1.5 * t => format!(
                ". It is a little below the fastest rate in the long run, 2/(λmin+λmax) = {}: over this run's steps the smaller rate's zig-zag across the steep walls, where the loss is most curved, dies out sooner, so it ends lower",
                fmt_lr(f)
            ),
            _ => String::new(),
        }
    }

    /// On a network the limit is the start's estimate, and whole runs can fail far below it
    /// (a student trusted "limit at start ≈ 2.75" on the spirals and lr0 1 diverged): the first
    /// rate from which the sweep's runs go wrong, where that is below the limit estimated at
    /// the start among `marks`, with that limit. Where they go wrong only above it, the start's
    /// limit is the tighter, and the one the verdict quotes.
    fn below_start(&self, marks: &[Mark]) -> Option<(&super::RatePoint, f64)> {
        let start = marks
            .iter()
            .find(|m| m.class == "critical" && m.label.contains('≈'))?
            .value;
        self.wrong().filter(|w| w.value < start).map(|w| (w, start))
    }

    /// What "go wrong" means from `wrong` on, by the sweep's rule that found it. One name on
    /// the slider for either: a student read "runs fail from" and "runs go wrong from" as one
    /// idea under two names.
    fn wrong_words(wrong: &super::RatePoint) -> &'static str {
        if wrong.source == Source::SweepEdge {
            "one blows up, or ends more than twice as high as the best run below it"
        } else {
            "they blow up, or end about as high as the smallest rate's run, which barely moved"
        }
    }

    /// A sentence for the verdict where the slider's line is the sweep's rather than the
    /// start's limit the verdict weighs lr0 against: the spirals' verdict called a rate safe
    /// "below half the stable limit ≈ 2.75" beside a slider saying runs fail from 0.316. Else,
    /// where lr0 lies past where the sweep's runs go wrong, that its run is no safe rate.
    pub fn verdict_note(&self, marks: &[Mark], lr0: f64) -> Option<String> {
        let Some((wrong, start)) = self.below_start(marks) else {
            // Past where the sweep's runs go wrong, above the limit at start: a run there that
            // ends well is luck, as the sweep says (a teacher met CONVERGING at 3.16 on moons
            // beside the sweep's "one lucky run ... not a safe rate").
            let w = self.wrong().filter(|w| lr0 >= w.value)?;
            return Some(format!(
                "In the LR sweep, whole runs of these settings go wrong from {}: at lr0 {}, past it, a run that ends well is luck, not a safe rate.",
                fmt_lr(w.value),
                fmt_lr(lr0)
            ));
        };
        let (at, side) = (
            fmt_lr(wrong.value),
            if lr0 < wrong.value {
                "below"
            } else {
                "at or above"
            },
        );
        Some(format!(
            "In the LR sweep, whole runs of these settings go wrong from {at}, well below the limit at start ≈ {}: lr0 {} is {side} {at}.",
            fmt_lr(start),
            fmt_lr(lr0)
        ))
    }

    /// Where a verdict says lr0's run settles at the bottom and the slider's try mark is another, what the
    /// mark is, from the map's own claim: a student met "A good rate" for lr0 0.22 beside
    /// "try 0.0684" and took the two for a contradiction.
    pub fn good_rate_note(&self, why: &str, lr0: f64) -> Option<String> {
        let t = self.try_lr.filter(|t| fmt_lr(*t) != fmt_lr(lr0))?;
        let (_, reason) = self.claim.split_once(": ")?;
        why.contains("settles at the bottom")
            .then(|| format!("The slider's try mark is {}: {reason}", fmt_lr(t)))
    }

    /// The first rate from which the sweep's whole runs go wrong (its edge, else its cliff).
    pub fn wrong(&self) -> Option<&super::RatePoint> {
        first_wrong(&self.points)
    }
}

/// [`super::RateMap::wrong`] among `points`, for the map while it is being built.
pub(super) fn first_wrong(points: &[super::RatePoint]) -> Option<&super::RatePoint> {
    let at = |s: Source| points.iter().find(|p| p.source == s);
    at(Source::SweepEdge).or_else(|| at(Source::SweepCliff))
}

/// How to set a mark's rate: the try mark is a button, its "?" opens this tip.
pub const USE_MARK: &str =
    "To use it, click or tap the mark, or pick it in the menu beside the lr0 box";
