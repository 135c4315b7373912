//! The request as server functions see it: app state, session cookie, client
//! address and language, and the cookies they set in the response.
use super::{model::CurrentUser, service};
use crate::{error::AppError, i18n::Locale, state::AppState};
use cookie::{Cookie, SameSite, time::Duration};
use http::{HeaderValue, header, request::Parts};
use leptos::prelude::*;

pub const SESSION_COOKIE: &str = "jf_session";
/// The cookie leptos_i18n reads; the language switch writes it.
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal {
            reference: "STATE".into(),
        }
    })
}

fn request_parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The signed-in person of a plain HTTP route (outside server functions),
/// from the session cookie; only once the address is proven (every plain
/// route that needs a person serves what depends on the address).
pub async fn user_of_request(state: &AppState, parts: &Parts) -> Option<CurrentUser> {
    let token = cookie_value(parts, SESSION_COOKIE)?;
    service::user_for_session(state, &token)
        .await
        .ok()
        .flatten()
        .filter(|user| user.email_verified)
}

pub fn cookie_value(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

pub fn session_token() -> Option<String> {
    request_parts().and_then(|p| cookie_value(&p, SESSION_COOKIE))
}

/// The language the person chose (cookie), the default one otherwise.
pub fn request_locale() -> Locale {
    request_parts()
        .and_then(|p| cookie_value(&p, LOCALE_COOKIE))
        .map(|v| crate::language::or_default(&v))
        .unwrap_or_default()
}

/// The client's address as the server saw the connection (set by the server
/// crate from the socket, or from a trusted proxy header).
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

pub fn client_ip() -> String {
    request_parts()
        .and_then(|p| p.extensions.get::<ClientIp>().map(|ip| ip.0.clone()))
        .unwrap_or_else(|| "unknown".into())
}

/// The signed-in person, if any.
pub async fn current_user(state: &AppState) -> Result<Option<CurrentUser>, AppError> {
    match session_token() {
        Some(token) => Ok(service::user_for_session(state, &token).await?),
        None => Ok(None),
    }
}

/// The signed-in person with a proven address: `Unauthenticated` without a
/// session, `Unverified` before the address is proven. Everything that
/// depends on the address (organisations, fairs, bookings, mail) asks this.
pub async fn require_user(state: &AppState) -> Result<CurrentUser, AppError> {
    let user = require_signed_in(state).await?;
    if user.email_verified {
        Ok(user)
    } else {
        Err(AppError::Unverified)
    }
}

/// The signed-in person, proven address or not (the account page, asking
/// for a new verification link, accepting an invitation by its link).
pub async fn require_signed_in(state: &AppState) -> Result<CurrentUser, AppError> {
    current_user(state).await?.ok_or(AppError::Unauthenticated)
}

fn build_session_cookie(state: &AppState, value: String, max_age: Duration) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, value))
        .path("/")
        .http_only(true)
        .secure(state.config.secure_cookies)
        .same_site(SameSite::Lax)
        .max_age(max_age)
        .build()
}

fn append_cookie(cookie: Cookie<'static>) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&cookie.to_string()),
    ) {
        response.append_header(header::SET_COOKIE, value);
    }
}

pub fn set_session_cookie(state: &AppState, token: String) {
    append_cookie(build_session_cookie(
        state,
        token,
        Duration::seconds(state.config.session_ttl_secs),
    ));
}

pub fn clear_session_cookie(state: &AppState) {
    append_cookie(build_session_cookie(state, String::new(), Duration::ZERO));
}
