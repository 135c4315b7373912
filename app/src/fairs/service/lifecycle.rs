//! A fair's life: created, changed, published or archived, and shared
//! with co-organisers.
use super::*;

/// Creates a draft fair for an organiser organisation the person plans for.
pub async fn create_fair(
    state: &AppState,
    user: &CurrentUser,
    org_id: i64,
    form: &FairForm,
) -> ServiceResult<i64> {
    let membership = orgs::require_membership(state, user, org_id).await?;
    if membership.kind != OrgKind::Organiser || !membership.role.can_plan_fairs() {
        return Err(ServiceError::Forbidden);
    }
    let fair = check_fair_form(form)?;
    let mut tx = state.db.begin().await?;
    let base = slugify(&fair.title_de);
    let mut slug = base.clone();
    let mut n = 2;
    while store::slug_taken(&mut tx, &slug).await? {
        slug = format!("{base}-{n}");
        n += 1;
    }
    let id = store::insert_fair(&mut tx, &slug, org_id, &fair.values(), state.now()).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_fair(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    form: &FairForm,
) -> ServiceResult<()> {
    require_changeable(state, user, fair_id).await?;
    let fair = check_fair_form(form)?;
    let mut tx = state.db.begin().await?;
    if store::count_slots_outside(&mut tx, fair_id, fair.starts_at, fair.ends_at).await? > 0 {
        return Err(ServiceError::invalid("ends", Problem::OutsideFair));
    }
    store::update_fair(&mut tx, fair_id, &fair.values(), state.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves the fair to its next status, if that step makes sense. Publishing
/// needs at least one time slot.
pub async fn change_status(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    next: &str,
) -> ServiceResult<FairStatus> {
    let fair = require_planner(state, user, fair_id).await?;
    let current = FairStatus::parse(&fair.status).ok_or(ServiceError::NotFound)?;
    let next = FairStatus::parse(next)
        .ok_or_else(|| ServiceError::invalid("status", Problem::InvalidChoice))?;
    if !current.can_become(next) {
        return Err(ServiceError::invalid(FORM, Problem::TransitionNotAllowed));
    }
    if next == FairStatus::Published {
        // Publishing speaks to the public: only an approved organiser may.
        crate::admin::service::require_approved(state, fair.organisation_id).await?;
    }
    let mut tx = state.db.begin().await?;
    if next == FairStatus::Published && store::count_slots(&mut tx, fair_id).await? == 0 {
        return Err(ServiceError::invalid(FORM, Problem::NeedsSlot));
    }
    if !store::change_status(
        &mut tx,
        fair_id,
        current.as_str(),
        next.as_str(),
        state.now(),
    )
    .await?
    {
        return Err(ServiceError::invalid(FORM, Problem::TransitionNotAllowed));
    }
    if next == FairStatus::Published {
        // Scanners can fetch the ticket key before the first registration.
        crate::tickets::keys::current_signer(
            &mut tx,
            &state.config.ticket_secret,
            fair_id,
            state.now(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(next)
}

/// Adds another organiser organisation to run the fair with the same rights.
pub async fn add_co_organiser(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    org_id: i64,
) -> ServiceResult<()> {
    require_changeable(state, user, fair_id).await?;
    let mut tx = state.db.begin().await?;
    match store::organisation_kind(&mut tx, org_id).await?.as_deref() {
        Some(kind) if OrgKind::parse(kind) == Some(OrgKind::Organiser) => {}
        _ => {
            return Err(ServiceError::invalid(
                "organisation_id",
                Problem::InvalidChoice,
            ));
        }
    }
    if !store::insert_organiser(&mut tx, fair_id, org_id).await? {
        return Err(ServiceError::invalid(
            "organisation_id",
            Problem::AlreadyMember,
        ));
    }
    tx.commit().await?;
    Ok(())
}

/// Removes a co-organiser; the lead organisation stays.
pub async fn remove_co_organiser(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    org_id: i64,
) -> ServiceResult<()> {
    require_changeable(state, user, fair_id).await?;
    let mut tx = state.db.begin().await?;
    if !store::delete_organiser(&mut tx, fair_id, org_id).await? {
        return Err(ServiceError::invalid(FORM, Problem::InvalidChoice));
    }
    tx.commit().await?;
    Ok(())
}
