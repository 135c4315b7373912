//! Keeps what a person typed when a plain form post (no JavaScript) to a
//! server function fails: Leptos redirects back to the page with the error
//! in the address, and this adds a short-lived cookie with the posted
//! fields (never passwords; `app::parts::kept`), so the page shows the
//! error beside what was typed instead of an empty form. The next request
//! that brings the cookie back (the page it fills) clears it.
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
        let brought_back = cookie_value_in(&request);
        let mut response = next.run(request).await;
        if brought_back {
            response
                .headers_mut()
                .append(header::SET_COOKIE, cookie(&state, "", 0));
        }
        return response;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let kept = cookie_for_posted(parts.uri.path(), &bytes);
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
        let headers = response.headers_mut();
        headers.append(header::SET_COOKIE, cookie(&state, &kept, KEPT_FORM_SECONDS));
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

fn cookie_value_in(request: &Request) -> bool {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|cookies| {
            cookies
                .split(';')
                .any(|c| c.trim().starts_with(&format!("{KEPT_FORM_COOKIE}=")))
        })
}

/// The kept-form cookie with `value` for `seconds` (0 clears it).
fn cookie(state: &ServerState, value: &str, seconds: u32) -> HeaderValue {
    let secure = if state.app.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{KEPT_FORM_COOKIE}={value}; Path=/; Max-Age={seconds}; HttpOnly; SameSite=Lax{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("jf_kept=; Path=/; Max-Age=0"))
}
