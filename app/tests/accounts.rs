//! Service tests for accounts, sessions, throttling, password reset,
//! organisations, roles and invitations. Every test runs twice: on a fresh
//! SQLite database and on a fresh PostgreSQL database.
use app::{
    auth::{service as auth, verification},
    db::testing::TestDb,
    error::{FORM, Problem},
    i18n::Locale,
    mail::outbox,
    organisations::{OrgKind, Role, service as orgs},
    service_error::ServiceError,
    state::AppConfig,
};

mod support;
use support::*;

app::on_both_databases!(
    sign_up_makes_the_person_owner_of_a_new_organisation,
    a_taken_email_is_refused_and_nothing_is_half_written,
    sign_in_checks_the_password_and_sign_out_ends_the_session,
    repeated_failures_are_throttled_until_the_window_passes,
    sessions_expire,
    password_reset_works_once_and_ends_old_sessions,
    unknown_addresses_get_no_reset_mail,
    owners_invite_colleagues_who_join_with_a_new_account,
    only_owners_invite_and_only_roles_of_the_kind,
    an_invitation_is_for_its_address_and_used_once,
    employers_sign_up_as_a_company,
    a_new_address_is_proven_by_its_mailed_link_once,
    a_burst_of_wrong_passwords_reaches_the_hash_only_as_often_as_allowed,
    a_stranger_cannot_lock_someone_out,
    owners_manage_members_and_the_last_owner_stays,
    invitation_links_and_password_resets_prove_the_address,
);

async fn sign_up_makes_the_person_owner_of_a_new_organisation(db: TestDb) {
    let w = world(db);
    let session = sign_up(&w, form("  Sabine@Jobcenter.DE ", "organiser")).await;
    let session = session.unwrap_or_else(|e| panic!("sign-up failed: {e}"));
    assert_eq!(session.user.email, "sabine@jobcenter.de");
    let me = auth::user_for_session(&w.state, &session.token)
        .await
        .ok()
        .flatten();
    assert_eq!(me.map(|u| u.id), Some(session.user.id));
    let orgs = orgs::my_organisations(&w.state, &session.user)
        .await
        .unwrap_or_default();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].membership.organisation_name, "Jobcenter Frankfurt");
    assert_eq!(orgs[0].membership.kind, OrgKind::Organiser);
    assert_eq!(orgs[0].membership.role, Role::Owner);
    assert_eq!(orgs[0].members.len(), 1);
    assert_eq!(
        orgs[0].approval,
        app::admin::Approval::Pending,
        "a new organiser waits for the administrators"
    );
}

async fn a_taken_email_is_refused_and_nothing_is_half_written(db: TestDb) {
    let w = world(db);
    sign_up_owner(&w, "anna@example.org").await;
    // The answer is the same as for a new address ("see your inbox"); the
    // owner of the address hears of the attempt, nothing else is written.
    let again = auth::sign_up(
        &w.state,
        form("ANNA@example.org", "employer"),
        Locale::de,
        CLIENT,
    )
    .await;
    assert!(again.is_ok(), "{again:?}");
    assert_eq!(count(&w.state, "users").await, 1);
    assert_eq!(
        count(&w.state, "organisations").await,
        1,
        "the second organisation was rolled back"
    );
    assert_eq!(count(&w.state, "sessions").await, 1);
    let mails = outbox::list_for_recipient(w.state.db.pool(), "anna@example.org")
        .await
        .unwrap_or_default();
    let note = mails.last().map(|m| m.subject.clone()).unwrap_or_default();
    assert_eq!(
        note,
        "Jemand wollte mit Ihrer Adresse ein Jobfair-Konto anlegen"
    );
    // At most one such note an hour.
    assert!(
        auth::sign_up(
            &w.state,
            form("anna@example.org", "employer"),
            Locale::de,
            CLIENT
        )
        .await
        .is_ok()
    );
    let again = outbox::list_for_recipient(w.state.db.pool(), "anna@example.org")
        .await
        .unwrap_or_default();
    assert_eq!(again.len(), mails.len());

    let bad = sign_up(&w, form("kaputt", "organiser")).await;
    assert_eq!(problem(bad, "email"), Some(Problem::InvalidEmail));
}

async fn sign_in_checks_the_password_and_sign_out_ends_the_session(db: TestDb) {
    let w = world(db);
    sign_up_owner(&w, "anna@example.org").await;
    let wrong = auth::sign_in(
        &w.state,
        "anna@example.org",
        "falsches-passwort",
        "10.0.0.1",
    )
    .await;
    assert_eq!(problem(wrong, FORM), Some(Problem::WrongCredentials));
    let unknown = auth::sign_in(
        &w.state,
        "nobody@example.org",
        "sicheres-passwort",
        "10.0.0.1",
    )
    .await;
    assert_eq!(
        problem(unknown, FORM),
        Some(Problem::WrongCredentials),
        "same answer for unknown addresses"
    );

    let session = auth::sign_in(
        &w.state,
        "Anna@Example.org",
        "sicheres-passwort",
        "10.0.0.1",
    )
    .await;
    let session = session.unwrap_or_else(|e| panic!("sign-in failed: {e}"));
    assert!(
        auth::user_for_session(&w.state, &session.token)
            .await
            .ok()
            .flatten()
            .is_some()
    );
    assert!(auth::sign_out(&w.state, &session.token).await.is_ok());
    assert!(
        auth::user_for_session(&w.state, &session.token)
            .await
            .ok()
            .flatten()
            .is_none()
    );
    assert!(
        auth::user_for_session(&w.state, "made-up-token")
            .await
            .ok()
            .flatten()
            .is_none()
    );
}

async fn repeated_failures_are_throttled_until_the_window_passes(db: TestDb) {
    let w = world(db);
    sign_up_owner(&w, "anna@example.org").await;
    for _ in 0..5 {
        let wrong = auth::sign_in(&w.state, "anna@example.org", "geraten-123", "10.0.0.9").await;
        assert_eq!(problem(wrong, FORM), Some(Problem::WrongCredentials));
    }
    w.clock.advance(60);
    let blocked = auth::sign_in(
        &w.state,
        "anna@example.org",
        "sicheres-passwort",
        "10.0.0.9",
    )
    .await;
    match blocked {
        Err(ServiceError::TooManyAttempts { retry_after_secs }) => {
            assert_eq!(retry_after_secs, 15 * 60 - 60);
        }
        other => panic!("expected throttling, got {other:?}"),
    }
    w.clock.advance(15 * 60);
    let after = auth::sign_in(
        &w.state,
        "anna@example.org",
        "sicheres-passwort",
        "10.0.0.9",
    )
    .await;
    assert!(after.is_ok(), "allowed again after the window: {after:?}");
}

async fn sessions_expire(db: TestDb) {
    let w = world(db);
    let session = sign_up(&w, form("anna@example.org", "organiser")).await;
    let token = session.map(|s| s.token).unwrap_or_default();
    w.clock.advance(AppConfig::default().session_ttl_secs - 1);
    assert!(
        auth::user_for_session(&w.state, &token)
            .await
            .ok()
            .flatten()
            .is_some()
    );
    w.clock.advance(2);
    assert!(
        auth::user_for_session(&w.state, &token)
            .await
            .ok()
            .flatten()
            .is_none()
    );
}

async fn password_reset_works_once_and_ends_old_sessions(db: TestDb) {
    let w = world(db);
    let old = sign_up(&w, form("anna@example.org", "organiser")).await;
    let old_token = old.map(|s| s.token).unwrap_or_default();
    assert!(
        auth::request_password_reset(&w.state, "anna@example.org", CLIENT)
            .await
            .is_ok()
    );
    let mails = outbox::list_for_recipient(w.state.db.pool(), "anna@example.org")
        .await
        .unwrap_or_default();
    assert_eq!(
        mails.len(),
        2,
        "the sign-up's verification mail, then the reset mail"
    );
    assert_eq!(mails[1].subject, "Passwort für Jobfair zurücksetzen");
    assert_eq!(mails[1].status, "queued");
    let token = link_token(&w.state, "anna@example.org", "/password/reset/").await;

    let short = auth::reset_password(&w.state, &token, "kurz").await;
    assert_eq!(
        problem(short, "password"),
        Some(Problem::TooShort { min: 10 })
    );
    let reset = auth::reset_password(&w.state, &token, "ganz-neues-passwort").await;
    assert!(reset.is_ok(), "{reset:?}");
    assert!(
        auth::user_for_session(&w.state, &old_token)
            .await
            .ok()
            .flatten()
            .is_none(),
        "old session ended"
    );
    assert!(
        auth::sign_in(
            &w.state,
            "anna@example.org",
            "ganz-neues-passwort",
            "10.0.0.1"
        )
        .await
        .is_ok()
    );
    let old_password = auth::sign_in(
        &w.state,
        "anna@example.org",
        "sicheres-passwort",
        "10.0.0.1",
    )
    .await;
    assert_eq!(problem(old_password, FORM), Some(Problem::WrongCredentials));
    let reused = auth::reset_password(&w.state, &token, "noch-ein-passwort").await;
    assert_eq!(problem(reused, FORM), Some(Problem::LinkInvalid));
}

async fn unknown_addresses_get_no_reset_mail(db: TestDb) {
    let w = world(db);
    assert!(
        auth::request_password_reset(&w.state, "nobody@example.org", CLIENT)
            .await
            .is_ok()
    );
    assert_eq!(count(&w.state, "mail_outbox").await, 0);
    assert_eq!(count(&w.state, "password_resets").await, 0);
}

async fn owners_invite_colleagues_who_join_with_a_new_account(db: TestDb) {
    let w = world(db);
    let (owner, org_id) = sign_up_owner(&w, "chefin@example.org").await;
    let invited = orgs::invite_member(
        &w.state,
        &owner,
        org_id,
        "Tuer@Example.org",
        "door_staff",
        Locale::en,
    )
    .await;
    assert!(invited.is_ok(), "{invited:?}");
    let mails = outbox::list_for_recipient(w.state.db.pool(), "tuer@example.org")
        .await
        .unwrap_or_default();
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0].subject,
        "Invitation to Jobcenter Frankfurt on Jobfair"
    );
    assert!(mails[0].body_text.contains("as Door staff"));
    let token = link_token(&w.state, "tuer@example.org", "/invite/").await;

    let details = orgs::invite_details(&w.state, &token)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(details.role, Role::DoorStaff);
    assert!(!details.has_account);
    let joined = orgs::accept_invite_with_new_account(
        &w.state,
        &token,
        "Jonas Becker",
        "tuer-passwort-1",
        Locale::de,
    )
    .await;
    let joined = joined.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(joined.user.email, "tuer@example.org");
    let mine = orgs::my_organisations(&w.state, &joined.user)
        .await
        .unwrap_or_default();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].membership.role, Role::DoorStaff);
    assert!(
        mine[0].pending_invites.is_empty(),
        "door staff do not see invitations"
    );
    let owners_view = orgs::my_organisations(&w.state, &owner)
        .await
        .unwrap_or_default();
    assert_eq!(owners_view[0].members.len(), 2);
    assert!(
        owners_view[0].pending_invites.is_empty(),
        "accepted invitations are no longer open"
    );
}

async fn only_owners_invite_and_only_roles_of_the_kind(db: TestDb) {
    let w = world(db);
    let (owner, org_id) = sign_up_owner(&w, "chefin@example.org").await;
    let wrong_role = orgs::invite_member(
        &w.state,
        &owner,
        org_id,
        "x@example.org",
        "member",
        Locale::de,
    )
    .await;
    assert_eq!(
        problem(wrong_role, "role"),
        Some(Problem::InvalidChoice),
        "employer role in an organiser"
    );
    let unknown_role = orgs::invite_member(
        &w.state,
        &owner,
        org_id,
        "x@example.org",
        "admin",
        Locale::de,
    )
    .await;
    assert_eq!(problem(unknown_role, "role"), Some(Problem::InvalidChoice));
    let myself = orgs::invite_member(
        &w.state,
        &owner,
        org_id,
        "chefin@example.org",
        "organiser",
        Locale::de,
    )
    .await;
    assert_eq!(problem(myself, "email"), Some(Problem::AlreadyMember));

    assert!(
        orgs::invite_member(
            &w.state,
            &owner,
            org_id,
            "team@example.org",
            "organiser",
            Locale::de
        )
        .await
        .is_ok()
    );
    let token = link_token(&w.state, "team@example.org", "/invite/").await;
    let colleague = orgs::accept_invite_with_new_account(
        &w.state,
        &token,
        "Murat",
        "team-passwort-1",
        Locale::de,
    )
    .await;
    let colleague = colleague.map(|s| s.user).unwrap_or_else(|e| panic!("{e}"));
    let by_organiser = orgs::invite_member(
        &w.state,
        &colleague,
        org_id,
        "y@example.org",
        "door_staff",
        Locale::de,
    )
    .await;
    assert!(
        matches!(by_organiser, Err(ServiceError::Forbidden)),
        "organisers may not invite"
    );

    let (stranger, _) = sign_up_owner(&w, "fremd@example.org").await;
    let by_stranger = orgs::invite_member(
        &w.state,
        &stranger,
        org_id,
        "z@example.org",
        "door_staff",
        Locale::de,
    )
    .await;
    assert!(
        matches!(by_stranger, Err(ServiceError::Forbidden)),
        "non-members may not invite"
    );
    assert_eq!(count(&w.state, "member_invites").await, 1);
}

async fn an_invitation_is_for_its_address_and_used_once(db: TestDb) {
    let w = world(db);
    let (owner, org_id) = sign_up_owner(&w, "chefin@example.org").await;
    let (other, _) = sign_up_owner(&w, "other@example.org").await;
    assert!(
        orgs::invite_member(
            &w.state,
            &owner,
            org_id,
            "invited@example.org",
            "organiser",
            Locale::de
        )
        .await
        .is_ok()
    );
    let token = link_token(&w.state, "invited@example.org", "/invite/").await;
    let wrong = orgs::accept_invite(&w.state, &other, &token).await;
    assert_eq!(problem(wrong, FORM), Some(Problem::WrongAccount));

    let joined = orgs::accept_invite_with_new_account(
        &w.state,
        &token,
        "Ines",
        "ines-passwort-1",
        Locale::de,
    )
    .await;
    assert!(joined.is_ok());
    let again = orgs::accept_invite_with_new_account(
        &w.state,
        &token,
        "Ines",
        "ines-passwort-1",
        Locale::de,
    )
    .await;
    assert_eq!(problem(again, FORM), Some(Problem::LinkInvalid));

    assert!(
        orgs::invite_member(
            &w.state,
            &owner,
            org_id,
            "late@example.org",
            "organiser",
            Locale::de
        )
        .await
        .is_ok()
    );
    let late = link_token(&w.state, "late@example.org", "/invite/").await;
    w.clock.advance(orgs::INVITE_TTL_SECS + 1);
    assert_eq!(
        problem(orgs::invite_details(&w.state, &late).await, FORM),
        Some(Problem::LinkInvalid)
    );
}

async fn employers_sign_up_as_a_company(db: TestDb) {
    let w = world(db);
    let session = sign_up(&w, form("hr@firma.de", "employer")).await;
    let user = session.map(|s| s.user).unwrap_or_else(|e| panic!("{e}"));
    let mine = orgs::my_organisations(&w.state, &user)
        .await
        .unwrap_or_default();
    assert_eq!(mine[0].membership.kind, OrgKind::Employer);
    let org_id = mine[0].membership.organisation_id;
    let door = orgs::invite_member(
        &w.state,
        &user,
        org_id,
        "x@firma.de",
        "door_staff",
        Locale::de,
    )
    .await;
    assert_eq!(
        problem(door, "role"),
        Some(Problem::InvalidChoice),
        "employers have no door staff"
    );
    assert!(
        orgs::invite_member(
            &w.state,
            &user,
            org_id,
            "kollege@firma.de",
            "member",
            Locale::de
        )
        .await
        .is_ok()
    );
    let bad_kind = sign_up(&w, form("x@firma.de", "admin")).await;
    assert_eq!(problem(bad_kind, "kind"), Some(Problem::InvalidChoice));
}

async fn is_verified(w: &World, token: &str) -> bool {
    auth::user_for_session(&w.state, token)
        .await
        .ok()
        .flatten()
        .is_some_and(|u| u.email_verified)
}

async fn a_new_address_is_proven_by_its_mailed_link_once(db: TestDb) {
    let w = world(db);
    let anna = sign_up_unverified(&w, form("anna@example.org", "organiser")).await;
    let mails = outbox::list_for_recipient(w.state.db.pool(), "anna@example.org")
        .await
        .unwrap_or_default();
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0].subject,
        "Bitte bestätigen Sie Ihre E-Mail-Adresse für Jobfair"
    );
    let first = link_token(&w.state, "anna@example.org", "/account/verify/").await;
    // Until the link is opened the account has no password: nobody signs in,
    // and the answer is the one for an unknown address.
    for password in [PASSWORD, "", "irgendein-passwort"] {
        let attempt = auth::sign_in(&w.state, "anna@example.org", password, CLIENT).await;
        assert!(attempt.is_err(), "{attempt:?}");
    }
    let unknown = auth::sign_in(&w.state, "niemand@example.org", PASSWORD, CLIENT).await;
    let claimed = auth::sign_in(&w.state, "anna@example.org", PASSWORD, CLIENT).await;
    assert_eq!(problem(unknown, FORM), problem(claimed, FORM));

    // A new link only after a pause; the older link keeps working.
    let soon = verification::resend_link(&w.state, &anna, Locale::de).await;
    assert!(
        matches!(soon, Err(ServiceError::TooManyAttempts { .. })),
        "{soon:?}"
    );
    w.clock.advance(verification::RESEND_INTERVAL_SECS + 1);
    assert!(
        verification::resend_link(&w.state, &anna, Locale::de)
            .await
            .is_ok()
    );
    let second = link_token(&w.state, "anna@example.org", "/account/verify/").await;
    assert_ne!(first, second);

    let forged = verification::verify(&w.state, "ausgedacht", PASSWORD).await;
    assert_eq!(problem(forged, FORM), Some(Problem::LinkInvalid));
    let short = verification::verify(&w.state, &first, "kurz").await;
    assert_eq!(
        problem(short, "password"),
        Some(Problem::TooShort { min: 10 })
    );
    let opened = verification::verify(&w.state, &first, PASSWORD)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        is_verified(&w, &opened.token).await,
        "the link signs its opener in"
    );
    assert!(
        auth::sign_in(&w.state, "anna@example.org", PASSWORD, CLIENT)
            .await
            .is_ok(),
        "with the password chosen there"
    );
    let reused = verification::verify(&w.state, &first, PASSWORD).await;
    assert_eq!(
        problem(reused, FORM),
        Some(Problem::LinkInvalid),
        "single use"
    );

    // Links expire.
    sign_up_unverified(&w, form("spaet@example.org", "organiser")).await;
    let token = link_token(&w.state, "spaet@example.org", "/account/verify/").await;
    w.clock.advance(verification::VERIFY_TTL_SECS + 1);
    let expired = verification::verify(&w.state, &token, PASSWORD).await;
    assert_eq!(problem(expired, FORM), Some(Problem::LinkInvalid));
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM email_verifications WHERE token_hash = $1")
            .bind(app::tokens::hash_token(&token))
            .fetch_one(w.state.db.pool())
            .await
            .unwrap_or_default();
    assert_eq!(stored, 1, "links are stored hashed");
}

async fn invitation_links_and_password_resets_prove_the_address(db: TestDb) {
    let w = world(db);
    let (owner, org_id) = sign_up_owner(&w, "chefin@example.org").await;
    assert!(
        orgs::invite_member(
            &w.state,
            &owner,
            org_id,
            "ines@example.org",
            "organiser",
            Locale::de
        )
        .await
        .is_ok()
    );
    // Ines had started a sign-up of her own and never opened its link; the
    // invitation's link proves the address just as well, and her account
    // becomes the one she joins with, with the password she chooses now.
    let ines = sign_up_unverified(&w, form("ines@example.org", "employer")).await;
    let token = link_token(&w.state, "ines@example.org", "/invite/").await;
    let details = orgs::invite_details(&w.state, &token)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !details.has_account,
        "an unproven account cannot sign in to accept"
    );
    let joined = orgs::accept_invite_with_new_account(
        &w.state,
        &token,
        "Ines",
        "ines-passwort-1",
        Locale::de,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(joined.user.id, ines.id);
    assert!(
        is_verified(&w, &joined.token).await,
        "the invitation link proved the address"
    );

    let rolf = sign_up_unverified(&w, form("rolf@example.org", "organiser")).await;
    assert!(
        auth::request_password_reset(&w.state, "rolf@example.org", CLIENT)
            .await
            .is_ok()
    );
    let reset = link_token(&w.state, "rolf@example.org", "/password/reset/").await;
    let session = auth::reset_password(&w.state, &reset, "ganz-neues-passwort")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(session.user.email_verified);
    assert_eq!(rolf.id, session.user.id);
    assert!(
        is_verified(&w, &session.token).await,
        "the reset link proved the address"
    );
}

async fn a_burst_of_wrong_passwords_reaches_the_hash_only_as_often_as_allowed(db: TestDb) {
    let w = world(db);
    sign_up_owner(&w, "einlass@example.org").await;
    let attempts =
        (0..50).map(|_| auth::sign_in(&w.state, "einlass@example.org", "geraten-123", "10.0.0.66"));
    let answers = futures::future::join_all(attempts).await;
    let wrong = answers
        .iter()
        .filter(|a| matches!(a, Err(ServiceError::Invalid(e)) if e.get(FORM) == Some(Problem::WrongCredentials)))
        .count();
    let throttled = answers
        .iter()
        .filter(|a| matches!(a, Err(ServiceError::TooManyAttempts { .. })))
        .count();
    // Only an attempt that reached the hash can learn the password was wrong;
    // attempts in flight together count one another, so a burst may get even
    // fewer than the allowed number.
    assert!(wrong <= 5, "at most the allowed number of hashes: {wrong}");
    assert_eq!(wrong + throttled, 50);
    assert_eq!(
        count(&w.state, "login_failures").await as usize,
        wrong,
        "refused attempts leave no rows"
    );
    // One after another, the client gets exactly the allowed number of tries.
    w.clock.advance(w.state.config.login_window_secs + 1);
    let mut tries = 0;
    while let Err(ServiceError::Invalid(_)) =
        auth::sign_in(&w.state, "einlass@example.org", "geraten-123", "10.0.0.66").await
    {
        tries += 1;
        assert!(tries <= 5, "more tries than allowed");
    }
    assert_eq!(tries, 5);
}

async fn a_stranger_cannot_lock_someone_out(db: TestDb) {
    let w = world(db);
    sign_up_owner(&w, "einlass@example.org").await;
    for _ in 0..20 {
        let _ = auth::sign_in(
            &w.state,
            "einlass@example.org",
            "geraten-123",
            "203.0.113.9",
        )
        .await;
    }
    let stranger = auth::sign_in(
        &w.state,
        "einlass@example.org",
        "sicheres-passwort",
        "203.0.113.9",
    )
    .await;
    assert!(
        matches!(stranger, Err(ServiceError::TooManyAttempts { .. })),
        "the guessing client is slowed"
    );
    let staff = auth::sign_in(
        &w.state,
        "einlass@example.org",
        "sicheres-passwort",
        "198.51.100.7",
    )
    .await;
    assert!(
        staff.is_ok(),
        "the door staff on their own phone sign in: {staff:?}"
    );
}

async fn owners_manage_members_and_the_last_owner_stays(db: TestDb) {
    use app::organisations::{members, store as org_store};
    let w = world(db);
    let (owner, org_id) = sign_up_owner(&w, "chefin@example.org").await;
    // A colleague with an account of their own, door staff here.
    let signed_up = sign_up(&w, form("tuer@example.org", "organiser"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (colleague, colleague_session) = (signed_up.user, signed_up.token);
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    org_store::insert_membership(&mut tx, org_id, colleague.id, Role::DoorStaff, START)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let role_of = |user: i64| {
        let pool = w.state.db.pool().clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "SELECT role FROM memberships WHERE organisation_id = $1 AND user_id = $2",
            )
            .bind(org_id)
            .bind(user)
            .fetch_optional(&pool)
            .await
            .ok()
            .flatten()
            .and_then(|r| Role::parse(&r))
        }
    };
    // Only owners manage; a door-staff member cannot promote themselves.
    assert!(matches!(
        members::change_role(&w.state, &colleague, org_id, colleague.id, "owner").await,
        Err(ServiceError::Forbidden)
    ));
    assert!(
        members::change_role(&w.state, &owner, org_id, colleague.id, "organiser")
            .await
            .is_ok()
    );
    assert_eq!(role_of(colleague.id).await, Some(Role::Organiser));
    let wrong_kind = members::change_role(&w.state, &owner, org_id, colleague.id, "member").await;
    assert_eq!(
        problem(wrong_kind, "role"),
        Some(Problem::InvalidChoice),
        "an employers' role"
    );

    // The last owner can neither step down, leave nor remove themselves.
    let down = members::change_role(&w.state, &owner, org_id, owner.id, "organiser").await;
    assert_eq!(problem(down, FORM), Some(Problem::LastOwner));
    assert_eq!(
        problem(members::leave(&w.state, &owner, org_id).await, FORM),
        Some(Problem::LastOwner)
    );
    assert_eq!(
        problem(
            members::remove_member(&w.state, &owner, org_id, owner.id).await,
            FORM
        ),
        Some(Problem::LastOwner)
    );
    assert_eq!(
        role_of(owner.id).await,
        Some(Role::Owner),
        "nothing changed"
    );

    // A removed member's sessions end at once.
    assert!(
        members::remove_member(&w.state, &owner, org_id, colleague.id)
            .await
            .is_ok()
    );
    assert!(
        auth::user_for_session(&w.state, &colleague_session)
            .await
            .ok()
            .flatten()
            .is_none(),
        "signed out everywhere"
    );
    assert_eq!(role_of(colleague.id).await, None);
    assert!(matches!(
        members::remove_member(&w.state, &owner, org_id, colleague.id).await,
        Err(ServiceError::NotFound)
    ));

    // With a second owner, the first may leave.
    let second =
        app::db::testing::person(&w.state.db, "zweite@example.org", org_id, Role::Owner).await;
    assert!(members::leave(&w.state, &owner, org_id).await.is_ok());
    assert_eq!(role_of(owner.id).await, None);
    assert_eq!(role_of(second.id).await, Some(Role::Owner));
}
