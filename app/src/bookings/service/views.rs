//! Bookings as lists, pages and the confirmation document show them,
//! each for whom may see them.
use super::*;

/// The bookings of an employer the user acts for.
pub async fn bookings_of_employer(
    state: &AppState,
    user: &CurrentUser,
    organisation_id: i64,
) -> ServiceResult<Vec<BookingRow>> {
    require_employer(state, user, organisation_id).await?;
    Ok(store::bookings_of_employer(state.db.pool(), organisation_id).await?)
}

/// The bookings of a fair the user plans.
pub async fn bookings_of_fair(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
) -> ServiceResult<Vec<BookingRow>> {
    require_planner(state, user, fair_id).await?;
    Ok(store::bookings_of_fair(state.db.pool(), fair_id).await?)
}

/// A confirmed booking for its printable confirmation: for the employer's
/// people and the fair's planners only; others get "not found", so they
/// learn nothing about whether it exists.
pub async fn confirmation(
    state: &AppState,
    user: &CurrentUser,
    booking_id: i64,
) -> ServiceResult<BookingRow> {
    let booking = store::booking(state.db.pool(), booking_id)
        .await?
        .filter(|b| b.status == BookingStatus::Confirmed.as_str())
        .ok_or(ServiceError::NotFound)?;
    let employer_side = require_employer(state, user, booking.organisation_id)
        .await
        .is_ok();
    if !employer_side && require_planner(state, user, booking.fair_id).await.is_err() {
        return Err(ServiceError::NotFound);
    }
    Ok(booking)
}

/// The titles of the bookings' fairs in the reader's language, by fair id
/// (one query).
pub(super) async fn fair_titles(
    state: &AppState,
    rows: &[BookingRow],
    locale: Locale,
) -> ServiceResult<HashMap<i64, String>> {
    let mut fairs: Vec<(i64, &str)> = rows
        .iter()
        .map(|r| (r.fair_id, r.fair_default_locale.as_str()))
        .collect();
    fairs.sort_unstable();
    fairs.dedup();
    Ok(texts::texts_of_fairs(state.db.pool(), &fairs)
        .await?
        .into_iter()
        .map(|(id, texts)| (id, texts.title(locale)))
        .collect())
}

/// Stored bookings as the lists show them, for a reader of `locale`.
pub(super) async fn views_of(
    state: &AppState,
    rows: &[BookingRow],
    locale: Locale,
) -> ServiceResult<Vec<BookingView>> {
    let titles = fair_titles(state, rows, locale).await?;
    let now = state.now();
    Ok(rows
        .iter()
        .map(|row| {
            let title = titles.get(&row.fair_id).cloned().unwrap_or_default();
            view_of(row, now, locale, title)
        })
        .collect())
}

/// A stored booking as the lists show it.
pub fn view_of(row: &BookingRow, now: i64, locale: Locale, fair_title: String) -> BookingView {
    let status = BookingStatus::parse(&row.status).unwrap_or(BookingStatus::Cancelled);
    BookingView {
        id: row.id,
        organisation_id: row.organisation_id,
        status,
        fair_title,
        fair_slug: row.fair_slug.clone(),
        booth: format!("{} · {}", row.hall_name, row.booth_label),
        extras: Extra::parse_list(&row.extras),
        price_cents: row.price_cents,
        held_until: row
            .held_until
            .filter(|_| status == BookingStatus::Held)
            .map(|t| dates::moment(locale, t, &row.time_zone)),
        number: row.number,
        message: row.message.clone(),
        employer: row.employer.clone(),
        requested: dates::moment(locale, row.created_at, &row.time_zone),
        cancellable: may_cancel(status, now, row.fair_starts_at, row.cancel_days),
    }
}

/// The employers (owner or member) the person acts for.
pub(super) async fn employers_of(
    state: &AppState,
    user: &CurrentUser,
) -> ServiceResult<Vec<(i64, String)>> {
    Ok(org_store::memberships_of(state.db.pool(), user.id)
        .await?
        .into_iter()
        .filter(|m| m.kind == OrgKind::Employer && m.role.can_act_for_employer())
        .map(|m| (m.organisation_id, m.organisation_name))
        .collect())
}

/// The booking page of a published fair for a signed-in person: the plan,
/// their employers, and their bookings there. People without an employer
/// see the plan and are told to create a company profile first.
pub async fn booking_page(
    state: &AppState,
    user: &CurrentUser,
    slug: &str,
    locale: Locale,
) -> ServiceResult<BookingPage> {
    let fair = crate::fairs::store::fair_by_slug(state.db.pool(), slug)
        .await?
        .filter(|f| FairStatus::parse(&f.status).is_some_and(FairStatus::is_public))
        .ok_or(ServiceError::NotFound)?;
    let now = state.now();
    let employers = employers_of(state, user).await?;
    let ids: Vec<i64> = employers.iter().map(|(id, _)| *id).collect();
    let bookings = store::bookings_of_employers_at_fair(state.db.pool(), &ids, fair.id).await?;
    Ok(BookingPage {
        fair_title: fair.texts.title(locale),
        slug: fair.slug.clone(),
        open: FairStatus::parse(&fair.status) == Some(FairStatus::Published)
            && now < fair.starts_at,
        halls: crate::floorplan::service::halls_of_fair(state.db.pool(), fair.id).await?,
        employers,
        bookings: views_of(state, &bookings, locale).await?,
    })
}

/// Every booking of the employers the person acts for, newest first.
pub async fn my_bookings(
    state: &AppState,
    user: &CurrentUser,
    locale: Locale,
) -> ServiceResult<Vec<BookingView>> {
    let mut all = Vec::new();
    for (id, _) in employers_of(state, user).await? {
        all.extend(store::bookings_of_employer(state.db.pool(), id).await?);
    }
    all.sort_by_key(|b| std::cmp::Reverse(b.id));
    views_of(state, &all, locale).await
}

/// A fair's bookings for its planners.
pub async fn fair_bookings(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    locale: Locale,
) -> ServiceResult<FairBookings> {
    let fair = require_planner(state, user, fair_id).await?;
    let bookings = store::bookings_of_fair(state.db.pool(), fair_id).await?;
    Ok(FairBookings {
        fair_id,
        fair_title: fair.texts.title(locale),
        bookings: views_of(state, &bookings, locale).await?,
    })
}

/// The printable confirmation (same access rule as [`confirmation`]).
pub async fn confirmation_doc(
    state: &AppState,
    user: &CurrentUser,
    booking_id: i64,
    locale: Locale,
) -> ServiceResult<ConfirmationDoc> {
    let b = confirmation(state, user, booking_id).await?;
    let zone = &b.time_zone;
    let area_dm2 = b.width_dm * b.depth_dm;
    let fair_texts = texts::texts_of(state.db.pool(), b.fair_id, &b.fair_default_locale).await?;
    Ok(ConfirmationDoc {
        number: b.number.unwrap_or_default(),
        organiser: b.fair_organisation_name.clone(),
        employer: b.employer.clone(),
        fair_title: fair_texts.title(locale),
        venue: format!("{}, {}", b.venue_name, b.venue_address),
        when: dates::range(locale, b.fair_starts_at, b.fair_ends_at, zone),
        booth: format!("{} · {}", b.hall_name, b.booth_label),
        category: BoothCategory::parse(&b.category).unwrap_or(BoothCategory::Standard),
        area_m2: numbers::hundredths(locale, area_dm2),
        extras: Extra::parse_list(&b.extras),
        price: numbers::price(locale, b.price_cents),
        confirmed_on: dates::date(locale, b.updated_at, zone),
    })
}
