//! The matrix's world: a demo installation with a session for every kind of
//! caller and the things they act on, made through the endpoints people use.
use super::{
    matrix::{ADMIN, Caller},
    support::*,
};
use app::db::Backend;
use reqwest::StatusCode;
use server::settings::Settings;

/// Everything the rows need: sessions of each caller and the things they
/// act on, made through the same endpoints people use.
pub struct Fx {
    pub app: TestApp,
    pub organiser: String,
    pub door: String,
    pub employer: String,
    pub other_co_organiser: String,
    pub stranger_organiser: String,
    pub stranger_employer: String,
    pub admin: String,
    pub leaving_member: String,
    pub throwaway: String,
    pub invited: String,
    pub agency: i64,
    pub employer_org: i64,
    pub fair: i64,
    pub draft: i64,
    pub draft_slot: i64,
    pub spare_slot: i64,
    pub hall: i64,
    pub spare_booth: i64,
    pub free_booth: i64,
    pub held_booking: i64,
    pub own_held_booking: i64,
    pub confirmed_booking: i64,
    pub job: i64,
    pub mail: i64,
    pub door_token_id: i64,
    pub door_token: String,
    pub pending_org: i64,
    pub third_org: i64,
    pub team_member: i64,
    pub invited_user: i64,
    pub open_slot: i64,
    pub other_slot: i64,
    pub ticket: String,
    pub ticket_to_cancel: String,
    pub reset_token: String,
    pub verify_token: String,
    pub invite_token: String,
    pub new_account_invite_token: String,
    pub unsubscribe_token: String,
}

impl Fx {
    pub fn session(&self, caller: Caller) -> Option<&str> {
        match caller {
            Caller::Anonymous => None,
            Caller::StrangerOrganiser => Some(&self.stranger_organiser),
            Caller::StrangerEmployer => Some(&self.stranger_employer),
            Caller::DoorStaff => Some(&self.door),
            Caller::OtherCoOrganiser => Some(&self.other_co_organiser),
        }
    }
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn form_ok(app: &TestApp, path: &str, form: &[(&str, String)], session: &str) -> String {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.post_form(path, &pairs, Some(session)).await;
    let status = response.status();
    let text = body(response).await;
    assert!(status.is_success(), "setup {path}: {status} {text}");
    text
}

/// Registers a jobseeker at the demo airport fair; the personal link's token.
/// Registers for `slot` of the airport fair; the ticket link's token.
async fn register(app: &TestApp, email: &str, slot: i64) -> String {
    let registration = Registration::new("flughafen-frankfurt", slot, "Olena Kovalenko", email);
    let response = app.register_without_script(&registration).await;
    location(&response)
        .strip_prefix("/tickets/")
        .unwrap_or_else(|| panic!("no ticket for {email}"))
        .to_owned()
}

pub async fn fixture(backend: Backend) -> Fx {
    let settings = Settings {
        admin_emails: ADMIN.to_owned(),
        ..Settings::default()
    };
    let app = spawn_app_with(backend, settings).await;
    app.seed_demo().await;
    let organiser = app.sign_in("organisator@jobfair.demo").await;
    let door = app.sign_in("einlass@jobfair.demo").await;
    let employer = app.sign_in("arbeitgeber@jobfair.demo").await;
    let other_co_organiser = app.sign_in("kammer@jobfair.demo").await;
    let leaving_member = app.sign_in("team@jobfair.demo").await;
    let stranger_organiser = app.sign_up_verified("fremd@jobcenter.example").await;
    let pending_org = app.organisation_of("fremd@jobcenter.example").await;
    let admin = app.sign_up_verified(ADMIN).await;
    // An organiser nobody in the matrix belongs to: made co-organiser and
    // removed again.
    let third_org = scalar(
        &app,
        "INSERT INTO organisations (kind, name, created_at, approved_at) \
         VALUES ('organiser', 'Jobcenter Dritte', 0, 0) RETURNING id",
    )
    .await;
    let stranger_employer = {
        let response = app
            .sign_up_as(
                "employer",
                "Tom Fremd",
                "fremd@firma.example",
                "Fremdfirma GmbH",
            )
            .await;
        assert!(response.status().is_redirection() || response.status().is_success());
        app.verify("fremd@firma.example").await
    };
    let throwaway = app.sign_up_verified("weg@example.org").await;
    let invited = app.sign_up_verified("eingeladen@example.org").await;

    let agency = app
        .organisation_named("Agentur für Arbeit Frankfurt am Main")
        .await;
    let employer_org = app
        .organisation_named("Rhein-Main Airport Services GmbH")
        .await;
    let fair = app.fair_id("flughafen-frankfurt").await;
    let team_member = app.user_id("team@jobfair.demo").await;
    let invited_user = app.user_id("eingeladen@example.org").await;

    // A draft of the agency to change freely.
    let mut fields = draft_fair_fields();
    fields.push(("organisation_id", agency.to_string()));
    form_ok(&app, "/api/fairs/create", &fields, &organiser).await;
    let draft = scalar(
        &app,
        "SELECT fair_id FROM fair_texts WHERE locale = 'de' AND title = 'Matrix-Messe'",
    )
    .await;
    let slot_form = |from: &str, to: &str| {
        vec![
            ("fair_id", draft.to_string()),
            ("slot[starts]", format!("2031-03-10T{from}")),
            ("slot[ends]", format!("2031-03-10T{to}")),
            ("slot[capacity]", "50".into()),
            ("slot[entry_mode]", "open".into()),
        ]
    };
    let draft_slot: i64 = form_ok(
        &app,
        "/api/fairs/slot/add",
        &slot_form("09:00", "12:00"),
        &organiser,
    )
    .await
    .trim()
    .parse()
    .unwrap_or_default();
    let spare_slot: i64 = form_ok(
        &app,
        "/api/fairs/slot/add",
        &slot_form("12:00", "14:00"),
        &organiser,
    )
    .await
    .trim()
    .parse()
    .unwrap_or_default();
    let hall: i64 = form_ok(
        &app,
        "/api/floorplan/hall/add",
        &[
            ("fair_id", draft.to_string()),
            ("hall[name]", "Halle 1".into()),
            ("hall[width_m]", "40".into()),
            ("hall[depth_m]", "30".into()),
        ],
        &organiser,
    )
    .await
    .trim()
    .parse()
    .unwrap_or_default();
    let spare_booth: i64 = form_ok(
        &app,
        "/api/floorplan/booth/save",
        &booth_form(hall, "S1", "30"),
        &organiser,
    )
    .await
    .trim()
    .parse()
    .unwrap_or_default();

    let free_booth = app.free_booth("flughafen-frankfurt").await;
    let held_booking = scalar(
        &app,
        &format!("SELECT k.id FROM booth_bookings k JOIN booths b ON b.id = k.booth_id JOIN halls h ON h.id = b.hall_id WHERE h.fair_id = {fair} AND k.status = 'held' ORDER BY k.id LIMIT 1"),
    )
    .await;
    let confirmed_booking = scalar(
        &app,
        &format!("SELECT id FROM booth_bookings WHERE organisation_id = {employer_org} AND status = 'confirmed' ORDER BY id LIMIT 1"),
    )
    .await;
    // The employer's own request, to cancel.
    let second_free = scalar(
        &app,
        &format!(
            "SELECT b.id FROM booths b JOIN halls h ON h.id = b.hall_id WHERE h.fair_id = {fair} \
             AND b.id <> {free_booth} AND NOT EXISTS (SELECT 1 FROM booth_bookings k WHERE k.booth_id = b.id \
             AND k.status IN ('held', 'confirmed')) ORDER BY b.id LIMIT 1"
        ),
    )
    .await;
    form_ok(
        &app,
        "/api/bookings/request",
        &[
            ("organisation_id", employer_org.to_string()),
            ("booth_id", second_free.to_string()),
        ],
        &employer,
    )
    .await;
    let own_held_booking = scalar(
        &app,
        &format!(
            "SELECT id FROM booth_bookings WHERE booth_id = {second_free} AND status = 'held'"
        ),
    )
    .await;
    let job = scalar(
        &app,
        &format!("SELECT id FROM jobs WHERE organisation_id = {employer_org} ORDER BY id LIMIT 1"),
    )
    .await;
    let door_token = form_ok(
        &app,
        "/api/door/tokens/create",
        &[
            ("fair_id", fair.to_string()),
            ("label", "Scanner Nord".into()),
        ],
        &organiser,
    )
    .await
    .trim()
    .trim_matches('"')
    .to_owned();
    let door_token_id = scalar(
        &app,
        &format!("SELECT MAX(id) FROM door_tokens WHERE fair_id = {fair}"),
    )
    .await;

    let open_slot = scalar(
        &app,
        &format!("SELECT id FROM time_slots WHERE fair_id = {fair} AND entry_mode = 'open' ORDER BY id LIMIT 1"),
    )
    .await;
    // A second open slot at the same time, to move a ticket to.
    let other_slot = scalar(
        &app,
        &format!(
            "INSERT INTO time_slots (fair_id, starts_at, ends_at, capacity, entry_mode) \
             SELECT fair_id, starts_at, ends_at, 50, 'open' FROM time_slots WHERE id = {open_slot} RETURNING id"
        ),
    )
    .await;
    let ticket = register(&app, "olena@example.org", open_slot).await;
    let ticket_to_cancel = register(&app, "ahmad@example.org", open_slot).await;

    let reset = app
        .post_form(
            "/api/auth/request_password_reset",
            &[("email", "eingeladen@example.org")],
            None,
        )
        .await;
    assert_eq!(reset.status(), StatusCode::OK);
    let reset_token = mailed_token(&app, "eingeladen@example.org", "/password/reset/").await;
    let pending_signup = app.sign_up("bestaetigen@example.org").await;
    assert!(pending_signup.status().is_redirection() || pending_signup.status().is_success());
    let verify_token = mailed_token(&app, "bestaetigen@example.org", "/account/verify/").await;
    for email in ["eingeladen@example.org", "neu.im.team@example.org"] {
        let invited = app
            .invite_member(agency, email, "organiser", Some(&organiser))
            .await;
        assert!(invited.status().is_success(), "setup invite {email}");
    }
    let invite_token = mailed_token(&app, "eingeladen@example.org", "/invite/").await;
    let new_account_invite_token = mailed_token(&app, "neu.im.team@example.org", "/invite/").await;
    form_ok(
        &app,
        "/api/invitations/invite_one",
        &[
            ("fair_id", fair.to_string()),
            ("row[name]", "Farid Rahimi".into()),
            ("row[email]", "farid@example.org".into()),
            ("kind", "jobseeker".into()),
        ],
        &organiser,
    )
    .await;
    let unsubscribe_token = mailed_token(&app, "farid@example.org", "/unsubscribe/").await;
    let mail = scalar(
        &app,
        &format!("SELECT MIN(id) FROM mail_outbox WHERE organisation_id = {agency}"),
    )
    .await;

    Fx {
        app,
        organiser,
        door,
        employer,
        other_co_organiser,
        stranger_organiser,
        stranger_employer,
        admin,
        leaving_member,
        throwaway,
        invited,
        agency,
        employer_org,
        fair,
        draft,
        draft_slot,
        spare_slot,
        hall,
        spare_booth,
        free_booth,
        held_booking,
        own_held_booking,
        confirmed_booking,
        job,
        mail,
        door_token_id,
        door_token,
        pending_org,
        third_org,
        team_member,
        invited_user,
        open_slot,
        other_slot,
        ticket,
        ticket_to_cancel,
        reset_token,
        verify_token,
        invite_token,
        new_account_invite_token,
        unsubscribe_token,
    }
}

/// The form of the agency's draft fair (also what the rows send to change it).
pub fn draft_fair_fields() -> Vec<(&'static str, String)> {
    vec![
        ("form[title_de]", "Matrix-Messe".into()),
        ("form[venue_name]", "Stadthalle".into()),
        (
            "form[venue_address]",
            "Waldstraße 312, 63071 Offenbach".into(),
        ),
        ("form[starts]", "2031-03-10T09:00".into()),
        ("form[ends]", "2031-03-10T16:00".into()),
        ("form[registration_opens]", "2031-01-01T08:00".into()),
        ("form[registration_closes]", "2031-03-10T12:00".into()),
    ]
}

pub fn booth_form(hall: i64, label: &str, x: &str) -> Vec<(&'static str, String)> {
    vec![
        ("hall_id", hall.to_string()),
        ("booth[label]", label.into()),
        ("booth[x_m]", x.into()),
        ("booth[y_m]", "2".into()),
        ("booth[width_m]", "3".into()),
        ("booth[depth_m]", "3".into()),
        ("booth[category]", "standard".into()),
        ("booth[price_eur]", "500".into()),
    ]
}
