//! The LR range test run on a live [`Run`]: it borrows the run's model, data order and
//! optimizer, and gives everything back afterwards.

use super::Run;
use crate::engine::lr_finder::{Finder, FinderConfig, should_stop, suggest};
use crate::engine::schedule::Settings;
use crate::engine::smooth::SmoothLoss;

impl Run {
    /// The LR range test (spec §3.1) from the run's current weights, with its optimizer,
    /// momentum and data order. Weights, optimizer state and data order are restored afterwards,
    /// so the run carries on as if the test had not happened.
    pub fn lr_find(&mut self, config: &FinderConfig) -> Finder {
        let saved = (
            self.params.clone(),
            self.opt_state.clone(),
            self.rng.clone(),
            self.order.clone(),
            self.acc.clone(),
        );
        let nb = self.batches_per_epoch();
        let momentum = self.config.plan.at(self.ni, nb).momentum;
        let mut smooth = SmoothLoss::new();
        let mut best = f64::INFINITY;
        let (mut lrs, mut losses, mut raw) = (Vec::new(), Vec::new(), Vec::new());
        let mut stopped_early = false;
        for k in 0..config.iterations() {
            let (out, _) = self.batch_loss_grad(k % nb);
            std::mem::swap(&mut self.grad, &mut self.acc);
            let lr = config.lr_at(k);
            self.optimizer_step(&Settings {
                epoch: 0,
                lr_weight: lr,
                lr_bias: lr,
                momentum,
                accumulate: 1,
                warmup: false,
            });
            let s = smooth.push(f64::from(out.loss));
            lrs.push(lr);
            losses.push(s);
            raw.push(out.loss);
            if should_stop(config, k, s, &mut best) {
                stopped_early = k + 1 < config.iterations();
                break;
            }
        }
        (self.params, self.opt_state, self.rng, self.order, self.acc) = saved;
        let suggestions = suggest(&lrs, &losses, config.iterations());
        Finder {
            lrs,
            losses,
            raw,
            stopped_early,
            suggestions,
        }
    }
}
