//! Invitations: a case worker's list is checked row by row before anything
//! is written, the good rows are invited once each with a personal link and
//! an unsubscribe link, states follow the mail, unsubscribing is honoured,
//! and only the fair's planners may do any of it. On SQLite and PostgreSQL.
#[path = "../support/mod.rs"]
mod support;

mod common;
mod consent;
mod lists;
