//! Organisations (organisers and employers), their members and roles
//! (owners change and remove, anyone leaves, never the last owner), and
//! invitations of colleagues by emailed link.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod members;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use model::*;
