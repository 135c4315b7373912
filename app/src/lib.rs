//! Jobfair's application crate: the domain modules, their server functions and
//! pages, shared by the server (`ssr`) and the browser bundle (`hydrate`).
#![recursion_limit = "256"]

/// The translations, generated from `locales/` at build time by leptos_i18n
/// (its code `expect`s on constant locale names, hence the allowance).
#[allow(clippy::expect_used)]
mod generated_i18n {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}
pub use generated_i18n::i18n;

pub mod admin;
pub mod auth;
pub mod bookings;
pub mod checkin;
pub mod employers;
pub mod error;
pub mod fairs;
pub mod floorplan;
pub mod invitations;
pub mod language;
pub mod mail_viewer;
pub mod organisations;
pub mod parts;
pub mod places;
pub mod prefs;
pub mod registration;
pub mod scanner;
pub mod shell;
pub mod tickets;
pub mod units;
pub mod validation;

#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod events;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod secrets;
#[cfg(feature = "ssr")]
pub mod service_error;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod tokens;

pub use shell::App;
#[cfg(feature = "ssr")]
pub use shell::shell;
