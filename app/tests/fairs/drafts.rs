//! Creating a fair, its status steps, its slots and their capacities,
//! and archived fairs kept read-only.
use super::common::*;

async fn an_organiser_creates_a_draft_fair_and_bad_input_writes_nothing(db: TestDb) {
    let w = world(db).await;
    let fair = ok(fairs::create_fair(&w.state, &w.owner, w.org, &fair_form()).await);
    let plan = ok(views::plan(&w.state, &w.owner, fair, app::i18n::Locale::de).await);
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
    let plan = ok(views::plan(&w.state, &w.owner, second, app::i18n::Locale::de).await);
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
    let plan = ok(views::plan(&w.state, &w.owner, fair, app::i18n::Locale::de).await);
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

app::on_both_databases!(
    an_organiser_creates_a_draft_fair_and_bad_input_writes_nothing,
    status_steps_follow_the_rules_and_publishing_needs_a_slot,
    slots_must_lie_within_the_fair,
    a_capacity_below_the_places_taken_is_refused,
    archived_fairs_are_read_only_everywhere,
);
