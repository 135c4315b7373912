//! The rows: each server function and plain route, who may call it, and
//! what the rightful call sends (the matrix's table).
use super::{
    Access, Body, FORGED,
    fixture::{Fx, booth_form},
};
use reqwest::Method;
use serde_json::json;

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

pub struct Row {
    pub endpoint: &'static str,
    pub access: Access,
    /// The rightful caller's session (`None`: anonymous).
    pub rightful: fn(&Fx) -> Option<&str>,
    /// The arguments; `true` for the rightful call.
    pub args: fn(&Fx, bool) -> Body,
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
pub fn server_function_rows() -> Vec<Row> {
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

pub struct Route {
    pub method: Method,
    /// The route as the router knows it.
    pub route: &'static str,
    pub access: Access,
    pub rightful: fn(&Fx) -> Option<&str>,
    /// The path to call; `true` for the rightful call.
    pub path: fn(&Fx, bool) -> String,
    pub body: fn(&Fx) -> Body,
}

fn no_body(_: &Fx) -> Body {
    Body::Form(Vec::new())
}

pub fn plain_rows() -> Vec<Route> {
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
