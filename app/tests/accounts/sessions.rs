//! Signing in and out, throttling, expiry, and password resets.
use super::common::*;

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

app::on_both_databases!(
    sign_in_checks_the_password_and_sign_out_ends_the_session,
    repeated_failures_are_throttled_until_the_window_passes,
    sessions_expire,
    password_reset_works_once_and_ends_old_sessions,
    unknown_addresses_get_no_reset_mail,
    a_burst_of_wrong_passwords_reaches_the_hash_only_as_often_as_allowed,
    a_stranger_cannot_lock_someone_out,
);
