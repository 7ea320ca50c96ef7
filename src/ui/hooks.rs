//! Hooks: the page's state that lives between renders (the session and its frame loop, the
//! address bar) and the canvas charts.

mod animation;
mod embed;
mod hush;
mod notices;
mod plot;
mod scroll;
mod select;
mod session;
mod style;
mod theme;
mod url;

pub use animation::{use_after_first_paint, use_animation_loop};
pub use embed::use_embed;
pub use hush::{is_escape, use_escape_hushes_tips};
pub use notices::{use_notices_end_with_the_lesson, use_page_notices};
pub use plot::{chart_zoom, set_chart_zoom, use_plot, use_resize};
pub use scroll::{lr_button, open_your_run, show_panel, try_button};
pub use select::use_select_value;
pub use session::{SessionHandle, latest_scene, now, use_session};
pub use style::use_css;
pub use theme::{use_colors, use_dark};
pub use url::{location_query, use_url_sync};
