//! SQL for fairs.
use sqlx::{AnyPool, FromRow};

#[derive(Debug, FromRow)]
pub struct PublishedFairRow {
    pub slug: String,
    pub title_de: String,
    pub title_en: Option<String>,
    pub venue_name: String,
    pub venue_address: String,
    pub time_zone: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub exhibitor_count: i64,
}

/// Published fairs that have not ended, soonest first, with the number of
/// confirmed exhibitors (one query, no per-fair lookups).
pub async fn upcoming_published(pool: &AnyPool, now: i64) -> sqlx::Result<Vec<PublishedFairRow>> {
    sqlx::query_as(
        "SELECT f.slug, f.title_de, f.title_en, f.venue_name, f.venue_address, f.time_zone, \
                f.starts_at, f.ends_at, \
                (SELECT COUNT(DISTINCT b.organisation_id) FROM booth_bookings b \
                   JOIN booths bo ON bo.id = b.booth_id JOIN halls h ON h.id = bo.hall_id \
                  WHERE h.fair_id = f.id AND b.status = 'confirmed') AS exhibitor_count \
         FROM fairs f WHERE f.status = 'published' AND f.ends_at > $1 ORDER BY f.starts_at",
    )
    .bind(now)
    .fetch_all(pool)
    .await
}
