//! Server functions for organisations and member invitations.
use super::model::{InviteDetails, OrganisationDetails};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::service, crate::auth::request};

#[server(endpoint = "organisations/mine")]
pub async fn my_organisations() -> Result<Vec<OrganisationDetails>, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::my_organisations(&state, &user).await?)
}

#[server(endpoint = "organisations/invite")]
pub async fn invite_member(
    organisation_id: i64,
    email: String,
    role: String,
) -> Result<String, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    service::invite_member(
        &state,
        &user,
        organisation_id,
        &email,
        &role,
        request::request_locale(),
    )
    .await?;
    Ok(email.trim().to_lowercase())
}

#[server(endpoint = "organisations/invite_details")]
pub async fn get_invite_details(token: String) -> Result<InviteDetails, AppError> {
    let state = request::app_state()?;
    Ok(service::invite_details(&state, &token).await?)
}

#[server(endpoint = "organisations/accept_invite")]
pub async fn accept_invite(token: String) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_signed_in(&state).await?;
    service::accept_invite(&state, &user, &token).await?;
    leptos_axum::redirect("/account");
    Ok(())
}

#[server(endpoint = "organisations/accept_invite_new_account")]
pub async fn accept_invite_new_account(
    token: String,
    name: String,
    password: String,
) -> Result<(), AppError> {
    let state = request::app_state()?;
    let session = service::accept_invite_with_new_account(
        &state,
        &token,
        &name,
        &password,
        request::request_locale(),
    )
    .await?;
    request::set_session_cookie(&state, session.token);
    leptos_axum::redirect("/account");
    Ok(())
}
