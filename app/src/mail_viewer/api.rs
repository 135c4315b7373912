//! Server functions of the mail viewer.
use super::model::{MailDetail, MailSummary};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::service, crate::auth::request};

#[server(endpoint = "mail/list")]
pub async fn list_mail() -> Result<Vec<MailSummary>, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::list(&state, &user).await?)
}

#[server(endpoint = "mail/show")]
pub async fn show_mail(id: i64) -> Result<MailDetail, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::show(&state, &user, id).await?)
}
