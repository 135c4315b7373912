//! Registering: the registration page, and a new registration with a
//! ticket or a waitlist place (or its ticket sent again).
use super::*;

/// The registration page: the fair, its slots, the privacy facts, and what
/// a valid invitation code fills in.
pub async fn page(
    state: &AppState,
    slug: &str,
    invite: Option<&str>,
    locale: Locale,
) -> ServiceResult<RegistrationPage> {
    let pool = state.db.pool();
    let fair = public_fair(state, slug).await?;
    let zone = &fair.time_zone;
    let slots = fair_store::slots(pool, fair.id).await?;
    let invite = match invite.filter(|code| !code.is_empty() && code.len() <= 100) {
        Some(code) => store::jobseeker_invite(pool, fair.id, &tokens::hash_token(code))
            .await?
            .filter(|i| i.used_at.is_none())
            .map(|i| InvitePrefill {
                code: code.to_owned(),
                name: i.name,
                email: i.email,
                language: i.locale,
                slot_id: i.slot_id,
            }),
        None => None,
    };
    let deleted_on = dates::date(locale, fair.ends_at + RETENTION_DAYS * 86_400, zone);
    Ok(RegistrationPage {
        slug: fair.slug.clone(),
        fair_title: title(&fair, locale),
        when: dates::range(locale, fair.starts_at, fair.ends_at, zone),
        venue: format!("{}, {}", fair.venue_name, fair.venue_address),
        open: registration_open(&fair, state.now()),
        slots: slots.iter().map(|s| slot_choice(s, zone, locale)).collect(),
        privacy: PrivacyFacts {
            organisers: store::organiser_names(pool, fair.id).await?.join(", "),
            deleted_on,
        },
        invite,
    })
}

/// Registers a jobseeker. Returns the personal link (`/tickets/<token>`)
/// with a ticket or a waitlist place, or says that the address had
/// registered already and its ticket was sent again.
pub async fn register(
    state: &AppState,
    slug: &str,
    form: &RegistrationForm,
) -> ServiceResult<Registered> {
    let checked = check_registration(form)?;
    let fair = public_fair(state, slug).await?;
    if !registration_open(&fair, state.now()) {
        return Err(ServiceError::invalid(FORM, Problem::RegistrationClosed));
    }
    let slots = fair_store::slots(state.db.pool(), fair.id).await?;
    let slot = slots
        .iter()
        .find(|s| s.id == checked.slot_id)
        .ok_or_else(|| ServiceError::invalid("slot_id", Problem::InvalidChoice))?;
    let invite = check_invite(state, &fair, slot, &checked).await?;
    // A new ticket's random number or short code can clash with a stored
    // one (rarely), and so can a registration that a concurrent request of
    // the same address cancelled meanwhile: then everything is drawn and
    // prepared again.
    let ctx = fair_context(state, &fair).await?;
    for _ in 0..4 {
        match try_register(state, &ctx, &fair, slot, &checked, invite).await {
            Err(ServiceError::Database(e)) if is_unique_violation(&e) => continue,
            Ok(None) => continue,
            Ok(Some(registered)) => return Ok(registered),
            Err(other) => return Err(other),
        }
    }
    Err(ServiceError::Internal(anyhow::anyhow!(
        "registration kept conflicting"
    )))
}

/// The invitation to use: required and checked for invite-only slots; for
/// open slots a code that does not fit is ignored.
pub(super) async fn check_invite(
    state: &AppState,
    fair: &FairRow,
    slot: &SlotRow,
    checked: &CheckedRegistration,
) -> ServiceResult<Option<i64>> {
    let invite_only = slot.entry_mode == EntryMode::Invite.as_str();
    let refuse = |problem| {
        if invite_only {
            Err(ServiceError::invalid("invite", problem))
        } else {
            Ok(None)
        }
    };
    let Some(code) = checked.invite.as_deref() else {
        return refuse(Problem::InviteRequired);
    };
    let Some(invite) =
        store::jobseeker_invite(state.db.pool(), fair.id, &tokens::hash_token(code)).await?
    else {
        return refuse(Problem::LinkInvalid);
    };
    if invite.used_at.is_some() {
        return refuse(Problem::InviteUsed);
    }
    if fair.invites_forwardable == 0 && invite.email != checked.email {
        return refuse(Problem::WrongAccount);
    }
    Ok(Some(invite.id))
}

/// One attempt; `None` when the prepared ticket clashed with a stored one.
pub(super) async fn try_register(
    state: &AppState,
    ctx: &FairContext,
    fair: &FairRow,
    slot: &SlotRow,
    checked: &CheckedRegistration,
    invite_id: Option<i64>,
) -> ServiceResult<Option<Registered>> {
    let now = state.now();
    // Prepared before the transaction: the link, the signed ticket, its QR
    // code and mail. Unused when the jobseeker ends on the waitlist.
    let link_nonce = keys::new_link_nonce();
    let token = state.config.ticket_secret.link_token(&link_nonce);
    let mut registration = RegistrationRow {
        id: 0,
        fair_id: fair.id,
        slot_id: slot.id,
        name: checked.name.clone(),
        email: checked.email.clone(),
        locale: checked.language.clone(),
        status: String::new(),
        invite_id,
        link_nonce,
    };
    let PreparedTicket {
        ticket,
        message: ticket_mail,
    } = prepare_ticket_mail(
        state,
        ctx,
        fair,
        slot,
        &registration,
        TicketMailKind::Confirmed,
    )
    .await?;

    // The common case writes at once; an address registered before is
    // recognised by the unique index (or by a refusal below) and answered
    // in a second transaction, so new registrations need no extra read.
    let mut tx = state.db.begin().await?;
    if let Some(id) = invite_id
        && !store::use_invite(&mut tx, id, now).await?
        && slot.entry_mode == EntryMode::Invite.as_str()
    {
        drop(tx);
        return refused_unless_registered(state, ctx, fair, checked, "invite", Problem::InviteUsed)
            .await;
    }
    let got_place = places_store::take(&mut tx, Places::admission_slot(slot.id)).await?;
    if !got_place && !checked.join_waitlist {
        drop(tx);
        return refused_unless_registered(state, ctx, fair, checked, "slot_id", Problem::SlotFull)
            .await;
    }
    let inserted = store::insert_registration(
        &mut tx,
        &NewRegistration {
            fair_id: fair.id,
            slot_id: slot.id,
            name: &checked.name,
            email: &checked.email,
            phone: &checked.phone,
            locale: &checked.language,
            interests: &checked.interests,
            status: if got_place {
                RegistrationStatus::Active
            } else {
                RegistrationStatus::Waiting
            },
            invite_id,
            access_hash: &tokens::hash_token(&token),
            link_nonce: &registration.link_nonce,
            now,
        },
    )
    .await;
    registration.id = match inserted {
        Err(e) if is_unique_violation(&e) => {
            drop(tx);
            return Ok(sent_again_if_registered(state, ctx, fair, &checked.email)
                .await?
                .then_some(Registered::SentAgain));
        }
        other => other?,
    };
    let link = format!("/tickets/{token}");
    let answer = if got_place {
        if !tickets::store_ticket(&mut tx, fair, &ticket, registration.id, now).await? {
            return Ok(None);
        }
        let key = format!("ticket:{}", ticket.id);
        let event = Event::RegistrationCreated {
            fair_id: fair.id,
            registration_id: registration.id,
            waitlisted: false,
        };
        let notice = notice_to(ctx, fair, &registration, &ticket_mail, &key);
        events::record(&mut tx, event, &[notice], now).await?;
        Registered::Ticket { link }
    } else {
        let position = places_store::join_waitlist(
            &mut tx,
            Places::admission_slot(slot.id),
            fair.id,
            registration.id,
            now,
        )
        .await?;
        let message = waitlist_message(state, fair, slot, &registration, position);
        let key = format!("waitlist:{}", registration.id);
        let event = Event::RegistrationCreated {
            fair_id: fair.id,
            registration_id: registration.id,
            waitlisted: true,
        };
        let notice = notice_to(ctx, fair, &registration, &message, &key);
        events::record(&mut tx, event, &[notice], now).await?;
        Registered::Waitlisted { link, position }
    };
    tx.commit().await?;
    Ok(Some(answer))
}

/// An address registered before gets its ticket (or waitlist place) sent
/// again; true when there was such a registration.
pub(super) async fn sent_again_if_registered(
    state: &AppState,
    ctx: &FairContext,
    fair: &FairRow,
    email: &str,
) -> ServiceResult<bool> {
    let mut tx = state.db.begin().await?;
    let Some(existing) = store::live_registration(&mut tx, fair.id, email).await? else {
        return Ok(false);
    };
    send_again(state, ctx, &mut tx, fair, &existing, state.now()).await?;
    tx.commit().await?;
    Ok(true)
}

/// A refusal (slot full, invitation used), unless the address is
/// registered already: then it hears "sent again" like everyone else.
pub(super) async fn refused_unless_registered(
    state: &AppState,
    ctx: &FairContext,
    fair: &FairRow,
    checked: &CheckedRegistration,
    field: &str,
    problem: Problem,
) -> ServiceResult<Option<Registered>> {
    if sent_again_if_registered(state, ctx, fair, &checked.email).await? {
        return Ok(Some(Registered::SentAgain));
    }
    Err(ServiceError::invalid(field, problem))
}
