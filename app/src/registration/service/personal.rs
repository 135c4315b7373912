//! What the personal link allows: the ticket page, cancelling, another
//! slot, the ticket again, bookmarks, the calendar file.
use super::*;

pub(super) fn map_link(fair: &FairRow) -> String {
    let query = crate::units::form_value(&format!("{}, {}", fair.venue_name, fair.venue_address));
    format!("https://www.openstreetmap.org/search?query={query}")
}

/// The personal ticket page.
pub async fn ticket_page(
    state: &AppState,
    token: &str,
    locale: Locale,
) -> ServiceResult<TicketPage> {
    let pool = state.db.pool();
    let (registration, fair) = by_link(state, token).await?;
    let zone = &fair.time_zone;
    let slots = fair_store::slots(pool, fair.id).await?;
    let slot = slots
        .iter()
        .find(|s| s.id == registration.slot_id)
        .ok_or(ServiceError::NotFound)?;
    let status = match registration.status() {
        RegistrationStatus::Active => TicketStatus::Active,
        RegistrationStatus::Waiting => TicketStatus::Waiting {
            position: places_store::position(
                pool,
                Places::admission_slot(slot.id),
                registration.id,
            )
            .await?
            .unwrap_or(0),
        },
        RegistrationStatus::Cancelled => TicketStatus::Cancelled,
    };
    let ticket = match status {
        TicketStatus::Active => ticket_store::valid_ticket(pool, registration.id).await?,
        _ => None,
    };
    let fair_title = title(&fair, locale);
    let qr_svg = match &ticket {
        Some(t) => Some(qr::svg(
            &t.payload,
            &templates::ticket_qr_alt(locale, &fair_title),
        )?),
        None => None,
    };
    let bookmarked = store::bookmarked(pool, registration.id).await?;
    let jobs = store::jobs_of_fair(pool, fair.id).await?;
    let mut exhibitors: Vec<RouteStop> = Vec::new();
    for e in fair_store::exhibitors(pool, fair.id).await? {
        if e.status != "confirmed" {
            continue;
        }
        let booth = format!("{} · {}", e.hall_name, e.booth_label);
        match exhibitors.last_mut() {
            Some(last) if last.organisation_id == e.organisation_id => {
                last.booths.push_str(&format!(", {booth}"));
            }
            _ => exhibitors.push(RouteStop {
                organisation_id: e.organisation_id,
                name: e.name,
                booths: booth,
                jobs: jobs
                    .iter()
                    .filter(|(org, _)| *org == e.organisation_id)
                    .map(|(_, title)| title.clone())
                    .collect(),
                bookmarked: bookmarked.contains(&e.organisation_id),
            }),
        }
    }
    let changeable = state.now() < fair.ends_at && status != TicketStatus::Cancelled;
    Ok(TicketPage {
        name: registration.name.clone(),
        status,
        fair_title,
        fair_slug: fair.slug.clone(),
        slot_id: slot.id,
        slot_when: dates::range(locale, slot.starts_at, slot.ends_at, zone),
        venue_name: fair.venue_name.clone(),
        venue_address: fair.venue_address.clone(),
        map_link: map_link(&fair),
        qr_svg,
        short_code: ticket.map(|t| t.short_code),
        other_slots: slots
            .iter()
            .filter(|s| {
                s.id != slot.id && s.entry_mode == EntryMode::Open.as_str() && s.taken < s.capacity
            })
            .map(|s| slot_choice(s, zone, locale))
            .collect(),
        exhibitors,
        changeable,
    })
}

/// Cancels: the place is freed (and goes to the waitlist), the ticket is
/// revoked. Cancelling twice is fine.
pub async fn cancel(state: &AppState, token: &str) -> ServiceResult<()> {
    let (registration, fair) = by_link(state, token).await?;
    let now = state.now();
    let ctx = &fair_context(state, &fair).await?;
    let mut tx = state.db.begin().await?;
    let Some(current) = store::registration_by_id(&mut tx, registration.id).await? else {
        return Err(ServiceError::NotFound);
    };
    let from = current.status();
    if from == RegistrationStatus::Cancelled {
        return Ok(());
    }
    if !store::move_registration(
        &mut tx,
        current.id,
        from,
        RegistrationStatus::Cancelled,
        current.slot_id,
        now,
    )
    .await?
    {
        return Err(ServiceError::Internal(anyhow::anyhow!(
            "registration changed meanwhile"
        )));
    }
    let event = Event::RegistrationCancelled {
        fair_id: fair.id,
        registration_id: current.id,
    };
    events::record(&mut tx, event, &[], now).await?;
    give_up_place(state, ctx, &mut tx, &fair, &current, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves to another open slot with a place left: a new ticket replaces the
/// old one (revoked), and the freed place goes to the old slot's waitlist.
/// A waitlisted jobseeker who changes to a slot with places gets a ticket.
pub async fn change_slot(state: &AppState, token: &str, slot_id: i64) -> ServiceResult<()> {
    let (registration, fair) = by_link(state, token).await?;
    let now = state.now();
    if now >= fair.ends_at {
        return Err(ServiceError::invalid(FORM, Problem::RegistrationClosed));
    }
    let target = slot_row(state, &fair, slot_id)
        .await?
        .filter(|s| s.entry_mode == EntryMode::Open.as_str() && s.id != registration.slot_id)
        .ok_or_else(|| ServiceError::invalid("slot_id", Problem::InvalidChoice))?;
    let ctx = &fair_context(state, &fair).await?;
    let mut tx = state.db.begin().await?;
    let Some(current) = store::registration_by_id(&mut tx, registration.id).await? else {
        return Err(ServiceError::NotFound);
    };
    let from = current.status();
    if from == RegistrationStatus::Cancelled {
        return Err(ServiceError::invalid(FORM, Problem::InvalidChoice));
    }
    if !places_store::take(&mut tx, Places::admission_slot(target.id)).await? {
        return Err(ServiceError::invalid("slot_id", Problem::SlotFull));
    }
    if !store::move_registration(
        &mut tx,
        current.id,
        from,
        RegistrationStatus::Active,
        target.id,
        now,
    )
    .await?
    {
        return Err(ServiceError::Internal(anyhow::anyhow!(
            "registration changed meanwhile"
        )));
    }
    give_up_place(state, ctx, &mut tx, &fair, &current, now).await?;
    issue_and_mail(
        state,
        ctx,
        &mut tx,
        &fair,
        &target,
        &current,
        TicketMailKind::Changed,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// "Send my ticket again" from the ticket page; true when a mail was
/// queued (at most one per few minutes).
pub async fn resend(state: &AppState, token: &str) -> ServiceResult<bool> {
    let (registration, fair) = by_link(state, token).await?;
    if registration.status() != RegistrationStatus::Active {
        return Ok(false);
    }
    let now = state.now();
    let Some(slot) = slot_row(state, &fair, registration.slot_id).await? else {
        return Ok(false);
    };
    let ctx = &fair_context(state, &fair).await?;
    let mut tx = state.db.begin().await?;
    let Some(t) = ticket_store::valid_ticket(&mut *tx, registration.id).await? else {
        return Ok(false);
    };
    let key = format!(
        "ticket-again:{}:{}",
        registration.id,
        now / RESEND_INTERVAL_SECS
    );
    let ticket = IssuedTicket {
        id: t.id,
        slot_id: t.slot_id,
        short_code: t.short_code,
        payload: t.payload,
    };
    let message = ticket_message(
        state,
        &fair,
        &slot,
        &registration,
        &ticket,
        TicketMailKind::SentAgain,
    )?;
    let event = Event::TicketSentAgain {
        fair_id: fair.id,
        registration_id: registration.id,
    };
    let notice = notice_to(ctx, &fair, &registration, &message, &key);
    let queued = events::record(&mut tx, event, &[notice], now).await? > 0;
    tx.commit().await?;
    Ok(queued)
}

/// Bookmarks an exhibitor for the day's route (or removes it).
pub async fn bookmark(
    state: &AppState,
    token: &str,
    organisation_id: i64,
    on: bool,
) -> ServiceResult<()> {
    let (registration, fair) = by_link(state, token).await?;
    let exhibits = fair_store::exhibitors(state.db.pool(), fair.id)
        .await?
        .iter()
        .any(|e| e.organisation_id == organisation_id && e.status == "confirmed");
    if on && !exhibits {
        return Err(ServiceError::invalid(FORM, Problem::InvalidChoice));
    }
    store::set_bookmark(
        state.db.pool(),
        registration.id,
        organisation_id,
        on,
        state.now(),
    )
    .await?;
    Ok(())
}

/// The ticket as a calendar file, for the personal link's download.
pub async fn calendar(state: &AppState, token: &str, locale: Locale) -> ServiceResult<String> {
    let (registration, fair) = by_link(state, token).await?;
    let slot = slot_row(state, &fair, registration.slot_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let code = ticket_store::valid_ticket(state.db.pool(), registration.id)
        .await?
        .map(|t| t.short_code)
        .unwrap_or_default();
    Ok(calendar_file(
        state,
        &fair,
        &slot,
        &registration,
        &code,
        locale,
    ))
}
