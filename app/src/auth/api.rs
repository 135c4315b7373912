//! Server functions for accounts. Each one is a public endpoint: it checks
//! the caller, calls the service and maps the result.
use super::model::{CurrentUser, SignUpForm};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::request, super::service, crate::throttle::Throttled};

/// The signed-in person, or `None`.
#[server(endpoint = "auth/me")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    let state = request::app_state()?;
    request::current_user(&state).await
}

#[server(endpoint = "auth/sign_up")]
pub async fn sign_up(form: SignUpForm) -> Result<(), AppError> {
    let state = request::app_state()?;
    service::sign_up(
        &state,
        form,
        request::request_locale(),
        &request::client_ip(),
    )
    .await?;
    leptos_axum::redirect("/signup?sent=1");
    Ok(())
}

#[server(endpoint = "auth/sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    let state = request::app_state()?;
    let session = service::sign_in(&state, &email, &password, &request::client_ip()).await?;
    request::set_session_cookie(&state, session.token);
    leptos_axum::redirect("/account");
    Ok(())
}

#[server(endpoint = "auth/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let state = request::app_state()?;
    if let Some(token) = request::session_token() {
        service::sign_out(&state, &token).await?;
    }
    request::clear_session_cookie(&state);
    leptos_axum::redirect("/?signed_out=1");
    Ok(())
}

#[server(endpoint = "auth/request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let state = request::app_state()?;
    service::request_password_reset(&state, &email, &request::client_ip()).await?;
    // The same answer whether or not the address has an account.
    leptos_axum::redirect("/password/forgot?sent=1");
    Ok(())
}

#[server(endpoint = "auth/reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let state = request::app_state()?;
    let session = service::reset_password(&state, &token, &password).await?;
    request::set_session_cookie(&state, session.token);
    leptos_axum::redirect("/account");
    Ok(())
}

/// Sends the signed-in person a new link to prove their address.
#[server(endpoint = "auth/resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_signed_in(&state).await?;
    state
        .limits
        .check(Throttled::SendAgainByClient, &request::client_ip())?;
    super::verification::resend_link(&state, &user, request::request_locale()).await?;
    Ok(())
}

/// Opens a verification link with the password the person chooses (a form,
/// not the page load: mail scanners that open links must not verify on the
/// person's behalf).
#[server(endpoint = "auth/verify_email")]
pub async fn verify_email(token: String, password: String) -> Result<(), AppError> {
    let state = request::app_state()?;
    let session = super::verification::verify(&state, &token, &password).await?;
    request::set_session_cookie(&state, session.token);
    leptos_axum::redirect("/account");
    Ok(())
}

/// What deleting the signed-in person's account would do to their
/// organisations (shown before the person confirms).
#[server(endpoint = "auth/deletion_plan")]
pub async fn deletion_plan() -> Result<super::model::DeletionPlan, AppError> {
    let state = request::app_state()?;
    let user = request::require_signed_in(&state).await?;
    Ok(super::deletion::plan(&state, &user).await?)
}

/// Deletes the signed-in person's account, confirmed by its password.
#[server(endpoint = "auth/delete_account")]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_signed_in(&state).await?;
    super::deletion::delete_account(&state, &user, &password, &request::client_ip()).await?;
    request::clear_session_cookie(&state);
    leptos_axum::redirect("/?account_deleted=1");
    Ok(())
}
