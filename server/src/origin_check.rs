//! Cross-site requests that change things are refused, in addition to the
//! `SameSite=Lax` session cookie: a browser says where a request comes from
//! (`Sec-Fetch-Site`, and `Origin` on every POST), and a state-changing
//! request from another site answers 403. Requests without either header
//! (curl, other programs) carry no browser's cookies and pass. Exempt are
//! the token-authorised machine API (`/api/v1/…`) and one-click
//! unsubscribing (RFC 8058: the mail provider posts it).
use axum::{
    extract::Request,
    http::{Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    if is_cross_site_change(&request) {
        tracing::warn!(path = %app::secrets::mask_secrets(request.uri().path()), "cross-site request refused");
        return StatusCode::FORBIDDEN.into_response();
    }
    next.run(request).await
}

fn is_cross_site_change(request: &Request) -> bool {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return false;
    }
    let path = request.uri().path();
    if path.starts_with("/api/v1/") || path.starts_with("/unsubscribe/") {
        return false;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if let Some(site) = fetch_site {
        // `none`: typed into the address bar or a bookmark.
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    authority_of(origin) != Some(host)
}

/// `host:port` of an origin such as `https://jobfair.example:8443`.
fn authority_of(origin: &str) -> Option<&str> {
    origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn post(path: &str, headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header("host", "jobfair.example");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::empty()).unwrap_or_default()
    }

    #[test]
    fn changes_from_other_sites_are_refused() {
        assert!(is_cross_site_change(&post(
            "/api/auth/sign_in",
            &[("origin", "https://evil.example")]
        )));
        assert!(is_cross_site_change(&post(
            "/api/tickets/cancel",
            &[("sec-fetch-site", "cross-site")]
        )));
        assert!(is_cross_site_change(&post(
            "/prefs",
            &[("sec-fetch-site", "same-site")]
        )));
        assert!(!is_cross_site_change(&post(
            "/api/auth/sign_in",
            &[("origin", "https://jobfair.example")]
        )));
        assert!(!is_cross_site_change(&post(
            "/api/auth/sign_in",
            &[("sec-fetch-site", "same-origin")]
        )));
        assert!(
            !is_cross_site_change(&post("/api/auth/sign_in", &[])),
            "not a browser"
        );
        assert!(!is_cross_site_change(&post(
            "/api/v1/checkins",
            &[("origin", "https://turnstile.example")]
        )));
        assert!(!is_cross_site_change(&post(
            "/unsubscribe/abc",
            &[("sec-fetch-site", "cross-site")]
        )));
    }
}
