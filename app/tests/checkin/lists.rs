//! Check-in lists and door packs without names.
use super::*;

pub(super) async fn a_ticket_is_admitted_once_per_check_in_list(db: TestDb) {
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

pub(super) async fn a_door_pack_without_names_has_codes_but_no_names(db: TestDb) {
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
