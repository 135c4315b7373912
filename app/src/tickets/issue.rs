//! Issuing tickets: drawing a ticket's number and short code, signing its
//! payload with the fair's key, storing it. Signing is prepared before the
//! write transaction starts: a ticket's number is random, not the
//! database's next id, so nothing here waits for the database.
use super::{
    keys,
    store::{self, NewTicket},
};
use crate::{db::Tx, fairs::store::FairRow, service_error::ServiceResult, state::AppState};
use rand::{Rng, RngCore};
use ticket::Claims;

/// Tickets are valid from a few hours before the fair opens until after it
/// closes; the door decides about slots (with its own tolerance).
const VALID_BEFORE_SECS: i64 = 6 * 3600;
const VALID_AFTER_SECS: i64 = 2 * 3600;

/// What ticket writes need of a fair, read before the write transaction
/// starts (so the transaction stays short, and never waits for a second
/// pool connection): the signing key and the sender name.
pub struct FairContext {
    pub signer: ticket::TicketSigner,
    pub sender: Option<String>,
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
