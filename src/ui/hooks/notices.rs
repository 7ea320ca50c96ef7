//! Notices from a file or the address belong to the settings they came with.

use yew::prelude::*;

use crate::state::{Config, Notice, Preset};

/// Clears `notices` when a lesson (or a course step) is entered: "Taken from args.yaml…" stayed
/// on screen through the course a YOLO user started after importing. Leaving a lesson, as an
/// import does, keeps them: the import's own notices arrive with it.
#[hook]
pub fn use_notices_end_with_the_lesson(
    preset: Option<Preset>,
    notices: UseStateHandle<Vec<Notice>>,
) {
    let before = use_mut_ref(|| preset);
    use_effect_with(preset, move |now| {
        let was = std::mem::replace(&mut *before.borrow_mut(), *now);
        if now.is_some() && was != *now && !notices.is_empty() {
            notices.set(Vec::new());
        }
    });
}

/// The page's notices as its settings change: [`use_notices_end_with_the_lesson`], and a notice
/// of what picking a task changed besides it ([`Config::retasked`]), in place of the last one.
#[hook]
pub fn use_page_notices(config: &Config, notices: UseStateHandle<Vec<Notice>>) {
    use_notices_end_with_the_lesson(config.preset, notices.clone());
    let before = use_mut_ref(|| config.clone());
    use_effect_with(config.clone(), move |now| {
        let was = std::mem::replace(&mut *before.borrow_mut(), now.clone());
        if let Some(n) = was.retasked(now) {
            let task = n.param.clone();
            let kept = notices.iter().filter(|o| o.param != task).cloned();
            notices.set(kept.chain(std::iter::once(n)).collect());
        }
    });
}
