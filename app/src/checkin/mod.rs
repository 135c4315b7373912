//! Door check-in on phones, online and offline: scanners verify signed
//! tickets in the browser with the fair's public keys and keep a door pack
//! (tickets, revocations, admissions) on the device; the server keeps the
//! append-only log and answers duplicates. Walk-ins, the organiser's live
//! view and a JSON API for hardware scanners. Reading codes, finding their
//! tickets and queueing scans offline is the [`crate::scanner`]'s; the
//! door adds its rules and its check-in list.
pub mod api;
pub mod model;
pub mod pack;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
