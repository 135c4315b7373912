//! SQL for accounts, sessions, throttling and password resets.
use crate::db::Tx;
use sqlx::{AnyPool, FromRow};

#[derive(Debug, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub locale: String,
    pub email_verified_at: Option<i64>,
}

impl From<&UserRow> for crate::auth::CurrentUser {
    fn from(row: &UserRow) -> Self {
        Self {
            id: row.id,
            email: row.email.clone(),
            display_name: row.display_name.clone(),
            email_verified: row.email_verified_at.is_some(),
        }
    }
}

/// Inserts a user; `None` when the email address is taken.
pub async fn insert_user(
    tx: &mut Tx,
    email: &str,
    name: &str,
    password_hash: &str,
    locale: &str,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, locale, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(password_hash)
    .bind(locale)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await
}

pub async fn find_user_by_email(pool: &AnyPool, email: &str) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(
        "SELECT id, email, display_name, password_hash, locale, email_verified_at FROM users WHERE email = $1",
    )
    .bind(email)
    .fetch_optional(pool)
    .await
}

pub async fn set_password_hash(tx: &mut Tx, user_id: i64, password_hash: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

pub async fn insert_session(
    tx: &mut Tx,
    token_hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

#[derive(Debug, FromRow)]
pub struct SessionUserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub email_verified_at: Option<i64>,
}

impl From<SessionUserRow> for crate::auth::CurrentUser {
    fn from(row: SessionUserRow) -> Self {
        crate::auth::CurrentUser {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            email_verified: row.email_verified_at.is_some(),
        }
    }
}

pub async fn find_session_user(
    pool: &AnyPool,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<Option<SessionUserRow>> {
    sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.email_verified_at FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await
}

pub async fn delete_session(pool: &AnyPool, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|_| ())
}

pub async fn delete_sessions_of_user(tx: &mut Tx, user_id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Sign-in attempts since `since` of this client for this address, and of
/// this client for any address, and the oldest of the first kind (to say
/// when trying again makes sense). Throttling by client, not by address
/// alone, means a stranger cannot lock someone else's account.
pub async fn recent_failures(
    pool: &AnyPool,
    email: &str,
    client_ip: &str,
    since: i64,
) -> sqlx::Result<(i64, i64, Option<i64>)> {
    let (by_pair, oldest): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MIN(failed_at) FROM login_failures \
         WHERE email = $1 AND client_ip = $2 AND failed_at > $3",
    )
    .bind(email)
    .bind(client_ip)
    .bind(since)
    .fetch_one(pool)
    .await?;
    let by_ip: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM login_failures WHERE client_ip = $1 AND failed_at > $2",
    )
    .bind(client_ip)
    .bind(since)
    .fetch_one(pool)
    .await?;
    Ok((by_pair, by_ip, oldest))
}

/// Records an attempt (as a failure until it succeeds); its id.
pub async fn insert_failure(
    pool: &AnyPool,
    email: &str,
    client_ip: &str,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO login_failures (email, client_ip, failed_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(email)
    .bind(client_ip)
    .bind(now)
    .fetch_one(pool)
    .await
}

pub async fn delete_failure(pool: &AnyPool, id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Forgets this client's failures for the address (after a success).
pub async fn clear_failures(pool: &AnyPool, email: &str, client_ip: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE email = $1 AND client_ip = $2")
        .bind(email)
        .bind(client_ip)
        .execute(pool)
        .await
        .map(|_| ())
}

pub async fn find_user_by_id(tx: &mut Tx, user_id: i64) -> sqlx::Result<SessionUserRow> {
    sqlx::query_as("SELECT id, email, display_name, email_verified_at FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut **tx)
        .await
}

/// When the newest verification link for the person was made, if any.
pub async fn latest_email_verification(pool: &AnyPool, user_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT MAX(created_at) FROM email_verifications WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(pool)
        .await
}

/// Records that the person proved the address (the first proof counts).
pub async fn mark_email_verified(tx: &mut Tx, user_id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $1",
    )
    .bind(user_id)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// The single-use links mailed to a person's address; each kind has its own
/// table of the same shape (only the SHA-256 of the token is stored).
#[derive(Debug, Clone, Copy)]
pub enum MailedLink {
    PasswordReset,
    EmailVerification,
}

impl MailedLink {
    /// The path of the link (after the public address, before the token).
    pub fn path(self) -> &'static str {
        match self {
            MailedLink::PasswordReset => "/password/reset/",
            MailedLink::EmailVerification => "/account/verify/",
        }
    }

    /// The start of the idempotency key of its mail.
    pub fn mail_key(self) -> &'static str {
        match self {
            MailedLink::PasswordReset => "password-reset",
            MailedLink::EmailVerification => "verify-email",
        }
    }

    fn table(self) -> &'static str {
        match self {
            MailedLink::PasswordReset => "password_resets",
            MailedLink::EmailVerification => "email_verifications",
        }
    }
}

pub async fn insert_link(
    tx: &mut Tx,
    kind: MailedLink,
    token_hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO {} (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        kind.table()
    )))
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Marks a valid link used, atomically; the user's id if it was valid
/// (unused and not expired).
pub async fn use_link(
    tx: &mut Tx,
    kind: MailedLink,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "UPDATE {} SET used_at = $2 \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id",
        kind.table()
    )))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await
}

/// Whether a link would still work (unused, not expired), without using it:
/// checked before the slow password hash, so a made-up link costs nothing.
pub async fn link_is_live(
    pool: &AnyPool,
    kind: MailedLink,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT user_id FROM {} WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        kind.table()
    )))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}

/// Deletes a person's account and what only it needs: sessions, links and
/// memberships go with the row (foreign keys); sign-in failures and mail to
/// the address by address.
pub async fn delete_account_data(tx: &mut Tx, user_id: i64, email: &str) -> sqlx::Result<()> {
    delete_user(tx, user_id).await?;
    sqlx::query("DELETE FROM login_failures WHERE email = $1")
        .bind(email)
        .execute(&mut **tx)
        .await?;
    // Mail to the person (queued mail is not sent any more), and their
    // address as the reply-to of what they sent for an organisation.
    sqlx::query("DELETE FROM mail_outbox WHERE recipient = $1")
        .bind(email)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE mail_outbox SET reply_to = NULL WHERE reply_to = $1")
        .bind(email)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Deletes the account row (sessions, links and memberships go with it).
pub async fn delete_user(tx: &mut Tx, user_id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// The id of the account of `email` if nobody has proven the address yet.
pub async fn unproven_user_id(tx: &mut Tx, email: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1 AND email_verified_at IS NULL")
        .bind(email)
        .fetch_optional(&mut **tx)
        .await
}
