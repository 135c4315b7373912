//! SQL for halls and booths.
use super::model::{BoothDraft, Extra};
use crate::db::Tx;
use sqlx::{AnyPool, FromRow};

#[derive(Debug, FromRow)]
pub struct HallRow {
    pub id: i64,
    pub fair_id: i64,
    pub name: String,
    pub width_dm: i64,
    pub depth_dm: i64,
}

pub async fn halls(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<HallRow>> {
    sqlx::query_as(
        "SELECT id, fair_id, name, width_dm, depth_dm FROM halls WHERE fair_id = $1 ORDER BY id",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

pub async fn hall_fair(pool: &AnyPool, hall_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT fair_id FROM halls WHERE id = $1")
        .bind(hall_id)
        .fetch_optional(pool)
        .await
}

/// The fair a booth belongs to.
pub async fn booth_fair(pool: &AnyPool, booth_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT h.fair_id FROM booths b JOIN halls h ON h.id = b.hall_id WHERE b.id = $1",
    )
    .bind(booth_id)
    .fetch_optional(pool)
    .await
}

/// Locks the hall for the rest of the transaction and returns it. The no-op
/// update takes a row lock on PostgreSQL (SQLite's `BEGIN IMMEDIATE` already
/// serialises writers), so two people placing booths in the same hall at the
/// same moment cannot both pass the overlap check.
pub async fn lock_hall(tx: &mut Tx, hall_id: i64) -> sqlx::Result<Option<HallRow>> {
    sqlx::query_as(
        "UPDATE halls SET width_dm = width_dm WHERE id = $1 \
         RETURNING id, fair_id, name, width_dm, depth_dm",
    )
    .bind(hall_id)
    .fetch_optional(&mut **tx)
    .await
}

pub async fn hall_name_taken(
    tx: &mut Tx,
    fair_id: i64,
    name: &str,
    except: i64,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM halls WHERE fair_id = $1 AND LOWER(name) = LOWER($2) AND id <> $3",
    )
    .bind(fair_id)
    .bind(name)
    .bind(except)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}

pub async fn insert_hall(
    tx: &mut Tx,
    fair_id: i64,
    name: &str,
    width_dm: i64,
    depth_dm: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar("INSERT INTO halls (fair_id, name, width_dm, depth_dm) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(fair_id)
        .bind(name)
        .bind(width_dm)
        .bind(depth_dm)
        .fetch_one(&mut **tx)
        .await
}

pub async fn update_hall(
    tx: &mut Tx,
    hall_id: i64,
    name: &str,
    width_dm: i64,
    depth_dm: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE halls SET name = $1, width_dm = $2, depth_dm = $3 WHERE id = $4")
        .bind(name)
        .bind(width_dm)
        .bind(depth_dm)
        .bind(hall_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The far edges of the booths in a hall (0 when it has none).
pub async fn booth_extent(tx: &mut Tx, hall_id: i64) -> sqlx::Result<(i64, i64)> {
    let row: (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT MAX(x_dm + width_dm), MAX(y_dm + depth_dm) FROM booths WHERE hall_id = $1",
    )
    .bind(hall_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok((row.0.unwrap_or(0), row.1.unwrap_or(0)))
}

#[derive(Debug, FromRow)]
pub struct BoothRow {
    pub id: i64,
    pub hall_id: i64,
    pub label: String,
    pub x_dm: i64,
    pub y_dm: i64,
    pub width_dm: i64,
    pub depth_dm: i64,
    pub category: String,
    pub price_cents: i64,
    pub extras: String,
    /// `held`, `confirmed`, or none.
    pub booking_status: Option<String>,
    pub exhibitor: Option<String>,
}

/// Every booth of the fair with its active booking, in one query.
pub async fn booths_of_fair(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<BoothRow>> {
    sqlx::query_as(
        "SELECT bo.id, bo.hall_id, bo.label, bo.x_dm, bo.y_dm, bo.width_dm, bo.depth_dm, bo.category, \
                bo.price_cents, bo.extras, b.status AS booking_status, o.name AS exhibitor \
         FROM booths bo JOIN halls h ON h.id = bo.hall_id \
         LEFT JOIN booth_bookings b ON b.booth_id = bo.id AND b.status IN ('held', 'confirmed') \
         LEFT JOIN organisations o ON o.id = b.organisation_id \
         WHERE h.fair_id = $1 ORDER BY bo.label",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

#[derive(Debug, FromRow)]
pub struct NeighbourRow {
    pub id: i64,
    pub label: String,
    pub x_dm: i64,
    pub y_dm: i64,
    pub width_dm: i64,
    pub depth_dm: i64,
}

pub async fn booths_in_hall(tx: &mut Tx, hall_id: i64) -> sqlx::Result<Vec<NeighbourRow>> {
    sqlx::query_as(
        "SELECT id, label, x_dm, y_dm, width_dm, depth_dm FROM booths WHERE hall_id = $1",
    )
    .bind(hall_id)
    .fetch_all(&mut **tx)
    .await
}

pub async fn insert_booth(tx: &mut Tx, hall_id: i64, booth: &BoothDraft) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO booths (hall_id, label, x_dm, y_dm, width_dm, depth_dm, category, price_cents, extras) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(hall_id)
    .bind(&booth.label)
    .bind(booth.rect.x)
    .bind(booth.rect.y)
    .bind(booth.rect.width)
    .bind(booth.rect.depth)
    .bind(booth.category.as_str())
    .bind(booth.price_cents)
    .bind(Extra::to_list(&booth.extras))
    .fetch_one(&mut **tx)
    .await
}

pub async fn update_booth(tx: &mut Tx, booth_id: i64, booth: &BoothDraft) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE booths SET label = $1, x_dm = $2, y_dm = $3, width_dm = $4, depth_dm = $5, category = $6, \
         price_cents = $7, extras = $8 WHERE id = $9",
    )
    .bind(&booth.label)
    .bind(booth.rect.x)
    .bind(booth.rect.y)
    .bind(booth.rect.width)
    .bind(booth.rect.depth)
    .bind(booth.category.as_str())
    .bind(booth.price_cents)
    .bind(Extra::to_list(&booth.extras))
    .bind(booth_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Deletes a booth nobody has booked; bookings that ended go with it.
pub async fn delete_unbooked_booth(tx: &mut Tx, booth_id: i64) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "DELETE FROM booths WHERE id = $1 AND NOT EXISTS \
         (SELECT 1 FROM booth_bookings b WHERE b.booth_id = $1 AND b.status IN ('held', 'confirmed'))",
    )
    .bind(booth_id)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

#[derive(Debug, FromRow)]
pub struct BoothCounts {
    pub free: i64,
    pub held: i64,
    pub booked: i64,
}

pub async fn booth_counts(pool: &AnyPool, fair_id: i64) -> sqlx::Result<BoothCounts> {
    sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN b.status IS NULL THEN 1 ELSE 0 END), 0) AS free, \
                COALESCE(SUM(CASE WHEN b.status = 'held' THEN 1 ELSE 0 END), 0) AS held, \
                COALESCE(SUM(CASE WHEN b.status = 'confirmed' THEN 1 ELSE 0 END), 0) AS booked \
         FROM booths bo JOIN halls h ON h.id = bo.hall_id \
         LEFT JOIN booth_bookings b ON b.booth_id = bo.id AND b.status IN ('held', 'confirmed') \
         WHERE h.fair_id = $1",
    )
    .bind(fair_id)
    .fetch_one(pool)
    .await
}
