//! Server functions of registration and the ticket page. Public: the fair
//! page needs no account, and the personal link's token is the proof.
use super::model::{Registered, RegistrationForm, RegistrationPage, TicketPage};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::service, crate::auth::request, crate::throttle::Throttled};

#[server(endpoint = "registration/page")]
pub async fn get_registration_page(
    slug: String,
    invite: Option<String>,
) -> Result<RegistrationPage, AppError> {
    let state = request::app_state()?;
    Ok(service::page(&state, &slug, invite.as_deref(), request::request_locale()).await?)
}

/// Registers; with a ticket or waitlist place the browser moves on to the
/// personal link (also without JavaScript, by a plain redirect).
#[server(endpoint = "registration/register")]
pub async fn register(slug: String, form: RegistrationForm) -> Result<Registered, AppError> {
    let state = request::app_state()?;
    // Per client before anything else: a script must not fill a fair.
    state
        .limits
        .check(Throttled::RegistrationByClient, &request::client_ip())?;
    let registered = service::register(&state, &slug, &form).await?;
    match &registered {
        Registered::Ticket { link } | Registered::Waitlisted { link, .. } => {
            leptos_axum::redirect(link);
        }
        Registered::SentAgain => {
            leptos_axum::redirect(&format!("/fairs/{slug}/register?sent=1"));
        }
    }
    Ok(registered)
}

#[server(endpoint = "tickets/page")]
pub async fn get_ticket(token: String) -> Result<TicketPage, AppError> {
    let state = request::app_state()?;
    Ok(service::ticket_page(&state, &token, request::request_locale()).await?)
}

#[server(endpoint = "tickets/cancel")]
pub async fn cancel_ticket(token: String) -> Result<(), AppError> {
    let state = request::app_state()?;
    Ok(service::cancel(&state, &token).await?)
}

#[server(endpoint = "tickets/change_slot")]
pub async fn change_ticket_slot(token: String, slot_id: String) -> Result<(), AppError> {
    let state = request::app_state()?;
    let slot_id = slot_id
        .parse()
        .map_err(|_| AppError::invalid("slot_id", crate::error::Problem::Required))?;
    Ok(service::change_slot(&state, &token, slot_id).await?)
}

/// True when a mail was queued (at most one per few minutes).
#[server(endpoint = "tickets/resend")]
pub async fn resend_ticket(token: String) -> Result<bool, AppError> {
    let state = request::app_state()?;
    state
        .limits
        .check(Throttled::SendAgainByClient, &request::client_ip())?;
    let queued = service::resend(&state, &token).await?;
    // Without JavaScript the form post lands here: the page says what happened.
    leptos_axum::redirect(&format!("/tickets/{token}?resent={}", u8::from(queued)));
    Ok(queued)
}

#[server(endpoint = "tickets/bookmark")]
pub async fn set_bookmark(token: String, organisation_id: i64, on: bool) -> Result<(), AppError> {
    let state = request::app_state()?;
    Ok(service::bookmark(&state, &token, organisation_id, on).await?)
}
