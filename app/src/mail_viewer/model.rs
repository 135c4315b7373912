//! What the mail viewer shows.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSummary {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    /// `queued`, `sending`, `sent` or `failed`.
    pub status: String,
    pub created: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailDetail {
    pub summary: MailSummary,
    pub sender_name: Option<String>,
    pub reply_to: Option<String>,
    pub body_text: String,
    pub body_html: String,
    pub last_error: Option<String>,
    /// "ticket.ics (1 KB)"
    pub attachments: Vec<String>,
}
