//! Rules at the boundary: invitations, bad input, closed registration, and
//! the promised deletion.
use super::*;

pub(super) async fn invite_only_slots_need_the_invited_address_and_an_unused_code(db: TestDb) {
    let w = world_with(db, 10).await;
    let slot = w.slots[2];
    let gabi = invite(&w, "gabi@example.org", "code-gabi").await;
    let attempt = |email: &str, code: &str| {
        let mut f = form("Gabi", email, slot);
        f.invite = code.into();
        let (state, slug) = (w.state.clone(), w.slug.clone());
        async move { registration::register(&state, &slug, &f).await }
    };
    assert_eq!(
        problem(attempt("gabi@example.org", "").await, "invite"),
        Some(Problem::InviteRequired)
    );
    assert_eq!(
        problem(attempt("gabi@example.org", "wrong").await, "invite"),
        Some(Problem::LinkInvalid)
    );
    assert_eq!(
        problem(attempt("friend@example.org", "code-gabi").await, "invite"),
        Some(Problem::WrongAccount)
    );
    assert!(!invite_used(&w, gabi).await);
    let page = registration::page(&w.state, &w.slug, Some("code-gabi"), app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let prefill = page
        .invite
        .unwrap_or_else(|| panic!("the invitation fills in the form"));
    assert_eq!(
        (prefill.email.as_str(), prefill.slot_id),
        ("gabi@example.org", Some(slot))
    );

    assert!(matches!(
        attempt("gabi@example.org", "code-gabi").await,
        Ok(Registered::Ticket { .. })
    ));
    assert!(invite_used(&w, gabi).await);
    let list = app::invitations::service::view(&w.state, &w.owner, w.fair, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let state = list
        .invites
        .iter()
        .find(|i| i.email == "gabi@example.org")
        .map(|i| i.state);
    assert_eq!(
        state,
        Some(app::invitations::InviteState::Registered),
        "the organiser sees it"
    );
    assert_eq!(
        problem(attempt("gabi2@example.org", "code-gabi").await, "invite"),
        Some(Problem::InviteUsed)
    );

    // A fair that allows forwarding takes the code from anyone, once.
    sqlx::query("UPDATE fairs SET invites_forwardable = 1 WHERE id = $1")
        .bind(w.fair)
        .execute(w.state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    invite(&w, "hans@example.org", "code-hans").await;
    assert!(matches!(
        attempt("nachbarin@example.org", "code-hans").await,
        Ok(Registered::Ticket { .. })
    ));
    assert_eq!(
        problem(attempt("hans@example.org", "code-hans").await, "invite"),
        Some(Problem::InviteUsed)
    );
    // An invitation link used for an open slot counts as used too.
    let ida = invite(&w, "ida@example.org", "code-ida").await;
    let mut f = form("Ida", "ida@example.org", w.slots[0]);
    f.invite = "code-ida".into();
    registration::register(&w.state, &w.slug, &f)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(invite_used(&w, ida).await);
}

pub(super) async fn bad_input_and_closed_registration_write_nothing(db: TestDb) {
    let w = world_with(db, 10).await;
    let bad = RegistrationForm {
        name: " ".into(),
        email: "kein-at-zeichen".into(),
        phone: "call me".into(),
        language: "fr".into(),
        slot_id: "x".into(),
        interests: "logistics,astronaut".into(),
        consent: None,
        ..Default::default()
    };
    match registration::register(&w.state, &w.slug, &bad).await {
        Err(ServiceError::Invalid(errors)) => {
            for (field, problem) in [
                ("name", Problem::Required),
                ("email", Problem::InvalidEmail),
                ("phone", Problem::InvalidChoice),
                ("language", Problem::InvalidChoice),
                ("slot_id", Problem::Required),
                ("interests", Problem::InvalidChoice),
                ("consent", Problem::Required),
            ] {
                assert_eq!(errors.get(field), Some(problem), "{field}");
            }
        }
        other => panic!("expected field errors, got {other:?}"),
    }
    let other_fairs_slot = form("Ole", "ole@example.org", 999_999);
    let answer = registration::register(&w.state, &w.slug, &other_fairs_slot).await;
    assert_eq!(problem(answer, "slot_id"), Some(Problem::InvalidChoice));
    assert!(matches!(
        registration::register(
            &w.state,
            "no-such-fair",
            &form("Ole", "ole@example.org", w.slots[0])
        )
        .await,
        Err(ServiceError::NotFound)
    ));
    // After the registration closes (12:00 on the fair day).
    w.clock.advance(FAIR_DAY + 4 * 3600 + 60 - NOW);
    let late = registration::register(
        &w.state,
        &w.slug,
        &form("Ole", "ole@example.org", w.slots[0]),
    )
    .await;
    assert_eq!(
        problem(late, app::error::FORM),
        Some(Problem::RegistrationClosed)
    );
    assert_eq!(
        count(&w, "SELECT COUNT(*) FROM registrations WHERE fair_id = $1").await,
        0
    );
    assert_eq!(
        count(&w, "SELECT COUNT(*) FROM mail_outbox WHERE $1 > 0").await,
        0
    );
}

pub(super) async fn personal_data_is_deleted_after_the_promised_date(db: TestDb) {
    let w = world_with(db, 10).await;
    register(&w, "Rita", "rita@example.org", w.slots[0]).await;
    invite(&w, "sven@example.org", "code-sven").await;
    // Not yet: the fair has not even taken place.
    assert_eq!(
        registration::purge_expired(&w.state).await.ok(),
        Some(Default::default())
    );
    // The notice's date: the fair's end plus the retention days.
    let page = registration::page(&w.state, &w.slug, None, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.privacy.deleted_on, "09.04.2027");
    let fair_end = FAIR_DAY + 7 * 3600;
    w.clock.advance(fair_end + 30 * 86_400 - NOW - 60);
    assert_eq!(
        registration::purge_expired(&w.state).await.ok(),
        Some(Default::default())
    );
    sqlx::query("UPDATE mail_outbox SET status = 'sent'")
        .execute(w.state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    w.clock.advance(120);
    let purged = registration::purge_expired(&w.state)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (purged.registrations, purged.invitations, purged.mails),
        (1, 1, 1)
    );
    for table in [
        "registrations",
        "tickets",
        "fair_invites",
        "mail_attachments",
    ] {
        let left: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(w.state.db.pool())
                .await
                .unwrap_or(-1);
        assert_eq!(left, 0, "{table}");
    }
}
