//! Personal invitations to a fair: organisers invite jobseekers one by one
//! or from a case worker's CSV list (checked row by row before anything is
//! sent), each with a single-use link, and follow each invitation's state.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod csv_import;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use model::*;
