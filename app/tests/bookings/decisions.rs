//! Holds that expire by the clock, approval with gap-free numbers,
//! automatic confirmation, cancellation within the fair's rules.
use super::common::*;

async fn an_expired_hold_frees_the_booth_by_itself(db: TestDb) {
    let w = world(db, 2).await;
    let (first, second) = (employer(&w, 1).await, employer(&w, 2).await);
    let held = request(&w, &first, w.booths[0])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let BookingOutcome::Held { held_until, .. } = held else {
        panic!("expected a hold, got {held:?}");
    };
    assert_eq!(
        held_until,
        NOW + 72 * HOUR,
        "the default hold is three days"
    );
    request(&w, &first, w.booths[1])
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    // While held, nobody else gets the booth.
    w.clock.advance(72 * HOUR - 1);
    assert_eq!(
        problem(request(&w, &second, w.booths[0]).await, "booth_id"),
        Some(Problem::BoothJustTaken)
    );
    // The hold runs out: the sweep frees both booths and tells both sides.
    w.clock.advance(1);
    assert_eq!(bookings::expire_holds(&w.state).await.ok(), Some(2));
    assert_eq!(bookings::expire_holds(&w.state).await.ok(), Some(0));
    assert_eq!(active_bookings(&w).await, 0);
    let to_employer = subjects_to(&w, &first.1.email).await;
    assert!(
        to_employer
            .iter()
            .filter(|s| s.starts_with("Reservierung abgelaufen"))
            .count()
            == 2,
        "{to_employer:?}"
    );
    assert!(
        subjects_to(&w, &w.organiser.email)
            .await
            .iter()
            .any(|s| s.starts_with("Reservierung abgelaufen"))
    );
    // The organiser can no longer approve it.
    let bookings = bookings::bookings_of_fair(&w.state, &w.organiser, w.fair)
        .await
        .unwrap_or_default();
    let old = bookings
        .iter()
        .find(|b| b.booth_id == w.booths[0])
        .map(|b| b.id)
        .unwrap_or_default();
    assert_eq!(
        problem(
            bookings::decide(&w.state, &w.organiser, old, true, "").await,
            "form"
        ),
        Some(Problem::HoldExpired)
    );
    let got = request(&w, &second, w.booths[0]).await;
    assert!(matches!(got, Ok(BookingOutcome::Held { .. })), "{got:?}");

    // Without a sweep, a request for a booth whose hold ran out gets it too.
    w.clock.advance(72 * HOUR);
    let third = employer(&w, 3).await;
    let got = request(&w, &third, w.booths[0]).await;
    assert!(matches!(got, Ok(BookingOutcome::Held { .. })), "{got:?}");
    assert_eq!(active_bookings(&w).await, 1);
}

async fn approval_numbers_confirmations_without_gaps_and_mails_both_sides(db: TestDb) {
    let w = world(db, 3).await;
    let (a, b, c) = (
        employer(&w, 1).await,
        employer(&w, 2).await,
        employer(&w, 3).await,
    );
    let first = booking_id(
        &request(&w, &a, w.booths[0])
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let second = booking_id(
        &request(&w, &b, w.booths[1])
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let third = booking_id(
        &request(&w, &c, w.booths[2])
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    assert!(
        subjects_to(&w, &a.1.email)
            .await
            .contains(&"Standanfrage Halle 1 · A1: Jobmesse Kassel".to_owned())
    );
    assert!(
        subjects_to(&w, &w.organiser.email)
            .await
            .contains(&"Standanfrage Halle 1 · A1: Jobmesse Kassel".to_owned())
    );

    let decide = |id, approve, message: &'static str| {
        let (state, user) = (w.state.clone(), w.organiser.clone());
        async move { bookings::decide(&state, &user, id, approve, message).await }
    };
    assert_eq!(
        decide(second, true, "").await.ok(),
        Some(BookingStatus::Confirmed)
    );
    assert_eq!(
        decide(first, false, "Leider schon vergeben.").await.ok(),
        Some(BookingStatus::Rejected)
    );
    assert_eq!(
        decide(third, true, "").await.ok(),
        Some(BookingStatus::Confirmed)
    );
    // Deciding twice is refused and takes no number.
    assert_eq!(
        problem(decide(second, true, "").await, "form"),
        Some(Problem::TransitionNotAllowed)
    );
    let numbers: Vec<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, number FROM booth_bookings ORDER BY id")
            .fetch_all(w.state.db.pool())
            .await
            .unwrap_or_default();
    assert_eq!(
        numbers,
        vec![(first, None), (second, Some(1)), (third, Some(2))]
    );

    let doc = bookings::confirmation(&w.state, &b.1, second)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (doc.number, doc.price_cents, doc.extras.as_str()),
        (Some(1), 45000, "power")
    );
    assert_eq!(doc.employer, "Firma 2 GmbH");
    assert!(
        subjects_to(&w, &b.1.email)
            .await
            .contains(&"Buchung bestätigt: Stand Halle 1 · A2, Jobmesse Kassel".to_owned())
    );
    let rejected = outbox::list_for_recipient(w.state.db.pool(), &a.1.email)
        .await
        .unwrap_or_default();
    assert!(
        rejected
            .iter()
            .any(|m| m.subject == "Standanfrage abgelehnt: Jobmesse Kassel"
                && m.body_text.contains("Leider schon vergeben.")),
        "the rejection carries the organiser's message"
    );
    // The rejected booth is free again for someone else.
    let d = employer(&w, 4).await;
    assert!(request(&w, &d, w.booths[0]).await.is_ok());
}

async fn a_fair_can_confirm_automatically(db: TestDb) {
    let w = world(db, 2).await;
    sqlx::query("UPDATE fairs SET booking_auto_confirm = 1 WHERE id = $1")
        .bind(w.fair)
        .execute(w.state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let a = employer(&w, 1).await;
    let got = request(&w, &a, w.booths[0]).await;
    assert!(
        matches!(got, Ok(BookingOutcome::Confirmed { number: 1, .. })),
        "{got:?}"
    );
    let got = request(&w, &a, w.booths[1]).await;
    assert!(
        matches!(got, Ok(BookingOutcome::Confirmed { number: 2, .. })),
        "{got:?}"
    );
    assert!(
        subjects_to(&w, &a.1.email)
            .await
            .iter()
            .all(|s| s.starts_with("Buchung bestätigt"))
    );
}

async fn employers_cancel_within_the_fairs_rules(db: TestDb) {
    let w = world(db, 2).await;
    let a = employer(&w, 1).await;
    let held = booking_id(
        &request(&w, &a, w.booths[0])
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    bookings::cancel(&w.state, &a.1, held)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        problem(bookings::cancel(&w.state, &a.1, held).await, "form"),
        Some(Problem::TransitionNotAllowed)
    );
    assert!(
        subjects_to(&w, &w.organiser.email)
            .await
            .iter()
            .any(|s| s.starts_with("Buchung storniert"))
    );

    let confirmed = booking_id(
        &request(&w, &a, w.booths[1])
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    bookings::decide(&w.state, &w.organiser, confirmed, true, "")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Two weeks before the fair, a confirmed booking stays (the default rule).
    let fair_start = 1_804_665_600;
    w.clock.advance(fair_start - 14 * 86_400 - NOW);
    assert_eq!(
        problem(bookings::cancel(&w.state, &a.1, confirmed).await, "form"),
        Some(Problem::CancelTooLate)
    );
    assert_eq!(active_bookings(&w).await, 1);
}

app::on_both_databases!(
    an_expired_hold_frees_the_booth_by_itself,
    approval_numbers_confirmations_without_gaps_and_mails_both_sides,
    a_fair_can_confirm_automatically,
    employers_cancel_within_the_fairs_rules,
);
