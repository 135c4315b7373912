//! HTTP pieces outside Leptos: health check, the no-JavaScript preferences
//! form, client addresses, request ids, logging and security headers.
use crate::startup::ServerState;
use app::{
    auth::request::{ClientIp, LOCALE_COOKIE},
    prefs::{TEXT_SIZE_COOKIE, TextSize},
};
use axum::{
    Form,
    extract::{ConnectInfo, Request, State},
    http::{HeaderName, HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use std::net::SocketAddr;
use tower::ServiceBuilder;
use tower_http::{
    compression::CompressionLayer,
    request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

/// 200 when the database answers, 503 otherwise.
pub async fn healthz(State(state): State<ServerState>) -> impl IntoResponse {
    if state.app.db.is_healthy().await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

#[derive(Deserialize)]
pub struct PrefsForm {
    lang: Option<String>,
    text_size: Option<String>,
    back: Option<String>,
}

/// Whether `back` is a path on this site, so going there is never an open
/// redirect: one leading `/` and no backslash, whitespace or control
/// character anywhere (browsers drop tabs and newlines from addresses, so
/// `/\t/evil.example` would become `//evil.example`, another host).
fn is_same_site_path(back: &str) -> bool {
    back.starts_with('/')
        && !back.starts_with("//")
        && !back
            .chars()
            .any(|c| c == '\\' || c.is_whitespace() || c.is_control())
}

/// Stores language or text size in a cookie and goes back to the page; the
/// fallback for the header controls when JavaScript is off.
pub async fn set_prefs(Form(form): Form<PrefsForm>) -> Response {
    let mut cookies = Vec::new();
    if let Some(lang) = form.lang.filter(|l| l == "de" || l == "en") {
        cookies.push(format!(
            "{LOCALE_COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax"
        ));
    }
    if let Some(size) = form.text_size.as_deref().and_then(TextSize::parse) {
        cookies.push(format!(
            "{TEXT_SIZE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            size.as_str()
        ));
    }
    let back = form
        .back
        .filter(|b| is_same_site_path(b))
        .unwrap_or_else(|| "/".into());
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(&back) {
        headers.insert(header::LOCATION, location);
    }
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Records the client's address for throttling: the socket's peer, or the
/// last `X-Forwarded-For` entry when a trusted proxy is in front.
pub async fn client_ip(
    State(state): State<ServerState>,
    mut request: Request,
    next: Next,
) -> Response {
    let forwarded = state
        .trust_proxy_headers
        .then(|| {
            request
                .headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                // The right-most entry: the one our proxy appended. Entries
                // to its left come from the client and can say anything.
                .and_then(|v| v.rsplit(',').next())
                .map(|v| v.trim().to_owned())
        })
        .flatten();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip().to_string());
    let ip = forwarded.or(peer).unwrap_or_else(|| "unknown".into());
    request.extensions_mut().insert(ClientIp(ip));
    next.run(request).await
}

/// A random id per request, returned as `x-request-id` and logged.
#[derive(Clone, Copy)]
struct RandomRequestId;

impl MakeRequestId for RandomRequestId {
    fn make_request_id<B>(&mut self, _request: &http::Request<B>) -> Option<RequestId> {
        let id = format!("{:016x}", rand::random::<u64>());
        HeaderValue::from_str(&id).ok().map(RequestId::new)
    }
}

fn static_header(name: &'static str, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(
        HeaderName::from_static(name),
        HeaderValue::from_static(value),
    )
}

/// Adds request ids, request logging, compression and security headers.
/// Pages set their own CSP with a nonce; everything else gets a closed one.
pub fn with_common_layers(router: axum::Router, secure: bool) -> axum::Router {
    let x_request_id = HeaderName::from_static("x-request-id");
    let hsts = if secure {
        "max-age=31536000; includeSubDomains"
    } else {
        "max-age=0"
    };
    let trace = TraceLayer::new_for_http().make_span_with(|request: &http::Request<_>| {
        let request_id = request
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        tracing::info_span!(
            "request",
            method = %request.method(),
            // Personal links carry their secret in the path: never logged.
            path = %app::secrets::mask_secrets(request.uri().path()),
            request_id = %request_id,
        )
    });
    router.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(
                x_request_id.clone(),
                RandomRequestId,
            ))
            .layer(trace)
            .layer(PropagateRequestIdLayer::new(x_request_id))
            .layer(CompressionLayer::new())
            .layer(static_header("x-content-type-options", "nosniff"))
            .layer(static_header("x-frame-options", "DENY"))
            .layer(static_header(
                "referrer-policy",
                "strict-origin-when-cross-origin",
            ))
            .layer(static_header(
                "permissions-policy",
                "camera=(self), microphone=(), geolocation=()",
            ))
            .layer(static_header("cross-origin-opener-policy", "same-origin"))
            .layer(static_header("strict-transport-security", hsts))
            .layer(static_header(
                "content-security-policy",
                "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
            )),
    )
}

#[cfg(test)]
mod tests {
    use super::is_same_site_path;

    #[test]
    fn prefs_go_back_only_to_paths_on_this_site() {
        for good in ["/", "/fairs/flughafen-frankfurt?lang=de", "/tickets/abc#qr"] {
            assert!(is_same_site_path(good), "{good}");
        }
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "https://evil.example",
            "evil.example",
            "",
            "/\u{0}x",
        ] {
            assert!(!is_same_site_path(bad), "{bad:?}");
        }
    }
}
