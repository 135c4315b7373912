//! Employers present themselves: a company profile (address, industry,
//! website, description, languages spoken at the booth, a company film) and
//! the jobs and apprenticeships they bring to each fair; the fair's public
//! exhibitor directory shows both.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
