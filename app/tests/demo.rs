//! The demo fills an empty database once, on both backends, and the public
//! list shows its three fairs, one of them on now.
use app::{
    clock::ManualClock,
    db::testing::TestDb,
    demo,
    fairs::{RegistrationWindow, store, views},
    floorplan::{BoothCategory, Extra},
    i18n::Locale,
    state::{AppConfig, AppState},
};
use std::sync::Arc;

async fn seeds_once(db: TestDb) {
    let clock = ManualClock::at(1_800_000_000);
    assert!(matches!(demo::seed_if_empty(&db, &clock).await, Ok(true)));
    assert!(
        matches!(demo::seed_if_empty(&db, &clock).await, Ok(false)),
        "second start writes nothing"
    );
    let fairs = store::upcoming_published(db.pool(), 1_800_000_000, Locale::de)
        .await
        .unwrap_or_default();
    let slugs: Vec<_> = fairs.iter().map(|f| f.slug.as_str()).collect();
    assert_eq!(
        slugs,
        ["jobtag-kassel", "flughafen-frankfurt", "mittelhessen"]
    );
    assert_eq!(fairs[1].exhibitor_count, 6);
    assert_eq!(fairs[2].exhibitor_count, 4);
    // The fair on now has begun and still takes registrations.
    assert!(fairs[0].starts_at <= 1_800_000_000 && fairs[0].ends_at > 1_800_000_000);
    let registrations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM registrations")
        .fetch_one(db.pool())
        .await
        .unwrap_or_default();
    assert_eq!(registrations, 54);

    // The public page of the demo shows an open registration, the plan with
    // a premium booth (screen for company films) and the exhibitors.
    let state = AppState::new(db.db.clone(), Arc::new(clock), AppConfig::default());
    let page = views::public_fair(&state, "mittelhessen", Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(page.registration, RegistrationWindow::Open { .. }));
    assert_eq!(page.halls[0].booths.len(), 8);
    assert!(
        page.halls[0]
            .booths
            .iter()
            .any(|b| b.category == BoothCategory::Premium && b.extras.contains(&Extra::Screen))
    );
    assert_eq!(page.exhibitors.len(), 4);
    let today = views::public_fair(&state, "jobtag-kassel", Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        today.registration,
        RegistrationWindow::Open { .. }
    ));
}

#[tokio::test]
async fn demo_seeds_once_on_sqlite() {
    seeds_once(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn demo_seeds_once_on_postgres() {
    seeds_once(TestDb::postgres().await).await;
}
