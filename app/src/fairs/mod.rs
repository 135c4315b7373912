//! Fairs: what the public sees of them. Planning arrives with the organiser
//! issue; for now the published fairs are listed.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod time;

pub use model::*;
