//! A case worker's list: checked row by row before anything is written,
//! the good rows invited once, also by the thousand.
use super::common::*;

async fn a_list_is_checked_row_by_row_and_nothing_is_written(db: TestDb) {
    let w = world(db).await;
    let preview = invitations::check_list(&w.state, &w.owner, w.fair, LIST, InviteKind::Jobseeker)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let statuses: Vec<(u32, RowStatus)> = preview
        .rows
        .iter()
        .map(|r| (r.row.line, r.status))
        .collect();
    assert_eq!(
        statuses,
        vec![
            (2, RowStatus::Ready),
            (3, RowStatus::Ready),
            (4, RowStatus::Invalid),
            (5, RowStatus::Invalid),
            (6, RowStatus::Invalid),
            (7, RowStatus::Duplicate),
        ]
    );
    let problem = |line: u32, field: &str| {
        preview
            .rows
            .iter()
            .find(|r| r.row.line == line)
            .and_then(|r| {
                r.problems
                    .iter()
                    .find(|p| p.field == field)
                    .map(|p| p.problem)
            })
    };
    assert_eq!(problem(4, "name"), Some(Problem::Required));
    assert_eq!(problem(5, "email"), Some(Problem::InvalidEmail));
    assert_eq!(problem(6, "slot"), Some(Problem::InvalidChoice));
    assert_eq!(
        preview.rows[1].row.email, "jan@example.org",
        "addresses are normalised"
    );
    assert_eq!(count(&w.state, "fair_invites").await, 0);
    assert_eq!(count(&w.state, "mail_outbox").await, 0);
    let not_a_list = invitations::check_list(
        &w.state,
        &w.owner,
        w.fair,
        "Vorname;Nachname\nJan;Weber\n",
        InviteKind::Jobseeker,
    )
    .await;
    assert!(matches!(not_a_list, Err(ServiceError::Invalid(_))));
}

async fn good_rows_are_invited_once_with_personal_and_unsubscribe_links(db: TestDb) {
    let w = world(db).await;
    let preview = invitations::check_list(&w.state, &w.owner, w.fair, LIST, InviteKind::Jobseeker)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let invited = invitations::invite(
        &w.state,
        &w.owner,
        w.fair,
        preview.ready(),
        InviteKind::Jobseeker,
    )
    .await;
    assert_eq!(invited.ok(), Some(2));
    // Sending the same rows again (a retried chunk) invites nobody twice.
    let again = invitations::invite(
        &w.state,
        &w.owner,
        w.fair,
        preview.ready(),
        InviteKind::Jobseeker,
    )
    .await;
    assert_eq!(again.ok(), Some(0));
    assert_eq!(count(&w.state, "mail_outbox").await, 2);
    let view = invitations::view(&w.state, &w.owner, w.fair, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(view.invites.iter().all(|i| i.state == InviteState::Queued));
    assert_eq!(
        view.invites
            .iter()
            .find(|i| i.email == "ayse@example.org")
            .and_then(|i| i.slot.clone())
            .as_deref(),
        Some("09:00")
    );
    let single = invitations::invite(
        &w.state,
        &w.owner,
        w.fair,
        vec![row("Ayşe", "AYSE@example.org")],
        InviteKind::Jobseeker,
    )
    .await;
    assert!(
        matches!(&single, Err(ServiceError::Invalid(e)) if e.get("email") == Some(Problem::AlreadyMember))
    );
    let broken = invitations::invite(
        &w.state,
        &w.owner,
        w.fair,
        vec![row("", "x")],
        InviteKind::Jobseeker,
    )
    .await;
    assert!(
        matches!(&broken, Err(ServiceError::Invalid(e)) if e.get("name") == Some(Problem::Required) && e.get("email") == Some(Problem::InvalidEmail))
    );

    // Delivered over SMTP: the personal link, the unsubscribe link and header, in the person's language.
    let sink = SmtpSink::start().await;
    let settings = DeliverySettings {
        from_address: "einladung@jobfair.example".into(),
        per_minute: 100_000,
        ..DeliverySettings::default()
    };
    let mailer = SmtpMailer::from_url(&sink.url(), &settings.from_address, None)
        .unwrap_or_else(|e| panic!("{e}"));
    let report = delivery::deliver_due(
        &w.state.db,
        w.state.clock.as_ref(),
        &mailer,
        &settings,
        &Pace::per_minute(100_000),
    )
    .await;
    assert_eq!(report.map(|r| r.sent).ok(), Some(2));
    let received = sink.received();
    let jan = received
        .iter()
        .find(|m| m.rcpt_to == ["<jan@example.org>"])
        .unwrap_or_else(|| panic!("no mail for Jan"));
    assert_eq!(
        jan.header("Subject").as_deref(),
        Some("Your personal invitation: Jobmesse Kassel")
    );
    let unsubscribe = jan.header("List-Unsubscribe").unwrap_or_default();
    assert!(
        unsubscribe.starts_with("<https://jobfair.example/unsubscribe/"),
        "{unsubscribe}"
    );
    assert_eq!(
        jan.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    assert_eq!(
        jan.header("Reply-To").as_deref(),
        Some("leitung@jc-kassel.example")
    );
    let body = jan.decoded();
    assert!(
        body.contains("https://jobfair.example/fairs/jobmesse-kassel/register?invite="),
        "{body}"
    );
    assert!(body.contains("Jobcenter Kassel invites you"), "{body}");
    let view = invitations::view(&w.state, &w.owner, w.fair, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(view.invites.iter().all(|i| i.state == InviteState::Sent));
}

async fn thousands_of_rows_are_checked_and_invited_in_chunks(db: TestDb) {
    let w = world(db).await;
    let mut list = String::from("Name;E-Mail;Sprache\n");
    for i in 0..3000 {
        list.push_str(&format!(
            "Person {i};person{i}@example.org;{}\n",
            if i % 3 == 0 { "en" } else { "de" }
        ));
    }
    let preview = invitations::check_list(&w.state, &w.owner, w.fair, &list, InviteKind::Jobseeker)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let ready = preview.ready();
    assert_eq!(ready.len(), 3000);
    let mut invited = 0;
    for chunk in ready.chunks(app::invitations::CHUNK) {
        invited += invitations::invite(
            &w.state,
            &w.owner,
            w.fair,
            chunk.to_vec(),
            InviteKind::Jobseeker,
        )
        .await
        .unwrap_or_default();
    }
    assert_eq!(invited, 3000);
    assert_eq!(count(&w.state, "mail_outbox").await, 3000);
}

app::on_both_databases!(
    a_list_is_checked_row_by_row_and_nothing_is_written,
    good_rows_are_invited_once_with_personal_and_unsubscribe_links,
    thousands_of_rows_are_checked_and_invited_in_chunks,
);
