//! Time slots: checked against the fair's hours; their capacity is
//! changed through [`crate::places`], never below the places taken.
use super::*;

/// Checks a slot form against the fair's opening hours.
pub fn check_slot_form(form: &SlotForm, fair: &FairRow) -> Result<SlotValues, FieldErrors> {
    let mut e = FieldErrors::default();
    let starts = collect(&mut e, "starts", moment(&form.starts, &fair.time_zone));
    let ends = collect(&mut e, "ends", moment(&form.ends, &fair.time_zone));
    let capacity = collect(&mut e, "capacity", parse_capacity(&form.capacity));
    let entry_mode = collect(
        &mut e,
        "entry_mode",
        EntryMode::parse(&form.entry_mode).ok_or(Problem::InvalidChoice),
    );
    if let (Some(starts), Some(ends)) = (starts, ends) {
        if ends <= starts {
            e.add("ends", Problem::EndBeforeStart);
        } else if starts < fair.starts_at || ends > fair.ends_at {
            e.add("starts", Problem::OutsideFair);
        }
    }
    match (starts, ends, capacity, entry_mode) {
        (Some(starts_at), Some(ends_at), Some(capacity), Some(mode)) if e.is_empty() => {
            Ok(SlotValues {
                starts_at,
                ends_at,
                capacity,
                entry_mode: mode.as_str(),
            })
        }
        _ => Err(e),
    }
}

pub(super) fn parse_capacity(raw: &str) -> Result<i64, Problem> {
    let text = raw.trim().replace(['.', ' '], "");
    if text.is_empty() {
        return Err(Problem::Required);
    }
    let n: i64 = text.parse().map_err(|_| Problem::NotANumber)?;
    if !(1..=i64::from(CAPACITY_MAX)).contains(&n) {
        return Err(Problem::OutOfRange {
            min: 1,
            max: CAPACITY_MAX,
        });
    }
    Ok(n)
}

pub async fn add_slot(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    form: &SlotForm,
) -> ServiceResult<i64> {
    let fair = require_changeable(state, user, fair_id).await?;
    let values = check_slot_form(form, &fair)?;
    let mut tx = state.db.begin().await?;
    let id = store::insert_slot(&mut tx, fair_id, &values).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a slot. A capacity below the places already taken is refused,
/// decided by the database in the same statement that writes it.
pub async fn update_slot(
    state: &AppState,
    user: &CurrentUser,
    slot_id: i64,
    form: &SlotForm,
) -> ServiceResult<()> {
    let fair_id = store::slot_fair(state.db.pool(), slot_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let fair = require_changeable(state, user, fair_id).await?;
    let values = check_slot_form(form, &fair)?;
    let ticket_context = crate::tickets::issue::fair_context(state, &fair).await?;
    let mut tx = state.db.begin().await?;
    match places_store::resize(&mut tx, Places::admission_slot(slot_id), values.capacity).await? {
        Resized::Done => {}
        Resized::BelowTaken { taken } => {
            return Err(ServiceError::invalid(
                "capacity",
                Problem::BelowTaken {
                    taken: u32::try_from(taken).unwrap_or(u32::MAX),
                },
            ));
        }
        Resized::NotFound => return Err(ServiceError::NotFound),
    }
    store::update_slot_times(&mut tx, slot_id, &values).await?;
    // More places: the waitlist moves up at once.
    crate::registration::service::fill_from_waitlist(
        state,
        &ticket_context,
        &mut tx,
        &fair,
        slot_id,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a slot nobody registered for.
pub async fn delete_slot(state: &AppState, user: &CurrentUser, slot_id: i64) -> ServiceResult<()> {
    let fair_id = store::slot_fair(state.db.pool(), slot_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require_changeable(state, user, fair_id).await?;
    let mut tx = state.db.begin().await?;
    if !store::delete_unused_slot(&mut tx, slot_id).await? {
        return Err(ServiceError::invalid(FORM, Problem::InUse));
    }
    tx.commit().await?;
    Ok(())
}
