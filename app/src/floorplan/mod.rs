//! Halls and the booth floor plan: drawn by organisers, shown on the public
//! fair page, booked by employers.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use model::*;
