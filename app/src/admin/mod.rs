//! Installation administration: the people running a Jobfair installation
//! (addresses named in its configuration) approve new organiser
//! organisations before those can publish a fair or send invitations.
//! Otherwise anyone could sign up as a "job centre" and mail thousands of
//! addresses in its name.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use model::*;
