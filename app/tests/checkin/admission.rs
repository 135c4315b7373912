//! Admitting tickets: once, refusals, two devices at once, offline sync.
use super::*;

pub(super) async fn a_ticket_is_admitted_once_and_a_repeated_nonce_is_answered_as_before(
    db: TestDb,
) {
    let w = world(db).await;
    let (_, text) = ticket_for(
        &w,
        "jobmesse-kassel",
        "Ayşe Yılmaz",
        "ayse@example.org",
        w.slots[0],
    )
    .await;
    w.clock.advance(AT_DOOR - NOW);

    let first = scan(&w, "nonce-first-0001", &text).await;
    assert_eq!(first.verdict, Ok(()));
    assert_eq!(first.name.as_deref(), Some("Ayşe Yılmaz"));
    assert_eq!(first.slot.as_deref(), Some("09:00–12:00"));
    assert!(!first.replayed);

    w.clock.advance(120);
    let again = scan(&w, "nonce-second-002", &text).await;
    assert_eq!(already_in(&again), Some((AT_DOOR, "Nord".into())));

    // The same nonce again (a retried request): answered as then, not
    // recorded twice.
    let replay = scan(&w, "nonce-first-0001", &text).await;
    assert_eq!(replay.verdict, Ok(()));
    assert!(replay.replayed);
    assert_eq!(rows(&w, "admitted").await, 1);
    assert_eq!(rows(&w, "duplicate").await, 1);

    // The short code on the ticket finds the same ticket.
    let code: String = sqlx::query_scalar("SELECT short_code FROM tickets WHERE fair_id = $1")
        .bind(w.fair)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or_default();
    let by_code = scan(
        &w,
        "nonce-by-code-03",
        &code.to_lowercase().replace('-', " "),
    )
    .await;
    assert!(already_in(&by_code).is_some());
}

pub(super) async fn tampered_foreign_expired_and_cancelled_tickets_are_refused(db: TestDb) {
    let w = world(db).await;
    let (token, text) = ticket_for(
        &w,
        "jobmesse-kassel",
        "Ben Schulz",
        "ben@example.org",
        w.slots[0],
    )
    .await;
    // A second fair of the same organisers, with its own keys.
    let other_form = app::fairs::FairForm {
        title_de: "Jobmesse Fulda".into(),
        ..kassel_fair_form()
    };
    let org: i64 = sqlx::query_scalar("SELECT organisation_id FROM fairs WHERE id = $1")
        .bind(w.fair)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or_default();
    let other = fairs::create_fair(&w.state, &w.owner, org, &other_form)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let slot = SlotForm {
        starts: "2027-03-10T09:00".into(),
        ends: "2027-03-10T12:00".into(),
        capacity: "10".into(),
        entry_mode: "open".into(),
    };
    let other_slot = fairs::add_slot(&w.state, &w.owner, other, &slot)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    fairs::change_status(&w.state, &w.owner, other, "published")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (_, foreign) = ticket_for(
        &w,
        "jobmesse-fulda",
        "Cem Demir",
        "cem@example.org",
        other_slot,
    )
    .await;
    w.clock.advance(AT_DOOR - NOW);

    // One character of the signature changed.
    let mut tampered = text.clone().into_bytes();
    let at = tampered.len() - 10;
    tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap_or_default();
    assert_eq!(
        scan(&w, "nonce-tampered-1", &tampered).await.verdict,
        Err(Refusal::Forged)
    );
    assert_eq!(
        scan(&w, "nonce-foreign-01", &foreign).await.verdict,
        Err(Refusal::OtherFair)
    );
    assert_eq!(
        scan(&w, "nonce-garbage-01", "Hallo Welt").await.verdict,
        Err(Refusal::NotATicket)
    );
    assert_eq!(
        scan(&w, "nonce-unknown-01", "ACDE-FGHJ").await.verdict,
        Err(Refusal::UnknownCode)
    );

    // The day after the fair the ticket has expired.
    w.clock.advance(86_400);
    assert_eq!(
        scan(&w, "nonce-expired-01", &text).await.verdict,
        Err(Refusal::NotToday)
    );
    w.clock.advance(-86_400);

    // Cancelled: refused as revoked, and the refusal is in the log.
    registration::cancel(&w.state, &token)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let cancelled = scan(&w, "nonce-cancel-001", &text).await;
    assert_eq!(cancelled.verdict, Err(Refusal::Revoked));
    assert_eq!(cancelled.name.as_deref(), Some("Ben Schulz"));
    assert_eq!(rows(&w, "refused").await, 1);
    assert_eq!(rows(&w, "admitted").await, 0);

    // Bad input is refused as a whole, and nothing is written.
    let fair = door::require_door(&w.state, &w.staff, "jobmesse-kassel")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let bad = door::record_scans(
        &w.state,
        &fair,
        &"x".repeat(41),
        "phone-1",
        Scanner::Staff {
            user_id: w.staff.id,
        },
        &[upload("short", &text)],
    )
    .await;
    match bad {
        Err(ServiceError::Invalid(errors)) => {
            assert_eq!(errors.get("gate"), Some(Problem::TooLong { max: 40 }));
            assert_eq!(errors.get("nonce"), Some(Problem::InvalidChoice));
        }
        other => panic!("expected field errors, got {other:?}"),
    }
    assert_eq!(rows(&w, "refused").await, 1);
}

pub(super) async fn two_devices_scanning_one_ticket_at_once_give_one_admission_and_one_refusal(
    db: TestDb,
) {
    let w = world(db).await;
    let (_, text) = ticket_for(
        &w,
        "jobmesse-kassel",
        "Dana Koch",
        "dana@example.org",
        w.slots[0],
    )
    .await;
    w.clock.advance(AT_DOOR - NOW);
    for round in 0..3 {
        // A fresh ticket each round, scanned by several devices at once.
        let text = if round == 0 {
            text.clone()
        } else {
            ticket_for(
                &w,
                "jobmesse-kassel",
                "Eva Lang",
                &format!("eva{round}@example.org"),
                w.slots[0],
            )
            .await
            .1
        };
        let scans: Vec<_> = (0..4)
            .map(|device| {
                let text = text.clone();
                let w = &w;
                async move {
                    scan_as(
                        w,
                        &format!("phone-{device}"),
                        &[upload(&format!("race-{round}-{device}-nonce"), &text)],
                    )
                    .await
                    .remove(0)
                }
            })
            .collect();
        let answers = futures::future::join_all(scans).await;
        let admitted = answers.iter().filter(|a| a.verdict.is_ok()).count();
        let refused = answers.iter().filter(|a| already_in(a).is_some()).count();
        assert_eq!((admitted, refused), (1, 3), "round {round}: {answers:?}");
    }
    assert_eq!(rows(&w, "admitted").await, 3);
    assert_eq!(rows(&w, "duplicate").await, 9);
}

pub(super) async fn offline_scans_sync_once_and_late_conflicts_are_reported(db: TestDb) {
    let w = world(db).await;
    let (_, first) = ticket_for(
        &w,
        "jobmesse-kassel",
        "Finn Wolf",
        "finn@example.org",
        w.slots[0],
    )
    .await;
    let (_, second) = ticket_for(
        &w,
        "jobmesse-kassel",
        "Gül Aydın",
        "guel@example.org",
        w.slots[0],
    )
    .await;
    w.clock.advance(AT_DOOR - NOW);

    // The online gate lets Gül in.
    assert_eq!(scan(&w, "online-south-001", &second).await.verdict, Ok(()));
    // A phone without network admitted both a minute later; it syncs now.
    w.clock.advance(600);
    let offline = |nonce: &str, text: &str| ScanUpload {
        nonce: nonce.into(),
        credential: text.into(),
        scanned_at: AT_DOOR + 60,
        offline: true,
    };
    let batch = [
        offline("offline-0000001", &first),
        offline("offline-0000002", &second),
    ];
    let answers = scan_as(&w, "phone-offline", &batch).await;
    assert_eq!(answers[0].verdict, Ok(()));
    assert_eq!(already_in(&answers[1]), Some((AT_DOOR, "Nord".into())));
    // The admission counts at the moment of the scan, not of the sync.
    let at: i64 =
        sqlx::query_scalar("SELECT scanned_at FROM checkins WHERE nonce = 'offline-0000001'")
            .fetch_one(w.state.db.pool())
            .await
            .unwrap_or_default();
    assert_eq!(at, AT_DOOR + 60);

    // The connection dropped before the answer arrived: the same batch
    // again changes nothing.
    let again = scan_as(&w, "phone-offline", &batch).await;
    assert!(again.iter().all(|a| a.replayed));
    assert_eq!(again[0].verdict, Ok(()));
    assert!(already_in(&again[1]).is_some());
    assert_eq!(rows(&w, "admitted").await, 2);
    assert_eq!(rows(&w, "duplicate").await, 1);

    // A device clock in the future does not move the admission ahead.
    let (_, third) = ticket_for(
        &w,
        "jobmesse-kassel",
        "Hana Berg",
        "hana@example.org",
        w.slots[0],
    )
    .await;
    let future = ScanUpload {
        scanned_at: AT_DOOR + 86_400,
        ..offline("offline-0000003", &third)
    };
    assert_eq!(
        scan_as(&w, "phone-offline", &[future]).await[0].verdict,
        Ok(())
    );
    let at: i64 =
        sqlx::query_scalar("SELECT scanned_at FROM checkins WHERE nonce = 'offline-0000003'")
            .fetch_one(w.state.db.pool())
            .await
            .unwrap_or_default();
    assert_eq!(at, AT_DOOR + 600);
}
