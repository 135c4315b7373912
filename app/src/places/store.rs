//! SQL of places and waitlists. Each function runs inside the caller's
//! transaction; the conditions are part of the writes, so concurrent
//! transactions cannot take more places than there are (PostgreSQL
//! re-checks a conditional update on the locked row; SQLite has one writer).
use super::{Places, Resized};
use crate::db::Tx;

/// Takes one place if one is left; true when it did.
pub async fn take(tx: &mut Tx, places: Places) -> sqlx::Result<bool> {
    take_many(tx, places, 1).await
}

/// Takes `count` places at once if that many are left (all or none).
pub async fn take_many(tx: &mut Tx, places: Places, count: i64) -> sqlx::Result<bool> {
    let table = places.kind.table();
    let result = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE {table} SET taken = taken + $1 WHERE id = $2 AND taken + $1 <= capacity"
    )))
    .bind(count)
    .bind(places.id)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Gives one place back (never below none taken).
pub async fn release(tx: &mut Tx, places: Places) -> sqlx::Result<()> {
    let table = places.kind.table();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE {table} SET taken = taken - 1 WHERE id = $1 AND taken > 0"
    )))
    .bind(places.id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Sets a new capacity unless more places are taken than it allows,
/// decided in the same statement that writes it.
pub async fn resize(tx: &mut Tx, places: Places, capacity: i64) -> sqlx::Result<Resized> {
    let table = places.kind.table();
    let result = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE {table} SET capacity = $1 WHERE id = $2 AND taken <= $1"
    )))
    .bind(capacity)
    .bind(places.id)
    .execute(&mut **tx)
    .await?;
    if result.rows_affected() == 1 {
        return Ok(Resized::Done);
    }
    Ok(match taken(tx, places).await? {
        Some(taken) => Resized::BelowTaken { taken },
        None => Resized::NotFound,
    })
}

/// The places taken (inside the transaction, which sees its own changes).
pub async fn taken(tx: &mut Tx, places: Places) -> sqlx::Result<Option<i64>> {
    let table = places.kind.table();
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT taken FROM {table} WHERE id = $1"
    )))
    .bind(places.id)
    .fetch_optional(&mut **tx)
    .await
}

/// Puts a holder (a registration, say) at the end of the waitlist and
/// returns its position (1 for the first in line). Joining twice keeps the
/// first place in line.
pub async fn join_waitlist(
    tx: &mut Tx,
    places: Places,
    fair_id: i64,
    holder_id: i64,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query(
        "INSERT INTO place_waiters (fair_id, place_kind, place_id, holder_id, joined_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (place_kind, place_id, holder_id) DO NOTHING",
    )
    .bind(fair_id)
    .bind(places.kind.as_str())
    .bind(places.id)
    .bind(holder_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(position(&mut **tx, places, holder_id).await?.unwrap_or(0))
}

/// Takes a holder off the waitlist; true when it was on it.
pub async fn leave_waitlist(tx: &mut Tx, places: Places, holder_id: i64) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "DELETE FROM place_waiters WHERE place_kind = $1 AND place_id = $2 AND holder_id = $3",
    )
    .bind(places.kind.as_str())
    .bind(places.id)
    .bind(holder_id)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() > 0)
}

/// A holder's place in line (1 for the first), `None` when not waiting; on
/// the pool or inside a transaction with `&mut **tx`.
pub async fn position<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    places: Places,
    holder_id: i64,
) -> sqlx::Result<Option<i64>> {
    let position: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM place_waiters w \
         JOIN place_waiters me ON me.place_kind = w.place_kind AND me.place_id = w.place_id \
         WHERE me.place_kind = $1 AND me.place_id = $2 AND me.holder_id = $3 AND w.id <= me.id",
    )
    .bind(places.kind.as_str())
    .bind(places.id)
    .bind(holder_id)
    .fetch_one(db)
    .await?;
    Ok((position > 0).then_some(position))
}

/// Gives a free place to the first in line: takes the place, removes them
/// from the waitlist and returns who it was. `None` when nobody waits or no
/// place is free. Two transactions promoting at once never give one place
/// twice, nor promote one holder twice (the delete decides who won).
pub async fn promote_next(tx: &mut Tx, places: Places) -> sqlx::Result<Option<i64>> {
    loop {
        let first: Option<(i64, i64)> = sqlx::query_as(
            "SELECT id, holder_id FROM place_waiters WHERE place_kind = $1 AND place_id = $2 \
             ORDER BY id LIMIT 1",
        )
        .bind(places.kind.as_str())
        .bind(places.id)
        .fetch_optional(&mut **tx)
        .await?;
        let Some((waiter_id, holder_id)) = first else {
            return Ok(None);
        };
        if !take(tx, places).await? {
            return Ok(None);
        }
        let removed = sqlx::query("DELETE FROM place_waiters WHERE id = $1")
            .bind(waiter_id)
            .execute(&mut **tx)
            .await?;
        if removed.rows_affected() == 1 {
            return Ok(Some(holder_id));
        }
        // Someone else promoted (or removed) them meanwhile: the place goes
        // back, and the next in line is read again.
        release(tx, places).await?;
    }
}

/// Deletes the waitlists of fairs that ended before `cutoff` (the
/// retention purge, beside the registrations they belong to).
pub async fn delete_waitlists_of_fairs_ended_before(tx: &mut Tx, cutoff: i64) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "DELETE FROM place_waiters WHERE fair_id IN (SELECT id FROM fairs WHERE ends_at < $1)",
    )
    .bind(cutoff)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}
