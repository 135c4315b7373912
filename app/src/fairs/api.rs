//! Server functions for fairs: public reading, and planning for organisers.
//! Each one checks the caller first (in the service) and stays thin.
use super::model::{
    Dashboard, FairForm, FairPlan, FairStatus, FairSummary, OrganiserHome, PublicFair, SlotForm,
};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{service, views},
    crate::auth::request::{self, request_locale},
};

/// Upcoming published fairs, titled in the caller's language. Public.
#[server(endpoint = "fairs/upcoming")]
pub async fn upcoming_fairs() -> Result<Vec<FairSummary>, AppError> {
    let state = request::app_state()?;
    Ok(views::upcoming(&state, request_locale()).await?)
}

/// The public page of a fair. Public.
#[server(endpoint = "fairs/public")]
pub async fn get_public_fair(slug: String) -> Result<PublicFair, AppError> {
    let state = request::app_state()?;
    Ok(views::public_fair(&state, &slug, request_locale()).await?)
}

/// The caller's fairs, and the organisations they can create fairs for.
#[server(endpoint = "fairs/mine")]
pub async fn get_organiser_home() -> Result<OrganiserHome, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(views::organiser_home(&state, &user, request_locale()).await?)
}

#[server(endpoint = "fairs/create")]
pub async fn create_fair(organisation_id: i64, form: FairForm) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    let id = service::create_fair(&state, &user, organisation_id, &form).await?;
    leptos_axum::redirect(&format!("/organise/fairs/{id}"));
    Ok(())
}

#[server(endpoint = "fairs/plan")]
pub async fn get_fair_plan(fair_id: i64) -> Result<FairPlan, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(views::plan(&state, &user, fair_id, request_locale()).await?)
}

#[server(endpoint = "fairs/update")]
pub async fn update_fair(fair_id: i64, form: FairForm) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::update_fair(&state, &user, fair_id, &form).await?)
}

#[server(endpoint = "fairs/status")]
pub async fn change_fair_status(fair_id: i64, status: String) -> Result<FairStatus, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::change_status(&state, &user, fair_id, &status).await?)
}

#[server(endpoint = "fairs/co_organiser/add")]
pub async fn add_co_organiser(fair_id: i64, organisation_id: i64) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::add_co_organiser(&state, &user, fair_id, organisation_id).await?)
}

#[server(endpoint = "fairs/co_organiser/remove")]
pub async fn remove_co_organiser(fair_id: i64, organisation_id: i64) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::remove_co_organiser(&state, &user, fair_id, organisation_id).await?)
}

#[server(endpoint = "fairs/slot/add")]
pub async fn add_slot(fair_id: i64, slot: SlotForm) -> Result<i64, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::add_slot(&state, &user, fair_id, &slot).await?)
}

#[server(endpoint = "fairs/slot/update")]
pub async fn update_slot(slot_id: i64, slot: SlotForm) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::update_slot(&state, &user, slot_id, &slot).await?)
}

#[server(endpoint = "fairs/slot/delete")]
pub async fn delete_slot(slot_id: i64) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::delete_slot(&state, &user, slot_id).await?)
}

#[server(endpoint = "fairs/dashboard")]
pub async fn fair_dashboard(fair_id: i64) -> Result<Dashboard, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(views::dashboard(&state, &user, fair_id, request_locale()).await?)
}
