//! The jobseeker's mails: the ticket (with its QR code and calendar file)
//! and the waitlist place, composed before the write transaction starts
//! (what costs CPU, the Ed25519 signature and the QR PNG, stays out of it),
//! and handed to [`crate::events::record`] as notices.
use super::{ics, store::RegistrationRow};
use crate::{
    events::Notice,
    fairs::store::{FairRow, SlotRow},
    i18n::Locale,
    language::{self, dates},
    mail::{
        outbox::Envelope,
        templates::{self, Attachment, Message, TicketMail, TicketMailKind},
    },
    service_error::ServiceResult,
    state::AppState,
    tickets::{
        issue::{FairContext, IssuedTicket, prepare_ticket},
        qr,
    },
};
use tokio::runtime::RuntimeFlavor;

/// A new registration's ticket and its mail, prepared before the write
/// transaction (see [`prepare_ticket_mail`] for where the work runs).
pub struct PreparedTicket {
    pub ticket: IssuedTicket,
    pub message: Message,
}

pub async fn prepare_ticket_mail(
    state: &AppState,
    ctx: &FairContext,
    fair: &FairRow,
    slot: &SlotRow,
    registration: &RegistrationRow,
    kind: TicketMailKind,
) -> ServiceResult<PreparedTicket> {
    // About 0.1 ms of work: on the server's worker threads it is done in
    // place (a hand-over to the blocking pool cost more than it saved); a
    // single-threaded runtime (tests of crowds) hands it over, so that the
    // other tasks' transactions keep moving.
    if tokio::runtime::Handle::current().runtime_flavor() != RuntimeFlavor::CurrentThread {
        return prepare_now(state, &ctx.signer, fair, slot, registration, kind);
    }
    let (state, signer) = (state.clone(), ctx.signer.clone());
    let (fair, slot, registration) = (fair.clone(), slot.clone(), registration.clone());
    tokio::task::spawn_blocking(move || {
        prepare_now(&state, &signer, &fair, &slot, &registration, kind)
    })
    .await
    .map_err(|e| anyhow::anyhow!("preparing a ticket: {e}"))?
}

fn prepare_now(
    state: &AppState,
    signer: &ticket::TicketSigner,
    fair: &FairRow,
    slot: &SlotRow,
    registration: &RegistrationRow,
    kind: TicketMailKind,
) -> ServiceResult<PreparedTicket> {
    let ticket = prepare_ticket(signer, fair, slot.id)?;
    let message = ticket_message(state, fair, slot, registration, &ticket, kind)?;
    Ok(PreparedTicket { ticket, message })
}

pub fn title(fair: &FairRow, locale: Locale) -> String {
    fair.texts.title(locale)
}

/// The registration's personal link, absolute (for mails).
pub fn personal_link(state: &AppState, registration: &RegistrationRow) -> String {
    format!(
        "{}/tickets/{}",
        state.config.public_url,
        state
            .config
            .ticket_secret
            .link_token(&registration.link_nonce)
    )
}

/// The ticket mail with its QR code inline (PNG) and the calendar file.
pub fn ticket_message(
    state: &AppState,
    fair: &FairRow,
    slot: &SlotRow,
    registration: &RegistrationRow,
    ticket: &IssuedTicket,
    kind: TicketMailKind,
) -> ServiceResult<Message> {
    let locale = language::or_default(&registration.locale);
    let fair_title = title(fair, locale);
    let link = personal_link(state, registration);
    let when = dates::range(locale, slot.starts_at, slot.ends_at, &fair.time_zone);
    let mut message = templates::ticket_mail(
        locale,
        &TicketMail {
            name: &registration.name,
            fair: &fair_title,
            when: &when,
            venue: &fair.venue_name,
            address: &fair.venue_address,
            short_code: &ticket.short_code,
            link: &link,
            kind,
        },
    );
    message.attachments.push(Attachment {
        filename: "ticket-qr.png".into(),
        content_type: "image/png".into(),
        content_id: templates::TICKET_QR_CID.into(),
        data: qr::png(&ticket.payload)?,
    });
    message.attachments.push(Attachment {
        filename: "ticket.ics".into(),
        content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
        content_id: String::new(),
        data: calendar_file(state, fair, slot, registration, &ticket.short_code, locale)
            .into_bytes(),
    });
    Ok(message)
}

/// The waitlist mail: the place in line and the personal link.
pub fn waitlist_message(
    state: &AppState,
    fair: &FairRow,
    slot: &SlotRow,
    registration: &RegistrationRow,
    position: i64,
) -> Message {
    let locale = language::or_default(&registration.locale);
    let when = dates::range(locale, slot.starts_at, slot.ends_at, &fair.time_zone);
    templates::waitlist_mail(
        locale,
        &registration.name,
        &title(fair, locale),
        &when,
        position,
        &personal_link(state, registration),
    )
}

/// A prepared mail to the jobseeker, sent in the fair's organisation's
/// name, for the event that causes it ([`crate::events::record`] queues it
/// unless one with this key exists already).
pub fn notice_to<'a>(
    ctx: &'a FairContext,
    fair: &FairRow,
    registration: &'a RegistrationRow,
    message: &'a Message,
    idempotency_key: &'a str,
) -> Notice<'a> {
    Notice {
        envelope: Envelope {
            idempotency_key,
            recipient: &registration.email,
            organisation_id: Some(fair.organisation_id),
            sender_name: ctx.sender.as_deref(),
            ..Envelope::default()
        },
        locale: language::or_default(&registration.locale),
        message,
    }
}

/// The ticket as a calendar event. Its UID stays the same for the
/// registration (a changed slot updates the event in the calendar).
pub fn calendar_file(
    state: &AppState,
    fair: &FairRow,
    slot: &SlotRow,
    registration: &RegistrationRow,
    short_code: &str,
    locale: Locale,
) -> String {
    let link = personal_link(state, registration);
    let description = format!(
        "{} {short_code}\n{link}",
        templates::ticket_code_label(locale)
    );
    ics::calendar(&ics::CalendarEvent {
        uid: &format!(
            "registration-{}@{}",
            registration.link_nonce,
            host_of(&state.config.public_url)
        ),
        starts_at: slot.starts_at,
        ends_at: slot.ends_at,
        title: &title(fair, locale),
        location: &format!("{}, {}", fair.venue_name, fair.venue_address),
        description: &description,
        url: &link,
        stamp: state.now(),
    })
}

fn host_of(url: &str) -> &str {
    url.split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', ':'])
        .next()
        .unwrap_or("jobfair")
}
