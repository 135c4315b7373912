//! HTTP tests of trust: proven addresses, who reads which mail, truthful
//! status codes, what public pages publish, secrets kept out of logs. Each
//! runs on SQLite and PostgreSQL where the database matters.
#[path = "../support/mod.rs"]
mod support;

mod addresses;
mod edges;
mod refusals;
