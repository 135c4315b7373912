//! Registration rules: places are taken by one conditional write (never more
//! tickets than places, on both databases); a full slot offers its waitlist,
//! and every freed place goes to the first in line; one live registration
//! per address and fair; invite-only slots need an unused invitation of
//! that address (or any address when the fair allows forwarding). Every
//! change and its mail are written in one transaction.
use super::{
    issue::{
        self, IssuedTicket, PreparedTicket, calendar_file, issue_ticket, prepare_ticket_mail,
        queue_mail, ticket_message, title, waitlist_message,
    },
    keys,
    model::{
        CheckedRegistration, InvitePrefill, PrivacyFacts, RETENTION_DAYS, Registered,
        RegistrationForm, RegistrationPage, RouteStop, SlotChoice, TicketPage, TicketStatus,
        check_registration,
    },
    qr,
    store::{self, NewRegistration, RegistrationRow},
};
use crate::{
    db::Tx,
    error::{FORM, Problem},
    fairs::{
        EntryMode, FairStatus,
        store::{self as fair_store, FairRow, SlotRow},
    },
    i18n::Locale,
    language::dates,
    mail::templates::{self, TicketMailKind},
    service_error::{ServiceError, ServiceResult},
    state::AppState,
    tokens,
};

pub use super::issue::{FairContext, fair_context};

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
        places_left: (slot.capacity - slot.taken).max(0),
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

/// The registration page: the fair, its slots, the privacy facts, and what
/// a valid invitation code fills in.
pub async fn page(
    state: &AppState,
    slug: &str,
    invite: Option<&str>,
    locale: Locale,
) -> ServiceResult<RegistrationPage> {
    let pool = state.db.pool();
    let fair = public_fair(state, slug).await?;
    let zone = &fair.time_zone;
    let slots = fair_store::slots(pool, fair.id).await?;
    let invite = match invite.filter(|code| !code.is_empty() && code.len() <= 100) {
        Some(code) => store::jobseeker_invite(pool, fair.id, &tokens::hash_token(code))
            .await?
            .filter(|i| i.used_at.is_none())
            .map(|i| InvitePrefill {
                code: code.to_owned(),
                name: i.name,
                email: i.email,
                language: i.locale,
                slot_id: i.slot_id,
            }),
        None => None,
    };
    let deleted_on = dates::date(locale, fair.ends_at + RETENTION_DAYS * 86_400, zone);
    Ok(RegistrationPage {
        slug: fair.slug.clone(),
        fair_title: title(&fair, locale),
        when: dates::range(locale, fair.starts_at, fair.ends_at, zone),
        venue: format!("{}, {}", fair.venue_name, fair.venue_address),
        open: registration_open(&fair, state.now()),
        slots: slots.iter().map(|s| slot_choice(s, zone, locale)).collect(),
        privacy: PrivacyFacts {
            organisers: store::organiser_names(pool, fair.id).await?.join(", "),
            deleted_on,
        },
        invite,
    })
}

/// Registers a jobseeker. Returns the personal link (`/tickets/<token>`)
/// with a ticket or a waitlist place, or says that the address had
/// registered already and its ticket was sent again.
pub async fn register(
    state: &AppState,
    slug: &str,
    form: &RegistrationForm,
) -> ServiceResult<Registered> {
    let checked = check_registration(form)?;
    let fair = public_fair(state, slug).await?;
    if !registration_open(&fair, state.now()) {
        return Err(ServiceError::invalid(FORM, Problem::RegistrationClosed));
    }
    let slots = fair_store::slots(state.db.pool(), fair.id).await?;
    let slot = slots
        .iter()
        .find(|s| s.id == checked.slot_id)
        .ok_or_else(|| ServiceError::invalid("slot_id", Problem::InvalidChoice))?;
    let invite = check_invite(state, &fair, slot, &checked).await?;
    // A new ticket's random number or short code can clash with a stored
    // one (rarely), and so can a registration that a concurrent request of
    // the same address cancelled meanwhile: then everything is drawn and
    // prepared again.
    let ctx = fair_context(state, &fair).await?;
    for _ in 0..4 {
        match try_register(state, &ctx, &fair, slot, &checked, invite).await {
            Err(ServiceError::Database(e)) if is_unique_violation(&e) => continue,
            Ok(None) => continue,
            Ok(Some(registered)) => return Ok(registered),
            Err(other) => return Err(other),
        }
    }
    Err(ServiceError::Internal(anyhow::anyhow!(
        "registration kept conflicting"
    )))
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// The invitation to use: required and checked for invite-only slots; for
/// open slots a code that does not fit is ignored.
async fn check_invite(
    state: &AppState,
    fair: &FairRow,
    slot: &SlotRow,
    checked: &CheckedRegistration,
) -> ServiceResult<Option<i64>> {
    let invite_only = slot.entry_mode == EntryMode::Invite.as_str();
    let refuse = |problem| {
        if invite_only {
            Err(ServiceError::invalid("invite", problem))
        } else {
            Ok(None)
        }
    };
    let Some(code) = checked.invite.as_deref() else {
        return refuse(Problem::InviteRequired);
    };
    let Some(invite) =
        store::jobseeker_invite(state.db.pool(), fair.id, &tokens::hash_token(code)).await?
    else {
        return refuse(Problem::LinkInvalid);
    };
    if invite.used_at.is_some() {
        return refuse(Problem::InviteUsed);
    }
    if fair.invites_forwardable == 0 && invite.email != checked.email {
        return refuse(Problem::WrongAccount);
    }
    Ok(Some(invite.id))
}

/// One attempt; `None` when the prepared ticket clashed with a stored one.
async fn try_register(
    state: &AppState,
    ctx: &FairContext,
    fair: &FairRow,
    slot: &SlotRow,
    checked: &CheckedRegistration,
    invite_id: Option<i64>,
) -> ServiceResult<Option<Registered>> {
    let now = state.now();
    // Prepared before the transaction: the link, the signed ticket, its QR
    // code and mail. Unused when the jobseeker ends on the waitlist.
    let link_nonce = keys::new_link_nonce();
    let token = state.config.ticket_secret.link_token(&link_nonce);
    let mut registration = RegistrationRow {
        id: 0,
        fair_id: fair.id,
        slot_id: slot.id,
        name: checked.name.clone(),
        email: checked.email.clone(),
        locale: checked.language.clone(),
        status: String::new(),
        invite_id,
        link_nonce,
    };
    let PreparedTicket {
        ticket,
        message: ticket_mail,
    } = prepare_ticket_mail(
        state,
        ctx,
        fair,
        slot,
        &registration,
        TicketMailKind::Confirmed,
    )
    .await?;

    // The common case writes at once; an address registered before is
    // recognised by the unique index (or by a refusal below) and answered
    // in a second transaction, so new registrations need no extra read.
    let mut tx = state.db.begin().await?;
    if let Some(id) = invite_id
        && !store::use_invite(&mut tx, id, now).await?
        && slot.entry_mode == EntryMode::Invite.as_str()
    {
        drop(tx);
        return refused_unless_registered(state, ctx, fair, checked, "invite", Problem::InviteUsed)
            .await;
    }
    let got_place = store::take_place(&mut tx, slot.id).await?;
    if !got_place && !checked.join_waitlist {
        drop(tx);
        return refused_unless_registered(state, ctx, fair, checked, "slot_id", Problem::SlotFull)
            .await;
    }
    let inserted = store::insert_registration(
        &mut tx,
        &NewRegistration {
            fair_id: fair.id,
            slot_id: slot.id,
            name: &checked.name,
            email: &checked.email,
            phone: &checked.phone,
            locale: &checked.language,
            interests: &checked.interests,
            status: if got_place { "active" } else { "waiting" },
            invite_id,
            access_hash: &tokens::hash_token(&token),
            link_nonce: &registration.link_nonce,
            now,
        },
    )
    .await;
    registration.id = match inserted {
        Err(e) if is_unique_violation(&e) => {
            drop(tx);
            return Ok(sent_again_if_registered(state, ctx, fair, &checked.email)
                .await?
                .then_some(Registered::SentAgain));
        }
        other => other?,
    };
    let link = format!("/tickets/{token}");
    let answer = if got_place {
        if !issue::store_ticket(&mut tx, fair, &ticket, registration.id, now).await? {
            return Ok(None);
        }
        let key = format!("ticket:{}", ticket.id);
        queue_mail(state, ctx, &mut tx, fair, &registration, &ticket_mail, &key).await?;
        Registered::Ticket { link }
    } else {
        let position = store::waitlist_position(&mut *tx, slot.id, registration.id).await?;
        let message = waitlist_message(state, fair, slot, &registration, position);
        let key = format!("waitlist:{}", registration.id);
        queue_mail(state, ctx, &mut tx, fair, &registration, &message, &key).await?;
        Registered::Waitlisted { link, position }
    };
    tx.commit().await?;
    Ok(Some(answer))
}

/// An address registered before gets its ticket (or waitlist place) sent
/// again; true when there was such a registration.
async fn sent_again_if_registered(
    state: &AppState,
    ctx: &FairContext,
    fair: &FairRow,
    email: &str,
) -> ServiceResult<bool> {
    let mut tx = state.db.begin().await?;
    let Some(existing) = store::live_registration(&mut tx, fair.id, email).await? else {
        return Ok(false);
    };
    send_again(state, ctx, &mut tx, fair, &existing, state.now()).await?;
    tx.commit().await?;
    Ok(true)
}

/// A refusal (slot full, invitation used), unless the address is
/// registered already: then it hears "sent again" like everyone else.
async fn refused_unless_registered(
    state: &AppState,
    ctx: &FairContext,
    fair: &FairRow,
    checked: &CheckedRegistration,
    field: &str,
    problem: Problem,
) -> ServiceResult<Option<Registered>> {
    if sent_again_if_registered(state, ctx, fair, &checked.email).await? {
        return Ok(Some(Registered::SentAgain));
    }
    Err(ServiceError::invalid(field, problem))
}

/// Issues a ticket inside the transaction and queues its mail.
#[allow(clippy::too_many_arguments)]
async fn issue_and_mail(
    state: &AppState,
    ctx: &FairContext,
    tx: &mut Tx,
    fair: &FairRow,
    slot: &SlotRow,
    registration: &RegistrationRow,
    kind: TicketMailKind,
    now: i64,
) -> ServiceResult<()> {
    let ticket = issue_ticket(ctx, tx, fair, slot.id, registration.id, now).await?;
    let message = ticket_message(state, fair, slot, registration, &ticket, kind)?;
    let key = format!("ticket:{}", ticket.id);
    queue_mail(state, ctx, tx, fair, registration, &message, &key).await?;
    Ok(())
}

/// Sends the ticket (or the waitlist place) of an existing registration
/// again, at most once per few minutes. The personal link is only in the
/// mail: whoever types an address into the form learns nothing.
async fn send_again(
    state: &AppState,
    ctx: &FairContext,
    tx: &mut Tx,
    fair: &FairRow,
    registration: &RegistrationRow,
    now: i64,
) -> ServiceResult<()> {
    let Some(slot) = store::slot(&mut **tx, registration.slot_id).await? else {
        return Ok(());
    };
    let key = format!(
        "ticket-again:{}:{}",
        registration.id,
        now / RESEND_INTERVAL_SECS
    );
    match (
        registration.status.as_str(),
        store::valid_ticket(&mut **tx, registration.id).await?,
    ) {
        ("active", Some(t)) => {
            let ticket = IssuedTicket {
                id: t.id,
                slot_id: t.slot_id,
                short_code: t.short_code,
                payload: t.payload,
            };
            let message = ticket_message(
                state,
                fair,
                &slot,
                registration,
                &ticket,
                TicketMailKind::SentAgain,
            )?;
            queue_mail(state, ctx, tx, fair, registration, &message, &key).await?;
        }
        ("waiting", _) => {
            let position = store::waitlist_position(&mut **tx, slot.id, registration.id).await?;
            let message = waitlist_message(state, fair, &slot, registration, position);
            queue_mail(state, ctx, tx, fair, registration, &message, &key).await?;
        }
        _ => {}
    }
    Ok(())
}

/// Gives freed places of a slot to the waitlist, first in line first; each
/// promoted jobseeker gets a ticket and its mail.
async fn promote_waitlist(
    state: &AppState,
    ctx: &FairContext,
    tx: &mut Tx,
    fair: &FairRow,
    slot: &SlotRow,
    now: i64,
) -> ServiceResult<()> {
    loop {
        let Some(next) = store::first_waiting(tx, slot.id).await? else {
            return Ok(());
        };
        if !store::take_place(tx, slot.id).await? {
            return Ok(());
        }
        if !store::move_registration(tx, next, "waiting", "active", slot.id, now).await? {
            store::release_place(tx, slot.id).await?;
            continue;
        }
        let Some(registration) = store::registration_by_id(tx, next).await? else {
            continue;
        };
        issue_and_mail(
            state,
            ctx,
            tx,
            fair,
            slot,
            &registration,
            TicketMailKind::Promoted,
            now,
        )
        .await?;
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

fn map_link(fair: &FairRow) -> String {
    let query: String = format!("{}, {}", fair.venue_name, fair.venue_address)
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            other => format!("%{other:02X}"),
        })
        .collect();
    format!("https://www.openstreetmap.org/search?query={query}")
}

/// The personal ticket page.
pub async fn ticket_page(
    state: &AppState,
    token: &str,
    locale: Locale,
) -> ServiceResult<TicketPage> {
    let pool = state.db.pool();
    let (registration, fair) = by_link(state, token).await?;
    let zone = &fair.time_zone;
    let slots = fair_store::slots(pool, fair.id).await?;
    let slot = slots
        .iter()
        .find(|s| s.id == registration.slot_id)
        .ok_or(ServiceError::NotFound)?;
    let status = match registration.status.as_str() {
        "active" => TicketStatus::Active,
        "waiting" => TicketStatus::Waiting {
            position: store::waitlist_position(pool, slot.id, registration.id).await?,
        },
        _ => TicketStatus::Cancelled,
    };
    let ticket = match status {
        TicketStatus::Active => store::valid_ticket(pool, registration.id).await?,
        _ => None,
    };
    let fair_title = title(&fair, locale);
    let qr_svg = match &ticket {
        Some(t) => Some(qr::svg(
            &t.payload,
            &templates::ticket_qr_alt(locale, &fair_title),
        )?),
        None => None,
    };
    let bookmarked = store::bookmarked(pool, registration.id).await?;
    let jobs = store::jobs_of_fair(pool, fair.id).await?;
    let mut exhibitors: Vec<RouteStop> = Vec::new();
    for e in fair_store::exhibitors(pool, fair.id).await? {
        if e.status != "confirmed" {
            continue;
        }
        let booth = format!("{} · {}", e.hall_name, e.booth_label);
        match exhibitors.last_mut() {
            Some(last) if last.organisation_id == e.organisation_id => {
                last.booths.push_str(&format!(", {booth}"));
            }
            _ => exhibitors.push(RouteStop {
                organisation_id: e.organisation_id,
                name: e.name,
                booths: booth,
                jobs: jobs
                    .iter()
                    .filter(|(org, _)| *org == e.organisation_id)
                    .map(|(_, title)| title.clone())
                    .collect(),
                bookmarked: bookmarked.contains(&e.organisation_id),
            }),
        }
    }
    let changeable = state.now() < fair.ends_at && status != TicketStatus::Cancelled;
    Ok(TicketPage {
        name: registration.name.clone(),
        status,
        fair_title,
        fair_slug: fair.slug.clone(),
        slot_id: slot.id,
        slot_when: dates::range(locale, slot.starts_at, slot.ends_at, zone),
        venue_name: fair.venue_name.clone(),
        venue_address: fair.venue_address.clone(),
        map_link: map_link(&fair),
        qr_svg,
        short_code: ticket.map(|t| t.short_code),
        other_slots: slots
            .iter()
            .filter(|s| {
                s.id != slot.id && s.entry_mode == EntryMode::Open.as_str() && s.taken < s.capacity
            })
            .map(|s| slot_choice(s, zone, locale))
            .collect(),
        exhibitors,
        changeable,
    })
}

/// Cancels: the place is freed (and goes to the waitlist), the ticket is
/// revoked. Cancelling twice is fine.
pub async fn cancel(state: &AppState, token: &str) -> ServiceResult<()> {
    let (registration, fair) = by_link(state, token).await?;
    let now = state.now();
    let ctx = &fair_context(state, &fair).await?;
    let mut tx = state.db.begin().await?;
    let Some(current) = store::registration_by_id(&mut tx, registration.id).await? else {
        return Err(ServiceError::NotFound);
    };
    if current.status == "cancelled" {
        return Ok(());
    }
    if !store::move_registration(
        &mut tx,
        current.id,
        &current.status,
        "cancelled",
        current.slot_id,
        now,
    )
    .await?
    {
        return Err(ServiceError::Internal(anyhow::anyhow!(
            "registration changed meanwhile"
        )));
    }
    if current.status == "active" {
        store::revoke_tickets(&mut tx, current.id, now).await?;
        store::release_place(&mut tx, current.slot_id).await?;
        if let Some(slot) = store::slot(&mut *tx, current.slot_id).await? {
            promote_waitlist(state, ctx, &mut tx, &fair, &slot, now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
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

/// Moves to another open slot with a place left: a new ticket replaces the
/// old one (revoked), and the freed place goes to the old slot's waitlist.
/// A waitlisted jobseeker who changes to a slot with places gets a ticket.
pub async fn change_slot(state: &AppState, token: &str, slot_id: i64) -> ServiceResult<()> {
    let (registration, fair) = by_link(state, token).await?;
    let now = state.now();
    if now >= fair.ends_at {
        return Err(ServiceError::invalid(FORM, Problem::RegistrationClosed));
    }
    let target = slot_row(state, &fair, slot_id)
        .await?
        .filter(|s| s.entry_mode == EntryMode::Open.as_str() && s.id != registration.slot_id)
        .ok_or_else(|| ServiceError::invalid("slot_id", Problem::InvalidChoice))?;
    let ctx = &fair_context(state, &fair).await?;
    let mut tx = state.db.begin().await?;
    let Some(current) = store::registration_by_id(&mut tx, registration.id).await? else {
        return Err(ServiceError::NotFound);
    };
    if current.status == "cancelled" {
        return Err(ServiceError::invalid(FORM, Problem::InvalidChoice));
    }
    if !store::take_place(&mut tx, target.id).await? {
        return Err(ServiceError::invalid("slot_id", Problem::SlotFull));
    }
    if !store::move_registration(
        &mut tx,
        current.id,
        &current.status,
        "active",
        target.id,
        now,
    )
    .await?
    {
        return Err(ServiceError::Internal(anyhow::anyhow!(
            "registration changed meanwhile"
        )));
    }
    if current.status == "active" {
        store::revoke_tickets(&mut tx, current.id, now).await?;
        store::release_place(&mut tx, current.slot_id).await?;
        if let Some(old) = store::slot(&mut *tx, current.slot_id).await? {
            promote_waitlist(state, ctx, &mut tx, &fair, &old, now).await?;
        }
    }
    issue_and_mail(
        state,
        ctx,
        &mut tx,
        &fair,
        &target,
        &current,
        TicketMailKind::Changed,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// "Send my ticket again" from the ticket page; true when a mail was
/// queued (at most one per few minutes).
pub async fn resend(state: &AppState, token: &str) -> ServiceResult<bool> {
    let (registration, fair) = by_link(state, token).await?;
    if registration.status != "active" {
        return Ok(false);
    }
    let now = state.now();
    let Some(slot) = slot_row(state, &fair, registration.slot_id).await? else {
        return Ok(false);
    };
    let ctx = &fair_context(state, &fair).await?;
    let mut tx = state.db.begin().await?;
    let Some(t) = store::valid_ticket(&mut *tx, registration.id).await? else {
        return Ok(false);
    };
    let key = format!(
        "ticket-again:{}:{}",
        registration.id,
        now / RESEND_INTERVAL_SECS
    );
    let ticket = IssuedTicket {
        id: t.id,
        slot_id: t.slot_id,
        short_code: t.short_code,
        payload: t.payload,
    };
    let message = ticket_message(
        state,
        &fair,
        &slot,
        &registration,
        &ticket,
        TicketMailKind::SentAgain,
    )?;
    let queued = queue_mail(state, ctx, &mut tx, &fair, &registration, &message, &key).await?;
    tx.commit().await?;
    Ok(queued)
}

/// Bookmarks an exhibitor for the day's route (or removes it).
pub async fn bookmark(
    state: &AppState,
    token: &str,
    organisation_id: i64,
    on: bool,
) -> ServiceResult<()> {
    let (registration, fair) = by_link(state, token).await?;
    let exhibits = fair_store::exhibitors(state.db.pool(), fair.id)
        .await?
        .iter()
        .any(|e| e.organisation_id == organisation_id && e.status == "confirmed");
    if on && !exhibits {
        return Err(ServiceError::invalid(FORM, Problem::InvalidChoice));
    }
    store::set_bookmark(
        state.db.pool(),
        registration.id,
        organisation_id,
        on,
        state.now(),
    )
    .await?;
    Ok(())
}

/// The ticket as a calendar file, for the personal link's download.
pub async fn calendar(state: &AppState, token: &str, locale: Locale) -> ServiceResult<String> {
    let (registration, fair) = by_link(state, token).await?;
    let slot = slot_row(state, &fair, registration.slot_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let code = store::valid_ticket(state.db.pool(), registration.id)
        .await?
        .map(|t| t.short_code)
        .unwrap_or_default();
    Ok(calendar_file(
        state,
        &fair,
        &slot,
        &registration,
        &code,
        locale,
    ))
}

/// Gives places of a slot to its waitlist, inside the caller's transaction
/// (after an organiser raised the capacity).
pub async fn fill_from_waitlist(
    state: &AppState,
    ctx: &FairContext,
    tx: &mut Tx,
    fair: &FairRow,
    slot_id: i64,
) -> ServiceResult<()> {
    let Some(slot) = store::slot(&mut **tx, slot_id).await? else {
        return Ok(());
    };
    promote_waitlist(state, ctx, tx, fair, &slot, state.now()).await
}

/// What [`purge_expired`] deleted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub registrations: u64,
    pub invitations: u64,
    pub mails: u64,
}

/// Deletes what the privacy notice promises to delete: registrations
/// (with their tickets and bookmarks) and invitations of fairs that ended
/// more than [`RETENTION_DAYS`] ago, and mails older than that which are no
/// longer waiting to be sent. Run by the server every hour.
pub async fn purge_expired(state: &AppState) -> ServiceResult<Purged> {
    let cutoff = state.now() - RETENTION_DAYS * 86_400;
    let mut tx = state.db.begin().await?;
    let registrations = store::delete_registrations_of_fairs_ended_before(&mut tx, cutoff).await?;
    let invitations = store::delete_invites_of_fairs_ended_before(&mut tx, cutoff).await?;
    let mails = store::delete_mails_created_before(&mut tx, cutoff).await?;
    tx.commit().await?;
    Ok(Purged {
        registrations,
        invitations,
        mails,
    })
}

/// The public keys scanners accept for a public fair's tickets.
pub async fn published_keys(
    state: &AppState,
    slug: &str,
) -> ServiceResult<Vec<ticket::PublishedKey>> {
    let fair = public_fair(state, slug).await?;
    let published = keys::published_keys(state.db.pool(), fair.id).await?;
    if !published.is_empty() {
        return Ok(published);
    }
    // A fair made public without a key yet (e.g. the demo): its first key.
    let mut tx = state.db.begin().await?;
    keys::current_signer(&mut tx, &state.config.ticket_secret, fair.id, state.now()).await?;
    tx.commit().await?;
    Ok(keys::published_keys(state.db.pool(), fair.id).await?)
}
