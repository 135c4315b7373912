//! Employers book booths on a fair's floor plan: a request holds the booth
//! until the organiser approves or rejects it (or the hold runs out), or is
//! confirmed at once where the fair says so. One active booking per booth is
//! enforced by the database (a unique index), never by reading first.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
