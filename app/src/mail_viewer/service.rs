//! Reading mails in the viewer, by the rules in [`super::rules`].
use super::{
    model::{MailDetail, MailSummary},
    rules::{self, Access},
};
use crate::{
    auth::CurrentUser,
    fairs::time,
    service_error::{ServiceError, ServiceResult},
    state::AppState,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use sqlx::FromRow;

#[derive(FromRow)]
struct MailRow {
    id: i64,
    organisation_id: Option<i64>,
    recipient: String,
    subject: String,
    status: String,
    created_at: i64,
    sender_name: Option<String>,
    reply_to: Option<String>,
    body_text: String,
    body_html: String,
    last_error: Option<String>,
}

/// Mails to the person's own address, and mails of organisations the person
/// plans for (owner or organiser); [`rules::access`] has the last word.
const VISIBLE: &str = "(m.recipient = $1 OR m.organisation_id IN \
     (SELECT organisation_id FROM memberships WHERE user_id = $2 AND role IN ('owner', 'organiser')))";

/// The organisations whose outgoing mail the person may read as a log.
async fn planned_organisations(state: &AppState, user: &CurrentUser) -> ServiceResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT organisation_id FROM memberships WHERE user_id = $1 AND role IN ('owner', 'organiser')",
    )
    .bind(user.id)
    .fetch_all(state.db.pool())
    .await?)
}

fn access_to(user: &CurrentUser, planned: &[i64], row: &MailRow) -> Option<Access> {
    let plans_for_sender = row
        .organisation_id
        .is_some_and(|org| planned.contains(&org));
    rules::access(
        &user.email,
        user.email_verified,
        &row.recipient,
        plans_for_sender,
    )
}

fn summary(row: &MailRow) -> MailSummary {
    MailSummary {
        id: row.id,
        recipient: row.recipient.clone(),
        subject: row.subject.clone(),
        status: row.status.clone(),
        created: crate::language::dates::moment(
            crate::i18n::Locale::default(),
            row.created_at,
            time::DEFAULT_ZONE,
        ),
    }
}

/// The newest 200 visible mails.
pub async fn list(state: &AppState, user: &CurrentUser) -> ServiceResult<Vec<MailSummary>> {
    let rows: Vec<MailRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT m.id, m.organisation_id, m.recipient, m.subject, m.status, m.created_at, m.sender_name, \
         m.reply_to, '' AS body_text, '' AS body_html, m.last_error FROM mail_outbox m WHERE {VISIBLE} \
         ORDER BY m.id DESC LIMIT 200"
    )))
    .bind(&user.email)
    .bind(user.id)
    .fetch_all(state.db.pool())
    .await?;
    let planned = planned_organisations(state, user).await?;
    Ok(rows
        .iter()
        .filter(|row| access_to(user, &planned, row).is_some())
        .map(summary)
        .collect())
}

/// One visible mail; `NotFound` for mails the person may not read.
pub async fn show(state: &AppState, user: &CurrentUser, id: i64) -> ServiceResult<MailDetail> {
    let row: MailRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT m.id, m.organisation_id, m.recipient, m.subject, m.status, m.created_at, m.sender_name, \
         m.reply_to, m.body_text, m.body_html, m.last_error FROM mail_outbox m WHERE {VISIBLE} AND m.id = $3"
    )))
    .bind(&user.email)
    .bind(user.id)
    .bind(id)
    .fetch_optional(state.db.pool())
    .await?
    .ok_or(ServiceError::NotFound)?;
    let planned = planned_organisations(state, user).await?;
    match access_to(user, &planned, &row).ok_or(ServiceError::NotFound)? {
        Access::Own => {}
        Access::OrganisationLog => return Ok(masked(row)),
    }
    let attachments = crate::mail::outbox::attachments(state.db.pool(), row.id).await?;
    // Inline images are shown in place, as a mail client would.
    let mut body_html = row.body_html.clone();
    for inline in attachments.iter().filter(|a| !a.content_id.is_empty()) {
        let data = format!(
            "data:{};base64,{}",
            inline.content_type,
            STANDARD.encode(&inline.data)
        );
        body_html = body_html.replace(&format!("cid:{}", inline.content_id), &data);
    }
    Ok(MailDetail {
        summary: summary(&row),
        sender_name: row.sender_name,
        reply_to: row.reply_to,
        body_text: row.body_text,
        body_html,
        last_error: row.last_error,
        attachments: attachments
            .iter()
            .map(|a| format!("{} ({} KB)", a.filename, a.data.len().div_ceil(1024)))
            .collect(),
    })
}

/// Another person's mail as an organisation's log: secrets masked, no inline
/// images (the QR code) and no attachments (the calendar file holds the
/// ticket link); the HTML's `cid:` images are left unresolved.
fn masked(row: MailRow) -> MailDetail {
    MailDetail {
        summary: summary(&row),
        sender_name: row.sender_name,
        reply_to: row.reply_to,
        body_text: rules::mask_secrets(&row.body_text),
        body_html: rules::mask_secrets(&row.body_html),
        last_error: row.last_error,
        attachments: Vec::new(),
    }
}
