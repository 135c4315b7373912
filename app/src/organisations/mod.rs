//! Organisations (organisers and employers), their members and roles, and
//! invitations of colleagues by emailed link.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use model::*;
