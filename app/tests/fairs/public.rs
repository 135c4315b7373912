//! What a fair shows: the public page, the dashboard, the CSV exports.
use super::common::*;

async fn the_public_page_shows_published_fairs_only_with_places_left(db: TestDb) {
    let w = world(db).await;
    let (fair, slot_id, hall_id) = planned_fair(&w).await;
    assert!(
        matches!(
            views::public_fair(&w.state, "jobmesse-kassel", app::i18n::Locale::de).await,
            Err(ServiceError::NotFound)
        ),
        "drafts are not public"
    );
    ok(fairs::add_slot(
        &w.state,
        &w.owner,
        fair,
        &slot("12:30", "16:00", "800", "open"),
    )
    .await);
    let b1 = place(&w, hall_id, booth("A1", "0", "0", "4", "3")).await;
    place(&w, hall_id, booth("A2", "4", "0", "4", "3")).await;
    let employer = organisation(&w.state.db, OrgKind::Employer, "Nordhessen Logistik GmbH").await;
    book(&w.state, b1, employer, "confirmed").await;
    sqlx::query("UPDATE time_slots SET taken = 300 WHERE id = $1")
        .bind(slot_id)
        .execute(w.state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    ok(fairs::change_status(&w.state, &w.owner, fair, "published").await);

    let page = ok(views::public_fair(&w.state, "jobmesse-kassel", app::i18n::Locale::en).await);
    assert_eq!(page.title, "Kassel job fair");
    assert_eq!(
        page.description,
        fair_form().description_de,
        "German when no English text exists"
    );
    assert_eq!(page.when, "10.03.2027 · 09:00–16:00");
    assert_eq!(
        page.registration,
        RegistrationWindow::Open {
            closes: "10.03.2027, 12:00".into()
        }
    );
    assert_eq!(page.slots.len(), 2);
    assert_eq!(
        (page.slots[0].places_left(), page.slots[0].entry_mode),
        (0, EntryMode::Invite)
    );
    assert_eq!(page.slots[1].places_left(), 800);
    let booths = &page.halls[0].booths;
    assert_eq!(
        booths
            .iter()
            .filter(|b| b.availability == Availability::Booked)
            .count(),
        1
    );
    assert_eq!(
        booths[0].exhibitor.as_deref(),
        Some("Nordhessen Logistik GmbH")
    );
    assert_eq!(page.exhibitors.len(), 1);
    assert_eq!(page.exhibitors[0].booths, vec!["A1"]);
    assert!(page.url.ends_with("/fairs/jobmesse-kassel"));

    ok(fairs::change_status(&w.state, &w.owner, fair, "closed").await);
    let closed = ok(views::public_fair(&w.state, "jobmesse-kassel", app::i18n::Locale::de).await);
    assert_eq!(closed.registration, RegistrationWindow::Over);
}

async fn the_dashboard_counts_and_the_exports_open_in_excel(db: TestDb) {
    let w = world(db).await;
    let (fair, slot_id, hall_id) = planned_fair(&w).await;
    let b1 = place(&w, hall_id, booth("A1", "0", "0", "4", "3")).await;
    let b2 = place(&w, hall_id, booth("A2", "4", "0", "4", "3")).await;
    place(&w, hall_id, booth("A3", "8", "0", "4", "3")).await;
    let employer = organisation(&w.state.db, OrgKind::Employer, "Müller & Söhne GmbH").await;
    for (booth_id, status) in [(b1, "confirmed"), (b2, "held")] {
        book(&w.state, booth_id, employer, status).await;
    }
    for (i, name) in ["Ayşe Demir", "=HYPERLINK(\"http://evil\")", "Jan Weber"]
        .iter()
        .enumerate()
    {
        register(
            &w.state,
            fair,
            slot_id,
            name,
            &format!("p{i}@example.org"),
            START - 86_400 * (2 - i as i64),
        )
        .await;
    }
    let d = ok(views::dashboard(&w.state, &w.owner, fair, app::i18n::Locale::de).await);
    assert_eq!((d.booths_booked, d.booths_held, d.booths_free), (1, 1, 1));
    assert_eq!((d.registrations, d.capacity), (3, 300));
    let points = &d.series[0].points;
    assert_eq!(points.len(), 3, "one point per day");
    assert_eq!(
        points.iter().map(|p| p.total).collect::<Vec<_>>(),
        vec![1, 2, 3],
        "cumulative"
    );

    let file =
        ok(export::registrations(&w.state, &w.owner, fair, Separator::Semicolon, Locale::de).await);
    assert_eq!(file.file_name, "jobmesse-kassel-anmeldungen.csv");
    let text = String::from_utf8(file.bytes).unwrap_or_default();
    assert!(
        text.starts_with("\u{feff}Name;E-Mail;Zeitfenster;"),
        "{text}"
    );
    assert!(text.contains("Ayşe Demir;p0@example.org;10.03.2027 · 09:00–12:00;angemeldet"));
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""),
        "formula neutralised: {text}"
    );
    let comma =
        ok(export::exhibitors(&w.state, &w.owner, fair, Separator::Comma, Locale::en).await);
    let text = String::from_utf8(comma.bytes).unwrap_or_default();
    assert_eq!(
        text,
        "\u{feff}Company,Hall,Booth,Booking,Openings\r\nMüller & Söhne GmbH,Halle 1,A1,confirmed,0\r\nMüller & Söhne GmbH,Halle 1,A2,requested,0\r\n"
    );
}

app::on_both_databases!(
    the_public_page_shows_published_fairs_only_with_places_left,
    the_dashboard_counts_and_the_exports_open_in_excel,
);
