//! Lessons: each lesson as data (its settings, runs, question and claim), the question a lesson
//! asks before it runs, and the verdict rules that name what a rate is doing. Built on
//! [`settings`](super::settings) only.

pub mod catalogue;
pub mod course;
pub mod predict;
pub mod question;
pub mod verdict;
