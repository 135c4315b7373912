//! Service tests for what keeps strangers out: sign-up that does not tell
//! who has an account, rate limits before any hash, approval of new
//! organisers, and deleting one's own account. Every test runs on a fresh
//! SQLite database and on a fresh PostgreSQL database.
#[path = "../support/mod.rs"]
mod support;

mod approval;
mod claims;
mod common;
mod deletion;
