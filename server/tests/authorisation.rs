//! The authorisation matrix: every server function and every plain route,
//! called as anonymous, as a stranger organiser, as a stranger employer, as
//! door staff, as a co-organiser of another fair, and as the rightful caller,
//! on SQLite and PostgreSQL. The rightful caller succeeds (2xx or a redirect
//! onwards); everyone else is refused (401, 403 or 404; a made-up secret link
//! may also answer 422 "link invalid"). A server function or route that is
//! added without a row here fails the test.
#[path = "authorisation/fixture.rs"]
mod fixture;
mod support;

use app::db::Backend;
use fixture::{Fx, booth_form, draft_fair_fields, fixture, tiny_png};
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};
use std::collections::BTreeSet;

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

/// What a row sends: form fields or JSON.
enum Body {
    Form(Vec<(&'static str, String)>),
    Json(Value),
    /// A logo upload: a small PNG in the `logo` field.
    Logo,
}

// The table: each server function and plain route, who may call it, and
// what the rightful call sends.

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
    let mut fields = draft_fair_fields();
    fields.push(("fair_id", fx.draft.to_string()));
    fields
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
