//! Server functions for invitations; the fair's planners only (checked in
//! the service), except the public unsubscribe link.
use super::model::{ImportPreview, InvitationsView, InviteKind, InviteRow};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::service, crate::auth::request};

#[server(endpoint = "invitations/view")]
pub async fn get_invitations(fair_id: i64) -> Result<InvitationsView, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::view(&state, &user, fair_id, request::request_locale()).await?)
}

/// Checks an uploaded list; writes nothing.
#[server(endpoint = "invitations/check")]
pub async fn check_invite_list(
    fair_id: i64,
    csv_text: String,
    kind: InviteKind,
) -> Result<ImportPreview, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::check_list(&state, &user, fair_id, &csv_text, kind).await?)
}

/// Invites people (one from the form, or a chunk of a checked list);
/// returns how many were invited.
#[server(endpoint = "invitations/send")]
pub async fn send_invites(
    fair_id: i64,
    rows: Vec<InviteRow>,
    kind: InviteKind,
) -> Result<usize, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::invite(&state, &user, fair_id, rows, kind).await?)
}

#[server(endpoint = "invitations/invite_one")]
pub async fn invite_one(fair_id: i64, row: InviteRow, kind: String) -> Result<String, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    let email = row.email.trim().to_lowercase();
    let kind = InviteKind::parse(&kind)
        .ok_or_else(|| AppError::invalid("kind", crate::error::Problem::InvalidChoice))?;
    service::invite(&state, &user, fair_id, vec![row], kind).await?;
    Ok(email)
}

/// The unsubscribe link of an invitation mail. Public: the token is the proof.
#[server(endpoint = "invitations/unsubscribe")]
pub async fn unsubscribe(token: String) -> Result<(), AppError> {
    let state = request::app_state()?;
    service::unsubscribe(&state, &token).await?;
    // Without JavaScript the form post lands here: the page says it is done.
    leptos_axum::redirect(&format!("/unsubscribe/{token}?done=1"));
    Ok(())
}
