//! The LR finder panel: the range test's smoothed loss against the rate, its four
//! suggestions, and one sentence on why the curve has its shape, read off the curve itself.

use std::rc::Rc;

use crate::engine::lr_finder::Finder;
use crate::engine::stability::fmt_lr;

/// fast.ai's name for the finder's pick ([`FinderView::pick`]).
pub const PICK: &str = "minimum/10";

/// What the finder panel draws.
#[derive(Clone, Debug, PartialEq)]
pub struct FinderView {
    /// The range test: rates, smoothed and raw losses, suggestions.
    pub finder: Rc<Finder>,
    /// The suggestions there are, as (fast.ai's name, rate), valley (its default) first.
    pub suggestions: Vec<(&'static str, f64)>,
    /// Why the curve has its shape.
    pub sentence: String,
    /// The lr0 set now, drawn for comparison.
    pub lr0: f64,
    /// On an exact valley, the rate below which a whole run of these settings is a crawl: a
    /// suggestion below it says so on its button (fast.ai's valley, its first pick, crawled on
    /// the line, and two students followed it there).
    pub crawls_below: Option<f64>,
    /// Where its pick sits against the rate map's band of rates whose whole runs end as low
    /// ([`crate::state::scene::RateMap::relation`]), said on its own line after the lead (which
    /// keeps to two numbers).
    pub agrees: Option<String>,
    /// On an exact valley, the slider's stable limit: where the curve's lowest point lies past
    /// it, the lead says so (a teacher met "limit 0.498" on the slider and "lowest at the rate
    /// 1.91" here, and asked which was right).
    pub limit: Option<f64>,
    /// The loss hardly fell at any rate ([`flat`]): its suggestions are read off noise, so they
    /// are neither drawn nor offered as buttons (a student on spirals read "little to read"
    /// above four picks to click, and later "nothing to pick here" beside four drawn lines).
    pub flat: bool,
}

impl FinderView {
    /// The suggestions the chart draws, its legend names and its buttons offer: none on a flat
    /// curve.
    pub fn shown(&self) -> &[(&'static str, f64)] {
        if self.flat { &[] } else { &self.suggestions }
    }

    /// The suggestions the chart draws and its legend names, as (fast.ai's name, rate): the
    /// finder's pick alone (minimum/10, the one the lead names and the first button sets), or all
    /// four once the reader unfolds fast.ai's picks. A student met the lead's one pick beside
    /// four coloured lines and four buttons, and asked which of five rates to use.
    pub fn drawn(&self, unfolded: bool) -> Vec<(&'static str, f64)> {
        self.shown()
            .iter()
            .copied()
            .filter(|&(name, _)| unfolded || name == PICK)
            .collect()
    }

    /// Whether lr0 can be set to a suggestion: the slider's range holds it.
    pub fn settable(&self, lr: f64) -> bool {
        use crate::state::settings::config::{LR_MAX, LR_MIN};
        (LR_MIN..=LR_MAX).contains(&lr)
    }

    /// What a suggestion's button says besides its rate: a warning where a whole run at it
    /// would crawl.
    pub fn caveat(&self, lr: f64) -> Option<String> {
        use crate::state::settings::config::{LR_MAX, LR_MIN};
        // A rate off the slider cannot be set: its button is shown but disabled, and says why
        // (a YOLO user pressed "lr0 = 7.59e-7 (steep)" and found lr0 1e-5 with nothing said;
        // the next found a button that set another rate than it named).
        if !self.settable(lr) {
            let end = if lr < LR_MIN { "below" } else { "above" };
            return Some(format!(
                "{end} the slider's {}, so not offered",
                fmt_lr(lr.clamp(LR_MIN, LR_MAX))
            ));
        }
        self.crawls_below
            .filter(|&c| lr < c)
            .map(|_| "a crawl over this whole run".to_string())
    }

    /// fast.ai's valley, where a whole run at it would crawl: the picks' sentence and the
    /// caption's lead both say so first.
    fn crawling_valley(&self) -> Option<f64> {
        self.suggestions
            .iter()
            .find(|(name, _)| *name == "valley")
            .map(|&(_, lr)| lr)
            .filter(|&lr| self.caveat(lr).is_some())
    }

    /// What the picks are for, after the curve's sentence. fast.ai offers the valley as the
    /// rate to train with (a teacher caught an earlier "for the first few minibatches"). Where
    /// fast.ai's valley would crawl over a whole run, that comes first, and the rate map's rate
    /// to try is named as the one for a whole run: a student read "valley is its usual first
    /// pick", clicked it past its button's warning, and saw the loss crawl.
    pub fn picks(&self) -> String {
        if self.flat {
            return "So no pick is offered: the suggestions marked on the curve are read off noise. The LR sweep below runs whole runs at each rate.".into();
        }
        // Two students took fast.ai's "valley" for the landscape's: the name is said to be fast.ai's.
        let rest = "(\"Valley\" is fast.ai's name for where this curve starts its long fall, not the landscape's valley.) minimum/10 is a tenth of the lowest point's rate; steep is where the loss falls fastest.";
        match self.crawling_valley() {
            Some(lr) => format!(
                "Here the valley, {}, would crawl over this whole run: fast.ai suggests it as the rate to train with, but reads it from this short test alone, and here whole runs can take more. For this run, use the rate map's rate to try, found from whole runs. {rest}",
                fmt_lr(lr)
            ),
            None => format!(
                "Valley, fast.ai's default, is its suggested rate to train with, read from this short test alone (the rate map above checks rates against whole runs). {rest}"
            ),
        }
    }

    /// The caption's first line, in plain words and at most two numbers: what to pick and,
    /// where fast.ai's first pick would crawl over a whole run, that it would. The reading of
    /// the curve and of fast.ai's four picks ([`sentence`], [`FinderView::picks`]) is folded
    /// under it: a student met 110 words and four buttons here and scored the page 40.
    pub fn lead(&self) -> String {
        if self.flat {
            return "The loss hardly falls at any rate, so there is nothing to pick here: the LR sweep below tries whole runs instead.".into();
        }
        // Called the finder's, not fast.ai's: fast.ai's default pick is the valley, and a student
        // met "fast.ai's pick: 0.158" beside "Valley, fast.ai's default" at 0.0191.
        // fast.ai's margin: a tenth of the lowest point, which lags the growing rate (on the
        // line the curve is lowest at 1.91, where a whole run diverges; its tenth trains).
        let Some(tenth) = self.finder.suggestions.minimum else {
            return sentence(&self.finder);
        };
        let past = self
            .limit
            .filter(|&l| 10.0 * tenth > l)
            .map(|l| format!(", above the slider's limit mark {},", fmt_lr(l)))
            .unwrap_or_default();
        let pick = format!(
            "The finder's pick: lr0 near {}, a tenth of {}, the rate where the curve is lowest in the stretch fast.ai reads (not its faded ends): the loss lags behind the growing rate, so at the lowest point itself{past} a whole run would overshoot.",
            fmt_lr(tenth),
            fmt_lr(10.0 * tenth)
        );
        match self.crawling_valley() {
            Some(lr) => format!(
                "{pick} fast.ai's default pick, valley {}, would crawl over a whole run: for a whole run, use the rate map's rate to try.",
                fmt_lr(lr)
            ),
            None => pick,
        }
    }

    /// The indices of the curve fast.ai's suggestions read (the chart draws the rest faded): the
    /// page's finder runs [`crate::engine::lr_finder::FinderConfig::default`]'s minibatches.
    pub fn read_window(&self) -> (usize, usize) {
        crate::engine::lr_finder::read_window(
            self.finder.lrs.len(),
            crate::engine::lr_finder::FinderConfig::default().num_it,
        )
    }

    /// The pick the lead names and the panel's first button sets: fast.ai's minimum/10, on a
    /// curve that is not flat.
    pub fn pick(&self) -> Option<f64> {
        self.finder.suggestions.minimum.filter(|_| !self.flat)
    }

    /// The view of a finished range test, with the slider at `lr0`.
    pub fn build(finder: Rc<Finder>, lr0: f64, crawls_below: Option<f64>) -> FinderView {
        let s = finder.suggestions;
        let suggestions: Vec<(&'static str, f64)> = [
            ("valley", s.valley),
            ("slide", s.slide),
            (PICK, s.minimum),
            (steep_name(&s), s.steep),
        ]
        .into_iter()
        .filter_map(|(name, lr)| lr.map(|lr| (name, lr)))
        .collect();
        FinderView {
            sentence: sentence(&finder),
            flat: flat(&finder),
            finder,
            suggestions,
            agrees: None,
            limit: None,
            lr0,
            crawls_below,
        }
    }
}

/// fast.ai's steep pick is the steepest fall of the loss over a few minibatches, wherever it
/// lies: past the lowest point it is a dip in the climb as the loss blows up (a student met
/// "steep 1.58: where the loss fell fastest" on a line drawn where the curve rises). Its name
/// then says where it lies.
pub fn steep_name(s: &crate::engine::lr_finder::Suggestions) -> &'static str {
    if past_lowest(s) {
        "steep, past the lowest"
    } else {
        "steep"
    }
}

/// Whether the steep pick lies past the lowest point as fast.ai reads it (10 × min/10).
fn past_lowest(s: &crate::engine::lr_finder::Suggestions) -> bool {
    s.steep
        .zip(s.minimum)
        .is_some_and(|(steep, tenth)| steep > 10.0 * tenth * 1.01)
}

/// Whether the range test's loss hardly fell at any rate (its lowest over 90 % of where it
/// started): then its suggestions are read off noise, and nothing should be picked from them.
/// Where it started is the median of its first tenth, the stretch fast.ai leaves out: the
/// first point alone is one minibatch's loss, and with small batches one low or high draw
/// there called a falling curve flat (a YOLO user, batch 4) or a flat one falling.
pub fn flat(f: &Finder) -> bool {
    let finite: Vec<f64> = f.losses.iter().copied().filter(|l| l.is_finite()).collect();
    let Some(low) = finite.iter().copied().reduce(f64::min) else {
        return false;
    };
    let mut head = finite[..(finite.len() / 10).max(1)].to_vec();
    head.sort_unstable_by(f64::total_cmp);
    low > 0.9 * head[head.len() / 2]
}

/// One sentence on the curve: where the loss barely moves, where it falls fastest, where it is
/// lowest, and whether it blew up past that.
pub fn sentence(f: &Finder) -> String {
    let finite: Vec<(f64, f64)> = f
        .lrs
        .iter()
        .zip(&f.losses)
        .map(|(&lr, &l)| (lr, l))
        .filter(|(_, l)| l.is_finite())
        .collect();
    let (Some(&(_, first)), Some(&(lowest_lr, lowest))) = (
        finite.first(),
        finite.iter().min_by(|a, b| a.1.total_cmp(&b.1)),
    ) else {
        return "The range test recorded no finite loss: the model blew up at once.".into();
    };
    let last = finite.last().map_or(first, |p| p.1);
    if flat(f) {
        return format!(
            "The loss hardly falls at any rate up to {}: this model and data give the range test little to read; try more epochs of data or another task.",
            fmt_lr(f.lrs.last().copied().unwrap_or(0.0))
        );
    }
    let past = past_lowest(&f.suggestions);
    let steep = f
        .suggestions
        .steep
        .filter(|_| !past)
        .map_or(String::new(), |s| {
            format!("falls fastest near the rate {} and ", fmt_lr(s))
        });
    let climb = match f.suggestions.steep.filter(|_| past) {
        Some(s) => format!(
            " fast.ai's steep pick, {}, lies past that lowest point: its fastest fall over a few minibatches is here a dip in the climb as the loss blows up, no rate to train at.",
            fmt_lr(s)
        ),
        None => String::new(),
    };
    let end = if f.stopped_early {
        "; past that each step overshoots and the loss blows up, which ends the test"
    } else if last > 2.0 * lowest {
        "; past that each step overshoots and the loss climbs again"
    } else {
        "; past that it no longer falls"
    };
    // Two numbers for one idea read as a contradiction unless the sentence says which is which;
    // each rate is called one ("lowest near 3.31" beside a loss axis read as a loss).
    let tenth = f.suggestions.minimum.map_or(String::new(), |m| {
        format!(
            " The min/10 pick, {}, is not a second answer: it is that lowest point divided by 10, fast.ai's margin, because the loss blows up soon after its lowest point.",
            fmt_lr(m)
        )
    });
    // The lowest point as fast.ai reads it, on its slice without the last 5 minibatches, so
    // that min/10 is that point divided by 10 (a student read "lowest near 3.31" beside "min/10
    // 0.191, that lowest point divided by 10"); where the curve dips once more in those last
    // minibatches, the sentence says so.
    let read = f.suggestions.minimum.map_or(lowest_lr, |m| 10.0 * m);
    let dip = if f.suggestions.minimum.is_some() && lowest_lr > 1.5 * read {
        format!(
            " (fast.ai leaves out the first tenth and the last 5 minibatches, faded on the chart; there the curve dips once more, near the rate {}, as it blows up)",
            fmt_lr(lowest_lr)
        )
    } else {
        String::new()
    };
    format!(
        "At tiny rates the steps are too small to move the loss; the test's smoothed loss {steep}is lowest near the rate {}{dip}{end}. The rate grows every minibatch and the smoothed loss lags behind it, so that point often lies past the rates a whole run can train at. A good lr0 lies below the lowest point, where the loss still falls steeply.{tenth}{climb}",
        fmt_lr(read)
    )
}
