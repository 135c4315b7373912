//! Places changing hands: freed places go to the first in line with a new
//! ticket, places given up, tickets sent again.
use super::*;

/// The event of a ticket mail of this kind.
pub(super) fn ticket_event(kind: TicketMailKind, fair_id: i64, registration_id: i64) -> Event {
    match kind {
        TicketMailKind::Confirmed => Event::RegistrationCreated {
            fair_id,
            registration_id,
            waitlisted: false,
        },
        TicketMailKind::Promoted => Event::RegistrationPromoted {
            fair_id,
            registration_id,
        },
        TicketMailKind::Changed => Event::SlotChanged {
            fair_id,
            registration_id,
        },
        TicketMailKind::SentAgain => Event::TicketSentAgain {
            fair_id,
            registration_id,
        },
    }
}

/// Issues a ticket inside the transaction and records the event, which
/// queues its mail.
#[allow(clippy::too_many_arguments)]
pub(super) async fn issue_and_mail(
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
    let notice = notice_to(ctx, fair, registration, &message, &key);
    let event = ticket_event(kind, fair.id, registration.id);
    events::record(tx, event, &[notice], now).await?;
    Ok(())
}

/// Sends the ticket (or the waitlist place) of an existing registration
/// again, at most once per few minutes. The personal link is only in the
/// mail: whoever types an address into the form learns nothing.
pub(super) async fn send_again(
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
    let event = Event::TicketSentAgain {
        fair_id: fair.id,
        registration_id: registration.id,
    };
    match (
        registration.status(),
        ticket_store::valid_ticket(&mut **tx, registration.id).await?,
    ) {
        (RegistrationStatus::Active, Some(t)) => {
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
            let notice = notice_to(ctx, fair, registration, &message, &key);
            events::record(tx, event, &[notice], now).await?;
        }
        (RegistrationStatus::Waiting, _) => {
            let position =
                places_store::position(&mut **tx, Places::admission_slot(slot.id), registration.id)
                    .await?
                    .unwrap_or(0);
            let message = waitlist_message(state, fair, &slot, registration, position);
            let notice = notice_to(ctx, fair, registration, &message, &key);
            events::record(tx, event, &[notice], now).await?;
        }
        _ => {}
    }
    Ok(())
}

/// Gives freed places of a slot to the waitlist, first in line first; each
/// promoted jobseeker gets a ticket and its mail.
pub(super) async fn promote_waitlist(
    state: &AppState,
    ctx: &FairContext,
    tx: &mut Tx,
    fair: &FairRow,
    slot: &SlotRow,
    now: i64,
) -> ServiceResult<()> {
    let places = Places::admission_slot(slot.id);
    while let Some(next) = places_store::promote_next(tx, places).await? {
        let promoted = store::move_registration(
            tx,
            next,
            RegistrationStatus::Waiting,
            RegistrationStatus::Active,
            slot.id,
            now,
        )
        .await?;
        if !promoted {
            // Not waiting any more (a line out of step): the place goes on.
            places_store::release(tx, places).await?;
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
    Ok(())
}

/// What a registration held before it was cancelled or moved: its ticket
/// is revoked and its place goes to the first in line, or it leaves the
/// waitlist.
pub(super) async fn give_up_place(
    state: &AppState,
    ctx: &FairContext,
    tx: &mut Tx,
    fair: &FairRow,
    before: &RegistrationRow,
    now: i64,
) -> ServiceResult<()> {
    let places = Places::admission_slot(before.slot_id);
    match before.status() {
        RegistrationStatus::Active => {
            ticket_store::revoke_tickets(tx, before.id, now).await?;
            places_store::release(tx, places).await?;
            if let Some(slot) = store::slot(&mut **tx, before.slot_id).await? {
                promote_waitlist(state, ctx, tx, fair, &slot, now).await?;
            }
        }
        RegistrationStatus::Waiting => {
            places_store::leave_waitlist(tx, places, before.id).await?;
        }
        RegistrationStatus::Cancelled => {}
    }
    Ok(())
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
