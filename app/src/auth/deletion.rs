//! Deleting one's own account. What happens to each organisation is decided
//! here and shown before: one the person shares with another owner, they
//! leave; one that is theirs alone is deleted with them (with its drafts and
//! archived fairs nobody is registered for); anything that would leave others
//! stranded blocks the deletion until it is handed over (last owner among
//! members; fairs that are public, or that people are registered for;
//! booths held or booked at fairs still to come).
use super::{
    model::{CurrentUser, DeletionPlan, OrganisationFate},
    service, store,
};
use crate::{
    db::Tx,
    error::{FORM, Problem},
    organisations::store::lock_organisation,
    service_error::{ServiceError, ServiceResult},
    state::AppState,
};

#[derive(sqlx::FromRow)]
struct OrgStanding {
    id: i64,
    name: String,
    role: String,
    others: i64,
    other_owners: i64,
    live_fairs: i64,
    all_fairs: i64,
    active_bookings: i64,
}

impl OrgStanding {
    fn fate(&self) -> OrganisationFate {
        if self.others == 0 {
            if self.live_fairs > 0 {
                OrganisationFate::BlockedFairs
            } else if self.active_bookings > 0 {
                OrganisationFate::BlockedBookings
            } else {
                OrganisationFate::Deleted
            }
        } else if self.role == "owner" && self.other_owners == 0 {
            OrganisationFate::BlockedLastOwner
        } else {
            OrganisationFate::Left
        }
    }
}

async fn standings(tx: &mut Tx, user_id: i64, now: i64) -> sqlx::Result<Vec<OrgStanding>> {
    sqlx::query_as(
        "SELECT o.id, o.name, m.role, \
         (SELECT COUNT(*) FROM memberships x WHERE x.organisation_id = o.id AND x.user_id <> $1) AS others, \
         (SELECT COUNT(*) FROM memberships x WHERE x.organisation_id = o.id AND x.user_id <> $1 \
            AND x.role = 'owner') AS other_owners, \
         (SELECT COUNT(*) FROM fairs f WHERE f.organisation_id = o.id AND (f.status IN ('published', 'closed') \
            OR EXISTS (SELECT 1 FROM registrations r WHERE r.fair_id = f.id))) AS live_fairs, \
         (SELECT COUNT(*) FROM fairs f WHERE f.organisation_id = o.id) AS all_fairs, \
         (SELECT COUNT(*) FROM booth_bookings b JOIN booths t ON t.id = b.booth_id \
            JOIN halls h ON h.id = t.hall_id JOIN fairs f ON f.id = h.fair_id \
            WHERE b.organisation_id = o.id AND b.status IN ('held', 'confirmed') AND f.ends_at > $2) \
            AS active_bookings \
         FROM memberships m JOIN organisations o ON o.id = m.organisation_id \
         WHERE m.user_id = $1 ORDER BY o.name, o.id",
    )
    .bind(user_id)
    .bind(now)
    .fetch_all(&mut **tx)
    .await
}

fn plan_of(standings: &[OrgStanding]) -> DeletionPlan {
    DeletionPlan {
        organisations: standings
            .iter()
            .map(|s| (s.name.clone(), s.fate()))
            .collect(),
    }
}

/// What deleting the signed-in person's account would do now.
pub async fn plan(state: &AppState, user: &CurrentUser) -> ServiceResult<DeletionPlan> {
    let mut tx = state.db.begin().await?;
    let plan = plan_of(&standings(&mut tx, user.id, state.now()).await?);
    tx.rollback().await?;
    Ok(plan)
}

/// Deletes the account after its password is given again (a session left
/// open on a shared computer is not enough), all or nothing: the plan is
/// computed again under a lock on each organisation, so a colleague leaving
/// at the same moment cannot leave an organisation without members.
pub async fn delete_account(
    state: &AppState,
    user: &CurrentUser,
    password: &str,
    client_ip: &str,
) -> ServiceResult<()> {
    let account = service::check_password(state, &user.email, password, client_ip)
        .await
        .map_err(|e| match e {
            ServiceError::Invalid(_) => {
                ServiceError::invalid("password", Problem::WrongCredentials)
            }
            other => other,
        })?;
    if account.id != user.id {
        return Err(ServiceError::Forbidden);
    }
    let now = state.now();
    let mut tx = state.db.begin().await?;
    for standing in standings(&mut tx, user.id, now).await? {
        lock_organisation(&mut tx, standing.id).await?;
    }
    let standings = standings(&mut tx, user.id, now).await?;
    if !plan_of(&standings).possible() {
        return Err(ServiceError::invalid(FORM, Problem::AccountStillNeeded));
    }
    match remove(&mut tx, user.id, &user.email, &standings, true).await {
        // A fair published in another tab a moment ago: not now.
        Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => {
            return Err(ServiceError::invalid(FORM, Problem::AccountStillNeeded));
        }
        other => other?,
    }
    tx.commit().await?;
    tracing::info!(user_id = user.id, "account deleted by its owner");
    Ok(())
}

/// An account nobody has proven, with nothing in it but the organisation it
/// was signed up with, is removed (a new sign-up for the address replaces
/// it); `false` when it holds more (an account from before addresses were
/// proven), which stays.
pub(super) async fn remove_if_unproven_and_empty(
    tx: &mut Tx,
    account: &store::UserRow,
) -> sqlx::Result<bool> {
    if account.email_verified_at.is_some() {
        return Ok(false);
    }
    let standings = standings(tx, account.id, i64::MAX).await?;
    let empty = standings
        .iter()
        .all(|s| s.fate() == OrganisationFate::Deleted && s.all_fairs == 0);
    if empty {
        // Mail to the address stays: it may be an invitation still to go out.
        remove(tx, account.id, &account.email, &standings, false).await?;
    }
    Ok(empty)
}

/// Removes the account and the organisations that are its alone (with
/// their fairs nobody registered for, and their mail), inside `tx`; with
/// `forget_mail`, also the mail to the person's address.
async fn remove(
    tx: &mut Tx,
    user_id: i64,
    email: &str,
    standings: &[OrgStanding],
    forget_mail: bool,
) -> sqlx::Result<()> {
    for standing in standings
        .iter()
        .filter(|s| s.fate() == OrganisationFate::Deleted)
    {
        sqlx::query(
            "DELETE FROM fairs WHERE organisation_id = $1 AND status IN ('draft', 'archived') \
             AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.fair_id = fairs.id)",
        )
        .bind(standing.id)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "DELETE FROM mail_outbox WHERE organisation_id = $1 OR idempotency_key LIKE $2",
        )
        .bind(standing.id)
        .bind(format!("approval-request:{}:%", standing.id))
        .execute(&mut **tx)
        .await?;
        sqlx::query("DELETE FROM organisations WHERE id = $1")
            .bind(standing.id)
            .execute(&mut **tx)
            .await?;
    }
    if forget_mail {
        store::delete_account_data(tx, user_id, email).await
    } else {
        store::delete_user(tx, user_id).await
    }
}
