//! Server functions for booth bookings. Each one signs the caller in first;
//! the service decides what they may see or change.
use super::model::{
    BookingOutcome, BookingPage, BookingStatus, BookingView, ConfirmationDoc, FairBookings,
};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::service, crate::auth::request};

#[server(endpoint = "bookings/page")]
pub async fn get_booking_page(slug: String) -> Result<BookingPage, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::booking_page(&state, &user, &slug, request::request_locale()).await?)
}

/// Requests a booth; the extras come as the checkboxes of the form.
#[server(endpoint = "bookings/request")]
pub async fn request_booth(
    #[server(default)] organisation_id: Option<i64>,
    #[server(default)] booth_id: Option<i64>,
    #[server(default)] power: Option<String>,
    #[server(default)] table: Option<String>,
    #[server(default)] screen: Option<String>,
) -> Result<BookingOutcome, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    let organisation_id = organisation_id.ok_or(AppError::Forbidden)?;
    let booth_id =
        booth_id.ok_or_else(|| AppError::invalid("booth_id", crate::error::Problem::Required))?;
    let extras: Vec<String> = [("power", power), ("table", table), ("screen", screen)]
        .into_iter()
        .filter(|(_, ticked)| ticked.is_some())
        .map(|(name, _)| name.to_owned())
        .collect();
    Ok(service::request_booth(&state, &user, organisation_id, booth_id, &extras).await?)
}

#[server(endpoint = "bookings/mine")]
pub async fn get_my_bookings() -> Result<Vec<BookingView>, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::my_bookings(&state, &user, request::request_locale()).await?)
}

#[server(endpoint = "bookings/cancel")]
pub async fn cancel_booking(booking_id: i64) -> Result<(), AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::cancel(&state, &user, booking_id).await?)
}

#[server(endpoint = "bookings/fair")]
pub async fn get_fair_bookings(fair_id: i64) -> Result<FairBookings, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::fair_bookings(&state, &user, fair_id, request::request_locale()).await?)
}

/// `decision` is `approve` or `reject`; a rejection may carry a message.
#[server(endpoint = "bookings/decide")]
pub async fn decide_booking(
    booking_id: i64,
    decision: String,
    #[server(default)] message: String,
) -> Result<BookingStatus, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    let approve = match decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => {
            return Err(AppError::invalid(
                "decision",
                crate::error::Problem::InvalidChoice,
            ));
        }
    };
    Ok(service::decide(&state, &user, booking_id, approve, &message).await?)
}

#[server(endpoint = "bookings/confirmation")]
pub async fn get_confirmation(booking_id: i64) -> Result<ConfirmationDoc, AppError> {
    let state = request::app_state()?;
    let user = request::require_user(&state).await?;
    Ok(service::confirmation_doc(&state, &user, booking_id, request::request_locale()).await?)
}
