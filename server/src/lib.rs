//! The Jobfair web server: configuration, start-up and HTTP plumbing around
//! the application crate.
pub mod assets;
mod checkin_api;
mod error_answers;
mod exports;
mod housekeeping;
mod http_extras;
mod kept_forms;
mod logos;
mod mail_html;
pub mod mail_worker;
mod origin_check;
mod page_cache;
pub mod settings;
pub mod startup;
mod status_codes;
pub mod telemetry;
mod tickets;
mod unsubscribe;

pub use startup::Application;
