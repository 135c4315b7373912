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

/// An owner gives a member another role.
#[server(endpoint = "organisations/change_role")]
pub async fn change_member_role(
    organisation_id: i64,
    user_id: i64,
    role: String,
) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(super::members::change_role(&state, &user, organisation_id, user_id, &role).await?)
}

/// An owner removes a member; the member's sessions end.
#[server(endpoint = "organisations/remove_member")]
pub async fn remove_member(organisation_id: i64, user_id: i64) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(super::members::remove_member(&state, &user, organisation_id, user_id).await?)
}

/// The signed-in person leaves an organisation.
#[server(endpoint = "organisations/leave")]
pub async fn leave_organisation(organisation_id: i64) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(super::members::leave(&state, &user, organisation_id).await?)
}
