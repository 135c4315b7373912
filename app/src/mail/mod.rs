//! Mail: the outbox that mails are written to in the same transaction as the
//! change that causes them, and the templates (per message and language).
//! Delivery over SMTP is the mail worker's job.
pub mod outbox;
pub mod templates;

pub use templates::Message;
