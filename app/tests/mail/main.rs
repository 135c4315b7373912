//! Mail delivery through a real SMTP server on loopback: each queued mail is
//! sent once with its headers and both parts, failures are retried with
//! backoff or given up with the error kept, a worker that dies loses nothing,
//! and concurrent workers never send a mail twice. On SQLite and PostgreSQL.
mod common;
mod delivery;
mod viewer;
