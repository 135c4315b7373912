//! Floor-plan rules: halls and booths may be changed by the fair's planners;
//! booths must fit the hall and must not overlap, checked inside the
//! transaction that writes them, with the hall locked.
use super::{
    model::{
        Availability, Booth, BoothCategory, BoothForm, Extra, Hall, HallForm, Neighbour, Rect,
        check_booth, check_hall,
    },
    store,
};
use crate::{
    auth::CurrentUser,
    error::{FORM, Problem},
    fairs::service::require_changeable,
    service_error::{ServiceError, ServiceResult},
    state::AppState,
};
use sqlx::AnyPool;

/// Every hall of a fair with its booths and their bookings.
pub async fn halls_of_fair(pool: &AnyPool, fair_id: i64) -> ServiceResult<Vec<Hall>> {
    let mut halls: Vec<Hall> = store::halls(pool, fair_id)
        .await?
        .into_iter()
        .map(|h| Hall {
            id: h.id,
            fair_id: h.fair_id,
            name: h.name,
            width_dm: h.width_dm,
            depth_dm: h.depth_dm,
            booths: Vec::new(),
        })
        .collect();
    for b in store::booths_of_fair(pool, fair_id).await? {
        let availability = match b.booking_status.as_deref() {
            Some("confirmed") => Availability::Booked,
            Some(_) => Availability::Held,
            None => Availability::Free,
        };
        let booth = Booth {
            id: b.id,
            hall_id: b.hall_id,
            label: b.label,
            rect: Rect {
                x: b.x_dm,
                y: b.y_dm,
                width: b.width_dm,
                depth: b.depth_dm,
            },
            category: BoothCategory::parse(&b.category).unwrap_or(BoothCategory::Standard),
            price_cents: b.price_cents,
            extras: Extra::parse_list(&b.extras),
            exhibitor: b.exhibitor.filter(|_| availability == Availability::Booked),
            availability,
        };
        if let Some(hall) = halls.iter_mut().find(|h| h.id == booth.hall_id) {
            hall.booths.push(booth);
        }
    }
    Ok(halls)
}

pub async fn add_hall(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    form: &HallForm,
) -> ServiceResult<i64> {
    require_changeable(state, user, fair_id).await?;
    let hall = check_hall(form)?;
    let mut tx = state.db.begin().await?;
    if store::hall_name_taken(&mut tx, fair_id, &hall.name, 0).await? {
        return Err(ServiceError::invalid("name", Problem::Taken));
    }
    let id = store::insert_hall(&mut tx, fair_id, &hall.name, hall.width_dm, hall.depth_dm).await?;
    tx.commit().await?;
    Ok(id)
}

/// Renames or resizes a hall; it cannot shrink below the booths in it.
pub async fn update_hall(
    state: &AppState,
    user: &CurrentUser,
    hall_id: i64,
    form: &HallForm,
) -> ServiceResult<()> {
    let fair_id = store::hall_fair(state.db.pool(), hall_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require_changeable(state, user, fair_id).await?;
    let hall = check_hall(form)?;
    let mut tx = state.db.begin().await?;
    store::lock_hall(&mut tx, hall_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if store::hall_name_taken(&mut tx, fair_id, &hall.name, hall_id).await? {
        return Err(ServiceError::invalid("name", Problem::Taken));
    }
    let (right, bottom) = store::booth_extent(&mut tx, hall_id).await?;
    if hall.width_dm < right {
        return Err(ServiceError::invalid("width_m", Problem::OutsideHall));
    }
    if hall.depth_dm < bottom {
        return Err(ServiceError::invalid("depth_m", Problem::OutsideHall));
    }
    store::update_hall(&mut tx, hall_id, &hall.name, hall.width_dm, hall.depth_dm).await?;
    tx.commit().await?;
    Ok(())
}

/// Places a new booth (`booth_id` `None`) or changes one: moved, resized,
/// relabelled, repriced. Refused when it overlaps another booth or leaves
/// the hall.
pub async fn save_booth(
    state: &AppState,
    user: &CurrentUser,
    hall_id: i64,
    booth_id: Option<i64>,
    form: &BoothForm,
) -> ServiceResult<i64> {
    let fair_id = store::hall_fair(state.db.pool(), hall_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require_changeable(state, user, fair_id).await?;
    let mut tx = state.db.begin().await?;
    let hall = store::lock_hall(&mut tx, hall_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let rows = store::booths_in_hall(&mut tx, hall_id).await?;
    if let Some(id) = booth_id
        && !rows.iter().any(|r| r.id == id)
    {
        return Err(ServiceError::NotFound);
    }
    let neighbours: Vec<Neighbour<'_>> = rows
        .iter()
        .map(|r| Neighbour {
            id: r.id,
            label: &r.label,
            rect: Rect {
                x: r.x_dm,
                y: r.y_dm,
                width: r.width_dm,
                depth: r.depth_dm,
            },
        })
        .collect();
    let draft = check_booth(form, (hall.width_dm, hall.depth_dm), &neighbours, booth_id)?;
    let id = match booth_id {
        Some(id) => {
            store::update_booth(&mut tx, id, &draft).await?;
            id
        }
        None => store::insert_booth(&mut tx, hall_id, &draft).await?,
    };
    tx.commit().await?;
    Ok(id)
}

/// Removes a booth nobody has booked.
pub async fn delete_booth(
    state: &AppState,
    user: &CurrentUser,
    booth_id: i64,
) -> ServiceResult<()> {
    let fair_id = store::booth_fair(state.db.pool(), booth_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require_changeable(state, user, fair_id).await?;
    let mut tx = state.db.begin().await?;
    if !store::delete_unbooked_booth(&mut tx, booth_id).await? {
        return Err(ServiceError::invalid(FORM, Problem::InUse));
    }
    tx.commit().await?;
    Ok(())
}
