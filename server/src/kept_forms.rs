//! Keeps what a person typed when a plain form post (no JavaScript) to a
//! server function fails: Leptos redirects back to the page with the error
//! in the address, and this adds a short-lived cookie with the posted
//! fields (never passwords; `app::parts::kept`), so the page shows the
//! error beside what was typed instead of an empty form.
use crate::startup::ServerState;
use app::parts::kept::{KEPT_FORM_COOKIE, KEPT_FORM_SECONDS, cookie_for_posted};
use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Forms larger than this are passed on untouched (nothing kept).
const MAX_FORM: usize = 64 * 1024;

fn is_plain_form_post(request: &Request) -> bool {
    let header_has = |name, needle: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains(needle))
    };
    request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && header_has(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        && header_has(header::ACCEPT, "text/html")
        && request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok())
            .is_some_and(|length| length <= MAX_FORM)
}

pub async fn keep_failed_forms(
    State(state): State<ServerState>,
    request: Request,
    next: Next,
) -> Response {
    if !is_plain_form_post(&request) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let kept = cookie_for_posted(&bytes);
    let mut response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let failed = response.status().is_redirection()
        && response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|location| location.contains("__err="));
    if let (true, Some(kept)) = (failed, kept) {
        let secure = if state.app.config.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{KEPT_FORM_COOKIE}={kept}; Path=/; Max-Age={KEPT_FORM_SECONDS}; HttpOnly; SameSite=Lax{secure}"
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
