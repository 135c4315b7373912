//! Who may see or change which booking, and bad requests refused clearly.
use super::common::*;

async fn nobody_sees_or_changes_bookings_that_are_not_theirs(db: TestDb) {
    let w = world(db, 1).await;
    let (a, b) = (employer(&w, 1).await, employer(&w, 2).await);
    let id = booking_id(
        &request(&w, &a, w.booths[0])
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    // Another employer: cannot book in a's name, list, cancel, or decide.
    assert!(matches!(
        bookings::request_booth(&w.state, &b.1, a.0, w.booths[0], &[]).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        bookings::bookings_of_employer(&w.state, &b.1, a.0).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        bookings::cancel(&w.state, &b.1, id).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        bookings::decide(&w.state, &b.1, id, true, "").await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        bookings::bookings_of_fair(&w.state, &b.1, w.fair).await,
        Err(ServiceError::Forbidden)
    ));
    // Employers cannot approve their own request either.
    assert!(matches!(
        bookings::decide(&w.state, &a.1, id, true, "").await,
        Err(ServiceError::Forbidden)
    ));

    // An organiser of another organisation: no list, no decision.
    let other_org = organisation(&w.state.db, OrgKind::Organiser, "IHK Fulda").await;
    let stranger = person(
        &w.state.db,
        "plan@ihk-fulda.example",
        other_org,
        Role::Owner,
    )
    .await;
    assert!(matches!(
        bookings::bookings_of_fair(&w.state, &stranger, w.fair).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        bookings::decide(&w.state, &stranger, id, true, "").await,
        Err(ServiceError::Forbidden)
    ));
    // Door staff of the running organisation cannot decide.
    let door = person(
        &w.state.db,
        "tuer@aa-kassel.example",
        w.organiser_org,
        Role::DoorStaff,
    )
    .await;
    assert!(matches!(
        bookings::decide(&w.state, &door, id, true, "").await,
        Err(ServiceError::Forbidden)
    ));

    bookings::decide(&w.state, &w.organiser, id, true, "")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // The confirmation: a's people and the organisers, nobody else.
    assert!(bookings::confirmation(&w.state, &a.1, id).await.is_ok());
    assert!(
        bookings::confirmation(&w.state, &w.organiser, id)
            .await
            .is_ok()
    );
    for outsider in [&b.1, &stranger, &door] {
        assert!(matches!(
            bookings::confirmation(&w.state, outsider, id).await,
            Err(ServiceError::NotFound)
        ));
    }
    let mine = bookings::bookings_of_employer(&w.state, &a.1, a.0)
        .await
        .unwrap_or_default();
    assert_eq!(mine.iter().map(|b| b.id).collect::<Vec<_>>(), vec![id]);
    assert!(
        bookings::bookings_of_employer(&w.state, &b.1, b.0)
            .await
            .unwrap_or_default()
            .is_empty()
    );
}

async fn bad_requests_are_refused_clearly(db: TestDb) {
    let w = world(db, 1).await;
    let a = employer(&w, 1).await;
    assert_eq!(
        problem(
            bookings::request_booth(&w.state, &a.1, a.0, w.booths[0], &["helicopter".to_owned()])
                .await,
            "extras"
        ),
        Some(Problem::InvalidChoice)
    );
    assert_eq!(
        problem(
            bookings::request_booth(&w.state, &a.1, a.0, w.booths[0], &["screen".to_owned()]).await,
            "extras"
        ),
        Some(Problem::InvalidChoice),
        "an extra the booth does not offer"
    );
    assert!(matches!(
        bookings::request_booth(&w.state, &a.1, a.0, 999_999, &[]).await,
        Err(ServiceError::NotFound)
    ));
    assert_eq!(active_bookings(&w).await, 0, "nothing written");
    // A rejection message over 1,000 characters is refused and the request
    // stays as it was.
    let held = booking_id(
        &request(&w, &a, w.booths[0])
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let long = "x".repeat(1001);
    assert_eq!(
        problem(
            bookings::decide(&w.state, &w.organiser, held, false, &long).await,
            "message"
        ),
        Some(Problem::TooLong { max: 1000 })
    );
    assert_eq!(
        count(
            &w,
            "SELECT COUNT(*) FROM booth_bookings WHERE status = 'held'"
        )
        .await,
        1
    );
    bookings::cancel(&w.state, &a.1, held)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // A fair that has begun takes no bookings.
    w.clock.advance(1_804_665_600 - NOW);
    assert_eq!(
        problem(request(&w, &a, w.booths[0]).await, "form"),
        Some(Problem::BookingClosed)
    );
}

app::on_both_databases!(
    nobody_sees_or_changes_bookings_that_are_not_theirs,
    bad_requests_are_refused_clearly,
);
