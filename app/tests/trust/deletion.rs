//! Deleting an account: what happens, said first and then done, and an
//! account still needed kept.
use super::common::*;

async fn deleting_an_account_says_what_happens_and_does_it(db: TestDb) {
    let w = world(db);
    let (owner, shared) = sign_up_owner(&w, "chefin@example.org").await;
    let leaving = sign_up(&w, form("geht@example.org", "organiser"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let own = orgs::my_organisations(&w.state, &leaving.user)
        .await
        .unwrap_or_default()
        .first()
        .map(|o| o.membership.organisation_id)
        .unwrap_or_default();
    let draft = fairs::create_fair(&w.state, &leaving.user, own, &kassel_fair_form())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    org_store::insert_membership(&mut tx, shared, leaving.user.id, Role::Organiser, START)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));

    let plan = deletion::plan(&w.state, &leaving.user)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(plan.possible());
    let fates: Vec<OrganisationFate> = plan.organisations.iter().map(|(_, f)| *f).collect();
    assert_eq!(fates.len(), 2);
    assert!(
        fates.contains(&OrganisationFate::Left),
        "the shared organisation stays"
    );
    assert!(
        fates.contains(&OrganisationFate::Deleted),
        "their own goes with them"
    );

    let wrong = deletion::delete_account(&w.state, &leaving.user, "falsch-falsch", CLIENT).await;
    assert_eq!(problem(wrong, "password"), Some(Problem::WrongCredentials));
    deletion::delete_account(&w.state, &leaving.user, "sicheres-passwort", CLIENT)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let gone: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'geht@example.org'")
            .fetch_one(w.state.db.pool())
            .await
            .unwrap_or(-1);
    assert_eq!(gone, 0);
    assert!(
        auth::user_for_session(&w.state, &leaving.token)
            .await
            .ok()
            .flatten()
            .is_none(),
        "the session ended"
    );
    let fair_left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM fairs WHERE id = $1")
        .bind(draft)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or(-1);
    assert_eq!(fair_left, 0, "the draft went with the organisation");
    assert!(matches!(
        admin_service::approval(&w.state, own).await,
        Err(ServiceError::NotFound)
    ));
    let account_mails = outbox::list_for_recipient(w.state.db.pool(), "geht@example.org")
        .await
        .unwrap_or_default();
    assert!(
        account_mails.is_empty(),
        "their account mails are gone: {account_mails:?}"
    );
    let members = orgs::my_organisations(&w.state, &owner)
        .await
        .unwrap_or_default();
    assert_eq!(
        members[0].members.len(),
        1,
        "the shared organisation stays, without them"
    );
}

async fn an_account_still_needed_is_not_deleted(db: TestDb) {
    let w = world(db);
    let (owner, org) = sign_up_owner(&w, "chefin@example.org").await;
    let colleague = sign_up(&w, form("kollege@example.org", "employer"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    org_store::insert_membership(&mut tx, org, colleague.user.id, Role::DoorStaff, START)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let plan = deletion::plan(&w.state, &owner)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        plan.organisations,
        vec![(
            "Jobcenter Frankfurt".to_owned(),
            OrganisationFate::BlockedLastOwner
        )]
    );
    let refused = deletion::delete_account(&w.state, &owner, "sicheres-passwort", CLIENT).await;
    assert_eq!(problem(refused, FORM), Some(Problem::AccountStillNeeded));
    assert_eq!(count(&w.state, "users").await, 2, "nothing deleted");

    // Alone with a published fair: hand it over first.
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    sqlx::query("DELETE FROM memberships WHERE user_id = $1")
        .bind(colleague.user.id)
        .execute(&mut *tx)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let fair = fairs::create_fair(&w.state, &owner, org, &kassel_fair_form())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    fairs::add_slot(&w.state, &owner, fair, &slot_form())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        fairs::change_status(&w.state, &owner, fair, "published")
            .await
            .is_ok()
    );
    let plan = deletion::plan(&w.state, &owner)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.organisations[0].1, OrganisationFate::BlockedFairs);
    let refused = deletion::delete_account(&w.state, &owner, "sicheres-passwort", CLIENT).await;
    assert_eq!(problem(refused, FORM), Some(Problem::AccountStillNeeded));
    w.clock.advance(1);
}

app::on_both_databases!(
    deleting_an_account_says_what_happens_and_does_it,
    an_account_still_needed_is_not_deleted,
);
