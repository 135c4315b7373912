//! Membership rules: who sees an organisation, who invites, who joins.
use super::{
    model::{InviteDetails, Membership, OrganisationDetails, Role},
    store::{self, NewInvite},
};
use crate::{
    auth::{CurrentUser, service as auth_service, service::NewSession},
    error::{FORM, FieldErrors, Problem},
    i18n::Locale,
    mail,
    service_error::{ServiceError, ServiceResult},
    state::AppState,
    tokens, validation,
};

/// How long an invitation link works.
pub const INVITE_TTL_SECS: i64 = 7 * 24 * 3600;

/// The caller's role in an organisation; `Forbidden` for non-members.
pub async fn require_membership(
    state: &AppState,
    user: &CurrentUser,
    org_id: i64,
) -> ServiceResult<Membership> {
    store::membership(state.db.pool(), org_id, user.id)
        .await?
        .ok_or(ServiceError::Forbidden)
}

/// Every organisation of the caller with its members; open invitations only
/// for those who may manage members.
pub async fn my_organisations(
    state: &AppState,
    user: &CurrentUser,
) -> ServiceResult<Vec<OrganisationDetails>> {
    let memberships = store::memberships_of(state.db.pool(), user.id).await?;
    let mut details = Vec::with_capacity(memberships.len());
    for membership in memberships {
        let mut members = store::members(state.db.pool(), membership.organisation_id).await?;
        for member in &mut members {
            member.you = member.user_id == user.id;
        }
        let pending_invites = if membership.role.can_manage_members() {
            store::pending_invites(state.db.pool(), membership.organisation_id, state.now()).await?
        } else {
            Vec::new()
        };
        let approval = crate::admin::service::approval(state, membership.organisation_id).await?;
        details.push(OrganisationDetails {
            approval,
            membership,
            members,
            pending_invites,
        });
    }
    Ok(details)
}

/// Invites a colleague by email; only owners may. Writes the mail to the
/// outbox in the same transaction as the invitation, in `locale` (the
/// inviter's language: the invitee's is not known yet).
pub async fn invite_member(
    state: &AppState,
    caller: &CurrentUser,
    org_id: i64,
    email: &str,
    role: &str,
    locale: Locale,
) -> ServiceResult<()> {
    let membership = require_membership(state, caller, org_id).await?;
    if !membership.role.can_manage_members() {
        return Err(ServiceError::Forbidden);
    }
    // An invitation speaks for the organisation: not before it is approved.
    crate::admin::service::require_approved(state, org_id).await?;
    let mut errors = FieldErrors::default();
    let email = validation::collect(&mut errors, "email", validation::normalise_email(email));
    let role = validation::collect(
        &mut errors,
        "role",
        Role::parse(role)
            .filter(|r| membership.kind.roles().contains(r))
            .ok_or(Problem::InvalidChoice),
    );
    let (Some(email), Some(role)) = (email, role) else {
        return Err(errors.into());
    };
    if store::is_member_by_email(state.db.pool(), org_id, &email).await? {
        return Err(ServiceError::invalid("email", Problem::AlreadyMember));
    }
    let now = state.now();
    let (token, token_hash) = tokens::new_token();
    let link = format!("{}/invite/{token}", state.config.public_url);
    let message = mail::templates::member_invite(
        locale,
        &caller.display_name,
        &membership.organisation_name,
        role,
        &link,
    );
    let mut tx = state.db.begin().await?;
    let invite_id = store::insert_invite(
        &mut tx,
        NewInvite {
            token_hash: &token_hash,
            org_id,
            email: &email,
            role,
            invited_by: caller.id,
            now,
            expires_at: now + INVITE_TTL_SECS,
        },
    )
    .await?;
    // Sent on behalf of the organisation; replies go to the person inviting.
    let key = format!("member-invite:{invite_id}");
    let envelope = mail::outbox::Envelope {
        idempotency_key: &key,
        recipient: &email,
        organisation_id: Some(org_id),
        sender_name: Some(&membership.organisation_name),
        reply_to: Some(&caller.email),
        list_unsubscribe: None,
    };
    mail::outbox::enqueue_for(&mut tx, &envelope, locale, &message, now).await?;
    tx.commit().await?;
    Ok(())
}

async fn open_invite(state: &AppState, token: &str) -> ServiceResult<store::InviteRow> {
    store::open_invite(state.db.pool(), &tokens::hash_token(token), state.now())
        .await?
        .ok_or_else(|| ServiceError::invalid(FORM, Problem::LinkInvalid))
}

pub async fn invite_details(state: &AppState, token: &str) -> ServiceResult<InviteDetails> {
    let invite = open_invite(state, token).await?;
    let has_account = store::user_exists(state.db.pool(), &invite.email).await?;
    Ok(InviteDetails {
        organisation_name: invite.organisation_name,
        role: Role::parse(&invite.role).ok_or(ServiceError::NotFound)?,
        email: invite.email,
        has_account,
    })
}

/// A signed-in person accepts an invitation sent to their own address. The
/// link was mailed there, so holding it proves the address: an account not
/// yet verified (a new one) is verified by it.
pub async fn accept_invite(
    state: &AppState,
    caller: &CurrentUser,
    token: &str,
) -> ServiceResult<()> {
    let invite = open_invite(state, token).await?;
    if invite.email != caller.email {
        return Err(ServiceError::invalid(FORM, Problem::WrongAccount));
    }
    let role = Role::parse(&invite.role).ok_or(ServiceError::NotFound)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    if !store::mark_invite_accepted(&mut tx, invite.id, now).await? {
        return Err(ServiceError::invalid(FORM, Problem::LinkInvalid));
    }
    if !caller.email_verified {
        auth_service::mark_verified(&mut tx, caller.id, now).await?;
    }
    store::insert_membership(&mut tx, invite.organisation_id, caller.id, role, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Someone without an account accepts: the account is created for the
/// invited address, joins, and is signed in.
pub async fn accept_invite_with_new_account(
    state: &AppState,
    token: &str,
    name: &str,
    password: &str,
    locale: Locale,
) -> ServiceResult<NewSession> {
    let invite = open_invite(state, token).await?;
    let role = Role::parse(&invite.role).ok_or(ServiceError::NotFound)?;
    let (name, password_hash) = auth_service::prepare_account(name, password).await?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    if !store::mark_invite_accepted(&mut tx, invite.id, now).await? {
        return Err(ServiceError::invalid(FORM, Problem::LinkInvalid));
    }
    let user_id = auth_service::insert_verified_account(
        &mut tx,
        &invite.email,
        &name,
        &password_hash,
        locale,
        now,
    )
    .await?;
    store::insert_membership(&mut tx, invite.organisation_id, user_id, role, now).await?;
    let token = auth_service::start_session(state, &mut tx, user_id).await?;
    let user = auth_service::user_by_id(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(NewSession { user, token })
}
