//! SQL of registrations, tickets, the waitlist and bookmarks.
use crate::db::Tx;
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct RegistrationRow {
    pub id: i64,
    pub fair_id: i64,
    pub slot_id: i64,
    pub name: String,
    pub email: String,
    pub locale: String,
    pub status: String,
    pub invite_id: Option<i64>,
    pub link_nonce: String,
}

const REGISTRATION_COLUMNS: &str =
    "id, fair_id, slot_id, name, email, locale, status, invite_id, link_nonce";

/// The registration of an address for a fair that is not cancelled.
pub async fn live_registration(
    tx: &mut Tx,
    fair_id: i64,
    email: &str,
) -> sqlx::Result<Option<RegistrationRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {REGISTRATION_COLUMNS} FROM registrations \
         WHERE fair_id = $1 AND email = $2 AND status <> 'cancelled'"
    )))
    .bind(fair_id)
    .bind(email)
    .fetch_optional(&mut **tx)
    .await
}

pub async fn registration_by_access(
    pool: &AnyPool,
    access_hash: &str,
) -> sqlx::Result<Option<RegistrationRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE access_hash = $1"
    )))
    .bind(access_hash)
    .fetch_optional(pool)
    .await
}

pub async fn registration_by_id(tx: &mut Tx, id: i64) -> sqlx::Result<Option<RegistrationRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct InviteRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub locale: String,
    pub slot_id: Option<i64>,
    pub used_at: Option<i64>,
}

/// A jobseeker invitation of the fair by the hash of its code.
pub async fn jobseeker_invite(
    pool: &AnyPool,
    fair_id: i64,
    token_hash: &str,
) -> sqlx::Result<Option<InviteRow>> {
    sqlx::query_as(
        "SELECT id, name, email, locale, slot_id, used_at FROM fair_invites \
         WHERE fair_id = $1 AND token_hash = $2 AND kind = 'jobseeker'",
    )
    .bind(fair_id)
    .bind(token_hash)
    .fetch_optional(pool)
    .await
}

/// Marks an invitation used unless it was; true when this call used it.
pub async fn use_invite(tx: &mut Tx, invite_id: i64, now: i64) -> sqlx::Result<bool> {
    let result =
        sqlx::query("UPDATE fair_invites SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(invite_id)
            .execute(&mut **tx)
            .await?;
    Ok(result.rows_affected() == 1)
}

/// Takes one place of a slot if one is left. The condition is part of the
/// write, so concurrent requests can never take more places than there are
/// (PostgreSQL re-checks it on the locked row; SQLite has one writer).
pub async fn take_place(tx: &mut Tx, slot_id: i64) -> sqlx::Result<bool> {
    let result =
        sqlx::query("UPDATE time_slots SET taken = taken + 1 WHERE id = $1 AND taken < capacity")
            .bind(slot_id)
            .execute(&mut **tx)
            .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn release_place(tx: &mut Tx, slot_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE time_slots SET taken = taken - 1 WHERE id = $1 AND taken > 0")
        .bind(slot_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub struct NewRegistration<'a> {
    pub fair_id: i64,
    pub slot_id: i64,
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub locale: &'a str,
    pub interests: &'a str,
    pub status: &'a str,
    pub invite_id: Option<i64>,
    pub access_hash: &'a str,
    pub link_nonce: &'a str,
    pub now: i64,
}

pub async fn insert_registration(tx: &mut Tx, r: &NewRegistration<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO registrations (fair_id, slot_id, name, email, phone, locale, interests, status, \
         invite_id, access_hash, link_nonce, consented_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $12) RETURNING id",
    )
    .bind(r.fair_id)
    .bind(r.slot_id)
    .bind(r.name)
    .bind(r.email)
    .bind(r.phone)
    .bind(r.locale)
    .bind(r.interests)
    .bind(r.status)
    .bind(r.invite_id)
    .bind(r.access_hash)
    .bind(r.link_nonce)
    .bind(r.now)
    .fetch_one(&mut **tx)
    .await
}

/// Moves a registration from one status (and slot) to another, if it still
/// has the status read before; true when it did.
pub async fn move_registration(
    tx: &mut Tx,
    id: i64,
    from_status: &str,
    to_status: &str,
    slot_id: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "UPDATE registrations SET status = $1, slot_id = $2, updated_at = $3 WHERE id = $4 AND status = $5",
    )
    .bind(to_status)
    .bind(slot_id)
    .bind(now)
    .bind(id)
    .bind(from_status)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Adds a signed ticket; false when its random number or short code is
/// taken already (the caller draws again).
pub async fn insert_ticket(
    tx: &mut Tx,
    ticket: &NewTicket<'_>,
    registration_id: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let inserted = sqlx::query(
        "INSERT INTO tickets (id, registration_id, fair_id, slot_id, short_code, payload, issued_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(ticket.id)
    .bind(registration_id)
    .bind(ticket.fair_id)
    .bind(ticket.slot_id)
    .bind(ticket.short_code)
    .bind(ticket.payload)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

pub struct NewTicket<'a> {
    pub id: i64,
    pub fair_id: i64,
    pub slot_id: i64,
    pub short_code: &'a str,
    pub payload: &'a str,
}

#[derive(Debug, Clone, FromRow)]
pub struct TicketRow {
    pub id: i64,
    pub slot_id: i64,
    pub short_code: String,
    pub payload: String,
}

/// The registration's ticket that is not revoked (on the pool, or inside a
/// transaction with `&mut **tx`).
pub async fn valid_ticket<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    registration_id: i64,
) -> sqlx::Result<Option<TicketRow>> {
    sqlx::query_as(
        "SELECT id, slot_id, short_code, payload FROM tickets \
         WHERE registration_id = $1 AND revoked_at IS NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(registration_id)
    .fetch_optional(db)
    .await
}

/// Revokes every ticket of a registration (cancelled, or replaced).
pub async fn revoke_tickets(tx: &mut Tx, registration_id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE tickets SET revoked_at = $1 WHERE registration_id = $2 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(registration_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Ids of revoked tickets of a fair (the scanners' revocation list).
pub async fn revoked_ticket_ids(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM tickets WHERE fair_id = $1 AND revoked_at IS NOT NULL ORDER BY id",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

/// The first in line on a slot's waitlist.
pub async fn first_waiting(tx: &mut Tx, slot_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM registrations WHERE slot_id = $1 AND status = 'waiting' ORDER BY id LIMIT 1",
    )
    .bind(slot_id)
    .fetch_optional(&mut **tx)
    .await
}

/// 1 for the first in line.
pub async fn waitlist_position<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    slot_id: i64,
    registration_id: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM registrations WHERE slot_id = $1 AND status = 'waiting' AND id <= $2",
    )
    .bind(slot_id)
    .bind(registration_id)
    .fetch_one(db)
    .await
}

pub async fn bookmarked(pool: &AnyPool, registration_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT organisation_id FROM bookmarks WHERE registration_id = $1")
        .bind(registration_id)
        .fetch_all(pool)
        .await
}

pub async fn set_bookmark(
    pool: &AnyPool,
    registration_id: i64,
    organisation_id: i64,
    on: bool,
    now: i64,
) -> sqlx::Result<()> {
    let query = if on {
        sqlx::query(
            "INSERT INTO bookmarks (registration_id, organisation_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (registration_id, organisation_id) DO NOTHING",
        )
        .bind(registration_id)
        .bind(organisation_id)
        .bind(now)
    } else {
        sqlx::query("DELETE FROM bookmarks WHERE registration_id = $1 AND organisation_id = $2")
            .bind(registration_id)
            .bind(organisation_id)
    };
    query.execute(pool).await?;
    Ok(())
}

/// Job titles per employer at a fair.
pub async fn jobs_of_fair(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT organisation_id, title FROM jobs WHERE fair_id = $1 ORDER BY organisation_id, title")
        .bind(fair_id)
        .fetch_all(pool)
        .await
}

/// The names of the organisations running a fair, lead first.
pub async fn organiser_names(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT o.name FROM fair_organisers fo JOIN organisations o ON o.id = fo.organisation_id \
         JOIN fairs f ON f.id = fo.fair_id WHERE fo.fair_id = $1 \
         ORDER BY CASE WHEN o.id = f.organisation_id THEN 0 ELSE 1 END, o.name",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

/// One slot, on the pool or inside a transaction (which sees its own changes).
pub async fn slot<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    slot_id: i64,
) -> sqlx::Result<Option<crate::fairs::store::SlotRow>> {
    sqlx::query_as(
        "SELECT id, fair_id, starts_at, ends_at, capacity, taken, entry_mode FROM time_slots WHERE id = $1",
    )
    .bind(slot_id)
    .fetch_optional(db)
    .await
}

/// The name of the fair's organisation and the fair's newest unretired
/// signing key (number and salt), in one query.
pub async fn sender_and_newest_key(
    pool: &AnyPool,
    fair_id: i64,
    organisation_id: i64,
) -> sqlx::Result<(Option<String>, Option<(i64, String)>)> {
    let row: Option<(String, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT o.name, k.key_id, k.salt FROM organisations o \
         LEFT JOIN ticket_keys k ON k.fair_id = $1 AND k.retired_at IS NULL \
         WHERE o.id = $2 ORDER BY k.key_id DESC LIMIT 1",
    )
    .bind(fair_id)
    .bind(organisation_id)
    .fetch_optional(pool)
    .await?;
    Ok(match row {
        Some((name, Some(key_id), Some(salt))) => (Some(name), Some((key_id, salt))),
        Some((name, _, _)) => (Some(name), None),
        None => (None, None),
    })
}

/// Deletes the registrations (with their tickets) and the door's check-in
/// log of fairs that ended before `cutoff`.
pub async fn delete_registrations_of_fairs_ended_before(
    tx: &mut Tx,
    cutoff: i64,
) -> sqlx::Result<u64> {
    sqlx::query("DELETE FROM checkins WHERE fair_id IN (SELECT id FROM fairs WHERE ends_at < $1)")
        .bind(cutoff)
        .execute(&mut **tx)
        .await?;
    let done = sqlx::query(
        "DELETE FROM registrations WHERE fair_id IN (SELECT id FROM fairs WHERE ends_at < $1)",
    )
    .bind(cutoff)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_invites_of_fairs_ended_before(tx: &mut Tx, cutoff: i64) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "DELETE FROM fair_invites WHERE fair_id IN (SELECT id FROM fairs WHERE ends_at < $1)",
    )
    .bind(cutoff)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// Mails (with their attachments) that are done: sent or given up.
pub async fn delete_mails_created_before(tx: &mut Tx, cutoff: i64) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "DELETE FROM mail_outbox WHERE created_at < $1 AND status IN ('sent', 'failed')",
    )
    .bind(cutoff)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}
