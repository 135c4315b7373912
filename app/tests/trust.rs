//! Service tests for what keeps strangers out: sign-up that does not tell
//! who has an account, rate limits before any hash, approval of new
//! organisers, and deleting one's own account. Every test runs on a fresh
//! SQLite database and on a fresh PostgreSQL database.
use app::{
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
use std::sync::Arc;

mod support;
use support::*;

app::on_both_databases!(
    sign_up_answers_alike_for_new_and_taken_addresses,
    sign_up_and_resets_are_limited_before_any_hash,
    whoever_claims_an_address_first_holds_nothing,
    a_new_organiser_plans_drafts_until_an_administrator_approves,
    only_administrators_decide_and_only_once,
    deleting_an_account_says_what_happens_and_does_it,
    an_account_still_needed_is_not_deleted,
);

fn strict_world(db: TestDb, limits: RateLimitConfig) -> World {
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

async fn sign_up_answers_alike_for_new_and_taken_addresses(db: TestDb) {
    let w = world(db);
    sign_up_owner(&w, "anna@example.org").await;
    let sessions = count(&w.state, "sessions").await;
    let taken = auth::sign_up(
        &w.state,
        form("anna@example.org", "organiser"),
        Locale::de,
        CLIENT,
    )
    .await;
    let new = auth::sign_up(
        &w.state,
        form("bert@example.org", "organiser"),
        Locale::de,
        CLIENT,
    )
    .await;
    assert!(taken.is_ok() && new.is_ok(), "{taken:?} {new:?}");
    assert_eq!(
        count(&w.state, "sessions").await,
        sessions,
        "no session starts before the address is proven"
    );
    // Each owner of an address learns what happened by mail, nobody else.
    let to_anna = outbox::list_for_recipient(w.state.db.pool(), "anna@example.org")
        .await
        .unwrap_or_default();
    assert!(to_anna.iter().any(|m| m.subject.contains("Jemand wollte")));
    let to_bert = outbox::list_for_recipient(w.state.db.pool(), "bert@example.org")
        .await
        .unwrap_or_default();
    assert_eq!(to_bert.len(), 1);
    assert!(to_bert[0].body_text.contains("/account/verify/"));
    // The administrators hear of a new organiser once its owner proved the
    // address (a mere claim asks nobody for anything).
    let to_admin = outbox::list_for_recipient(w.state.db.pool(), ADMIN)
        .await
        .unwrap_or_default();
    assert_eq!(to_admin.len(), 1, "anna's organisation, not bert's");
    assert!(to_admin[0].body_text.contains("anna@example.org"));
    assert!(to_admin[0].body_text.contains("/admin/approvals"));
    assert!(
        admin_service::pending(&w.state, &admin())
            .await
            .unwrap_or_default()
            .is_empty(),
        "anna's is decided; bert's owner has proven nothing yet"
    );
}

async fn sign_up_and_resets_are_limited_before_any_hash(db: TestDb) {
    let w = strict_world(
        db,
        RateLimitConfig {
            sign_ups_per_client: Limit::per_hour(3),
            sign_ups_per_address: Limit::per_hour(2),
            resets_per_client: Limit::per_hour(3),
            resets_per_address: Limit::per_hour(1),
            ..RateLimitConfig::default()
        },
    );
    let limited =
        |r: &Result<(), ServiceError>| matches!(r, Err(ServiceError::TooManyAttempts { .. }));
    let mails_to = |email: &'static str| {
        let pool = w.state.db.pool().clone();
        async move {
            outbox::list_for_recipient(&pool, email)
                .await
                .unwrap_or_default()
                .len()
        }
    };
    // Per address: the third sign-up naming one address sends no more mail
    // (and is answered the same: a refusal would tell and would block).
    for client in ["192.0.2.1", "192.0.2.2", "192.0.2.3"] {
        let r = auth::sign_up(
            &w.state,
            form("carla@example.org", "employer"),
            Locale::de,
            client,
        )
        .await;
        assert!(r.is_ok(), "{r:?}");
    }
    assert_eq!(mails_to("carla@example.org").await, 2);
    // Per client: the fourth from one client is refused, whatever the address.
    for n in 0..3 {
        let r = auth::sign_up(
            &w.state,
            form(&format!("p{n}@example.org"), "employer"),
            Locale::de,
            CLIENT,
        )
        .await;
        assert!(r.is_ok(), "{r:?}");
    }
    let users = count(&w.state, "users").await;
    let fourth = auth::sign_up(
        &w.state,
        form("p9@example.org", "employer"),
        Locale::de,
        CLIENT,
    )
    .await;
    assert!(limited(&fourth), "{fourth:?}");
    assert_eq!(count(&w.state, "users").await, users, "nothing written");
    // Invalid input is answered before it counts.
    let bad = auth::sign_up(&w.state, form("kaputt", "employer"), Locale::de, CLIENT).await;
    assert_eq!(problem(bad, "email"), Some(Problem::InvalidEmail));

    // Resets: one mail per address an hour; the answer never changes.
    auth::sign_up(
        &w.state,
        form("dora@example.org", "employer"),
        Locale::de,
        "192.0.2.50",
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let before = mails_to("dora@example.org").await;
    for client in ["192.0.2.9", "192.0.2.10"] {
        let r = auth::request_password_reset(&w.state, "dora@example.org", client).await;
        assert!(r.is_ok(), "{r:?}");
    }
    assert_eq!(mails_to("dora@example.org").await, before + 1);
    for n in 0..3 {
        let r = auth::request_password_reset(&w.state, &format!("q{n}@example.org"), CLIENT).await;
        assert!(r.is_ok(), "{r:?}");
    }
    let flood = auth::request_password_reset(&w.state, "q9@example.org", CLIENT).await;
    assert!(limited(&flood), "{flood:?}");
    // A made-up reset link is refused before the new password is hashed.
    let forged = auth::reset_password(&w.state, "ausgedacht", "ein-neues-passwort").await;
    assert_eq!(problem(forged, FORM), Some(Problem::LinkInvalid));
}

async fn whoever_claims_an_address_first_holds_nothing(db: TestDb) {
    let w = world(db);
    // A stranger signs up with the job centre's address, for an
    // "organisation" of their own naming.
    let mut claim = form("leitung@jobcenter.example", "organiser");
    claim.organisation = "Jobcenter Fälschung".into();
    claim.name = "Mallory".into();
    auth::sign_up(&w.state, claim, Locale::de, "203.0.113.66")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let stale = link_token(&w.state, "leitung@jobcenter.example", "/account/verify/").await;
    // Then the owner of the address signs up; their sign-up replaces the
    // unproven one, whose link dies with it.
    let session = sign_up(&w, form("leitung@jobcenter.example", "organiser"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(session.user.display_name, "Sabine Keller");
    let theirs = orgs::my_organisations(&w.state, &session.user)
        .await
        .unwrap_or_default();
    let names: Vec<&str> = theirs
        .iter()
        .map(|o| o.membership.organisation_name.as_str())
        .collect();
    assert_eq!(names, ["Jobcenter Frankfurt"]);
    let orgs_left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE name = 'Jobcenter Fälschung'")
            .fetch_one(w.state.db.pool())
            .await
            .unwrap_or(-1);
    assert_eq!(
        orgs_left, 0,
        "the stranger's organisation went with the claim"
    );
    let late = verification::verify(&w.state, &stale, "mallorys-passwort").await;
    assert_eq!(problem(late, FORM), Some(Problem::LinkInvalid));
    assert!(
        auth::sign_in(
            &w.state,
            "leitung@jobcenter.example",
            "mallorys-passwort",
            CLIENT
        )
        .await
        .is_err()
    );
}

fn slot_form() -> SlotForm {
    SlotForm {
        starts: "2027-03-10T09:00".into(),
        ends: "2027-03-10T12:00".into(),
        capacity: "100".into(),
        entry_mode: "open".into(),
    }
}

fn jobseeker(email: &str) -> InviteRow {
    InviteRow {
        name: "Olena Kovalenko".into(),
        email: email.into(),
        ..Default::default()
    }
}

async fn a_new_organiser_plans_drafts_until_an_administrator_approves(db: TestDb) {
    let w = world(db);
    let session = sign_up(&w, form("neu@jobcenter.example", "organiser"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let me = session.user;
    let org = orgs::my_organisations(&w.state, &me)
        .await
        .unwrap_or_default()
        .first()
        .map(|o| o.membership.organisation_id)
        .unwrap_or_default();
    assert_eq!(
        admin_service::approval(&w.state, org).await.ok(),
        Some(Approval::Pending)
    );

    // Drafts: yes.
    let fair = fairs::create_fair(&w.state, &me, org, &kassel_fair_form())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    fairs::add_slot(&w.state, &me, fair, &slot_form())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Publishing, inviting jobseekers, inviting colleagues: not yet.
    let publish = fairs::change_status(&w.state, &me, fair, "published").await;
    assert_eq!(problem(publish, FORM), Some(Problem::AwaitingApproval));
    let invite = invitations::invite(
        &w.state,
        &me,
        fair,
        vec![jobseeker("olena@example.org")],
        InviteKind::Jobseeker,
    )
    .await;
    assert_eq!(problem(invite, FORM), Some(Problem::AwaitingApproval));
    let colleague = orgs::invite_member(
        &w.state,
        &me,
        org,
        "kollege@example.org",
        "organiser",
        Locale::de,
    )
    .await;
    assert_eq!(problem(colleague, FORM), Some(Problem::AwaitingApproval));
    assert!(
        outbox::list_for_recipient(w.state.db.pool(), "olena@example.org")
            .await
            .unwrap_or_default()
            .is_empty(),
        "no mail went out in the organisation's name"
    );

    // The administrator approves; the owner hears of it; now it may.
    let name = admin_service::decide(&w.state, &admin(), org, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(name, "Jobcenter Frankfurt");
    let told = outbox::list_for_recipient(w.state.db.pool(), "neu@jobcenter.example")
        .await
        .unwrap_or_default();
    assert!(
        told.iter()
            .any(|m| m.subject == "Jobcenter Frankfurt ist freigegeben")
    );
    assert!(
        fairs::change_status(&w.state, &me, fair, "published")
            .await
            .is_ok()
    );
    let invited = invitations::invite(
        &w.state,
        &me,
        fair,
        vec![jobseeker("olena@example.org")],
        InviteKind::Jobseeker,
    )
    .await;
    assert_eq!(invited.ok(), Some(1));

    // Employers need no approval (organisers approve their bookings).
    let employer = sign_up(&w, form("hr@firma.example", "employer"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let theirs = orgs::my_organisations(&w.state, &employer.user)
        .await
        .unwrap_or_default();
    assert_eq!(theirs.first().map(|o| o.approval), Some(Approval::Approved));
}

async fn only_administrators_decide_and_only_once(db: TestDb) {
    let w = world(db);
    let stranger = sign_up(&w, form("fremd@example.org", "organiser"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let org = orgs::my_organisations(&w.state, &stranger.user)
        .await
        .unwrap_or_default()
        .first()
        .map(|o| o.membership.organisation_id)
        .unwrap_or_default();
    // Not the owner itself, not anyone unverified with the admin's address.
    assert!(matches!(
        admin_service::decide(&w.state, &stranger.user, org, true).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        admin_service::pending(&w.state, &stranger.user).await,
        Err(ServiceError::Forbidden)
    ));
    let unproven = app::auth::CurrentUser {
        email_verified: false,
        ..admin()
    };
    assert!(matches!(
        admin_service::decide(&w.state, &unproven, org, true).await,
        Err(ServiceError::Forbidden)
    ));
    let pending = admin_service::pending(&w.state, &admin())
        .await
        .unwrap_or_default();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        pending[0].owners,
        vec![("Sabine Keller".to_owned(), "fremd@example.org".to_owned())]
    );

    assert!(
        admin_service::decide(&w.state, &admin(), org, false)
            .await
            .is_ok()
    );
    assert_eq!(
        admin_service::approval(&w.state, org).await.ok(),
        Some(Approval::Declined)
    );
    let twice = admin_service::decide(&w.state, &admin(), org, true).await;
    assert_eq!(problem(twice, FORM), Some(Problem::TransitionNotAllowed));
    assert!(matches!(
        admin_service::decide(&w.state, &admin(), 999_999, true).await,
        Err(ServiceError::NotFound)
    ));
    assert!(
        admin_service::pending(&w.state, &admin())
            .await
            .unwrap_or_default()
            .is_empty()
    );
}

async fn deleting_an_account_says_what_happens_and_does_it(db: TestDb) {
    let w = world(db);
    let (owner, shared) = sign_up_owner(&w, "chefin@example.org").await;
    let leaving = sign_up(&w, form("geht@example.org", "organiser"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let own = orgs::my_organisations(&w.state, &leaving.user)
        .await
        .unwrap_or_default()
        .first()
        .map(|o| o.membership.organisation_id)
        .unwrap_or_default();
    let draft = fairs::create_fair(&w.state, &leaving.user, own, &kassel_fair_form())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    org_store::insert_membership(&mut tx, shared, leaving.user.id, Role::Organiser, START)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));

    let plan = deletion::plan(&w.state, &leaving.user)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(plan.possible());
    let fates: Vec<OrganisationFate> = plan.organisations.iter().map(|(_, f)| *f).collect();
    assert_eq!(fates.len(), 2);
    assert!(
        fates.contains(&OrganisationFate::Left),
        "the shared organisation stays"
    );
    assert!(
        fates.contains(&OrganisationFate::Deleted),
        "their own goes with them"
    );

    let wrong = deletion::delete_account(&w.state, &leaving.user, "falsch-falsch", CLIENT).await;
    assert_eq!(problem(wrong, "password"), Some(Problem::WrongCredentials));
    deletion::delete_account(&w.state, &leaving.user, "sicheres-passwort", CLIENT)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let gone: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'geht@example.org'")
            .fetch_one(w.state.db.pool())
            .await
            .unwrap_or(-1);
    assert_eq!(gone, 0);
    assert!(
        auth::user_for_session(&w.state, &leaving.token)
            .await
            .ok()
            .flatten()
            .is_none(),
        "the session ended"
    );
    let fair_left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM fairs WHERE id = $1")
        .bind(draft)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or(-1);
    assert_eq!(fair_left, 0, "the draft went with the organisation");
    assert!(matches!(
        admin_service::approval(&w.state, own).await,
        Err(ServiceError::NotFound)
    ));
    let account_mails = outbox::list_for_recipient(w.state.db.pool(), "geht@example.org")
        .await
        .unwrap_or_default();
    assert!(
        account_mails.is_empty(),
        "their account mails are gone: {account_mails:?}"
    );
    let members = orgs::my_organisations(&w.state, &owner)
        .await
        .unwrap_or_default();
    assert_eq!(
        members[0].members.len(),
        1,
        "the shared organisation stays, without them"
    );
}

async fn an_account_still_needed_is_not_deleted(db: TestDb) {
    let w = world(db);
    let (owner, org) = sign_up_owner(&w, "chefin@example.org").await;
    let colleague = sign_up(&w, form("kollege@example.org", "employer"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    org_store::insert_membership(&mut tx, org, colleague.user.id, Role::DoorStaff, START)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let plan = deletion::plan(&w.state, &owner)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        plan.organisations,
        vec![(
            "Jobcenter Frankfurt".to_owned(),
            OrganisationFate::BlockedLastOwner
        )]
    );
    let refused = deletion::delete_account(&w.state, &owner, "sicheres-passwort", CLIENT).await;
    assert_eq!(problem(refused, FORM), Some(Problem::AccountStillNeeded));
    assert_eq!(count(&w.state, "users").await, 2, "nothing deleted");

    // Alone with a published fair: hand it over first.
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    sqlx::query("DELETE FROM memberships WHERE user_id = $1")
        .bind(colleague.user.id)
        .execute(&mut *tx)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let fair = fairs::create_fair(&w.state, &owner, org, &kassel_fair_form())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    fairs::add_slot(&w.state, &owner, fair, &slot_form())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        fairs::change_status(&w.state, &owner, fair, "published")
            .await
            .is_ok()
    );
    let plan = deletion::plan(&w.state, &owner)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.organisations[0].1, OrganisationFate::BlockedFairs);
    let refused = deletion::delete_account(&w.state, &owner, "sicheres-passwort", CLIENT).await;
    assert_eq!(problem(refused, FORM), Some(Problem::AccountStillNeeded));
    w.clock.advance(1);
}
