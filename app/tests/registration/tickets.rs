//! Tickets: signed and mailed, sent again, rotated keys.
use super::*;

pub(super) async fn a_ticket_verifies_with_the_published_key_and_arrives_by_mail(db: TestDb) {
    let w = world_with(db, 100).await;
    let answer = register(&w, "Ayşe Yılmaz", " Ayse.Yilmaz@Example.org ", w.slots[0]).await;
    let token = token_of(&answer);
    assert!(matches!(answer, Registered::Ticket { .. }));

    let payload = payload_of(&w, &token).await.unwrap_or_default();
    let claims = verifier(&w)
        .await
        .verify(&payload, FAIR_DAY, |_| false)
        .unwrap_or_else(|r| panic!("genuine ticket refused: {r:?}"));
    assert_eq!(claims.fair_id as i64, w.fair);
    assert_eq!(claims.slot_id as i64, w.slots[0]);
    // Valid on the fair day only (with some hours around it).
    assert_eq!(
        verifier(&w).await.verify(&payload, NOW, |_| false),
        Err(Rejection::NotYetValid)
    );
    assert_eq!(
        verifier(&w)
            .await
            .verify(&payload, FAIR_DAY + 2 * 86_400, |_| false),
        Err(Rejection::Expired)
    );
    assert!(
        !payload.to_lowercase().contains("ayse"),
        "no personal data in the QR code"
    );

    let page = registration::ticket_page(&w.state, &token, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.status, TicketStatus::Active);
    assert!(
        page.qr_svg
            .as_deref()
            .unwrap_or_default()
            .starts_with("<svg role=\"img\"")
    );
    let code = page.short_code.clone().unwrap_or_default();
    assert_eq!(ticket::normalise_short_code(&code), Some(code.clone()));
    assert_eq!(page.slot_when, "10.03.2027 · 09:00–12:00");
    assert_eq!(taken(&w, w.slots[0]).await, 1);

    let mails = outbox::list_for_recipient(w.state.db.pool(), "ayse.yilmaz@example.org")
        .await
        .unwrap_or_default();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.subject, "Ihr Ticket: Jobmesse Kassel");
    assert!(mail.body_text.contains(&code));
    assert!(
        mail.body_text
            .contains(&format!("https://jobfair.example/tickets/{token}"))
    );
    assert!(mail.body_html.contains("src=\"cid:ticket-qr@jobfair\""));
    let attachments = outbox::attachments(w.state.db.pool(), mail.id)
        .await
        .unwrap_or_default();
    assert_eq!(attachments.len(), 2);
    assert_eq!(attachments[0].content_type, "image/png");
    assert_eq!(&attachments[0].data[1..4], b"PNG");
    assert_eq!(attachments[0].content_id, "ticket-qr@jobfair");
    let ics = String::from_utf8_lossy(&attachments[1].data).to_string();
    assert!(ics.contains("DTSTART:20270310T080000Z"), "{ics}");
    assert!(ics.contains(&code));
}

pub(super) async fn a_second_registration_of_an_address_sends_the_ticket_again(db: TestDb) {
    let w = world_with(db, 100).await;
    let first = register(&w, "Jonas Becker", "jonas@example.org", w.slots[0]).await;
    // Again, other slot and other spelling of the address.
    let again = register(&w, "Jonas B.", "JONAS@example.org", w.slots[1]).await;
    assert_eq!(again, Registered::SentAgain);
    assert_eq!(
        count(&w, "SELECT COUNT(*) FROM tickets WHERE fair_id = $1").await,
        1
    );
    assert_eq!(taken(&w, w.slots[1]).await, 0);
    let mails = outbox::list_for_recipient(w.state.db.pool(), "jonas@example.org")
        .await
        .unwrap_or_default();
    assert_eq!(mails.len(), 2, "the ticket mail went out again");
    // The same personal link, so the first mail's link keeps working.
    assert!(mails[1].body_text.contains(&token_of(&first)));
    // A third try within minutes sends nothing more (no mail bombing).
    register(&w, "Jonas Becker", "jonas@example.org", w.slots[0]).await;
    assert_eq!(
        outbox::list_for_recipient(w.state.db.pool(), "jonas@example.org")
            .await
            .unwrap_or_default()
            .len(),
        2
    );
}

pub(super) async fn rotated_keys_keep_old_tickets_valid_until_retired(db: TestDb) {
    let w = world_with(db, 10).await;
    let old = payload_of(
        &w,
        &token_of(&register(&w, "Olga", "olga@example.org", w.slots[0]).await),
    )
    .await
    .unwrap_or_default();
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let new_key = keys::add_key(&mut tx, &w.state.config.ticket_secret, w.fair, NOW)
        .await
        .unwrap_or_default();
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(new_key, 2);
    let new = payload_of(
        &w,
        &token_of(&register(&w, "Paul", "paul@example.org", w.slots[0]).await),
    )
    .await
    .unwrap_or_default();
    let both = verifier(&w).await;
    assert_eq!(
        both.verify(&old, FAIR_DAY, |_| false).map(|c| c.key_id),
        Ok(1)
    );
    assert_eq!(
        both.verify(&new, FAIR_DAY, |_| false).map(|c| c.key_id),
        Ok(2)
    );
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    keys::retire_key(&mut tx, w.fair, 1, NOW)
        .await
        .unwrap_or_default();
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let only_new = verifier(&w).await;
    assert_eq!(
        only_new.verify(&old, FAIR_DAY, |_| false),
        Err(Rejection::UnknownKey)
    );
    assert!(only_new.verify(&new, FAIR_DAY, |_| false).is_ok());
}
