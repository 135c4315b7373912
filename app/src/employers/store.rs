//! SQL of employer profiles and jobs.
use super::model::{CheckedJob, CheckedProfile};
use crate::db::Tx;
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, Default, FromRow)]
pub struct ProfileRow {
    pub organisation_id: i64,
    pub name: String,
    pub address: Option<String>,
    pub industry: Option<String>,
    pub website: Option<String>,
    pub description: Option<String>,
    pub languages: Option<String>,
    pub film_url: Option<String>,
    pub logo_type: Option<String>,
}

const PROFILE_SELECT: &str = "SELECT o.id AS organisation_id, o.name, p.address, p.industry, p.website, \
     p.description, p.languages, p.film_url, p.logo_type \
     FROM organisations o LEFT JOIN employer_profiles p ON p.organisation_id = o.id";

/// An organisation with its profile (empty fields when it has none yet).
pub async fn profile(pool: &AnyPool, organisation_id: i64) -> sqlx::Result<Option<ProfileRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{PROFILE_SELECT} WHERE o.id = $1"
    )))
    .bind(organisation_id)
    .fetch_optional(pool)
    .await
}

/// The profiles of the employers with a confirmed booking at a fair (a
/// request the organiser has not decided publishes nothing).
pub async fn profiles_at_fair(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<ProfileRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{PROFILE_SELECT} WHERE o.id IN (SELECT b.organisation_id FROM booth_bookings b \
         JOIN booths bo ON bo.id = b.booth_id JOIN halls h ON h.id = bo.hall_id \
         WHERE h.fair_id = $1 AND b.status = 'confirmed') ORDER BY o.name"
    )))
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

pub async fn save_profile(
    tx: &mut Tx,
    organisation_id: i64,
    p: &CheckedProfile,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE organisations SET name = $1 WHERE id = $2")
        .bind(&p.name)
        .bind(organisation_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO employer_profiles (organisation_id, address, industry, website, description, languages, \
         film_url, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (organisation_id) DO UPDATE SET address = excluded.address, industry = excluded.industry, \
         website = excluded.website, description = excluded.description, languages = excluded.languages, \
         film_url = excluded.film_url, updated_at = excluded.updated_at",
    )
    .bind(organisation_id)
    .bind(&p.address)
    .bind(&p.industry)
    .bind(&p.website)
    .bind(&p.description)
    .bind(&p.languages)
    .bind(&p.film_url)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Stores the logo (creating the profile row when there is none yet).
pub async fn save_logo(
    tx: &mut Tx,
    organisation_id: i64,
    content_type: &str,
    bytes: &[u8],
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO employer_profiles (organisation_id, logo, logo_type, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (organisation_id) DO UPDATE SET logo = excluded.logo, logo_type = excluded.logo_type, \
         updated_at = excluded.updated_at",
    )
    .bind(organisation_id)
    .bind(bytes)
    .bind(content_type)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The logo of an employer: its type and bytes.
pub async fn logo(pool: &AnyPool, organisation_id: i64) -> sqlx::Result<Option<(String, Vec<u8>)>> {
    sqlx::query_as(
        "SELECT logo_type, logo FROM employer_profiles WHERE organisation_id = $1 AND logo IS NOT NULL",
    )
    .bind(organisation_id)
    .fetch_optional(pool)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct JobRow {
    pub id: i64,
    pub organisation_id: i64,
    pub title: String,
    pub kind: String,
    pub place_of_work: String,
    pub starts_on: String,
    pub languages: String,
    pub description: String,
}

const JOB_COLUMNS: &str =
    "id, organisation_id, title, kind, place_of_work, starts_on, languages, description";

pub async fn jobs_at_fair(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<JobRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {JOB_COLUMNS} FROM jobs WHERE fair_id = $1 ORDER BY organisation_id, title, id"
    )))
    .bind(fair_id)
    .fetch_all(pool)
    .await
}

pub async fn insert_job(
    tx: &mut Tx,
    fair_id: i64,
    organisation_id: i64,
    job: &CheckedJob,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO jobs (fair_id, organisation_id, title, kind, place_of_work, starts_on, languages, \
         description, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(fair_id)
    .bind(organisation_id)
    .bind(&job.title)
    .bind(&job.kind)
    .bind(&job.place_of_work)
    .bind(&job.starts_on)
    .bind(&job.languages)
    .bind(&job.description)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// Deletes a job of this employer; false when it has no such job.
pub async fn delete_job(tx: &mut Tx, job_id: i64, organisation_id: i64) -> sqlx::Result<bool> {
    let result = sqlx::query("DELETE FROM jobs WHERE id = $1 AND organisation_id = $2")
        .bind(job_id)
        .bind(organisation_id)
        .execute(&mut **tx)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Whether the employer holds or has booked a booth at the fair.
pub async fn exhibits_at(pool: &AnyPool, organisation_id: i64, fair_id: i64) -> sqlx::Result<bool> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM booth_bookings b JOIN booths bo ON bo.id = b.booth_id \
         JOIN halls h ON h.id = bo.hall_id \
         WHERE b.organisation_id = $1 AND h.fair_id = $2 AND b.status IN ('held', 'confirmed')",
    )
    .bind(organisation_id)
    .bind(fair_id)
    .fetch_one(pool)
    .await?;
    Ok(count > 0)
}
