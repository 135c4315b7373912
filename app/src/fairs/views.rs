//! What organisers and the public see of a fair, assembled from a few
//! queries each (no per-row lookups).
use super::{
    model::{
        Dashboard, EntryMode, Exhibitor, FairForm, FairOrganiser, FairPlan, FairStatus,
        FairSummary, OrganiserHome, PlannedFair, PublicFair, RegistrationWindow, SeriesPoint, Slot,
        SlotForm, SlotSeries,
    },
    service::require_planner,
    store::{self, FairRow, SlotRow},
    time,
};
use crate::{
    auth::CurrentUser,
    floorplan::service as floorplan,
    i18n::Locale,
    language::dates,
    service_error::{ServiceError, ServiceResult},
    state::AppState,
};

fn status(row: &FairRow) -> FairStatus {
    FairStatus::parse(&row.status).unwrap_or(FairStatus::Draft)
}

fn slot_view(row: SlotRow, zone: &str, locale: Locale) -> Slot {
    Slot {
        id: row.id,
        when: dates::range(locale, row.starts_at, row.ends_at, zone),
        starts_iso: time::iso(row.starts_at, zone),
        capacity: row.capacity,
        taken: row.taken,
        entry_mode: EntryMode::parse(&row.entry_mode).unwrap_or(EntryMode::Open),
        form: SlotForm {
            starts: time::input_value(row.starts_at, zone),
            ends: time::input_value(row.ends_at, zone),
            capacity: row.capacity.to_string(),
            entry_mode: row.entry_mode,
        },
    }
}

fn form_of(row: &FairRow) -> FairForm {
    let zone = &row.time_zone;
    let input = |t: Option<i64>| t.map(|t| time::input_value(t, zone)).unwrap_or_default();
    FairForm {
        title_de: row.texts.typed_title(Locale::de),
        title_en: row.texts.typed_title(Locale::en),
        description_de: row.texts.typed_description(Locale::de),
        description_en: row.texts.typed_description(Locale::en),
        venue_name: row.venue_name.clone(),
        venue_address: row.venue_address.clone(),
        time_zone: zone.clone(),
        starts: time::input_value(row.starts_at, zone),
        ends: time::input_value(row.ends_at, zone),
        registration_opens: input(row.registration_opens_at),
        registration_closes: input(row.registration_closes_at),
        invites_forwardable: (row.invites_forwardable != 0).then(|| "yes".to_owned()),
    }
}

/// Upcoming published fairs for the start page, titled in the language.
pub async fn upcoming(state: &AppState, locale: Locale) -> ServiceResult<Vec<FairSummary>> {
    let rows = store::upcoming_published(state.db.pool(), state.now(), locale).await?;
    Ok(rows
        .into_iter()
        .map(|row| FairSummary {
            when: dates::range(locale, row.starts_at, row.ends_at, &row.time_zone),
            starts_at_iso: time::iso(row.starts_at, &row.time_zone),
            title: row.title,
            slug: row.slug,
            venue_name: row.venue_name,
            venue_address: row.venue_address,
            exhibitor_count: row.exhibitor_count,
        })
        .collect())
}

/// The organiser's start page: their fairs, and the organiser
/// organisations they may create fairs for.
pub async fn organiser_home(
    state: &AppState,
    user: &CurrentUser,
    locale: Locale,
) -> ServiceResult<OrganiserHome> {
    let organisations = crate::organisations::store::memberships_of(state.db.pool(), user.id)
        .await?
        .into_iter()
        .filter(|m| m.kind == crate::organisations::OrgKind::Organiser && m.role.can_plan_fairs())
        .map(|m| (m.organisation_id, m.organisation_name))
        .collect();
    Ok(OrganiserHome {
        fairs: my_fairs(state, user, locale).await?,
        organisations,
    })
}

/// The fairs the person plans, newest first.
pub async fn my_fairs(
    state: &AppState,
    user: &CurrentUser,
    locale: Locale,
) -> ServiceResult<Vec<PlannedFair>> {
    let rows = store::fairs_planned_by(state.db.pool(), user.id).await?;
    Ok(rows
        .iter()
        .map(|row| PlannedFair {
            id: row.id,
            slug: row.slug.clone(),
            title: row.texts.title(locale),
            when: dates::range(locale, row.starts_at, row.ends_at, &row.time_zone),
            status: status(row),
            venue_name: row.venue_name.clone(),
        })
        .collect())
}

/// Everything the organiser's planning page shows and edits.
pub async fn plan(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    locale: Locale,
) -> ServiceResult<FairPlan> {
    let row = require_planner(state, user, fair_id).await?;
    let pool = state.db.pool();
    let organiser = |o: store::OrganiserRow| FairOrganiser {
        organisation_id: o.organisation_id,
        name: o.name,
        is_lead: o.is_lead == 1,
    };
    Ok(FairPlan {
        id: row.id,
        slug: row.slug.clone(),
        status: status(&row),
        when: dates::range(locale, row.starts_at, row.ends_at, &row.time_zone),
        form: form_of(&row),
        organisers: store::organisers(pool, fair_id)
            .await?
            .into_iter()
            .map(organiser)
            .collect(),
        candidates: store::organiser_candidates(pool, fair_id)
            .await?
            .into_iter()
            .map(organiser)
            .collect(),
        slots: slots(state, &row, locale).await?,
        halls: floorplan::halls_of_fair(pool, fair_id).await?,
    })
}

async fn slots(state: &AppState, row: &FairRow, locale: Locale) -> ServiceResult<Vec<Slot>> {
    Ok(store::slots(state.db.pool(), row.id)
        .await?
        .into_iter()
        .map(|s| slot_view(s, &row.time_zone, locale))
        .collect())
}

/// The public page of a published or closed fair; drafts and archived fairs
/// are not found.
pub async fn public_fair(
    state: &AppState,
    slug: &str,
    locale: Locale,
) -> ServiceResult<PublicFair> {
    let pool = state.db.pool();
    let row = store::fair_by_slug(pool, slug)
        .await?
        .filter(|r| status(r).is_public())
        .ok_or(ServiceError::NotFound)?;
    let zone = &row.time_zone;
    let now = state.now();
    let opens = row.registration_opens_at.unwrap_or(i64::MIN);
    let closes = row.registration_closes_at.unwrap_or(row.starts_at);
    let registration = if status(&row) != FairStatus::Published || now >= closes {
        RegistrationWindow::Over
    } else if now < opens {
        RegistrationWindow::NotYet {
            opens: dates::moment(locale, opens, zone),
        }
    } else {
        RegistrationWindow::Open {
            closes: dates::moment(locale, closes, zone),
        }
    };
    let mut exhibitors: Vec<Exhibitor> = Vec::new();
    for e in store::exhibitors(pool, row.id).await? {
        if e.status != "confirmed" {
            continue;
        }
        match exhibitors.last_mut() {
            Some(last) if last.name == e.name => last.booths.push(e.booth_label),
            _ => exhibitors.push(Exhibitor {
                name: e.name,
                booths: vec![e.booth_label],
                job_count: e.job_count,
            }),
        }
    }
    Ok(PublicFair {
        slug: row.slug.clone(),
        title: row.texts.title(locale),
        description: row.texts.description(locale),
        venue_name: row.venue_name.clone(),
        venue_address: row.venue_address.clone(),
        when: dates::range(locale, row.starts_at, row.ends_at, zone),
        starts_iso: time::iso(row.starts_at, zone),
        ends_iso: time::iso(row.ends_at, zone),
        status: status(&row),
        registration,
        slots: slots(state, &row, locale).await?,
        halls: floorplan::halls_of_fair(pool, row.id).await?,
        exhibitors,
        url: format!("{}/fairs/{}", state.config.public_url, row.slug),
    })
}

/// Booth and registration figures, with registrations per slot over time
/// (cumulative, per venue-local day).
pub async fn dashboard(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    locale: Locale,
) -> ServiceResult<Dashboard> {
    let row = require_planner(state, user, fair_id).await?;
    let pool = state.db.pool();
    let counts = crate::floorplan::store::booth_counts(pool, fair_id).await?;
    let slot_rows = store::slots(pool, fair_id).await?;
    let times = store::registration_times(pool, fair_id).await?;
    let zone = &row.time_zone;
    let series = slot_rows
        .iter()
        .map(|slot| {
            let mut points: Vec<(i32, SeriesPoint)> = Vec::new();
            let mut total = 0;
            for t in times.iter().filter(|t| t.slot_id == slot.id) {
                total += 1;
                let day = time::day_number(t.created_at, zone);
                match points.last_mut() {
                    Some((d, point)) if *d == day => point.total = total,
                    _ => points.push((
                        day,
                        SeriesPoint {
                            day: dates::day(locale, t.created_at, zone),
                            total,
                        },
                    )),
                }
            }
            SlotSeries {
                slot: dates::range(locale, slot.starts_at, slot.ends_at, zone),
                capacity: slot.capacity,
                points: points.into_iter().map(|(_, p)| p).collect(),
            }
        })
        .collect();
    Ok(Dashboard {
        fair_id,
        title: row.texts.title(locale),
        status: status(&row),
        booths_free: counts.free,
        booths_held: counts.held,
        booths_booked: counts.booked,
        registrations: times.len() as i64,
        capacity: slot_rows.iter().map(|s| s.capacity).sum(),
        series,
    })
}
