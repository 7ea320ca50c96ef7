//! The page's entry point, a crate of its own: a release build's link-time optimisation runs at
//! the opt-level of the crate that links, and this one is built at 3 so that the engine's loops
//! are vectorised, while the page's code, compiled at "z", keeps its size (Cargo.toml).

fn main() {
    #[cfg(target_arch = "wasm32")]
    stride::ui::start();
}
