//! What the fair's planners do with the door: the live view of the
//! entrance, the slot tolerance, and the tokens of the JSON API.
use super::{clock_range, title, utc_offset};
use crate::{
    auth::CurrentUser,
    checkin::{
        model::{DoorTokenView, ENTRANCE, GATE_MAX, LiveDoor, LiveSlot, TOLERANCE_MAX_MINUTES},
        pack::clock,
        store::{self, DoorFairRow},
    },
    error::Problem,
    fairs::service::{require_changeable, require_planner},
    i18n::Locale,
    language::dates,
    service_error::{ServiceError, ServiceResult},
    state::AppState,
    tokens,
    validation::required_text,
};

/// Check-ins at the entrance per slot and per quarter hour, with the
/// door's settings.
pub async fn live(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    locale: Locale,
) -> ServiceResult<LiveDoor> {
    require_planner(state, user, fair_id).await?;
    let pool = state.db.pool();
    let fair = store::door_fair_by_id(pool, fair_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let zone = &fair.time_zone;
    let slots = store::slot_counts(pool, fair_id, ENTRANCE).await?;
    let quarters = store::quarter_counts(pool, fair_id, ENTRANCE).await?;
    let tokens = store::tokens_of_fair(pool, fair_id).await?;
    let offset = utc_offset(fair.starts_at, zone);
    let clock = |at: i64| clock(at, offset);
    let now = state.now();
    let seconds = (now + offset).rem_euclid(60);
    Ok(LiveDoor {
        fair_id,
        fair_title: title(&fair, locale),
        slug: fair.slug.clone(),
        checked_in: slots.iter().map(|s| s.checked_in).sum(),
        registered: slots.iter().map(|s| s.taken).sum(),
        slots: slots
            .iter()
            .map(|s| LiveSlot {
                label: clock_range(s.starts_at, s.ends_at, zone),
                capacity: s.capacity,
                registered: s.taken,
                checked_in: s.checked_in,
            })
            .collect(),
        quarters: quarters.iter().map(|(q, n)| (clock(*q), *n)).collect(),
        tolerance_minutes: fair.checkin_tolerance_minutes,
        tokens: tokens
            .iter()
            .map(|t| DoorTokenView {
                id: t.id,
                label: t.label.clone(),
                created: dates::moment(locale, t.created_at, zone),
                revoked: t.revoked_at.is_some(),
            })
            .collect(),
        as_of: format!("{}:{seconds:02}", clock(now)),
    })
}

/// Sets how many minutes before and after their slot ticket holders are
/// let in.
pub async fn set_tolerance(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    minutes: &str,
) -> ServiceResult<()> {
    require_changeable(state, user, fair_id).await?;
    let range = Problem::OutOfRange {
        min: 0,
        max: TOLERANCE_MAX_MINUTES,
    };
    let minutes: u32 = minutes
        .trim()
        .parse()
        .map_err(|_| ServiceError::invalid("tolerance", Problem::NotANumber))?;
    if minutes > TOLERANCE_MAX_MINUTES {
        return Err(ServiceError::invalid("tolerance", range));
    }
    let mut tx = state.db.begin().await?;
    store::set_tolerance(&mut tx, fair_id, i64::from(minutes)).await?;
    tx.commit().await?;
    Ok(())
}

/// A new API token for the fair's door; the token is returned once and
/// only its hash is kept.
pub async fn create_token(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    label: &str,
) -> ServiceResult<String> {
    require_changeable(state, user, fair_id).await?;
    let label = required_text(label, GATE_MAX).map_err(|p| ServiceError::invalid("label", p))?;
    let (token, hash) = tokens::new_token();
    let mut tx = state.db.begin().await?;
    store::insert_token(&mut tx, fair_id, &label, &hash, user.id, state.now()).await?;
    tx.commit().await?;
    Ok(format!("jfd_{token}"))
}

pub async fn revoke_token(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    token_id: i64,
) -> ServiceResult<()> {
    require_changeable(state, user, fair_id).await?;
    let mut tx = state.db.begin().await?;
    let revoked = store::revoke_token(&mut tx, fair_id, token_id, state.now()).await?;
    tx.commit().await?;
    if revoked {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

/// The fair an API token is for; `Unauthenticated` for an unknown or
/// revoked token.
pub async fn fair_of_token(state: &AppState, token: &str) -> ServiceResult<(DoorFairRow, i64)> {
    let token = token.trim();
    let secret = token
        .strip_prefix("jfd_")
        .ok_or(ServiceError::Unauthenticated)?;
    if secret.is_empty() || secret.len() > 100 {
        return Err(ServiceError::Unauthenticated);
    }
    let row = store::live_token(state.db.pool(), &tokens::hash_token(secret))
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    let fair = store::door_fair_by_id(state.db.pool(), row.fair_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((fair, row.id))
}
