//! Recording scans, one at a time online or a device's queue after it was
//! offline, and walk-ins admitted at the door. The log is append-only; a
//! ticket is admitted once per check-in list, a nonce recorded once.
use super::{Door, Rules, Scanner, admission, check_label, clock_range, require_door, rules};
use crate::{
    auth::CurrentUser,
    checkin::{
        model::{
            ENTRANCE, KnownTicket, Refusal, SYNC_BATCH_MAX, ScanAnswer, ScanUpload, WalkInForm,
            judge,
        },
        store::{self, DoorFairRow, DoorTicketRow, NewScan},
    },
    error::{FORM, FieldErrors, Problem},
    events::{self, Event},
    fairs::{FairStatus, store as fair_store},
    places::{Places, store as places_store},
    scanner::{
        code::Credential,
        lookup::{self, Found, Wanted},
        queue::is_valid_nonce,
    },
    service_error::{ServiceError, ServiceResult},
    state::AppState,
    tickets::issue,
    tokens,
    validation::{NAME_MAX, collect, required_text},
};

/// Scans made offline are believed this far back.
const OFFLINE_MAX_AGE_SECS: i64 = 48 * 3600;

/// Records scans of one device at the fair's entrance (see
/// [`record_scans_on`]).
pub async fn record_scans(
    state: &AppState,
    fair: &DoorFairRow,
    gate: &str,
    device: &str,
    scanner: Scanner,
    scans: &[ScanUpload],
) -> ServiceResult<Vec<ScanAnswer>> {
    record_scans_on(state, fair, ENTRANCE, gate, device, scanner, scans).await
}

/// Records scans of one device on a check-in list of the fair (a key the
/// caller chooses, not what a person typed), in order; each answer says
/// whether its holder was admitted, or why not. A nonce recorded before is
/// answered as it was then.
pub async fn record_scans_on(
    state: &AppState,
    fair: &DoorFairRow,
    list: &str,
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
    if scans.iter().any(|s| !is_valid_nonce(&s.nonce)) {
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
        list,
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

/// The ticket for a code, as the database knows it, with its holder's
/// name: the row under the code's key, checked as a device checks its
/// list.
async fn find(
    state: &AppState,
    fair: &DoorFairRow,
    rules: &Rules,
    credential: &Credential,
    at: i64,
) -> ServiceResult<Result<DoorTicketRow, Refusal>> {
    let pool = state.db.pool();
    let candidate = match lookup::wanted(credential) {
        Some(Wanted::Id(id)) => store::ticket_by_id(pool, fair.id, i64::from(id)).await?,
        Some(Wanted::ShortCode(code)) => store::ticket_by_short_code(pool, fair.id, code).await?,
        None => None,
    };
    let found = lookup::find_ticket(
        credential,
        &rules.verifier,
        rules.window,
        at,
        candidate.as_slice(),
    );
    Ok(match found {
        Ok(Found::Listed(row)) => Ok(row.clone()),
        // The database is the whole list: a genuine ticket text it lacks
        // is not (or no longer) a ticket of this fair.
        Ok(Found::Unlisted(_)) => Err(Refusal::UnknownCode),
        Err(no_ticket) => Err(no_ticket.into()),
    })
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
        Err(no_ticket) => return Ok(refused(no_ticket.into())),
    };
    // Refusals without a ticket (not one, forged, another fair's) are not
    // logged: there is nothing to log them against.
    let row = match find(state, fair, rules, &credential, at).await? {
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
        let first = store::admission(&mut tx, row.id, door.list)
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
                list: door.list,
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
            if verdict.is_ok() {
                let event = Event::CheckedIn {
                    fair_id: fair.id,
                    ticket_id: row.id,
                };
                events::record(&mut tx, event, &[], now).await?;
            }
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
/// at the entrance at once.
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
    if !places_store::take(&mut tx, Places::admission_slot(slot.id)).await? {
        return Err(ServiceError::invalid("slot_id", Problem::SlotFull));
    }
    let registration_id = store::insert_walk_in(&mut tx, fair.id, slot.id, &name, now).await?;
    let ticket = issue::issue_ticket(&ctx, &mut tx, &fair, slot.id, registration_id, now).await?;
    let (nonce, _) = tokens::new_token();
    store::insert_scan(
        &mut tx,
        &NewScan {
            fair_id: fair.id,
            list: ENTRANCE,
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
    let event = Event::CheckedIn {
        fair_id: fair.id,
        ticket_id: ticket.id,
    };
    events::record(&mut tx, event, &[], now).await?;
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
