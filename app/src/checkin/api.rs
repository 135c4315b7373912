//! Server functions of the door. Each signs the caller in; the service
//! checks that they may run this fair's door (or plan the fair).
use super::{
    model::{DoorFair, LiveDoor, ScanAnswer, ScanUpload, WalkInForm},
    pack::DoorPack,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
#[cfg(feature = "ssr")]
use {super::service, crate::auth::request};

#[server(endpoint = "door/fairs")]
pub async fn get_door_fairs() -> Result<Vec<DoorFair>, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::door_fairs(&state, &user, request::request_locale()).await?)
}

#[server(endpoint = "door/pack")]
pub async fn get_door_pack(slug: String) -> Result<DoorPack, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::door_pack(&state, &user, &slug, request::request_locale()).await?)
}

/// Records a device's scans (one at a time online, the queue after being
/// offline); each answer says admitted or why not.
#[server(endpoint = "door/scans", input = Json)]
pub async fn sync_scans(
    slug: String,
    gate: String,
    device: String,
    scans: Vec<ScanUpload>,
) -> Result<Vec<ScanAnswer>, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    let fair = service::require_door(&state, &user, &slug).await?;
    let scanner = service::Scanner::Staff { user_id: user.id };
    Ok(service::record_scans(&state, &fair, &gate, &device, scanner, &scans).await?)
}

#[server(endpoint = "door/walk_in", input = Json)]
pub async fn register_walk_in(slug: String, form: WalkInForm) -> Result<ScanAnswer, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::walk_in(&state, &user, &slug, &form).await?)
}

#[server(endpoint = "door/live")]
pub async fn get_live_door(fair_id: i64) -> Result<LiveDoor, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::live(&state, &user, fair_id, request::request_locale()).await?)
}

#[server(endpoint = "door/tolerance")]
pub async fn set_checkin_tolerance(fair_id: i64, tolerance: String) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::set_tolerance(&state, &user, fair_id, &tolerance).await?)
}

/// Returns the new token (shown once).
#[server(endpoint = "door/tokens/create")]
pub async fn create_door_token(fair_id: i64, label: String) -> Result<String, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::create_token(&state, &user, fair_id, &label).await?)
}

#[server(endpoint = "door/tokens/revoke")]
pub async fn revoke_door_token(fair_id: i64, token_id: i64) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::revoke_token(&state, &user, fair_id, token_id).await?)
}
