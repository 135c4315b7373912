//! What the booking tests share: a published fair with a hall of booths,
//! employers, and questions about the bookings.
#![allow(unused_imports)] // each subject uses some of these
pub use crate::support::setup::Setup;
pub use app::{
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
    mail::outbox,
    organisations::{OrgKind, Role},
    service_error::ServiceError,
    state::{AppConfig, AppState},
};
pub use std::sync::Arc;

/// 2027-01-15; the fair is on 2027-03-10.
pub const NOW: i64 = 1_800_003_600;
pub const HOUR: i64 = 3600;

pub struct World {
    pub _db: TestDb,
    pub state: AppState,
    pub clock: Arc<ManualClock>,
    pub organiser: CurrentUser,
    pub organiser_org: i64,
    pub fair: i64,
    pub booths: Vec<i64>,
}

/// A published fair (one open slot, 09:00–16:00 for 100) of the Kassel
/// agency with `booth_count` booths in one hall.
pub async fn world(db: TestDb, booth_count: usize) -> World {
    let config = AppConfig {
        public_url: "https://jobfair.example".into(),
        ..AppConfig::default()
    };
    let setup = Setup::with_config(db, NOW, config);
    let planner = setup
        .organiser(
            "Agentur für Arbeit Kassel",
            "plan@aa-kassel.example",
            Role::Organiser,
        )
        .await;
    let fair = setup
        .fair(&planner)
        .with_slot("09:00", "16:00", 100, "open")
        .published()
        .with_booths(booth_count)
        .create()
        .await;
    World {
        _db: setup.db,
        state: setup.state,
        clock: setup.clock,
        organiser: planner.user,
        organiser_org: planner.org,
        fair: fair.id,
        booths: fair.booths,
    }
}

/// An employer organisation with its owner.
pub async fn employer(w: &World, n: usize) -> (i64, CurrentUser) {
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

pub async fn request(
    w: &World,
    who: &(i64, CurrentUser),
    booth: i64,
) -> Result<BookingOutcome, ServiceError> {
    bookings::request_booth(&w.state, &who.1, who.0, booth, &["power".to_owned()]).await
}

pub fn booking_id(outcome: &BookingOutcome) -> i64 {
    match outcome {
        BookingOutcome::Held { booking_id, .. } | BookingOutcome::Confirmed { booking_id, .. } => {
            *booking_id
        }
    }
}

pub fn problem<T: std::fmt::Debug>(
    result: Result<T, ServiceError>,
    field: &str,
) -> Option<Problem> {
    match result {
        Err(ServiceError::Invalid(errors)) => errors.get(field),
        other => panic!("expected a field error for {field}, got {other:?}"),
    }
}

pub async fn count(w: &World, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

pub async fn active_bookings(w: &World) -> i64 {
    count(
        w,
        "SELECT COUNT(*) FROM booth_bookings WHERE status IN ('held', 'confirmed')",
    )
    .await
}

pub async fn subjects_to(w: &World, email: &str) -> Vec<String> {
    outbox::list_for_recipient(w.state.db.pool(), email)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|m| m.subject)
        .collect()
}

/// Counts answers of a crowd: (holds, "just taken").
pub fn tally(
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

pub fn job(title: &str, kind: &str, languages: &str) -> JobForm {
    JobForm {
        title: title.into(),
        kind: kind.into(),
        place_of_work: "Kassel".into(),
        starts_on: "2027-08-01".into(),
        languages: languages.into(),
        description: "Wir bilden seit 30 Jahren aus.".into(),
    }
}
