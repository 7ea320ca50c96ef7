fn main() {
    #[cfg(target_arch = "wasm32")]
    stride::ui::start();
}
