//! The "your run" panel's words: how nw, `auto`'s pick and the args.yaml's values past the
//! controls were reached, with the run's own numbers.

use crate::engine::optim::auto::{AUTO_ITERATIONS, AutoChoice, AutoPick};
use crate::engine::schedule::{UltralyticsSchedule, WarmupRule};
use crate::state::io::fullscale::{FullScale, YourRun, args, thousands};
use crate::state::io::results::{Family, ResultsCsv, YoloArgs};
use crate::state::io::size_read::SizeRead;
use crate::state::settings::config::Config;

/// Beside a what-if, the log's flags open with whose run they read.
pub const AS_LOGGED: &str = "In the run as logged: ";

/// Each flag's finding: its words up to the first colon or full stop (every flag opens with
/// what it found, then says why and what would change it), after [`AS_LOGGED`] where a
/// what-if's flag names the logged run.
pub fn heads<'a>(flags: impl Iterator<Item = &'a String>) -> Vec<String> {
    flags
        .map(|f| {
            let (whose, f) = f
                .strip_prefix(AS_LOGGED)
                .map_or(("", f.as_str()), |rest| (AS_LOGGED, rest));
            let end = [": ", ". "].iter().filter_map(|p| f.find(p)).min();
            format!(
                "{whose}{}",
                f[..end.unwrap_or(f.len())].trim_end_matches('.')
            )
        })
        .collect()
}

/// What the full-scale run takes from the args.yaml instead of a control, in words; empty when
/// nothing applies.
pub fn beyond_notes(config: &Config, yours: &YourRun) -> Vec<String> {
    let a = args(config, yours);
    let b = yours.beyond;
    [
        ("epochs", b.epochs, config.epochs, a.epochs),
        ("batch", b.batch, config.batch, a.batch),
        ("nbs", b.nbs, config.nbs, a.nbs),
    ]
    .into_iter()
    .filter_map(|(name, kept, control, used)| {
        let k = kept.filter(|k| k.control == control)?;
        Some(if used == k.file {
            format!(
                "{name}={} is your args.yaml's: the toy model's control stops at {control}, so only this panel uses {}.",
                thousands(k.file),
                thousands(k.file)
            )
        } else {
            format!(
                "{name}={} in your args.yaml would make more than {} iterations, more than the page counts; this panel uses the control's {control}.",
                thousands(k.file),
                thousands(u32::MAX as usize)
            )
        })
    })
    .collect()
}

/// How nw was reached, in words: the family's rule with the run's numbers.
pub fn warmup_rule(s: &UltralyticsSchedule) -> String {
    let nw = s.warmup_iters();
    let raw = (s.warmup_epochs * s.nb as f64).round_ties_even();
    match s.rule {
        _ if s.warmup_epochs <= 0.0 => "no warmup (warmup_epochs 0)".into(),
        WarmupRule::Classic => format!(
            "max(round({} × {}), 100) = {} (at least 100 iterations, up to 8.4.102)",
            s.warmup_epochs,
            thousands(s.nb),
            thousands(nw)
        ),
        WarmupRule::Current if s.warmup_epochs > (s.epochs as f64 - 1.0).max(0.0) => format!(
            "round(min({}, E − 1) × {}) = {} (capped so the last epoch has no warmup; no 100-iteration floor from 8.4.103)",
            s.warmup_epochs,
            thousands(s.nb),
            thousands(nw)
        ),
        WarmupRule::Current => format!(
            "round({} × {}) = {} (no 100-iteration floor from 8.4.103)",
            s.warmup_epochs,
            thousands(s.nb),
            thousands(raw as usize)
        ),
    }
}

/// Why `auto` picks what it picks, in words. Ultralytics' own name for the count it tests is
/// `iterations`, but it counts a step per nbs images, so the words call it auto's step count,
/// apart from the run's iterations.
pub fn auto_reason(c: &AutoChoice, images: usize, s: &UltralyticsSchedule, nc: usize) -> String {
    let (batch, nbs, epochs) = (s.batch, s.nbs, s.epochs);
    let per = images.div_ceil(batch.max(nbs).max(1));
    let why = format!(
        "auto's step count (Ultralytics' `iterations`, one step per nbs images, not the run's iterations) = ⌈{} / max({batch}, {nbs})⌉ × {epochs} = {} × {epochs} = {}, {} 10,000",
        thousands(images),
        thousands(per),
        thousands(c.iterations),
        if c.iterations > AUTO_ITERATIONS {
            "more than"
        } else {
            "at most"
        }
    );
    match c.pick {
        AutoPick::AdamW => format!(
            "{why}, so AdamW at lr round(0.002 × 5 / (4 + {nc}), 6) = {} with β₁ 0.9 (AdamW has no `momentum` for warmup to move, so the momentum line is β₁, flat)",
            c.lr
        ),
        p if s.warmup_iters() > 0 => format!(
            "{why}, so {} at lr 0.01 with momentum 0.9; warmup then moves every group's momentum from warmup_momentum {} to your momentum {}, where it stays",
            p.name(),
            s.warmup_momentum,
            s.momentum
        ),
        p => format!("{why}, so {} at lr 0.01 with momentum 0.9", p.name()),
    }
}

/// A range of counts, "4,993–5,024", or one count where both ends meet.
pub fn span((a, b): (usize, usize)) -> String {
    if a == b {
        thousands(a)
    } else {
        format!("{}–{}", thousands(a), thousands(b))
    }
}

/// What was read from the file's warmup, and that it was read, not typed: the check that
/// follows then holds the rest of the file (the decay, lrf, the epochs) against that size.
pub fn read_words(r: &SizeRead) -> String {
    let classes = r.nc.map_or(String::new(), |nc| {
        format!(" and, from auto's AdamW rate, {} classes (nc)", span(nc))
    });
    let others: String = r
        .others
        .iter()
        .map(|(f, images)| {
            format!(
                " Under {}'s rule the same rows read as {} images: pick your version to be sure.",
                f.name(),
                span(*images)
            )
        })
        .collect();
    format!(
        "Train-set size read from the results.csv's warmup, where each row is nb iterations further up the ramp: {} train images ({} minibatches per epoch){classes}, the only sizes whose schedule gives these logged rates. Type the exact count above if you know it.{others}",
        span(r.images),
        span(r.nb)
    )
}

/// A typed train-set size that is not the logged run's, which the file's warmup reads as
/// `read`: the run drawn is then a plan. A YOLO user typed 5,000 images to plan a longer run
/// and read "the file first differs … likely a wrong image or class count" as an error.
pub fn typed_size(read: &SizeRead, typed: usize, picked: Option<Family>) -> String {
    // Read by another rule than the one picked for the plan: said, as the plan's pick named
    // the file's rate groups otherwise (a YOLO user met "lr/pg0 (weights)" for 8.0's biases).
    let by = match picked {
        Some(p) if p != read.family => format!(", by {}'s rule", read.family.name()),
        _ => String::new(),
    };
    format!(
        "Your results.csv reads as {} train images (from its warmup{by}), not the {} typed: the run drawn, its counts and flags are a plan for {}, beside the rates the file logged.",
        span(read.images),
        thousands(typed),
        thousands(typed)
    )
}

/// The highest rate the weights reach, as a clause for the run's summary, where it is below the
/// rate set; empty otherwise. (A YOLO user found their run's peak, 58 % below lr0, only by
/// reading the chart.)
pub fn peak_words(fs: &FullScale) -> String {
    let s = &fs.schedule;
    let (peak_at, peak) = fs
        .points
        .iter()
        .map(|(ni, p)| (*ni, p.lr_weight))
        .fold((0, 0.0), |a, b| if b.1 > a.1 { b } else { a });
    let below = 1.0 - peak / s.lr0;
    if !(s.lr0 > 0.0 && below >= 0.01) {
        return String::new();
    }
    format!(
        ", peak at {} at iteration {}, {:.0} % below {} {} ({})",
        crate::engine::stability::fmt_lr(peak),
        thousands(peak_at),
        100.0 * below,
        if fs.is_auto { "auto's rate" } else { "lr0" },
        crate::engine::stability::fmt_lr(s.lr0),
        if s.warmup_iters() >= s.total_iters() {
            "the run ends inside warmup"
        } else {
            "the decay lowers the rate while warmup raises it"
        }
    )
}

/// Where the run's version runs its scheduler an epoch behind (8.0, YOLOv5), what that does to
/// its last rate beside the toy's, whose charts follow the later rule: a YOLO user read 0.00109
/// at the toy's end and 0.00208 at their run's for one lr0, lrf and epochs, with nothing saying
/// why.
pub fn lag_note(fs: &FullScale) -> Option<String> {
    if !matches!(fs.family, Family::V8_0 | Family::YoloV5) {
        return None;
    }
    // The run's own last rate is its last drawn point; the later rule's, the same iteration.
    let lagged = fs.points.last()?.1.lr_weight;
    let last = fs.schedule.total_iters().checked_sub(1)?;
    let later = crate::state::io::yolo::applied(&fs.schedule, Family::V8_1To8_3, last).lr_weight;
    ((lagged - later).abs() > 1e-3 * later).then(|| {
        format!(
            "{}'s scheduler runs an epoch behind after warmup, so your last epoch trains at {}, where Ultralytics 8.1 and later, and the toy's charts above, would end at {}.",
            fs.family.name(),
            crate::engine::stability::fmt_lr(lagged),
            crate::engine::stability::fmt_lr(later)
        )
    })
}

/// Where the version picked by hand reads no train-set size from the file but the detected one
/// does, that said first: a YOLO user picked a version, saw the size read ("14 read") vanish,
/// and was only asked to type the count.
pub fn misfit(csv: &ResultsCsv, args: &YoloArgs, picked: Family) -> Option<String> {
    let r = crate::state::io::size_read::read_size(csv, args, None)?;
    (r.family != picked).then(|| {
        format!(
            "Under {}'s rule no train-set size gives these logged rates; under {}'s, {} train images do. Is the version right? The version menu's \"detect from results.csv\" finds it.",
            picked.name(),
            r.family.name(),
            span(r.images)
        )
    })
}

/// The flag of a run that ends inside warmup, with what would change it; first among the
/// flags (a YOLO user found it below them, in plain text).
pub fn inside_warmup(s: &UltralyticsSchedule, bias_start: f64, bias_end: f64) -> String {
    let (nw, total) = (s.warmup_iters(), s.total_iters());
    let fmt = crate::engine::stability::fmt_lr;
    format!(
        "Warmup (nw = {}) is {} the whole run ({} iterations): the run ends inside warmup, so the weights' rate never reaches its schedule and the biases' ends at {}, still on its way {}. {}",
        thousands(nw),
        // A YOLO user read "longer than" beside two equal counts.
        if nw > total {
            "longer than"
        } else {
            "as long as"
        },
        thousands(total),
        fmt(bias_end),
        // auto's warmup_bias_lr is 0: its biases climb with the weights (a YOLO user read
        // "on its way down" beside "biases start at 0").
        if bias_start > bias_end {
            "down from warmup_bias_lr"
        } else {
            "up, as the weights'"
        },
        // Under the floor any warmup_epochs above 0 is 100 iterations or more: "a smaller
        // warmup_epochs" did nothing for a YOLO user who tried 1.
        if s.rule == crate::engine::schedule::WarmupRule::Classic {
            "Under this version's floor any warmup_epochs above 0 warms up for at least 100 iterations: warmup_epochs=0, a longer run, or Ultralytics 8.4.103 or later, which drops the floor, lets it reach its schedule."
        } else {
            "A smaller warmup_epochs (or 0) lets it reach its schedule."
        }
    )
}
