//! What the trust tests share (the helpers themselves are in `support`).
#![allow(unused_imports)] // each subject uses some of these
pub use crate::support::*;
pub use app::{
    admin::{Approval, service as admin_service},
    auth::{OrganisationFate, deletion, service as auth, verification},
    db::testing::{TestDb, kassel_fair_form},
    error::{FORM, Problem},
    fairs::{SlotForm, service as fairs},
    i18n::Locale,
    invitations::{InviteKind, InviteRow, service as invitations},
    mail::outbox,
    organisations::{Role, service as orgs, store as org_store},
    service_error::ServiceError,
    state::{AppConfig, AppState},
    throttle::{Limit, RateLimitConfig},
};
pub use std::sync::Arc;

pub fn strict_world(db: TestDb, limits: RateLimitConfig) -> World {
    let clock = app::clock::ManualClock::at(START);
    let config = AppConfig {
        admin_emails: vec![ADMIN.to_owned()],
        rate_limits: limits,
        ..AppConfig::default()
    };
    World {
        state: AppState::new(db.db.clone(), Arc::new(clock.clone()), config),
        _db: db,
        clock,
    }
}

pub fn slot_form() -> SlotForm {
    SlotForm {
        starts: "2027-03-10T09:00".into(),
        ends: "2027-03-10T12:00".into(),
        capacity: "100".into(),
        entry_mode: "open".into(),
    }
}

pub fn jobseeker(email: &str) -> InviteRow {
    InviteRow {
        name: "Olena Kovalenko".into(),
        email: email.into(),
        ..Default::default()
    }
}
