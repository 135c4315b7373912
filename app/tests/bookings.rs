//! Booth booking on SQLite and PostgreSQL: never two bookings of one booth,
//! also when employers race for it; holds that expire by the clock; approval
//! with gap-free confirmation numbers, rejection, automatic confirmation,
//! cancellation rules; and who may see or change which booking.
use app::{
    auth::CurrentUser,
    bookings::{model::BookingOutcome, model::BookingStatus, service as bookings},
    clock::ManualClock,
    db::testing::{TestDb, organisation, person},
    employers::{
        model::{DirectoryFilter, JobForm, ProfileForm},
        service as employers,
    },
    error::Problem,
    fairs::{SlotForm, service as fairs},
    i18n::Locale,
    mail::outbox,
    organisations::{OrgKind, Role},
    service_error::ServiceError,
    state::{AppConfig, AppState},
};
use std::sync::Arc;

/// 2027-01-15; the fair is on 2027-03-10.
const NOW: i64 = 1_800_003_600;
const HOUR: i64 = 3600;

app::on_both_databases!(
    fifty_requests_for_one_booth_give_one_hold,
    two_hundred_employers_for_fifty_booths_give_fifty_holds,
    an_expired_hold_frees_the_booth_by_itself,
    approval_numbers_confirmations_without_gaps_and_mails_both_sides,
    a_fair_can_confirm_automatically,
    employers_cancel_within_the_fairs_rules,
    nobody_sees_or_changes_bookings_that_are_not_theirs,
    bad_requests_are_refused_clearly,
    profiles_and_jobs_fill_the_public_directory,
    only_the_employers_people_edit_its_profile_and_jobs,
    one_employer_holds_no_more_booths_than_allowed_also_when_racing,
);

struct World {
    _db: TestDb,
    state: AppState,
    clock: Arc<ManualClock>,
    organiser: CurrentUser,
    organiser_org: i64,
    fair: i64,
    booths: Vec<i64>,
}

async fn world(db: TestDb, booth_count: usize) -> World {
    let clock = Arc::new(ManualClock::at(NOW));
    let config = AppConfig {
        public_url: "https://jobfair.example".into(),
        ..AppConfig::default()
    };
    let state = AppState::new(db.db.clone(), clock.clone(), config);
    let organiser_org =
        organisation(&state.db, OrgKind::Organiser, "Agentur für Arbeit Kassel").await;
    let organiser = person(
        &state.db,
        "plan@aa-kassel.example",
        organiser_org,
        Role::Organiser,
    )
    .await;
    let form = app::db::testing::kassel_fair_form();
    let fair = fairs::create_fair(&state, &organiser, organiser_org, &form)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let slot = SlotForm {
        starts: "2027-03-10T09:00".into(),
        ends: "2027-03-10T16:00".into(),
        capacity: "100".into(),
        entry_mode: "open".into(),
    };
    fairs::add_slot(&state, &organiser, fair, &slot)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    fairs::change_status(&state, &organiser, fair, "published")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let hall: i64 = sqlx::query_scalar(
        "INSERT INTO halls (fair_id, name, width_dm, depth_dm) VALUES ($1, 'Halle 1', 2000, 200) RETURNING id",
    )
    .bind(fair)
    .fetch_one(state.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let mut booths = Vec::new();
    for i in 0..booth_count as i64 {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO booths (hall_id, label, x_dm, y_dm, width_dm, depth_dm, price_cents, extras) \
             VALUES ($1, $2, $3, 0, 30, 30, 45000, 'power,table') RETURNING id",
        )
        .bind(hall)
        .bind(format!("A{}", i + 1))
        .bind(i * 40)
        .fetch_one(state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        booths.push(id);
    }
    World {
        _db: db,
        state,
        clock,
        organiser,
        organiser_org,
        fair,
        booths,
    }
}

/// An employer organisation with its owner.
async fn employer(w: &World, n: usize) -> (i64, CurrentUser) {
    let org = organisation(&w.state.db, OrgKind::Employer, &format!("Firma {n} GmbH")).await;
    let owner = person(
        &w.state.db,
        &format!("chefin{n}@firma{n}.example"),
        org,
        Role::Owner,
    )
    .await;
    (org, owner)
}

async fn request(
    w: &World,
    who: &(i64, CurrentUser),
    booth: i64,
) -> Result<BookingOutcome, ServiceError> {
    bookings::request_booth(&w.state, &who.1, who.0, booth, &["power".to_owned()]).await
}

fn booking_id(outcome: &BookingOutcome) -> i64 {
    match outcome {
        BookingOutcome::Held { booking_id, .. } | BookingOutcome::Confirmed { booking_id, .. } => {
            *booking_id
        }
    }
}

fn problem<T: std::fmt::Debug>(result: Result<T, ServiceError>, field: &str) -> Option<Problem> {
    match result {
        Err(ServiceError::Invalid(errors)) => errors.get(field),
        other => panic!("expected a field error for {field}, got {other:?}"),
    }
}

async fn count(w: &World, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn active_bookings(w: &World) -> i64 {
    count(
        w,
        "SELECT COUNT(*) FROM booth_bookings WHERE status IN ('held', 'confirmed')",
    )
    .await
}

async fn subjects_to(w: &World, email: &str) -> Vec<String> {
    outbox::list_for_recipient(w.state.db.pool(), email)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|m| m.subject)
        .collect()
}

/// Counts answers of a crowd: (holds, "just taken").
fn tally(
    results: Vec<Result<Result<BookingOutcome, ServiceError>, tokio::task::JoinError>>,
) -> (usize, usize) {
    let (mut holds, mut taken) = (0, 0);
    for result in results {
        match result.unwrap_or_else(|e| panic!("task: {e}")) {
            Ok(BookingOutcome::Held { .. }) => holds += 1,
            Err(ServiceError::Invalid(errors))
                if errors.get("booth_id") == Some(Problem::BoothJustTaken) =>
            {
                taken += 1
            }
            other => panic!("unexpected answer: {other:?}"),
        }
    }
    (holds, taken)
}

async fn fifty_requests_for_one_booth_give_one_hold(db: TestDb) {
    let w = world(db, 1).await;
    let mut employers = Vec::new();
    for n in 0..50 {
        employers.push(employer(&w, n).await);
    }
    let booth = w.booths[0];
    let attempts = employers.into_iter().map(|(org, user)| {
        let state = w.state.clone();
        tokio::spawn(async move { bookings::request_booth(&state, &user, org, booth, &[]).await })
    });
    let (holds, taken) = tally(futures::future::join_all(attempts).await);
    assert_eq!((holds, taken), (1, 49));
    assert_eq!(active_bookings(&w).await, 1);
}

async fn two_hundred_employers_for_fifty_booths_give_fifty_holds(db: TestDb) {
    let w = world(db, 50).await;
    let mut employers = Vec::new();
    for n in 0..200 {
        employers.push(employer(&w, n).await);
    }
    let attempts = employers.into_iter().enumerate().map(|(n, (org, user))| {
        let state = w.state.clone();
        let booth = w.booths[n % 50];
        tokio::spawn(async move { bookings::request_booth(&state, &user, org, booth, &[]).await })
    });
    let (holds, taken) = tally(futures::future::join_all(attempts).await);
    assert_eq!((holds, taken), (50, 150));
    assert_eq!(active_bookings(&w).await, 50);
    assert_eq!(
        count(&w, "SELECT COUNT(DISTINCT booth_id) FROM booth_bookings").await,
        50
    );
}

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

fn job(title: &str, kind: &str, languages: &str) -> JobForm {
    JobForm {
        title: title.into(),
        kind: kind.into(),
        place_of_work: "Kassel".into(),
        starts_on: "2027-08-01".into(),
        languages: languages.into(),
        description: "Wir bilden seit 30 Jahren aus.".into(),
    }
}

async fn profiles_and_jobs_fill_the_public_directory(db: TestDb) {
    let w = world(db, 3).await;
    let (a, b) = (employer(&w, 1).await, employer(&w, 2).await);
    let a_booking = booking_id(
        &request(&w, &a, w.booths[0])
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let b_booking = booking_id(
        &request(&w, &b, w.booths[2])
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let profile = ProfileForm {
        name: "Logistik Kassel GmbH".into(),
        address: "Am Hafen 1, 34117 Kassel".into(),
        industry: "logistics".into(),
        website: "https://logistik-kassel.example".into(),
        description: "Lager, Umschlag, Transport.".into(),
        languages: "tr,de".into(),
        film_url: "https://logistik-kassel.example/film".into(),
    };
    employers::save_profile(&w.state, &a.1, a.0, &profile)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let saved = employers::profile(&w.state, &a.1, a.0)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (saved.name.as_str(), saved.languages.clone()),
        (
            "Logistik Kassel GmbH",
            vec!["de".to_owned(), "tr".to_owned()]
        )
    );
    // Saving again overwrites, and a bad form changes nothing.
    let bad = ProfileForm {
        website: "javascript:alert(1)".into(),
        name: "".into(),
        ..profile.clone()
    };
    assert_eq!(
        problem(
            employers::save_profile(&w.state, &a.1, a.0, &bad).await,
            "website"
        ),
        Some(Problem::InvalidUrl)
    );
    assert_eq!(
        employers::profile(&w.state, &a.1, a.0)
            .await
            .map(|p| p.name)
            .ok()
            .as_deref(),
        Some("Logistik Kassel GmbH")
    );
    // The logo: kept as uploaded, refused when it is no picture.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    employers::save_logo(&w.state, &a.1, a.0, &png)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        employers::logo(&w.state, a.0).await.ok().flatten(),
        Some(("image/png".to_owned(), png))
    );
    assert_eq!(
        problem(
            employers::save_logo(&w.state, &a.1, a.0, b"GIF89a").await,
            "logo"
        ),
        Some(Problem::UnsupportedFile)
    );
    assert!(matches!(
        employers::save_logo(&w.state, &b.1, a.0, b"\x89PNG\r\n\x1a\n").await,
        Err(ServiceError::Forbidden)
    ));
    assert!(
        employers::profile(&w.state, &a.1, a.0)
            .await
            .map(|p| p.has_logo)
            .unwrap_or_default()
    );

    let slug: String = sqlx::query_scalar("SELECT slug FROM fairs WHERE id = $1")
        .bind(w.fair)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or_default();
    employers::add_job(
        &w.state,
        &a.1,
        a.0,
        &slug,
        &job("Fachkraft für Lagerlogistik", "apprenticeship", "de"),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    employers::add_job(
        &w.state,
        &a.1,
        a.0,
        &slug,
        &job("Staplerfahrer/in", "mini_job", ""),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    employers::add_job(
        &w.state,
        &b.1,
        b.0,
        &slug,
        &job("Kauffrau für Büromanagement", "full_time", "en"),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        problem(
            employers::add_job(&w.state, &a.1, a.0, &slug, &job("", "gig", "")).await,
            "title"
        ),
        Some(Problem::Required)
    );

    // Held requests publish nothing; once the organiser confirms, they show.
    let held = employers::directory(&w.state, &slug, &DirectoryFilter::default(), Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(held.total, 0, "a held request publishes nothing");
    assert!(matches!(
        employers::exhibitor_page(&w.state, &slug, a.0, Locale::de).await,
        Err(ServiceError::NotFound)
    ));
    for booking in [a_booking, b_booking] {
        bookings::decide(&w.state, &w.organiser, booking, true, "")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let all = employers::directory(&w.state, &slug, &DirectoryFilter::default(), Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all.total, 2);
    let names: Vec<&str> = all.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Firma 2 GmbH", "Logistik Kassel GmbH"]);
    let kassel = &all.entries[1];
    assert_eq!(kassel.booths, ["Halle 1 · A1"]);
    assert_eq!(kassel.jobs.len(), 2);
    let filtered = |industry: &str, kind: &str, language: &str| {
        let filter = DirectoryFilter {
            industry: industry.into(),
            kind: kind.into(),
            language: language.into(),
        };
        let state = w.state.clone();
        let slug = slug.clone();
        async move {
            employers::directory(&state, &slug, &filter, Locale::de)
                .await
                .map(|d| d.entries.into_iter().map(|e| e.name).collect::<Vec<_>>())
                .unwrap_or_default()
        }
    };
    assert_eq!(
        filtered("logistics", "", "").await,
        ["Logistik Kassel GmbH"]
    );
    assert_eq!(filtered("", "full_time", "").await, ["Firma 2 GmbH"]);
    assert_eq!(filtered("", "", "tr").await, ["Logistik Kassel GmbH"]);
    assert!(filtered("it", "", "").await.is_empty());

    let page = employers::exhibitor_page(&w.state, &slug, a.0, Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.booth_ids, vec![w.booths[0]]);
    assert_eq!(
        page.profile.film_url,
        "https://logistik-kassel.example/film"
    );
    assert_eq!(
        page.jobs
            .iter()
            .map(|j| j.title.as_str())
            .collect::<Vec<_>>(),
        ["Fachkraft für Lagerlogistik", "Staplerfahrer/in"]
    );
    // Not an exhibitor there: no page.
    let c = employer(&w, 3).await;
    assert!(matches!(
        employers::exhibitor_page(&w.state, &slug, c.0, Locale::de).await,
        Err(ServiceError::NotFound)
    ));
}

async fn only_the_employers_people_edit_its_profile_and_jobs(db: TestDb) {
    let w = world(db, 2).await;
    let (a, b) = (employer(&w, 1).await, employer(&w, 2).await);
    request(&w, &a, w.booths[0])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let slug: String = sqlx::query_scalar("SELECT slug FROM fairs WHERE id = $1")
        .bind(w.fair)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or_default();
    let job_id = employers::add_job(&w.state, &a.1, a.0, &slug, &job("Lager", "full_time", ""))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let form = ProfileForm {
        name: "Übernahme AG".into(),
        ..ProfileForm::default()
    };
    assert!(matches!(
        employers::profile(&w.state, &b.1, a.0).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        employers::save_profile(&w.state, &b.1, a.0, &form).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        employers::add_job(&w.state, &b.1, a.0, &slug, &job("X", "full_time", "")).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        employers::delete_job(&w.state, &b.1, a.0, job_id).await,
        Err(ServiceError::Forbidden)
    ));
    // b acting for itself cannot delete a's job either.
    assert!(matches!(
        employers::delete_job(&w.state, &b.1, b.0, job_id).await,
        Err(ServiceError::NotFound)
    ));
    // Organisers do not edit employers' profiles.
    assert!(matches!(
        employers::save_profile(&w.state, &w.organiser, a.0, &form).await,
        Err(ServiceError::Forbidden)
    ));
    // Jobs only at fairs the employer exhibits at.
    assert_eq!(
        problem(
            employers::add_job(&w.state, &b.1, b.0, &slug, &job("Y", "full_time", "")).await,
            "form"
        ),
        Some(Problem::BookingClosed)
    );
    assert!(matches!(
        employers::jobs_page(&w.state, &b.1, b.0, &slug, Locale::de).await,
        Err(ServiceError::Forbidden)
    ));
    let mine = employers::jobs_page(&w.state, &a.1, a.0, &slug, Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mine.jobs.len(), 1);
    employers::delete_job(&w.state, &a.1, a.0, job_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count(&w, "SELECT COUNT(*) FROM jobs").await, 0);
}

async fn one_employer_holds_no_more_booths_than_allowed_also_when_racing(db: TestDb) {
    let w = world(db, 12).await;
    let greedy = employer(&w, 1).await;
    let max = w.state.config.max_booths_per_employer;
    let attempts = w.booths.iter().map(|&booth| {
        let state = w.state.clone();
        let (org, user) = greedy.clone();
        tokio::spawn(async move { bookings::request_booth(&state, &user, org, booth, &[]).await })
    });
    let answers = futures::future::join_all(attempts).await;
    let held = answers.iter().filter(|a| matches!(a, Ok(Ok(_)))).count() as i64;
    let refused = answers
        .iter()
        .filter(|a| {
            matches!(a, Ok(Err(ServiceError::Invalid(e)))
                if e.get("form") == Some(Problem::TooManyBooths { max: max as u32 }))
        })
        .count() as i64;
    assert_eq!((held, refused), (max, 12 - max));
    assert_eq!(active_bookings(&w).await, max);
    // Another employer is not affected by the first one's limit.
    let other = employer(&w, 2).await;
    let free = count(
        &w,
        "SELECT MIN(id) FROM booths WHERE id NOT IN (SELECT booth_id FROM booth_bookings)",
    )
    .await;
    assert!(request(&w, &other, free).await.is_ok());
}
