//! New organisers plan drafts until an administrator approves, and only
//! administrators decide, once.
use super::common::*;

async fn a_new_organiser_plans_drafts_until_an_administrator_approves(db: TestDb) {
    let w = world(db);
    let session = sign_up(&w, form("neu@jobcenter.example", "organiser"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let me = session.user;
    let org = orgs::my_organisations(&w.state, &me)
        .await
        .unwrap_or_default()
        .first()
        .map(|o| o.membership.organisation_id)
        .unwrap_or_default();
    assert_eq!(
        admin_service::approval(&w.state, org).await.ok(),
        Some(Approval::Pending)
    );

    // Drafts: yes.
    let fair = fairs::create_fair(&w.state, &me, org, &kassel_fair_form())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    fairs::add_slot(&w.state, &me, fair, &slot_form())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Publishing, inviting jobseekers, inviting colleagues: not yet.
    let publish = fairs::change_status(&w.state, &me, fair, "published").await;
    assert_eq!(problem(publish, FORM), Some(Problem::AwaitingApproval));
    let invite = invitations::invite(
        &w.state,
        &me,
        fair,
        vec![jobseeker("olena@example.org")],
        InviteKind::Jobseeker,
    )
    .await;
    assert_eq!(problem(invite, FORM), Some(Problem::AwaitingApproval));
    let colleague = orgs::invite_member(
        &w.state,
        &me,
        org,
        "kollege@example.org",
        "organiser",
        Locale::de,
    )
    .await;
    assert_eq!(problem(colleague, FORM), Some(Problem::AwaitingApproval));
    assert!(
        outbox::list_for_recipient(w.state.db.pool(), "olena@example.org")
            .await
            .unwrap_or_default()
            .is_empty(),
        "no mail went out in the organisation's name"
    );

    // The administrator approves; the owner hears of it; now it may.
    let name = admin_service::decide(&w.state, &admin(), org, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(name, "Jobcenter Frankfurt");
    let told = outbox::list_for_recipient(w.state.db.pool(), "neu@jobcenter.example")
        .await
        .unwrap_or_default();
    assert!(
        told.iter()
            .any(|m| m.subject == "Jobcenter Frankfurt ist freigegeben")
    );
    assert!(
        fairs::change_status(&w.state, &me, fair, "published")
            .await
            .is_ok()
    );
    let invited = invitations::invite(
        &w.state,
        &me,
        fair,
        vec![jobseeker("olena@example.org")],
        InviteKind::Jobseeker,
    )
    .await;
    assert_eq!(invited.ok(), Some(1));

    // Employers need no approval (organisers approve their bookings).
    let employer = sign_up(&w, form("hr@firma.example", "employer"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let theirs = orgs::my_organisations(&w.state, &employer.user)
        .await
        .unwrap_or_default();
    assert_eq!(theirs.first().map(|o| o.approval), Some(Approval::Approved));
}

async fn only_administrators_decide_and_only_once(db: TestDb) {
    let w = world(db);
    let stranger = sign_up(&w, form("fremd@example.org", "organiser"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let org = orgs::my_organisations(&w.state, &stranger.user)
        .await
        .unwrap_or_default()
        .first()
        .map(|o| o.membership.organisation_id)
        .unwrap_or_default();
    // Not the owner itself, not anyone unverified with the admin's address.
    assert!(matches!(
        admin_service::decide(&w.state, &stranger.user, org, true).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        admin_service::pending(&w.state, &stranger.user).await,
        Err(ServiceError::Forbidden)
    ));
    let unproven = app::auth::CurrentUser {
        email_verified: false,
        ..admin()
    };
    assert!(matches!(
        admin_service::decide(&w.state, &unproven, org, true).await,
        Err(ServiceError::Forbidden)
    ));
    let pending = admin_service::pending(&w.state, &admin())
        .await
        .unwrap_or_default();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        pending[0].owners,
        vec![("Sabine Keller".to_owned(), "fremd@example.org".to_owned())]
    );

    assert!(
        admin_service::decide(&w.state, &admin(), org, false)
            .await
            .is_ok()
    );
    assert_eq!(
        admin_service::approval(&w.state, org).await.ok(),
        Some(Approval::Declined)
    );
    let twice = admin_service::decide(&w.state, &admin(), org, true).await;
    assert_eq!(problem(twice, FORM), Some(Problem::TransitionNotAllowed));
    assert!(matches!(
        admin_service::decide(&w.state, &admin(), 999_999, true).await,
        Err(ServiceError::NotFound)
    ));
    assert!(
        admin_service::pending(&w.state, &admin())
            .await
            .unwrap_or_default()
            .is_empty()
    );
}

app::on_both_databases!(
    a_new_organiser_plans_drafts_until_an_administrator_approves,
    only_administrators_decide_and_only_once,
);
