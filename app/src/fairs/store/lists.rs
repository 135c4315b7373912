//! SQL of what the dashboard and the exports list: registration times,
//! registrations, exhibitors.
use super::*;

#[derive(Debug, FromRow)]
pub struct RegistrationTime {
    pub slot_id: i64,
    pub created_at: i64,
}

/// When each active registration came in, oldest first.
pub async fn registration_times(
    pool: &AnyPool,
    fair_id: i64,
) -> sqlx::Result<Vec<RegistrationTime>> {
    sqlx::query_as(
        "SELECT slot_id, created_at FROM registrations WHERE fair_id = $1 AND status = 'active' \
         ORDER BY created_at",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

#[derive(Debug, FromRow)]
pub struct RegistrationExportRow {
    pub name: String,
    pub email: String,
    pub locale: String,
    pub status: String,
    pub created_at: i64,
    pub slot_starts_at: i64,
    pub slot_ends_at: i64,
}

pub async fn registrations_for_export(
    pool: &AnyPool,
    fair_id: i64,
) -> sqlx::Result<Vec<RegistrationExportRow>> {
    sqlx::query_as(
        "SELECT r.name, r.email, r.locale, r.status, r.created_at, \
                s.starts_at AS slot_starts_at, s.ends_at AS slot_ends_at \
         FROM registrations r JOIN time_slots s ON s.id = r.slot_id \
         WHERE r.fair_id = $1 ORDER BY s.starts_at, r.name, r.id",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

#[derive(Debug, FromRow)]
pub struct ExhibitorRow {
    pub organisation_id: i64,
    pub name: String,
    pub booth_id: i64,
    pub booth_label: String,
    pub hall_name: String,
    pub status: String,
    pub job_count: i64,
}

/// Employers with an active booking (held or confirmed), one row per booth.
pub async fn exhibitors(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<ExhibitorRow>> {
    sqlx::query_as(
        "SELECT o.id AS organisation_id, o.name, bo.id AS booth_id, bo.label AS booth_label, h.name AS hall_name, b.status, \
                (SELECT COUNT(*) FROM jobs j WHERE j.fair_id = h.fair_id AND j.organisation_id = o.id) AS job_count \
         FROM booth_bookings b JOIN booths bo ON bo.id = b.booth_id JOIN halls h ON h.id = bo.hall_id \
         JOIN organisations o ON o.id = b.organisation_id \
         WHERE h.fair_id = $1 AND b.status IN ('held', 'confirmed') ORDER BY o.name, bo.label",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}
