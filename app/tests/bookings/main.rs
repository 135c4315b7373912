//! Booth booking on SQLite and PostgreSQL: never two bookings of one booth,
//! also when employers race for it; holds that expire by the clock; approval
//! with gap-free confirmation numbers, rejection, automatic confirmation,
//! cancellation rules; and who may see or change which booking.
#[path = "../support/mod.rs"]
mod support;

mod access;
mod common;
mod decisions;
mod directory;
mod races;
