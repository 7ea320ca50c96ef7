//! Which lesson: the names a lesson goes by. What a lesson sets, shows and says is its entry in
//! [`crate::state::lessons::catalogue`]; only the identity lives down here, because the
//! settings hold a `Option<Preset>` and read its name from the URL, and they must not depend on
//! the lessons' contents.
//!
//! A new lesson is one line in the list below (in menu order) and its entry in the catalogue;
//! the crate does not compile until every line has exactly one entry.

/// Declares the lessons once: the enum in menu order, its `ALL`, `name` and `title`, so a
/// lesson's identity cannot get out of step with the menu.
macro_rules! presets {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $title:literal;)+) => {
        /// A lesson. The variants are in menu order, so `p as usize` is its place in
        /// [`Preset::ALL`] and in the catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Preset {
            $($(#[$doc])* $variant,)+
        }

        impl Preset {
            /// Every preset, in menu order.
            pub const ALL: [Preset; [$(Preset::$variant),+].len()] = [$(Preset::$variant),+];

            /// Its name in the URL.
            pub fn name(self) -> &'static str {
                match self {
                    $(Preset::$variant => $name,)+
                }
            }

            /// Its title in the menu.
            pub fn title(self) -> &'static str {
                match self {
                    $(Preset::$variant => $title,)+
                }
            }
        }
    };
}

// Plain titles for the first three: those lessons ask what the rate will do, and a title must
// not answer.
presets! {
    /// Above 2/λmax: every step overshoots further.
    TooHigh = "too-high", "Too high";
    /// Far below the best rate: the run ends far from the minimum.
    TooLow = "too-low", "Too low";
    /// Between the two: straight down into the valley.
    JustRight = "just-right", "Just right";
    /// The heavy ball raises the stable limit to (2 + 2β)/λmax.
    Momentum = "momentum", "Momentum raises the limit";
    /// SGD and Adam on a valley far steeper along one weight than the other.
    SgdVsAdam = "sgd-vs-adam", "SGD vs Adam on a narrow valley";
    /// The same high rate with and without warmup.
    Warmup = "warmup", "Warmup tames a high LR";
    /// ÷10 every few epochs.
    StepDecay = "step-decay", "Step decay ÷10";
    /// Ultralytics' two decays side by side.
    CosineVsLinear = "cosine-vs-linear", "Cosine vs linear decay";
    /// The linear scaling rule (Goyal et al. 2017).
    BatchScaling = "batch-lr", "Batch ×4, LR ×4 (mean loss)";
    /// With Ultralytics' loss × batch and nbs accumulation, the step follows the batch already.
    BatchUltralytics = "batch-ultralytics", "Batch ×4, same LR (Ultralytics loss)";
    /// A small rate from a pretrained start keeps what was learnt.
    FineTune = "fine-tune", "Fine-tuning: small vs large LR";
    /// Exploding gradients, and Ultralytics' clipping at norm 10.
    Clipping = "clipping", "Exploding gradients: clip at 10";
    /// What `yolo train` does with no arguments: optimizer=auto and the default schedule.
    UltralyticsDefaults = "ultralytics-defaults", "Ultralytics defaults: optimizer=auto";
    /// The sine fit: a small rate settles in the shallow minimum, a larger one crosses to the
    /// deep one.
    LocalMinimum = "local-minimum", "Stuck in a local minimum";
}

impl Preset {
    /// The preset called `name` (any case, surrounding blanks ignored).
    pub fn parse(name: &str) -> Option<Preset> {
        Preset::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }
}
