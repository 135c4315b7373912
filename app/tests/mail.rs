//! Mail delivery through a real SMTP server on loopback: each queued mail is
//! sent once with its headers and both parts, failures are retried with
//! backoff or given up with the error kept, a worker that dies loses nothing,
//! and concurrent workers never send a mail twice. On SQLite and PostgreSQL.
use app::{
    clock::{Clock, ManualClock},
    db::testing::TestDb,
    i18n::Locale,
    mail::{
        Message,
        delivery::{self, DeliverySettings, Pace, SmtpMailer},
        outbox::{self, Envelope},
        testing::{Answer, SmtpSink},
    },
};

const START: i64 = 1_800_000_000;

app::on_both_databases!(
    queued_mails_are_sent_once_with_headers_and_both_parts,
    temporary_failures_are_retried_with_backoff_and_permanent_ones_kept,
    a_worker_that_dies_mid_send_loses_nothing,
    concurrent_workers_never_send_a_mail_twice,
    the_mail_viewer_shows_each_person_only_their_mail,
    the_mail_viewer_masks_what_is_meant_for_someone_else,
);

fn settings() -> DeliverySettings {
    DeliverySettings {
        from_address: "einladung@jobfair.example".into(),
        per_minute: 600_000,
        max_attempts: 3,
        ..DeliverySettings::default()
    }
}

async fn queue(db: &TestDb, n: usize, organisation: Option<&str>) {
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    for i in 0..n {
        let key = format!("test:{i}");
        let recipient = format!("person{i}@example.org");
        let message = Message {
            subject: format!("Einladung zur Jobmesse Nr. {i}"),
            text: format!(
                "Hallo,\nIhr persönlicher Link: https://jobfair.example/r/token-{i}-abcdefghijklmnopqrstuvwxyz0123456789\n"
            ),
            html: format!(
                "<p>Hallo,</p><p><a href=\"https://jobfair.example/r/token-{i}\">Jetzt anmelden</a></p>"
            ),
            attachments: Vec::new(),
        };
        let envelope = Envelope {
            idempotency_key: &key,
            recipient: &recipient,
            organisation_id: None,
            sender_name: organisation,
            reply_to: organisation.map(|_| "team@jobcenter.example"),
            list_unsubscribe: None,
        };
        outbox::enqueue_for(&mut tx, &envelope, Locale::de, &message, START)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
}

async fn statuses(db: &TestDb) -> Vec<(String, i64, Option<String>)> {
    sqlx::query_as("SELECT status, attempts, last_error FROM mail_outbox ORDER BY id")
        .fetch_all(db.pool())
        .await
        .unwrap_or_default()
}

fn mailer(sink: &SmtpSink) -> SmtpMailer {
    SmtpMailer::from_url(&sink.url(), &settings().from_address, None)
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn pass(db: &TestDb, clock: &dyn Clock, mailer: &SmtpMailer) -> delivery::PassReport {
    let pace = Pace::per_minute(settings().per_minute);
    delivery::deliver_due(db, clock, mailer, &settings(), &pace)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn queued_mails_are_sent_once_with_headers_and_both_parts(db: TestDb) {
    let sink = SmtpSink::start().await;
    let clock = ManualClock::at(START);
    queue(&db, 2, Some("Jobcenter Kassel")).await;
    let mailer = mailer(&sink);
    let report = pass(&db, &clock, &mailer).await;
    assert_eq!(report.sent, 2);
    let received = sink.received();
    assert_eq!(received.len(), 2);
    let first = received
        .iter()
        .find(|m| m.rcpt_to == ["<person0@example.org>"])
        .unwrap_or_else(|| panic!("no mail for person0"));
    assert_eq!(first.mail_from, "<einladung@jobfair.example>");
    let from = first.header("From").unwrap_or_default();
    assert!(from.contains("einladung@jobfair.example"), "{from}");
    assert!(
        from.contains("Jobcenter Kassel · Jobfair"),
        "sender name of the organisation: {from}"
    );
    assert_eq!(
        first.header("Subject").as_deref(),
        Some("Einladung zur Jobmesse Nr. 0")
    );
    assert_eq!(
        first.header("Reply-To").as_deref(),
        Some("team@jobcenter.example")
    );
    assert!(first.header("Subject").is_some_and(|s| !s.is_empty()));
    assert!(
        first
            .header("Message-ID")
            .is_some_and(|id| id.ends_with("@jobfair.example>"))
    );
    assert!(
        first
            .header("Content-Type")
            .is_some_and(|t| t.starts_with("multipart/alternative"))
    );
    let decoded = first.decoded();
    assert!(
        decoded.contains("Content-Type: text/plain; charset=utf-8"),
        "{decoded}"
    );
    assert!(decoded.contains("Content-Type: text/html; charset=utf-8"));
    assert!(
        decoded.contains("https://jobfair.example/r/token-0-abcdefghijklmnopqrstuvwxyz0123456789"),
        "the personal link, whole"
    );
    assert!(decoded.contains("Ihr persönlicher Link"));
    assert!(
        statuses(&db)
            .await
            .iter()
            .all(|(s, a, _)| s == "sent" && *a == 1)
    );
    // Nothing is due any more: a second pass sends nothing.
    clock.advance(3600);
    assert_eq!(pass(&db, &clock, &mailer).await.claimed(), 0);
    assert_eq!(sink.received().len(), 2);
}

async fn temporary_failures_are_retried_with_backoff_and_permanent_ones_kept(db: TestDb) {
    let sink = SmtpSink::start().await;
    let clock = ManualClock::at(START);
    queue(&db, 1, None).await;
    let mailer = mailer(&sink);
    sink.answer_with(Answer::Temporary);
    assert_eq!(pass(&db, &clock, &mailer).await.retried, 1);
    let (status, attempts, error) = statuses(&db).await.remove(0);
    assert_eq!((status.as_str(), attempts), ("queued", 1));
    assert!(error.unwrap_or_default().contains("451"));
    clock.advance(29);
    assert_eq!(
        pass(&db, &clock, &mailer).await.claimed(),
        0,
        "not before the backoff ends"
    );
    clock.advance(1);
    sink.answer_with(Answer::Accept);
    assert_eq!(pass(&db, &clock, &mailer).await.sent, 1);
    assert_eq!(statuses(&db).await[0].0, "sent");
    assert_eq!(sink.received().len(), 1);

    // A permanent refusal is not retried; the error stays for the organiser.
    queue_one(&db, "test:permanent").await;
    sink.answer_with(Answer::Permanent);
    assert_eq!(pass(&db, &clock, &mailer).await.failed, 1);
    let (status, _, error) = statuses(&db).await.remove(1);
    assert_eq!(status, "failed");
    assert!(error.unwrap_or_default().contains("550"));

    // Temporary failures end as failed after the last attempt.
    queue_one(&db, "test:flaky").await;
    sink.answer_with(Answer::Temporary);
    for _ in 0..3 {
        pass(&db, &clock, &mailer).await;
        clock.advance(3600);
    }
    let (status, attempts, _) = statuses(&db).await.remove(2);
    assert_eq!((status.as_str(), attempts), ("failed", 3));
}

async fn queue_one(db: &TestDb, key: &str) {
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let message = Message {
        subject: "Test".into(),
        text: "Text".into(),
        html: "<p>Text</p>".into(),
        attachments: Vec::new(),
    };
    outbox::enqueue(
        &mut tx,
        key,
        "someone@example.org",
        Locale::en,
        &message,
        START,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
}

async fn a_worker_that_dies_mid_send_loses_nothing(db: TestDb) {
    let sink = SmtpSink::start().await;
    let clock = ManualClock::at(START);
    queue(&db, 5, None).await;
    // A worker claims the mails and dies before sending any.
    let claimed = outbox::claim_due(&db, START, START + 300, 50)
        .await
        .unwrap_or_default();
    assert_eq!(claimed.len(), 5);
    let mailer = mailer(&sink);
    assert_eq!(
        pass(&db, &clock, &mailer).await.claimed(),
        0,
        "the lease is respected"
    );
    clock.advance(300);
    assert_eq!(
        pass(&db, &clock, &mailer).await.sent,
        5,
        "taken over after the lease"
    );
    let received = sink.received();
    let mut ids: Vec<String> = received
        .iter()
        .filter_map(|m| m.header("Message-ID"))
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5);
}

async fn concurrent_workers_never_send_a_mail_twice(db: TestDb) {
    let sink = SmtpSink::start().await;
    queue(&db, 60, None).await;
    let db = std::sync::Arc::new(db);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (db, sink) = (db.clone(), sink.clone());
            tokio::spawn(async move {
                let clock = ManualClock::at(START);
                let mailer = mailer(&sink);
                let small = DeliverySettings {
                    batch: 7,
                    ..settings()
                };
                let pace = Pace::per_minute(small.per_minute);
                let mut sent = 0;
                loop {
                    let report = delivery::deliver_due(&db, &clock, &mailer, &small, &pace)
                        .await
                        .unwrap_or_else(|e| panic!("{e}"));
                    if report.claimed() == 0 {
                        break sent;
                    }
                    sent += report.sent;
                }
            })
        })
        .collect();
    let mut total = 0;
    for worker in workers {
        total += worker.await.unwrap_or_default();
    }
    assert_eq!(total, 60);
    let received = sink.received();
    assert_eq!(received.len(), 60, "every mail once");
    let mut recipients: Vec<String> = received.iter().flat_map(|m| m.rcpt_to.clone()).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 60, "no mail twice");
}

async fn the_mail_viewer_shows_each_person_only_their_mail(db: TestDb) {
    use app::{
        mail_viewer::service as viewer,
        organisations::{OrgKind, Role, store as org_store},
        service_error::ServiceError,
        state::{AppConfig, AppState},
    };
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let kassel =
        org_store::insert_organisation(&mut tx, OrgKind::Organiser, "Jobcenter Kassel", START)
            .await
            .unwrap_or_default();
    let fulda =
        org_store::insert_organisation(&mut tx, OrgKind::Organiser, "Jobcenter Fulda", START)
            .await
            .unwrap_or_default();
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let planner =
        app::db::testing::person(&db, "plan@kassel.example", kassel, Role::Organiser).await;
    let door = app::db::testing::person(&db, "tuer@kassel.example", kassel, Role::DoorStaff).await;
    let other = app::db::testing::person(&db, "chef@fulda.example", fulda, Role::Owner).await;
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let message = Message {
        subject: "Einladung".into(),
        text: "Text".into(),
        html: "<p>Text</p>".into(),
        attachments: Vec::new(),
    };
    for (key, to, org) in [
        ("a", "gast@example.org", Some(kassel)),
        ("b", "tuer@kassel.example", None),
        ("c", "x@example.org", Some(fulda)),
    ] {
        let envelope = Envelope {
            idempotency_key: key,
            recipient: to,
            organisation_id: org,
            sender_name: None,
            reply_to: None,
            list_unsubscribe: None,
        };
        outbox::enqueue_for(&mut tx, &envelope, Locale::de, &message, START)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let state = AppState::new(
        db.db.clone(),
        std::sync::Arc::new(ManualClock::at(START)),
        AppConfig::default(),
    );
    let recipients = |list: Vec<app::mail_viewer::MailSummary>| {
        list.into_iter().map(|m| m.recipient).collect::<Vec<_>>()
    };
    assert_eq!(
        recipients(viewer::list(&state, &planner).await.unwrap_or_default()),
        ["gast@example.org"]
    );
    assert_eq!(
        recipients(viewer::list(&state, &door).await.unwrap_or_default()),
        ["tuer@kassel.example"],
        "door staff see only their own"
    );
    assert_eq!(
        recipients(viewer::list(&state, &other).await.unwrap_or_default()),
        ["x@example.org"]
    );
    let fulda_mail = viewer::list(&state, &other).await.unwrap_or_default()[0].id;
    assert!(matches!(
        viewer::show(&state, &planner, fulda_mail).await,
        Err(ServiceError::NotFound)
    ));
    assert_eq!(
        viewer::show(&state, &other, fulda_mail)
            .await
            .map(|m| m.body_html)
            .ok()
            .as_deref(),
        Some("<p>Text</p>")
    );
}

async fn the_mail_viewer_masks_what_is_meant_for_someone_else(db: TestDb) {
    use app::{
        auth::CurrentUser,
        mail::templates::Attachment,
        mail_viewer::service as viewer,
        organisations::{OrgKind, Role, store as org_store},
        service_error::ServiceError,
        state::{AppConfig, AppState},
    };
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let mut orgs = Vec::new();
    for (name, kind) in [
        ("Jobcenter Kassel", OrgKind::Organiser),
        ("Jobcenter Fulda", OrgKind::Organiser),
        ("Firma", OrgKind::Employer),
    ] {
        orgs.push(
            org_store::insert_organisation(&mut tx, kind, name, START)
                .await
                .unwrap_or_default(),
        );
    }
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let (kassel, fulda, firm) = (orgs[0], orgs[1], orgs[2]);
    let person =
        |email: &'static str, org: i64, role: Role| app::db::testing::person(&db, email, org, role);
    let owner = person("chefin@kassel.example", kassel, Role::Owner).await;
    let planner = person("plan@kassel.example", kassel, Role::Organiser).await;
    let door = person("tuer@kassel.example", kassel, Role::DoorStaff).await;
    let stranger = person("chef@fulda.example", fulda, Role::Owner).await;
    let guest = person("gast@example.org", firm, Role::Owner).await;
    let unproven_guest = CurrentUser {
        email_verified: false,
        ..guest.clone()
    };

    let secret = "k3Jx_-abcdefghijklmnopqrstuvwxyz0123456789";
    let message = Message {
        subject: "Ihr Ticket".into(),
        text: format!(
            "Ihr Ticket: https://jobfair.example/tickets/{secret}\nKurzcode: ACDE-FGHJ\n"
        ),
        html: format!(
            "<p><img src=\"cid:qr\" alt=\"QR\"> <a href=\"https://jobfair.example/tickets/{secret}\">Ticket</a> ACDE-FGHJ</p>"
        ),
        attachments: vec![
            Attachment {
                filename: "qr.png".into(),
                content_type: "image/png".into(),
                content_id: "qr".into(),
                data: vec![137, 80, 78, 71],
            },
            Attachment {
                filename: "ticket.ics".into(),
                content_type: "text/calendar".into(),
                content_id: String::new(),
                data: format!("URL:https://jobfair.example/tickets/{secret}").into_bytes(),
            },
        ],
    };
    let envelope = Envelope {
        idempotency_key: "ticket:1",
        recipient: "gast@example.org",
        organisation_id: Some(kassel),
        sender_name: None,
        reply_to: None,
        list_unsubscribe: None,
    };
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    outbox::enqueue_for(&mut tx, &envelope, Locale::de, &message, START)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let state = AppState::new(
        db.db.clone(),
        std::sync::Arc::new(ManualClock::at(START)),
        AppConfig::default(),
    );
    let id = viewer::list(&state, &guest).await.unwrap_or_default()[0].id;

    // The person it is for reads it whole, once the address is proven.
    let own = viewer::show(&state, &guest, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(own.body_text.contains(secret));
    assert!(
        own.body_html.contains("data:image/png;base64,"),
        "the QR code is shown"
    );
    assert_eq!(own.attachments.len(), 2);
    assert!(matches!(
        viewer::show(&state, &unproven_guest, id).await,
        Err(ServiceError::NotFound)
    ));
    assert!(
        viewer::list(&state, &unproven_guest)
            .await
            .unwrap_or_default()
            .is_empty()
    );

    // The organisation's planners read the log with the secrets masked.
    for reader in [&owner, &planner] {
        let listed = viewer::list(&state, reader).await.unwrap_or_default();
        assert_eq!(listed.len(), 1, "{}", reader.email);
        let log = viewer::show(&state, reader, id)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        for body in [&log.body_text, &log.body_html] {
            assert!(!body.contains(secret), "{body}");
            assert!(!body.contains("ACDE-FGHJ"), "{body}");
            assert!(
                body.contains("https://jobfair.example/tickets/••••••"),
                "{body}"
            );
        }
        assert!(!log.body_html.contains("data:image"), "no QR code");
        assert!(log.attachments.is_empty(), "no calendar file with the link");
    }

    // Door staff and other organisations read nothing of it.
    for reader in [&door, &stranger] {
        assert!(
            viewer::list(&state, reader)
                .await
                .unwrap_or_default()
                .is_empty()
        );
        assert!(matches!(
            viewer::show(&state, reader, id).await,
            Err(ServiceError::NotFound)
        ));
    }
}
