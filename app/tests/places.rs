//! Places on SQLite and PostgreSQL: a crowd takes exactly the capacity, a
//! capacity is never lowered below what is taken, the waitlist keeps its
//! order, and racing promotions give each freed place to one holder, first
//! in line first.
use app::{
    clock::ManualClock,
    db::testing::{TestDb, person},
    fairs::{SlotForm, service as fairs},
    organisations::{OrgKind, Role, store as org_store},
    places::{Places, Resized, store as places},
    state::{AppConfig, AppState},
};
use std::sync::Arc;

const NOW: i64 = 1_800_003_600;

app::on_both_databases!(
    a_crowd_takes_exactly_the_capacity,
    a_capacity_is_never_lowered_below_what_is_taken,
    the_waitlist_keeps_its_order,
    racing_promotions_give_each_freed_place_once_first_in_line_first,
);

struct World {
    _db: TestDb,
    state: AppState,
    fair: i64,
    slot: Places,
}

async fn world(db: TestDb, capacity: u32) -> World {
    let state = AppState::new(
        db.db.clone(),
        Arc::new(ManualClock::at(NOW)),
        AppConfig::default(),
    );
    let mut tx = state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let org = org_store::insert_organisation(&mut tx, OrgKind::Organiser, "Jobcenter", NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let owner = person(&state.db, "leitung@jobcenter.example", org, Role::Owner).await;
    let fair = fairs::create_fair(&state, &owner, org, &app::db::testing::kassel_fair_form())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let slot = SlotForm {
        starts: "2027-03-10T09:00".into(),
        ends: "2027-03-10T12:00".into(),
        capacity: capacity.to_string(),
        entry_mode: "open".into(),
    };
    let slot = fairs::add_slot(&state, &owner, fair, &slot)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    World {
        _db: db,
        state,
        fair,
        slot: Places::admission_slot(slot),
    }
}

async fn taken(w: &World) -> i64 {
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    places::taken(&mut tx, w.slot)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or(-1)
}

async fn take_one(state: &AppState, slot: Places) -> bool {
    let mut tx = state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let took = places::take(&mut tx, slot)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    took
}

async fn join(w: &World, holder: i64) -> i64 {
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let position = places::join_waitlist(&mut tx, w.slot, w.fair, holder, NOW)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    position
}

async fn position(w: &World, holder: i64) -> Option<i64> {
    places::position(w.state.db.pool(), w.slot, holder)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn a_crowd_takes_exactly_the_capacity(db: TestDb) {
    const CAPACITY: usize = 25;
    let w = world(db, CAPACITY as u32).await;
    let attempts = (0..200).map(|_| {
        let (state, slot) = (w.state.clone(), w.slot);
        tokio::spawn(async move { take_one(&state, slot).await })
    });
    let took = futures::future::join_all(attempts)
        .await
        .into_iter()
        .filter(|r| *r.as_ref().unwrap_or_else(|e| panic!("task: {e}")))
        .count();
    assert_eq!(took, CAPACITY);
    assert_eq!(taken(&w).await, CAPACITY as i64);
    assert!(!take_one(&w.state, w.slot).await, "full stays full");
}

async fn a_capacity_is_never_lowered_below_what_is_taken(db: TestDb) {
    let w = world(db, 10).await;
    for _ in 0..5 {
        assert!(take_one(&w.state, w.slot).await);
    }
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        places::resize(&mut tx, w.slot, 4)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        Resized::BelowTaken { taken: 5 }
    );
    assert_eq!(
        places::resize(&mut tx, w.slot, 5)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        Resized::Done
    );
    assert_eq!(
        places::resize(&mut tx, Places::admission_slot(w.slot.id + 1000), 5)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        Resized::NotFound
    );
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(!take_one(&w.state, w.slot).await, "5 of 5 taken");
    // Takes racing a lowering: whatever wins, never more taken than there
    // are places (the row's check would refuse the write).
    let mut racers: Vec<_> = (0..20)
        .map(|_| {
            let (state, slot) = (w.state.clone(), w.slot);
            tokio::spawn(async move { i64::from(take_one(&state, slot).await) })
        })
        .collect();
    let (state, slot) = (w.state.clone(), w.slot);
    let lowering = tokio::spawn(async move {
        let mut tx = state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
        places::resize(&mut tx, slot, 20)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
        0
    });
    racers.push(lowering);
    let took: i64 = futures::future::join_all(racers)
        .await
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("task: {e}")))
        .sum();
    assert_eq!(taken(&w).await, 5 + took);
    assert!(5 + took <= 20);
}

async fn the_waitlist_keeps_its_order(db: TestDb) {
    let w = world(db, 1).await;
    assert!(take_one(&w.state, w.slot).await);
    assert_eq!(join(&w, 101).await, 1);
    assert_eq!(join(&w, 102).await, 2);
    assert_eq!(join(&w, 103).await, 3);
    assert_eq!(
        join(&w, 101).await,
        1,
        "joining again keeps the place in line"
    );
    assert_eq!(position(&w, 104).await, None);

    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(
        places::leave_waitlist(&mut tx, w.slot, 102)
            .await
            .unwrap_or_default()
    );
    assert!(
        !places::leave_waitlist(&mut tx, w.slot, 102)
            .await
            .unwrap_or(true)
    );
    assert_eq!(
        places::promote_next(&mut tx, w.slot)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        None,
        "no place is free"
    );
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(position(&w, 103).await, Some(2));

    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    places::release(&mut tx, w.slot)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        places::promote_next(&mut tx, w.slot)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        Some(101)
    );
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(taken(&w).await, 1);
    assert_eq!(position(&w, 101).await, None);
    assert_eq!(position(&w, 103).await, Some(1));
}

async fn racing_promotions_give_each_freed_place_once_first_in_line_first(db: TestDb) {
    let w = world(db, 5).await;
    for _ in 0..5 {
        assert!(take_one(&w.state, w.slot).await);
    }
    for holder in 1..=10 {
        join(&w, holder).await;
    }
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    for _ in 0..3 {
        places::release(&mut tx, w.slot)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let promoters = (0..8).map(|_| {
        let (state, slot) = (w.state.clone(), w.slot);
        tokio::spawn(async move {
            let mut tx = state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
            let promoted = places::promote_next(&mut tx, slot)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
            promoted
        })
    });
    let mut promoted: Vec<i64> = futures::future::join_all(promoters)
        .await
        .into_iter()
        .filter_map(|r| r.unwrap_or_else(|e| panic!("task: {e}")))
        .collect();
    promoted.sort_unstable();
    assert_eq!(
        promoted,
        vec![1, 2, 3],
        "the first three in line, once each"
    );
    assert_eq!(taken(&w).await, 5);
    assert_eq!(position(&w, 4).await, Some(1));
    assert_eq!(position(&w, 10).await, Some(7));
}
