//! Jobseeker registration on SQLite and PostgreSQL: tickets that verify with
//! the fair's published keys, never more tickets than places under a crowd,
//! the waitlist moving up when places free, invite-only slots, double
//! registrations answered without a second ticket, slot changes and
//! cancellations that revoke, and the ticket mail with QR code and calendar.
use app::{
    auth::CurrentUser,
    clock::ManualClock,
    db::testing::{TestDb, person},
    error::Problem,
    fairs::{FairForm, SlotForm, service as fairs},
    invitations::store::{NewInvite, insert_invite},
    mail::outbox,
    organisations::{OrgKind, Role, store as org_store},
    registration::{
        model::{Registered, RegistrationForm, TicketStatus},
        service as registration,
    },
    service_error::ServiceError,
    state::{AppConfig, AppState},
    tickets::keys,
    tokens,
};
use std::sync::Arc;
use ticket::{Rejection, TicketVerifier};

mod places;
mod rules;
mod tickets;
use places::*;
use rules::*;
use tickets::*;

/// 2027-01-15: registration is open, the fair is on 2027-03-10.
const NOW: i64 = 1_800_003_600;

const FAIR_DAY: i64 = 1_804_665_600; // 2027-03-10 08:00 UTC, 09:00 in Berlin

app::on_both_databases!(
    a_ticket_verifies_with_the_published_key_and_arrives_by_mail,
    a_second_registration_of_an_address_sends_the_ticket_again,
    a_crowd_never_gets_more_tickets_than_places,
    a_full_slot_fills_its_waitlist_and_freed_places_go_first_in_line,
    invite_only_slots_need_the_invited_address_and_an_unused_code,
    changing_the_slot_replaces_the_ticket,
    bad_input_and_closed_registration_write_nothing,
    rotated_keys_keep_old_tickets_valid_until_retired,
    personal_data_is_deleted_after_the_promised_date,
);

struct World {
    _db: TestDb,
    state: AppState,
    clock: Arc<ManualClock>,
    owner: CurrentUser,
    fair: i64,
    slug: String,
    /// Open slots 09:00 and 12:30, an invite-only slot 14:00.
    slots: [i64; 3],
}

async fn world_with(db: TestDb, capacity: u32) -> World {
    let clock = Arc::new(ManualClock::at(NOW));
    let config = AppConfig {
        public_url: "https://jobfair.example".into(),
        ..AppConfig::default()
    };
    let state = AppState::new(db.db.clone(), clock.clone(), config);
    let mut tx = state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let org = org_store::insert_organisation(
        &mut tx,
        OrgKind::Organiser,
        "Agentur für Arbeit Kassel",
        NOW,
    )
    .await
    .unwrap_or_default();
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let owner = person(&state.db, "leitung@aa-kassel.example", org, Role::Owner).await;
    let form = FairForm {
        title_en: "Kassel Job Fair".into(),
        ..app::db::testing::kassel_fair_form()
    };
    let fair = fairs::create_fair(&state, &owner, org, &form)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut slots = [0; 3];
    for (i, (from, to, mode)) in [
        ("09:00", "12:00", "open"),
        ("12:30", "14:00", "open"),
        ("14:00", "16:00", "invite"),
    ]
    .into_iter()
    .enumerate()
    {
        let slot = SlotForm {
            starts: format!("2027-03-10T{from}"),
            ends: format!("2027-03-10T{to}"),
            capacity: capacity.to_string(),
            entry_mode: mode.into(),
        };
        slots[i] = fairs::add_slot(&state, &owner, fair, &slot)
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
        fair,
        slug: "jobmesse-kassel".into(),
        slots,
    }
}

fn form(name: &str, email: &str, slot: i64) -> RegistrationForm {
    RegistrationForm {
        name: name.into(),
        email: email.into(),
        language: "de".into(),
        slot_id: slot.to_string(),
        consent: Some("yes".into()),
        ..Default::default()
    }
}

fn token_of(answer: &Registered) -> String {
    match answer {
        Registered::Ticket { link } | Registered::Waitlisted { link, .. } => {
            link.trim_start_matches("/tickets/").to_owned()
        }
        Registered::SentAgain => panic!("expected a personal link, got SentAgain"),
    }
}

async fn register(w: &World, name: &str, email: &str, slot: i64) -> Registered {
    registration::register(&w.state, &w.slug, &form(name, email, slot))
        .await
        .unwrap_or_else(|e| panic!("registering {email}: {e}"))
}

async fn verifier(w: &World) -> TicketVerifier {
    let keys = keys::published_keys(w.state.db.pool(), w.fair)
        .await
        .unwrap_or_default();
    TicketVerifier::new(w.fair as u32, &keys)
}

async fn payload_of(w: &World, token: &str) -> Option<String> {
    sqlx::query_scalar(
        "SELECT t.payload FROM tickets t JOIN registrations r ON r.id = t.registration_id \
         WHERE r.access_hash = $1 AND t.revoked_at IS NULL",
    )
    .bind(tokens::hash_token(token))
    .fetch_optional(w.state.db.pool())
    .await
    .unwrap_or_default()
}

async fn revoked(w: &World) -> Vec<i64> {
    app::tickets::store::revoked_ticket_ids(w.state.db.pool(), w.fair)
        .await
        .unwrap_or_default()
}

async fn count(w: &World, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .bind(w.fair)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or(-1)
}

async fn taken(w: &World, slot: i64) -> i64 {
    sqlx::query_scalar("SELECT taken FROM time_slots WHERE id = $1")
        .bind(slot)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or(-1)
}

fn problem(result: Result<Registered, ServiceError>, field: &str) -> Option<Problem> {
    match result {
        Err(ServiceError::Invalid(errors)) => errors.get(field),
        other => panic!("expected a field error for {field}, got {other:?}"),
    }
}

async fn invite(w: &World, email: &str, code: &str) -> i64 {
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let id = insert_invite(
        &mut tx,
        &NewInvite {
            fair_id: w.fair,
            kind: "jobseeker",
            name: "Gast",
            email,
            locale: "de",
            slot_id: Some(w.slots[2]),
            token_hash: &tokens::hash_token(code),
            unsubscribe_hash: &tokens::hash_token(&format!("u-{code}")),
            invited_by: w.owner.id,
            now: NOW,
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
    .unwrap_or_default();
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    id
}

async fn invite_used(w: &World, id: i64) -> bool {
    sqlx::query_scalar::<_, Option<i64>>("SELECT used_at FROM fair_invites WHERE id = $1")
        .bind(id)
        .fetch_one(w.state.db.pool())
        .await
        .unwrap_or_default()
        .is_some()
}
