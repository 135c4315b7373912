//! Registration rules: places are taken by one conditional write (never more
//! tickets than places, on both databases); a full slot offers its waitlist,
//! and every freed place goes to the first in line; one live registration
//! per address and fair; invite-only slots need an unused invitation of
//! that address (or any address when the fair allows forwarding). Every
//! change is recorded as a domain event, with its mail, in the change's
//! transaction. Places and their waitlists live in [`crate::places`],
//! tickets in [`crate::tickets`].
use super::{
    mails::{
        PreparedTicket, calendar_file, notice_to, prepare_ticket_mail, ticket_message, title,
        waitlist_message,
    },
    model::{
        CheckedRegistration, InvitePrefill, PrivacyFacts, RETENTION_DAYS, Registered,
        RegistrationForm, RegistrationPage, RegistrationStatus, RouteStop, SlotChoice, TicketPage,
        TicketStatus, check_registration,
    },
    store::{self, NewRegistration, RegistrationRow},
};
use crate::{
    db::Tx,
    error::{FORM, Problem},
    events::{self, Event},
    fairs::{
        EntryMode, FairStatus,
        store::{self as fair_store, FairRow, SlotRow},
    },
    i18n::Locale,
    language::dates,
    mail::templates::{self, TicketMailKind},
    places::{self, Places, store as places_store},
    service_error::{ServiceError, ServiceResult},
    state::AppState,
    tickets::{
        issue::{self as tickets, FairContext, IssuedTicket, fair_context, issue_ticket},
        keys, qr, store as ticket_store,
    },
    tokens,
};

mod personal;
mod register;
mod upkeep;
mod waitlist;

pub use personal::{bookmark, calendar, cancel, change_slot, resend, ticket_page};
pub use register::{page, register};
pub use upkeep::{Purged, published_keys, purge_expired};
pub use waitlist::fill_from_waitlist;
use waitlist::{give_up_place, issue_and_mail, send_again};

/// "Send my ticket again" sends at most one mail per this many seconds.
const RESEND_INTERVAL_SECS: i64 = 300;

fn registration_open(fair: &FairRow, now: i64) -> bool {
    FairStatus::parse(&fair.status) == Some(FairStatus::Published)
        && now >= fair.registration_opens_at.unwrap_or(i64::MIN)
        && now < fair.registration_closes_at.unwrap_or(fair.starts_at)
}

fn slot_choice(slot: &SlotRow, zone: &str, locale: Locale) -> SlotChoice {
    SlotChoice {
        id: slot.id,
        when: dates::range(locale, slot.starts_at, slot.ends_at, zone),
        places_left: places::places_left(slot.capacity, slot.taken),
        entry_mode: EntryMode::parse(&slot.entry_mode).unwrap_or(EntryMode::Open),
    }
}

async fn public_fair(state: &AppState, slug: &str) -> ServiceResult<FairRow> {
    let fair = fair_store::fair_by_slug(state.db.pool(), slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    match FairStatus::parse(&fair.status) {
        Some(status) if status.is_public() => Ok(fair),
        _ => Err(ServiceError::NotFound),
    }
}

/// The registration behind a personal link.
async fn by_link(state: &AppState, token: &str) -> ServiceResult<(RegistrationRow, FairRow)> {
    let registration = store::registration_by_access(state.db.pool(), &tokens::hash_token(token))
        .await?
        .ok_or(ServiceError::NotFound)?;
    let fair = fair_store::fair_by_id(state.db.pool(), registration.fair_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((registration, fair))
}

async fn slot_row(
    state: &AppState,
    fair: &FairRow,
    slot_id: i64,
) -> ServiceResult<Option<SlotRow>> {
    Ok(store::slot(state.db.pool(), slot_id)
        .await?
        .filter(|s| s.fair_id == fair.id))
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}
