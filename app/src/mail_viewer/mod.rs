//! The mail viewer: the outbox as the people it concerns may read it, with
//! each mail's state. With no SMTP server configured, mail stays here (a
//! local mail catcher for demos and first tries); with one, it is the log of
//! what was sent. Who reads what is decided in `rules`: everyone with a
//! proven address their own mail; owners and organisers their
//! organisations' outgoing mail, with other people's secrets masked.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;

pub use model::*;
