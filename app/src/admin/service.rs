//! Approving new organiser organisations: who is an administrator, what
//! waits, the decision, and the gate the rest of the app asks.
use super::{
    model::{Approval, PendingOrganisation},
    store,
};
use crate::{
    auth::CurrentUser,
    error::{FORM, Problem},
    i18n::Locale,
    mail,
    service_error::{ServiceError, ServiceResult},
    state::AppState,
};

/// At most this many organisations are listed at once (oldest first).
const LIST_LIMIT: i64 = 200;

/// An administrator is a person with a proven address that the
/// installation's configuration names.
pub fn is_admin(state: &AppState, user: &CurrentUser) -> bool {
    user.email_verified && state.config.admin_emails.contains(&user.email)
}

fn require_admin(state: &AppState, user: &CurrentUser) -> ServiceResult<()> {
    if is_admin(state, user) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// Where an organisation stands; `NotFound` when there is none.
pub async fn approval(state: &AppState, org_id: i64) -> ServiceResult<Approval> {
    let (kind, approved_at, declined_at) = store::approval_of(state.db.pool(), org_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(Approval::of(
        kind == "organiser",
        approved_at.is_some(),
        declined_at.is_some(),
    ))
}

/// The gate before anything that speaks for the organisation to others:
/// publishing a fair, inviting jobseekers, employers or colleagues.
pub async fn require_approved(state: &AppState, org_id: i64) -> ServiceResult<()> {
    match approval(state, org_id).await? {
        Approval::Approved => Ok(()),
        Approval::Pending | Approval::Declined => {
            Err(ServiceError::invalid(FORM, Problem::AwaitingApproval))
        }
    }
}

/// Tells every administrator of the organiser organisations `owner` owns
/// that wait for a decision (once each: the mail's key), inside the
/// caller's transaction; called when the owner proves their address.
pub async fn announce_pending(
    state: &AppState,
    tx: &mut crate::db::Tx,
    owner: &CurrentUser,
    now: i64,
) -> ServiceResult<()> {
    let link = format!("{}/admin/approvals", state.config.public_url);
    for (org_id, organisation) in store::pending_owned_by(tx, owner.id).await? {
        for admin in &state.config.admin_emails {
            let message = mail::templates::approval_request(
                Locale::de,
                &organisation,
                &owner.display_name,
                &owner.email,
                &link,
            );
            mail::outbox::enqueue(
                tx,
                &format!("approval-request:{org_id}:{admin}"),
                admin,
                Locale::de,
                &message,
                now,
            )
            .await?;
        }
    }
    Ok(())
}

/// Organiser organisations waiting for a decision, with their owners.
pub async fn pending(
    state: &AppState,
    user: &CurrentUser,
) -> ServiceResult<Vec<PendingOrganisation>> {
    require_admin(state, user)?;
    let mut tx = state.db.begin().await?;
    let mut list = Vec::new();
    for (id, name, created_at) in store::pending(state.db.pool(), LIST_LIMIT).await? {
        let owners = store::owners_in(&mut tx, id)
            .await?
            .into_iter()
            .map(|(name, email, _)| (name, email))
            .collect();
        let created = chrono::DateTime::from_timestamp(created_at, 0)
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        list.push(PendingOrganisation {
            id,
            name,
            created,
            owners,
        });
    }
    tx.rollback().await?;
    Ok(list)
}

/// Approves or declines; the owners hear of it by mail. Deciding twice
/// (two administrators at once) answers `TransitionNotAllowed` to the
/// second: the database settles who was first.
pub async fn decide(
    state: &AppState,
    user: &CurrentUser,
    org_id: i64,
    approve: bool,
) -> ServiceResult<String> {
    require_admin(state, user)?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let Some(name) = store::decide(&mut tx, org_id, approve, now).await? else {
        return Err(match approval(state, org_id).await {
            Ok(_) => ServiceError::invalid(FORM, Problem::TransitionNotAllowed),
            Err(e) => e,
        });
    };
    let link = format!("{}/account", state.config.public_url);
    for (owner_name, email, locale) in store::owners_in(&mut tx, org_id).await? {
        let locale = crate::language::or_default(&locale);
        let message = mail::templates::approval_decided(locale, &owner_name, &name, approve, &link);
        mail::outbox::enqueue(
            &mut tx,
            &format!("approval-decided:{org_id}:{email}"),
            &email,
            locale,
            &message,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    tracing::info!(org_id, approve, "organiser organisation decided");
    Ok(name)
}
