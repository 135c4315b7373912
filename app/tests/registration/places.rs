//! Places: a crowd, the waitlist, a changed slot.
use super::*;

pub(super) async fn a_crowd_never_gets_more_tickets_than_places(db: TestDb) {
    const PLACES: i64 = 1_000;
    const ATTEMPTS: usize = 5_000;
    let w = world_with(db, PLACES as u32).await;
    let state = w.state.clone();
    let (slug, slot) = (w.slug.clone(), w.slots[0]);
    let attempts = (0..ATTEMPTS).map(|i| {
        let (state, slug) = (state.clone(), slug.clone());
        tokio::spawn(async move {
            let form = form(
                &format!("Person {i}"),
                &format!("person{i}@example.org"),
                slot,
            );
            registration::register(&state, &slug, &form).await
        })
    });
    let results = futures::future::join_all(attempts).await;
    let mut tickets = 0;
    let mut full = 0;
    for result in results {
        match result.unwrap_or_else(|e| panic!("task: {e}")) {
            Ok(Registered::Ticket { .. }) => tickets += 1,
            Err(ServiceError::Invalid(errors))
                if errors.get("slot_id") == Some(Problem::SlotFull) =>
            {
                full += 1
            }
            other => panic!("unexpected answer: {other:?}"),
        }
    }
    assert_eq!(tickets, PLACES);
    assert_eq!(full, ATTEMPTS as i64 - PLACES);
    assert_eq!(taken(&w, slot).await, PLACES);
    assert_eq!(
        count(&w, "SELECT COUNT(*) FROM tickets WHERE fair_id = $1").await,
        PLACES
    );
    assert_eq!(
        count(
            &w,
            "SELECT COUNT(*) FROM registrations WHERE fair_id = $1 AND status = 'active'"
        )
        .await,
        PLACES
    );
    assert_eq!(
        count(
            &w,
            "SELECT COUNT(DISTINCT short_code) FROM tickets WHERE fair_id = $1"
        )
        .await,
        PLACES
    );
}

pub(super) async fn a_full_slot_fills_its_waitlist_and_freed_places_go_first_in_line(db: TestDb) {
    let w = world_with(db, 2).await;
    let slot = w.slots[0];
    let anna = token_of(&register(&w, "Anna", "anna@example.org", slot).await);
    register(&w, "Ben", "ben@example.org", slot).await;
    // Full: refused unless the waitlist is asked for.
    let refused =
        registration::register(&w.state, &w.slug, &form("Cem", "cem@example.org", slot)).await;
    assert_eq!(problem(refused, "slot_id"), Some(Problem::SlotFull));
    let mut waiting = Vec::new();
    for name in ["cem", "dora", "emil"] {
        let mut f = form(name, &format!("{name}@example.org"), slot);
        f.waitlist = Some("yes".into());
        let answer = registration::register(&w.state, &w.slug, &f)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        waiting.push(answer);
    }
    assert!(matches!(
        waiting[0],
        Registered::Waitlisted { position: 1, .. }
    ));
    assert!(matches!(
        waiting[2],
        Registered::Waitlisted { position: 3, .. }
    ));
    let dora = token_of(&waiting[1]);
    let dora_page = registration::ticket_page(&w.state, &dora, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dora_page.status, TicketStatus::Waiting { position: 2 });
    assert!(dora_page.qr_svg.is_none(), "no ticket while waiting");

    // Anna cancels: her code is revoked and Cem, first in line, is promoted.
    let anna_payload = payload_of(&w, &anna).await.unwrap_or_default();
    registration::cancel(&w.state, &anna)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let revoked = revoked(&w).await;
    assert_eq!(
        verifier(&w)
            .await
            .verify(&anna_payload, FAIR_DAY, |id| revoked.contains(&(id as i64))),
        Err(Rejection::Revoked)
    );
    let cem = token_of(&waiting[0]);
    let cem_page = registration::ticket_page(&w.state, &cem, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cem_page.status, TicketStatus::Active);
    let cem_mails = outbox::list_for_recipient(w.state.db.pool(), "cem@example.org")
        .await
        .unwrap_or_default();
    assert_eq!(cem_mails.len(), 2, "waitlist mail, then the ticket");
    assert!(
        cem_mails[1]
            .body_text
            .contains("Ein Platz ist frei geworden")
    );

    // The organiser's export tells the waitlist from the registered.
    let csv = app::fairs::export::registrations(
        &w.state,
        &w.owner,
        w.fair,
        app::fairs::export::Separator::Semicolon,
        app::i18n::Locale::de,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&csv.bytes).into_owned();
    let status_of = |name: &str| {
        text.lines()
            .find(|line| line.starts_with(&format!("{name};")))
            .and_then(|line| line.split(';').nth(3))
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(status_of("cem"), "angemeldet");
    assert_eq!(status_of("dora"), "Warteliste");
    assert_eq!(status_of("emil"), "Warteliste");
    assert_eq!(status_of("Anna"), "storniert");
    let dora_page = registration::ticket_page(&w.state, &dora, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dora_page.status, TicketStatus::Waiting { position: 1 });
    assert_eq!(taken(&w, slot).await, 2);
    // Cancelling twice changes nothing.
    registration::cancel(&w.state, &anna)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(taken(&w, slot).await, 2);
    // A waiting jobseeker who cancels just leaves the line.
    registration::cancel(&w.state, &dora)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(taken(&w, slot).await, 2);
    // Raising the capacity promotes the rest of the line.
    let raised = SlotForm {
        starts: "2027-03-10T09:00".into(),
        ends: "2027-03-10T12:00".into(),
        capacity: "5".into(),
        entry_mode: "open".into(),
    };
    fairs::update_slot(&w.state, &w.owner, slot, &raised)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(taken(&w, slot).await, 3, "Ben, Cem and Emil");
    assert_eq!(
        count(
            &w,
            "SELECT COUNT(*) FROM registrations WHERE fair_id = $1 AND status = 'waiting'"
        )
        .await,
        0
    );
}

pub(super) async fn changing_the_slot_replaces_the_ticket(db: TestDb) {
    let w = world_with(db, 1).await;
    let lena = token_of(&register(&w, "Lena", "lena@example.org", w.slots[0]).await);
    let mut f = form("Max", "max@example.org", w.slots[0]);
    f.waitlist = Some("yes".into());
    let max = token_of(
        &registration::register(&w.state, &w.slug, &f)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let old = payload_of(&w, &lena).await.unwrap_or_default();

    registration::change_slot(&w.state, &lena, w.slots[1])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let new = payload_of(&w, &lena).await.unwrap_or_default();
    let revoked = revoked(&w).await;
    let is_revoked = |id: u32| revoked.contains(&(id as i64));
    assert_eq!(
        verifier(&w).await.verify(&old, FAIR_DAY, is_revoked),
        Err(Rejection::Revoked)
    );
    let claims = verifier(&w)
        .await
        .verify(&new, FAIR_DAY, is_revoked)
        .unwrap_or_else(|r| panic!("{r:?}"));
    assert_eq!(claims.slot_id as i64, w.slots[1]);
    // Max moved up into the freed place; the 12:30 slot is now full.
    let max_page = registration::ticket_page(&w.state, &max, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(max_page.status, TicketStatus::Active);
    assert_eq!(
        (taken(&w, w.slots[0]).await, taken(&w, w.slots[1]).await),
        (1, 1)
    );
    // No way into a full slot, nor into an invite-only one.
    let full = registration::change_slot(&w.state, &max, w.slots[1]).await;
    assert!(
        matches!(full, Err(ServiceError::Invalid(e)) if e.get("slot_id") == Some(Problem::SlotFull))
    );
    let invite_only = registration::change_slot(&w.state, &max, w.slots[2]).await;
    assert!(
        matches!(invite_only, Err(ServiceError::Invalid(e)) if e.get("slot_id") == Some(Problem::InvalidChoice))
    );
    // Unknown links find nothing.
    assert!(matches!(
        registration::cancel(&w.state, "no-such-link").await,
        Err(ServiceError::NotFound)
    ));
}
