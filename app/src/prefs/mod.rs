//! Display preferences every page offers: language and text size. Both are
//! kept in cookies, so the server renders the right one from the first byte,
//! and both work without JavaScript (a form posts to `/prefs`).
mod model;
mod switcher;

pub use model::*;
pub use switcher::DisplayPrefs;

/// Reads the text size the person chose, on the server from the request and
/// in the browser from `document.cookie`.
pub fn initial_text_size() -> TextSize {
    text_size_cookie()
        .and_then(|v| TextSize::parse(&v))
        .unwrap_or_default()
}

#[cfg(feature = "ssr")]
fn text_size_cookie() -> Option<String> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| crate::auth::request::cookie_value(&parts, TEXT_SIZE_COOKIE))
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn text_size_cookie() -> Option<String> {
    browser::read_cookie(TEXT_SIZE_COOKIE)
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn text_size_cookie() -> Option<String> {
    None
}

/// Remembers the text size in the browser (no-op on the server).
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub fn remember_text_size(size: TextSize) {
    browser::write_cookie(TEXT_SIZE_COOKIE, size.as_str());
}

/// Remembers the text size in the browser (no-op on the server).
#[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
pub fn remember_text_size(_size: TextSize) {}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
mod browser {
    use wasm_bindgen::JsCast;

    fn html_document() -> Option<web_sys::HtmlDocument> {
        web_sys::window()?
            .document()?
            .dyn_into::<web_sys::HtmlDocument>()
            .ok()
    }

    pub fn read_cookie(name: &str) -> Option<String> {
        let all = html_document()?.cookie().ok()?;
        all.split(';').find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name).then(|| value.to_owned())
        })
    }

    pub fn write_cookie(name: &str, value: &str) {
        if let Some(doc) = html_document() {
            let _ = doc.set_cookie(&format!(
                "{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax"
            ));
        }
    }
}
