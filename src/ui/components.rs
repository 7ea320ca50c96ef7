//! The page's parts, one component per file. Each receives its slice of the Scene and draws
//! it; none decides anything.

mod boundary_view;
mod course_bar;
mod field_control;
mod finder_panel;
mod fold_panel;
mod grad_view;
mod landscape_view;
mod ledger_view;
mod legend;
mod lesson_box;
mod lessons;
mod log_slider;
mod loss_view;
mod notices;
mod playback;
mod predict_panel;
mod readouts;
mod run_bar;
mod schedule_view;
mod settings_panel;
mod slider_mark;
mod swatch;
mod sweep_panel;
mod take_home;
mod values;

pub use boundary_view::BoundaryView;
pub use course_bar::CourseBar;
pub use field_control::FieldControl;
pub use finder_panel::FinderPanel;
pub use grad_view::GradView;
pub use landscape_view::LandscapeView;
pub use ledger_view::LedgerView;
pub use lesson_box::LessonBox;
pub use lessons::Lessons;
pub use log_slider::{LogSlider, one_three_ten, parse_typed};
pub use loss_view::LossView;
pub use notices::Notices;
pub use predict_panel::PredictPanel;
pub use readouts::Readouts;
pub use run_bar::RunBar;
pub use schedule_view::ScheduleView;
pub use settings_panel::SettingsPanel;
pub use sweep_panel::SweepPanel;
pub use take_home::TakeHome;
pub use values::Values;
