//! The door's settings and people: tolerance, walk-ins, who reaches it,
//! API tokens, the live view.
use super::*;

pub(super) async fn the_slot_tolerance_is_the_organisers_setting(db: TestDb) {
    let w = world(db).await;
    let (_, afternoon) = ticket_for(
        &w,
        "jobmesse-kassel",
        "Ida Roth",
        "ida@example.org",
        w.slots[1],
    )
    .await;
    // 11:50: the afternoon slot starts at 12:30; the default tolerance is 30 minutes.
    w.clock.advance(AT_DOOR - NOW + 2 * 3600 + 40 * 60);
    assert_eq!(
        scan(&w, "tolerance-early1", &afternoon).await.verdict,
        Err(Refusal::TooEarly {
            slot: "12:30–14:00".into()
        })
    );
    door::set_tolerance(&w.state, &w.owner, w.fair, "45")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        scan(&w, "tolerance-early2", &afternoon).await.verdict,
        Ok(())
    );

    for (input, problem) in [
        ("viel", Problem::NotANumber),
        ("721", Problem::OutOfRange { min: 0, max: 720 }),
        ("-5", Problem::NotANumber),
    ] {
        match door::set_tolerance(&w.state, &w.owner, w.fair, input).await {
            Err(ServiceError::Invalid(errors)) => {
                assert_eq!(errors.get("tolerance"), Some(problem))
            }
            other => panic!("{input}: expected a field error, got {other:?}"),
        }
    }
    // Door staff may not change it.
    assert!(matches!(
        door::set_tolerance(&w.state, &w.staff, w.fair, "0").await,
        Err(ServiceError::Forbidden)
    ));
    let live = door::live(&w.state, &w.owner, w.fair, Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(live.tolerance_minutes, 45);
}

pub(super) async fn walk_ins_take_a_place_and_are_admitted_at_once(db: TestDb) {
    let w = world(db).await;
    w.clock.advance(AT_DOOR - NOW + 3 * 3600 + 30 * 60);
    let form = |name: &str, slot: i64| WalkInForm {
        name: name.into(),
        slot_id: slot.to_string(),
        gate: "Nord".into(),
        device: "phone-1".into(),
    };
    let answer = door::walk_in(
        &w.state,
        &w.staff,
        "jobmesse-kassel",
        &form("Jana Fuchs", w.slots[1]),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(answer.verdict, Ok(()));
    assert_eq!(answer.name.as_deref(), Some("Jana Fuchs"));
    assert_eq!(rows(&w, "admitted").await, 1);

    // The one place is gone; nothing is written for the second.
    match door::walk_in(
        &w.state,
        &w.staff,
        "jobmesse-kassel",
        &form("Kai Vogel", w.slots[1]),
    )
    .await
    {
        Err(ServiceError::Invalid(errors)) => {
            assert_eq!(errors.get("slot_id"), Some(Problem::SlotFull))
        }
        other => panic!("expected a full slot, got {other:?}"),
    }
    match door::walk_in(&w.state, &w.staff, "jobmesse-kassel", &form(" ", 0)).await {
        Err(ServiceError::Invalid(errors)) => {
            assert_eq!(errors.get("name"), Some(Problem::Required));
            assert_eq!(errors.get("slot_id"), Some(Problem::InvalidChoice));
        }
        other => panic!("expected field errors, got {other:?}"),
    }
    let registrations: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE fair_id = $1 AND walk_in = 1")
            .bind(w.fair)
            .fetch_one(w.state.db.pool())
            .await
            .unwrap_or(-1);
    assert_eq!(registrations, 1);
    // Two walk-ins without an address do not clash with each other.
    let again = door::walk_in(
        &w.state,
        &w.staff,
        "jobmesse-kassel",
        &form("Lea Graf", w.slots[0]),
    )
    .await;
    assert!(again.is_ok(), "{again:?}");
    // The walk-in is on the door list, as admitted.
    let pack = door::door_pack(&w.state, &w.staff, "jobmesse-kassel", Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(pack.tickets.iter().any(|t| t.name == "Jana Fuchs"));
    assert_eq!(pack.admitted.len(), 2);
}

pub(super) async fn only_door_staff_and_planners_reach_the_door(db: TestDb) {
    let w = world(db).await;
    let (_, text) = ticket_for(
        &w,
        "jobmesse-kassel",
        "Mia Hahn",
        "mia@example.org",
        w.slots[0],
    )
    .await;
    let employer =
        app::db::testing::organisation(&w.state.db, OrgKind::Employer, "Bäckerei Lang").await;
    let outsider = person(&w.state.db, "chef@baeckerei.example", employer, Role::Owner).await;
    for user in [&w.staff, &w.owner] {
        let pack = door::door_pack(&w.state, user, "jobmesse-kassel", Locale::de)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pack.tickets.len(), 1);
        assert_eq!(pack.tickets[0].name, "Mia Hahn");
        // The pack's keys verify the ticket: the device can decide alone.
        assert!(pack.verifier().verify(&text, AT_DOOR, |_| false).is_ok());
    }
    assert!(matches!(
        door::door_pack(&w.state, &outsider, "jobmesse-kassel", Locale::de).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        door::door_pack(&w.state, &w.staff, "keine-messe", Locale::de).await,
        Err(ServiceError::NotFound)
    ));
    // The live view and the API tokens are the planners'.
    assert!(matches!(
        door::live(&w.state, &w.staff, w.fair, Locale::de).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        door::create_token(&w.state, &w.staff, w.fair, "Drehkreuz").await,
        Err(ServiceError::Forbidden)
    ));
    let listed = door::door_fairs(&w.state, &w.staff, Locale::de)
        .await
        .unwrap_or_default();
    assert_eq!(listed.len(), 1);
    assert!(
        door::door_fairs(&w.state, &outsider, Locale::de)
            .await
            .unwrap_or_default()
            .is_empty()
    );
    // Closed, the door still works; archived, its pack of names is gone.
    for (status, served) in [("closed", true), ("archived", false)] {
        fairs::change_status(&w.state, &w.owner, w.fair, status)
            .await
            .unwrap_or_else(|e| panic!("{status}: {e}"));
        let pack = door::door_pack(&w.state, &w.staff, "jobmesse-kassel", Locale::de).await;
        assert_eq!(pack.is_ok(), served, "{status}: {:?}", pack.err());
    }
}

pub(super) async fn api_tokens_stand_for_one_fair_until_revoked(db: TestDb) {
    let w = world(db).await;
    let token = door::create_token(&w.state, &w.owner, w.fair, "Drehkreuz Nord")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(token.starts_with("jfd_"));
    let (fair, token_id) = door::fair_of_token(&w.state, &token)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fair.id, w.fair);
    // Only the hash is stored.
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM door_tokens WHERE id = $1")
        .bind(token_id)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or_default();
    assert!(!token.contains(&stored) && !stored.is_empty());
    for wrong in ["", "jfd_", "jfd_falsch", &token[4..]] {
        assert!(matches!(
            door::fair_of_token(&w.state, wrong).await,
            Err(ServiceError::Unauthenticated)
        ));
    }
    door::revoke_token(&w.state, &w.owner, w.fair, token_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        door::fair_of_token(&w.state, &token).await,
        Err(ServiceError::Unauthenticated)
    ));
    let tokens = door_store::tokens_of_fair(w.state.db.pool(), w.fair)
        .await
        .unwrap_or_default();
    assert!(tokens[0].revoked_at.is_some());
}

pub(super) async fn the_live_view_counts_per_slot_and_quarter_hour(db: TestDb) {
    let w = world(db).await;
    let mut texts = Vec::new();
    for i in 0..3 {
        texts.push(
            ticket_for(
                &w,
                "jobmesse-kassel",
                &format!("Gast {i}"),
                &format!("gast{i}@example.org"),
                w.slots[0],
            )
            .await
            .1,
        );
    }
    // 09:10 and 09:12: one quarter; 09:20: the next.
    w.clock.advance(AT_DOOR - NOW);
    scan(&w, "live-scan-000001", &texts[0]).await;
    w.clock.advance(120);
    scan(&w, "live-scan-000002", &texts[1]).await;
    scan(&w, "live-scan-000003", &texts[1]).await;
    w.clock.advance(480);
    scan(&w, "live-scan-000004", &texts[2]).await;
    let live = door::live(&w.state, &w.owner, w.fair, Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(live.checked_in, 3);
    assert_eq!(live.registered, 3);
    assert_eq!(live.slots[0].checked_in, 3);
    assert_eq!(live.slots[1].checked_in, 0);
    assert_eq!(
        live.quarters,
        vec![("09:00".to_owned(), 2), ("09:15".to_owned(), 1)]
    );
}
