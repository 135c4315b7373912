//! Managing members: owners change roles and remove members, anyone may
//! leave; an organisation never loses its last owner. A removed member's
//! sessions end at once, so a former door-staff member's phone can do
//! nothing more (the door asks for a membership on every scan).
use super::{model::Role, service::require_membership, store};
use crate::{
    auth::{CurrentUser, service as auth_service},
    error::{FORM, Problem},
    service_error::{ServiceError, ServiceResult},
    state::AppState,
};

async fn require_owner(
    state: &AppState,
    caller: &CurrentUser,
    org_id: i64,
) -> ServiceResult<super::Membership> {
    let membership = require_membership(state, caller, org_id).await?;
    if membership.role.can_manage_members() {
        Ok(membership)
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// Gives a member another role (one the organisation's kind has).
pub async fn change_role(
    state: &AppState,
    caller: &CurrentUser,
    org_id: i64,
    member_id: i64,
    role: &str,
) -> ServiceResult<()> {
    let membership = require_owner(state, caller, org_id).await?;
    let role = Role::parse(role)
        .filter(|r| membership.kind.roles().contains(r))
        .ok_or_else(|| ServiceError::invalid("role", Problem::InvalidChoice))?;
    let mut tx = state.db.begin().await?;
    store::lock_organisation(&mut tx, org_id).await?;
    if !store::set_role(&mut tx, org_id, member_id, role).await? {
        return Err(ServiceError::NotFound);
    }
    if store::count_owners(&mut tx, org_id).await? == 0 {
        return Err(ServiceError::invalid(FORM, Problem::LastOwner));
    }
    tx.commit().await?;
    Ok(())
}

/// Removes a member; their sessions end at once.
pub async fn remove_member(
    state: &AppState,
    caller: &CurrentUser,
    org_id: i64,
    member_id: i64,
) -> ServiceResult<()> {
    require_owner(state, caller, org_id).await?;
    let mut tx = state.db.begin().await?;
    store::lock_organisation(&mut tx, org_id).await?;
    if !store::delete_membership(&mut tx, org_id, member_id).await? {
        return Err(ServiceError::NotFound);
    }
    if store::count_owners(&mut tx, org_id).await? == 0 {
        return Err(ServiceError::invalid(FORM, Problem::LastOwner));
    }
    auth_service::end_sessions(&mut tx, member_id).await?;
    tx.commit().await?;
    Ok(())
}

/// The caller leaves the organisation (not its last owner).
pub async fn leave(state: &AppState, caller: &CurrentUser, org_id: i64) -> ServiceResult<()> {
    require_membership(state, caller, org_id).await?;
    let mut tx = state.db.begin().await?;
    store::lock_organisation(&mut tx, org_id).await?;
    store::delete_membership(&mut tx, org_id, caller.id).await?;
    if store::count_owners(&mut tx, org_id).await? == 0 {
        return Err(ServiceError::invalid(FORM, Problem::LastOwner));
    }
    tx.commit().await?;
    Ok(())
}
