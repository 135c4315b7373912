//! Halls and booths: no overlaps, nothing outside the hall, nothing
//! booked or used deleted, also when planners race.
use super::common::*;

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

app::on_both_databases!(
    overlapping_booths_and_booths_outside_the_hall_are_refused,
    a_hall_cannot_shrink_below_its_booths,
    booked_booths_and_used_slots_cannot_be_deleted,
    concurrent_booths_on_the_same_spot_leave_exactly_one,
);
