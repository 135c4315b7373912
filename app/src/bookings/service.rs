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

/// The bookings of an employer the user acts for.
pub async fn bookings_of_employer(
    state: &AppState,
    user: &CurrentUser,
    organisation_id: i64,
) -> ServiceResult<Vec<BookingRow>> {
    require_employer(state, user, organisation_id).await?;
    Ok(store::bookings_of_employer(state.db.pool(), organisation_id).await?)
}

/// The bookings of a fair the user plans.
pub async fn bookings_of_fair(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
) -> ServiceResult<Vec<BookingRow>> {
    require_planner(state, user, fair_id).await?;
    Ok(store::bookings_of_fair(state.db.pool(), fair_id).await?)
}

/// A confirmed booking for its printable confirmation: for the employer's
/// people and the fair's planners only; others get "not found", so they
/// learn nothing about whether it exists.
pub async fn confirmation(
    state: &AppState,
    user: &CurrentUser,
    booking_id: i64,
) -> ServiceResult<BookingRow> {
    let booking = store::booking(state.db.pool(), booking_id)
        .await?
        .filter(|b| b.status == BookingStatus::Confirmed.as_str())
        .ok_or(ServiceError::NotFound)?;
    let employer_side = require_employer(state, user, booking.organisation_id)
        .await
        .is_ok();
    if !employer_side && require_planner(state, user, booking.fair_id).await.is_err() {
        return Err(ServiceError::NotFound);
    }
    Ok(booking)
}

/// Records a booking step's event with its mails: one to the employer's
/// requester, one to each planner of the fair's organisation (for requests,
/// the request to decide). Keys make a step's mail go out once.
async fn mail_step(
    state: &AppState,
    tx: &mut Tx,
    booking_id: i64,
    step: BookingStep,
) -> ServiceResult<()> {
    let Some(booking) = store::booking(&mut **tx, booking_id).await? else {
        return Ok(());
    };
    let zone = &booking.time_zone;
    let fair_texts =
        texts::texts_of(&mut **tx, booking.fair_id, &booking.fair_default_locale).await?;
    let number = booking.number.map(|n| n.to_string()).unwrap_or_default();
    let booth = format!("{} · {}", booking.hall_name, booking.booth_label);
    let base = &state.config.public_url;
    let mut recipients: Vec<(String, String, BookingStep, String)> = Vec::new();
    let employer_link = match step {
        BookingStep::Confirmed => format!("{base}/bookings/{booking_id}/confirmation"),
        _ => format!("{base}/bookings"),
    };
    if let Some(email) = booking.requested_by_email.clone() {
        let employer_step = match step {
            BookingStep::RequestReceived => BookingStep::Requested,
            other => other,
        };
        let locale = booking.requested_by_locale.clone().unwrap_or_default();
        recipients.push((email, locale, employer_step, employer_link));
    }
    let organiser_link = format!("{base}/organise/fairs/{}/bookings", booking.fair_id);
    for (email, locale) in store::planner_emails(tx, booking.fair_organisation_id).await? {
        let organiser_step = match step {
            BookingStep::Requested => BookingStep::RequestReceived,
            other => other,
        };
        recipients.push((email, locale, organiser_step, organiser_link.clone()));
    }
    let mails: Vec<_> = recipients
        .into_iter()
        .map(|(email, locale_code, step, link)| {
            let locale = language::or_default(&locale_code);
            let until = booking
                .held_until
                .map(|t| dates::moment(locale, t, zone))
                .unwrap_or_default();
            let message = templates::booking_mail(
                locale,
                &BookingMail {
                    step,
                    fair: &fair_texts.title(locale),
                    booth: &booth,
                    employer: &booking.employer,
                    until: &until,
                    number: &number,
                    message: &booking.message,
                    link: &link,
                },
            );
            let key = format!("booking:{booking_id}:{step:?}:{email}");
            (email, key, locale, message)
        })
        .collect();
    let notices: Vec<Notice> = mails
        .iter()
        .map(|(email, key, locale, message)| Notice {
            envelope: Envelope {
                idempotency_key: key,
                recipient: email,
                organisation_id: Some(booking.fair_organisation_id),
                sender_name: Some(&booking.fair_organisation_name),
                ..Envelope::default()
            },
            locale: *locale,
            message,
        })
        .collect();
    let event = booking_event(step, booking.fair_id, booking_id);
    events::record(tx, event, &notices, state.now()).await?;
    Ok(())
}

/// The event of a booking step.
fn booking_event(step: BookingStep, fair_id: i64, booking_id: i64) -> Event {
    match step {
        BookingStep::Requested | BookingStep::RequestReceived => Event::BookingRequested {
            fair_id,
            booking_id,
        },
        BookingStep::Confirmed => Event::BookingConfirmed {
            fair_id,
            booking_id,
        },
        BookingStep::Rejected => Event::BookingRejected {
            fair_id,
            booking_id,
        },
        BookingStep::Cancelled => Event::BookingCancelled {
            fair_id,
            booking_id,
        },
        BookingStep::Expired => Event::BookingExpired {
            fair_id,
            booking_id,
        },
    }
}

/// The titles of the bookings' fairs in the reader's language, by fair id
/// (one query).
async fn fair_titles(
    state: &AppState,
    rows: &[BookingRow],
    locale: Locale,
) -> ServiceResult<HashMap<i64, String>> {
    let mut fairs: Vec<(i64, &str)> = rows
        .iter()
        .map(|r| (r.fair_id, r.fair_default_locale.as_str()))
        .collect();
    fairs.sort_unstable();
    fairs.dedup();
    Ok(texts::texts_of_fairs(state.db.pool(), &fairs)
        .await?
        .into_iter()
        .map(|(id, texts)| (id, texts.title(locale)))
        .collect())
}

/// Stored bookings as the lists show them, for a reader of `locale`.
async fn views_of(
    state: &AppState,
    rows: &[BookingRow],
    locale: Locale,
) -> ServiceResult<Vec<BookingView>> {
    let titles = fair_titles(state, rows, locale).await?;
    let now = state.now();
    Ok(rows
        .iter()
        .map(|row| {
            let title = titles.get(&row.fair_id).cloned().unwrap_or_default();
            view_of(row, now, locale, title)
        })
        .collect())
}

/// A stored booking as the lists show it.
pub fn view_of(row: &BookingRow, now: i64, locale: Locale, fair_title: String) -> BookingView {
    let status = BookingStatus::parse(&row.status).unwrap_or(BookingStatus::Cancelled);
    BookingView {
        id: row.id,
        organisation_id: row.organisation_id,
        status,
        fair_title,
        fair_slug: row.fair_slug.clone(),
        booth: format!("{} · {}", row.hall_name, row.booth_label),
        extras: Extra::parse_list(&row.extras),
        price_cents: row.price_cents,
        held_until: row
            .held_until
            .filter(|_| status == BookingStatus::Held)
            .map(|t| dates::moment(locale, t, &row.time_zone)),
        number: row.number,
        message: row.message.clone(),
        employer: row.employer.clone(),
        requested: dates::moment(locale, row.created_at, &row.time_zone),
        cancellable: may_cancel(status, now, row.fair_starts_at, row.cancel_days),
    }
}

/// The employers (owner or member) the person acts for.
async fn employers_of(state: &AppState, user: &CurrentUser) -> ServiceResult<Vec<(i64, String)>> {
    Ok(org_store::memberships_of(state.db.pool(), user.id)
        .await?
        .into_iter()
        .filter(|m| m.kind == OrgKind::Employer && m.role.can_act_for_employer())
        .map(|m| (m.organisation_id, m.organisation_name))
        .collect())
}

/// The booking page of a published fair for a signed-in person: the plan,
/// their employers, and their bookings there. People without an employer
/// see the plan and are told to create a company profile first.
pub async fn booking_page(
    state: &AppState,
    user: &CurrentUser,
    slug: &str,
    locale: Locale,
) -> ServiceResult<BookingPage> {
    let fair = crate::fairs::store::fair_by_slug(state.db.pool(), slug)
        .await?
        .filter(|f| FairStatus::parse(&f.status).is_some_and(FairStatus::is_public))
        .ok_or(ServiceError::NotFound)?;
    let now = state.now();
    let employers = employers_of(state, user).await?;
    let ids: Vec<i64> = employers.iter().map(|(id, _)| *id).collect();
    let bookings = store::bookings_of_employers_at_fair(state.db.pool(), &ids, fair.id).await?;
    Ok(BookingPage {
        fair_title: fair.texts.title(locale),
        slug: fair.slug.clone(),
        open: FairStatus::parse(&fair.status) == Some(FairStatus::Published)
            && now < fair.starts_at,
        halls: crate::floorplan::service::halls_of_fair(state.db.pool(), fair.id).await?,
        employers,
        bookings: views_of(state, &bookings, locale).await?,
    })
}

/// Every booking of the employers the person acts for, newest first.
pub async fn my_bookings(
    state: &AppState,
    user: &CurrentUser,
    locale: Locale,
) -> ServiceResult<Vec<BookingView>> {
    let mut all = Vec::new();
    for (id, _) in employers_of(state, user).await? {
        all.extend(store::bookings_of_employer(state.db.pool(), id).await?);
    }
    all.sort_by_key(|b| std::cmp::Reverse(b.id));
    views_of(state, &all, locale).await
}

/// A fair's bookings for its planners.
pub async fn fair_bookings(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    locale: Locale,
) -> ServiceResult<FairBookings> {
    let fair = require_planner(state, user, fair_id).await?;
    let bookings = store::bookings_of_fair(state.db.pool(), fair_id).await?;
    Ok(FairBookings {
        fair_id,
        fair_title: fair.texts.title(locale),
        bookings: views_of(state, &bookings, locale).await?,
    })
}

/// The printable confirmation (same access rule as [`confirmation`]).
pub async fn confirmation_doc(
    state: &AppState,
    user: &CurrentUser,
    booking_id: i64,
    locale: Locale,
) -> ServiceResult<ConfirmationDoc> {
    let b = confirmation(state, user, booking_id).await?;
    let zone = &b.time_zone;
    let area_dm2 = b.width_dm * b.depth_dm;
    let fair_texts = texts::texts_of(state.db.pool(), b.fair_id, &b.fair_default_locale).await?;
    Ok(ConfirmationDoc {
        number: b.number.unwrap_or_default(),
        organiser: b.fair_organisation_name.clone(),
        employer: b.employer.clone(),
        fair_title: fair_texts.title(locale),
        venue: format!("{}, {}", b.venue_name, b.venue_address),
        when: dates::range(locale, b.fair_starts_at, b.fair_ends_at, zone),
        booth: format!("{} · {}", b.hall_name, b.booth_label),
        category: BoothCategory::parse(&b.category).unwrap_or(BoothCategory::Standard),
        area_m2: numbers::hundredths(locale, area_dm2),
        extras: Extra::parse_list(&b.extras),
        price: numbers::price(locale, b.price_cents),
        confirmed_on: dates::date(locale, b.updated_at, zone),
    })
}
