//! Service tests for fair planning: status steps, time slots and their
//! capacities, halls and booths, who may change a fair, co-organisers, the
//! public page, the dashboard and the CSV exports. Every test runs on a
//! fresh SQLite database and on a fresh PostgreSQL database.
#[path = "../support/mod.rs"]
mod support;

mod common;
mod drafts;
mod floorplan;
mod public;
mod rights;
