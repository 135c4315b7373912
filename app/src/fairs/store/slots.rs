//! SQL of a fair's time slots (their places are changed through
//! [`crate::places`]).
use super::*;

#[derive(Debug, Clone, FromRow)]
pub struct SlotRow {
    pub id: i64,
    pub fair_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub taken: i64,
    pub entry_mode: String,
}

pub async fn slots(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<SlotRow>> {
    sqlx::query_as(
        "SELECT id, fair_id, starts_at, ends_at, capacity, taken, entry_mode FROM time_slots \
         WHERE fair_id = $1 ORDER BY starts_at, id",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

pub async fn slot_fair(pool: &AnyPool, slot_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT fair_id FROM time_slots WHERE id = $1")
        .bind(slot_id)
        .fetch_optional(pool)
        .await
}

pub async fn count_slots(tx: &mut Tx, fair_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM time_slots WHERE fair_id = $1")
        .bind(fair_id)
        .fetch_one(&mut **tx)
        .await
}

/// Slots that would lie outside the fair's new opening hours.
pub async fn count_slots_outside(
    tx: &mut Tx,
    fair_id: i64,
    starts_at: i64,
    ends_at: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM time_slots WHERE fair_id = $1 AND (starts_at < $2 OR ends_at > $3)",
    )
    .bind(fair_id)
    .bind(starts_at)
    .bind(ends_at)
    .fetch_one(&mut **tx)
    .await
}

pub struct SlotValues {
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub entry_mode: &'static str,
}

pub async fn insert_slot(tx: &mut Tx, fair_id: i64, v: &SlotValues) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO time_slots (fair_id, starts_at, ends_at, capacity, entry_mode) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(fair_id)
    .bind(v.starts_at)
    .bind(v.ends_at)
    .bind(v.capacity)
    .bind(v.entry_mode)
    .fetch_one(&mut **tx)
    .await
}

/// Updates a slot's times and entry mode (its capacity is changed through
/// [`crate::places`], which keeps it at or above the places taken).
pub async fn update_slot_times(tx: &mut Tx, slot_id: i64, v: &SlotValues) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE time_slots SET starts_at = $1, ends_at = $2, entry_mode = $3 WHERE id = $4",
    )
    .bind(v.starts_at)
    .bind(v.ends_at)
    .bind(v.entry_mode)
    .bind(slot_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Deletes a slot nobody has registered for (cancelled registrations too
/// keep it: they point at it).
pub async fn delete_unused_slot(tx: &mut Tx, slot_id: i64) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "DELETE FROM time_slots WHERE id = $1 AND taken = 0 \
         AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.slot_id = $1)",
    )
    .bind(slot_id)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}
