//! Jobseekers register for a fair (or its waitlist) without an account and
//! carry a signed QR ticket, reached by a personal link: change the slot,
//! cancel, get it again, bookmark exhibitors for the day.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod ics;
#[cfg(feature = "ssr")]
pub mod mails;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
