//! SQL of registrations, tickets and bookmarks (the waitlist is in
//! [`crate::places`]).
use super::model::RegistrationStatus;
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

impl RegistrationRow {
    pub fn status(&self) -> RegistrationStatus {
        RegistrationStatus::parse(&self.status)
    }
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

pub struct NewRegistration<'a> {
    pub fair_id: i64,
    pub slot_id: i64,
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub locale: &'a str,
    pub interests: &'a str,
    pub status: RegistrationStatus,
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
    .bind(r.status.as_str())
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
    from_status: RegistrationStatus,
    to_status: RegistrationStatus,
    slot_id: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "UPDATE registrations SET status = $1, slot_id = $2, updated_at = $3 WHERE id = $4 AND status = $5",
    )
    .bind(to_status.as_str())
    .bind(slot_id)
    .bind(now)
    .bind(id)
    .bind(from_status.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
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
