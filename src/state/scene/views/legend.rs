//! The schedule chart's legend for the main run's own lines, which the page and an exported
//! picture share.

use super::ScheduleView;

impl ScheduleView {
    /// The legend's entries for the main run's lines: one where the weights and the biases
    /// share their rates (`one` names it), else the two. Beside other runs' lines each names
    /// the run (a student read "lr, weights" beside "lr, linear" and could not tell which line
    /// was the cosine).
    pub fn main_lines(&self, one: &str) -> Vec<(String, plotters::style::RGBColor)> {
        use crate::charts::palette::{BLUE, GREEN};
        let shared = crate::charts::schedule::same_rates(&self.settings.points);
        match (self.references.is_empty(), shared) {
            (true, true) => vec![(one.to_string(), BLUE)],
            (true, false) => vec![("lr, weights".into(), BLUE), ("lr, biases".into(), GREEN)],
            (false, true) => vec![(format!("lr, {}", self.main), BLUE)],
            (false, false) => vec![
                (format!("lr, {}: weights", self.main), BLUE),
                (format!("lr, {}: biases", self.main), GREEN),
            ],
        }
    }
}
