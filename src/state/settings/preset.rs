//! Which lesson: the names a lesson goes by. What a lesson sets and says is in
//! [`crate::state::lessons::catalogue`]; this file is only its identity, so the settings can name a lesson
//! without depending on the lessons' contents.

/// A lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// Above 2/λmax: every step overshoots further.
    TooHigh,
    /// Far below the best rate: the run ends far from the minimum.
    TooLow,
    /// Between the two: straight down into the valley.
    JustRight,
    /// The same high rate with and without warmup.
    Warmup,
    /// ÷10 every few epochs.
    StepDecay,
    /// Ultralytics' two decays side by side.
    CosineVsLinear,
    /// The linear scaling rule (Goyal et al. 2017).
    BatchScaling,
    /// A small rate from a pretrained start keeps what was learnt.
    FineTune,
    /// With Ultralytics' loss × batch and nbs accumulation, the step follows the batch already.
    BatchUltralytics,
    /// What `yolo train` does with no arguments: optimizer=auto and the default schedule.
    UltralyticsDefaults,
    /// The heavy ball raises the stable limit to (2 + 2β)/λmax.
    Momentum,
    /// Exploding gradients, and Ultralytics' clipping at norm 10.
    Clipping,
    /// SGD and Adam on a valley far steeper along one weight than the other.
    SgdVsAdam,
    /// The sine fit: a small rate settles in the shallow minimum, a larger one crosses to the
    /// deep one.
    LocalMinimum,
}

impl Preset {
    /// Every preset, in menu order.
    pub const ALL: [Preset; 14] = [
        Preset::TooHigh,
        Preset::TooLow,
        Preset::JustRight,
        Preset::Momentum,
        Preset::SgdVsAdam,
        Preset::Warmup,
        Preset::StepDecay,
        Preset::CosineVsLinear,
        Preset::BatchScaling,
        Preset::BatchUltralytics,
        Preset::FineTune,
        Preset::Clipping,
        Preset::UltralyticsDefaults,
        Preset::LocalMinimum,
    ];

    /// Its name in the URL.
    pub fn name(self) -> &'static str {
        match self {
            Preset::TooHigh => "too-high",
            Preset::TooLow => "too-low",
            Preset::JustRight => "just-right",
            Preset::Warmup => "warmup",
            Preset::StepDecay => "step-decay",
            Preset::CosineVsLinear => "cosine-vs-linear",
            Preset::BatchScaling => "batch-lr",
            Preset::FineTune => "fine-tune",
            Preset::BatchUltralytics => "batch-ultralytics",
            Preset::UltralyticsDefaults => "ultralytics-defaults",
            Preset::Momentum => "momentum",
            Preset::Clipping => "clipping",
            Preset::SgdVsAdam => "sgd-vs-adam",
            Preset::LocalMinimum => "local-minimum",
        }
    }

    /// The preset called `name` (any case, surrounding blanks ignored).
    pub fn parse(name: &str) -> Option<Preset> {
        Preset::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }

    /// Its title in the menu.
    pub fn title(self) -> &'static str {
        match self {
            // Plain names: the lessons ask what the rate will do, and a title must not answer.
            Preset::TooHigh => "Too high",
            Preset::TooLow => "Too low",
            Preset::JustRight => "Just right",
            Preset::Warmup => "Warmup tames a high LR",
            Preset::StepDecay => "Step decay ÷10",
            Preset::CosineVsLinear => "Cosine vs linear decay",
            Preset::BatchScaling => "Batch ×4, LR ×4 (mean loss)",
            Preset::FineTune => "Fine-tuning: small vs large LR",
            Preset::BatchUltralytics => "Batch ×4, same LR (Ultralytics loss)",
            Preset::UltralyticsDefaults => "Ultralytics defaults: optimizer=auto",
            Preset::Momentum => "Momentum raises the limit",
            Preset::Clipping => "Exploding gradients: clip at 10",
            Preset::SgdVsAdam => "SGD vs Adam on a narrow valley",
            Preset::LocalMinimum => "Stuck in a local minimum",
        }
    }
}
