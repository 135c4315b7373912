//! Server functions of installation administrators. Each refuses everyone
//! whose proven address the configuration does not name (403).
use super::model::PendingOrganisation;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::service, crate::auth::request};

#[server(endpoint = "admin/pending")]
pub async fn pending_organisations() -> Result<Vec<PendingOrganisation>, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::pending(&state, &user).await?)
}

/// Approves (`approve = true`) or declines an organiser organisation; its
/// name, for the confirmation.
#[server(endpoint = "admin/decide")]
pub async fn decide_organisation(organisation_id: i64, approve: bool) -> Result<String, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::decide(&state, &user, organisation_id, approve).await?)
}
