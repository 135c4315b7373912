//! The authorisation matrix: every server function and every plain route,
//! called as anonymous, as a stranger organiser, as a stranger employer, as
//! door staff, as a co-organiser of another fair, and as the rightful caller,
//! on SQLite and PostgreSQL. The rightful caller succeeds (2xx or a redirect
//! onwards); everyone else is refused (401, 403 or 404; a made-up secret link
//! may also answer 422 "link invalid"). A server function or route that is
//! added without a row here fails the test.
//!
//! The two tables stay together in this one file, longer than the 400 lines
//! files are kept to: a reviewer reads each endpoint's access beside all
//! the others, and the order of the rows matters (rows that change
//! something come after the rows that need it unchanged), which a split
//! would hide. A new endpoint is one `row(..)` or `route(..)` line here.
//! The vocabulary rows are written in is in `authorisation/matrix.rs`, the
//! runner in `run.rs`, the world the rows act on in `fixture.rs`.
#[path = "authorisation/fixture.rs"]
mod fixture;
#[path = "authorisation/matrix.rs"]
mod matrix;
#[path = "authorisation/run.rs"]
mod run;
mod support;

use fixture::booth_form;
use matrix::*;
use reqwest::Method;
use run::{
    every_plain_route_refuses_all_but_its_rightful_caller,
    every_server_function_refuses_all_but_its_rightful_caller,
};
use serde_json::json;

/// Every server function, in the order they are called (rows that change
/// something come after the rows that need it unchanged).
fn server_function_rows() -> Vec<Row> {
    use Access::*;
    vec![
        // Public data and the doors in.
        row("auth/me", Public, anyone, none),
        row("fairs/upcoming", Public, anyone, none),
        row("fairs/public", Public, anyone, on_fair_slug),
        row("registration/page", Public, anyone, on_fair_slug),
        row("registration/register", Public, anyone, |fx, _| {
            form(&[
                ("slug", "flughafen-frankfurt".into()),
                ("form[name]", "Mariam Haidari".into()),
                ("form[email]", "mariam@example.org".into()),
                ("form[language]", "de".into()),
                ("form[slot_id]", fx.open_slot.to_string()),
                ("form[consent]", "yes".into()),
            ])
        }),
        row("employers/directory", Public, anyone, |_, _| {
            form(&[
                ("slug", "flughafen-frankfurt".into()),
                ("filter[industry]", String::new()),
                ("filter[kind]", String::new()),
                ("filter[language]", String::new()),
            ])
        }),
        row("employers/exhibitor", Public, anyone, |fx, _| {
            form(&[
                ("slug", "flughafen-frankfurt".into()),
                ("organisation_id", fx.employer_org.to_string()),
            ])
        }),
        row("auth/sign_in", Public, anyone, |_, _| {
            form(&[
                ("email", "organisator@jobfair.demo".into()),
                ("password", app::demo::DEMO_PASSWORD.into()),
            ])
        }),
        row("auth/sign_up", Public, anyone, |_, _| {
            form(&[
                ("form[name]", "Neue Person".into()),
                ("form[email]", "neu@example.org".into()),
                ("form[organisation]", "Neue GmbH".into()),
                ("form[kind]", "employer".into()),
            ])
        }),
        row("auth/sign_out", Public, anyone, none),
        row("auth/request_password_reset", Public, anyone, |_, _| {
            form(&[("email", "niemand@example.org".into())])
        }),
        // Secret links.
        row("tickets/page", Secret, anyone, on_ticket),
        row("tickets/resend", Secret, anyone, on_ticket),
        row("tickets/bookmark", Secret, anyone, |fx, real| {
            form(&[
                ("token", secret(real, &fx.ticket)),
                ("organisation_id", fx.employer_org.to_string()),
                ("on", "true".into()),
            ])
        }),
        row("tickets/change_slot", Secret, anyone, |fx, real| {
            form(&[
                ("token", secret(real, &fx.ticket)),
                ("slot_id", fx.other_slot.to_string()),
            ])
        }),
        row("tickets/cancel", Secret, anyone, |fx, real| {
            form(&[("token", secret(real, &fx.ticket_to_cancel))])
        }),
        row("invitations/unsubscribe", Secret, anyone, |fx, real| {
            form(&[("token", secret(real, &fx.unsubscribe_token))])
        }),
        row(
            "organisations/invite_details",
            Secret,
            anyone,
            |fx, real| form(&[("token", secret(real, &fx.invite_token))]),
        ),
        row(
            "organisations/accept_invite",
            Secret,
            |fx| Some(&fx.invited),
            |fx, real| form(&[("token", secret(real, &fx.invite_token))]),
        ),
        row(
            "organisations/accept_invite_new_account",
            Secret,
            anyone,
            |fx, real| {
                form(&[
                    ("token", secret(real, &fx.new_account_invite_token)),
                    ("name", "Neu im Team".into()),
                    ("password", "sicheres-passwort".into()),
                ])
            },
        ),
        row("auth/verify_email", Secret, anyone, |fx, real| {
            form(&[
                ("token", secret(real, &fx.verify_token)),
                ("password", "sicheres-passwort".into()),
            ])
        }),
        row("auth/reset_password", Secret, anyone, |fx, real| {
            form(&[
                ("token", secret(real, &fx.reset_token)),
                ("password", "ganz-neues-passwort".into()),
            ])
        }),
        // One's own things.
        row("fairs/mine", SignedIn, organiser, none),
        row("organisations/mine", SignedIn, organiser, none),
        row("bookings/mine", SignedIn, employer, none),
        row("bookings/page", SignedIn, employer, on_fair_slug),
        row("mail/list", SignedIn, organiser, none),
        row("door/fairs", SignedIn, door, none),
        row("auth/resend_verification", SignedIn, organiser, none),
        row("auth/deletion_plan", SignedIn, organiser, none),
        // Planning a fair.
        row("fairs/plan", Planner, organiser, on_fair),
        row("fairs/dashboard", Planner, organiser, on_fair),
        row("bookings/fair", Planner, organiser, on_fair),
        row("invitations/view", Planner, organiser, on_fair),
        row("door/live", Planner, organiser, on_fair),
        row("mail/show", Planner, organiser, |fx, _| {
            form(&[("id", fx.mail.to_string())])
        }),
        row("fairs/create", Planner, organiser, |fx, _| {
            let mut fields = fair_form(fx);
            fields.retain(|(k, _)| *k != "fair_id");
            fields.push(("organisation_id", fx.agency.to_string()));
            Body::Form(fields)
        }),
        row("fairs/update", Planner, organiser, |fx, _| {
            Body::Form(fair_form(fx))
        }),
        row("fairs/slot/add", Planner, organiser, |fx, _| {
            Body::Form(slot_fields(fx.draft))
        }),
        row("fairs/slot/update", Planner, organiser, |fx, _| {
            let mut fields = slot_fields(fx.draft);
            fields.retain(|(k, _)| *k != "fair_id");
            fields.push(("slot_id", fx.draft_slot.to_string()));
            fields[0].1 = "2031-03-10T09:00".into();
            fields[1].1 = "2031-03-10T11:00".into();
            Body::Form(fields)
        }),
        row("fairs/slot/delete", Planner, organiser, |fx, _| {
            form(&[("slot_id", fx.spare_slot.to_string())])
        }),
        row("floorplan/hall/add", Planner, organiser, |fx, _| {
            form(&[
                ("fair_id", fx.draft.to_string()),
                ("hall[name]", "Halle 2".into()),
                ("hall[width_m]", "20".into()),
                ("hall[depth_m]", "20".into()),
            ])
        }),
        row("floorplan/hall/update", Planner, organiser, |fx, _| {
            form(&[
                ("hall_id", fx.hall.to_string()),
                ("hall[name]", "Halle Eins".into()),
                ("hall[width_m]", "40".into()),
                ("hall[depth_m]", "30".into()),
            ])
        }),
        row("floorplan/booth/save", Planner, organiser, |fx, _| {
            Body::Form(booth_form(fx.hall, "A1", "2"))
        }),
        row("floorplan/booth/delete", Planner, organiser, |fx, _| {
            form(&[("booth_id", fx.spare_booth.to_string())])
        }),
        row("invitations/check", Planner, organiser, |fx, _| {
            form(&[
                ("fair_id", fx.fair.to_string()),
                (
                    "csv_text",
                    "name;email\nLeyla Ahmadi;leyla@example.org\n".into(),
                ),
                ("kind", "Jobseeker".into()),
            ])
        }),
        row("invitations/send", Planner, organiser, |fx, _| {
            form(&[
                ("fair_id", fx.fair.to_string()),
                ("rows[0][name]", "Leyla Ahmadi".into()),
                ("rows[0][email]", "leyla@example.org".into()),
                ("kind", "Jobseeker".into()),
            ])
        }),
        row("invitations/invite_one", Planner, organiser, |fx, _| {
            form(&[
                ("fair_id", fx.fair.to_string()),
                ("row[name]", "Yusuf Demir".into()),
                ("row[email]", "yusuf@example.org".into()),
                ("kind", "jobseeker".into()),
            ])
        }),
        row("door/tolerance", Planner, organiser, |fx, _| {
            form(&[("fair_id", fx.fair.to_string()), ("tolerance", "30".into())])
        }),
        row("door/tokens/create", Planner, organiser, |fx, _| {
            form(&[
                ("fair_id", fx.fair.to_string()),
                ("label", "Scanner Süd".into()),
            ])
        }),
        row("bookings/decide", Planner, organiser, |fx, _| {
            form(&[
                ("booking_id", fx.held_booking.to_string()),
                ("decision", "approve".into()),
            ])
        }),
        row("fairs/co_organiser/add", Planner, organiser, |fx, _| {
            form(&[
                ("fair_id", fx.draft.to_string()),
                ("organisation_id", fx.third_org.to_string()),
            ])
        }),
        row("fairs/co_organiser/remove", Planner, organiser, |fx, _| {
            form(&[
                ("fair_id", fx.draft.to_string()),
                ("organisation_id", fx.third_org.to_string()),
            ])
        }),
        row("fairs/status", Planner, organiser, |fx, _| {
            form(&[
                ("fair_id", fx.draft.to_string()),
                ("status", "published".into()),
            ])
        }),
        // At the door.
        row("door/pack", Door, door, on_fair_slug),
        row("door/scans", Door, door, |fx, _| {
            Body::Json(json!({
                "slug": "flughafen-frankfurt", "gate": "Nord", "device": "matrix",
                "scans": [{ "nonce": "matrix-nonce-0001", "credential": fx.ticket, "scanned_at": 0, "offline": false }],
            }))
        }),
        row("door/walk_in", Door, door, |fx, _| {
            Body::Json(json!({
                "slug": "flughafen-frankfurt",
                "form": { "name": "Walk-in Person", "slot_id": fx.open_slot.to_string(), "gate": "Nord", "device": "matrix" },
            }))
        }),
        // For an employer.
        row("employers/profile", Employer, employer, on_employer),
        row("employers/save_profile", Employer, employer, |fx, _| {
            form(&[
                ("organisation_id", fx.employer_org.to_string()),
                ("form[name]", "Rhein-Main Airport Services GmbH".into()),
                ("form[address]", "Flughafen, 60547 Frankfurt am Main".into()),
                ("form[industry]", "logistics".into()),
                ("form[website]", "https://www.example.org".into()),
                ("form[description]", "Wir fertigen Flugzeuge ab.".into()),
                ("form[film_url]", String::new()),
            ])
        }),
        row("employers/jobs", Employer, employer, |fx, _| {
            form(&[
                ("organisation_id", fx.employer_org.to_string()),
                ("slug", "flughafen-frankfurt".into()),
            ])
        }),
        row("employers/add_job", Employer, employer, |fx, _| {
            form(&[
                ("organisation_id", fx.employer_org.to_string()),
                ("slug", "flughafen-frankfurt".into()),
                ("form[title]", "Lagerhelfer (m/w/d)".into()),
                ("form[kind]", "full_time".into()),
                ("form[place_of_work]", "Frankfurt am Main".into()),
                ("form[starts_on]", String::new()),
                ("form[description]", String::new()),
            ])
        }),
        row("employers/delete_job", Employer, employer, |fx, _| {
            form(&[
                ("organisation_id", fx.employer_org.to_string()),
                ("job_id", fx.job.to_string()),
            ])
        }),
        row("bookings/confirmation", Employer, employer, |fx, _| {
            form(&[("booking_id", fx.confirmed_booking.to_string())])
        }),
        row("bookings/request", Employer, employer, |fx, _| {
            form(&[
                ("organisation_id", fx.employer_org.to_string()),
                ("booth_id", fx.free_booth.to_string()),
            ])
        }),
        row("bookings/cancel", Employer, employer, |fx, _| {
            form(&[("booking_id", fx.own_held_booking.to_string())])
        }),
        // Running an organisation, and the installation.
        row("organisations/invite", Owner, organiser, |fx, _| {
            form(&[
                ("organisation_id", fx.agency.to_string()),
                ("email", "noch.jemand@example.org".into()),
                ("role", "door_staff".into()),
            ])
        }),
        row("organisations/change_role", Owner, organiser, |fx, _| {
            form(&[
                ("organisation_id", fx.agency.to_string()),
                ("user_id", fx.team_member.to_string()),
                ("role", "organiser".into()),
            ])
        }),
        row("admin/pending", Admin, admin, none),
        row("admin/decide", Admin, admin, |fx, _| {
            form(&[
                ("organisation_id", fx.pending_org.to_string()),
                ("approve", "true".into()),
            ])
        }),
        row("door/tokens/revoke", Planner, organiser, |fx, _| {
            form(&[
                ("fair_id", fx.fair.to_string()),
                ("token_id", fx.door_token_id.to_string()),
            ])
        }),
        row(
            "organisations/leave",
            Member,
            |fx| Some(&fx.leaving_member),
            |fx, _| form(&[("organisation_id", fx.agency.to_string())]),
        ),
        row("organisations/remove_member", Owner, organiser, |fx, _| {
            form(&[
                ("organisation_id", fx.agency.to_string()),
                ("user_id", fx.invited_user.to_string()),
            ])
        }),
        row(
            "auth/delete_account",
            SignedIn,
            |fx| Some(&fx.throwaway),
            |_, _| form(&[("password", "sicheres-passwort".into())]),
        ),
    ]
}

fn plain_rows() -> Vec<Route> {
    use Access::*;
    vec![
        route(
            Method::GET,
            "/healthz",
            Public,
            anyone,
            |_, _| "/healthz".into(),
            no_body,
        ),
        route(
            Method::POST,
            "/prefs",
            Public,
            anyone,
            |_, _| "/prefs".into(),
            |_| form(&[("lang", "en".into()), ("back", "/".into())]),
        ),
        route(
            Method::GET,
            "/sw.js",
            Public,
            anyone,
            |_, _| "/sw.js".into(),
            no_body,
        ),
        route(
            Method::GET,
            "/fairs/{slug}/ticket-keys.json",
            Public,
            anyone,
            |_, _| "/fairs/flughafen-frankfurt/ticket-keys.json".into(),
            no_body,
        ),
        route(
            Method::GET,
            "/tickets/{token}/calendar.ics",
            Secret,
            anyone,
            |fx, real| format!("/tickets/{}/calendar.ics", secret(real, &fx.ticket)),
            no_body,
        ),
        route(
            Method::POST,
            "/employer/{org}/logo",
            Employer,
            employer,
            |fx, _| format!("/employer/{}/logo", fx.employer_org),
            |_| Body::Logo,
        ),
        route(
            Method::GET,
            "/logos/{org}",
            Public,
            anyone,
            |fx, _| format!("/logos/{}", fx.employer_org),
            no_body,
        ),
        route(
            Method::GET,
            "/mail/{id}/html",
            Planner,
            organiser,
            |fx, _| format!("/mail/{}/html", fx.mail),
            no_body,
        ),
        route(
            Method::GET,
            "/organise/fairs/{id}/export/registrations.csv",
            Planner,
            organiser,
            |fx, _| format!("/organise/fairs/{}/export/registrations.csv", fx.fair),
            no_body,
        ),
        route(
            Method::GET,
            "/organise/fairs/{id}/export/exhibitors.csv",
            Planner,
            organiser,
            |fx, _| format!("/organise/fairs/{}/export/exhibitors.csv", fx.fair),
            no_body,
        ),
        route(
            Method::GET,
            "/api/v1/door-pack",
            DoorToken,
            anyone,
            |_, _| "/api/v1/door-pack".into(),
            no_body,
        ),
        route(
            Method::POST,
            "/api/v1/checkins",
            DoorToken,
            anyone,
            |_, _| "/api/v1/checkins".into(),
            |fx| Body::Json(json!({ "code": fx.ticket, "gate": "API" })),
        ),
        route(
            Method::POST,
            "/unsubscribe/{token}",
            Secret,
            anyone,
            |fx, real| format!("/unsubscribe/{}", secret(real, &fx.unsubscribe_token)),
            |_| form(&[("List-Unsubscribe", "One-Click".into())]),
        ),
    ]
}

on_both_databases!(
    every_server_function_refuses_all_but_its_rightful_caller,
    every_plain_route_refuses_all_but_its_rightful_caller,
);
