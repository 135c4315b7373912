//! Accounts: sign-up, sign-in and sign-out, sessions, password reset, and
//! throttling of sign-in attempts, proven addresses. Jobseekers never need an account.
pub mod api;
#[cfg(feature = "ssr")]
pub mod deletion;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub mod verification;

pub use model::*;
