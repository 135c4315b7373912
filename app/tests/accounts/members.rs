//! Organisations and roles: invitations of colleagues, who may invite,
//! and managing members.
use super::common::*;

async fn owners_invite_colleagues_who_join_with_a_new_account(db: TestDb) {
    let w = world(db);
    let (owner, org_id) = sign_up_owner(&w, "chefin@example.org").await;
    let invited = orgs::invite_member(
        &w.state,
        &owner,
        org_id,
        "Tuer@Example.org",
        "door_staff",
        Locale::en,
    )
    .await;
    assert!(invited.is_ok(), "{invited:?}");
    let mails = outbox::list_for_recipient(w.state.db.pool(), "tuer@example.org")
        .await
        .unwrap_or_default();
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0].subject,
        "Invitation to Jobcenter Frankfurt on Jobfair"
    );
    assert!(mails[0].body_text.contains("as Door staff"));
    let token = link_token(&w.state, "tuer@example.org", "/invite/").await;

    let details = orgs::invite_details(&w.state, &token)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(details.role, Role::DoorStaff);
    assert!(!details.has_account);
    let joined = orgs::accept_invite_with_new_account(
        &w.state,
        &token,
        "Jonas Becker",
        "tuer-passwort-1",
        Locale::de,
    )
    .await;
    let joined = joined.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(joined.user.email, "tuer@example.org");
    let mine = orgs::my_organisations(&w.state, &joined.user)
        .await
        .unwrap_or_default();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].membership.role, Role::DoorStaff);
    assert!(
        mine[0].pending_invites.is_empty(),
        "door staff do not see invitations"
    );
    let owners_view = orgs::my_organisations(&w.state, &owner)
        .await
        .unwrap_or_default();
    assert_eq!(owners_view[0].members.len(), 2);
    assert!(
        owners_view[0].pending_invites.is_empty(),
        "accepted invitations are no longer open"
    );
}

async fn only_owners_invite_and_only_roles_of_the_kind(db: TestDb) {
    let w = world(db);
    let (owner, org_id) = sign_up_owner(&w, "chefin@example.org").await;
    let wrong_role = orgs::invite_member(
        &w.state,
        &owner,
        org_id,
        "x@example.org",
        "member",
        Locale::de,
    )
    .await;
    assert_eq!(
        problem(wrong_role, "role"),
        Some(Problem::InvalidChoice),
        "employer role in an organiser"
    );
    let unknown_role = orgs::invite_member(
        &w.state,
        &owner,
        org_id,
        "x@example.org",
        "admin",
        Locale::de,
    )
    .await;
    assert_eq!(problem(unknown_role, "role"), Some(Problem::InvalidChoice));
    let myself = orgs::invite_member(
        &w.state,
        &owner,
        org_id,
        "chefin@example.org",
        "organiser",
        Locale::de,
    )
    .await;
    assert_eq!(problem(myself, "email"), Some(Problem::AlreadyMember));

    assert!(
        orgs::invite_member(
            &w.state,
            &owner,
            org_id,
            "team@example.org",
            "organiser",
            Locale::de
        )
        .await
        .is_ok()
    );
    let token = link_token(&w.state, "team@example.org", "/invite/").await;
    let colleague = orgs::accept_invite_with_new_account(
        &w.state,
        &token,
        "Murat",
        "team-passwort-1",
        Locale::de,
    )
    .await;
    let colleague = colleague.map(|s| s.user).unwrap_or_else(|e| panic!("{e}"));
    let by_organiser = orgs::invite_member(
        &w.state,
        &colleague,
        org_id,
        "y@example.org",
        "door_staff",
        Locale::de,
    )
    .await;
    assert!(
        matches!(by_organiser, Err(ServiceError::Forbidden)),
        "organisers may not invite"
    );

    let (stranger, _) = sign_up_owner(&w, "fremd@example.org").await;
    let by_stranger = orgs::invite_member(
        &w.state,
        &stranger,
        org_id,
        "z@example.org",
        "door_staff",
        Locale::de,
    )
    .await;
    assert!(
        matches!(by_stranger, Err(ServiceError::Forbidden)),
        "non-members may not invite"
    );
    assert_eq!(count(&w.state, "member_invites").await, 1);
}

async fn an_invitation_is_for_its_address_and_used_once(db: TestDb) {
    let w = world(db);
    let (owner, org_id) = sign_up_owner(&w, "chefin@example.org").await;
    let (other, _) = sign_up_owner(&w, "other@example.org").await;
    assert!(
        orgs::invite_member(
            &w.state,
            &owner,
            org_id,
            "invited@example.org",
            "organiser",
            Locale::de
        )
        .await
        .is_ok()
    );
    let token = link_token(&w.state, "invited@example.org", "/invite/").await;
    let wrong = orgs::accept_invite(&w.state, &other, &token).await;
    assert_eq!(problem(wrong, FORM), Some(Problem::WrongAccount));

    let joined = orgs::accept_invite_with_new_account(
        &w.state,
        &token,
        "Ines",
        "ines-passwort-1",
        Locale::de,
    )
    .await;
    assert!(joined.is_ok());
    let again = orgs::accept_invite_with_new_account(
        &w.state,
        &token,
        "Ines",
        "ines-passwort-1",
        Locale::de,
    )
    .await;
    assert_eq!(problem(again, FORM), Some(Problem::LinkInvalid));

    assert!(
        orgs::invite_member(
            &w.state,
            &owner,
            org_id,
            "late@example.org",
            "organiser",
            Locale::de
        )
        .await
        .is_ok()
    );
    let late = link_token(&w.state, "late@example.org", "/invite/").await;
    w.clock.advance(orgs::INVITE_TTL_SECS + 1);
    assert_eq!(
        problem(orgs::invite_details(&w.state, &late).await, FORM),
        Some(Problem::LinkInvalid)
    );
}

async fn owners_manage_members_and_the_last_owner_stays(db: TestDb) {
    use app::organisations::{members, store as org_store};
    let w = world(db);
    let (owner, org_id) = sign_up_owner(&w, "chefin@example.org").await;
    // A colleague with an account of their own, door staff here.
    let signed_up = sign_up(&w, form("tuer@example.org", "organiser"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (colleague, colleague_session) = (signed_up.user, signed_up.token);
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    org_store::insert_membership(&mut tx, org_id, colleague.id, Role::DoorStaff, START)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let role_of = |user: i64| {
        let pool = w.state.db.pool().clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "SELECT role FROM memberships WHERE organisation_id = $1 AND user_id = $2",
            )
            .bind(org_id)
            .bind(user)
            .fetch_optional(&pool)
            .await
            .ok()
            .flatten()
            .and_then(|r| Role::parse(&r))
        }
    };
    // Only owners manage; a door-staff member cannot promote themselves.
    assert!(matches!(
        members::change_role(&w.state, &colleague, org_id, colleague.id, "owner").await,
        Err(ServiceError::Forbidden)
    ));
    assert!(
        members::change_role(&w.state, &owner, org_id, colleague.id, "organiser")
            .await
            .is_ok()
    );
    assert_eq!(role_of(colleague.id).await, Some(Role::Organiser));
    let wrong_kind = members::change_role(&w.state, &owner, org_id, colleague.id, "member").await;
    assert_eq!(
        problem(wrong_kind, "role"),
        Some(Problem::InvalidChoice),
        "an employers' role"
    );

    // The last owner can neither step down, leave nor remove themselves.
    let down = members::change_role(&w.state, &owner, org_id, owner.id, "organiser").await;
    assert_eq!(problem(down, FORM), Some(Problem::LastOwner));
    assert_eq!(
        problem(members::leave(&w.state, &owner, org_id).await, FORM),
        Some(Problem::LastOwner)
    );
    assert_eq!(
        problem(
            members::remove_member(&w.state, &owner, org_id, owner.id).await,
            FORM
        ),
        Some(Problem::LastOwner)
    );
    assert_eq!(
        role_of(owner.id).await,
        Some(Role::Owner),
        "nothing changed"
    );

    // A removed member's sessions end at once.
    assert!(
        members::remove_member(&w.state, &owner, org_id, colleague.id)
            .await
            .is_ok()
    );
    assert!(
        auth::user_for_session(&w.state, &colleague_session)
            .await
            .ok()
            .flatten()
            .is_none(),
        "signed out everywhere"
    );
    assert_eq!(role_of(colleague.id).await, None);
    assert!(matches!(
        members::remove_member(&w.state, &owner, org_id, colleague.id).await,
        Err(ServiceError::NotFound)
    ));

    // With a second owner, the first may leave.
    let second =
        app::db::testing::person(&w.state.db, "zweite@example.org", org_id, Role::Owner).await;
    assert!(members::leave(&w.state, &owner, org_id).await.is_ok());
    assert_eq!(role_of(owner.id).await, None);
    assert_eq!(role_of(second.id).await, Some(Role::Owner));
}

app::on_both_databases!(
    owners_invite_colleagues_who_join_with_a_new_account,
    only_owners_invite_and_only_roles_of_the_kind,
    an_invitation_is_for_its_address_and_used_once,
    owners_manage_members_and_the_last_owner_stays,
);
