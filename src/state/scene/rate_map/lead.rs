//! The rate map's lead: the claim a student reads first, and the evidence folded under it.

/// The map's lead: a short claim a student reads first ("Try lr0 ≈ X: the reason."), and the
/// evidence behind it, folded under "why". Reviewers met the whole of it as one bold paragraph
/// of sixty words and skipped it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lead {
    /// The rate to try and its reason in one sentence, or why there is none.
    pub claim: String,
    /// The runs the claim rests on, and what else it means.
    pub why: String,
}

impl Lead {
    pub(super) fn new(claim: String, why: String) -> Self {
        Self { claim, why }
    }

    pub(super) fn only(claim: impl Into<String>) -> Self {
        Self::new(claim.into(), String::new())
    }
}
