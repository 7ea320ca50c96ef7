//! A results.csv's warmup read backwards. Each row logs the rate of its epoch's last
//! iteration, ni = nb·(e + 1) − 1, and during warmup that rate climbs a ramp nw iterations long
//! that nb sets (nw = round(warmup_epochs·nb), at least 100 up to 8.4.102), so the rows give
//! nb, the minibatches per epoch, and through nb = ⌈images / batch⌉ the train-set size to
//! within a batch. Under `optimizer=auto`, AdamW's rate lr_fit = round(0.002·5/(4 + nc), 6)
//! gives the class count too, as a range where rounding makes several share one rate. A YOLO
//! user asked for this at every review: neither args.yaml nor results.csv records them.
//!
//! Nothing here is taken on trust: a size counts only when the family's schedule built from it
//! gives every logged rate of the file to the digits the file kept, stricter than the 1e-6 the
//! page's check of a typed-in count allows.

use super::fullscale::MAX_IMAGES;
use super::results::{ResultsCsv, Tolerance, close, digits, first_difference, half_unit};
use super::yolo::{Family, YoloArgs};
use crate::engine::optim::auto::lr_fit;

/// The most classes tried under `auto` (LVIS has 1,203).
pub const MAX_NC: usize = 2000;

/// Sizes whose schedule reproduces the file wider apart than this (most / fewest) are not a
/// reading but a guess: the page asks for the count instead.
const MAX_SPREAD: f64 = 1.1;

/// What the file's rates say of the run's data set.
#[derive(Clone, Debug, PartialEq)]
pub struct SizeRead {
    /// The family whose rule reproduced the file.
    pub family: Family,
    /// nb, from the fewest to the most minibatches per epoch that fit.
    pub nb: (usize, usize),
    /// Train images, from the fewest to the most that fit: nb·batch over that range, less a
    /// batch but one at the low end (the last minibatch may hold a single image).
    pub images: (usize, usize),
    /// Classes, where auto's AdamW rate told them.
    pub nc: Option<(usize, usize)>,
    /// Older families whose rules fit the same rows with other sizes, and those sizes.
    pub others: Vec<(Family, (usize, usize))>,
}

impl SizeRead {
    /// The count the page draws with: the middle nb's full batches (every image count of one
    /// nb gives the same schedule).
    pub fn images_used(&self, batch: usize) -> usize {
        (self.nb.0 + self.nb.1) / 2 * batch.max(1)
    }

    /// The class count the page draws with: the range's middle (every count in it gives the
    /// same rate).
    pub fn nc_used(&self) -> Option<usize> {
        self.nc.map(|(a, b)| (a + b) / 2)
    }
}

/// The train-set size (and, under `auto` without a class count, the classes) that make
/// `args`'s schedule reproduce `csv` under `pick` or the families the file allows; `None` when
/// the rows cannot tell (warmup over within the first epoch, no first epoch, nothing fits, or
/// sizes more than 10 % apart fit alike). Where the families the file allows read different
/// sizes, the newest's is the reading and the others are listed.
pub fn read_size(csv: &ResultsCsv, args: &YoloArgs, pick: Option<Family>) -> Option<SizeRead> {
    if csv.epochs.first() != Some(&0) || csv.groups.is_empty() {
        return None;
    }
    let families = match (pick, csv.families()) {
        (Some(f), _) => vec![f],
        (None, allowed) if allowed.is_empty() => Family::ALL.to_vec(),
        (None, allowed) => allowed,
    };
    let max_nb = MAX_IMAGES.div_ceil(args.batch.max(1));
    // Newest first, as the verdict's rule is the newest of those that fit alike.
    let mut found = families.into_iter().rev().filter_map(|f| {
        let r = if args.auto && args.nc.is_none() {
            by_ratio(csv, args, f, max_nb)
        } else {
            by_first_row(csv, args, f, max_nb)
        }?;
        (r.nb.1 as f64 <= MAX_SPREAD * r.nb.0 as f64).then_some(r)
    });
    let mut read = found.next()?;
    // The warmup floor can make an older version's rule fit the same rows with another size
    // (8.4.0–8.4.102 with 76 minibatches logs what 8.4.103 does with 4).
    read.others = found
        .filter(|r| r.nb != read.nb)
        .map(|r| (r.family, r.images))
        .collect();
    Some(read)
}

fn images_of((lo, hi): (usize, usize), batch: usize) -> (usize, usize) {
    let batch = batch.max(1);
    ((lo - 1) * batch + 1, (hi * batch).min(MAX_IMAGES))
}

/// `args` with the data set of `nb` full minibatches.
fn sized(args: &YoloArgs, nb: usize, nc: Option<usize>) -> YoloArgs {
    YoloArgs {
        images: Some(nb * args.batch.max(1)),
        nc,
        ..args.clone()
    }
}

/// Whether `family`'s schedule from `args` gives every rate of every row of `csv` to the
/// file's own digits.
fn fits(csv: &ResultsCsv, args: &YoloArgs, family: Family) -> bool {
    first_difference(csv, args, family, Tolerance::Digits).is_none()
}

/// The nb to try around a bisected band `lo..=hi`: two more each side for round(warmup_epochs ·
/// nb)'s steps; `None` where the band reaches the top (the rate never leaves it: warmup over
/// within the first epoch) or is too wide to be a count.
fn around(lo: usize, hi: usize, max_nb: usize) -> Option<std::ops::RangeInclusive<usize>> {
    if hi >= max_nb || (hi as f64) > MAX_SPREAD * (lo as f64) + 4.0 {
        return None;
    }
    Some(lo.saturating_sub(2).max(1)..=(hi + 2).min(max_nb))
}

/// The first nb in `lo..=hi` where `up` holds, `up` false then true along nb (bisection).
fn first_true(mut lo: usize, mut hi: usize, up: impl Fn(usize) -> bool) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if up(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// The nb that fit among those whose first logged rate is within the file's rounding of
/// `target`, the rate climbing with nb (a longer epoch reaches further up the ramp), and
/// [`around`] them.
fn band(
    max_nb: usize,
    target: f64,
    digits: i32,
    rate: impl Fn(usize) -> Option<f64>,
    fits: impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let r = |nb| rate(nb).unwrap_or(f64::INFINITY);
    let near = |nb| close(target, r(nb), digits, Tolerance::Digits);
    let lo = first_true(1, max_nb, |nb| r(nb) >= target || near(nb));
    let hi = first_true(lo, max_nb, |nb| r(nb) > target && !near(nb));
    let fitting: Vec<usize> = around(lo, hi, max_nb)?.filter(|&nb| fits(nb)).collect();
    Some((*fitting.first()?, *fitting.last()?))
}

/// nb from the first row, where the rate is known (it does not depend on the classes).
fn by_first_row(csv: &ResultsCsv, args: &YoloArgs, f: Family, max_nb: usize) -> Option<SizeRead> {
    let nb = band(
        max_nb,
        csv.weights(f)[0],
        digits(csv),
        |nb| sized(args, nb, args.nc).logged(f, 0).map(|r| r.0),
        |nb| fits(csv, &sized(args, nb, args.nc), f),
    )?;
    Some(SizeRead {
        family: f,
        nb,
        images: images_of(nb, args.batch),
        nc: None,
        others: Vec::new(),
    })
}

/// nb and the classes under `auto` without a class count. Its rate (lr_fit, or 0.01 past
/// 10,000 iterations) scales every logged rate alike, as auto's warmup_bias_lr is 0, so the
/// ratio of the first two rows gives nb whatever the rate (it falls as nb grows: the second
/// row's lead over the first shrinks), and the first row over the rule's ramp then gives the
/// rate, and the classes that round to it.
fn by_ratio(csv: &ResultsCsv, args: &YoloArgs, f: Family, max_nb: usize) -> Option<SizeRead> {
    let w = csv.weights(f);
    if csv.epochs.get(1) != Some(&1) || w[0] <= 0.0 {
        return None;
    }
    let unit = YoloArgs {
        auto: false,
        lr0: 1.0,
        warmup_bias_lr: 0.0,
        ..args.clone()
    };
    let ramp = |nb: usize, e: usize| sized(&unit, nb, None).logged(f, e).map(|r| r.0);
    let ratio = |nb: usize| match (ramp(nb, 0), ramp(nb, 1)) {
        (Some(a), Some(b)) if a > 0.0 => Some(-(b / a)),
        _ => None,
    };
    let rates: Vec<f64> = (1..=MAX_NC).map(lr_fit).collect();
    // Which classes fit at nb: none where auto's SGD rate (0.01) fits, which is the same for
    // every class count.
    let classes = |nb: usize| -> Option<Option<(usize, usize)>> {
        let rate = w[0] / ramp(nb, 0).filter(|r| *r > 0.0)?;
        if close(0.01, rate, 4, Tolerance::Digits) && fits(csv, &sized(args, nb, None), f) {
            return Some(None);
        }
        let near: Vec<usize> = (1..=MAX_NC)
            .filter(|&nc| (rates[nc - 1] - rate).abs() <= 0.02 * rate)
            .filter(|&nc| fits(csv, &sized(args, nb, Some(nc)), f))
            .collect();
        Some(Some((*near.first()?, *near.last()?)))
    };
    // The ratio's rounding: each row is known to half its last digit.
    let digits = digits(csv);
    let slack =
        1.001 * (half_unit(w[0], digits) / w[0] + half_unit(w[1], digits) / w[1]) * (w[1] / w[0]);
    let target = -(w[1] / w[0]);
    let lo = first_true(1, max_nb, |nb| {
        ratio(nb).is_some_and(|r| r >= target - slack)
    });
    let hi = first_true(lo, max_nb, |nb| {
        ratio(nb).is_some_and(|r| r > target + slack)
    });
    let fitting: Vec<(usize, Option<(usize, usize)>)> = around(lo, hi, max_nb)?
        .filter_map(|nb| Some((nb, classes(nb)?)))
        .collect();
    let nb = (fitting.first()?.0, fitting.last()?.0);
    let nc = fitting
        .iter()
        .filter_map(|(_, c)| *c)
        .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)));
    Some(SizeRead {
        family: f,
        nb,
        images: images_of(nb, args.batch),
        nc,
        others: Vec::new(),
    })
}
