//! Service tests for fair planning: status steps, time slots and their
//! capacities, halls and booths, who may change a fair, co-organisers, the
//! public page, the dashboard and the CSV exports. Every test runs on a
//! fresh SQLite database and on a fresh PostgreSQL database.
use app::{
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
use std::sync::Arc;

/// 2027-01-15 09:00 UTC; the test fair is in March 2027.
const START: i64 = 1_800_003_600;

app::on_both_databases!(
    an_organiser_creates_a_draft_fair_and_bad_input_writes_nothing,
    status_steps_follow_the_rules_and_publishing_needs_a_slot,
    a_capacity_below_the_places_taken_is_refused,
    slots_must_lie_within_the_fair,
    overlapping_booths_and_booths_outside_the_hall_are_refused,
    a_hall_cannot_shrink_below_its_booths,
    booked_booths_and_used_slots_cannot_be_deleted,
    only_planners_of_an_organising_organisation_may_change_a_fair,
    a_co_organiser_has_the_same_rights_until_removed,
    the_public_page_shows_published_fairs_only_with_places_left,
    the_dashboard_counts_and_the_exports_open_in_excel,
    concurrent_booths_on_the_same_spot_leave_exactly_one,
    archived_fairs_are_read_only_everywhere,
);

struct World {
    _db: TestDb,
    state: AppState,
    _clock: ManualClock,
    /// The lead organiser organisation and its owner.
    org: i64,
    owner: CurrentUser,
}

async fn world(db: TestDb) -> World {
    let clock = ManualClock::at(START);
    let state = AppState::new(db.db.clone(), Arc::new(clock.clone()), AppConfig::default());
    let org = organisation(&state.db, OrgKind::Organiser, "Agentur für Arbeit Kassel").await;
    let owner = person(&state.db, "leitung@aa-kassel.de", org, Role::Owner).await;
    World {
        _db: db,
        state,
        _clock: clock,
        org,
        owner,
    }
}

fn fair_form() -> FairForm {
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

fn slot(from: &str, to: &str, capacity: &str, mode: &str) -> SlotForm {
    SlotForm {
        starts: format!("2027-03-10T{from}"),
        ends: format!("2027-03-10T{to}"),
        capacity: capacity.into(),
        entry_mode: mode.into(),
    }
}

fn hall(name: &str, width: &str, depth: &str) -> HallForm {
    HallForm {
        name: name.into(),
        width_m: width.into(),
        depth_m: depth.into(),
    }
}

fn booth(label: &str, x: &str, y: &str, w: &str, d: &str) -> BoothForm {
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
async fn place(w: &World, hall_id: i64, form: BoothForm) -> i64 {
    ok(floorplan::save_booth(&w.state, &w.owner, hall_id, None, &form).await)
}

/// An employer's booking, written directly (booking is the employers' issue).
async fn book(state: &AppState, booth_id: i64, org_id: i64, status: &str) {
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
async fn register(state: &AppState, fair: i64, slot_id: i64, name: &str, email: &str, at: i64) {
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

fn problem<T: std::fmt::Debug>(result: Result<T, ServiceError>, field: &str) -> Option<Problem> {
    match result {
        Err(ServiceError::Invalid(errors)) => errors.get(field),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn ok<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("unexpected error: {e}"))
}

async fn count(state: &AppState, table: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(state.db.pool())
        .await
        .unwrap_or(-1)
}

/// A fair with one slot and one hall, as its owner planned it.
async fn planned_fair(w: &World) -> (i64, i64, i64) {
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

async fn an_organiser_creates_a_draft_fair_and_bad_input_writes_nothing(db: TestDb) {
    let w = world(db).await;
    let fair = ok(fairs::create_fair(&w.state, &w.owner, w.org, &fair_form()).await);
    let plan = ok(views::plan(&w.state, &w.owner, fair, Locale::de).await);
    assert_eq!(plan.status, FairStatus::Draft);
    assert_eq!(plan.slug, "jobmesse-kassel");
    assert_eq!(
        plan.form.starts, "2027-03-10T09:00",
        "venue-local time round-trips"
    );
    assert_eq!(plan.form.time_zone, "Europe/Berlin");
    assert_eq!(plan.organisers.len(), 1);
    assert!(plan.organisers[0].is_lead);

    let second = ok(fairs::create_fair(&w.state, &w.owner, w.org, &fair_form()).await);
    let plan = ok(views::plan(&w.state, &w.owner, second, Locale::de).await);
    assert_eq!(plan.slug, "jobmesse-kassel-2", "slugs stay unique");

    let mut bad = fair_form();
    bad.venue_name = String::new();
    bad.ends = "2027-03-10T08:00".into();
    let refused = fairs::create_fair(&w.state, &w.owner, w.org, &bad).await;
    assert!(
        matches!(&refused, Err(ServiceError::Invalid(e)) if e.get("venue_name") == Some(Problem::Required) && e.get("ends") == Some(Problem::EndBeforeStart))
    );
    assert_eq!(
        count(&w.state, "fairs").await,
        2,
        "nothing written for bad input"
    );

    let mut edit = fair_form();
    edit.title_de = "Jobmesse Kassel 2027".into();
    ok(fairs::update_fair(&w.state, &w.owner, fair, &edit).await);
    let plan = ok(views::plan(&w.state, &w.owner, fair, Locale::de).await);
    assert_eq!(plan.form.title_de, "Jobmesse Kassel 2027");
    assert_eq!(
        plan.slug, "jobmesse-kassel",
        "links stay stable after a rename"
    );
}

async fn status_steps_follow_the_rules_and_publishing_needs_a_slot(db: TestDb) {
    let w = world(db).await;
    let fair = ok(fairs::create_fair(&w.state, &w.owner, w.org, &fair_form()).await);
    let early = fairs::change_status(&w.state, &w.owner, fair, "published").await;
    assert_eq!(problem(early, FORM), Some(Problem::NeedsSlot));
    ok(fairs::add_slot(
        &w.state,
        &w.owner,
        fair,
        &slot("09:00", "12:00", "300", "open"),
    )
    .await);
    assert_eq!(
        ok(fairs::change_status(&w.state, &w.owner, fair, "published").await),
        FairStatus::Published
    );
    let back = fairs::change_status(&w.state, &w.owner, fair, "draft").await;
    assert_eq!(problem(back, FORM), Some(Problem::TransitionNotAllowed));
    let skip = fairs::change_status(&w.state, &w.owner, fair, "archived").await;
    assert_eq!(problem(skip, FORM), Some(Problem::TransitionNotAllowed));
    ok(fairs::change_status(&w.state, &w.owner, fair, "closed").await);
    ok(fairs::change_status(&w.state, &w.owner, fair, "published").await);
    ok(fairs::change_status(&w.state, &w.owner, fair, "closed").await);
    ok(fairs::change_status(&w.state, &w.owner, fair, "archived").await);
    let revive = fairs::change_status(&w.state, &w.owner, fair, "published").await;
    assert_eq!(problem(revive, FORM), Some(Problem::TransitionNotAllowed));
    let nonsense = fairs::change_status(&w.state, &w.owner, fair, "deleted").await;
    assert_eq!(problem(nonsense, "status"), Some(Problem::InvalidChoice));
    let edit = fairs::update_fair(&w.state, &w.owner, fair, &fair_form()).await;
    assert_eq!(
        problem(edit, FORM),
        Some(Problem::Archived),
        "archived fairs are read-only"
    );
}

async fn a_capacity_below_the_places_taken_is_refused(db: TestDb) {
    let w = world(db).await;
    let (_, slot_id, _) = planned_fair(&w).await;
    sqlx::query("UPDATE time_slots SET taken = 120 WHERE id = $1")
        .bind(slot_id)
        .execute(w.state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let shrink = fairs::update_slot(
        &w.state,
        &w.owner,
        slot_id,
        &slot("09:00", "12:00", "100", "invite"),
    )
    .await;
    assert_eq!(
        problem(shrink, "capacity"),
        Some(Problem::BelowTaken { taken: 120 })
    );
    let capacity: i64 = sqlx::query_scalar("SELECT capacity FROM time_slots WHERE id = $1")
        .bind(slot_id)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or_default();
    assert_eq!(capacity, 300, "unchanged");
    ok(fairs::update_slot(
        &w.state,
        &w.owner,
        slot_id,
        &slot("09:00", "12:00", "120", "open"),
    )
    .await);
    let bad = fairs::update_slot(
        &w.state,
        &w.owner,
        slot_id,
        &slot("09:00", "12:00", "viele", "open"),
    )
    .await;
    assert_eq!(problem(bad, "capacity"), Some(Problem::NotANumber));
}

async fn slots_must_lie_within_the_fair(db: TestDb) {
    let w = world(db).await;
    let (fair, _, _) = planned_fair(&w).await;
    let early = fairs::add_slot(
        &w.state,
        &w.owner,
        fair,
        &slot("07:00", "10:00", "50", "open"),
    )
    .await;
    assert_eq!(problem(early, "starts"), Some(Problem::OutsideFair));
    let reversed = fairs::add_slot(
        &w.state,
        &w.owner,
        fair,
        &slot("14:00", "12:30", "50", "open"),
    )
    .await;
    assert_eq!(problem(reversed, "ends"), Some(Problem::EndBeforeStart));
    let mode = fairs::add_slot(
        &w.state,
        &w.owner,
        fair,
        &slot("12:30", "14:00", "50", "vip"),
    )
    .await;
    assert_eq!(problem(mode, "entry_mode"), Some(Problem::InvalidChoice));
    assert_eq!(count(&w.state, "time_slots").await, 1);
    // Moving the fair so that its slot falls outside is refused too.
    let mut moved = fair_form();
    moved.starts = "2027-03-10T13:00".into();
    let refused = fairs::update_fair(&w.state, &w.owner, fair, &moved).await;
    assert_eq!(problem(refused, "ends"), Some(Problem::OutsideFair));
}

async fn overlapping_booths_and_booths_outside_the_hall_are_refused(db: TestDb) {
    let w = world(db).await;
    let (_, _, hall_id) = planned_fair(&w).await;
    let a1 = place(&w, hall_id, booth("A1", "0", "0", "4", "3")).await;
    place(&w, hall_id, booth("A2", "4", "0", "4", "3")).await;
    let overlap = floorplan::save_booth(
        &w.state,
        &w.owner,
        hall_id,
        None,
        &booth("A3", "7,5", "2", "4", "3"),
    )
    .await;
    assert_eq!(problem(overlap, FORM), Some(Problem::Overlaps));
    let outside = floorplan::save_booth(
        &w.state,
        &w.owner,
        hall_id,
        None,
        &booth("A3", "38", "0", "4", "3"),
    )
    .await;
    assert_eq!(problem(outside, FORM), Some(Problem::OutsideHall));
    let same_label = floorplan::save_booth(
        &w.state,
        &w.owner,
        hall_id,
        None,
        &booth("a1", "20", "0", "4", "3"),
    )
    .await;
    assert_eq!(problem(same_label, "label"), Some(Problem::Taken));
    let onto_neighbour = floorplan::save_booth(
        &w.state,
        &w.owner,
        hall_id,
        Some(a1),
        &booth("A1", "2", "0", "4", "3"),
    )
    .await;
    assert_eq!(problem(onto_neighbour, FORM), Some(Problem::Overlaps));
    assert_eq!(count(&w.state, "booths").await, 2);
    // Moving a booth a little (onto part of its own place) is fine.
    ok(floorplan::save_booth(
        &w.state,
        &w.owner,
        hall_id,
        Some(a1),
        &booth("A1", "0", "0,5", "4", "3"),
    )
    .await);
    let fair =
        ok(app::floorplan::store::hall_fair(w.state.db.pool(), hall_id).await).unwrap_or_default();
    let halls = ok(floorplan::halls_of_fair(w.state.db.pool(), fair).await);
    let moved = halls[0]
        .booths
        .iter()
        .find(|b| b.id == a1)
        .map(|b| b.rect.y);
    assert_eq!(moved, Some(5));
}

async fn a_hall_cannot_shrink_below_its_booths(db: TestDb) {
    let w = world(db).await;
    let (fair, _, hall_id) = planned_fair(&w).await;
    place(&w, hall_id, booth("B1", "30", "0", "4", "3")).await;
    let narrow =
        floorplan::update_hall(&w.state, &w.owner, hall_id, &hall("Halle 1", "30", "20")).await;
    assert_eq!(problem(narrow, "width_m"), Some(Problem::OutsideHall));
    ok(floorplan::update_hall(&w.state, &w.owner, hall_id, &hall("Halle Nord", "34", "10")).await);
    let twin = floorplan::add_hall(&w.state, &w.owner, fair, &hall("halle nord", "10", "10")).await;
    assert_eq!(problem(twin, "name"), Some(Problem::Taken));
    let tiny = floorplan::add_hall(&w.state, &w.owner, fair, &hall("Foyer", "0,5", "abc")).await;
    assert!(
        matches!(&tiny, Err(ServiceError::Invalid(e)) if e.get("width_m") == Some(Problem::OutOfRange { min: 1, max: 500 }) && e.get("depth_m") == Some(Problem::NotANumber))
    );
}

async fn booked_booths_and_used_slots_cannot_be_deleted(db: TestDb) {
    let w = world(db).await;
    let (fair, slot_id, hall_id) = planned_fair(&w).await;
    let b1 = place(&w, hall_id, booth("B1", "0", "0", "4", "3")).await;
    let b2 = place(&w, hall_id, booth("B2", "4", "0", "4", "3")).await;
    let employer = organisation(&w.state.db, OrgKind::Employer, "Nordhessen Logistik GmbH").await;
    book(&w.state, b1, employer, "confirmed").await;
    assert_eq!(
        problem(floorplan::delete_booth(&w.state, &w.owner, b1).await, FORM),
        Some(Problem::InUse)
    );
    ok(floorplan::delete_booth(&w.state, &w.owner, b2).await);
    assert_eq!(count(&w.state, "booths").await, 1);

    register(
        &w.state,
        fair,
        slot_id,
        "Ayşe Demir",
        "ayse@example.org",
        START,
    )
    .await;
    assert_eq!(
        problem(fairs::delete_slot(&w.state, &w.owner, slot_id).await, FORM),
        Some(Problem::InUse)
    );
    let empty = ok(fairs::add_slot(
        &w.state,
        &w.owner,
        fair,
        &slot("12:30", "14:00", "50", "open"),
    )
    .await);
    ok(fairs::delete_slot(&w.state, &w.owner, empty).await);
}

async fn only_planners_of_an_organising_organisation_may_change_a_fair(db: TestDb) {
    let w = world(db).await;
    let (fair, slot_id, hall_id) = planned_fair(&w).await;
    let door = person(&w.state.db, "einlass@aa-kassel.de", w.org, Role::DoorStaff).await;
    let colleague = person(&w.state.db, "team@aa-kassel.de", w.org, Role::Organiser).await;
    let other_org = organisation(&w.state.db, OrgKind::Organiser, "Jobcenter Göttingen").await;
    let stranger = person(
        &w.state.db,
        "chefin@jobcenter-goe.de",
        other_org,
        Role::Owner,
    )
    .await;
    let employer_org =
        organisation(&w.state.db, OrgKind::Employer, "Nordhessen Logistik GmbH").await;
    let employer = person(&w.state.db, "hr@nh-logistik.de", employer_org, Role::Owner).await;

    for outsider in [&door, &stranger, &employer] {
        let forbidden = |r: Result<_, ServiceError>| matches!(r, Err(ServiceError::Forbidden));
        assert!(
            forbidden(fairs::update_fair(&w.state, outsider, fair, &fair_form()).await),
            "{}",
            outsider.email
        );
        assert!(forbidden(
            fairs::change_status(&w.state, outsider, fair, "published")
                .await
                .map(|_| ())
        ));
        assert!(forbidden(
            fairs::add_slot(
                &w.state,
                outsider,
                fair,
                &slot("12:30", "14:00", "50", "open")
            )
            .await
            .map(|_| ())
        ));
        assert!(forbidden(
            fairs::update_slot(
                &w.state,
                outsider,
                slot_id,
                &slot("09:00", "12:00", "1", "open")
            )
            .await
        ));
        assert!(forbidden(
            fairs::delete_slot(&w.state, outsider, slot_id).await
        ));
        assert!(forbidden(
            floorplan::add_hall(&w.state, outsider, fair, &hall("Foyer", "10", "10"))
                .await
                .map(|_| ())
        ));
        assert!(forbidden(
            floorplan::save_booth(
                &w.state,
                outsider,
                hall_id,
                None,
                &booth("X1", "0", "0", "2", "2")
            )
            .await
            .map(|_| ())
        ));
        assert!(forbidden(
            fairs::add_co_organiser(&w.state, outsider, fair, other_org).await
        ));
        assert!(forbidden(
            views::plan(&w.state, outsider, fair, Locale::de)
                .await
                .map(|_| ())
        ));
        assert!(forbidden(
            views::dashboard(&w.state, outsider, fair, Locale::de)
                .await
                .map(|_| ())
        ));
        assert!(forbidden(
            export::registrations(&w.state, outsider, fair, Separator::Semicolon, Locale::de)
                .await
                .map(|_| ())
        ));
    }
    // Creating a fair for someone else's organisation, or as an employer.
    assert!(matches!(
        fairs::create_fair(&w.state, &stranger, w.org, &fair_form()).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        fairs::create_fair(&w.state, &employer, employer_org, &fair_form()).await,
        Err(ServiceError::Forbidden)
    ));
    assert_eq!(count(&w.state, "time_slots").await, 1);
    assert_eq!(count(&w.state, "booths").await, 0);
    // An organiser (not owner) of the lead organisation plans too.
    ok(fairs::add_slot(
        &w.state,
        &colleague,
        fair,
        &slot("12:30", "14:00", "50", "open"),
    )
    .await);
    assert!(matches!(
        views::plan(&w.state, &w.owner, 9_999, Locale::de).await,
        Err(ServiceError::NotFound)
    ));
}

async fn a_co_organiser_has_the_same_rights_until_removed(db: TestDb) {
    let w = world(db).await;
    let (fair, _, hall_id) = planned_fair(&w).await;
    let chamber = organisation(&w.state.db, OrgKind::Organiser, "IHK Kassel-Marburg").await;
    let chamber_planner =
        person(&w.state.db, "messe@ihk-kassel.de", chamber, Role::Organiser).await;
    let employer_org =
        organisation(&w.state.db, OrgKind::Employer, "Nordhessen Logistik GmbH").await;

    let plan = ok(views::plan(&w.state, &w.owner, fair, Locale::de).await);
    assert!(plan.candidates.iter().any(|c| c.organisation_id == chamber));
    assert!(
        !plan
            .candidates
            .iter()
            .any(|c| c.organisation_id == employer_org),
        "employers are not offered"
    );
    let employer = fairs::add_co_organiser(&w.state, &w.owner, fair, employer_org).await;
    assert_eq!(
        problem(employer, "organisation_id"),
        Some(Problem::InvalidChoice)
    );

    assert!(matches!(
        views::plan(&w.state, &chamber_planner, fair, Locale::de).await,
        Err(ServiceError::Forbidden)
    ));
    ok(fairs::add_co_organiser(&w.state, &w.owner, fair, chamber).await);
    let twice = fairs::add_co_organiser(&w.state, &w.owner, fair, chamber).await;
    assert_eq!(
        problem(twice, "organisation_id"),
        Some(Problem::AlreadyMember)
    );

    let mut edit = fair_form();
    edit.description_de = "Gemeinsam mit der IHK.".into();
    ok(fairs::update_fair(&w.state, &chamber_planner, fair, &edit).await);
    ok(floorplan::save_booth(
        &w.state,
        &chamber_planner,
        hall_id,
        None,
        &booth("C1", "0", "0", "3", "3"),
    )
    .await);
    ok(fairs::add_slot(
        &w.state,
        &chamber_planner,
        fair,
        &slot("12:30", "14:00", "50", "open"),
    )
    .await);
    let mine = ok(views::my_fairs(&w.state, &chamber_planner, Locale::de).await);
    assert_eq!(mine.len(), 1, "the fair appears in the co-organiser's list");
    // The lead organisation cannot be removed; the co-organiser can.
    let lead = fairs::remove_co_organiser(&w.state, &chamber_planner, fair, w.org).await;
    assert_eq!(problem(lead, FORM), Some(Problem::InvalidChoice));
    ok(fairs::remove_co_organiser(&w.state, &w.owner, fair, chamber).await);
    assert!(matches!(
        fairs::update_fair(&w.state, &chamber_planner, fair, &edit).await,
        Err(ServiceError::Forbidden)
    ));
}

async fn the_public_page_shows_published_fairs_only_with_places_left(db: TestDb) {
    let w = world(db).await;
    let (fair, slot_id, hall_id) = planned_fair(&w).await;
    assert!(
        matches!(
            views::public_fair(&w.state, "jobmesse-kassel", Locale::de).await,
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

    let page = ok(views::public_fair(&w.state, "jobmesse-kassel", Locale::en).await);
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
    let closed = ok(views::public_fair(&w.state, "jobmesse-kassel", Locale::de).await);
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
    let d = ok(views::dashboard(&w.state, &w.owner, fair, Locale::de).await);
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

async fn concurrent_booths_on_the_same_spot_leave_exactly_one(db: TestDb) {
    let w = world(db).await;
    let (_, _, hall_id) = planned_fair(&w).await;
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let state = w.state.clone();
            let owner = w.owner.clone();
            // Same spot, shifted by half a metre each: all overlap each other.
            let form = booth(&format!("R{i}"), &format!("{},5", i / 2), "0", "6", "3");
            tokio::spawn(async move {
                floorplan::save_booth(&state, &owner, hall_id, None, &form).await
            })
        })
        .collect();
    let mut placed = 0;
    for task in tasks {
        match task.await {
            Ok(Ok(_)) => placed += 1,
            Ok(Err(ServiceError::Invalid(e))) => assert_eq!(e.get(FORM), Some(Problem::Overlaps)),
            other => panic!("unexpected outcome: {other:?}"),
        }
    }
    assert_eq!(placed, 1);
    assert_eq!(count(&w.state, "booths").await, 1);
}

async fn archived_fairs_are_read_only_everywhere(db: TestDb) {
    let w = world(db).await;
    let (fair, slot_id, hall_id) = planned_fair(&w).await;
    let booth_id = ok(floorplan::save_booth(
        &w.state,
        &w.owner,
        hall_id,
        None,
        &booth("A1", "0", "0", "3", "3"),
    )
    .await);
    ok(fairs::change_status(&w.state, &w.owner, fair, "archived").await);
    let archived = |result: Result<(), ServiceError>| match result {
        Err(ServiceError::Invalid(errors)) => errors.get(FORM) == Some(Problem::Archived),
        _ => false,
    };
    let slots_before = count(&w.state, "time_slots").await;
    assert!(archived(
        fairs::add_slot(
            &w.state,
            &w.owner,
            fair,
            &slot("13:00", "14:00", "10", "open")
        )
        .await
        .map(|_| ())
    ));
    assert!(archived(
        fairs::update_slot(
            &w.state,
            &w.owner,
            slot_id,
            &slot("09:00", "12:00", "500", "open")
        )
        .await
    ));
    assert!(archived(
        fairs::delete_slot(&w.state, &w.owner, slot_id).await
    ));
    assert!(archived(
        fairs::update_fair(&w.state, &w.owner, fair, &fair_form()).await
    ));
    assert!(archived(
        floorplan::add_hall(&w.state, &w.owner, fair, &hall("Halle 2", "10", "10"))
            .await
            .map(|_| ())
    ));
    assert!(archived(
        floorplan::save_booth(
            &w.state,
            &w.owner,
            hall_id,
            None,
            &booth("A2", "5", "5", "3", "3")
        )
        .await
        .map(|_| ())
    ));
    assert!(archived(
        floorplan::delete_booth(&w.state, &w.owner, booth_id).await
    ));
    assert!(archived(
        app::checkin::service::create_token(&w.state, &w.owner, fair, "Drehkreuz")
            .await
            .map(|_| ())
    ));
    assert!(archived(
        app::checkin::service::set_tolerance(&w.state, &w.owner, fair, "10").await
    ));
    assert_eq!(
        count(&w.state, "time_slots").await,
        slots_before,
        "nothing was written"
    );
    assert_eq!(count(&w.state, "booths").await, 1);
    assert_eq!(count(&w.state, "door_tokens").await, 0);
}
