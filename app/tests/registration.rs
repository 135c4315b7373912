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

async fn a_ticket_verifies_with_the_published_key_and_arrives_by_mail(db: TestDb) {
    let w = world_with(db, 100).await;
    let answer = register(&w, "Ayşe Yılmaz", " Ayse.Yilmaz@Example.org ", w.slots[0]).await;
    let token = token_of(&answer);
    assert!(matches!(answer, Registered::Ticket { .. }));

    let payload = payload_of(&w, &token).await.unwrap_or_default();
    let claims = verifier(&w)
        .await
        .verify(&payload, FAIR_DAY, |_| false)
        .unwrap_or_else(|r| panic!("genuine ticket refused: {r:?}"));
    assert_eq!(claims.fair_id as i64, w.fair);
    assert_eq!(claims.slot_id as i64, w.slots[0]);
    // Valid on the fair day only (with some hours around it).
    assert_eq!(
        verifier(&w).await.verify(&payload, NOW, |_| false),
        Err(Rejection::NotYetValid)
    );
    assert_eq!(
        verifier(&w)
            .await
            .verify(&payload, FAIR_DAY + 2 * 86_400, |_| false),
        Err(Rejection::Expired)
    );
    assert!(
        !payload.to_lowercase().contains("ayse"),
        "no personal data in the QR code"
    );

    let page = registration::ticket_page(&w.state, &token, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.status, TicketStatus::Active);
    assert!(
        page.qr_svg
            .as_deref()
            .unwrap_or_default()
            .starts_with("<svg role=\"img\"")
    );
    let code = page.short_code.clone().unwrap_or_default();
    assert_eq!(ticket::normalise_short_code(&code), Some(code.clone()));
    assert_eq!(page.slot_when, "10.03.2027 · 09:00–12:00");
    assert_eq!(taken(&w, w.slots[0]).await, 1);

    let mails = outbox::list_for_recipient(w.state.db.pool(), "ayse.yilmaz@example.org")
        .await
        .unwrap_or_default();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.subject, "Ihr Ticket: Jobmesse Kassel");
    assert!(mail.body_text.contains(&code));
    assert!(
        mail.body_text
            .contains(&format!("https://jobfair.example/tickets/{token}"))
    );
    assert!(mail.body_html.contains("src=\"cid:ticket-qr@jobfair\""));
    let attachments = outbox::attachments(w.state.db.pool(), mail.id)
        .await
        .unwrap_or_default();
    assert_eq!(attachments.len(), 2);
    assert_eq!(attachments[0].content_type, "image/png");
    assert_eq!(&attachments[0].data[1..4], b"PNG");
    assert_eq!(attachments[0].content_id, "ticket-qr@jobfair");
    let ics = String::from_utf8_lossy(&attachments[1].data).to_string();
    assert!(ics.contains("DTSTART:20270310T080000Z"), "{ics}");
    assert!(ics.contains(&code));
}

async fn a_second_registration_of_an_address_sends_the_ticket_again(db: TestDb) {
    let w = world_with(db, 100).await;
    let first = register(&w, "Jonas Becker", "jonas@example.org", w.slots[0]).await;
    // Again, other slot and other spelling of the address.
    let again = register(&w, "Jonas B.", "JONAS@example.org", w.slots[1]).await;
    assert_eq!(again, Registered::SentAgain);
    assert_eq!(
        count(&w, "SELECT COUNT(*) FROM tickets WHERE fair_id = $1").await,
        1
    );
    assert_eq!(taken(&w, w.slots[1]).await, 0);
    let mails = outbox::list_for_recipient(w.state.db.pool(), "jonas@example.org")
        .await
        .unwrap_or_default();
    assert_eq!(mails.len(), 2, "the ticket mail went out again");
    // The same personal link, so the first mail's link keeps working.
    assert!(mails[1].body_text.contains(&token_of(&first)));
    // A third try within minutes sends nothing more (no mail bombing).
    register(&w, "Jonas Becker", "jonas@example.org", w.slots[0]).await;
    assert_eq!(
        outbox::list_for_recipient(w.state.db.pool(), "jonas@example.org")
            .await
            .unwrap_or_default()
            .len(),
        2
    );
}

async fn a_crowd_never_gets_more_tickets_than_places(db: TestDb) {
    const PLACES: i64 = 1_000;
    const ATTEMPTS: usize = 5_000;
    let w = world_with(db, PLACES as u32).await;
    let state = w.state.clone();
    let (slug, slot) = (w.slug.clone(), w.slots[0]);
    let attempts = (0..ATTEMPTS).map(|i| {
        let (state, slug) = (state.clone(), slug.clone());
        tokio::spawn(async move {
            let form = form(
                &format!("Person {i}"),
                &format!("person{i}@example.org"),
                slot,
            );
            registration::register(&state, &slug, &form).await
        })
    });
    let results = futures::future::join_all(attempts).await;
    let mut tickets = 0;
    let mut full = 0;
    for result in results {
        match result.unwrap_or_else(|e| panic!("task: {e}")) {
            Ok(Registered::Ticket { .. }) => tickets += 1,
            Err(ServiceError::Invalid(errors))
                if errors.get("slot_id") == Some(Problem::SlotFull) =>
            {
                full += 1
            }
            other => panic!("unexpected answer: {other:?}"),
        }
    }
    assert_eq!(tickets, PLACES);
    assert_eq!(full, ATTEMPTS as i64 - PLACES);
    assert_eq!(taken(&w, slot).await, PLACES);
    assert_eq!(
        count(&w, "SELECT COUNT(*) FROM tickets WHERE fair_id = $1").await,
        PLACES
    );
    assert_eq!(
        count(
            &w,
            "SELECT COUNT(*) FROM registrations WHERE fair_id = $1 AND status = 'active'"
        )
        .await,
        PLACES
    );
    assert_eq!(
        count(
            &w,
            "SELECT COUNT(DISTINCT short_code) FROM tickets WHERE fair_id = $1"
        )
        .await,
        PLACES
    );
}

async fn a_full_slot_fills_its_waitlist_and_freed_places_go_first_in_line(db: TestDb) {
    let w = world_with(db, 2).await;
    let slot = w.slots[0];
    let anna = token_of(&register(&w, "Anna", "anna@example.org", slot).await);
    register(&w, "Ben", "ben@example.org", slot).await;
    // Full: refused unless the waitlist is asked for.
    let refused =
        registration::register(&w.state, &w.slug, &form("Cem", "cem@example.org", slot)).await;
    assert_eq!(problem(refused, "slot_id"), Some(Problem::SlotFull));
    let mut waiting = Vec::new();
    for name in ["cem", "dora", "emil"] {
        let mut f = form(name, &format!("{name}@example.org"), slot);
        f.waitlist = Some("yes".into());
        let answer = registration::register(&w.state, &w.slug, &f)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        waiting.push(answer);
    }
    assert!(matches!(
        waiting[0],
        Registered::Waitlisted { position: 1, .. }
    ));
    assert!(matches!(
        waiting[2],
        Registered::Waitlisted { position: 3, .. }
    ));
    let dora = token_of(&waiting[1]);
    let dora_page = registration::ticket_page(&w.state, &dora, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dora_page.status, TicketStatus::Waiting { position: 2 });
    assert!(dora_page.qr_svg.is_none(), "no ticket while waiting");

    // Anna cancels: her code is revoked and Cem, first in line, is promoted.
    let anna_payload = payload_of(&w, &anna).await.unwrap_or_default();
    registration::cancel(&w.state, &anna)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let revoked = revoked(&w).await;
    assert_eq!(
        verifier(&w)
            .await
            .verify(&anna_payload, FAIR_DAY, |id| revoked.contains(&(id as i64))),
        Err(Rejection::Revoked)
    );
    let cem = token_of(&waiting[0]);
    let cem_page = registration::ticket_page(&w.state, &cem, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cem_page.status, TicketStatus::Active);
    let cem_mails = outbox::list_for_recipient(w.state.db.pool(), "cem@example.org")
        .await
        .unwrap_or_default();
    assert_eq!(cem_mails.len(), 2, "waitlist mail, then the ticket");
    assert!(
        cem_mails[1]
            .body_text
            .contains("Ein Platz ist frei geworden")
    );

    // The organiser's export tells the waitlist from the registered.
    let csv = app::fairs::export::registrations(
        &w.state,
        &w.owner,
        w.fair,
        app::fairs::export::Separator::Semicolon,
        app::i18n::Locale::de,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&csv.bytes).into_owned();
    let status_of = |name: &str| {
        text.lines()
            .find(|line| line.starts_with(&format!("{name};")))
            .and_then(|line| line.split(';').nth(3))
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(status_of("cem"), "angemeldet");
    assert_eq!(status_of("dora"), "Warteliste");
    assert_eq!(status_of("emil"), "Warteliste");
    assert_eq!(status_of("Anna"), "storniert");
    let dora_page = registration::ticket_page(&w.state, &dora, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dora_page.status, TicketStatus::Waiting { position: 1 });
    assert_eq!(taken(&w, slot).await, 2);
    // Cancelling twice changes nothing.
    registration::cancel(&w.state, &anna)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(taken(&w, slot).await, 2);
    // A waiting jobseeker who cancels just leaves the line.
    registration::cancel(&w.state, &dora)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(taken(&w, slot).await, 2);
    // Raising the capacity promotes the rest of the line.
    let raised = SlotForm {
        starts: "2027-03-10T09:00".into(),
        ends: "2027-03-10T12:00".into(),
        capacity: "5".into(),
        entry_mode: "open".into(),
    };
    fairs::update_slot(&w.state, &w.owner, slot, &raised)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(taken(&w, slot).await, 3, "Ben, Cem and Emil");
    assert_eq!(
        count(
            &w,
            "SELECT COUNT(*) FROM registrations WHERE fair_id = $1 AND status = 'waiting'"
        )
        .await,
        0
    );
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

async fn invite_only_slots_need_the_invited_address_and_an_unused_code(db: TestDb) {
    let w = world_with(db, 10).await;
    let slot = w.slots[2];
    let gabi = invite(&w, "gabi@example.org", "code-gabi").await;
    let attempt = |email: &str, code: &str| {
        let mut f = form("Gabi", email, slot);
        f.invite = code.into();
        let (state, slug) = (w.state.clone(), w.slug.clone());
        async move { registration::register(&state, &slug, &f).await }
    };
    assert_eq!(
        problem(attempt("gabi@example.org", "").await, "invite"),
        Some(Problem::InviteRequired)
    );
    assert_eq!(
        problem(attempt("gabi@example.org", "wrong").await, "invite"),
        Some(Problem::LinkInvalid)
    );
    assert_eq!(
        problem(attempt("friend@example.org", "code-gabi").await, "invite"),
        Some(Problem::WrongAccount)
    );
    assert!(!invite_used(&w, gabi).await);
    let page = registration::page(&w.state, &w.slug, Some("code-gabi"), app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let prefill = page
        .invite
        .unwrap_or_else(|| panic!("the invitation fills in the form"));
    assert_eq!(
        (prefill.email.as_str(), prefill.slot_id),
        ("gabi@example.org", Some(slot))
    );

    assert!(matches!(
        attempt("gabi@example.org", "code-gabi").await,
        Ok(Registered::Ticket { .. })
    ));
    assert!(invite_used(&w, gabi).await);
    let list = app::invitations::service::view(&w.state, &w.owner, w.fair, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let state = list
        .invites
        .iter()
        .find(|i| i.email == "gabi@example.org")
        .map(|i| i.state);
    assert_eq!(
        state,
        Some(app::invitations::InviteState::Registered),
        "the organiser sees it"
    );
    assert_eq!(
        problem(attempt("gabi2@example.org", "code-gabi").await, "invite"),
        Some(Problem::InviteUsed)
    );

    // A fair that allows forwarding takes the code from anyone, once.
    sqlx::query("UPDATE fairs SET invites_forwardable = 1 WHERE id = $1")
        .bind(w.fair)
        .execute(w.state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    invite(&w, "hans@example.org", "code-hans").await;
    assert!(matches!(
        attempt("nachbarin@example.org", "code-hans").await,
        Ok(Registered::Ticket { .. })
    ));
    assert_eq!(
        problem(attempt("hans@example.org", "code-hans").await, "invite"),
        Some(Problem::InviteUsed)
    );
    // An invitation link used for an open slot counts as used too.
    let ida = invite(&w, "ida@example.org", "code-ida").await;
    let mut f = form("Ida", "ida@example.org", w.slots[0]);
    f.invite = "code-ida".into();
    registration::register(&w.state, &w.slug, &f)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(invite_used(&w, ida).await);
}

async fn changing_the_slot_replaces_the_ticket(db: TestDb) {
    let w = world_with(db, 1).await;
    let lena = token_of(&register(&w, "Lena", "lena@example.org", w.slots[0]).await);
    let mut f = form("Max", "max@example.org", w.slots[0]);
    f.waitlist = Some("yes".into());
    let max = token_of(
        &registration::register(&w.state, &w.slug, &f)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let old = payload_of(&w, &lena).await.unwrap_or_default();

    registration::change_slot(&w.state, &lena, w.slots[1])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let new = payload_of(&w, &lena).await.unwrap_or_default();
    let revoked = revoked(&w).await;
    let is_revoked = |id: u32| revoked.contains(&(id as i64));
    assert_eq!(
        verifier(&w).await.verify(&old, FAIR_DAY, is_revoked),
        Err(Rejection::Revoked)
    );
    let claims = verifier(&w)
        .await
        .verify(&new, FAIR_DAY, is_revoked)
        .unwrap_or_else(|r| panic!("{r:?}"));
    assert_eq!(claims.slot_id as i64, w.slots[1]);
    // Max moved up into the freed place; the 12:30 slot is now full.
    let max_page = registration::ticket_page(&w.state, &max, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(max_page.status, TicketStatus::Active);
    assert_eq!(
        (taken(&w, w.slots[0]).await, taken(&w, w.slots[1]).await),
        (1, 1)
    );
    // No way into a full slot, nor into an invite-only one.
    let full = registration::change_slot(&w.state, &max, w.slots[1]).await;
    assert!(
        matches!(full, Err(ServiceError::Invalid(e)) if e.get("slot_id") == Some(Problem::SlotFull))
    );
    let invite_only = registration::change_slot(&w.state, &max, w.slots[2]).await;
    assert!(
        matches!(invite_only, Err(ServiceError::Invalid(e)) if e.get("slot_id") == Some(Problem::InvalidChoice))
    );
    // Unknown links find nothing.
    assert!(matches!(
        registration::cancel(&w.state, "no-such-link").await,
        Err(ServiceError::NotFound)
    ));
}

async fn bad_input_and_closed_registration_write_nothing(db: TestDb) {
    let w = world_with(db, 10).await;
    let bad = RegistrationForm {
        name: " ".into(),
        email: "kein-at-zeichen".into(),
        phone: "call me".into(),
        language: "fr".into(),
        slot_id: "x".into(),
        interests: "logistics,astronaut".into(),
        consent: None,
        ..Default::default()
    };
    match registration::register(&w.state, &w.slug, &bad).await {
        Err(ServiceError::Invalid(errors)) => {
            for (field, problem) in [
                ("name", Problem::Required),
                ("email", Problem::InvalidEmail),
                ("phone", Problem::InvalidChoice),
                ("language", Problem::InvalidChoice),
                ("slot_id", Problem::Required),
                ("interests", Problem::InvalidChoice),
                ("consent", Problem::Required),
            ] {
                assert_eq!(errors.get(field), Some(problem), "{field}");
            }
        }
        other => panic!("expected field errors, got {other:?}"),
    }
    let other_fairs_slot = form("Ole", "ole@example.org", 999_999);
    let answer = registration::register(&w.state, &w.slug, &other_fairs_slot).await;
    assert_eq!(problem(answer, "slot_id"), Some(Problem::InvalidChoice));
    assert!(matches!(
        registration::register(
            &w.state,
            "no-such-fair",
            &form("Ole", "ole@example.org", w.slots[0])
        )
        .await,
        Err(ServiceError::NotFound)
    ));
    // After the registration closes (12:00 on the fair day).
    w.clock.advance(FAIR_DAY + 4 * 3600 + 60 - NOW);
    let late = registration::register(
        &w.state,
        &w.slug,
        &form("Ole", "ole@example.org", w.slots[0]),
    )
    .await;
    assert_eq!(
        problem(late, app::error::FORM),
        Some(Problem::RegistrationClosed)
    );
    assert_eq!(
        count(&w, "SELECT COUNT(*) FROM registrations WHERE fair_id = $1").await,
        0
    );
    assert_eq!(
        count(&w, "SELECT COUNT(*) FROM mail_outbox WHERE $1 > 0").await,
        0
    );
}

async fn rotated_keys_keep_old_tickets_valid_until_retired(db: TestDb) {
    let w = world_with(db, 10).await;
    let old = payload_of(
        &w,
        &token_of(&register(&w, "Olga", "olga@example.org", w.slots[0]).await),
    )
    .await
    .unwrap_or_default();
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let new_key = keys::add_key(&mut tx, &w.state.config.ticket_secret, w.fair, NOW)
        .await
        .unwrap_or_default();
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(new_key, 2);
    let new = payload_of(
        &w,
        &token_of(&register(&w, "Paul", "paul@example.org", w.slots[0]).await),
    )
    .await
    .unwrap_or_default();
    let both = verifier(&w).await;
    assert_eq!(
        both.verify(&old, FAIR_DAY, |_| false).map(|c| c.key_id),
        Ok(1)
    );
    assert_eq!(
        both.verify(&new, FAIR_DAY, |_| false).map(|c| c.key_id),
        Ok(2)
    );
    let mut tx = w.state.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    keys::retire_key(&mut tx, w.fair, 1, NOW)
        .await
        .unwrap_or_default();
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let only_new = verifier(&w).await;
    assert_eq!(
        only_new.verify(&old, FAIR_DAY, |_| false),
        Err(Rejection::UnknownKey)
    );
    assert!(only_new.verify(&new, FAIR_DAY, |_| false).is_ok());
}

async fn personal_data_is_deleted_after_the_promised_date(db: TestDb) {
    let w = world_with(db, 10).await;
    register(&w, "Rita", "rita@example.org", w.slots[0]).await;
    invite(&w, "sven@example.org", "code-sven").await;
    // Not yet: the fair has not even taken place.
    assert_eq!(
        registration::purge_expired(&w.state).await.ok(),
        Some(Default::default())
    );
    // The notice's date: the fair's end plus the retention days.
    let page = registration::page(&w.state, &w.slug, None, app::i18n::Locale::de)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.privacy.deleted_on, "09.04.2027");
    let fair_end = FAIR_DAY + 7 * 3600;
    w.clock.advance(fair_end + 30 * 86_400 - NOW - 60);
    assert_eq!(
        registration::purge_expired(&w.state).await.ok(),
        Some(Default::default())
    );
    sqlx::query("UPDATE mail_outbox SET status = 'sent'")
        .execute(w.state.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    w.clock.advance(120);
    let purged = registration::purge_expired(&w.state)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (purged.registrations, purged.invitations, purged.mails),
        (1, 1, 1)
    );
    for table in [
        "registrations",
        "tickets",
        "fair_invites",
        "mail_attachments",
    ] {
        let left: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(w.state.db.pool())
                .await
                .unwrap_or(-1);
        assert_eq!(left, 0, "{table}");
    }
}
