//! The effective-LR ledger: its factors add up to the rates a run uses, over many seeded
//! combinations of settings, and its numbers match the spec's worked example.

use stride::engine::schedule::{Decay, Ledger, UltralyticsSchedule, WarmupRule};

/// SplitMix64: enough randomness for a seeded sweep without another crate.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform on [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform on lo..=hi.
    fn int(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
    fn log(&mut self, lo: f64, hi: f64) -> f64 {
        (lo.ln() + (hi.ln() - lo.ln()) * self.unit()).exp()
    }
    fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }
}

fn random_schedule(r: &mut Mix) -> UltralyticsSchedule {
    let warmup_epochs = match r.int(0, 3) {
        0 => 0.0,
        1 => r.int(1, 5) as f64,
        _ => 10.0 * r.unit(),
    };
    UltralyticsSchedule {
        lr0: r.log(1e-5, 1.0),
        lrf: if r.int(0, 9) == 0 {
            1.0
        } else {
            r.log(1e-4, 1.0)
        },
        epochs: r.int(1, 300),
        decay: if r.coin() {
            Decay::Linear
        } else {
            Decay::Cosine
        },
        warmup_epochs,
        warmup_bias_lr: 0.2 * r.unit(),
        warmup_momentum: 0.5 + 0.45 * r.unit(),
        momentum: 0.8 + 0.19 * r.unit(),
        batch: r.int(1, 256),
        nbs: [16, 32, 64, 64, 128][r.int(0, 4)],
        nb: r.int(1, 400),
        rule: if r.coin() {
            WarmupRule::Current
        } else {
            WarmupRule::Classic
        },
        warm_momentum: r.int(0, 3) != 0,
    }
}

/// Iterations worth looking at: the ends of warmup and of the run, epoch boundaries, and
/// random points inside and after warmup.
fn interesting(s: &UltralyticsSchedule, r: &mut Mix) -> Vec<usize> {
    let (nw, last) = (s.warmup_iters(), s.total_iters() - 1);
    let mut out = vec![0, 1, nw.saturating_sub(1), nw, nw + 1, s.nb, s.nb - 1, last];
    out.extend((0..4).map(|_| r.int(0, nw.min(last))));
    out.extend((0..4).map(|_| r.int(0, last)));
    out.retain(|&ni| ni <= last);
    out
}

/// The ledger's arithmetic redone from its own factors and from the schedule's settings.
fn check(s: &UltralyticsSchedule, ni: usize, wd: f64, l: &Ledger) {
    let at = format!("{s:?} at ni {ni}");
    assert_eq!(l.settings(), s.at(ni), "{at}");
    assert_eq!((l.ni, l.nb, l.epochs), (ni, s.nb, s.epochs), "{at}");
    assert_eq!(l.epoch, ni / s.nb, "{at}");
    assert_eq!(l.lf, l.decay.lf(l.epoch, l.epochs, l.lrf), "{at}");
    assert_eq!((l.decay, l.lrf, l.lr0), (s.decay, s.lrf, s.lr0), "{at}");
    assert_eq!(l.target, l.lr0 * l.lf, "{at}");
    assert_eq!(l.nw, s.warmup_iters(), "{at}");
    assert_eq!(l.warmup, l.nw > 0 && ni <= l.nw, "{at}");
    assert_eq!((l.lr_weight.start, l.lr_weight.target), (0.0, l.target));
    assert_eq!(l.lr_bias.start, s.warmup_bias_lr, "{at}");
    assert_eq!(l.lr_bias.target, l.target, "{at}");
    assert_eq!(l.momentum_warmed, s.warm_momentum);
    let m_start = if s.warm_momentum {
        s.warmup_momentum
    } else {
        s.momentum
    };
    assert_eq!((l.momentum.start, l.momentum.target), (m_start, s.momentum));

    let acc = &l.accumulate;
    let nominal = ((s.nbs as f64 / s.batch as f64).round_ties_even() as usize).max(1);
    assert_eq!(acc.nominal, nominal, "{at}");
    assert_eq!(acc.cap, s.nb * s.epochs, "{at}");
    assert_eq!(acc.capped, acc.nominal.min(acc.cap), "{at}");
    let ramp_to = match s.rule {
        WarmupRule::Current => acc.capped as f64,
        WarmupRule::Classic => s.nbs as f64 / s.batch as f64,
    };
    assert_eq!((acc.ramp.start, acc.ramp.target), (1.0, ramp_to), "{at}");

    let ramps = [l.lr_weight, l.lr_bias, l.momentum, acc.ramp];
    if l.warmup {
        assert_eq!(l.fraction, ni as f64 / l.nw as f64, "{at}");
        for r in ramps {
            // np.interp: the ends themselves, else slope·ni + start.
            assert_eq!(r.slope, (r.target - r.start) / l.nw as f64, "{at}");
            let line = match ni {
                0 => r.start,
                _ if ni == l.nw => r.target,
                _ => r.slope * ni as f64 + r.start,
            };
            assert_eq!(r.value, line, "{at}: {r:?}");
            // The same line as start + (target − start)·fraction, up to rounding.
            let textbook = r.start + (r.target - r.start) * l.fraction;
            let ulps = 4.0 * f64::EPSILON * r.start.abs().max(r.target.abs());
            assert!((r.value - textbook).abs() <= ulps, "{at}: {r:?}");
        }
        let rounded = (acc.ramp.value.round_ties_even() as usize).max(1);
        assert_eq!(acc.value, rounded, "{at}");
    } else {
        assert_eq!(l.fraction, 1.0, "{at}");
        for r in ramps {
            assert_eq!((r.value, r.slope), (r.target, 0.0), "{at}");
        }
        assert_eq!(acc.value, acc.capped, "{at}");
    }

    let d = &l.weight_decay;
    assert_eq!((d.weight_decay, d.batch, d.nbs), (wd, s.batch, s.nbs));
    assert_eq!(d.accumulate, nominal, "{at}");
    let scaled = d.weight_decay * d.batch as f64 * d.accumulate as f64 / d.nbs as f64;
    assert_eq!(d.scaled, scaled, "{at}");
}

#[test]
fn the_ledger_adds_up_to_the_schedule_over_many_settings() {
    let mut r = Mix(0x5eed);
    let (mut in_warmup, mut after) = (0, 0);
    for _ in 0..3000 {
        let s = random_schedule(&mut r);
        let wd = 1e-3 * r.unit();
        for ni in interesting(&s, &mut r) {
            let l = s.explain(ni, wd);
            check(&s, ni, wd, &l);
            if l.warmup { in_warmup += 1 } else { after += 1 }
        }
    }
    // The sweep reaches both branches often.
    assert!(in_warmup > 5000 && after > 5000, "{in_warmup} / {after}");
}

#[test]
fn the_ledger_of_the_worked_example_reads_as_the_spec() {
    // Spec §1.3: lr0 0.01, lrf 0.01, E 100, warmup 3, nb 63, batch 16 (acc0 4); ni = 95 is
    // epoch 1, i = 32, with accumulate 3, bias lr 0.05471214 and momentum 0.86886243.
    let s = UltralyticsSchedule::defaults(63);
    let l = s.explain(95, 5e-4);
    assert_eq!((l.epoch, l.nw, l.warmup), (1, 189, true));
    assert!((l.lf - 0.9901).abs() < 1e-12 && (l.target - 0.009901).abs() < 1e-12);
    assert_eq!(l.fraction, 95.0 / 189.0);
    assert_eq!((l.lr_bias.start, l.lr_weight.start), (0.1, 0.0));
    assert!((l.lr_bias.value - 0.05471214).abs() < 1e-8);
    assert!((l.momentum.value - 0.86886243).abs() < 1e-8);
    assert_eq!((l.accumulate.value, l.accumulate.capped), (3, 4));
    assert!((l.weight_decay.scaled - 5e-4).abs() < 1e-18);
    // After warmup every ramp sits on its target and accumulation on acc0.
    let late = s.explain(5000, 5e-4);
    assert!(!late.warmup);
    assert_eq!(late.lr_bias.value, late.target);
    assert_eq!((late.momentum.value, late.accumulate.value), (0.937, 4));
}
