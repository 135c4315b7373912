//! Mail: the outbox that mails are written to in the same transaction as the
//! change that causes them, the templates (per message and language), and
//! delivery over SMTP by a background worker.
pub mod delivery;
pub mod layout;
pub mod outbox;
pub mod templates;
#[cfg(feature = "test-util")]
pub mod testing;

pub use templates::Message;
