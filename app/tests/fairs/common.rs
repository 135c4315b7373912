//! What the fair planning tests share: an organiser's owner, the Kassel
//! fair's forms, a planned fair, and direct writes of what other domains do.
#![allow(unused_imports)] // each subject uses some of these
pub use crate::support::setup::Setup;
pub use app::{
    auth::CurrentUser,
    clock::ManualClock,
    db::testing::{TestDb, organisation, person},
    error::{FORM, Problem},
    fairs::{
        EntryMode, FairForm, FairStatus, RegistrationWindow, SlotForm,
        export::{self, Separator},
        service as fairs, views,
    },
    floorplan::{Availability, BoothForm, HallForm, service as floorplan},
    i18n::Locale,
    organisations::{OrgKind, Role},
    service_error::ServiceError,
    state::{AppConfig, AppState},
};
pub use std::sync::Arc;

/// 2027-01-15 09:00 UTC; the test fair is in March 2027.
pub const START: i64 = 1_800_003_600;

pub struct World {
    pub _db: TestDb,
    pub state: AppState,
    pub _clock: Arc<ManualClock>,
    /// The lead organiser organisation and its owner.
    pub org: i64,
    pub owner: CurrentUser,
}

pub async fn world(db: TestDb) -> World {
    let setup = Setup::new(db, START);
    let lead = setup
        .organiser(
            "Agentur für Arbeit Kassel",
            "leitung@aa-kassel.de",
            Role::Owner,
        )
        .await;
    World {
        _db: setup.db,
        state: setup.state,
        _clock: setup.clock,
        org: lead.org,
        owner: lead.user,
    }
}

pub fn fair_form() -> FairForm {
    FairForm {
        title_de: "Jobmesse Kassel".into(),
        title_en: "Kassel job fair".into(),
        description_de:
            "Arbeitgeber aus Nordhessen stellen sich vor. Bringen Sie Ihren Lebenslauf mit.".into(),
        venue_name: "Messe Kassel, Halle 1".into(),
        venue_address: "Damaschkestraße 55, 34121 Kassel".into(),
        starts: "2027-03-10T09:00".into(),
        ends: "2027-03-10T16:00".into(),
        registration_opens: "2027-01-01T08:00".into(),
        registration_closes: "2027-03-10T12:00".into(),
        ..Default::default()
    }
}

pub fn slot(from: &str, to: &str, capacity: &str, mode: &str) -> SlotForm {
    SlotForm {
        starts: format!("2027-03-10T{from}"),
        ends: format!("2027-03-10T{to}"),
        capacity: capacity.into(),
        entry_mode: mode.into(),
    }
}

pub fn hall(name: &str, width: &str, depth: &str) -> HallForm {
    HallForm {
        name: name.into(),
        width_m: width.into(),
        depth_m: depth.into(),
    }
}

pub fn booth(label: &str, x: &str, y: &str, w: &str, d: &str) -> BoothForm {
    BoothForm {
        label: label.into(),
        x_m: x.into(),
        y_m: y.into(),
        width_m: w.into(),
        depth_m: d.into(),
        category: "standard".into(),
        price_eur: "600".into(),
        power: Some("on".into()),
        ..Default::default()
    }
}

/// Places a booth as the fair's owner; its id.
pub async fn place(w: &World, hall_id: i64, form: BoothForm) -> i64 {
    ok(floorplan::save_booth(&w.state, &w.owner, hall_id, None, &form).await)
}

/// An employer's booking, written directly (booking is the employers' issue).
pub async fn book(state: &AppState, booth_id: i64, org_id: i64, status: &str) {
    sqlx::query("INSERT INTO booth_bookings (booth_id, organisation_id, status, created_at) VALUES ($1, $2, $3, $4)")
        .bind(booth_id)
        .bind(org_id)
        .bind(status)
        .bind(START)
        .execute(state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

/// A jobseeker's registration, written directly.
pub async fn register(state: &AppState, fair: i64, slot_id: i64, name: &str, email: &str, at: i64) {
    sqlx::query(
        "INSERT INTO registrations (fair_id, slot_id, name, email, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(fair)
    .bind(slot_id)
    .bind(name)
    .bind(email)
    .bind(at)
    .execute(state.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

pub fn problem<T: std::fmt::Debug>(
    result: Result<T, ServiceError>,
    field: &str,
) -> Option<Problem> {
    match result {
        Err(ServiceError::Invalid(errors)) => errors.get(field),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

pub fn ok<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("unexpected error: {e}"))
}

pub async fn count(state: &AppState, table: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(state.db.pool())
        .await
        .unwrap_or(-1)
}

/// A fair with one slot and one hall, as its owner planned it.
pub async fn planned_fair(w: &World) -> (i64, i64, i64) {
    let fair = ok(fairs::create_fair(&w.state, &w.owner, w.org, &fair_form()).await);
    let slot_id = ok(fairs::add_slot(
        &w.state,
        &w.owner,
        fair,
        &slot("09:00", "12:00", "300", "invite"),
    )
    .await);
    let hall_id =
        ok(floorplan::add_hall(&w.state, &w.owner, fair, &hall("Halle 1", "40", "20")).await);
    (fair, slot_id, hall_id)
}
