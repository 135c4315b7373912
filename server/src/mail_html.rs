//! A mail's HTML part at its own address, for the mail viewer's frame. A
//! `srcdoc` frame inherits the page's policy (`style-src 'self'` drops the
//! mail's inline styles) and cannot be sized to the mail; a document of its
//! own gets a policy of its own. Who may read it is the viewer's rule
//! (`mail/show`): the same service call decides.
use crate::startup::ServerState;
use app::{auth::request, mail_viewer::service as viewer};
use axum::{
    extract::{Path, State},
    http::{HeaderValue, StatusCode, header, request::Parts},
    response::{Html, IntoResponse, Response},
};

/// Mails style themselves inline and show pictures as `data:` URLs (the
/// viewer resolves the `cid:` ones); nothing runs, loads or submits, and
/// only this site's viewer may frame it.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
     sandbox; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

pub async fn html(State(state): State<ServerState>, Path(id): Path<i64>, parts: Parts) -> Response {
    let app = &state.app;
    let Some(user) = request::user_of_request(app, &parts).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let mail = match viewer::show(app, &user, id).await {
        Ok(mail) => mail,
        Err(error) => return crate::error_answers::bare(error),
    };
    let mut response = Html(mail.body_html).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, POLICY),
        // The common layers deny every frame; the viewer frames this one.
        (header::X_FRAME_OPTIONS, "SAMEORIGIN"),
        (header::CACHE_CONTROL, "private, no-store"),
        (header::REFERRER_POLICY, "no-referrer"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}
