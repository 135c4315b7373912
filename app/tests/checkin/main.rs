//! Door check-in on SQLite and PostgreSQL: genuine tickets are admitted
//! once; tampered, foreign, expired, cancelled and ill-timed ones are
//! refused with their reason; two devices racing for one ticket give one
//! admission and one refusal; offline scans sync once, however often they
//! are sent; walk-ins take a place; only door staff and planners get in.
use app::{
    auth::CurrentUser,
    checkin::{
        model::{ENTRANCE, Refusal, ScanAnswer, ScanUpload, WalkInForm},
        service::{self as door, PackDetail, Scanner},
        store as door_store,
    },
    clock::ManualClock,
    db::testing::{TestDb, kassel_fair_form, person},
    error::Problem,
    fairs::{SlotForm, service as fairs},
    i18n::Locale,
    organisations::{OrgKind, Role, store as org_store},
    registration::{
        model::{Registered, RegistrationForm},
        service as registration,
    },
    service_error::ServiceError,
    state::{AppConfig, AppState},
    tokens,
};
use std::sync::Arc;

mod admission;
mod lists;
mod settings;
use admission::*;
use lists::*;
use settings::*;

/// 2027-01-15: registration is open.
const NOW: i64 = 1_800_003_600;

/// 2027-03-10 09:10 in Berlin: the first slot (09:00–12:00) has begun.
const AT_DOOR: i64 = 1_804_666_200;

app::on_both_databases!(
    a_ticket_is_admitted_once_and_a_repeated_nonce_is_answered_as_before,
    tampered_foreign_expired_and_cancelled_tickets_are_refused,
    two_devices_scanning_one_ticket_at_once_give_one_admission_and_one_refusal,
    offline_scans_sync_once_and_late_conflicts_are_reported,
    the_slot_tolerance_is_the_organisers_setting,
    walk_ins_take_a_place_and_are_admitted_at_once,
    only_door_staff_and_planners_reach_the_door,
    api_tokens_stand_for_one_fair_until_revoked,
    the_live_view_counts_per_slot_and_quarter_hour,
    a_ticket_is_admitted_once_per_check_in_list,
    a_door_pack_without_names_has_codes_but_no_names,
);

struct World {
    _db: TestDb,
    state: AppState,
    clock: Arc<ManualClock>,
    owner: CurrentUser,
    staff: CurrentUser,
    fair: i64,
    /// 09:00–12:00 (100 places) and 12:30–14:00 (1 place).
    slots: [i64; 2],
}

async fn world(db: TestDb) -> World {
    let clock = Arc::new(ManualClock::at(NOW));
    let state = AppState::new(db.db.clone(), clock.clone(), AppConfig::default());
    let mut tx = state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let org = org_store::insert_organisation(&mut tx, OrgKind::Organiser, "Agentur Kassel", NOW)
        .await
        .unwrap_or_default();
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let owner = person(&state.db, "leitung@aa-kassel.example", org, Role::Owner).await;
    let staff = person(&state.db, "einlass@aa-kassel.example", org, Role::DoorStaff).await;
    let fair = fairs::create_fair(&state, &owner, org, &kassel_fair_form())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut slots = [0; 2];
    for (i, (from, to, capacity)) in [("09:00", "12:00", 100), ("12:30", "14:00", 1)]
        .into_iter()
        .enumerate()
    {
        let form = SlotForm {
            starts: format!("2027-03-10T{from}"),
            ends: format!("2027-03-10T{to}"),
            capacity: capacity.to_string(),
            entry_mode: "open".into(),
        };
        slots[i] = fairs::add_slot(&state, &owner, fair, &form)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    fairs::change_status(&state, &owner, fair, "published")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    World {
        _db: db,
        state,
        clock,
        owner,
        staff,
        fair,
        slots,
    }
}

/// Registers someone and returns the link token and the ticket's text.
async fn ticket_for(w: &World, slug: &str, name: &str, email: &str, slot: i64) -> (String, String) {
    let form = RegistrationForm {
        name: name.into(),
        email: email.into(),
        language: "de".into(),
        slot_id: slot.to_string(),
        consent: Some("yes".into()),
        ..Default::default()
    };
    let token = match registration::register(&w.state, slug, &form).await {
        Ok(Registered::Ticket { link }) => link.trim_start_matches("/tickets/").to_owned(),
        other => panic!("expected a ticket, got {other:?}"),
    };
    let payload: String = sqlx::query_scalar(
        "SELECT t.payload FROM tickets t JOIN registrations r ON r.id = t.registration_id \
         WHERE r.access_hash = $1 AND t.revoked_at IS NULL",
    )
    .bind(tokens::hash_token(&token))
    .fetch_one(w.state.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    (token, payload)
}

fn upload(nonce: &str, credential: &str) -> ScanUpload {
    ScanUpload {
        nonce: nonce.into(),
        credential: credential.into(),
        scanned_at: 0,
        offline: false,
    }
}

async fn scan_as(w: &World, device: &str, scans: &[ScanUpload]) -> Vec<ScanAnswer> {
    let fair = door::require_door(&w.state, &w.staff, "jobmesse-kassel")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    door::record_scans(
        &w.state,
        &fair,
        "Nord",
        device,
        Scanner::Staff {
            user_id: w.staff.id,
        },
        scans,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

async fn scan(w: &World, nonce: &str, credential: &str) -> ScanAnswer {
    scan_as(w, "phone-1", &[upload(nonce, credential)])
        .await
        .remove(0)
}

async fn rows(w: &World, result: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM checkins WHERE fair_id = $1 AND result = $2")
        .bind(w.fair)
        .bind(result)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or(-1)
}

fn already_in(answer: &ScanAnswer) -> Option<(i64, String)> {
    match &answer.verdict {
        Err(Refusal::AlreadyIn { at, gate }) => Some((*at, gate.clone())),
        _ => None,
    }
}
