//! SQL for invitations and unsubscribed addresses.
use crate::db::Tx;
use sqlx::{AnyPool, FromRow};

pub struct NewInvite<'a> {
    pub fair_id: i64,
    /// `jobseeker` or `employer`.
    pub kind: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub locale: &'a str,
    pub slot_id: Option<i64>,
    pub token_hash: &'a str,
    pub unsubscribe_hash: &'a str,
    pub invited_by: i64,
    pub now: i64,
}

/// Inserts an invitation; `None` when the address is invited to this fair
/// (as the same kind) already, or asked for no more invitations (decided in
/// the same statement, so an unsubscription cannot slip in between).
pub async fn insert_invite(tx: &mut Tx, invite: &NewInvite<'_>) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "INSERT INTO fair_invites (fair_id, kind, name, email, locale, slot_id, token_hash, unsubscribe_hash, \
         invited_by, created_at) SELECT $1, $10, $2, $3, $4, $5, $6, $7, $8, $9 \
         WHERE NOT EXISTS (SELECT 1 FROM unsubscribes WHERE email = $3) \
         ON CONFLICT (fair_id, kind, email) DO NOTHING RETURNING id",
    )
    .bind(invite.fair_id)
    .bind(invite.name)
    .bind(invite.email)
    .bind(invite.locale)
    .bind(invite.slot_id)
    .bind(invite.token_hash)
    .bind(invite.unsubscribe_hash)
    .bind(invite.invited_by)
    .bind(invite.now)
    .bind(invite.kind)
    .fetch_optional(&mut **tx)
    .await
}

/// Addresses already invited to the fair as `kind`.
pub async fn invited_emails(pool: &AnyPool, fair_id: i64, kind: &str) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT email FROM fair_invites WHERE fair_id = $1 AND kind = $2")
        .bind(fair_id)
        .bind(kind)
        .fetch_all(pool)
        .await
}

pub async fn unsubscribed(pool: &AnyPool) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT email FROM unsubscribes")
        .fetch_all(pool)
        .await
}

/// The name of an organisation (the sender of its invitations).
pub async fn organisation_name(pool: &AnyPool, org_id: i64) -> sqlx::Result<String> {
    sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
        .bind(org_id)
        .fetch_one(pool)
        .await
}

/// Records an unsubscription by the token from a mail; the address, or
/// `None` for an unknown token.
pub async fn unsubscribe(
    tx: &mut Tx,
    unsubscribe_hash: &str,
    now: i64,
) -> sqlx::Result<Option<String>> {
    let email: Option<String> =
        sqlx::query_scalar("SELECT email FROM fair_invites WHERE unsubscribe_hash = $1")
            .bind(unsubscribe_hash)
            .fetch_optional(&mut **tx)
            .await?;
    if let Some(email) = &email {
        sqlx::query("INSERT INTO unsubscribes (email, created_at) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING")
            .bind(email)
            .bind(now)
            .execute(&mut **tx)
            .await?;
    }
    Ok(email)
}

#[derive(Debug, FromRow)]
pub struct InviteRowState {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub email: String,
    pub used_at: Option<i64>,
    pub slot_starts_at: Option<i64>,
    pub mail_status: Option<String>,
}

/// The fair's invitations with the state of their mail, newest first.
pub async fn invites_with_state(pool: &AnyPool, fair_id: i64) -> sqlx::Result<Vec<InviteRowState>> {
    sqlx::query_as(
        "SELECT i.id, i.kind, i.name, i.email, i.used_at, s.starts_at AS slot_starts_at, m.status AS mail_status \
         FROM fair_invites i LEFT JOIN time_slots s ON s.id = i.slot_id \
         LEFT JOIN mail_outbox m ON m.idempotency_key = 'fair-invite:' || CAST(i.id AS TEXT) \
         WHERE i.fair_id = $1 ORDER BY i.id DESC",
    )
    .bind(fair_id)
    .fetch_all(pool)
    .await
}
