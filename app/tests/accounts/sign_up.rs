//! Signing up, as an organiser or an employer, and proving the address
//! by a mailed link.
use super::common::*;

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

app::on_both_databases!(
    sign_up_makes_the_person_owner_of_a_new_organisation,
    a_taken_email_is_refused_and_nothing_is_half_written,
    employers_sign_up_as_a_company,
    a_new_address_is_proven_by_its_mailed_link_once,
    invitation_links_and_password_resets_prove_the_address,
);
