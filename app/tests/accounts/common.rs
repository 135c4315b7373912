//! What the account tests share (the helpers themselves are in `support`).
#![allow(unused_imports)] // each subject uses some of these
pub use crate::support::*;
pub use app::{
    auth::{service as auth, verification},
    db::testing::TestDb,
    error::{FORM, Problem},
    i18n::Locale,
    mail::outbox,
    organisations::{OrgKind, Role, service as orgs},
    service_error::ServiceError,
    state::AppConfig,
};

pub async fn is_verified(w: &World, token: &str) -> bool {
    auth::user_for_session(&w.state, token)
        .await
        .ok()
        .flatten()
        .is_some_and(|u| u.email_verified)
}
