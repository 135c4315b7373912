//! Fairs: planning by organisers (details, status, co-organisers, time
//! slots), the public fair page, the dashboard and its CSV exports.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod texts;
#[cfg(feature = "ssr")]
pub mod time;
#[cfg(feature = "ssr")]
pub mod views;

pub use model::*;
