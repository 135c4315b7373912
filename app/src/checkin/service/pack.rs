//! The door pack a scanner decides with: keys, slots, tolerance, the
//! fair's tickets (the revocation list included) and the admissions so far
//! on one check-in list.
use super::{admission, require_door, rules, title, utc_offset};
use crate::{
    auth::CurrentUser,
    checkin::{
        model::ENTRANCE,
        pack::{DoorPack, DoorTicket},
        store::{self, DoorFairRow, DoorTicketRow},
    },
    i18n::Locale,
    service_error::{ServiceError, ServiceResult},
    state::AppState,
};

/// How much of the ticket holders a pack carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackDetail {
    /// Names too, for the name search and the result screen (the door).
    WithNames,
    /// Codes only, for staff who may not see who registered.
    WithoutNames,
}

fn door_ticket(row: &DoorTicketRow) -> DoorTicket {
    DoorTicket {
        id: u32::try_from(row.id).unwrap_or_default(),
        short_code: row.short_code.clone(),
        name: row.name.clone(),
        slot_id: row.slot_id,
        revoked: row.revoked != 0,
    }
}

/// The door pack of the entrance, with names, for someone who may run the
/// fair's door.
pub async fn door_pack(
    state: &AppState,
    user: &CurrentUser,
    slug: &str,
    locale: Locale,
) -> ServiceResult<DoorPack> {
    let fair = require_door(state, user, slug).await?;
    door_pack_of(state, &fair, locale).await
}

/// The entrance's door pack of a fair, with names, for a caller already
/// checked.
pub async fn door_pack_of(
    state: &AppState,
    fair: &DoorFairRow,
    locale: Locale,
) -> ServiceResult<DoorPack> {
    door_pack_with(state, fair, locale, ENTRANCE, PackDetail::WithNames).await
}

/// The door pack of one check-in list. Only published or closed fairs
/// have one: a draft has no door yet, and an archived fair's registrants
/// are no one's business at a door any more.
pub async fn door_pack_with(
    state: &AppState,
    fair: &DoorFairRow,
    locale: Locale,
    list: &str,
    detail: PackDetail,
) -> ServiceResult<DoorPack> {
    if !matches!(fair.status.as_str(), "published" | "closed") {
        return Err(ServiceError::NotFound);
    }
    let pool = state.db.pool();
    let (rules, keys) = rules(state, fair).await?;
    let tickets = store::door_tickets(pool, fair.id).await?;
    let admitted = store::admissions(pool, fair.id, list).await?;
    let pack = DoorPack {
        fair_id: fair.id,
        slug: fair.slug.clone(),
        fair_title: title(fair, locale),
        door_opens_at: rules.window.opens_at,
        door_closes_at: rules.window.closes_at,
        tolerance_secs: rules.tolerance_secs,
        utc_offset_secs: utc_offset(fair.starts_at, &fair.time_zone),
        keys,
        slots: rules.slots,
        tickets: tickets.iter().map(door_ticket).collect(),
        admitted: admitted.iter().map(admission).collect(),
        generated_at: state.now(),
    };
    Ok(match detail {
        PackDetail::WithNames => pack,
        PackDetail::WithoutNames => pack.without_names(),
    })
}
