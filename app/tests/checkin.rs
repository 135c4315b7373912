//! Door check-in on SQLite and PostgreSQL: genuine tickets are admitted
//! once; tampered, foreign, expired, cancelled and ill-timed ones are
//! refused with their reason; two devices racing for one ticket give one
//! admission and one refusal; offline scans sync once, however often they
//! are sent; walk-ins take a place; only door staff and planners get in.
use app::{
    auth::CurrentUser,
    checkin::{
        model::{ENTRANCE, Refusal, ScanAnswer, ScanUpload, WalkInForm},
        service::{self as door, PackDetail, Scanner},
        store as door_store,
    },
    clock::ManualClock,
    db::testing::{TestDb, kassel_fair_form, person},
    error::Problem,
    fairs::{SlotForm, service as fairs},
    i18n::Locale,
    organisations::{OrgKind, Role, store as org_store},
    registration::{
        model::{Registered, RegistrationForm},
        service as registration,
    },
    service_error::ServiceError,
    state::{AppConfig, AppState},
    tokens,
};
use std::sync::Arc;

/// 2027-01-15: registration is open.
const NOW: i64 = 1_800_003_600;
/// 2027-03-10 09:10 in Berlin: the first slot (09:00–12:00) has begun.
const AT_DOOR: i64 = 1_804_666_200;

app::on_both_databases!(
    a_ticket_is_admitted_once_and_a_repeated_nonce_is_answered_as_before,
    tampered_foreign_expired_and_cancelled_tickets_are_refused,
    two_devices_scanning_one_ticket_at_once_give_one_admission_and_one_refusal,
    offline_scans_sync_once_and_late_conflicts_are_reported,
    the_slot_tolerance_is_the_organisers_setting,
    walk_ins_take_a_place_and_are_admitted_at_once,
    only_door_staff_and_planners_reach_the_door,
    api_tokens_stand_for_one_fair_until_revoked,
    the_live_view_counts_per_slot_and_quarter_hour,
    a_ticket_is_admitted_once_per_check_in_list,
    a_door_pack_without_names_has_codes_but_no_names,
);

struct World {
    _db: TestDb,
    state: AppState,
    clock: Arc<ManualClock>,
    owner: CurrentUser,
    staff: CurrentUser,
    fair: i64,
    /// 09:00–12:00 (100 places) and 12:30–14:00 (1 place).
    slots: [i64; 2],
}

async fn world(db: TestDb) -> World {
    let clock = Arc::new(ManualClock::at(NOW));
    let state = AppState::new(db.db.clone(), clock.clone(), AppConfig::default());
    let mut tx = state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let org = org_store::insert_organisation(&mut tx, OrgKind::Organiser, "Agentur Kassel", NOW)
        .await
        .unwrap_or_default();
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let owner = person(&state.db, "leitung@aa-kassel.example", org, Role::Owner).await;
    let staff = person(&state.db, "einlass@aa-kassel.example", org, Role::DoorStaff).await;
    let fair = fairs::create_fair(&state, &owner, org, &kassel_fair_form())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut slots = [0; 2];
    for (i, (from, to, capacity)) in [("09:00", "12:00", 100), ("12:30", "14:00", 1)]
        .into_iter()
        .enumerate()
    {
        let form = SlotForm {
            starts: format!("2027-03-10T{from}"),
            ends: format!("2027-03-10T{to}"),
            capacity: capacity.to_string(),
            entry_mode: "open".into(),
        };
        slots[i] = fairs::add_slot(&state, &owner, fair, &form)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    fairs::change_status(&state, &owner, fair, "published")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    World {
        _db: db,
        state,
        clock,
        owner,
        staff,
        fair,
        slots,
    }
}

/// Registers someone and returns the link token and the ticket's text.
async fn ticket_for(w: &World, slug: &str, name: &str, email: &str, slot: i64) -> (String, String) {
    let form = RegistrationForm {
        name: name.into(),
        email: email.into(),
        language: "de".into(),
        slot_id: slot.to_string(),
        consent: Some("yes".into()),
        ..Default::default()
    };
    let token = match registration::register(&w.state, slug, &form).await {
        Ok(Registered::Ticket { link }) => link.trim_start_matches("/tickets/").to_owned(),
        other => panic!("expected a ticket, got {other:?}"),
    };
    let payload: String = sqlx::query_scalar(
        "SELECT t.payload FROM tickets t JOIN registrations r ON r.id = t.registration_id \
         WHERE r.access_hash = $1 AND t.revoked_at IS NULL",
    )
    .bind(tokens::hash_token(&token))
    .fetch_one(w.state.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    (token, payload)
}

fn upload(nonce: &str, credential: &str) -> ScanUpload {
    ScanUpload {
        nonce: nonce.into(),
        credential: credential.into(),
        scanned_at: 0,
        offline: false,
    }
}

async fn scan_as(w: &World, device: &str, scans: &[ScanUpload]) -> Vec<ScanAnswer> {
    let fair = door::require_door(&w.state, &w.staff, "jobmesse-kassel")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    door::record_scans(
        &w.state,
        &fair,
        "Nord",
        device,
        Scanner::Staff {
            user_id: w.staff.id,
        },
        scans,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

async fn scan(w: &World, nonce: &str, credential: &str) -> ScanAnswer {
    scan_as(w, "phone-1", &[upload(nonce, credential)])
        .await
        .remove(0)
}

async fn rows(w: &World, result: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM checkins WHERE fair_id = $1 AND result = $2")
        .bind(w.fair)
        .bind(result)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or(-1)
}

fn already_in(answer: &ScanAnswer) -> Option<(i64, String)> {
    match &answer.verdict {
        Err(Refusal::AlreadyIn { at, gate }) => Some((*at, gate.clone())),
        _ => None,
    }
}

async fn a_ticket_is_admitted_once_and_a_repeated_nonce_is_answered_as_before(db: TestDb) {
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

async fn tampered_foreign_expired_and_cancelled_tickets_are_refused(db: TestDb) {
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

async fn two_devices_scanning_one_ticket_at_once_give_one_admission_and_one_refusal(db: TestDb) {
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

async fn offline_scans_sync_once_and_late_conflicts_are_reported(db: TestDb) {
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

async fn the_slot_tolerance_is_the_organisers_setting(db: TestDb) {
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

async fn walk_ins_take_a_place_and_are_admitted_at_once(db: TestDb) {
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

async fn only_door_staff_and_planners_reach_the_door(db: TestDb) {
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

async fn api_tokens_stand_for_one_fair_until_revoked(db: TestDb) {
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

async fn the_live_view_counts_per_slot_and_quarter_hour(db: TestDb) {
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

async fn a_ticket_is_admitted_once_per_check_in_list(db: TestDb) {
    let w = world(db).await;
    let (_, text) = ticket_for(
        &w,
        "jobmesse-kassel",
        "Nora Klein",
        "nora@example.org",
        w.slots[0],
    )
    .await;
    w.clock.advance(AT_DOOR - NOW);
    let fair = door::require_door(&w.state, &w.staff, "jobmesse-kassel")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let on = |list: &'static str, nonce: &'static str| {
        let (state, fair, text, staff) = (&w.state, &fair, text.clone(), w.staff.id);
        async move {
            door::record_scans_on(
                state,
                fair,
                list,
                "Saal 2",
                "phone-1",
                Scanner::Staff { user_id: staff },
                &[upload(nonce, &text)],
            )
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .remove(0)
        }
    };
    // In at the entrance, then into a talk: two lists, one admission each.
    assert_eq!(scan(&w, "list-entrance-01", &text).await.verdict, Ok(()));
    w.clock.advance(600);
    assert_eq!(on("talk-ki", "list-talk-ki-01").await.verdict, Ok(()));
    // A second time on each list is a second entry, refused.
    assert!(already_in(&scan(&w, "list-entrance-02", &text).await).is_some());
    assert_eq!(
        already_in(&on("talk-ki", "list-talk-ki-02").await),
        Some((AT_DOOR + 600, "Saal 2".into()))
    );
    // Another room is a list of its own.
    assert_eq!(on("talk-cv", "list-talk-cv-01").await.verdict, Ok(()));
    assert_eq!(rows(&w, "admitted").await, 3);
    assert_eq!(rows(&w, "duplicate").await, 2);
    // The door's pack and the live view count the entrance only.
    let pack = door::door_pack(&w.state, &w.staff, "jobmesse-kassel", Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pack.admitted.len(), 1);
    let live = door::live(&w.state, &w.owner, w.fair, Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(live.checked_in, 1);
    // The database keeps it so, whatever the code does: a second
    // admission row on the same list does not go in.
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let ticket: i64 = sqlx::query_scalar(
        "SELECT ticket_id FROM checkins WHERE result = 'admitted' AND list_key = 'talk-ki'",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap_or_default();
    let second = door_store::insert_scan(
        &mut tx,
        &door_store::NewScan {
            fair_id: w.fair,
            list: "talk-ki",
            ticket_id: ticket,
            slot_id: Some(w.slots[0]),
            result: "admitted",
            reason: "",
            gate: "",
            device: "",
            staff_user_id: None,
            door_token_id: None,
            nonce: "list-direct-0001",
            scanned_at: AT_DOOR,
            recorded_at: AT_DOOR,
            offline: false,
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(!second);
}

async fn a_door_pack_without_names_has_codes_but_no_names(db: TestDb) {
    let w = world(db).await;
    ticket_for(
        &w,
        "jobmesse-kassel",
        "Olga Petrova",
        "olga@example.org",
        w.slots[0],
    )
    .await;
    let fair = door::require_door(&w.state, &w.staff, "jobmesse-kassel")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let pack = door::door_pack_with(
        &w.state,
        &fair,
        Locale::de,
        ENTRANCE,
        PackDetail::WithoutNames,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pack.tickets.len(), 1);
    assert!(!pack.tickets[0].short_code.is_empty());
    let json = serde_json::to_string(&pack).unwrap_or_default();
    assert!(!json.contains("Olga"), "{json}");
    // The door's own pack still carries them.
    let named = door::door_pack_of(&w.state, &fair, Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(named.tickets[0].name, "Olga Petrova");
}
