//! Invitations: a case worker's list is checked row by row before anything
//! is written, the good rows are invited once each with a personal link and
//! an unsubscribe link, states follow the mail, unsubscribing is honoured,
//! and only the fair's planners may do any of it. On SQLite and PostgreSQL.
use app::{
    auth::CurrentUser,
    clock::ManualClock,
    db::testing::{TestDb, person},
    error::Problem,
    fairs::{FairForm, SlotForm, service as fairs},
    invitations::{InviteKind, InviteRow, InviteState, RowStatus, service as invitations},
    mail::{
        delivery::{self, DeliverySettings, Pace, SmtpMailer},
        testing::SmtpSink,
    },
    organisations::{OrgKind, Role, store as org_store},
    service_error::ServiceError,
    state::{AppConfig, AppState},
};
use std::sync::Arc;

const START: i64 = 1_800_003_600;

app::on_both_databases!(
    a_list_is_checked_row_by_row_and_nothing_is_written,
    good_rows_are_invited_once_with_personal_and_unsubscribe_links,
    unsubscribed_addresses_get_no_more_invitations,
    only_planners_invite,
    thousands_of_rows_are_checked_and_invited_in_chunks,
    employers_are_invited_to_book_a_booth_apart_from_jobseekers,
);

struct World {
    _db: TestDb,
    state: AppState,
    owner: CurrentUser,
    fair: i64,
}

async fn world(db: TestDb) -> World {
    let config = AppConfig {
        public_url: "https://jobfair.example".into(),
        ..AppConfig::default()
    };
    let state = AppState::new(db.db.clone(), Arc::new(ManualClock::at(START)), config);
    let mut tx = state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let org =
        org_store::insert_organisation(&mut tx, OrgKind::Organiser, "Jobcenter Kassel", START)
            .await
            .unwrap_or_default();
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let owner = person(&state.db, "leitung@jc-kassel.example", org, Role::Owner).await;
    let form = app::db::testing::kassel_fair_form();
    let fair = fairs::create_fair(&state, &owner, org, &form)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    for (from, to) in [("09:00", "12:00"), ("12:30", "16:00")] {
        let slot = SlotForm {
            starts: format!("2027-03-10T{from}"),
            ends: format!("2027-03-10T{to}"),
            capacity: "300".into(),
            entry_mode: "invite".into(),
        };
        fairs::add_slot(&state, &owner, fair, &slot)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    World {
        _db: db,
        state,
        owner,
        fair,
    }
}

const LIST: &str = "\u{feff}Name;E-Mail;Sprache;Zeitfenster\r\n\
Ayşe Demir;ayse@example.org;de;09:00\r\n\
Jan Weber;JAN@example.org;en;\r\n\
;ohne-name@example.org;de;\r\n\
Kaputte Adresse;kaputt;de;\r\n\
Falsche Zeit;zeit@example.org;de;07:00\r\n\
Jan Weber doppelt;jan@example.org;de;12:30\r\n";

fn row(name: &str, email: &str) -> InviteRow {
    InviteRow {
        line: 0,
        name: name.into(),
        email: email.into(),
        locale: String::new(),
        slot: String::new(),
    }
}

async fn count(state: &AppState, table: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(state.db.pool())
        .await
        .unwrap_or(-1)
}

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
