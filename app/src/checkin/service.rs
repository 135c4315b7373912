//! Door check-in: the door pack for scanners, recording scans (online at
//! once, offline ones when the device syncs), walk-ins, the organiser's live
//! view, the slot tolerance and the tokens of the JSON API.
use super::{
    model::{
        Admission, Credential, DoorFair, DoorPack, DoorSlot, DoorTicket, DoorTokenView, GATE_MAX,
        KnownTicket, LiveDoor, LiveSlot, Refusal, SYNC_BATCH_MAX, ScanAnswer, ScanUpload,
        TOLERANCE_MAX_MINUTES, WalkInForm, check_signed, clock, judge,
    },
    store::{self, DoorFairRow, DoorTicketRow, NewScan},
};
use crate::{
    auth::CurrentUser,
    error::{FORM, FieldErrors, Problem},
    fairs::{
        FairStatus,
        service::{require_changeable, require_planner},
        store as fair_store, time,
    },
    i18n::Locale,
    language::dates,
    organisations::Role,
    registration::{issue, keys, store as registration_store},
    service_error::{ServiceError, ServiceResult},
    state::AppState,
    tokens,
    validation::{NAME_MAX, collect, required_text},
};
use ticket::TicketVerifier;

/// The door is open this long before the fair and after it (as tickets).
const DOOR_BEFORE_SECS: i64 = 6 * 3600;
const DOOR_AFTER_SECS: i64 = 2 * 3600;
/// Scans made offline are believed this far back.
const OFFLINE_MAX_AGE_SECS: i64 = 48 * 3600;

/// Who scanned: a signed-in staff member or an API token.
#[derive(Debug, Clone, Copy)]
pub enum Scanner {
    Staff { user_id: i64 },
    Token { token_id: i64 },
}

/// Where and by whom a scan was made.
pub struct Door<'a> {
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
    opens_at: i64,
    closes_at: i64,
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
        opens_at: fair.starts_at - DOOR_BEFORE_SECS,
        closes_at: fair.ends_at + DOOR_AFTER_SECS,
    };
    Ok((rules, keys))
}

/// "09:00–12:00" in the venue's time.
/// The door pack and scan answers are shared by every device of a door,
/// so the times use the default language's clock.
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

fn door_ticket(row: &DoorTicketRow) -> DoorTicket {
    DoorTicket {
        id: u32::try_from(row.id).unwrap_or_default(),
        short_code: row.short_code.clone(),
        name: row.name.clone(),
        slot_id: row.slot_id,
        revoked: row.revoked != 0,
    }
}

fn admission(row: &store::AdmissionRow) -> Admission {
    Admission {
        ticket_id: u32::try_from(row.ticket_id).unwrap_or_default(),
        at: row.scanned_at,
        gate: row.gate.clone(),
    }
}

/// The door pack: keys, slots, tolerance, tickets with names (and the
/// revocation list), and the admissions so far.
pub async fn door_pack(
    state: &AppState,
    user: &CurrentUser,
    slug: &str,
    locale: Locale,
) -> ServiceResult<DoorPack> {
    let fair = require_door(state, user, slug).await?;
    door_pack_of(state, &fair, locale).await
}

/// The door pack of a fair, for a caller already checked. Only published
/// or closed fairs have one: a draft has no door yet, and an archived fair's
/// registrants are no one's business at a door any more.
pub async fn door_pack_of(
    state: &AppState,
    fair: &DoorFairRow,
    locale: Locale,
) -> ServiceResult<DoorPack> {
    if !matches!(fair.status.as_str(), "published" | "closed") {
        return Err(ServiceError::NotFound);
    }
    let pool = state.db.pool();
    let (rules, keys) = rules(state, fair).await?;
    let tickets = store::door_tickets(pool, fair.id).await?;
    let admitted = store::admissions(pool, fair.id).await?;
    Ok(DoorPack {
        fair_id: fair.id,
        slug: fair.slug.clone(),
        fair_title: title(fair, locale),
        door_opens_at: rules.opens_at,
        door_closes_at: rules.closes_at,
        tolerance_secs: rules.tolerance_secs,
        utc_offset_secs: utc_offset(fair.starts_at, &fair.time_zone),
        keys,
        slots: rules.slots,
        tickets: tickets.iter().map(door_ticket).collect(),
        admitted: admitted.iter().map(admission).collect(),
        generated_at: state.now(),
    })
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

/// Nonces are what devices draw: 8 to 64 characters of base64url.
fn check_nonce(nonce: &str) -> Result<(), Problem> {
    let ok = (8..=64).contains(&nonce.len())
        && nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Problem::InvalidChoice)
    }
}

/// Records scans of one device for the fair, in order; each answer says
/// whether its holder was admitted, or why not. A nonce recorded before is
/// answered as it was then.
pub async fn record_scans(
    state: &AppState,
    fair: &DoorFairRow,
    gate: &str,
    device: &str,
    scanner: Scanner,
    scans: &[ScanUpload],
) -> ServiceResult<Vec<ScanAnswer>> {
    let mut errors = FieldErrors::default();
    let gate = collect(&mut errors, "gate", check_label(gate));
    let device = collect(&mut errors, "device", check_label(device));
    if scans.len() > SYNC_BATCH_MAX {
        errors.add(
            FORM,
            Problem::OutOfRange {
                min: 1,
                max: SYNC_BATCH_MAX as u32,
            },
        );
    }
    if scans.iter().any(|s| check_nonce(&s.nonce).is_err()) {
        errors.add("nonce", Problem::InvalidChoice);
    }
    let (Some(gate), Some(device)) = (gate, device) else {
        return Err(ServiceError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let (rules, _) = rules(state, fair).await?;
    let door = Door {
        gate: &gate,
        device: &device,
        scanner,
    };
    let mut answers = Vec::with_capacity(scans.len());
    for scan in scans {
        answers.push(record_one(state, fair, &rules, &door, scan).await?);
    }
    Ok(answers)
}

/// A ticket as the database knows it, with its holder's name.
async fn resolve(
    state: &AppState,
    fair: &DoorFairRow,
    rules: &Rules,
    credential: &Credential,
    at: i64,
) -> ServiceResult<Result<DoorTicketRow, Refusal>> {
    let pool = state.db.pool();
    let row = match credential {
        Credential::Signed(text) => match check_signed(&rules.verifier, text, at) {
            Err(refusal) => return Ok(Err(refusal)),
            Ok(claims) => store::ticket_by_id(pool, fair.id, i64::from(claims.ticket_id)).await?,
        },
        Credential::ShortCode(code) => {
            if at < rules.opens_at || at > rules.closes_at {
                return Ok(Err(Refusal::NotToday));
            }
            store::ticket_by_short_code(pool, fair.id, code).await?
        }
        Credential::TicketId(id) => store::ticket_by_id(pool, fair.id, i64::from(*id)).await?,
    };
    Ok(row.ok_or(Refusal::UnknownCode))
}

async fn record_one(
    state: &AppState,
    fair: &DoorFairRow,
    rules: &Rules,
    door: &Door<'_>,
    scan: &ScanUpload,
) -> ServiceResult<ScanAnswer> {
    let now = state.now();
    // An offline scan counts at the moment the device made it (within
    // reason: a device clock may be wrong); online ones at the server's.
    let at = if scan.offline {
        scan.scanned_at.clamp(now - OFFLINE_MAX_AGE_SECS, now)
    } else {
        now
    };
    let refused = |verdict| ScanAnswer {
        nonce: scan.nonce.clone(),
        ticket_id: None,
        name: None,
        slot: None,
        verdict: Err(verdict),
        replayed: false,
    };
    let credential = match Credential::read(&scan.credential) {
        Ok(credential) => credential,
        Err(refusal) => return Ok(refused(refusal)),
    };
    // Refusals without a ticket (not one, forged, another fair's) are not
    // logged: there is nothing to log them against.
    let row = match resolve(state, fair, rules, &credential, at).await? {
        Ok(row) => row,
        Err(refusal) => return Ok(refused(refusal)),
    };
    let known = KnownTicket {
        id: u32::try_from(row.id).unwrap_or_default(),
        slot_id: row.slot_id,
        revoked: row.revoked != 0,
    };
    let slot = rules.slots.iter().find(|s| s.id == row.slot_id);
    let answer = |verdict, replayed| ScanAnswer {
        nonce: scan.nonce.clone(),
        ticket_id: Some(known.id),
        name: Some(row.name.clone()),
        slot: slot.map(|s| s.label.clone()),
        verdict,
        replayed,
    };
    let (staff_user_id, door_token_id) = match door.scanner {
        Scanner::Staff { user_id } => (Some(user_id), None),
        Scanner::Token { token_id } => (None, Some(token_id)),
    };

    let mut tx = state.db.begin().await?;
    // Twice at most: an admission that lost a race is logged as a duplicate.
    for _ in 0..2 {
        if let Some(before) = store::scan_by_nonce(&mut tx, fair.id, &scan.nonce).await? {
            drop(tx);
            let verdict = match before.result.as_str() {
                "admitted" => Ok(()),
                _ => Err(serde_json::from_str(&before.reason).unwrap_or(Refusal::NotATicket)),
            };
            return Ok(answer(verdict, true));
        }
        let first = store::admission(&mut tx, row.id)
            .await?
            .map(|a| admission(&a));
        let verdict = judge(&known, slot, at, rules.tolerance_secs, first.as_ref());
        let (result, reason) = match &verdict {
            Ok(()) => ("admitted", String::new()),
            Err(refusal @ Refusal::AlreadyIn { .. }) => ("duplicate", reason_json(refusal)),
            Err(refusal) => ("refused", reason_json(refusal)),
        };
        let inserted = store::insert_scan(
            &mut tx,
            &NewScan {
                fair_id: fair.id,
                ticket_id: row.id,
                slot_id: Some(row.slot_id),
                result,
                reason: &reason,
                gate: door.gate,
                device: door.device,
                staff_user_id,
                door_token_id,
                nonce: &scan.nonce,
                scanned_at: at,
                recorded_at: now,
                offline: scan.offline,
            },
        )
        .await?;
        if inserted {
            tx.commit().await?;
            return Ok(answer(verdict, false));
        }
    }
    Err(ServiceError::Internal(anyhow::anyhow!(
        "scan {} kept conflicting",
        scan.nonce
    )))
}

fn reason_json(refusal: &Refusal) -> String {
    serde_json::to_string(refusal).unwrap_or_default()
}

/// Registers a walk-in (a place must be left in the slot) and admits them
/// at once.
pub async fn walk_in(
    state: &AppState,
    user: &CurrentUser,
    slug: &str,
    form: &WalkInForm,
) -> ServiceResult<ScanAnswer> {
    let door_fair = require_door(state, user, slug).await?;
    let mut errors = FieldErrors::default();
    let name = collect(&mut errors, "name", required_text(&form.name, NAME_MAX));
    let gate = collect(&mut errors, "gate", check_label(&form.gate));
    let device = collect(&mut errors, "device", check_label(&form.device));
    let slots = fair_store::slots(state.db.pool(), door_fair.id).await?;
    let slot = form
        .slot_id
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| slots.iter().find(|s| s.id == id));
    if slot.is_none() {
        errors.add("slot_id", Problem::InvalidChoice);
    }
    let (Some(name), Some(gate), Some(device), Some(slot)) = (name, gate, device, slot) else {
        return Err(ServiceError::Invalid(errors));
    };
    if FairStatus::parse(&door_fair.status) != Some(FairStatus::Published) {
        return Err(ServiceError::invalid(FORM, Problem::RegistrationClosed));
    }
    let fair = fair_store::fair_by_id(state.db.pool(), door_fair.id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let ctx = issue::fair_context(state, &fair).await?;
    let now = state.now();
    let mut tx = state.db.begin().await?;
    if !registration_store::take_place(&mut tx, slot.id).await? {
        return Err(ServiceError::invalid("slot_id", Problem::SlotFull));
    }
    let registration_id = store::insert_walk_in(&mut tx, fair.id, slot.id, &name, now).await?;
    let ticket = issue::issue_ticket(&ctx, &mut tx, &fair, slot.id, registration_id, now).await?;
    let (nonce, _) = tokens::new_token();
    store::insert_scan(
        &mut tx,
        &NewScan {
            fair_id: fair.id,
            ticket_id: ticket.id,
            slot_id: Some(slot.id),
            result: "admitted",
            reason: "",
            gate: &gate,
            device: &device,
            staff_user_id: Some(user.id),
            door_token_id: None,
            nonce: &nonce,
            scanned_at: now,
            recorded_at: now,
            offline: false,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(ScanAnswer {
        nonce,
        ticket_id: u32::try_from(ticket.id).ok(),
        name: Some(name),
        slot: Some(clock_range(slot.starts_at, slot.ends_at, &fair.time_zone)),
        verdict: Ok(()),
        replayed: false,
    })
}

/// Check-ins per slot and per quarter hour, with the door's settings.
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
    let slots = store::slot_counts(pool, fair_id).await?;
    let quarters = store::quarter_counts(pool, fair_id).await?;
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
