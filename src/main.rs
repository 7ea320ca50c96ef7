fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<stride::ui::App>::new().render();
}
