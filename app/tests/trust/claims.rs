//! Sign-up that does not tell who has an account, limits before any
//! hash, and an address claimed first holding nothing.
use super::common::*;

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

app::on_both_databases!(
    sign_up_answers_alike_for_new_and_taken_addresses,
    sign_up_and_resets_are_limited_before_any_hash,
    whoever_claims_an_address_first_holds_nothing,
);
