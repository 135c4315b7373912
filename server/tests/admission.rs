//! HTTP tests of who gets in and how fast: sign-up and resets limited per
//! client before any hash (429 with Retry-After), registration and "send
//! again" limited per client, new organisers approved by an administrator,
//! accounts deleted by their owner. On SQLite and PostgreSQL.
mod support;

use app::db::Backend;
use reqwest::{StatusCode, header};
use server::settings::Settings;
use support::*;

const ADMIN: &str = "betrieb@jobfair.example";

fn retry_after(response: &reqwest::Response) -> i64 {
    response
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or_default()
}

async fn sign_up_and_resets_answer_429_when_a_client_floods(backend: Backend) {
    let settings = Settings {
        sign_ups_per_client_hour: 2,
        password_resets_per_client_hour: 2,
        ..Settings::default()
    };
    let app = spawn_app_with(backend, settings).await;
    for n in 0..2 {
        let response = app.sign_up(&format!("p{n}@example.org")).await;
        assert!(response.status().is_redirection() || response.status().is_success());
    }
    let flood = app.sign_up("p9@example.org").await;
    assert_eq!(flood.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        (1..=3600).contains(&retry_after(&flood)),
        "{}",
        retry_after(&flood)
    );
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(app.db.pool())
        .await
        .unwrap_or(-1);
    assert_eq!(users, 2, "the refused sign-up wrote nothing");

    for n in 0..2 {
        let response = app
            .post_form(
                "/api/auth/request_password_reset",
                &[("email", &format!("q{n}@example.org"))],
                None,
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let flood = app
        .post_form(
            "/api/auth/request_password_reset",
            &[("email", "q9@example.org")],
            None,
        )
        .await;
    assert_eq!(flood.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&flood) >= 1);
}

async fn registration_and_send_again_are_limited_per_client(backend: Backend) {
    let settings = Settings {
        registrations_per_client_hour: 2,
        send_again_per_client_hour: 1,
        ..Settings::default()
    };
    let app = spawn_app_with(backend, settings).await;
    app.seed_demo().await;
    let slot: i64 = sqlx::query_scalar(
        "SELECT s.id FROM time_slots s JOIN fairs f ON f.id = s.fair_id \
         WHERE f.slug = 'flughafen-frankfurt' AND s.entry_mode = 'open' ORDER BY s.id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let register = |n: usize| {
        let form = [
            ("slug", "flughafen-frankfurt".to_owned()),
            ("form[name]", format!("Person {n}")),
            ("form[email]", format!("person{n}@example.org")),
            ("form[slot_id]", slot.to_string()),
            ("form[language]", "de".to_owned()),
            ("form[consent]", "on".to_owned()),
        ];
        // As a browser without JavaScript posts it: answered by a redirect.
        app.client
            .post(format!("{}/api/registration/register", app.base))
            .header(header::ACCEPT, "text/html")
            .form(&form)
            .send()
    };
    let first = register(0).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(first.status().is_redirection(), "{}", first.status());
    let ticket = first
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .trim_start_matches("/tickets/")
        .to_owned();
    let second = register(1).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(second.status().is_redirection(), "{}", second.status());
    // The third from the same client, as the page's script sends it.
    let third = app
        .post_form_owned(
            "/api/registration/register",
            &[
                ("slug", "flughafen-frankfurt".to_owned()),
                ("form[name]", "Person 2".to_owned()),
                ("form[email]", "person2@example.org".to_owned()),
                ("form[slot_id]", slot.to_string()),
                ("form[language]", "de".to_owned()),
                ("form[consent]", "on".to_owned()),
            ],
        )
        .await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&third) >= 1);
    // Without JavaScript the form is shown again with the message.
    let plain = register(3).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(plain.status().is_redirection());
    let back = plain
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(!back.starts_with("/tickets/"), "no ticket: {back}");

    let once = app
        .post_form("/api/tickets/resend", &[("token", &ticket)], None)
        .await;
    assert_eq!(once.status(), StatusCode::OK);
    let twice = app
        .post_form("/api/tickets/resend", &[("token", &ticket)], None)
        .await;
    assert_eq!(twice.status(), StatusCode::TOO_MANY_REQUESTS);
}

async fn invite_colleague(app: &TestApp, org: i64, session: &str) -> reqwest::Response {
    app.post_form(
        "/api/organisations/invite",
        &[
            ("organisation_id", &org.to_string()),
            ("email", "kollege@example.org"),
            ("role", "organiser"),
        ],
        Some(session),
    )
    .await
}

async fn decide(app: &TestApp, org: i64, approve: bool, session: &str) -> reqwest::Response {
    app.post_form(
        "/api/admin/decide",
        &[
            ("organisation_id", &org.to_string()),
            ("approve", &approve.to_string()),
        ],
        Some(session),
    )
    .await
}

async fn an_administrator_approves_a_new_organiser(backend: Backend) {
    let settings = Settings {
        admin_emails: format!("{ADMIN}, kaputt"),
        ..Settings::default()
    };
    let app = spawn_app_with(backend, settings).await;
    let organiser = app.sign_up_verified("neu@jobcenter.example").await;
    let org: i64 =
        sqlx::query_scalar("SELECT id FROM organisations WHERE name = 'Jobcenter Frankfurt'")
            .fetch_one(app.db.pool())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    // Planning drafts works at once; inviting a colleague waits.
    let invite = invite_colleague(&app, org, &organiser).await;
    assert_eq!(invite.status(), StatusCode::CONFLICT);
    assert!(body(invite).await.contains("AwaitingApproval"));

    // Only the administrator sees and decides.
    let refused = app
        .post_form("/api/admin/pending", &[], Some(&organiser))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let decide_self = decide(&app, org, true, &organiser).await;
    assert_eq!(decide_self.status(), StatusCode::FORBIDDEN);
    let request = mailed_token(&app, ADMIN, "/admin/").await;
    assert_eq!(
        request, "approvals",
        "the administrator was told where to look"
    );

    let admin = app.sign_up_verified(ADMIN).await;
    let page = body(app.get("/admin/approvals", Some(&admin)).await).await;
    assert!(
        page.contains("Jobcenter Frankfurt") && page.contains("neu@jobcenter.example"),
        "{page}"
    );
    let approved = decide(&app, org, true, &admin).await;
    assert_eq!(approved.status(), StatusCode::OK);
    let invite = invite_colleague(&app, org, &organiser).await;
    assert_eq!(
        invite.status(),
        StatusCode::OK,
        "approved organisers invite"
    );
    let again = decide(&app, org, false, &admin).await;
    assert_eq!(again.status(), StatusCode::CONFLICT, "decided once");
}

async fn a_person_deletes_their_account(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.sign_up_verified("geht@example.org").await;
    let plan = body(
        app.post_form("/api/auth/deletion_plan", &[], Some(&session))
            .await,
    )
    .await;
    assert!(
        plan.contains("Deleted"),
        "their own organisation goes too: {plan}"
    );
    let page = body(app.get("/account/delete", Some(&session)).await).await;
    assert!(
        page.contains("Jobcenter Frankfurt"),
        "the page says what happens"
    );

    let anonymous = app
        .post_form(
            "/api/auth/delete_account",
            &[("password", "sicheres-passwort")],
            None,
        )
        .await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let wrong = app
        .post_form(
            "/api/auth/delete_account",
            &[("password", "falsch-falsch")],
            Some(&session),
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let deleted = app
        .post_form(
            "/api/auth/delete_account",
            &[("password", "sicheres-passwort")],
            Some(&session),
        )
        .await;
    assert!(deleted.status().is_redirection() || deleted.status().is_success());
    assert!(
        session_cookie(&deleted).is_some_and(|c| c.contains("Max-Age=0")),
        "the cookie is cleared"
    );
    let me = body(app.post_form("/api/auth/me", &[], Some(&session)).await).await;
    assert_eq!(me.trim(), "null");
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(app.db.pool())
        .await
        .unwrap_or(-1);
    assert_eq!(left, 0);
    let signed_in = app
        .post_form(
            "/api/auth/sign_in",
            &[
                ("email", "geht@example.org"),
                ("password", "sicheres-passwort"),
            ],
            None,
        )
        .await;
    assert_eq!(signed_in.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

on_both_databases!(
    sign_up_and_resets_answer_429_when_a_client_floods,
    registration_and_send_again_are_limited_per_client,
    an_administrator_approves_a_new_organiser,
    a_person_deletes_their_account,
);
