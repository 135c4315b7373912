//! Door check-in: the door pack for scanners ([`pack`]), recording scans
//! (online at once, offline ones when the device syncs) and walk-ins
//! ([`scans`]), the organiser's live view, the slot tolerance and the
//! tokens of the JSON API ([`organiser`]).
mod organiser;
mod pack;
mod scans;

pub use organiser::{create_token, fair_of_token, live, revoke_token, set_tolerance};
pub use pack::{PackDetail, door_pack, door_pack_of, door_pack_with};
pub use scans::{record_scans, record_scans_on, walk_in};

use super::{
    model::{Admission, DoorFair, DoorSlot, GATE_MAX},
    store::{self, DoorFairRow},
};
use crate::{
    auth::CurrentUser,
    error::Problem,
    fairs::{store as fair_store, time},
    i18n::Locale,
    language::dates,
    organisations::Role,
    scanner::lookup::ShortCodeWindow,
    service_error::{ServiceError, ServiceResult},
    state::AppState,
    tickets::keys,
};
use ticket::TicketVerifier;

/// The door is open this long before the fair and after it (as tickets).
const DOOR_BEFORE_SECS: i64 = 6 * 3600;
const DOOR_AFTER_SECS: i64 = 2 * 3600;

/// Who scanned: a signed-in staff member or an API token.
#[derive(Debug, Clone, Copy)]
pub enum Scanner {
    Staff { user_id: i64 },
    Token { token_id: i64 },
}

/// Where and by whom a scan was made, and on which check-in list.
pub struct Door<'a> {
    pub list: &'a str,
    pub gate: &'a str,
    pub device: &'a str,
    pub scanner: Scanner,
}

fn title(fair: &DoorFairRow, locale: Locale) -> String {
    fair.texts.title(locale)
}

/// The fair by slug, if the person may run its door.
pub async fn require_door(
    state: &AppState,
    user: &CurrentUser,
    slug: &str,
) -> ServiceResult<DoorFairRow> {
    let fair = store::door_fair_by_slug(state.db.pool(), slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let roles = fair_store::roles_for_fair(state.db.pool(), fair.id, user.id).await?;
    if roles
        .iter()
        .filter_map(|r| Role::parse(r))
        .any(Role::can_check_in)
    {
        Ok(fair)
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// Fairs whose door the person may run, soonest first.
pub async fn door_fairs(
    state: &AppState,
    user: &CurrentUser,
    locale: Locale,
) -> ServiceResult<Vec<DoorFair>> {
    let fairs =
        store::door_fairs_of(state.db.pool(), user.id, state.now() - DOOR_AFTER_SECS).await?;
    Ok(fairs
        .iter()
        .map(|f| DoorFair {
            slug: f.slug.clone(),
            title: title(f, locale),
            when: dates::range(locale, f.starts_at, f.ends_at, &f.time_zone),
        })
        .collect())
}

/// What a scanner needs of a fair to decide on its own.
struct Rules {
    verifier: TicketVerifier,
    slots: Vec<DoorSlot>,
    tolerance_secs: i64,
    /// When short codes are taken (the door's opening hours).
    window: ShortCodeWindow,
}

async fn rules(
    state: &AppState,
    fair: &DoorFairRow,
) -> ServiceResult<(Rules, Vec<ticket::PublishedKey>)> {
    let pool = state.db.pool();
    let keys = keys::published_keys(pool, fair.id).await?;
    let slots = fair_store::slots(pool, fair.id)
        .await?
        .into_iter()
        .map(|s| DoorSlot {
            id: s.id,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            label: clock_range(s.starts_at, s.ends_at, &fair.time_zone),
        })
        .collect();
    let rules = Rules {
        verifier: TicketVerifier::new(u32::try_from(fair.id).unwrap_or(u32::MAX), &keys),
        slots,
        tolerance_secs: fair.checkin_tolerance_minutes * 60,
        window: ShortCodeWindow {
            opens_at: fair.starts_at - DOOR_BEFORE_SECS,
            closes_at: fair.ends_at + DOOR_AFTER_SECS,
        },
    };
    Ok((rules, keys))
}

/// "09:00–12:00" in the venue's time. The door pack and scan answers are
/// shared by every device of a door, so the times use the default
/// language's clock.
fn clock_range(starts_at: i64, ends_at: i64, zone: &str) -> String {
    dates::clock_range(Locale::default(), starts_at, ends_at, zone)
}

fn utc_offset(at: i64, zone: &str) -> i64 {
    use chrono::{Offset, TimeZone};
    time::zone(zone)
        .timestamp_opt(at, 0)
        .single()
        .map(|local| i64::from(local.offset().fix().local_minus_utc()))
        .unwrap_or(0)
}

fn admission(row: &store::AdmissionRow) -> Admission {
    Admission {
        ticket_id: u32::try_from(row.ticket_id).unwrap_or_default(),
        at: row.scanned_at,
        gate: row.gate.clone(),
    }
}

fn check_label(raw: &str) -> Result<String, Problem> {
    let text = raw.trim();
    if text.chars().count() > GATE_MAX {
        return Err(Problem::TooLong {
            max: GATE_MAX as u32,
        });
    }
    if text.chars().any(char::is_control) {
        return Err(Problem::InvalidChoice);
    }
    Ok(text.to_owned())
}
