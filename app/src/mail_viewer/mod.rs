//! The mail viewer: the outbox as the people it concerns may read it, with
//! each mail's state. With no SMTP server configured, mail stays here (a
//! local mail catcher for demos and first tries); with one, it is the log of
//! what was sent. Owners and organisers see the mails of their
//! organisations; everyone sees mails addressed to themselves.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;

pub use model::*;
