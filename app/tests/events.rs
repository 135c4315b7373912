//! Domain events on SQLite and PostgreSQL: each change of a registration is
//! recorded once, in its transaction, with the mails it causes; a refused
//! change records nothing.
use app::{
    clock::ManualClock,
    db::testing::{TestDb, person},
    error::Problem,
    events,
    fairs::{SlotForm, service as fairs},
    organisations::{OrgKind, Role, store as org_store},
    registration::{
        model::{Registered, RegistrationForm},
        service as registration,
    },
    service_error::ServiceError,
    state::{AppConfig, AppState},
};
use std::sync::Arc;

/// Registration is open; the fair is on 2027-03-10.
const NOW: i64 = 1_800_003_600;

app::on_both_databases!(registration_changes_are_recorded_with_their_mails);

fn form(name: &str, waitlist: bool) -> RegistrationForm {
    RegistrationForm {
        name: name.into(),
        email: format!("{name}@example.org"),
        language: "de".into(),
        consent: Some("yes".into()),
        waitlist: waitlist.then(|| "yes".into()),
        ..Default::default()
    }
}

async fn count(state: &AppState, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn registration_changes_are_recorded_with_their_mails(db: TestDb) {
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
        capacity: "1".into(),
        entry_mode: "open".into(),
    };
    let slot = fairs::add_slot(&state, &owner, fair, &slot)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    fairs::change_status(&state, &owner, fair, "published")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let slug = "jobmesse-kassel";
    let register = |name: &str, waitlist: bool| {
        let mut f = form(name, waitlist);
        f.slot_id = slot.to_string();
        let state = state.clone();
        async move { registration::register(&state, slug, &f).await }
    };

    let anna = match register("anna", false).await {
        Ok(Registered::Ticket { link }) => link.trim_start_matches("/tickets/").to_owned(),
        other => panic!("expected a ticket, got {other:?}"),
    };
    let refused = register("ben", false).await;
    assert!(
        matches!(&refused, Err(ServiceError::Invalid(e)) if e.get("slot_id") == Some(Problem::SlotFull)),
        "{refused:?}"
    );
    assert!(matches!(
        register("cem", true).await,
        Ok(Registered::Waitlisted { position: 1, .. })
    ));
    registration::cancel(&state, &anna)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let mut tx = state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let kinds = events::kinds_of_fair(&mut tx, fair)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    drop(tx);
    assert_eq!(
        kinds,
        [
            "registration.created",
            "registration.waitlisted",
            "registration.cancelled",
            "registration.promoted",
        ],
        "the refused registration recorded nothing"
    );
    // Anna's ticket, Cem's waitlist place and Cem's ticket: the events' mails.
    assert_eq!(count(&state, "SELECT COUNT(*) FROM mail_outbox").await, 3);
    assert_eq!(
        count(
            &state,
            "SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'ben@example.org'"
        )
        .await,
        0
    );
}
