//! Which lesson: a [`Preset`] is a lesson's place in the catalogue. Everything a lesson is —
//! its name, title, settings, runs and claim — is its one entry in
//! [`catalogue`](crate::state::settings::catalogue), which also names it for the code
//! (`Preset::TooHigh`); this file holds only the handle, so that [`Config`] can name a lesson
//! without depending on what lessons say.
//!
//! [`Config`]: crate::state::settings::config::Config

/// A lesson: its place in [`catalogue::LESSONS`](crate::state::settings::catalogue::LESSONS),
/// which is menu order. Made only by the catalogue, so every value names an entry.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Preset(pub(super) u8);

impl Preset {
    /// The preset called `name` (any case, surrounding blanks ignored).
    pub fn parse(name: &str) -> Option<Preset> {
        Preset::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }

    /// Its place in menu order.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

impl std::fmt::Debug for Preset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Preset({})", self.name())
    }
}
