//! Writing mails to the outbox table.
use super::Message;
use crate::{db::Tx, i18n::Locale};
use leptos_i18n::Locale as _;

/// Queues a mail unless one with the same idempotency key exists; returns
/// whether it was queued. Call inside the transaction of the causing change.
pub async fn enqueue(
    tx: &mut Tx,
    idempotency_key: &str,
    recipient: &str,
    locale: Locale,
    message: &Message,
    now: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "INSERT INTO mail_outbox (idempotency_key, recipient, locale, subject, body_text, body_html, \
         created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
         ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(idempotency_key)
    .bind(recipient)
    .bind(locale.as_str())
    .bind(&message.subject)
    .bind(&message.text)
    .bind(&message.html)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// A queued or sent mail as tests and the mail viewer read it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxMail {
    pub id: i64,
    pub idempotency_key: String,
    pub recipient: String,
    pub locale: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub status: String,
}

pub async fn list_for_recipient(
    pool: &sqlx::AnyPool,
    recipient: &str,
) -> sqlx::Result<Vec<OutboxMail>> {
    sqlx::query_as(
        "SELECT id, idempotency_key, recipient, locale, subject, body_text, body_html, status \
         FROM mail_outbox WHERE recipient = $1 ORDER BY id",
    )
    .bind(recipient)
    .fetch_all(pool)
    .await
}
