//! Service tests for accounts, sessions, throttling, password reset,
//! organisations, roles and invitations. Every test runs twice: on a fresh
//! SQLite database and on a fresh PostgreSQL database.
#[path = "../support/mod.rs"]
mod support;

mod common;
mod members;
mod sessions;
mod sign_up;
