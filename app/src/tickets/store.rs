//! SQL of tickets and of what signing them needs.
use crate::db::Tx;
use sqlx::{AnyPool, FromRow};

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
