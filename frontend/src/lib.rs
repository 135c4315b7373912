//! The browser entry point: hydrates the server-rendered page.
// The release build keeps Leptos's full view types (no `erase_components`):
// the largest pages nest deeper than the default limit allows.
#![recursion_limit = "512"]
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
