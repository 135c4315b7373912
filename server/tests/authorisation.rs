//! The authorisation matrix: every server function and every plain route,
//! called as anonymous, as a stranger organiser, as a stranger employer, as
//! door staff, as a co-organiser of another fair, and as the rightful caller,
//! on SQLite and PostgreSQL. The rightful caller succeeds (2xx or a redirect
//! onwards); everyone else is refused (401, 403 or 404; a made-up secret link
//! may also answer 422 "link invalid"). A server function or route that is
//! added without a row here fails the test.
mod support;

use app::db::Backend;
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};
use server::settings::Settings;
use std::collections::BTreeSet;
use support::*;

const ADMIN: &str = "betrieb@jobfair.example";
const FORGED: &str = "ausgedachtes-geheimnis-0000000000000";

/// Who may call an endpoint, and so who is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Anyone: public data, signing up and in. Nobody is refused.
    Public,
    /// The proof is a secret link's token in the request; with a made-up
    /// one everyone is refused.
    Secret,
    /// Any signed-in person with a proven address, about their own things.
    SignedIn,
    /// Owners and organisers of the fair's organising organisations.
    Planner,
    /// Door staff (and planners) of the fair.
    Door,
    /// Members of the employer.
    Employer,
    /// Owners of the organisation.
    Owner,
    /// Members of the organisation (leaving it).
    Member,
    /// Installation administrators.
    Admin,
    /// The door API: a bearer token made by the fair's organisers.
    DoorToken,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    StrangerOrganiser,
    StrangerEmployer,
    DoorStaff,
    OtherCoOrganiser,
}

const CALLERS: [Caller; 5] = [
    Caller::Anonymous,
    Caller::StrangerOrganiser,
    Caller::StrangerEmployer,
    Caller::DoorStaff,
    Caller::OtherCoOrganiser,
];

impl Access {
    /// Whether `caller` may call it (then only the rightful call is made:
    /// a permitted call by someone else could change what later rows need).
    fn permits(self, caller: Caller) -> bool {
        match self {
            Access::Public => true,
            Access::SignedIn => caller != Caller::Anonymous,
            Access::Door | Access::Member => caller == Caller::DoorStaff,
            Access::Secret
            | Access::Planner
            | Access::Employer
            | Access::Owner
            | Access::Admin
            | Access::DoorToken => false,
        }
    }
}

/// Everything the rows need: sessions of each caller and the things they
/// act on, made through the same endpoints people use.
struct Fx {
    app: TestApp,
    organiser: String,
    door: String,
    employer: String,
    other_co_organiser: String,
    stranger_organiser: String,
    stranger_employer: String,
    admin: String,
    leaving_member: String,
    throwaway: String,
    invited: String,
    agency: i64,
    employer_org: i64,
    fair: i64,
    draft: i64,
    draft_slot: i64,
    spare_slot: i64,
    hall: i64,
    spare_booth: i64,
    free_booth: i64,
    held_booking: i64,
    own_held_booking: i64,
    confirmed_booking: i64,
    job: i64,
    mail: i64,
    door_token_id: i64,
    door_token: String,
    pending_org: i64,
    third_org: i64,
    team_member: i64,
    invited_user: i64,
    open_slot: i64,
    other_slot: i64,
    ticket: String,
    ticket_to_cancel: String,
    reset_token: String,
    verify_token: String,
    invite_token: String,
    new_account_invite_token: String,
    unsubscribe_token: String,
}

impl Fx {
    fn session(&self, caller: Caller) -> Option<&str> {
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
async fn register(app: &TestApp, email: &str, slot: i64) -> String {
    let response = app
        .client
        .post(format!("{}/api/registration/register", app.base))
        .header(header::ACCEPT, "text/html")
        .form(&[
            ("slug", "flughafen-frankfurt"),
            ("form[name]", "Olena Kovalenko"),
            ("form[email]", email),
            ("form[language]", "de"),
            ("form[slot_id]", &slot.to_string()),
            ("form[consent]", "yes"),
        ])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|l| l.strip_prefix("/tickets/"))
        .unwrap_or_else(|| panic!("no ticket for {email}"))
        .to_owned()
}

async fn fixture(backend: Backend) -> Fx {
    let settings = Settings {
        admin_emails: ADMIN.to_owned(),
        ..Settings::default()
    };
    let app = spawn_app_with(backend, settings).await;
    app.seed_demo().await;
    let organiser = sign_in(&app, "organisator@jobfair.demo").await;
    let door = sign_in(&app, "einlass@jobfair.demo").await;
    let employer = sign_in(&app, "arbeitgeber@jobfair.demo").await;
    let other_co_organiser = sign_in(&app, "kammer@jobfair.demo").await;
    let leaving_member = sign_in(&app, "team@jobfair.demo").await;
    let stranger_organiser = app.sign_up_verified("fremd@jobcenter.example").await;
    let pending_org = scalar(
        &app,
        "SELECT o.id FROM organisations o JOIN memberships m ON m.organisation_id = o.id \
         JOIN users u ON u.id = m.user_id WHERE u.email = 'fremd@jobcenter.example'",
    )
    .await;
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
            .post_form(
                "/api/auth/sign_up",
                &[
                    ("form[name]", "Tom Fremd"),
                    ("form[email]", "fremd@firma.example"),
                    ("form[organisation]", "Fremdfirma GmbH"),
                    ("form[kind]", "employer"),
                ],
                None,
            )
            .await;
        assert!(response.status().is_redirection() || response.status().is_success());
        app.verify("fremd@firma.example").await
    };
    let throwaway = app.sign_up_verified("weg@example.org").await;
    let invited = app.sign_up_verified("eingeladen@example.org").await;

    let agency = scalar(
        &app,
        "SELECT id FROM organisations WHERE name = 'Agentur für Arbeit Frankfurt am Main'",
    )
    .await;
    let employer_org = scalar(
        &app,
        "SELECT id FROM organisations WHERE name = 'Rhein-Main Airport Services GmbH'",
    )
    .await;
    let fair = scalar(
        &app,
        "SELECT id FROM fairs WHERE slug = 'flughafen-frankfurt'",
    )
    .await;
    let team_member = scalar(
        &app,
        "SELECT id FROM users WHERE email = 'team@jobfair.demo'",
    )
    .await;
    let invited_user = scalar(
        &app,
        "SELECT id FROM users WHERE email = 'eingeladen@example.org'",
    )
    .await;

    // A draft of the agency to change freely.
    form_ok(
        &app,
        "/api/fairs/create",
        &[
            ("organisation_id", agency.to_string()),
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
        ],
        &organiser,
    )
    .await;
    let draft = scalar(&app, "SELECT id FROM fairs WHERE title_de = 'Matrix-Messe'").await;
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

    let free_booth = scalar(
        &app,
        &format!(
            "SELECT b.id FROM booths b JOIN halls h ON h.id = b.hall_id WHERE h.fair_id = {fair} \
             AND NOT EXISTS (SELECT 1 FROM booth_bookings k WHERE k.booth_id = b.id \
             AND k.status IN ('held', 'confirmed')) ORDER BY b.id LIMIT 1"
        ),
    )
    .await;
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
        form_ok(
            &app,
            "/api/organisations/invite",
            &[
                ("organisation_id", agency.to_string()),
                ("email", email.into()),
                ("role", "organiser".into()),
            ],
            &organiser,
        )
        .await;
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

fn booth_form(hall: i64, label: &str, x: &str) -> Vec<(&'static str, String)> {
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

/// What a row sends: form fields or JSON.
enum Body {
    Form(Vec<(&'static str, String)>),
    Json(Value),
    /// A logo upload: a small PNG in the `logo` field.
    Logo,
}

/// A 2×2 PNG, as an employer's logo.
fn tiny_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, 2, 2);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap_or_else(|e| panic!("{e}"));
        writer
            .write_image_data(&[0x20; 16])
            .unwrap_or_else(|e| panic!("{e}"));
    }
    bytes
}

fn form(pairs: &[(&'static str, String)]) -> Body {
    Body::Form(pairs.to_vec())
}

/// The secret a row sends: the real one for the rightful call, a made-up
/// one for everyone else.
fn secret(real: bool, token: &str) -> String {
    if real {
        token.to_owned()
    } else {
        FORGED.to_owned()
    }
}

struct Row {
    endpoint: &'static str,
    access: Access,
    /// The rightful caller's session (`None`: anonymous).
    rightful: fn(&Fx) -> Option<&str>,
    /// The arguments; `true` for the rightful call.
    args: fn(&Fx, bool) -> Body,
}

fn anyone(_: &Fx) -> Option<&str> {
    None
}
fn organiser(fx: &Fx) -> Option<&str> {
    Some(&fx.organiser)
}
fn door(fx: &Fx) -> Option<&str> {
    Some(&fx.door)
}
fn employer(fx: &Fx) -> Option<&str> {
    Some(&fx.employer)
}
fn admin(fx: &Fx) -> Option<&str> {
    Some(&fx.admin)
}

fn none(_: &Fx, _: bool) -> Body {
    Body::Form(Vec::new())
}
fn on_fair(fx: &Fx, _: bool) -> Body {
    form(&[("fair_id", fx.fair.to_string())])
}
fn on_fair_slug(_: &Fx, _: bool) -> Body {
    form(&[("slug", "flughafen-frankfurt".into())])
}
fn on_employer(fx: &Fx, _: bool) -> Body {
    form(&[("organisation_id", fx.employer_org.to_string())])
}
fn on_ticket(fx: &Fx, real: bool) -> Body {
    form(&[("token", secret(real, &fx.ticket))])
}

fn fair_form(fx: &Fx) -> Vec<(&'static str, String)> {
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
        ("fair_id", fx.draft.to_string()),
    ]
}

fn slot_fields(fair: i64) -> Vec<(&'static str, String)> {
    vec![
        ("fair_id", fair.to_string()),
        ("slot[starts]", "2031-03-10T14:00".into()),
        ("slot[ends]", "2031-03-10T16:00".into()),
        ("slot[capacity]", "40".into()),
        ("slot[entry_mode]", "open".into()),
    ]
}

/// Every server function, in the order they are called (rows that change
/// something come after the rows that need it unchanged).
fn server_function_rows() -> Vec<Row> {
    use Access::*;
    vec![
        // Public data and the doors in.
        Row {
            endpoint: "auth/me",
            access: Public,
            rightful: anyone,
            args: none,
        },
        Row {
            endpoint: "fairs/upcoming",
            access: Public,
            rightful: anyone,
            args: none,
        },
        Row {
            endpoint: "fairs/public",
            access: Public,
            rightful: anyone,
            args: on_fair_slug,
        },
        Row {
            endpoint: "registration/page",
            access: Public,
            rightful: anyone,
            args: on_fair_slug,
        },
        Row {
            endpoint: "registration/register",
            access: Public,
            rightful: anyone,
            args: |fx, _| {
                form(&[
                    ("slug", "flughafen-frankfurt".into()),
                    ("form[name]", "Mariam Haidari".into()),
                    ("form[email]", "mariam@example.org".into()),
                    ("form[language]", "de".into()),
                    ("form[slot_id]", fx.open_slot.to_string()),
                    ("form[consent]", "yes".into()),
                ])
            },
        },
        Row {
            endpoint: "employers/directory",
            access: Public,
            rightful: anyone,
            args: |_, _| {
                form(&[
                    ("slug", "flughafen-frankfurt".into()),
                    ("filter[industry]", String::new()),
                    ("filter[kind]", String::new()),
                    ("filter[language]", String::new()),
                ])
            },
        },
        Row {
            endpoint: "employers/exhibitor",
            access: Public,
            rightful: anyone,
            args: |fx, _| {
                form(&[
                    ("slug", "flughafen-frankfurt".into()),
                    ("organisation_id", fx.employer_org.to_string()),
                ])
            },
        },
        Row {
            endpoint: "auth/sign_in",
            access: Public,
            rightful: anyone,
            args: |_, _| {
                form(&[
                    ("email", "organisator@jobfair.demo".into()),
                    ("password", app::demo::DEMO_PASSWORD.into()),
                ])
            },
        },
        Row {
            endpoint: "auth/sign_up",
            access: Public,
            rightful: anyone,
            args: |_, _| {
                form(&[
                    ("form[name]", "Neue Person".into()),
                    ("form[email]", "neu@example.org".into()),
                    ("form[organisation]", "Neue GmbH".into()),
                    ("form[kind]", "employer".into()),
                ])
            },
        },
        Row {
            endpoint: "auth/sign_out",
            access: Public,
            rightful: anyone,
            args: none,
        },
        Row {
            endpoint: "auth/request_password_reset",
            access: Public,
            rightful: anyone,
            args: |_, _| form(&[("email", "niemand@example.org".into())]),
        },
        // Secret links.
        Row {
            endpoint: "tickets/page",
            access: Secret,
            rightful: anyone,
            args: on_ticket,
        },
        Row {
            endpoint: "tickets/resend",
            access: Secret,
            rightful: anyone,
            args: on_ticket,
        },
        Row {
            endpoint: "tickets/bookmark",
            access: Secret,
            rightful: anyone,
            args: |fx, real| {
                form(&[
                    ("token", secret(real, &fx.ticket)),
                    ("organisation_id", fx.employer_org.to_string()),
                    ("on", "true".into()),
                ])
            },
        },
        Row {
            endpoint: "tickets/change_slot",
            access: Secret,
            rightful: anyone,
            args: |fx, real| {
                form(&[
                    ("token", secret(real, &fx.ticket)),
                    ("slot_id", fx.other_slot.to_string()),
                ])
            },
        },
        Row {
            endpoint: "tickets/cancel",
            access: Secret,
            rightful: anyone,
            args: |fx, real| form(&[("token", secret(real, &fx.ticket_to_cancel))]),
        },
        Row {
            endpoint: "invitations/unsubscribe",
            access: Secret,
            rightful: anyone,
            args: |fx, real| form(&[("token", secret(real, &fx.unsubscribe_token))]),
        },
        Row {
            endpoint: "organisations/invite_details",
            access: Secret,
            rightful: anyone,
            args: |fx, real| form(&[("token", secret(real, &fx.invite_token))]),
        },
        Row {
            endpoint: "organisations/accept_invite",
            access: Secret,
            rightful: |fx| Some(&fx.invited),
            args: |fx, real| form(&[("token", secret(real, &fx.invite_token))]),
        },
        Row {
            endpoint: "organisations/accept_invite_new_account",
            access: Secret,
            rightful: anyone,
            args: |fx, real| {
                form(&[
                    ("token", secret(real, &fx.new_account_invite_token)),
                    ("name", "Neu im Team".into()),
                    ("password", "sicheres-passwort".into()),
                ])
            },
        },
        Row {
            endpoint: "auth/verify_email",
            access: Secret,
            rightful: anyone,
            args: |fx, real| {
                form(&[
                    ("token", secret(real, &fx.verify_token)),
                    ("password", "sicheres-passwort".into()),
                ])
            },
        },
        Row {
            endpoint: "auth/reset_password",
            access: Secret,
            rightful: anyone,
            args: |fx, real| {
                form(&[
                    ("token", secret(real, &fx.reset_token)),
                    ("password", "ganz-neues-passwort".into()),
                ])
            },
        },
        // One's own things.
        Row {
            endpoint: "fairs/mine",
            access: SignedIn,
            rightful: organiser,
            args: none,
        },
        Row {
            endpoint: "organisations/mine",
            access: SignedIn,
            rightful: organiser,
            args: none,
        },
        Row {
            endpoint: "bookings/mine",
            access: SignedIn,
            rightful: employer,
            args: none,
        },
        Row {
            endpoint: "bookings/page",
            access: SignedIn,
            rightful: employer,
            args: on_fair_slug,
        },
        Row {
            endpoint: "mail/list",
            access: SignedIn,
            rightful: organiser,
            args: none,
        },
        Row {
            endpoint: "door/fairs",
            access: SignedIn,
            rightful: door,
            args: none,
        },
        Row {
            endpoint: "auth/resend_verification",
            access: SignedIn,
            rightful: organiser,
            args: none,
        },
        Row {
            endpoint: "auth/deletion_plan",
            access: SignedIn,
            rightful: organiser,
            args: none,
        },
        // Planning a fair.
        Row {
            endpoint: "fairs/plan",
            access: Planner,
            rightful: organiser,
            args: on_fair,
        },
        Row {
            endpoint: "fairs/dashboard",
            access: Planner,
            rightful: organiser,
            args: on_fair,
        },
        Row {
            endpoint: "bookings/fair",
            access: Planner,
            rightful: organiser,
            args: on_fair,
        },
        Row {
            endpoint: "invitations/view",
            access: Planner,
            rightful: organiser,
            args: on_fair,
        },
        Row {
            endpoint: "door/live",
            access: Planner,
            rightful: organiser,
            args: on_fair,
        },
        Row {
            endpoint: "mail/show",
            access: Planner,
            rightful: organiser,
            args: |fx, _| form(&[("id", fx.mail.to_string())]),
        },
        Row {
            endpoint: "fairs/create",
            access: Planner,
            rightful: organiser,
            args: |fx, _| {
                let mut fields = fair_form(fx);
                fields.retain(|(k, _)| *k != "fair_id");
                fields.push(("organisation_id", fx.agency.to_string()));
                Body::Form(fields)
            },
        },
        Row {
            endpoint: "fairs/update",
            access: Planner,
            rightful: organiser,
            args: |fx, _| Body::Form(fair_form(fx)),
        },
        Row {
            endpoint: "fairs/slot/add",
            access: Planner,
            rightful: organiser,
            args: |fx, _| Body::Form(slot_fields(fx.draft)),
        },
        Row {
            endpoint: "fairs/slot/update",
            access: Planner,
            rightful: organiser,
            args: |fx, _| {
                let mut fields = slot_fields(fx.draft);
                fields.retain(|(k, _)| *k != "fair_id");
                fields.push(("slot_id", fx.draft_slot.to_string()));
                fields[0].1 = "2031-03-10T09:00".into();
                fields[1].1 = "2031-03-10T11:00".into();
                Body::Form(fields)
            },
        },
        Row {
            endpoint: "fairs/slot/delete",
            access: Planner,
            rightful: organiser,
            args: |fx, _| form(&[("slot_id", fx.spare_slot.to_string())]),
        },
        Row {
            endpoint: "floorplan/hall/add",
            access: Planner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("fair_id", fx.draft.to_string()),
                    ("hall[name]", "Halle 2".into()),
                    ("hall[width_m]", "20".into()),
                    ("hall[depth_m]", "20".into()),
                ])
            },
        },
        Row {
            endpoint: "floorplan/hall/update",
            access: Planner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("hall_id", fx.hall.to_string()),
                    ("hall[name]", "Halle Eins".into()),
                    ("hall[width_m]", "40".into()),
                    ("hall[depth_m]", "30".into()),
                ])
            },
        },
        Row {
            endpoint: "floorplan/booth/save",
            access: Planner,
            rightful: organiser,
            args: |fx, _| Body::Form(booth_form(fx.hall, "A1", "2")),
        },
        Row {
            endpoint: "floorplan/booth/delete",
            access: Planner,
            rightful: organiser,
            args: |fx, _| form(&[("booth_id", fx.spare_booth.to_string())]),
        },
        Row {
            endpoint: "invitations/check",
            access: Planner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("fair_id", fx.fair.to_string()),
                    (
                        "csv_text",
                        "name;email\nLeyla Ahmadi;leyla@example.org\n".into(),
                    ),
                    ("kind", "Jobseeker".into()),
                ])
            },
        },
        Row {
            endpoint: "invitations/send",
            access: Planner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("fair_id", fx.fair.to_string()),
                    ("rows[0][name]", "Leyla Ahmadi".into()),
                    ("rows[0][email]", "leyla@example.org".into()),
                    ("kind", "Jobseeker".into()),
                ])
            },
        },
        Row {
            endpoint: "invitations/invite_one",
            access: Planner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("fair_id", fx.fair.to_string()),
                    ("row[name]", "Yusuf Demir".into()),
                    ("row[email]", "yusuf@example.org".into()),
                    ("kind", "jobseeker".into()),
                ])
            },
        },
        Row {
            endpoint: "door/tolerance",
            access: Planner,
            rightful: organiser,
            args: |fx, _| form(&[("fair_id", fx.fair.to_string()), ("tolerance", "30".into())]),
        },
        Row {
            endpoint: "door/tokens/create",
            access: Planner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("fair_id", fx.fair.to_string()),
                    ("label", "Scanner Süd".into()),
                ])
            },
        },
        Row {
            endpoint: "bookings/decide",
            access: Planner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("booking_id", fx.held_booking.to_string()),
                    ("decision", "approve".into()),
                ])
            },
        },
        Row {
            endpoint: "fairs/co_organiser/add",
            access: Planner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("fair_id", fx.draft.to_string()),
                    ("organisation_id", fx.third_org.to_string()),
                ])
            },
        },
        Row {
            endpoint: "fairs/co_organiser/remove",
            access: Planner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("fair_id", fx.draft.to_string()),
                    ("organisation_id", fx.third_org.to_string()),
                ])
            },
        },
        Row {
            endpoint: "fairs/status",
            access: Planner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("fair_id", fx.draft.to_string()),
                    ("status", "published".into()),
                ])
            },
        },
        // At the door.
        Row {
            endpoint: "door/pack",
            access: Door,
            rightful: door,
            args: on_fair_slug,
        },
        Row {
            endpoint: "door/scans",
            access: Door,
            rightful: door,
            args: |fx, _| {
                Body::Json(json!({
                    "slug": "flughafen-frankfurt", "gate": "Nord", "device": "matrix",
                    "scans": [{ "nonce": "matrix-nonce-0001", "credential": fx.ticket, "scanned_at": 0, "offline": false }],
                }))
            },
        },
        Row {
            endpoint: "door/walk_in",
            access: Door,
            rightful: door,
            args: |fx, _| {
                Body::Json(json!({
                    "slug": "flughafen-frankfurt",
                    "form": { "name": "Walk-in Person", "slot_id": fx.open_slot.to_string(), "gate": "Nord", "device": "matrix" },
                }))
            },
        },
        // For an employer.
        Row {
            endpoint: "employers/profile",
            access: Employer,
            rightful: employer,
            args: on_employer,
        },
        Row {
            endpoint: "employers/save_profile",
            access: Employer,
            rightful: employer,
            args: |fx, _| {
                form(&[
                    ("organisation_id", fx.employer_org.to_string()),
                    ("form[name]", "Rhein-Main Airport Services GmbH".into()),
                    ("form[address]", "Flughafen, 60547 Frankfurt am Main".into()),
                    ("form[industry]", "logistics".into()),
                    ("form[website]", "https://www.example.org".into()),
                    ("form[description]", "Wir fertigen Flugzeuge ab.".into()),
                    ("form[film_url]", String::new()),
                ])
            },
        },
        Row {
            endpoint: "employers/jobs",
            access: Employer,
            rightful: employer,
            args: |fx, _| {
                form(&[
                    ("organisation_id", fx.employer_org.to_string()),
                    ("slug", "flughafen-frankfurt".into()),
                ])
            },
        },
        Row {
            endpoint: "employers/add_job",
            access: Employer,
            rightful: employer,
            args: |fx, _| {
                form(&[
                    ("organisation_id", fx.employer_org.to_string()),
                    ("slug", "flughafen-frankfurt".into()),
                    ("form[title]", "Lagerhelfer (m/w/d)".into()),
                    ("form[kind]", "full_time".into()),
                    ("form[place_of_work]", "Frankfurt am Main".into()),
                    ("form[starts_on]", String::new()),
                    ("form[description]", String::new()),
                ])
            },
        },
        Row {
            endpoint: "employers/delete_job",
            access: Employer,
            rightful: employer,
            args: |fx, _| {
                form(&[
                    ("organisation_id", fx.employer_org.to_string()),
                    ("job_id", fx.job.to_string()),
                ])
            },
        },
        Row {
            endpoint: "bookings/confirmation",
            access: Employer,
            rightful: employer,
            args: |fx, _| form(&[("booking_id", fx.confirmed_booking.to_string())]),
        },
        Row {
            endpoint: "bookings/request",
            access: Employer,
            rightful: employer,
            args: |fx, _| {
                form(&[
                    ("organisation_id", fx.employer_org.to_string()),
                    ("booth_id", fx.free_booth.to_string()),
                ])
            },
        },
        Row {
            endpoint: "bookings/cancel",
            access: Employer,
            rightful: employer,
            args: |fx, _| form(&[("booking_id", fx.own_held_booking.to_string())]),
        },
        // Running an organisation, and the installation.
        Row {
            endpoint: "organisations/invite",
            access: Owner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("organisation_id", fx.agency.to_string()),
                    ("email", "noch.jemand@example.org".into()),
                    ("role", "door_staff".into()),
                ])
            },
        },
        Row {
            endpoint: "organisations/change_role",
            access: Owner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("organisation_id", fx.agency.to_string()),
                    ("user_id", fx.team_member.to_string()),
                    ("role", "organiser".into()),
                ])
            },
        },
        Row {
            endpoint: "admin/pending",
            access: Admin,
            rightful: admin,
            args: none,
        },
        Row {
            endpoint: "admin/decide",
            access: Admin,
            rightful: admin,
            args: |fx, _| {
                form(&[
                    ("organisation_id", fx.pending_org.to_string()),
                    ("approve", "true".into()),
                ])
            },
        },
        Row {
            endpoint: "door/tokens/revoke",
            access: Planner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("fair_id", fx.fair.to_string()),
                    ("token_id", fx.door_token_id.to_string()),
                ])
            },
        },
        Row {
            endpoint: "organisations/leave",
            access: Member,
            rightful: |fx| Some(&fx.leaving_member),
            args: |fx, _| form(&[("organisation_id", fx.agency.to_string())]),
        },
        Row {
            endpoint: "organisations/remove_member",
            access: Owner,
            rightful: organiser,
            args: |fx, _| {
                form(&[
                    ("organisation_id", fx.agency.to_string()),
                    ("user_id", fx.invited_user.to_string()),
                ])
            },
        },
        Row {
            endpoint: "auth/delete_account",
            access: SignedIn,
            rightful: |fx| Some(&fx.throwaway),
            args: |_, _| form(&[("password", "sicheres-passwort".into())]),
        },
    ]
}

async fn call(
    fx: &Fx,
    method: Method,
    path: &str,
    body: &Body,
    session: Option<&str>,
    bearer: Option<&str>,
) -> (StatusCode, String) {
    let mut request = fx
        .app
        .client
        .request(method, format!("{}{path}", fx.app.base));
    if let Some(session) = session {
        request = request.header(header::COOKIE, session);
    }
    if let Some(bearer) = bearer {
        request = request.bearer_auth(bearer);
    }
    request = match body {
        Body::Form(pairs) if !pairs.is_empty() => request.form(pairs),
        Body::Form(_) => request,
        Body::Json(value) => request.json(value),
        Body::Logo => {
            let part = reqwest::multipart::Part::bytes(tiny_png())
                .file_name("logo.png")
                .mime_str("image/png")
                .unwrap_or_else(|e| panic!("{e}"));
            request.multipart(reqwest::multipart::Form::new().part("logo", part))
        }
    };
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, format!("{location} {}", body_text(response).await))
}

async fn body_text(response: reqwest::Response) -> String {
    let text = response.text().await.unwrap_or_default();
    text.chars().take(300).collect()
}

fn refused(access: Access, caller: Caller, status: StatusCode, answer: &str) -> bool {
    let login = status.is_redirection() && answer.starts_with("/login");
    match (access, caller) {
        (Access::Secret, _) => status.is_client_error() && status != StatusCode::TOO_MANY_REQUESTS,
        (_, Caller::Anonymous) => status == StatusCode::UNAUTHORIZED || login,
        _ => matches!(
            status,
            StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::UNAUTHORIZED
        ),
    }
}

fn succeeded(status: StatusCode, answer: &str) -> bool {
    status.is_success() || (status.is_redirection() && !answer.starts_with("/login"))
}

async fn every_server_function_refuses_all_but_its_rightful_caller(backend: Backend) {
    let fx = fixture(backend).await;
    let rows = server_function_rows();
    let listed: BTreeSet<String> = rows
        .iter()
        .map(|r| format!("/api/{}", r.endpoint))
        .collect();
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "server functions without a row in the matrix: {missing:?}"
    );
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        stale.is_empty(),
        "rows for server functions that are gone: {stale:?}"
    );

    let mut failures = Vec::new();
    for row in &rows {
        let path = format!("/api/{}", row.endpoint);
        for caller in CALLERS {
            if row.access.permits(caller) {
                continue;
            }
            let (status, answer) = call(
                &fx,
                Method::POST,
                &path,
                &(row.args)(&fx, false),
                fx.session(caller),
                None,
            )
            .await;
            if !refused(row.access, caller, status, &answer) {
                failures.push(format!("{path} as {caller:?}: {status} {answer}"));
            }
        }
        let (status, answer) = call(
            &fx,
            Method::POST,
            &path,
            &(row.args)(&fx, true),
            (row.rightful)(&fx),
            None,
        )
        .await;
        if !succeeded(status, &answer) {
            failures.push(format!("{path} as its rightful caller: {status} {answer}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

struct Route {
    method: Method,
    /// The route as the router knows it.
    route: &'static str,
    access: Access,
    rightful: fn(&Fx) -> Option<&str>,
    /// The path to call; `true` for the rightful call.
    path: fn(&Fx, bool) -> String,
    body: fn(&Fx) -> Body,
}

fn no_body(_: &Fx) -> Body {
    Body::Form(Vec::new())
}

fn plain_rows() -> Vec<Route> {
    use Access::*;
    vec![
        Route {
            method: Method::GET,
            route: "/healthz",
            access: Public,
            rightful: anyone,
            path: |_, _| "/healthz".into(),
            body: no_body,
        },
        Route {
            method: Method::POST,
            route: "/prefs",
            access: Public,
            rightful: anyone,
            path: |_, _| "/prefs".into(),
            body: |_| form(&[("lang", "en".into()), ("back", "/".into())]),
        },
        Route {
            method: Method::GET,
            route: "/sw.js",
            access: Public,
            rightful: anyone,
            path: |_, _| "/sw.js".into(),
            body: no_body,
        },
        Route {
            method: Method::GET,
            route: "/fairs/{slug}/ticket-keys.json",
            access: Public,
            rightful: anyone,
            path: |_, _| "/fairs/flughafen-frankfurt/ticket-keys.json".into(),
            body: no_body,
        },
        Route {
            method: Method::GET,
            route: "/tickets/{token}/calendar.ics",
            access: Secret,
            rightful: anyone,
            path: |fx, real| format!("/tickets/{}/calendar.ics", secret(real, &fx.ticket)),
            body: no_body,
        },
        Route {
            method: Method::POST,
            route: "/employer/{org}/logo",
            access: Employer,
            rightful: employer,
            path: |fx, _| format!("/employer/{}/logo", fx.employer_org),
            body: |_| Body::Logo,
        },
        Route {
            method: Method::GET,
            route: "/logos/{org}",
            access: Public,
            rightful: anyone,
            path: |fx, _| format!("/logos/{}", fx.employer_org),
            body: no_body,
        },
        Route {
            method: Method::GET,
            route: "/organise/fairs/{id}/export/registrations.csv",
            access: Planner,
            rightful: organiser,
            path: |fx, _| format!("/organise/fairs/{}/export/registrations.csv", fx.fair),
            body: no_body,
        },
        Route {
            method: Method::GET,
            route: "/organise/fairs/{id}/export/exhibitors.csv",
            access: Planner,
            rightful: organiser,
            path: |fx, _| format!("/organise/fairs/{}/export/exhibitors.csv", fx.fair),
            body: no_body,
        },
        Route {
            method: Method::GET,
            route: "/api/v1/door-pack",
            access: DoorToken,
            rightful: anyone,
            path: |_, _| "/api/v1/door-pack".into(),
            body: no_body,
        },
        Route {
            method: Method::POST,
            route: "/api/v1/checkins",
            access: DoorToken,
            rightful: anyone,
            path: |_, _| "/api/v1/checkins".into(),
            body: |fx| Body::Json(json!({ "code": fx.ticket, "gate": "API" })),
        },
        Route {
            method: Method::POST,
            route: "/unsubscribe/{token}",
            access: Secret,
            rightful: anyone,
            path: |fx, real| format!("/unsubscribe/{}", secret(real, &fx.unsubscribe_token)),
            body: |_| form(&[("List-Unsubscribe", "One-Click".into())]),
        },
    ]
}

async fn every_plain_route_refuses_all_but_its_rightful_caller(backend: Backend) {
    let fx = fixture(backend).await;
    let rows = plain_rows();
    let listed: BTreeSet<&str> = rows.iter().map(|r| r.route).collect();
    let served: BTreeSet<&str> = server::startup::plain_route_paths().into_iter().collect();
    assert_eq!(listed, served, "every plain route has exactly one row");

    let mut failures = Vec::new();
    for row in &rows {
        for caller in CALLERS {
            if row.access.permits(caller) {
                continue;
            }
            let bearer = (row.access == Access::DoorToken).then_some(FORGED);
            let path = (row.path)(&fx, false);
            let (status, answer) = call(
                &fx,
                row.method.clone(),
                &path,
                &(row.body)(&fx),
                fx.session(caller),
                bearer,
            )
            .await;
            let refused = if row.access == Access::DoorToken {
                status == StatusCode::UNAUTHORIZED
            } else {
                refused(row.access, caller, status, &answer)
            };
            if !refused {
                failures.push(format!(
                    "{} {path} as {caller:?}: {status} {answer}",
                    row.method
                ));
            }
        }
        let bearer = (row.access == Access::DoorToken).then_some(fx.door_token.as_str());
        let path = (row.path)(&fx, true);
        let (status, answer) = call(
            &fx,
            row.method.clone(),
            &path,
            &(row.body)(&fx),
            (row.rightful)(&fx),
            bearer,
        )
        .await;
        if !succeeded(status, &answer) {
            failures.push(format!(
                "{} {path} as its rightful caller: {status} {answer}",
                row.method
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

on_both_databases!(
    every_server_function_refuses_all_but_its_rightful_caller,
    every_plain_route_refuses_all_but_its_rightful_caller,
);
