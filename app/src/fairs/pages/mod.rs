//! Public fair pages.
mod home;

pub use home::HomePage;
