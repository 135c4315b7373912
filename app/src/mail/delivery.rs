//! Delivering the outbox over SMTP with lettre: a pass claims due mails,
//! sends them at the configured pace and records each outcome. Temporary
//! failures are retried with exponential backoff; permanent ones (and the
//! last attempt) end as `failed` with the error kept.
use super::outbox::{self, ClaimedMail};
use crate::{clock::Clock, db::Db};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Tokio1Executor,
    message::{Attachment as LettreAttachment, Mailbox, MultiPart, header::ContentType},
};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// How the mail worker behaves.
#[derive(Debug, Clone)]
pub struct DeliverySettings {
    /// The sender address, e.g. `jobfair@jobcenter.example`.
    pub from_address: String,
    /// Attempts before a mail is given up.
    pub max_attempts: i64,
    /// At most this many mails a minute (protects the sending domain).
    pub per_minute: u32,
    /// Mails claimed per pass.
    pub batch: i64,
    /// Mails in flight at once (SMTP connections from the pool): hides the
    /// round trips of each SMTP conversation.
    pub concurrency: usize,
    /// How long a claimed mail stays with one worker before another may
    /// take it (the worker may have died).
    pub lease_secs: i64,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        Self {
            from_address: "jobfair@localhost".into(),
            max_attempts: 8,
            per_minute: 600,
            batch: 50,
            concurrency: 16,
            lease_secs: 300,
        }
    }
}

/// Seconds to wait before attempt `attempts + 1`: 30 s, 1 min, 2 min, … at
/// most an hour.
pub fn backoff_secs(attempts: i64) -> i64 {
    let exponent = attempts.clamp(1, 8) - 1;
    (30_i64 << exponent).min(3600)
}

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("cannot build the message: {0}")]
    Build(String),
    #[error("smtp: {message}")]
    Smtp { permanent: bool, message: String },
}

/// SMTP through a lettre connection pool.
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: lettre::Address,
}

impl SmtpMailer {
    /// `smtp://host:25` (plain, for a local relay), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host:465` (TLS). `extra_root_pem` is
    /// a certificate authority to trust besides the public ones (a mail
    /// relay with a certificate from the organisation's own authority).
    pub fn from_url(
        url: &str,
        from_address: &str,
        extra_root_pem: Option<&[u8]>,
    ) -> anyhow::Result<SmtpMailer> {
        let connections = DeliverySettings::default().concurrency as u32;
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
            .timeout(Some(Duration::from_secs(30)))
            .pool_config(lettre::transport::smtp::PoolConfig::new().max_size(connections));
        if let Some(pem) = extra_root_pem
            && let Some(tls) = tls_with_root(url, pem)?
        {
            builder = builder.tls(tls);
        }
        Ok(SmtpMailer {
            transport: builder.build(),
            from: from_address.parse()?,
        })
    }

    /// A Message-ID that is the same on every attempt for the same purpose,
    /// so a receiver can recognise a repeat after a crash.
    fn message_id(&self, mail: &ClaimedMail) -> String {
        let digest = Sha256::digest(mail.idempotency_key.as_bytes());
        let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        format!("<{hex}@{}>", self.from.domain())
    }

    pub fn build(&self, mail: &ClaimedMail) -> Result<lettre::Message, SendError> {
        let build = |e: &dyn std::fmt::Display| SendError::Build(e.to_string());
        let sender_name = match mail.sender_name.as_deref() {
            Some(name) if !name.is_empty() => format!("{name} · Jobfair"),
            _ => "Jobfair".to_owned(),
        };
        let mut builder = lettre::Message::builder()
            .from(Mailbox::new(Some(sender_name), self.from.clone()))
            .to(mail.recipient.parse::<Mailbox>().map_err(|e| build(&e))?)
            .subject(mail.subject.clone())
            .message_id(Some(self.message_id(mail)));
        if let Some(link) = mail.list_unsubscribe.as_deref().filter(|l| !l.is_empty()) {
            // RFC 8058: mail clients offer a one-click unsubscribe.
            builder = builder
                .header(ListUnsubscribe(format!("<{link}>")))
                .header(ListUnsubscribePost);
        }
        if let Some(reply_to) = mail.reply_to.as_deref().filter(|r| !r.is_empty()) {
            builder = builder.reply_to(reply_to.parse::<Mailbox>().map_err(|e| build(&e))?);
        }
        let body =
            MultiPart::alternative_plain_html(mail.body_text.clone(), mail.body_html.clone());
        if mail.attachments.is_empty() {
            return builder.multipart(body).map_err(|e| build(&e));
        }
        // mixed[ related[ alternative[text, html], inline images ], downloads ]
        let mut related = MultiPart::related().multipart(body);
        let mut downloads = Vec::new();
        for attachment in &mail.attachments {
            let content_type =
                ContentType::parse(&attachment.content_type).map_err(|e| build(&e))?;
            if attachment.content_id.is_empty() {
                downloads.push(
                    LettreAttachment::new(attachment.filename.clone())
                        .body(attachment.data.clone(), content_type),
                );
            } else {
                related = related.singlepart(
                    LettreAttachment::new_inline_with_name(
                        attachment.content_id.clone(),
                        attachment.filename.clone(),
                    )
                    .body(attachment.data.clone(), content_type),
                );
            }
        }
        let mut mixed = MultiPart::mixed().multipart(related);
        for download in downloads {
            mixed = mixed.singlepart(download);
        }
        builder.multipart(mixed).map_err(|e| build(&e))
    }

    pub async fn send(&self, mail: &ClaimedMail) -> Result<(), SendError> {
        let message = self.build(mail)?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| SendError::Smtp {
                permanent: e.is_permanent(),
                message: e.to_string(),
            })
    }
}

/// The `List-Unsubscribe` header.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl lettre::message::header::Header for ListUnsubscribe {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Clone)]
struct ListUnsubscribePost;

impl lettre::message::header::Header for ListUnsubscribePost {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(
            Self::name(),
            "List-Unsubscribe=One-Click".to_owned(),
        )
    }
}

/// Spaces sends evenly to stay under a per-minute limit; shared by the
/// mails in flight.
pub struct Pace {
    interval: Duration,
    next: std::sync::Mutex<tokio::time::Instant>,
}

impl Pace {
    pub fn per_minute(limit: u32) -> Pace {
        Pace {
            interval: Duration::from_secs(60) / limit.max(1),
            next: std::sync::Mutex::new(tokio::time::Instant::now()),
        }
    }

    /// Waits for the next free sending slot.
    pub async fn wait(&self) {
        let slot = match self.next.lock() {
            Ok(mut next) => {
                let slot = (*next).max(tokio::time::Instant::now());
                *next = slot + self.interval;
                slot
            }
            Err(_) => tokio::time::Instant::now(),
        };
        tokio::time::sleep_until(slot).await;
    }
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PassReport {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

impl PassReport {
    pub fn claimed(&self) -> usize {
        self.sent + self.retried + self.failed
    }
}

enum Outcome {
    Sent,
    Retried,
    Failed,
}

/// Sends one claimed mail and records the outcome right away.
async fn deliver_one(
    db: &Db,
    clock: &dyn Clock,
    mailer: &SmtpMailer,
    settings: &DeliverySettings,
    pace: &Pace,
    mail: ClaimedMail,
) -> sqlx::Result<Outcome> {
    pace.wait().await;
    match mailer.send(&mail).await {
        Ok(()) => {
            outbox::mark_sent(db.pool(), mail.id, clock.now()).await?;
            Ok(Outcome::Sent)
        }
        Err(error) => {
            let permanent = matches!(
                error,
                SendError::Build(_)
                    | SendError::Smtp {
                        permanent: true,
                        ..
                    }
            );
            let retry_at = (!permanent && mail.attempts < settings.max_attempts)
                .then(|| clock.now() + backoff_secs(mail.attempts));
            tracing::warn!(mail_id = mail.id, attempts = mail.attempts, retry = retry_at.is_some(), error = %crate::secrets::mask_addresses(&error.to_string()), "mail not sent");
            outbox::mark_attempt_failed(db.pool(), mail.id, &error.to_string(), retry_at).await?;
            Ok(if retry_at.is_some() {
                Outcome::Retried
            } else {
                Outcome::Failed
            })
        }
    }
}

/// Claims due mails and sends them, a few at a time, each outcome recorded
/// as soon as it is known.
pub async fn deliver_due(
    db: &Db,
    clock: &dyn Clock,
    mailer: &SmtpMailer,
    settings: &DeliverySettings,
    pace: &Pace,
) -> sqlx::Result<PassReport> {
    use futures::StreamExt as _;
    let now = clock.now();
    let mails = outbox::claim_due(db, now, now + settings.lease_secs, settings.batch).await?;
    let mut outcomes = futures::stream::iter(mails)
        .map(|mail| deliver_one(db, clock, mailer, settings, pace, mail))
        .buffer_unordered(settings.concurrency.max(1));
    let mut report = PassReport::default();
    while let Some(outcome) = outcomes.next().await {
        match outcome? {
            Outcome::Sent => report.sent += 1,
            Outcome::Retried => report.retried += 1,
            Outcome::Failed => report.failed += 1,
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_pace_spreads_sends_over_the_minute() {
        let pace = Pace::per_minute(600); // one every 100 ms
        let started = std::time::Instant::now();
        for _ in 0..4 {
            pace.wait().await;
        }
        let elapsed = started.elapsed();
        assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
        assert!(elapsed < Duration::from_millis(1000), "{elapsed:?}");
    }

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff_secs(1), 30);
        assert_eq!(backoff_secs(2), 60);
        assert_eq!(backoff_secs(5), 480);
        assert_eq!(backoff_secs(20), 3600);
    }
}

/// The TLS mode the URL asks for, trusting `pem` (one or more certificates)
/// as well; `None` for a plain `smtp://` URL without `tls=`, which stays
/// plain as without the extra authority.
fn tls_with_root(
    url: &str,
    pem: &[u8],
) -> anyhow::Result<Option<lettre::transport::smtp::client::Tls>> {
    use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
    if !url.starts_with("smtps://") && !url.contains("tls=") {
        return Ok(None);
    }
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = host_port
        .strip_prefix('[')
        .and_then(|h| h.split_once(']').map(|(h, _)| h))
        .unwrap_or_else(|| host_port.split(':').next().unwrap_or_default());
    let parameters = TlsParameters::builder(host.to_owned())
        .add_root_certificate(Certificate::from_pem(pem)?)
        .build_rustls()?;
    Ok(if url.starts_with("smtps://") {
        Some(Tls::Wrapper(parameters))
    } else if url.contains("tls=required") {
        Some(Tls::Required(parameters))
    } else if url.contains("tls=opportunistic") {
        Some(Tls::Opportunistic(parameters))
    } else {
        None
    })
}
