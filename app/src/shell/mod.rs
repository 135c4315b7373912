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

/// Sets the HTTP status of the page being rendered (no-op in the browser).
pub fn set_http_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
