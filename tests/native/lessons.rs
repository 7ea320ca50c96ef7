//! Every lesson's sentence, checked on the runs the page shows for it: the picture must say
//! what the sentence says.

use crate::common::clock;
use stride::engine::run::{Run, Status};
use stride::engine::smooth::smoothed;
use stride::engine::stability::fmt_lr;
use stride::state::lessons::verdict::{Curvature, Verdict};
use stride::state::runs::session::Session;
use stride::state::scene::{SceneCache, ScheduleView};
use stride::state::{DecayKind, Preset, Scene};

/// The lesson's session, every run trained to the end and shown whole.
fn lesson(p: Preset) -> Session {
    // Without the question: the tests read the runs, and a waiting question hides the marks.
    let mut s = Session::for_config(&stride::state::Config {
        predict: false,
        ..p.config()
    });
    s.show_all();
    s.tick(usize::MAX, f64::INFINITY, 0.0, &clock());
    assert!(s.finished(), "{}", p.name());
    s
}

/// Mean training loss of each epoch.
fn epoch_losses(run: &Run) -> Vec<f64> {
    run.epochs.iter().map(|e| e.train_loss).collect()
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

/// The component of (w, b) − minimum along the valley's steep direction.
fn steep(s: &Session, p: (f64, f64)) -> f64 {
    let v = s.valley.as_ref().expect("the line task");
    let h = v.loss.hessian();
    let l = v.spectrum.lambda_max;
    let dir = (h[0][1], l - h[0][0]);
    let norm = dir.0.hypot(dir.1);
    ((p.0 - v.minimum.0) * dir.0 + (p.1 - v.minimum.1) * dir.1) / norm
}

fn distance(s: &Session, p: (f64, f64)) -> f64 {
    let m = s.valley.as_ref().expect("the line task").minimum;
    (p.0 - m.0).hypot(p.1 - m.1)
}

#[test]
fn too_high_zig_zags_and_explodes_within_twenty_steps() {
    let s = lesson(Preset::TooHigh);
    let Curvature::Exact(spectrum) = s.curvature else {
        panic!()
    };
    let over = s.config.lr0 / spectrum.critical_lr();
    assert!((1.09..1.12).contains(&over), "10 % above 2/λmax: {over}");
    // The claim quotes the rate and the limit the slider marks, in its words.
    let claim = Preset::TooHigh.claim();
    let limit = fmt_lr(spectrum.critical_lr());
    assert!(
        claim.contains("0.55") && claim.contains("10 %") && claim.contains(&limit),
        "{claim}"
    );
    assert!(
        stride::state::scene::marks(&s.config, s.curvature)
            .iter()
            .any(|m| m.label.contains(&format!("limit {limit}"))),
        "the slider marks the claim's limit {limit}"
    );
    let Status::Diverged { step } = s.slots[0].run.status() else {
        panic!("must explode")
    };
    assert!(step <= 20, "explodes at {step}");
    let path = s.path(0);
    let sides: Vec<f64> = path.iter().take(8).map(|&p| steep(&s, p)).collect();
    assert!(
        sides.windows(2).all(|w| w[0] * w[1] < 0.0),
        "jumps across: {sides:?}"
    );
    assert!(
        sides.windows(2).all(|w| w[1].abs() > w[0].abs()),
        "further each time"
    );
    assert_eq!(s.report(0).verdict, Verdict::Diverging);
}

/// The claim's "fifty times below the slider's try mark, 0.21" is the page's own numbers: the
/// mark the slider draws once the question is answered, and lr0 about a fiftieth of it.
#[test]
fn too_low_is_a_fiftieth_of_the_rate_to_try_and_ends_far_from_the_minimum() {
    let s = lesson(Preset::TooLow);
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let t = scene
        .marks
        .iter()
        .find(|m| m.class == "try")
        .expect("the slider's try mark");
    assert_eq!(
        Some(t.value),
        scene.rate_map.try_lr,
        "the map's rate to try"
    );
    let ratio = t.value / s.config.lr0;
    assert!(
        (40.0..65.0).contains(&ratio),
        "about fifty times below: {ratio}"
    );
    let claim = Preset::TooLow.claim();
    assert!(
        claim.contains("fifty times below the slider's try mark")
            && claim.contains(&format!(", {}:", fmt_lr(t.value)))
            && t.label == format!("try {}", fmt_lr(t.value)),
        "{claim} / {}",
        t.label
    );
    let path = s.path(0);
    let (start, end) = (path[0], *path.last().expect("points"));
    assert!(
        distance(&s, end) > 0.5 * distance(&s, start),
        "still far from the minimum"
    );
    assert_eq!(s.report(0).verdict, Verdict::Crawl);
}

#[test]
fn just_right_slides_into_the_valley_without_crossing_it() {
    let s = lesson(Preset::JustRight);
    let Curvature::Exact(spectrum) = s.curvature else {
        panic!()
    };
    let lr = s.config.lr0;
    assert!(
        lr < 1.0 / spectrum.lambda_max && lr > 0.7 / spectrum.lambda_max,
        "just below 1/λmax"
    );
    // Said as half the limit the slider marks: the student has met that number, not λmax.
    let claim = Preset::JustRight.claim();
    assert!(
        claim.contains("half the stable limit")
            && claim.contains(&fmt_lr(spectrum.critical_lr()))
            // The half itself, before the limit it halves: "below half the stable limit 0.498"
            // read as below 0.498 to a student who then met 0.249 in the details.
            && claim.contains(&format!("below {}, half the stable limit", fmt_lr(0.5 * spectrum.critical_lr())))
            && !claim.contains('λ')
            // What the path below is checked to do: a student read "runs straight down" on the
            // map as down the screen, and saw the path first bend upward.
            && claim.contains("without crossing it")
            && !claim.contains("straight"),
        "{claim}"
    );
    let path = s.path(0);
    // Until the steep component has all but vanished (float noise then decides its sign).
    let sides: Vec<f64> = path.iter().map(|&p| steep(&s, p)).collect();
    let tiny = 1e-4 * sides[0].abs();
    assert!(
        sides
            .windows(2)
            .filter(|w| w[1].abs() > tiny)
            .all(|w| w[0] * w[1] > 0.0),
        "never across the valley: {sides:?}"
    );
    let end = *path.last().expect("points");
    assert!(
        distance(&s, end) < 0.1 * distance(&s, path[0]),
        "down to the floor and along it"
    );
    assert_eq!(s.report(0).verdict, Verdict::Converging);
}

#[test]
fn warmup_trains_smoothly_to_a_far_lower_loss_than_the_same_rate_without() {
    let s = lesson(Preset::Warmup);
    let (with, without) = (&s.slots[0].run, &s.slots[1].run);
    assert_eq!(s.slots[1].config.warmup_epochs, 0.0);
    let acc = |r: &Run| {
        r.epochs
            .last()
            .and_then(|e| e.val_accuracy)
            .expect("validation")
    };
    assert!(acc(with) > 0.95, "with warmup: {}", acc(with));
    assert!(
        acc(with) - acc(without) > 0.05,
        "ends well behind: {} vs {}",
        acc(with),
        acc(without)
    );
    let (lw, ln) = (epoch_losses(with), epoch_losses(without));
    let (end_w, end_n) = (*lw.last().expect("epochs"), *ln.last().expect("epochs"));
    // As the claim says it, on the losses the page shows (the read-outs' smoothed losses): a
    // student divided 0.407 by 0.0228 and found 18, not the "twenty" the claim said.
    let shown = |k: usize| s.facts(k).loss.expect("a loss");
    let times = shown(1) / shown(0);
    assert!(
        times > 15.0 && end_n > 15.0 * end_w,
        "over fifteen times lower: {} vs {}, epochs {end_w} vs {end_n}",
        shown(0),
        shown(1)
    );
    assert!(
        (0.3..0.5).contains(&end_n),
        "without, it ends near 0.4: {ln:?}"
    );
    // The claim names the warmed-up run's peak, not only lr0 (a teacher read "the same lr0 0.3"
    // and found under "why" that the warmed-up run never trains above 0.181), and it is where
    // the other run's decaying rate is by then.
    let peak = with.steps.iter().map(|st| st.lr_weight).fold(0.0, f64::max);
    let claim = Preset::Warmup.claim();
    assert!(
        claim.contains(&format!("5 epochs up to {peak:.2}, lr0 decayed by then")),
        "{peak}: {claim}"
    );
    let nb = without.batches_per_epoch();
    let at = |r: &Run, k: usize| r.steps[k].lr_weight;
    assert!(
        (at(without, 5 * nb - 1) / peak - 1.0).abs() < 0.01,
        "warmup's last step: {} without, the peak {peak}",
        at(without, 5 * nb - 1)
    );
    assert!(
        (5 * nb..with.steps.len()).all(|k| at(with, k) == at(without, k)),
        "from epoch 5 on, the same rates"
    );
    // Smoothly: once the ramp has peaked, no epoch's loss climbs back above the last warmup
    // epoch's.
    let warmup = s.config.warmup_epochs as usize;
    let peak = lw[warmup - 1];
    assert!(
        lw[warmup..].iter().all(|&l| l <= 1.1 * peak),
        "climbs back: {lw:?}"
    );
    // The biases' rate starts at warmup_bias_lr and rises to meet the weights'.
    let first = with.steps[0];
    assert_eq!(first.lr_bias, s.config.warmup_bias_lr);
    assert_eq!(first.lr_weight, 0.0);
    let nw = stride::state::plan::warmup_iters(&s.config);
    assert!((with.steps[nw].lr_bias - with.steps[nw].lr_weight).abs() < 1e-12);
    // As the detail says: after the warmup both runs step at the same rates, so the warmup's
    // first epochs alone make the difference.
    assert!(
        with.steps[nw..]
            .iter()
            .zip(&without.steps[nw..])
            .all(|(a, b)| a.lr_weight == b.lr_weight && a.lr_bias == b.lr_bias),
        "the same rates after iteration {nw}"
    );
    assert!(
        with.steps[..nw]
            .iter()
            .zip(&without.steps[..nw])
            .all(|(a, b)| a.lr_weight < b.lr_weight)
    );
    let why = Preset::Warmup.lesson();
    assert!(why.contains("from epoch 5 on, both runs use exactly the same rate"));
    // The claim says it too: only the start differs (a student asked whether warmup helped,
    // or only the lower peak rate it reached).
    assert!(Preset::Warmup.claim().contains("same rates after:"));
}

#[test]
fn step_decay_lowers_the_loss_at_each_drop_on_a_log_rate_axis() {
    let s = lesson(Preset::StepDecay);
    let run = &s.slots[0].run;
    let nb = run.batches_per_epoch();
    let every = s.config.step_every;
    let smooth = smoothed(
        &run.steps.iter().map(|r| r.loss).collect::<Vec<_>>(),
        stride::state::runs::session::smoothing(run.total_iterations()),
    );
    // The smoothed loss over the last epoch of each phase, as the chart shows it.
    let phases = s.config.epochs / every;
    assert_eq!(phases, 3, "two cuts");
    let ends: Vec<f64> = (1..=phases)
        .map(|k| mean(&smooth[(k * every - 1) * nb..k * every * nb]))
        .collect();
    let (first, second) = (1.0 - ends[1] / ends[0], 1.0 - ends[2] / ends[1]);
    assert!(
        first > 0.3,
        "the first cut lowers the loss sharply: {ends:?}"
    );
    assert!(
        second > 0.03 && second < first / 2.0,
        "the second only a little: {ends:?}"
    );
    let mut cache = SceneCache::default();
    let (settings, references, _) = cache.schedule(&s);
    assert!(ScheduleView::build(&s.config, s.config.lr0, settings, references, None, None).log_y);
}

#[test]
fn cosine_pulls_ahead_in_the_middle_and_both_end_together() {
    let s = lesson(Preset::CosineVsLinear);
    assert_eq!(s.slots[0].config.decay, DecayKind::Cosine);
    assert_eq!(s.slots[1].config.decay, DecayKind::Linear);
    let (cos, lin) = (epoch_losses(&s.slots[0].run), epoch_losses(&s.slots[1].run));
    let middle = 5..15;
    let (c, l) = (mean(&cos[middle.clone()]), mean(&lin[middle]));
    assert!(
        c < 0.97 * l,
        "cosine a little faster in the first half: {c} vs {l}"
    );
    assert!(c > 0.7 * l, "only a little: {c} vs {l}");
    let end = cos.len() - 2..cos.len();
    let (c, l) = (mean(&cos[end.clone()]), mean(&lin[end]));
    assert!(
        (c / l - 1.0).abs() < 0.1,
        "the same loss at the end: {c} vs {l}"
    );
    // Both losses are on the chart.
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    assert_eq!(scene.loss.series.len(), 2);
    // The why's rates: cosine above the straight line through the first half, below it through
    // the second (a teacher read "drops it later" against a chart where cosine was lower from
    // the middle on).
    let lf = |k: usize, epoch: usize| {
        let stride::engine::schedule::LrPlan::Ultralytics(u) =
            stride::state::plan::plan(&s.slots[k].config, 10)
        else {
            panic!("Ultralytics' schedule")
        };
        u.lf(epoch)
    };
    let epochs = s.config.epochs;
    for e in 1..epochs {
        let (c, l) = (lf(0, e), lf(1, e));
        match (2 * e).cmp(&epochs) {
            std::cmp::Ordering::Less => assert!(c > l, "epoch {e}: {c} vs {l}"),
            std::cmp::Ordering::Greater => assert!(c < l, "epoch {e}: {c} vs {l}"),
            std::cmp::Ordering::Equal => assert!((c - l).abs() < 1e-12),
        }
    }
    let why = Preset::CosineVsLinear.lesson();
    assert!(
        why.contains("higher than the straight line through the first half, then drops it faster, below the line through the second"),
        "{why}"
    );
    // "Towards a hundredth of lr0", and where each ends: a student read "a hundredth" and saw
    // the straight line's last rate at 4 % of lr0. The last epoch's factor, in per cent, as said.
    let last = |k: usize| 100.0 * lf(k, epochs - 1);
    let said = format!(
        "the last epoch still trains at {:.1} % of lr0 on the straight line, {:.1} % on the cosine",
        last(1),
        last(0)
    );
    assert!(why.contains(&said), "{why}\nwanted: {said}");
    assert!((lf(0, epochs) - 0.01).abs() < 1e-12 && (lf(1, epochs) - 0.01).abs() < 1e-12);
}

#[test]
fn four_times_the_batch_at_four_times_the_rate_keeps_pace_per_epoch() {
    let s = lesson(Preset::BatchScaling);
    let losses: Vec<Vec<f64>> = s.slots.iter().map(|slot| epoch_losses(&slot.run)).collect();
    let (big, small, slow) = (&losses[0], &losses[1], &losses[2]);
    for e in [4, 9, 14, 19, 24] {
        let ratio = big[e] / small[e];
        assert!(
            (0.6..1.67).contains(&ratio),
            "epoch {}: {} vs {}",
            e + 1,
            big[e],
            small[e]
        );
    }
    let last = |v: &[f64]| mean(&v[v.len() - 3..]);
    let ratio = last(big) / last(small);
    assert!(
        (0.6..1.67).contains(&ratio),
        "the last epochs: {big:?} vs {small:?}"
    );
    assert!(
        last(slow) > 3.0 * last(big),
        "the old rate falls far more slowly"
    );
    let steps: Vec<usize> = s
        .slots
        .iter()
        .map(|slot| slot.run.total_iterations())
        .collect();
    let quarter = steps[0] as f64 / steps[1] as f64;
    assert!(
        (0.2..0.3).contains(&quarter),
        "a quarter of the steps: {steps:?}"
    );
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    assert!(
        scene.loss.epochs,
        "runs with different batches share an epoch axis"
    );
}

#[test]
fn fine_tuning_keeps_the_start_with_a_small_rate_and_throws_it_away_with_a_large_one() {
    let s = lesson(Preset::FineTune);
    let smooth = |k: usize| {
        let run = &s.slots[k].run;
        smoothed(&run.steps.iter().map(|r| r.loss).collect::<Vec<_>>(), 0.9)
    };
    let (small, large) = (smooth(0), smooth(1));
    let start = f64::from(s.slots[0].run.steps[0].loss);
    assert!(start < 0.1, "a trained start: {start}");
    let top = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    assert!(
        top(&small) < 0.2,
        "the small rate keeps it: {}",
        top(&small)
    );
    assert!(
        top(&large) > 10.0 * start,
        "the large one jumps up: {}",
        top(&large)
    );
    let acc = s.slots[0]
        .run
        .epochs
        .last()
        .and_then(|e| e.val_accuracy)
        .expect("validation");
    assert!(acc > 0.95);
    // "Still 100 % right", as the read-out rounds it, though its small loss rose a little.
    let right = s.facts(0).accuracy.expect("an accuracy");
    assert_eq!(format!("{:.0}", 100.0 * right), "100", "{right}");
    assert!(Preset::FineTune.claim().contains("still 100 % right"));
    assert_ne!(s.report(0).verdict, Verdict::Crawl);
}

/// The lesson's rule, keep lr0 when the batch changes, holds up to nbs (64) and not above: a
/// YOLO user on a large GPU read "whatever the batch", while at batch 128 accumulate is 1 and a
/// step moves like lr × 128. The lesson says where it stops, and what then.
#[test]
fn keeping_lr0_across_batches_holds_up_to_nbs_and_the_lesson_says_so() {
    let lesson = Preset::BatchUltralytics.config();
    let factor = |batch: usize| {
        let c = stride::state::Config {
            batch,
            ..lesson.clone()
        };
        let stride::engine::schedule::LrPlan::Ultralytics(u) = stride::state::plan::plan(&c, 10)
        else {
            panic!("Ultralytics' schedule")
        };
        let sgd = stride::state::plan::optimizer(&c);
        stride::state::plan::step_factor(&sgd, c.loss_scale, batch, u.accumulate())
    };
    for batch in [8, 16, 32, 64] {
        assert_eq!(factor(batch), 64.0, "batch {batch}");
    }
    assert_eq!(factor(128), 2.0 * factor(64));
    let text = Preset::BatchUltralytics.lesson();
    assert!(text.contains("with any batch up to 64"), "{text}");
    assert!(
        text.contains("batch 128 moves twice as far per step as batch 64"),
        "{text}"
    );
}

#[test]
fn with_the_ultralytics_loss_the_batch_needs_no_new_rate() {
    let s = lesson(Preset::BatchUltralytics);
    let losses: Vec<Vec<f64>> = s.slots.iter().map(|slot| epoch_losses(&slot.run)).collect();
    let (big, small, quarter) = (&losses[0], &losses[1], &losses[2]);
    assert_eq!(s.slots[0].config.lr0, s.slots[1].config.lr0, "the same lr0");
    assert_eq!((s.slots[0].config.batch, s.slots[1].config.batch), (64, 16));
    for e in [0, 4, 9, 14, 19, 24] {
        let ratio = big[e] / small[e];
        assert!(
            (0.8..1.25).contains(&ratio),
            "together at epoch {}: {} vs {}",
            e + 1,
            big[e],
            small[e]
        );
    }
    let accuracy = |k: usize| {
        s.slots[k]
            .run
            .epochs
            .last()
            .expect("present")
            .val_accuracy
            .expect("present")
    };
    assert!(accuracy(0) > 0.95 && accuracy(1) > 0.95);
    let last = |v: &[f64]| mean(&v[v.len() - 3..]);
    assert!(
        last(quarter) > 2.0 * last(small),
        "lr0 ÷ 4 only slows it: {quarter:?} vs {small:?}"
    );
    // The verdict's limit is the slider mark's, both in lr0's units (÷ 64).
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let mark = scene
        .marks
        .iter()
        .find(|m| m.class == "critical")
        .expect("a limit mark");
    let why = s.report(0).why;
    let limit = stride::engine::stability::fmt_lr(mark.value);
    assert!(
        why.contains(&format!("≈ {limit}")) && mark.value < 0.1,
        "{limit} in {why}"
    );
    // Both SGD steps follow about 64 images' summed gradient: 64 × 1 and 16 × 4.
    let ledgers: Vec<_> = s.slots[..2]
        .iter()
        .map(|slot| stride::state::scene::ledger(&slot.config, 0))
        .collect();
    for l in &ledgers {
        let scaling = l
            .lines
            .iter()
            .find(|x| x.factor == "loss scaling")
            .expect("present");
        assert!(scaling.arithmetic.contains("lr × 64 "), "{scaling:?}");
    }
}

#[test]
fn the_ultralytics_defaults_ignore_lr0_and_still_train() {
    let s = lesson(Preset::UltralyticsDefaults);
    let c = &s.config;
    let run = &s.slots[0].run;
    let steps = run.records_upto(run.total_iterations());
    let peak = steps.iter().map(|r| r.lr_weight).fold(0.0, f64::max);
    let fit = stride::engine::optim::auto::lr_fit(2);
    assert_eq!(c.lr0, 0.01);
    assert!(
        (0.95 * fit..=fit).contains(&peak),
        "AdamW at 0.00167, not lr0: {peak}"
    );
    // warmup_bias_lr is forced to 0: both groups ramp from 0.
    assert_eq!((steps[0].lr_weight, steps[0].lr_bias), (0.0, 0.0));
    // 3 epochs of warmup, then linear decay to about lrf = 1 % of the rate.
    let nb = c.batches_per_epoch();
    assert!(steps[3 * nb].lr_weight > 0.95 * fit);
    let end = steps.last().expect("present").lr_weight;
    assert!((0.009 * fit..0.03 * fit).contains(&end), "{end}");
    let acc = run
        .epochs
        .last()
        .expect("present")
        .val_accuracy
        .expect("present");
    assert!(acc > 0.9, "it learns the moons: {acc}");
    let e = epoch_losses(run);
    assert!(e[e.len() - 1] < 0.35 * e[0], "{e:?}");
    let claim = Preset::UltralyticsDefaults.claim();
    assert!(claim.contains("0.00167") && claim.contains("2 classes"));
    // The claim's "over 90 % right" is the accuracy checked above.
    assert!(claim.contains("over 90 % right"), "{claim}");
}

#[test]
fn every_lesson_says_what_it_shows_in_a_short_claim() {
    for p in Preset::ALL {
        let claim = p.claim();
        // Three lines on a phone at most: the claim is always in view.
        assert!(
            (60..=150).contains(&claim.chars().count()),
            "{}: {claim}",
            p.name()
        );
        assert!(p.lesson().len() > 60, "{}", p.name());
        let c = p.config();
        // Numbers a sentence quotes are the lesson's own.
        match p {
            Preset::Warmup => assert!(
                claim.contains("0.3")
                    && claim.contains("5 epochs")
                    && c.lr0 == 0.3
                    && c.warmup_epochs == 5.0
            ),
            Preset::BatchScaling => assert!(
                claim.contains("(64)") && claim.contains("(0.4)") && c.batch == 64 && c.lr0 == 0.4
            ),
            Preset::StepDecay => assert!(
                claim.contains("every 10 epochs") && c.step_every == 10 && c.step_factor == 0.1
            ),
            _ => {}
        }
    }
}

#[test]
fn momentum_turns_an_exploding_zig_zag_into_one_that_dies_out() {
    let s = lesson(Preset::Momentum);
    let Curvature::Exact(spectrum) = s.curvature else {
        panic!("the line's exact curvature")
    };
    let (lr, beta) = (s.config.lr0, s.config.momentum);
    let plain = spectrum.critical_lr();
    let heavy = (2.0 + 2.0 * beta) / spectrum.lambda_max;
    assert!(lr > plain && lr < heavy, "{plain} < {lr} < {heavy}");
    // The numbers the claim quotes.
    let claim = Preset::Momentum.claim();
    for v in [lr, plain, heavy] {
        let v = stride::engine::stability::fmt_lr(v);
        assert!(claim.contains(&v), "{v} in {claim}");
    }
    // Without momentum: across the valley, further each step, until it explodes.
    assert_eq!(s.slots[1].label, "no momentum");
    assert!(matches!(s.slots[1].run.status(), Status::Diverged { .. }));
    let sides: Vec<f64> = s.path(1).iter().take(8).map(|&p| steep(&s, p)).collect();
    assert!(
        sides
            .windows(2)
            .all(|w| w[0] * w[1] < 0.0 && w[1].abs() > w[0].abs())
    );
    // With it: the same rate zig-zags across the valley at first, then settles at the minimum.
    assert_eq!(s.slots[0].run.status(), Status::Finished);
    let path = s.path(0);
    let sides: Vec<f64> = path.iter().map(|&p| steep(&s, p)).collect();
    let flips = sides.windows(2).filter(|w| w[0] * w[1] < 0.0).count();
    assert!(flips >= 5, "it zig-zags: {flips} crossings");
    let end = *path.last().expect("points");
    assert!(
        distance(&s, end) < 0.01 * distance(&s, path[0]),
        "it dies out at the minimum"
    );
    // Both limits are on the slider.
    let marks = stride::state::scene::marks(&s.config, s.curvature);
    let at = |class: &str| marks.iter().find(|m| m.class == class).map(|m| m.value);
    assert!((at("critical").expect("the heavy ball's limit") - heavy).abs() < 1e-12);
    assert!((at("plain").expect("plain SGD's limit") - plain).abs() < 1e-12);
}

#[test]
fn clipping_at_ten_turns_an_exploding_run_into_one_that_trains() {
    let s = lesson(Preset::Clipping);
    assert_eq!(s.slots[0].label, "clipped at 10");
    assert_eq!(s.slots[1].label, "no clipping");
    let median = |k: usize| {
        let mut v: Vec<f32> = s.slots[k].run.steps.iter().map(|r| r.grad_norm).collect();
        v.sort_by(f32::total_cmp);
        f64::from(v[v.len() / 2])
    };
    let accuracy = |k: usize| {
        s.slots[k]
            .run
            .epochs
            .last()
            .and_then(|e| e.val_accuracy)
            .expect("validation accuracy")
    };
    // Unclipped: the gradient norm stays far above 10, the loss climbs and the run ends near
    // chance.
    assert!(median(1) > 20.0, "far above 10: {}", median(1));
    assert_eq!(s.report(1).verdict, Verdict::Diverging);
    assert!(accuracy(1) < 0.65, "near chance: {}", accuracy(1));
    // Clipped at 10: the same rate trains, its loss swinging on the way (it falls to about 0.02
    // and climbs back over ten times that in the last half), which its badge says.
    assert!(median(0) < median(1) / 2.0);
    assert_eq!(s.report(0).verdict, Verdict::Oscillating);
    assert!(accuracy(0) > 0.9, "{}", accuracy(0));
    // The lesson's "lr0 0.05 is below the slider's limit at start, and below plain SGD's limit
    // without momentum too": both limits, the slider's mark naming the first.
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    let limits: Vec<f64> = stride::state::scene::marks(&s.config, s.curvature)
        .iter()
        .filter(|m| m.label.contains("limit"))
        .map(|m| m.value)
        .collect();
    assert_eq!(limits.len(), 2, "{limits:?}");
    assert!(limits.iter().all(|&l| s.config.lr0 < l), "{limits:?}");
    let shown = scene
        .marks
        .iter()
        .find(|m| m.class == "critical")
        .expect("the slider's limit");
    assert_eq!(
        shown.label,
        format!("limit at start ≈ {}", fmt_lr(limits[0].max(limits[1])))
    );
    assert!(Preset::Clipping.lesson().contains(
        "lr0 0.05 is below the slider's limit at start, and below plain SGD's limit without momentum too"
    ));
    // The chart the lesson points at is on, with the threshold.
    let grad = scene.grad.expect("the gradient-norm chart");
    assert_eq!(grad.series[0].clip, Some(10.0));
    assert_eq!(grad.series[1].clip, None);
    assert!(
        grad.series
            .iter()
            .all(|g| g.norms.len() == s.slots[0].run.recorded())
    );
}

#[test]
fn adam_moves_both_weights_at_once_where_sgd_zig_zags_and_crawls() {
    let s = lesson(Preset::SgdVsAdam);
    let Curvature::Exact(spectrum) = s.curvature else {
        panic!("the line's exact curvature")
    };
    let ratio = spectrum.lambda_max / spectrum.lambda_min;
    assert!((130.0..150.0).contains(&ratio), "140× more curved: {ratio}");
    assert!(s.config.lr0 < spectrum.critical_lr(), "SGD below its limit");
    let m = s.valley.as_ref().expect("the line").minimum;
    // The error along each weight, as a share of where it started.
    let left = |p: (f64, f64), start: (f64, f64)| {
        ((p.0 - m.0) / (start.0 - m.0), (p.1 - m.1) / (start.1 - m.1))
    };
    let (sgd, adam) = (s.path(0), s.path(1));
    assert!(s.slots[0].label.starts_with("SGD") && s.slots[1].label.starts_with("Adam"));
    // SGD: the stiff weight w overshoots to the other side every step (the zig-zag across
    // the valley) while b has hardly moved...
    let ws: Vec<f64> = sgd.iter().take(8).map(|&p| left(p, sgd[0]).0).collect();
    assert!(
        ws.windows(2).all(|w| w[0] * w[1] < 0.0),
        "zig-zag across: {ws:?}"
    );
    let (_, b5) = left(sgd[5], sgd[0]);
    assert!(b5 > 0.85, "b hardly moved: {b5}");
    // ...and after 100 steps b is still a fifth of the way off: the crawl.
    let (_, b_end) = left(*sgd.last().expect("points"), sgd[0]);
    assert!(b_end > 0.2, "crawls along the floor: b {b_end}");
    assert_eq!(s.report(0).verdict, Verdict::Crawl);
    // Not for want of rate: the verdict blames the valley.
    assert!(
        s.report(0).why.contains("too long for any one rate"),
        "{}",
        s.report(0).why
    );
    // Adam: its first step moves both weights by about lr0 each, whatever their curvature.
    let lr = s.slots[1].config.lr0;
    let (dw, db) = ((adam[1].0 - adam[0].0).abs(), (adam[1].1 - adam[0].1).abs());
    assert!(
        (dw / lr - 1.0).abs() < 0.1 && (db / lr - 1.0).abs() < 0.1,
        "{dw}, {db}"
    );
    // It ends far closer to the minimum, and lower.
    let end = |p: &[(f64, f64)]| distance(&s, *p.last().expect("points"));
    assert!(
        end(&adam) < 0.2 * end(&sgd),
        "{} vs {}",
        end(&adam),
        end(&sgd)
    );
    let loss = |k: usize| s.slots[k].run.steps.last().expect("records").loss;
    assert!(loss(1) < loss(0));
}

#[test]
fn a_small_rate_settles_in_the_shallow_minimum_and_a_larger_one_crosses_to_the_deep_one() {
    use stride::engine::sine::SineLoss;
    use stride::state::settings::catalogue::LOCAL_MINIMUM_LARGE;
    let s = lesson(Preset::LocalMinimum);
    let (small, large) = (&s.slots[0], &s.slots[1]);
    assert_eq!(
        (small.config.lr0, large.config.lr0),
        (0.2, LOCAL_MINIMUM_LARGE)
    );
    assert_eq!(large.label, "lr0 1 (larger)");
    let claim = Preset::LocalMinimum.claim();
    assert!(claim.contains("lr0 = 0.2") && claim.contains("lr0 = 1 "));
    let exact = SineLoss::new(small.run.train_set());
    let deep = s.surface.as_ref().expect("the exact landscape").minimum;
    let shallow = exact.minimum_near((0.5, 0.0));
    let (deep_loss, shallow_loss) = (exact.loss(deep.0, deep.1), exact.loss(shallow.0, shallow.1));
    let end = |k: usize| {
        let p = s.slots[k].run.params();
        (f64::from(p[0]), f64::from(p[1]))
    };
    let near = |p: (f64, f64), q: (f64, f64)| (p.0 - q.0).hypot(p.1 - q.1);
    let (a, b) = (end(0), end(1));
    let (la, lb) = (exact.loss(a.0, a.1), exact.loss(b.0, b.1));
    let start = s.path(0)[0];
    assert!(
        near(start, shallow) < near(start, deep),
        "the nearer minimum"
    );
    // The small rate: at the shallow minimum, its loss there (0.32), far above the deep one's.
    assert!(near(a, shallow) < 0.02, "{a:?} vs {shallow:?}");
    assert!(
        (la - shallow_loss).abs() < 0.002 && (0.31..0.33).contains(&la),
        "{la}"
    );
    assert!(la > 20.0 * deep_loss);
    // The larger one: at the deep minimum, w ≈ 3, loss 0.01.
    assert!(near(b, deep) < 0.01 && (b.0 - 3.0).abs() < 0.05, "{b:?}");
    assert!((0.005..0.015).contains(&lb), "{lb}");
    let there =
        stride::engine::stability::Spectrum::of_symmetric_2x2(exact.hessian(deep.0, deep.1));
    assert!(
        LOCAL_MINIMUM_LARGE < there.critical_lr(),
        "stable there: {there:?}"
    );
    // The limits the lesson's text quotes: 0.86 at the shallow minimum, 1.27 at the deep one.
    let shallow_limit =
        stride::engine::stability::Spectrum::of_symmetric_2x2(exact.hessian(shallow.0, shallow.1))
            .critical_lr();
    assert!((0.85..0.87).contains(&shallow_limit), "{shallow_limit}");
    assert!((1.26..1.28).contains(&there.critical_lr()));
    let text = Preset::LocalMinimum.lesson();
    assert!(text.contains("≈ 0.86") && text.contains("≈ 1.27"));
    // One number per idea: the slider's mark is the limit at the start, and the text quotes
    // it by the mark's name and number, beside the minima's.
    let page = Session::for_config(&stride::state::parse_query("preset=local-minimum&predict=0").0);
    let mark =
        stride::state::Scene::build(&page, &mut stride::state::scene::SceneCache::default(), 0.0)
            .marks
            .into_iter()
            .find(|m| m.class == "critical")
            .expect("a limit mark");
    assert!(mark.label.starts_with("limit at start"), "{}", mark.label);
    assert!(text.contains(&mark.label), "{} not in: {text}", mark.label);
    assert!(text.contains("in the shallow minimum") && text.contains("in the deep one"));
    // The warmup lesson's two limits (with momentum 0.9, and plain SGD's) say which is which.
    let warm = Session::for_config(&stride::state::parse_query("preset=warmup&predict=0").0);
    let marks = stride::state::scene::marks(&warm.config, warm.curvature);
    let label = |class: &str| {
        marks
            .iter()
            .find(|m| m.class == class)
            .map(|m| (m.label.clone(), m.value))
            .unwrap_or_else(|| panic!("a {class} mark: {marks:?}"))
    };
    let ((with, a), (without, b)) = (label("critical"), label("plain"));
    assert!((a / b - 1.0).abs() > 0.05, "two different limits: {a}, {b}");
    // Nesterov's look-ahead lowers the limit below plain SGD's: the tip says so, since the
    // mark with momentum sits left of the one without; the label, on a network where
    // momentum is not the point, is only the limit's (a teacher read the bracket as jargon).
    let title = &marks
        .iter()
        .find(|m| m.class == "critical")
        .expect("the limit")
        .title;
    assert!(
        a < b
            && with == format!("limit at start ≈ {}", fmt_lr(a))
            && title.contains(&format!("; Nesterov 0.9 lowers it from ≈ {}", fmt_lr(b))),
        "{with}: {title}"
    );
    assert!(without.starts_with("limit without momentum "), "{without}");
    // Over the ridge in one step: the small rate, carried on from the larger one's first point,
    // reaches the deep minimum too.
    let first = s.slots[1]
        .run
        .trajectory()
        .nth(1)
        .expect("a first step")
        .to_vec();
    let mut on = stride::state::plan::run(&small.config, Some(first));
    on.advance(usize::MAX);
    let p = on.params();
    assert!(
        near((f64::from(p[0]), f64::from(p[1])), deep) < 0.05,
        "{p:?}"
    );
    // Neither is called a crawl (more epochs would not help): the small rate is stuck in the
    // shallow minimum, and the badge says so and where the deep one is; the larger one
    // converged there.
    let stuck = s.report(0);
    assert_eq!(stuck.verdict, Verdict::LocalMinimum, "{stuck:?}");
    assert!(
        stuck.why.contains("0.320")
            && stuck.why.contains("0.0101")
            && stuck.why.contains("w ≈ 3.0"),
        "{}",
        stuck.why
    );
    assert!(
        !stuck.why.contains("larger lr0"),
        "never advise what cannot work"
    );
    assert_eq!(
        s.report(1).verdict,
        Verdict::Converging,
        "{:?}",
        s.report(1)
    );
    // Both paths are on the exact landscape, with the deep minimum marked.
    let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
    assert_eq!(scene.landscape.paths.len(), 2);
    assert_eq!(scene.landscape.minimum, Some(deep));
    // Not a knife edge, which a browser's last bit of sin() could tip: other noise draws end
    // the same way.
    for seed in 1..=3 {
        let mut other = Session::for_config(&stride::state::Config {
            seed,
            ..Preset::LocalMinimum.config()
        });
        other.show_all();
        let ends: Vec<f32> = other.slots.iter().map(|k| k.run.params()[0]).collect();
        assert!(
            (0.0..0.3).contains(&ends[0]) && (ends[1] - 3.0).abs() < 0.05,
            "seed {seed}: {ends:?}"
        );
    }
}

#[test]
fn the_catalogue_has_one_entry_per_lesson_in_menu_order() {
    use stride::state::settings::catalogue::LESSONS;
    assert_eq!(LESSONS.len(), Preset::ALL.len());
    for (at, p) in Preset::ALL.into_iter().enumerate() {
        // A preset finds its entry by its place, so the table's order is the menu's.
        assert_eq!(p.index(), at, "{p:?}");
        assert!(std::ptr::eq(p.entry(), &LESSONS[at]), "{p:?}");
        // The name the code calls a lesson by, the URL's and the entry's are one.
        assert_eq!(Preset::named(LESSONS[at].name), p, "entry {at}");
        assert_eq!(Preset::parse(&p.name().to_uppercase()), Some(p));
        let entries = LESSONS.iter().filter(|l| l.name == p.name()).count();
        assert_eq!(entries, 1, "{p:?} has {entries} entries");
        assert_eq!(p.config().preset, Some(p));
    }
    let names: std::collections::HashSet<&str> = Preset::ALL.iter().map(|p| p.name()).collect();
    assert_eq!(names.len(), Preset::ALL.len(), "two lessons share a name");
    let titles: std::collections::HashSet<&str> = Preset::ALL.iter().map(|p| p.title()).collect();
    assert_eq!(titles.len(), Preset::ALL.len(), "two lessons share a title");
}

#[test]
fn adams_lead_in_the_narrow_valley_holds_from_the_step_its_claim_names() {
    // Adam's loops lift its loss above SGD's now and then: the claim names the step from which
    // it stays below to the end, so the comparison does not hang on where the run stops.
    let s = lesson(Preset::SgdVsAdam);
    let (sgd, adam) = (&s.slots[0].run.steps, &s.slots[1].run.steps);
    let n = sgd.len().min(adam.len());
    let last_above = (0..n)
        .filter(|&k| adam[k].loss >= sgd[k].loss)
        .max()
        .expect("Adam's loops cross SGD's loss");
    assert!(last_above + 1 < n, "Adam ends lower");
    // Counted as the loss chart and the read-out count, record k being iteration k + 1 (a
    // teacher read "step 78" in a course of steps, and the chart's crossing at about 79).
    let first = last_above + 2;
    let from = format!("from iteration {first} on");
    assert!(Preset::SgdVsAdam.claim().contains(&from), "{from}");
    assert!(
        Preset::SgdVsAdam
            .lesson()
            .contains(&format!("from iteration {first} to the end"))
    );
}

#[test]
fn the_unclipped_run_ends_at_coin_toss_accuracy_with_a_loss_above_a_coin_tosss() {
    // "Coin toss" on two moons: accuracy near 50 %, and a loss above ln 2, the loss of
    // answering 50/50 everywhere, which the lesson's detail explains as confidently wrong.
    let s = lesson(Preset::Clipping);
    let last = s.slots[1].run.epochs.last().expect("epochs");
    assert_eq!(s.slots[1].label, "no clipping");
    let acc = last.val_accuracy.expect("validation");
    assert!((0.35..0.65).contains(&acc), "{acc}");
    assert!(last.train_loss > 2f64.ln(), "{}", last.train_loss);
    assert!(Preset::Clipping.lesson().contains("ln 2 ≈ 0.69"));
}

#[test]
fn the_schedule_draws_a_second_run_only_where_its_rates_differ() {
    // Clipping and momentum change the step, not the rate: a second line on top of the first
    // would name a difference that is not there. Warmup's and cosine's do differ.
    for (p, differs) in [
        (Preset::Clipping, false),
        (Preset::Momentum, false),
        (Preset::Warmup, true),
        (Preset::CosineVsLinear, true),
    ] {
        let s = lesson(p);
        let (_, references, hidden) = SceneCache::default().schedule(&s);
        assert_eq!(!references.is_empty(), differs, "{}", p.name());
        // The run left out is named, with the line it lies under.
        assert_eq!(
            hidden,
            if differs {
                vec![]
            } else {
                vec![(s.slots[1].label.clone(), s.slots[0].label.clone())]
            },
            "{}",
            p.name()
        );
    }
}

#[test]
fn a_momentum_that_is_always_zero_is_not_read_out() {
    // Plain SGD without momentum: the read-out would be 0.000 for ever.
    let plain = lesson(Preset::TooHigh);
    assert!(
        !stride::state::scene::Readout::build(&plain, None)
            .values
            .has_momentum
    );
    for p in [
        Preset::Momentum,
        Preset::Warmup,
        Preset::UltralyticsDefaults,
    ] {
        let s = lesson(p);
        assert!(
            stride::state::scene::Readout::build(&s, None)
                .values
                .has_momentum,
            "{}",
            p.name()
        );
    }
}

/// Every lesson's "why" opens in plain words, with no formula, and folds the maths under its
/// own summary: four student reviews found the formulas after the plain sentence too much at a
/// first reading.
#[test]
fn every_why_opens_in_plain_words_and_folds_the_maths() {
    let mut folded = 0;
    for p in stride::state::lessons::course::COURSE {
        let config = stride::state::Config {
            predict: false,
            ..p.config()
        };
        let s = Session::for_config(&config);
        let scene = Scene::build(&s, &mut SceneCache::default(), 0.0);
        let lesson = scene.lesson.expect("a lesson");
        let (plain, details) = lesson.why().expect("a why");
        for sign in ['λ', '=', '←', '√'] {
            assert!(!plain.contains(sign), "{}: {sign} in {plain}", p.name());
        }
        if let Some(d) = details {
            folded += 1;
            assert!(
                plain.starts_with("In plain words: "),
                "{}: {plain}",
                p.name()
            );
            assert!(
                // Capitalised, but for a parameter's name, which keeps its case ("lr0 0.05 …").
                (d.chars().next().is_some_and(char::is_uppercase) || d.starts_with("lr0 "))
                    && !d.contains("In detail"),
                "{}: {d}",
                p.name()
            );
            // Nothing is lost between the two folds.
            let whole = lesson.detail.expect("a detail");
            assert_eq!(whole.len(), plain.len() + " In detail, ".len() + d.len());
        }
    }
    assert!(folded >= 10, "{folded} lessons fold their maths");
}

/// The count of the loss's climbs the verdict gives is the count the chart draws: each climb of
/// over half again from a low, however many steps it takes, after the first tenth (Adam's six
/// swings on the SGD-vs-Adam lesson were "climbed back … 21 times" beside a chart of six).
#[test]
fn the_verdicts_count_of_climbs_is_the_climbs_the_chart_draws() {
    use stride::state::lessons::verdict::BOUNCE;
    let s = lesson(Preset::SgdVsAdam);
    let k = s
        .slots
        .iter()
        .position(|slot| slot.label.starts_with("Adam"))
        .expect("the Adam run");
    let why = s.report(k).why;
    let said: usize = why
        .split("climbed back by over half again ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count in: {why}"));
    // Counted as a reader counts them: the rising stretches of the drawn (full-batch) loss
    // whose top is over BOUNCE × their foot.
    let losses: Vec<f64> = s.slots[k]
        .run
        .records_upto(s.shown(k))
        .iter()
        .map(|r| f64::from(r.loss))
        .collect();
    let line = &losses[losses.len() / 10..];
    let mut climbs = 0;
    let mut i = 0;
    while i + 1 < line.len() {
        if line[i + 1] > line[i] {
            let foot = line[i];
            while i + 1 < line.len() && line[i + 1] > line[i] {
                i += 1;
            }
            if line[i] > BOUNCE * foot {
                climbs += 1;
            }
        }
        i += 1;
    }
    assert!(climbs >= 3, "Adam swings: {climbs}");
    assert_eq!(said, climbs, "{why}");
}

/// The lesson that teaches the stable limit says it is exact only on its valley, and names the
/// network's estimate as the slider does (a student met moons' sweep training well past "limit
/// at start ≈ 1.43" after step 2 had said every rate above the limit diverges). That whole
/// runs train past it on moons and go wrong below it on the spirals is the rate map's tests'.
#[test]
fn the_limit_lesson_says_a_networks_limit_is_only_estimated() {
    let why = Preset::TooHigh.lesson();
    assert!(
        why.contains("its limit is exact") && why.contains("(the slider's \"limit at start\")"),
        "{why}"
    );
    let moons = Session::for_config(&crate::common::moons());
    let scene = Scene::build(&moons, &mut SceneCache::default(), 0.0);
    let mark = crate::common::slider_mark(&scene, "critical");
    assert!(mark.label.starts_with("limit at start"), "{}", mark.label);
}
