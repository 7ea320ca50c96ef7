//! Lessons in motion: the course's path through them, the question a lesson asks before it
//! runs, and the verdict rules that name what a rate is doing. What each lesson sets and says
//! is data in [`settings::catalogue`](super::settings::catalogue), because a configuration names
//! its lesson. Built on [`settings`](super::settings) only.

pub mod course;
pub mod glossary;
pub mod predict;
pub mod question;
pub mod score;
pub mod verdict;
