//! The mail viewer: with no SMTP server configured, mail stays in the
//! outbox and the people it concerns read it here, like a local mail
//! catcher. Organisers see the mails of their organisations; everyone sees
//! mails addressed to themselves.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;

pub use model::*;
