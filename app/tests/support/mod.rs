//! What the service tests share: a world with a manual clock,
//! sign-up as a person does it (form, then the mailed link), the
//! installation's administrator.
#![allow(dead_code)] // each test crate uses some of the helpers
pub mod setup;
use app::{
    auth::{SignUpForm, service as auth, verification},
    clock::ManualClock,
    db::testing::TestDb,
    error::Problem,
    i18n::Locale,
    mail::outbox,
    organisations::service as orgs,
    service_error::ServiceError,
    state::{AppConfig, AppState},
};
use std::sync::Arc;

pub const START: i64 = 1_800_000_000;
pub const CLIENT: &str = "198.51.100.7";
pub const ADMIN: &str = "betrieb@jobfair.example";

pub struct World {
    pub _db: TestDb,
    pub state: AppState,
    pub clock: ManualClock,
}

pub fn world(db: TestDb) -> World {
    let clock = ManualClock::at(START);
    let config = AppConfig {
        admin_emails: vec![ADMIN.to_owned()],
        ..AppConfig::default()
    };
    let state = AppState::new(db.db.clone(), Arc::new(clock.clone()), config);
    World {
        _db: db,
        state,
        clock,
    }
}

pub fn form(email: &str, kind: &str) -> SignUpForm {
    SignUpForm {
        name: "Sabine Keller".into(),
        email: email.into(),
        organisation: "Jobcenter Frankfurt".into(),
        kind: kind.into(),
    }
}

pub fn problem(result: Result<impl std::fmt::Debug, ServiceError>, field: &str) -> Option<Problem> {
    match result {
        Err(ServiceError::Invalid(errors)) => errors.get(field),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

pub async fn count(state: &AppState, table: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(state.db.pool())
        .await
        .unwrap_or(-1)
}

/// The token at the end of the first link with `path` in the newest mail
/// that has one.
pub async fn link_token(state: &AppState, recipient: &str, path: &str) -> String {
    let mails = outbox::list_for_recipient(state.db.pool(), recipient)
        .await
        .unwrap_or_default();
    let mail = mails
        .iter()
        .rev()
        .find(|m| m.body_text.contains(path))
        .unwrap_or_else(|| panic!("no mail with {path} for {recipient}"));
    let start = mail
        .body_text
        .find(path)
        .unwrap_or_else(|| panic!("no {path} link in {}", mail.body_text))
        + path.len();
    mail.body_text[start..]
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The password people choose in these tests.
pub const PASSWORD: &str = "sicheres-passwort";

/// Signs up as a person does: the form, then the link in the mail, where
/// they choose their password (which signs them in).
pub async fn sign_up(w: &World, form: SignUpForm) -> Result<auth::NewSession, ServiceError> {
    let email = form.email.trim().to_lowercase();
    auth::sign_up(&w.state, form, Locale::de, CLIENT).await?;
    let token = link_token(&w.state, &email, "/account/verify/").await;
    verification::verify(&w.state, &token, PASSWORD).await
}

/// Signs up without opening the link: the account as it is then.
pub async fn sign_up_unverified(w: &World, form: SignUpForm) -> app::auth::CurrentUser {
    let email = form.email.trim().to_lowercase();
    auth::sign_up(&w.state, form, Locale::de, CLIENT)
        .await
        .unwrap_or_else(|e| panic!("sign-up failed: {e}"));
    let (id, display_name): (i64, String) =
        sqlx::query_as("SELECT id, display_name FROM users WHERE email = $1")
            .bind(&email)
            .fetch_one(w.state.db.pool())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    app::auth::CurrentUser {
        id,
        email,
        display_name,
        email_verified: false,
    }
}

/// The installation's administrator (named in the configuration).
pub fn admin() -> app::auth::CurrentUser {
    app::auth::CurrentUser {
        id: 0,
        email: ADMIN.to_owned(),
        display_name: "Betrieb".to_owned(),
        email_verified: true,
    }
}

/// An organiser's owner, their organisation approved by the administrator.
pub async fn sign_up_owner(w: &World, email: &str) -> (app::auth::CurrentUser, i64) {
    let session = sign_up(w, form(email, "organiser")).await;
    let session = session.unwrap_or_else(|e| panic!("sign-up failed: {e}"));
    let orgs = orgs::my_organisations(&w.state, &session.user)
        .await
        .unwrap_or_default();
    let org_id = orgs
        .first()
        .map(|o| o.membership.organisation_id)
        .unwrap_or_default();
    app::admin::service::decide(&w.state, &admin(), org_id, true)
        .await
        .unwrap_or_else(|e| panic!("approval failed: {e}"));
    (session.user, org_id)
}
