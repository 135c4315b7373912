//! Plain HTTP routes around tickets: the calendar file behind the personal
//! link, and each fair's public ticket keys for scanners.
use crate::startup::ServerState;
use app::{auth::request, registration::service, service_error::ServiceError};
use axum::{
    Json,
    extract::{Path, State},
    http::{HeaderValue, header, request::Parts},
    response::{IntoResponse, Response},
};

fn error_response(error: ServiceError) -> Response {
    crate::error_answers::bare(error)
}

/// `GET /tickets/{token}/calendar.ics`
pub async fn calendar(
    State(state): State<ServerState>,
    Path(token): Path<String>,
    parts: Parts,
) -> Response {
    let locale = request::cookie_value(&parts, request::LOCALE_COOKIE)
        .map(|v| app::language::or_default(&v))
        .unwrap_or_default();
    match service::calendar(&state.app, &token, locale).await {
        Ok(ics) => {
            let mut response = ics.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"ticket.ics\""),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            response
        }
        Err(error) => error_response(error),
    }
}

/// `GET /fairs/{slug}/ticket-keys.json`: the public keys that verify the
/// fair's tickets (several while keys are rotated).
pub async fn keys(State(state): State<ServerState>, Path(slug): Path<String>) -> Response {
    match service::published_keys(&state.app, &slug).await {
        Ok(keys) => {
            let mut response = Json(keys).into_response();
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=60"),
            );
            response
        }
        Err(error) => error_response(error),
    }
}

/// `GET /sw.js`: the service worker that keeps ticket pages for offline
/// use. Served here rather than as a plain file because a worker lives
/// under its own CSP: it needs `connect-src 'self'` to fetch and cache.
pub async fn service_worker() -> Response {
    let mut response = include_str!("../../public/sw.js").into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; connect-src 'self'"),
    );
    response
}
