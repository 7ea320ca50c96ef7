//! The verdict: what the learning rate is doing to a run, in one word and one sentence. It
//! combines the stability analysis (exact for the line's quadratic, estimated at the start for
//! networks) with what the run itself did: its loss, its accuracy, a divergence, and where the
//! schedule is. The rules are [`verdict`]'s, one function each in `rules`, asked in order; the
//! README lists them as a table.

mod rules;

use crate::engine::stability::{
    Regime, Spectrum, critical_lr, heavy_ball_critical_lr, nesterov_critical_lr,
};
use crate::state::settings::config::Config;
pub use rules::WARMUP_BIAS_ADVICE;
use rules::{Context, RULES};

/// The page's verdict on a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The rate is so small that the run gets little done.
    Crawl,
    /// Steady progress.
    Converging,
    /// A classifier that already sorts its data: the loss is low, with little left to fall,
    /// and moves only with the minibatches. Not "converging" on a loss that rose from 0.014 to
    /// 0.026 (the fine-tune step), which a student read as the badge contradicting the run.
    Fits,
    /// Steps overshoot and zig-zag: the loss bounces instead of settling straight (it may still
    /// come down).
    Oscillating,
    /// The loss exploded or is rising, or (on the quadratic) certainly will.
    Diverging,
    /// The rate is still ramping up (warmup, or one-cycle's first phase): small by design.
    WarmingUp,
    /// The schedule has lowered the rate to settle: small by design.
    Annealing,
    /// Accuracy at chance although the rate is not small: the model is not learning.
    Stuck,
    /// Settled where the gradient vanishes, well above a lower minimum the page knows.
    LocalMinimum,
    /// The loss has stopped falling, or falls too slowly to catch up, far above where another
    /// run on the page is.
    Stalled,
}

impl Verdict {
    /// Every verdict, for the pages and tests that list the badges.
    pub const ALL: [Verdict; 10] = [
        Verdict::Crawl,
        Verdict::Converging,
        Verdict::Fits,
        Verdict::Oscillating,
        Verdict::Diverging,
        Verdict::WarmingUp,
        Verdict::Annealing,
        Verdict::Stuck,
        Verdict::LocalMinimum,
        Verdict::Stalled,
    ];

    /// Its label.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Crawl => "crawl",
            Verdict::Converging => "converging",
            Verdict::Fits => "already fits",
            Verdict::Oscillating => "oscillating",
            Verdict::Diverging => "diverging",
            Verdict::WarmingUp => "warming up",
            Verdict::Annealing => "annealing",
            Verdict::Stuck => "not learning",
            Verdict::LocalMinimum => "local minimum",
            Verdict::Stalled => "stalled",
        }
    }

    /// What the badge means, in plain words, for its tip: a student met STALLED and ANNEALING
    /// with nothing to tap that said what they were.
    pub fn meaning(self) -> &'static str {
        match self {
            Verdict::Crawl => {
                "The steps are too small: the loss falls, but so slowly that the run ends far from the bottom."
            }
            Verdict::Converging => {
                "The loss keeps falling towards the bottom, smoothly or with the minibatches' noise, and no step overshoots it by much."
            }
            Verdict::Fits => {
                "The model already sorts its data well: the loss is low, with little left to fall, and moves only with the minibatches' noise."
            }
            Verdict::Oscillating => {
                "Each step overshoots the bottom, so the path zig-zags from side to side; the loss may still come down."
            }
            Verdict::Diverging => {
                "The steps are too large: each overshoots by more than the last and the loss grows, or it jumps up and stays high."
            }
            Verdict::WarmingUp => {
                "The rate is kept small at the start on purpose (warmup), and climbs over the first epochs while the weights settle."
            }
            Verdict::Annealing => {
                "The schedule has lowered the rate on purpose so the run settles; small steps are expected now."
            }
            Verdict::Stuck => {
                "The accuracy stays at chance, no better than guessing, although the rate is not small."
            }
            Verdict::LocalMinimum => {
                "The run has come to rest in a hollow where the slope is zero, but the page knows a lower one."
            }
            Verdict::Stalled => {
                "The loss has stopped falling, or falls too slowly to catch up, far above where another run got."
            }
        }
    }

    /// Its style class (its colour).
    pub fn class(self) -> &'static str {
        match self {
            Verdict::WarmingUp => "warmup",
            Verdict::Stuck => "stuck",
            Verdict::LocalMinimum => "local",
            Verdict::Fits => "fits",
            v => v.name(),
        }
    }

    fn of(regime: Regime) -> Verdict {
        match regime {
            Regime::Crawl => Verdict::Crawl,
            Regime::Converging => Verdict::Converging,
            Regime::Oscillating => Verdict::Oscillating,
            Regime::Diverging => Verdict::Diverging,
        }
    }
}

/// What is known about the curvature of the loss.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Curvature {
    /// Exact, from the line model's constant Hessian.
    Exact(Spectrum),
    /// λmax estimated by power iteration at the run's start.
    Estimated(f64),
    /// Not known (yet).
    Unknown,
}

/// The verdict and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The verdict.
    pub verdict: Verdict,
    /// One sentence on why.
    pub why: String,
    /// What to try, when the run diverged.
    pub advice: Option<String>,
}

/// What a run did and where its schedule is: everything [`verdict`] looks at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Facts {
    /// The iteration at which the run diverged.
    pub diverged_at: Option<usize>,
    /// Iterations done, and in the whole run.
    pub steps: usize,
    /// Iterations in the whole run.
    pub total: usize,
    /// Minibatches per epoch.
    pub per_epoch: usize,
    /// The loss at the start: on minibatches, the whole training set's at the starting weights.
    pub first_loss: Option<f64>,
    /// The smoothed loss now.
    pub loss: Option<f64>,
    /// The lowest loss so far, as the loss chart draws it (smoothed over minibatches). A run
    /// that got that far down and has climbed back is swinging, not crawling: the momentum
    /// lesson's run, on an upswing at iteration 15, read crawl for a frame.
    pub lowest: Option<f64>,
    /// The lowest loss possible, where known (the line's least-squares fit).
    pub floor: Option<f64>,
    /// Accuracy after the last complete epoch (validation where there is a validation set).
    pub accuracy: Option<f64>,
    /// The accuracy of guessing, for classifiers: 1/classes.
    pub chance: Option<f64>,
    /// The rate of the last step, times the minibatches summed into it (what meets the
    /// curvature).
    pub lr_now: f64,
    /// The largest such rate so far.
    pub lr_peak: f64,
    /// The largest such rate of the whole plan.
    pub lr_top: f64,
    /// Whether the rate is still rising toward its peak (warmup, one-cycle's first phase).
    pub rising: bool,
    /// Whether the run has come to rest: its smoothed loss moved under [`SETTLED`] over the
    /// last tenth of the steps, and its gradient norm fell under [`SETTLED`] × its first.
    pub settled: bool,
    /// A lower minimum the page knows, on a landscape with more than one (the sine's exact
    /// surface): its loss and where it is, (w, b).
    pub lower: Option<(f64, (f64, f64))>,
    /// Where a lower minimum is known: the loss at the floor of the basin the run is in now
    /// ([`crate::engine::surface::Surface::basin_floor`]), where small steps will settle it.
    pub heading: Option<f64>,
    /// A finished LR sweep of these settings found no rate that learns: every run diverged or
    /// ended with under [`LITTLE`] of the starting loss gone.
    pub no_rate_learns: bool,
    /// Where a finished LR sweep of these settings finds runs going wrong, the rate the
    /// slider then marks ("runs go wrong from"), in place of the limit estimated at the start.
    pub fails_from: Option<f64>,
    /// The largest rebound of the smoothed loss over the last half of the steps shown, once
    /// there are enough to tell a bounce from noise: a low, and the highest point after it.
    pub rebound: Option<(f64, f64)>,
    /// How many times the smoothed loss climbed back by over [`BOUNCE`] × its low since then,
    /// after the first tenth of the steps: a loss that overshoots on its way down.
    pub bounces: usize,
    /// Whether the smoothed loss is still going up: its last tenth of the steps shown averages
    /// over [`RISING`] × the tenth before.
    pub climbing: bool,
    /// The smoothed loss halfway through the steps shown.
    pub half: Option<f64>,
    /// The lowest smoothed loss of the page's other runs, each at the iteration it shows.
    pub others: Option<f64>,
    /// A finished LR sweep of these settings: its lowest final loss before its runs go wrong,
    /// and that run's rate. Whole runs of the same settings reach it, so a run far above it
    /// has stalled (a teacher saw moons at lr0 0.1 badged converging, its loss flat for half
    /// the run, beside a sweep whose best run ended 30 times lower).
    pub swept: Option<(f64, f64)>,
    /// Whether `optimizer=auto` chose the optimizer and its rate, so lr0 is ignored: advice to
    /// change lr0 cannot work, and the rate is auto's (a YOLO user under auto was told "a
    /// larger lr0 may get further").
    pub auto: bool,
    /// Iterations of warmup, where the biases' rate starts at `warmup_bias_lr`.
    pub warmup_iters: usize,
}

/// The critical rate for plain GD at curvature λ, adjusted for momentum: heavy ball
/// (2 + 2β)/λ, PyTorch Nesterov (2 + 2β)/((1 + 2β)λ), plain 2/λ.
pub fn stable_limit(config: &Config, lambda_max: f64) -> f64 {
    match (config.momentum > 0.0, config.nesterov) {
        (false, _) => critical_lr(lambda_max),
        (true, false) => heavy_ball_critical_lr(lambda_max, config.momentum),
        (true, true) => nesterov_critical_lr(lambda_max, config.momentum),
    }
}

/// How far a loss has fallen, `fell` being the share of its start that is gone, in words that
/// never say "100 %" for a loss that has not reached 0 (a reviewer read "fallen 100 %" on a run
/// at loss 0.01): the last digit shown stays below the truth.
pub fn fallen_words(fell: f64) -> String {
    let f = 100.0 * fell.max(0.0);
    if f < 99.5 {
        format!("{f:.0} %")
    } else if f < 99.95 {
        format!("{:.1} %", (f * 10.0).floor() / 10.0)
    } else {
        "over 99.9 %".to_string()
    }
}

/// A loss this many times its start, after the first steps, counts as rising.
pub const RISING: f64 = 1.25;
/// Less than this share of the loss gone counts as little progress.
pub const LITTLE: f64 = 0.1;
/// A classifier this far from chance toward perfect, or less, is at chance.
pub const AT_CHANCE: f64 = 0.15;
/// A classifier at least this accurate fits its data.
pub const FITS: f64 = 0.9;
/// A rate this far below its plan's peak, after the peak, has been lowered by design.
pub const DECAYED: f64 = 0.1;
/// A smoothed loss that climbs back to this many times a low it reached, within the last half
/// of a run, is bouncing, not settling.
pub const SWINGING: f64 = 4.0;
/// A loss that moves less than this share, and a gradient this small against its first, are
/// at rest.
pub const SETTLED: f64 = 0.01;
/// On the exact valley, a step that crosses the floor by at least this share of its distance
/// (αλmax − 1) draws a zig-zag the eye can see; below it the path looks straight.
pub const ZIGZAG_SEEN: f64 = 0.25;
/// A rebound of the smoothed loss by this factor over its low counts as a bounce.
pub const BOUNCE: f64 = 1.5;
/// Bounces of a run that overshoots on its way down, even where it ends low.
pub const BOUNCES: usize = 3;
/// Another run on the page this many times lower shows that the loss can go further.
pub const FURTHER: f64 = 3.0;
/// A run that, at the pace of its last half, would need more than this many whole runs again to
/// get down to where another run on the page is, has stalled.
pub const STALLING: f64 = 2.0;

/// The rules' names, in the order [`verdict`] asks them: the README's verdict table lists them
/// in this order, and [`decide`] says which one answered.
pub const RULE_NAMES: [&str; RULES.len()] = {
    let mut names = [""; RULES.len()];
    let mut i = 0;
    while i < RULES.len() {
        names[i] = RULES[i].0;
        i += 1;
    }
    names
};

/// The verdict on a run with settings `config`, and the name (one of [`RULE_NAMES`]) of the rule
/// that gave it: the first rule that applies.
pub fn decide(config: &Config, curvature: Curvature, f: &Facts) -> (&'static str, Report) {
    let context = Context::new(config, curvature, f);
    let (name, mut report) = RULES
        .iter()
        .find_map(|&(name, rule)| rule(&context).map(|report| (name, report)))
        .expect("the last rule always answers");
    if name != "above_limit" {
        if let Some(credit) = rules::clip_credit(&context, report.verdict) {
            report.why.push_str(&credit);
        }
    }
    (name, report)
}

/// The verdict on a run with settings `config`: the first of the rules ([`RULE_NAMES`], in
/// order) that applies.
///
/// 1. `diverged`: it diverged: **diverging**.
/// 2. `rising`: its smoothed loss is above [`RISING`] × its start, unless it is a classifier
///    that fits its data (at least [`FITS`] accurate) with a loss under a tenth of guessing's:
///    **diverging** while it is still climbing, **oscillating** once it bounces at a height.
/// 3. `above_limit`: plain SGD on the exact quadratic above the stable limit: **diverging**
///    (certain); clipped, a run still far from the floor at such a rate, or a rate that prints
///    as the limit (the SPEC's edge, where the top mode oscillates for ever): **oscillating**.
/// 4. `warming_up`: the rate is still rising (warmup, one-cycle): **warming up**.
/// 5. `not_learning`: a classifier at chance after an epoch with under [`LITTLE`] of its loss
///    gone, at a rate that is not tiny: **not learning**.
/// 6. `local_minimum`: a run at rest whose loss is over 3 × (+ 0.01) a lower minimum the page
///    knows: **local minimum**.
/// 7. `crawl`: plain SGD on the quadratic at a rate that crawls, or elsewhere little progress
///    by the record (a rate under 1/100 of the limit not 90 % of the way to the floor by the
///    end, or any rate under half the way, pro rata before it, at the run's lowest loss so far,
///    on a log scale where the floor is known), unless a classifier already fits its data or
///    its loss is under a tenth of guessing's: **crawl**.
/// 8. `stalled`: judged over half the run at least, another run on the page, or the best whole
///    run of a finished LR sweep of these settings, is over [`FURTHER`] × lower, and at this
///    run's pace it would take over [`STALLING`] whole runs again to get there: **stalled**.
/// 9. `fits_already`: little progress by the record, but a classifier that fits its data and
///    whose loss has not bounced back over [`SWINGING`]× a low in the last half:
///    **already fits**.
/// 10. `annealing`: the rate has been lowered below [`DECAYED`] × its peak: **annealing**.
/// 11. `exact_regime`: plain SGD on the quadratic: the regime of the peak rate, named after
///     the slowest direction.
/// 12. `limit_regime`: SGD with a known limit (momentum, or an estimated curvature):
///     **oscillating** above half the stable limit, else **converging**.
/// 13. `by_the_loss`: otherwise (Adam-type, or unknown curvature): **oscillating** when the
///     loss swings over [`SWINGING`]× over the last half, else **converging**.
pub fn verdict(config: &Config, curvature: Curvature, f: &Facts) -> Report {
    decide(config, curvature, f).1
}

/// A verdict's reason cut after its first sentence or clause: the plain words a student reads first, and
/// the formula that follows, which the page folds. A reason of one sentence is all opening.
pub fn plain_opening(why: &str) -> (&str, &str) {
    // The first sentence, or its first clause where a colon leads into the numbers.
    match [why.find(". "), why.find(": ")].into_iter().flatten().min() {
        Some(k) => (&why[..=k], why[k + 2..].trim_start()),
        None => (why, ""),
    }
}
