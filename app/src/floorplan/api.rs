//! Server functions for halls and booths; the planners of the fair only.
use super::model::{BoothForm, HallForm};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::service, crate::auth::request};

#[server(endpoint = "floorplan/hall/add")]
pub async fn add_hall(fair_id: i64, hall: HallForm) -> Result<i64, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::add_hall(&state, &user, fair_id, &hall).await?)
}

#[server(endpoint = "floorplan/hall/update")]
pub async fn update_hall(hall_id: i64, hall: HallForm) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::update_hall(&state, &user, hall_id, &hall).await?)
}

/// Places a booth (no `booth_id`) or changes one; returns its id.
#[server(endpoint = "floorplan/booth/save")]
pub async fn save_booth(
    hall_id: i64,
    booth_id: Option<i64>,
    booth: BoothForm,
) -> Result<i64, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::save_booth(&state, &user, hall_id, booth_id, &booth).await?)
}

#[server(endpoint = "floorplan/booth/delete")]
pub async fn delete_booth(booth_id: i64) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::delete_booth(&state, &user, booth_id).await?)
}
