//! HTTP tests against a spawned server on a fresh database, one module per
//! subject: pages, language, security headers and health; accounts; fairs
//! and exports; invitations; registration and the ticket mail; bookings;
//! logos; the door; the mail viewer. One test binary, so the server is
//! linked once.
#[path = "../support/mod.rs"]
mod support;

mod accounts;
mod bookings;
mod door;
mod fairs;
mod invitations;
mod logos;
mod mail_viewer;
mod pages;
mod registration;
mod ticket_mail;
