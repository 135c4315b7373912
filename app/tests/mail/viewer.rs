//! The mail viewer: each person's own mail, others' secrets masked.
use super::common::*;

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

app::on_both_databases!(
    the_mail_viewer_shows_each_person_only_their_mail,
    the_mail_viewer_masks_what_is_meant_for_someone_else,
);
