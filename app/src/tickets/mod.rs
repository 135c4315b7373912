//! Tickets: the fair's signing keys (rotated, published to scanners),
//! issuing a signed ticket with its short code, revoking it, and its QR
//! code. Registration issues them for jobseekers and the door for
//! walk-ins; the scanners verify them with the `ticket` crate.
#[cfg(feature = "ssr")]
pub mod issue;
#[cfg(feature = "ssr")]
pub mod keys;
#[cfg(feature = "ssr")]
pub mod qr;
#[cfg(feature = "ssr")]
pub mod store;
