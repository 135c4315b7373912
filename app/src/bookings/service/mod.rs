//! Booking rules. Requests, decisions, cancellations and expiries each run
//! in one transaction with their mails (to the employer and to the fair's
//! planners). Who may do what:
//! - an owner or member of the employer books, lists and cancels its own
//!   bookings;
//! - an owner or organiser of an organisation that runs the fair decides
//!   and lists that fair's bookings;
//! - a confirmation document is shown to both of them and nobody else.
use super::{
    model::{
        BookingOutcome, BookingPage, BookingStatus, BookingView, ConfirmationDoc, FairBookings,
        may_cancel,
    },
    store::{self, BookableBooth, BookingRow, NewBooking},
};
use crate::{
    auth::CurrentUser,
    db::Tx,
    employers::service::require_employer,
    error::{FORM, Problem},
    events::{self, Event, Notice},
    fairs::{
        FairStatus,
        service::{require_changeable, require_planner},
        texts,
    },
    floorplan::{BoothCategory, Extra},
    i18n::Locale,
    language::{self, dates, numbers},
    mail::{
        outbox::Envelope,
        templates::{self, BookingMail, BookingStep},
    },
    organisations::{OrgKind, store as org_store},
    service_error::{ServiceError, ServiceResult},
    state::AppState,
};
use std::collections::HashMap;

mod mails;
mod views;

use mails::*;
pub use views::*;

/// Only extras the booth offers can be chosen; returns them as stored.
fn check_extras(booth: &BookableBooth, chosen: &[String]) -> ServiceResult<String> {
    let offered = Extra::parse_list(&booth.extras);
    let mut picked = Vec::new();
    for word in chosen {
        match offered.iter().find(|e| e.as_str() == word.trim()) {
            Some(extra) if !picked.contains(extra) => picked.push(*extra),
            Some(_) => {}
            None => return Err(ServiceError::invalid("extras", Problem::InvalidChoice)),
        }
    }
    Ok(picked
        .iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(","))
}

/// Requests a booth for an employer: held until the organiser decides, or
/// confirmed at once on fairs that confirm automatically. Two employers
/// racing for one booth: one gets it, the other hears "just taken".
pub async fn request_booth(
    state: &AppState,
    user: &CurrentUser,
    organisation_id: i64,
    booth_id: i64,
    extras: &[String],
) -> ServiceResult<BookingOutcome> {
    let employer = require_employer(state, user, organisation_id).await?;
    let booth = store::bookable_booth(state.db.pool(), booth_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let now = state.now();
    if FairStatus::parse(&booth.fair_status) != Some(FairStatus::Published)
        || now >= booth.fair_starts_at
    {
        return Err(ServiceError::invalid(FORM, Problem::BookingClosed));
    }
    let extras = check_extras(&booth, extras)?;
    let auto_confirm = booth.auto_confirm != 0;
    let held_until = now + booth.hold_hours.max(1) * 3600;

    let mut tx = state.db.begin().await?;
    if let Some(expired) = store::expire_hold_of_booth(&mut tx, booth.booth_id, now).await? {
        mail_step(state, &mut tx, expired, BookingStep::Expired).await?;
    }
    let max = state.config.max_booths_per_employer;
    if store::lock_employer_and_count_booths(&mut tx, organisation_id, booth.fair_id).await? >= max
    {
        return Err(ServiceError::invalid(
            FORM,
            Problem::TooManyBooths {
                max: u32::try_from(max).unwrap_or(u32::MAX),
            },
        ));
    }
    let inserted = store::insert_booking(
        &mut tx,
        &NewBooking {
            booth_id: booth.booth_id,
            organisation_id,
            status: BookingStatus::Held.as_str(),
            extras: &extras,
            price_cents: booth.price_cents,
            held_until: (!auto_confirm).then_some(held_until),
            requested_by: user.id,
            now,
        },
    )
    .await?;
    let Some(booking_id) = inserted else {
        return Err(ServiceError::invalid("booth_id", Problem::BoothJustTaken));
    };
    let outcome = if auto_confirm {
        let number = store::next_number(&mut tx, booth.fair_organisation_id).await?;
        store::confirm(
            &mut tx,
            booking_id,
            booth.fair_organisation_id,
            number,
            None,
            now,
        )
        .await?;
        mail_step(state, &mut tx, booking_id, BookingStep::Confirmed).await?;
        BookingOutcome::Confirmed { booking_id, number }
    } else {
        mail_step(state, &mut tx, booking_id, BookingStep::Requested).await?;
        BookingOutcome::Held {
            booking_id,
            held_until,
        }
    };
    tx.commit().await?;
    tracing::info!(booking_id, %employer, "booth requested");
    Ok(outcome)
}

/// The organiser approves (with the next confirmation number) or rejects
/// (with a message) a held booking.
pub async fn decide(
    state: &AppState,
    user: &CurrentUser,
    booking_id: i64,
    approve: bool,
    message: &str,
) -> ServiceResult<BookingStatus> {
    let booking = store::booking(state.db.pool(), booking_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require_changeable(state, user, booking.fair_id).await?;
    let message = message.trim();
    if message.chars().count() > 1000 {
        return Err(ServiceError::invalid(
            "message",
            Problem::TooLong { max: 1000 },
        ));
    }
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let held_and_current = BookingStatus::parse(&booking.status) == Some(BookingStatus::Held)
        && booking.held_until.is_none_or(|until| until > now);
    if !held_and_current {
        let problem = match BookingStatus::parse(&booking.status) {
            Some(BookingStatus::Held | BookingStatus::Expired) => Problem::HoldExpired,
            _ => Problem::TransitionNotAllowed,
        };
        return Err(ServiceError::invalid(FORM, problem));
    }
    let decided = if approve {
        let number = store::next_number(&mut tx, booking.fair_organisation_id).await?;
        store::confirm(
            &mut tx,
            booking_id,
            booking.fair_organisation_id,
            number,
            Some(user.id),
            now,
        )
        .await?
    } else {
        store::change_status(
            &mut tx,
            booking_id,
            "held",
            "rejected",
            Some(user.id),
            message,
            now,
        )
        .await?
    };
    if !decided {
        // Changed since it was read (cancelled, or expired just now).
        return Err(ServiceError::invalid(FORM, Problem::TransitionNotAllowed));
    }
    let (step, status) = if approve {
        (BookingStep::Confirmed, BookingStatus::Confirmed)
    } else {
        (BookingStep::Rejected, BookingStatus::Rejected)
    };
    mail_step(state, &mut tx, booking_id, step).await?;
    tx.commit().await?;
    Ok(status)
}

/// The employer cancels within the fair's rules; the booth is free again.
pub async fn cancel(state: &AppState, user: &CurrentUser, booking_id: i64) -> ServiceResult<()> {
    let booking = store::booking(state.db.pool(), booking_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require_employer(state, user, booking.organisation_id).await?;
    let status = BookingStatus::parse(&booking.status).ok_or(ServiceError::NotFound)?;
    let now = state.now();
    if !status.is_active() {
        return Err(ServiceError::invalid(FORM, Problem::TransitionNotAllowed));
    }
    if !may_cancel(status, now, booking.fair_starts_at, booking.cancel_days) {
        return Err(ServiceError::invalid(FORM, Problem::CancelTooLate));
    }
    let mut tx = state.db.begin().await?;
    if !store::change_status(
        &mut tx,
        booking_id,
        status.as_str(),
        "cancelled",
        None,
        "",
        now,
    )
    .await?
    {
        return Err(ServiceError::invalid(FORM, Problem::TransitionNotAllowed));
    }
    mail_step(state, &mut tx, booking_id, BookingStep::Cancelled).await?;
    tx.commit().await?;
    Ok(())
}

/// Frees every booth whose hold ran out and tells both sides. Run by the
/// server every minute; a request for such a booth frees it at once too.
pub async fn expire_holds(state: &AppState) -> ServiceResult<usize> {
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let mut expired = 0;
    for booking in store::expired_holds(&mut tx, now).await? {
        if store::change_status(&mut tx, booking.id, "held", "expired", None, "", now).await? {
            mail_step(state, &mut tx, booking.id, BookingStep::Expired).await?;
            expired += 1;
        }
    }
    tx.commit().await?;
    Ok(expired)
}
