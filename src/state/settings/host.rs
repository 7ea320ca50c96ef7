//! Messages from the page that embeds Stride. An embed acts on exactly one kind,
//! `{ type: "stride:theme", theme }`, sent by the host's `embed.js` when the docs site's own
//! light/dark toggle (MkDocs Material's palette, say) changes: a toggle is not the system
//! setting, so `theme=auto` alone cannot follow it. Whatever else arrives is ignored.

use crate::state::settings::action::Action;
use crate::state::settings::config::Theme;
use crate::state::settings::key::Key;

/// The `type` of the one message an embed accepts from its parent window.
pub const THEME_MESSAGE: &str = "stride:theme";

/// The change a message from the parent window asks for, given its `type` and `theme` fields
/// (each `None` when absent or not a string): a theme change for `stride:theme` with `light`,
/// `dark` or `auto`, and nothing for anything else, so that no message can reach another
/// setting or a value the URL would refuse.
pub fn host_message(kind: Option<&str>, theme: Option<&str>) -> Option<Action> {
    if kind != Some(THEME_MESSAGE) {
        return None;
    }
    let theme = Theme::ALL.into_iter().find(|t| Some(t.name()) == theme)?;
    Some(Action::Set(Key::Theme, theme.name().to_string()))
}
