//! The frame around every page: document, layout, routes and error pages.
mod app;
pub mod areas;
#[cfg(feature = "ssr")]
mod document;
mod not_found;

pub use app::App;
#[cfg(feature = "ssr")]
pub use document::shell;
pub use not_found::{NotFound, NotInApp};

/// Names the language the page is rendered in (`Content-Language`; no-op in
/// the browser). The public page cache stores a page only under the
/// language it was really rendered in.
#[cfg(feature = "ssr")]
pub fn set_content_language(language: &str) {
    if let (Some(response), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(language),
    ) {
        response.insert_header(http::header::CONTENT_LANGUAGE, value);
    }
}

#[cfg(not(feature = "ssr"))]
pub fn set_content_language(_language: &str) {}

/// Sets the HTTP status of the page being rendered (no-op in the browser).
#[cfg(feature = "ssr")]
pub fn set_http_status(code: u16) {
    if let (Some(response), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
}

/// Sets the HTTP status of the page being rendered (no-op in the browser).
#[cfg(not(feature = "ssr"))]
pub fn set_http_status(_code: u16) {}
