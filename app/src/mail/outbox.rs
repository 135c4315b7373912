//! Writing mails to the outbox table.
use super::Message;
use crate::{
    db::{Backend, Db, Tx},
    i18n::Locale,
};
use leptos_i18n::Locale as _;

/// Who a mail goes to and on whose behalf.
#[derive(Debug, Clone, Default)]
pub struct Envelope<'a> {
    /// Stops a second mail for the same purpose (e.g. `member-invite:42`).
    pub idempotency_key: &'a str,
    pub recipient: &'a str,
    /// The organisation the mail is sent for: its name is the sender name,
    /// and its planners see the mail in the mail viewer.
    pub organisation_id: Option<i64>,
    pub sender_name: Option<&'a str>,
    pub reply_to: Option<&'a str>,
    /// Where a `List-Unsubscribe` header points (invitations).
    pub list_unsubscribe: Option<&'a str>,
}

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
    let envelope = Envelope {
        idempotency_key,
        recipient,
        ..Envelope::default()
    };
    enqueue_for(tx, &envelope, locale, message, now).await
}

/// [`enqueue`] with sender name, Reply-To and the organisation.
pub async fn enqueue_for(
    tx: &mut Tx,
    envelope: &Envelope<'_>,
    locale: Locale,
    message: &Message,
    now: i64,
) -> sqlx::Result<bool> {
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO mail_outbox (idempotency_key, recipient, locale, subject, body_text, body_html, \
         created_at, next_attempt_at, organisation_id, sender_name, reply_to, list_unsubscribe) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $11) \
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
    )
    .bind(envelope.idempotency_key)
    .bind(envelope.recipient)
    .bind(locale.as_str())
    .bind(&message.subject)
    .bind(&message.text)
    .bind(&message.html)
    .bind(now)
    .bind(envelope.organisation_id)
    .bind(envelope.sender_name)
    .bind(envelope.reply_to)
    .bind(envelope.list_unsubscribe)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(outbox_id) = inserted else {
        return Ok(false);
    };
    if !message.attachments.is_empty() {
        // One statement for all of them: this runs inside busy transactions.
        let rows: Vec<String> = (0..message.attachments.len())
            .map(|i| {
                let n = 2 + i * 4;
                format!("($1, ${n}, ${}, ${}, ${})", n + 1, n + 2, n + 3)
            })
            .collect();
        let sql = format!(
            "INSERT INTO mail_attachments (outbox_id, filename, content_type, content_id, data) VALUES {}",
            rows.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(outbox_id);
        for attachment in &message.attachments {
            query = query
                .bind(&attachment.filename)
                .bind(&attachment.content_type)
                .bind(&attachment.content_id)
                .bind(&attachment.data);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(true)
}

/// The attachments of one mail, in the order they were added.
pub async fn attachments(
    pool: &sqlx::AnyPool,
    outbox_id: i64,
) -> sqlx::Result<Vec<super::templates::Attachment>> {
    sqlx::query_as(
        "SELECT filename, content_type, content_id, data FROM mail_attachments \
         WHERE outbox_id = $1 ORDER BY id",
    )
    .bind(outbox_id)
    .fetch_all(pool)
    .await
}

/// A mail a worker has claimed for sending.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimedMail {
    pub id: i64,
    pub idempotency_key: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub sender_name: Option<String>,
    pub reply_to: Option<String>,
    pub list_unsubscribe: Option<String>,
    pub attempts: i64,
    /// Loaded after the claim, for the mails that have any.
    #[sqlx(skip)]
    pub attachments: Vec<super::templates::Attachment>,
}

/// Claims up to `limit` due mails for one worker: they become `sending`
/// until `lease_until`. A worker that dies leaves them to be claimed again
/// when the lease ends, so no queued mail is lost. On PostgreSQL concurrent
/// workers skip each other's rows (`FOR UPDATE SKIP LOCKED`); SQLite has one
/// writer at a time anyway.
pub async fn claim_due(
    db: &Db,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> sqlx::Result<Vec<ClaimedMail>> {
    let lock = match db.backend() {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = $1 \
         WHERE id IN (SELECT id FROM mail_outbox WHERE status IN ('queued', 'sending') \
                      AND next_attempt_at <= $2 ORDER BY next_attempt_at, id LIMIT $3{lock}) \
         RETURNING id, idempotency_key, recipient, subject, body_text, body_html, sender_name, reply_to, \
         list_unsubscribe, attempts"
    );
    let mut tx = db.begin().await?;
    let mut mails: Vec<ClaimedMail> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(lease_until)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    mails.sort_by_key(|m| m.id);
    load_attachments(db, &mut mails).await?;
    Ok(mails)
}

/// Fills in attachments with one query over the claimed id range.
async fn load_attachments(db: &Db, mails: &mut [ClaimedMail]) -> sqlx::Result<()> {
    let (Some(first), Some(last)) = (mails.first(), mails.last()) else {
        return Ok(());
    };
    let rows: Vec<(i64, String, String, String, Vec<u8>)> = sqlx::query_as(
        "SELECT outbox_id, filename, content_type, content_id, data FROM mail_attachments \
         WHERE outbox_id BETWEEN $1 AND $2 ORDER BY id",
    )
    .bind(first.id)
    .bind(last.id)
    .fetch_all(db.pool())
    .await?;
    for (outbox_id, filename, content_type, content_id, data) in rows {
        if let Some(mail) = mails.iter_mut().find(|m| m.id == outbox_id) {
            mail.attachments.push(super::templates::Attachment {
                filename,
                content_type,
                content_id,
                data,
            });
        }
    }
    Ok(())
}

pub async fn mark_sent(pool: &sqlx::AnyPool, id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE mail_outbox SET status = 'sent', sent_at = $1, last_error = NULL WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Records a failed attempt: queued again at `retry_at`, or `failed` for
/// good when `retry_at` is `None`. The error is kept either way.
pub async fn mark_attempt_failed(
    pool: &sqlx::AnyPool,
    id: i64,
    error: &str,
    retry_at: Option<i64>,
) -> sqlx::Result<()> {
    let error: String = error.chars().take(1000).collect();
    match retry_at {
        Some(at) => {
            sqlx::query("UPDATE mail_outbox SET status = 'queued', next_attempt_at = $1, last_error = $2 WHERE id = $3")
                .bind(at)
                .bind(error)
                .bind(id)
                .execute(pool)
                .await?
        }
        None => {
            sqlx::query("UPDATE mail_outbox SET status = 'failed', last_error = $1 WHERE id = $2")
                .bind(error)
                .bind(id)
                .execute(pool)
                .await?
        }
    };
    Ok(())
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
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
}

pub async fn list_for_recipient(
    pool: &sqlx::AnyPool,
    recipient: &str,
) -> sqlx::Result<Vec<OutboxMail>> {
    sqlx::query_as(
        "SELECT id, idempotency_key, recipient, locale, subject, body_text, body_html, status, attempts, \
         last_error, created_at FROM mail_outbox WHERE recipient = $1 ORDER BY id",
    )
    .bind(recipient)
    .fetch_all(pool)
    .await
}
