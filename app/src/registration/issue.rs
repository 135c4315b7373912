//! Issuing tickets and writing their mails. Everything that costs CPU (the
//! Ed25519 signature, the QR PNG, the mail texts and the calendar file) is
//! prepared before the write transaction starts: a ticket's number is
//! random, not the database's next id, so nothing here waits for the
//! database. The transaction then only inserts the finished rows.
use super::{
    ics, keys, qr,
    store::{self, NewTicket, RegistrationRow},
};
use crate::{
    db::Tx,
    fairs::store::{FairRow, SlotRow},
    i18n::Locale,
    language::dates,
    mail::{
        outbox::{self, Envelope},
        templates::{self, Attachment, Message, TicketMail, TicketMailKind},
    },
    service_error::ServiceResult,
    state::AppState,
};
use rand::{Rng, RngCore};
use ticket::Claims;
use tokio::runtime::RuntimeFlavor;

/// Tickets are valid from a few hours before the fair opens until after it
/// closes; the door decides about slots (with its own tolerance).
const VALID_BEFORE_SECS: i64 = 6 * 3600;
const VALID_AFTER_SECS: i64 = 2 * 3600;

/// What ticket writes need of a fair, read before the write transaction
/// starts (so the transaction stays short, and never waits for a second
/// pool connection): the signing key and the sender name.
pub struct FairContext {
    pub(super) signer: ticket::TicketSigner,
    pub(super) sender: Option<String>,
}

/// One query in the common case (the fair has a key already).
pub async fn fair_context(state: &AppState, fair: &FairRow) -> ServiceResult<FairContext> {
    let secret = &state.config.ticket_secret;
    let (sender, newest) =
        store::sender_and_newest_key(state.db.pool(), fair.id, fair.organisation_id).await?;
    let signer = match newest {
        Some((key_id, salt)) => keys::signer_for(secret, fair.id, key_id, &salt),
        None => keys::signer(&state.db, secret, fair.id, state.now()).await?,
    };
    Ok(FairContext { signer, sender })
}

/// A signed ticket, not yet stored.
pub struct IssuedTicket {
    pub id: i64,
    pub slot_id: i64,
    pub short_code: String,
    pub payload: String,
}

/// Draws a ticket number and short code and signs the payload. The number
/// is random in 32 bits (what the QR payload holds); a clash with a stored
/// ticket is caught by the insert, and the caller draws again.
pub fn prepare_ticket(
    signer: &ticket::TicketSigner,
    fair: &FairRow,
    slot_id: i64,
) -> ServiceResult<IssuedTicket> {
    let id = rand::rng().random_range(1..=u32::MAX);
    let as_u32 = |value: i64| {
        u32::try_from(value).map_err(|_| anyhow::anyhow!("{value} does not fit a ticket"))
    };
    let payload = signer.sign(Claims {
        fair_id: as_u32(fair.id)?,
        ticket_id: id,
        slot_id: as_u32(slot_id)?,
        valid_from: as_u32(fair.starts_at - VALID_BEFORE_SECS)?,
        valid_until: as_u32(fair.ends_at + VALID_AFTER_SECS)?,
        key_id: 0,
    });
    Ok(IssuedTicket {
        id: i64::from(id),
        slot_id,
        short_code: ticket::short_code(rand::rng().next_u64()),
        payload,
    })
}

/// A new registration's ticket and its mail, prepared on a blocking thread:
/// signing and drawing the QR code take CPU time, which must not stall the
/// async threads that serve everyone else (nor a crowd's transactions).
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

/// Stores a prepared ticket; false when its number or short code was taken.
pub async fn store_ticket(
    tx: &mut Tx,
    fair: &FairRow,
    ticket: &IssuedTicket,
    registration_id: i64,
    now: i64,
) -> ServiceResult<bool> {
    Ok(store::insert_ticket(
        tx,
        &NewTicket {
            id: ticket.id,
            fair_id: fair.id,
            slot_id: ticket.slot_id,
            short_code: &ticket.short_code,
            payload: &ticket.payload,
        },
        registration_id,
        now,
    )
    .await?)
}

/// Issues and stores a new ticket inside a running transaction (promotion
/// from the waitlist, a changed slot), drawing again on a clash.
pub async fn issue_ticket(
    ctx: &FairContext,
    tx: &mut Tx,
    fair: &FairRow,
    slot_id: i64,
    registration_id: i64,
    now: i64,
) -> ServiceResult<IssuedTicket> {
    for _ in 0..8 {
        let ticket = prepare_ticket(&ctx.signer, fair, slot_id)?;
        if store_ticket(tx, fair, &ticket, registration_id, now).await? {
            return Ok(ticket);
        }
    }
    Err(anyhow::anyhow!("no free ticket number").into())
}

/// The language of a stored code; see [`crate::language::or_default`].
pub fn locale_of(code: &str) -> Locale {
    crate::language::or_default(code)
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
    let locale = locale_of(&registration.locale);
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
    let locale = locale_of(&registration.locale);
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

/// Queues a prepared mail to the jobseeker, sent in the fair's
/// organisation's name; false when one with this key exists already.
pub async fn queue_mail(
    state: &AppState,
    ctx: &FairContext,
    tx: &mut Tx,
    fair: &FairRow,
    registration: &RegistrationRow,
    message: &Message,
    idempotency_key: &str,
) -> ServiceResult<bool> {
    Ok(outbox::enqueue_for(
        tx,
        &Envelope {
            idempotency_key,
            recipient: &registration.email,
            organisation_id: Some(fair.organisation_id),
            sender_name: ctx.sender.as_deref(),
            ..Envelope::default()
        },
        locale_of(&registration.locale),
        message,
        state.now(),
    )
    .await?)
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
