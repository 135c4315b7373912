//! Server functions of employer profiles, jobs and the directory. Profile
//! and jobs: the employer's people only (checked in the service); the
//! directory is public.
use super::model::{
    Directory, DirectoryFilter, ExhibitorPage, JobForm, JobsPage, Profile, ProfileForm,
};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::service, crate::auth::request};

#[server(endpoint = "employers/profile")]
pub async fn get_profile(organisation_id: i64) -> Result<Profile, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::profile(&state, &user, organisation_id).await?)
}

#[server(endpoint = "employers/save_profile")]
pub async fn save_profile(organisation_id: i64, form: ProfileForm) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::save_profile(&state, &user, organisation_id, &form).await?)
}

#[server(endpoint = "employers/jobs")]
pub async fn get_jobs(organisation_id: i64, slug: String) -> Result<JobsPage, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::jobs_page(
        &state,
        &user,
        organisation_id,
        &slug,
        request::request_locale(),
    )
    .await?)
}

#[server(endpoint = "employers/add_job")]
pub async fn add_job(organisation_id: i64, slug: String, form: JobForm) -> Result<i64, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::add_job(&state, &user, organisation_id, &slug, &form).await?)
}

#[server(endpoint = "employers/delete_job")]
pub async fn delete_job(organisation_id: i64, job_id: i64) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::delete_job(&state, &user, organisation_id, job_id).await?)
}

#[server(endpoint = "employers/directory")]
pub async fn get_directory(slug: String, filter: DirectoryFilter) -> Result<Directory, AppError> {
    let state = request::app_state()?;
    Ok(service::directory(&state, &slug, &filter, request::request_locale()).await?)
}

#[server(endpoint = "employers/exhibitor")]
pub async fn get_exhibitor(slug: String, organisation_id: i64) -> Result<ExhibitorPage, AppError> {
    let state = request::app_state()?;
    Ok(service::exhibitor_page(&state, &slug, organisation_id, request::request_locale()).await?)
}
