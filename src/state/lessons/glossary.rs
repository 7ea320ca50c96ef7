//! The glossary: each term of art the page uses, explained in one or two sentences a student
//! can read, and [`mark_up`], which finds the terms in a text so that the page can open each
//! one's explanation on hover, keyboard focus and tap.

/// One term and its explanation.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    /// The term as the glossary names it.
    pub term: &'static str,
    /// How texts spell it, matched whole and case-insensitively; the longest match wins.
    pub spellings: &'static [&'static str],
    /// One or two sentences.
    pub text: &'static str,
}

/// Every term the page explains.
pub const GLOSSARY: &[Entry] = &[
    Entry {
        term: "gradient clipping",
        spellings: &["gradient clipping", "clipping", "clipped", "unclipped"],
        text: "Before each step, a gradient longer than a threshold (10 in Ultralytics) is shortened to that length, keeping its direction. One steep minibatch can then no longer throw the weights far off.",
    },
    Entry {
        term: "optimizer=auto",
        spellings: &["optimizer=auto"],
        text: "Ultralytics' default for the optimizer setting: instead of one fixed optimizer, it chooses one itself, from the size of the run and the number of classes.",
    },
    Entry {
        term: "quadratic",
        spellings: &["quadratic"],
        text: "A bowl-shaped loss, like the line task's: its curvature is the same everywhere, so the stable limit is exact and holds for the whole run.",
    },
    Entry {
        term: "power iteration",
        spellings: &["power iteration"],
        text: "A way to estimate the sharpest curvature λmax from a few gradient evaluations, without computing every curvature of the network. It gives the limit at the starting weights only.",
    },
    Entry {
        term: "2/λmax",
        spellings: &["2/λmax"],
        text: "λmax is how sharply the loss bends along its steepest direction. 2/λmax is the largest rate at which plain gradient descent does not overshoot by more at each step; above it the loss grows.",
    },
    Entry {
        term: "λmax",
        spellings: &["λmax"],
        text: "The sharpest curvature of the loss: how fast the slope changes along the direction where the surface bends most. The larger it is, the smaller the steps must be.",
    },
    Entry {
        term: "stable limit",
        spellings: &["stable limit", "stable limits"],
        text: "The largest lr0 whose steps do not overshoot by more and more, set by how sharply the loss bends (2/λmax); plain momentum raises it, Nesterov lowers it. Exact on the line; on a network it is measured at the start only.",
    },
    // A student read the slider's "limit at start" as a limit for the whole run on a network,
    // where runs fail well below it; that was said only in a folded list.
    Entry {
        term: "limit at start",
        spellings: &["limit at start", "limits at start"],
        text: "The stable limit where the run begins, measured from the starting weights. A network's loss usually grows sharper as it trains, so whole runs can fail well below it: the LR sweep shows where.",
    },
    // A student found the mountain's axes switch from "dir 1" to PCA at a network run's end
    // with nothing said.
    Entry {
        term: "random directions",
        spellings: &["random directions"],
        text: "Two directions in weight space drawn at random (Li et al.'s filter-normalised ones): the landscape while a network trains, as its path is not known. When the run ends it is drawn again on the path's own two main directions (PCA), and the axes change.",
    },
    Entry {
        term: "pretrained",
        spellings: &["pretrained"],
        text: "Weights that already learnt the task, here by a first run the page trains itself, instead of random ones. Fine-tuning goes on training them, usually at a small rate so as not to lose what they know.",
    },
    Entry {
        term: "try mark",
        spellings: &["try mark", "rate to try"],
        text: "The slider's green mark: the rate the page suggests for these settings, chosen from whole runs it trained itself (the rate map says how). Tap it, or its button, to use it.",
    },
    Entry {
        term: "unequal axes",
        spellings: &["unequal axes"],
        text: "The landscape's two axes have different scales, often by far on a network's PCA plane: one unit along one axis is not as long on screen as along the other, so every shape looks stretched.",
    },
    Entry {
        term: "PCA",
        spellings: &["PCA"],
        text: "Principal component analysis: it finds the two directions in which the first run's weights moved most. The landscape is the loss on that plane, so another run sits at the plane's height where it crosses it, not at its own loss.",
    },
    Entry {
        term: "nbs",
        spellings: &["nbs"],
        text: "Nominal batch size (64 in Ultralytics): the batch its rates were tuned for. With a smaller batch, the gradients of several minibatches are added up before each step.",
    },
    Entry {
        term: "accumulate",
        spellings: &["accumulate", "accumulates", "accumulation"],
        text: "How many minibatches' gradients are added up before one optimizer step: nbs ÷ batch, rounded, at least 1. Each step then moves about as far as one with a batch of nbs.",
    },
    Entry {
        term: "warmup_bias_lr",
        spellings: &["warmup_bias_lr"],
        text: "The biases' learning rate at the first iteration of warmup (0.1 in Ultralytics). It moves in a straight line to the scheduled rate by the end of warmup, while the weights' rate rises from 0.",
    },
    Entry {
        term: "lrf",
        spellings: &["lrf"],
        text: "The final rate as a fraction of lr0: decay heads for lr0 × lrf. Lowered once an epoch, it stops an epoch short: over 10 epochs of linear decay with lrf 0.01, at 0.109 × lr0 (0.208 in 8.0 and YOLOv5, which lag an epoch).",
    },
    Entry {
        term: "momentum",
        spellings: &["momentum"],
        text: "Each step keeps a share of the last step's motion, like a ball rolling downhill: it speeds up on a steady slope, and swings past the bottom and back before it settles. At 0.9 it keeps 90 % (Ultralytics' default: 0.937).",
    },
    Entry {
        term: "Nesterov",
        spellings: &["Nesterov"],
        text: "Momentum that looks ahead: it takes the gradient where the momentum is about to carry the weights. Plain momentum 0.9 raises the stable limit to 1.9 × plain SGD's; Nesterov 0.9, meeting the steep side sooner, lowers it to 0.68 ×.",
    },
    Entry {
        term: "weight decay",
        spellings: &["weight decay", "weight_decay"],
        text: "A small pull of every weight towards zero at each step, in proportion to the weight (0.0005 in Ultralytics). Small weights usually make a model generalize better.",
    },
    Entry {
        term: "one-cycle",
        spellings: &["one-cycle", "OneCycle", "OneCycleLR"],
        text: "A schedule (PyTorch's OneCycleLR) that raises the rate from lr0/25 to lr0 over the first 30 % of the iterations, then lowers it almost to zero. The run spends a short time at a high rate and ends at a tiny one.",
    },
    Entry {
        term: "epoch",
        spellings: &["epoch", "epochs"],
        text: "One pass over the whole training set. For example, 1,000 examples in batches of 16 make 63 iterations an epoch; where one batch holds them all (the line and the sine), an epoch is one iteration.",
    },
    Entry {
        term: "iteration",
        spellings: &["iteration", "iterations"],
        text: "One minibatch: one gradient and, usually, one optimizer step. An epoch is as many iterations as the training set has minibatches.",
    },
    Entry {
        term: "validation",
        spellings: &["validation"],
        text: "Examples the model never learns from: its accuracy on them shows how it does on unseen data. Its loss can sit below the training loss, which is averaged over an epoch while the weights still improve; validation comes after.",
    },
    Entry {
        term: "smoothed",
        spellings: &["smoothed"],
        text: "Averaged over the recent minibatches (an exponential moving average), because each minibatch's loss jumps about. The smoothed line shows the trend under the noise.",
    },
    Entry {
        term: "λmin",
        spellings: &["λmin"],
        text: "The gentlest curvature of the loss: how slowly the slope changes along its flattest direction, the valley's long floor. The smaller it is, the longer a small step takes to cross that floor.",
    },
    Entry {
        term: "2/(λmin+λmax)",
        spellings: &["2/(λmin+λmax)", "2/(λmin + λmax)"],
        text: "λmin and λmax are how sharply the loss bends along its flattest and steepest directions. This rate balances overshoot across the steep walls against crawl along the floor: the fastest in the long run, though a short run may end lower at a smaller one.",
    },
    Entry {
        term: "lr",
        spellings: &["lr"],
        text: "The learning rate the current step uses, the weights' (in warmup the biases' differs: the schedule draws both). lr0 is the rate the schedule is built on: warmup climbs towards it (the weights' rate from 0), then the decay lowers it towards lr0 × lrf.",
    },
    Entry {
        term: "warmup",
        spellings: &["warmup", "warm-up", "warmed-up"],
        text: "The first epochs of a run (Ultralytics: warmup_epochs, 3 by default), in which the rate climbs from near zero towards the schedule, which may already have lowered it below lr0. The first steps, taken while the weights are still random, are kept small.",
    },
    Entry {
        term: "annealing",
        spellings: &["annealing", "anneals", "annealed"],
        text: "Lowering the rate on purpose late in a run, so that the last steps settle into the bottom instead of bouncing around it. The schedule (lrf, cosine, step decay) does it.",
    },
    Entry {
        term: "heavy ball",
        spellings: &["heavy ball", "heavy-ball"],
        text: "Momentum pictured as a heavy ball rolling downhill: it keeps part of its last step, so it gathers speed along a gentle slope. It also keeps its swing across a steep one: near momentum 1 it zig-zags more, as the momentum lesson shows.",
    },
    Entry {
        term: "curvature",
        spellings: &["curvature", "curvatures"],
        text: "How fast the slope of the loss changes as the weights move: a steep narrow valley has a large curvature, a flat floor a small one. The larger it is, the smaller a step must be not to overshoot.",
    },
    Entry {
        term: "summed",
        spellings: &["summed", "added up"],
        text: "A loss added up over the examples of a batch rather than averaged: its gradient, and so each step, grows with the batch size, and the rate that suits it is smaller.",
    },
    Entry {
        term: "loss",
        spellings: &["loss", "losses"],
        text: "One number for how wrong the model is on the data, zero when it is perfect. Training moves the weights downhill on it, and the charts show it falling or not.",
    },
    Entry {
        term: "gradient",
        spellings: &["gradient", "gradients"],
        text: "The slope of the loss: for each weight, which way and how steeply the loss rises. A step moves every weight the other way, by the learning rate times its slope.",
    },
    Entry {
        term: "SGD",
        spellings: &["SGD"],
        text: "Stochastic gradient descent: each step moves every weight by lr times its slope on a minibatch, so steep directions move far and flat ones hardly at all.",
    },
    Entry {
        term: "Adam",
        spellings: &["Adam", "AdamW"],
        text: "An optimizer that divides each weight's step by the recent size of its slope, so every weight moves about lr per step, steep or flat. AdamW also shrinks the weights a little each step (weight decay).",
    },
    Entry {
        term: "β₁",
        spellings: &["β₁"],
        text: "Adam's momentum: the share of its past slopes that Adam's running average keeps each step. Ultralytics passes the momentum setting to Adam and AdamW as their β₁ (0.937 by default); optimizer=auto uses 0.9.",
    },
    Entry {
        term: "MuSGD",
        spellings: &["MuSGD"],
        text: "The optimizer Ultralytics 8.4 picks for long runs: every weight takes a Nesterov SGD step, and the weight matrices a Muon step on top. Stride runs the SGD part only.",
    },
    Entry {
        term: "minibatch",
        spellings: &["minibatch", "minibatches"],
        text: "The handful of examples (the batch) one step's slope is measured on; an epoch is as many minibatches as it takes to see every example once.",
    },
    // The words a first lesson assumes: a student found no entry for the page's own subject,
    // and met "batch" and "cosine" in questions before anything said what they were.
    Entry {
        term: "learning rate",
        spellings: &["learning rate", "learning-rate"],
        text: "How far each step moves the weights for the slope they are on: every weight moves downhill by the learning rate times its slope. Too small and the loss crawls; too large and each step overshoots, and the loss can fly off. lr0 is the rate a run starts from (Ultralytics and PyTorch).",
    },
    Entry {
        term: "batch",
        spellings: &["batch", "batch size"],
        text: "How many examples each step's slope is measured on (Ultralytics: batch, 16 by default). A full batch is the whole data set, one step an epoch; a small one gives more, noisier steps.",
    },
    Entry {
        term: "cosine",
        spellings: &["cosine", "cos_lr"],
        text: "A decay along half a cosine wave (Ultralytics: cos_lr): the rate falls slowly at first, fastest mid-run and slowly again towards lr0 × lrf. The linear decay, Ultralytics' default, lowers it by the same amount every epoch.",
    },
    Entry {
        term: "Ultralytics",
        spellings: &["Ultralytics"],
        text: "The library behind the YOLO image models. Stride uses its setting names (lr0, lrf, warmup_epochs, nbs…) and trains with its schedule and warmup exactly, on small toy tasks in place of images.",
    },
];

/// Every entry in the order a reader looks a word up: by its first letter, case and symbols
/// aside (so "2/λmax" stands under λ, beside "λmax"). The page lists them all, so that no
/// term's meaning is only on hover or tap: three reviewers named that.
pub fn in_order() -> Vec<&'static Entry> {
    let key = |e: &Entry| -> String {
        e.term
            .chars()
            .filter(|c| c.is_alphabetic())
            // ASCII case is enough (the Greek terms are lower case already), and leaves core's
            // Unicode case tables, 6 KB of the gzipped bundle, out of it.
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let mut all: Vec<&'static Entry> = GLOSSARY.iter().collect();
    all.sort_by_cached_key(|e| (key(e), e.term.len()));
    all
}

/// The entry for `term` (any of its spellings, case-insensitively).
pub fn lookup(term: &str) -> Option<&'static Entry> {
    GLOSSARY
        .iter()
        .find(|e| e.spellings.iter().any(|s| s.eq_ignore_ascii_case(term)))
}

/// A piece of a marked-up text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Plain text.
    Text(&'a str),
    /// A term, as the text spells it, and its entry.
    Term(&'a str, &'static Entry),
}

/// A letter, digit or underscore: what a term must not run on into (`momentum` is not a term
/// inside `warmup_momentum`).
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `text` cut into plain text and terms. Each term is marked once, where it first appears: a
/// paragraph where every "epoch" opens a box would be hard to read.
pub fn mark_up(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut used: Vec<&'static str> = Vec::new();
    let mut plain = 0;
    let mut i = 0;
    while i < text.len() {
        let before = text[..i].chars().next_back();
        let found = before
            .is_none_or(|c| !word_char(c))
            .then(|| longest_at(text, i, &used))
            .flatten();
        match found {
            Some((len, entry)) => {
                if plain < i {
                    pieces.push(Piece::Text(&text[plain..i]));
                }
                pieces.push(Piece::Term(&text[i..i + len], entry));
                used.push(entry.term);
                i += len;
                plain = i;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain < text.len() {
        pieces.push(Piece::Text(&text[plain..]));
    }
    pieces
}

/// Spellings matched in their own case only: "lr", the rate a step uses, is not the "LR" of
/// "LR finder".
const EXACT_CASE: [&str; 1] = ["lr"];

/// Whether `word` in a text is `spelling`: in any case, but for [`EXACT_CASE`].
fn same_word(spelling: &str, word: &str) -> bool {
    if EXACT_CASE.contains(&spelling) {
        spelling == word
    } else {
        spelling.eq_ignore_ascii_case(word)
    }
}

/// The longest spelling of a term not yet `used` that starts at byte `i` and ends at a word's
/// end: its length and entry.
fn longest_at(text: &str, i: usize, used: &[&str]) -> Option<(usize, &'static Entry)> {
    GLOSSARY
        .iter()
        .filter(|e| !used.contains(&e.term))
        .flat_map(|e| e.spellings.iter().map(move |s| (s.len(), e)))
        .filter(|&(len, e)| {
            text.get(i..i + len).is_some_and(|word| {
                e.spellings.iter().any(|s| same_word(s, word))
                    && text[i + len..].chars().next().is_none_or(|c| !word_char(c))
            })
        })
        .max_by_key(|&(len, _)| len)
}
