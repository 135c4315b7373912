//! Unsubscribing is honoured, only planners invite, employers are invited
//! apart from jobseekers.
use super::common::*;

async fn unsubscribed_addresses_get_no_more_invitations(db: TestDb) {
    let w = world(db).await;
    invitations::invite(
        &w.state,
        &w.owner,
        w.fair,
        vec![row("Jan Weber", "jan@example.org")],
        InviteKind::Jobseeker,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let mails = app::mail::outbox::list_for_recipient(w.state.db.pool(), "jan@example.org")
        .await
        .unwrap_or_default();
    let text = &mails[0].body_text;
    let token = text
        .split("/unsubscribe/")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .unwrap_or_default();
    assert!(matches!(
        invitations::unsubscribe(&w.state, "falsch").await,
        Err(ServiceError::Invalid(_))
    ));
    invitations::unsubscribe(&w.state, token)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    invitations::unsubscribe(&w.state, token)
        .await
        .unwrap_or_else(|e| panic!("twice is fine: {e}"));
    // A second fair of the same organiser: the address is skipped.
    let form = FairForm {
        title_de: "Herbstmesse".into(),
        venue_name: "Messe Kassel".into(),
        venue_address: "Damaschkestraße 55".into(),
        starts: "2027-09-10T09:00".into(),
        ends: "2027-09-10T16:00".into(),
        registration_opens: "2027-08-01T08:00".into(),
        registration_closes: "2027-09-10T12:00".into(),
        ..Default::default()
    };
    let autumn = fairs::create_fair(&w.state, &w.owner, 1, &form)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let preview = invitations::check_list(
        &w.state,
        &w.owner,
        autumn,
        "name;email\nJan Weber;jan@example.org\nLena;lena@example.org\n",
        InviteKind::Jobseeker,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        preview.rows.iter().map(|r| r.status).collect::<Vec<_>>(),
        vec![RowStatus::Unsubscribed, RowStatus::Ready]
    );
    let rows = vec![
        row("Jan Weber", "jan@example.org"),
        row("Lena", "lena@example.org"),
    ];
    assert_eq!(
        invitations::invite(&w.state, &w.owner, autumn, rows, InviteKind::Jobseeker)
            .await
            .ok(),
        Some(1)
    );
}

async fn only_planners_invite(db: TestDb) {
    let w = world(db).await;
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let other =
        org_store::insert_organisation(&mut tx, OrgKind::Organiser, "Jobcenter Fulda", START)
            .await
            .unwrap_or_default();
    let employer =
        org_store::insert_organisation(&mut tx, OrgKind::Employer, "Logistik GmbH", START)
            .await
            .unwrap_or_default();
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let door = person(&w.state.db, "tuer@jc-kassel.example", 1, Role::DoorStaff).await;
    let stranger = person(&w.state.db, "chef@jc-fulda.example", other, Role::Owner).await;
    let company = person(&w.state.db, "hr@logistik.example", employer, Role::Owner).await;
    for outsider in [&door, &stranger, &company] {
        assert!(matches!(
            invitations::check_list(&w.state, outsider, w.fair, LIST, InviteKind::Jobseeker).await,
            Err(ServiceError::Forbidden)
        ));
        assert!(matches!(
            invitations::invite(
                &w.state,
                outsider,
                w.fair,
                vec![row("A", "a@example.org")],
                InviteKind::Jobseeker
            )
            .await,
            Err(ServiceError::Forbidden)
        ));
        assert!(matches!(
            invitations::view(&w.state, outsider, w.fair, app::i18n::Locale::de).await,
            Err(ServiceError::Forbidden)
        ));
    }
    assert_eq!(count(&w.state, "fair_invites").await, 0);
}

async fn employers_are_invited_to_book_a_booth_apart_from_jobseekers(db: TestDb) {
    let w = world(db).await;
    let person = || vec![row("Lena Wagner", "lena@logistik.example")];
    assert_eq!(
        invitations::invite(&w.state, &w.owner, w.fair, person(), InviteKind::Jobseeker)
            .await
            .ok(),
        Some(1)
    );
    assert_eq!(
        invitations::invite(&w.state, &w.owner, w.fair, person(), InviteKind::Employer)
            .await
            .ok(),
        Some(1),
        "a different invitation"
    );
    assert!(
        invitations::invite(&w.state, &w.owner, w.fair, person(), InviteKind::Employer)
            .await
            .is_err(),
        "but only once"
    );
    let mails = app::mail::outbox::list_for_recipient(w.state.db.pool(), "lena@logistik.example")
        .await
        .unwrap_or_default();
    assert_eq!(mails.len(), 2);
    assert_eq!(
        mails[1].subject,
        "Einladung zum Ausstellen: Jobmesse Kassel"
    );
    assert!(
        mails[1].body_text.contains("Stand buchen")
            || mails[1].body_text.contains("einen Stand buchen"),
        "{}",
        mails[1].body_text
    );
    let view = invitations::view(&w.state, &w.owner, w.fair, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let kinds: Vec<InviteKind> = view.invites.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, vec![InviteKind::Employer, InviteKind::Jobseeker]);
}

app::on_both_databases!(
    unsubscribed_addresses_get_no_more_invitations,
    only_planners_invite,
    employers_are_invited_to_book_a_booth_apart_from_jobseekers,
);
