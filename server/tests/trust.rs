//! HTTP tests of trust: proven addresses, who reads which mail, truthful
//! status codes, what public pages publish, secrets kept out of logs. Each
//! runs on SQLite and PostgreSQL where the database matters.
mod support;

use app::db::Backend;
use reqwest::{StatusCode, header};
use support::*;

async fn organisation_id(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1")
        .bind(name)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The mails the viewer lists for a session, as (id, recipient).
async fn mail_list(app: &TestApp, session: &str) -> Vec<(i64, String)> {
    let response = app.post_form("/api/mail/list", &[], Some(session)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let list: serde_json::Value = serde_json::from_str(&body(response).await).unwrap_or_default();
    list.as_array()
        .map(|mails| {
            mails
                .iter()
                .map(|m| {
                    (
                        m["id"].as_i64().unwrap_or_default(),
                        m["recipient"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn someone_claiming_an_address_reads_nothing_and_joins_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;
    let organiser = sign_in(&app, "organisator@jobfair.demo").await;
    let agency = organisation_id(&app, "Agentur für Arbeit Frankfurt am Main").await;
    let invited = app
        .post_form(
            "/api/organisations/invite",
            &[
                ("organisation_id", &agency.to_string()),
                ("email", "new.colleague@agentur.example"),
                ("role", "owner"),
            ],
            Some(&organiser),
        )
        .await;
    assert!(invited.status().is_success(), "{}", invited.status());

    // Someone signs up with the colleague's address before the colleague,
    // and gets nothing: no session, no password to sign in with, and the
    // invitation shows as for someone without an account.
    let claim = app.sign_up("new.colleague@agentur.example").await;
    assert!(session_cookie(&claim).is_none());
    for password in ["sicheres-passwort", ""] {
        let attempt = app
            .post_form(
                "/api/auth/sign_in",
                &[
                    ("email", "new.colleague@agentur.example"),
                    ("password", password),
                ],
                None,
            )
            .await;
        assert!(
            session_cookie(&attempt).is_none(),
            "no way in with {password:?}"
        );
        assert_eq!(attempt.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let invite_mail = mail_list(&app, &organiser)
        .await
        .into_iter()
        .find(|(_, to)| to == "new.colleague@agentur.example")
        .map(|(id, _)| id)
        .unwrap_or_else(|| panic!("the organiser's log lists the invitation"));
    let shown = app
        .post_form("/api/mail/show", &[("id", &invite_mail.to_string())], None)
        .await;
    assert_eq!(
        shown.status(),
        StatusCode::UNAUTHORIZED,
        "no mail without a session"
    );

    // The organiser's log shows the invitation without its secret link.
    let token = mailed_token(&app, "new.colleague@agentur.example", "/invite/").await;
    let logged = app
        .post_form(
            "/api/mail/show",
            &[("id", &invite_mail.to_string())],
            Some(&organiser),
        )
        .await;
    assert_eq!(logged.status(), StatusCode::OK);
    let logged = body(logged).await;
    assert!(logged.contains("/invite/••••••"), "{logged}");
    assert!(!logged.contains(&token), "the invitation token is masked");

    // Without the link nobody can join; with it (the real owner) accepting
    // with a new account also proves the address.
    let forged = app
        .post_form(
            "/api/organisations/accept_invite_new_account",
            &[
                ("token", "guessed-token"),
                ("name", "Mallory"),
                ("password", "mallorys-passwort"),
            ],
            None,
        )
        .await;
    assert_eq!(forged.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let members: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE organisation_id = $1")
            .bind(agency)
            .fetch_one(app.db.pool())
            .await
            .unwrap_or_default();
    assert_eq!(members, 3, "nobody joined the agency");
}

async fn a_mailed_link_proves_the_address_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let signed_up = app.sign_up("anna@example.org").await;
    assert!(
        session_cookie(&signed_up).is_none(),
        "no session before the proof"
    );

    let token = mailed_token(&app, "anna@example.org", "/account/verify/").await;
    let page = app.get(&format!("/account/verify/{token}"), None).await;
    assert_eq!(page.status(), StatusCode::OK);
    let page = body(page).await;
    assert!(page.contains("Adresse bestätigen") && page.contains("Wählen Sie Ihr Passwort"));
    let mails_before = app::mail::outbox::list_for_recipient(app.db.pool(), "anna@example.org")
        .await
        .unwrap_or_default()
        .len();
    assert_eq!(mails_before, 1, "opening the page changes nothing");

    let without_password = app
        .post_form(
            "/api/auth/verify_email",
            &[("token", &token), ("password", "")],
            None,
        )
        .await;
    assert_eq!(without_password.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(without_password).await.contains("password"));
    let forged = app
        .post_form(
            "/api/auth/verify_email",
            &[("token", "ausgedacht"), ("password", "sicheres-passwort")],
            None,
        )
        .await;
    assert_eq!(forged.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let verified = app
        .post_form(
            "/api/auth/verify_email",
            &[("token", &token), ("password", "sicheres-passwort")],
            None,
        )
        .await;
    assert!(verified.status().is_success() || verified.status().is_redirection());
    let session = session_of(&verified);
    let mine = mail_list(&app, &session).await;
    assert!(
        mine.iter().any(|(_, to)| to == "anna@example.org"),
        "own mail readable now"
    );
    let reused = app
        .post_form(
            "/api/auth/verify_email",
            &[("token", &token), ("password", "anderes-passwort")],
            None,
        )
        .await;
    assert_eq!(
        reused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "single use"
    );
    assert!(body(reused).await.contains("LinkInvalid"));
    // Signed in, a new link is not needed; asking is harmless.
    let again = app
        .post_form("/api/auth/resend_verification", &[], Some(&session))
        .await;
    assert_eq!(again.status(), StatusCode::OK);
}

async fn refusals_and_bad_input_answer_4xx(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;
    let anonymous = app.post_form("/api/mail/list", &[], None).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    let employer = sign_in(&app, "arbeitgeber@jobfair.demo").await;
    let airport: i64 =
        sqlx::query_scalar("SELECT id FROM fairs WHERE slug = 'flughafen-frankfurt'")
            .fetch_one(app.db.pool())
            .await
            .unwrap_or_default();
    let foreign = app
        .post_form(
            "/api/fairs/dashboard",
            &[("fair_id", &airport.to_string())],
            Some(&employer),
        )
        .await;
    assert!(
        matches!(
            foreign.status(),
            StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
        ),
        "{}",
        foreign.status()
    );

    let invalid = app
        .post_form(
            "/api/auth/sign_up",
            &[
                ("form[name]", "X"),
                ("form[email]", "keine-adresse"),
                ("form[organisation]", "Y"),
                ("form[kind]", "organiser"),
            ],
            None,
        )
        .await;
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body(invalid).await.contains("InvalidEmail"),
        "field errors as before"
    );

    // A taken address is answered as a new one would be: no way to learn
    // who has an account (its owner hears of it by mail).
    let taken = app.sign_up("organisator@jobfair.demo").await;
    let new = app.sign_up("noch.niemand@example.org").await;
    assert_eq!(taken.status(), new.status());
    assert_eq!(
        taken.headers().get(header::LOCATION),
        new.headers().get(header::LOCATION)
    );
    assert!(session_cookie(&taken).is_none() && session_cookie(&new).is_none());
    assert!(!body(taken).await.contains("EmailTaken"));

    let unreadable = app
        .post_form("/api/mail/show", &[("id", "keine-zahl")], Some(&employer))
        .await;
    assert_eq!(unreadable.status(), StatusCode::BAD_REQUEST);

    let mut last = StatusCode::OK;
    let mut retry_after = None;
    for _ in 0..7 {
        let response = app
            .post_form(
                "/api/auth/sign_in",
                &[
                    ("email", "team@jobfair.demo"),
                    ("password", "falsch-falsch"),
                ],
                None,
            )
            .await;
        last = response.status();
        retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after.is_some(), "a throttle says when to try again");
}

async fn public_exhibitor_pages_show_only_confirmed_bookings(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;
    // The demo's Lahntal Maschinenbau holds a booth request at the airport
    // that the organiser has not decided.
    let held = organisation_id(&app, "Lahntal Maschinenbau GmbH").await;
    let directory = body(app.get("/fairs/flughafen-frankfurt/exhibitors", None).await).await;
    assert!(
        directory.contains("SkyCater Frankfurt GmbH"),
        "confirmed exhibitors are listed"
    );
    assert!(
        !directory.contains("Lahntal Maschinenbau"),
        "a held request publishes nothing"
    );
    let page = app
        .get(
            &format!("/fairs/flughafen-frankfurt/exhibitors/{held}"),
            None,
        )
        .await;
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_forged_forwarded_for_does_not_evade_the_sign_in_throttle() {
    let settings = server::settings::Settings {
        trust_proxy_headers: true,
        ..server::settings::Settings::default()
    };
    let app = spawn_app_with(Backend::Sqlite, settings).await;
    app.seed_demo().await;
    let mut statuses = Vec::new();
    for i in 0..7 {
        // The client writes its own left part; the proxy appends the address
        // it saw (the same client every time).
        let response = app
            .client
            .post(format!("{}/api/auth/sign_in", app.base))
            .header("x-forwarded-for", format!("203.0.113.{i}, 198.51.100.1"))
            .form(&[
                ("email", "team@jobfair.demo"),
                ("password", "falsch-falsch"),
            ])
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        statuses.push(response.status());
    }
    assert_eq!(statuses[4], StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(statuses[5], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
}

#[tokio::test]
async fn a_case_workers_list_of_20000_invitations_goes_through_the_real_endpoint() {
    let app = spawn_app(Backend::Sqlite).await;
    app.seed_demo().await;
    let organiser = sign_in(&app, "organisator@jobfair.demo").await;
    let fair: i64 = sqlx::query_scalar("SELECT id FROM fairs WHERE slug = 'flughafen-frankfurt'")
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_default();
    let names = [
        "Ayşe Müller-Lüdenscheidt",
        "محمد عبد الرحمن الحلبي",
        "Oleksandra Kovalenko-Schäfer",
    ];
    let mut csv = String::from("\u{feff}Name;E-Mail;Sprache;Zeitfenster\r\n");
    for i in 0..20_000 {
        let name = names[i % names.len()];
        csv.push_str(&format!(
            "{name} {i:05};person.{i:05}.eingeladen@beispiel-jobcenter-frankfurt.example;de;\r\n"
        ));
    }
    assert!(
        csv.len() / 20_000 >= 100,
        "realistic rows: {} bytes each",
        csv.len() / 20_000
    );
    let response = app
        .client
        .post(format!("{}/api/invitations/check", app.base))
        .header(header::COOKIE, &organiser)
        .form(&[
            ("fair_id", fair.to_string()),
            ("csv_text", csv),
            ("kind", "Jobseeker".to_owned()),
        ])
        .timeout(std::time::Duration::from_secs(120))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), StatusCode::OK);
    let preview: serde_json::Value =
        serde_json::from_str(&body(response).await).unwrap_or_default();
    let rows = preview["rows"].as_array().map(Vec::len).unwrap_or_default();
    assert_eq!(rows, 20_000);
    let ready = preview["rows"]
        .as_array()
        .map(|rows| rows.iter().filter(|r| r["status"] == "Ready").count())
        .unwrap_or_default();
    assert_eq!(ready, 20_000, "every row is good");
}

#[tokio::test]
async fn state_changing_requests_from_another_site_are_refused() {
    let app = spawn_app(Backend::Sqlite).await;
    app.seed_demo().await;
    let organiser = sign_in(&app, "organisator@jobfair.demo").await;
    let forged = app
        .client
        .post(format!("{}/api/auth/sign_out", app.base))
        .header(header::COOKIE, &organiser)
        .header(header::ORIGIN, "https://evil.example")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let me = body(app.post_form("/api/auth/me", &[], Some(&organiser)).await).await;
    assert!(
        me.contains("organisator@jobfair.demo"),
        "still signed in: {me}"
    );
    let own = app
        .client
        .post(format!("{}/api/auth/sign_out", app.base))
        .header(header::COOKIE, &organiser)
        .header(header::ORIGIN, app.base.as_str())
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        own.status().is_success() || own.status().is_redirection(),
        "{}",
        own.status()
    );
}

#[tokio::test]
async fn behind_https_the_server_sets_hsts_and_secure_cookies() {
    let settings = server::settings::Settings {
        public_url: "https://jobfair.example".into(),
        ..server::settings::Settings::default()
    };
    let app = spawn_app_with(Backend::Sqlite, settings).await;
    app.seed_demo().await;
    let page = app.get("/", None).await;
    let hsts = page
        .headers()
        .get(header::STRICT_TRANSPORT_SECURITY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(hsts.contains("max-age=31536000"), "{hsts}");
    let signed_in = app
        .post_form(
            "/api/auth/sign_in",
            &[
                ("email", "organisator@jobfair.demo"),
                ("password", app::demo::DEMO_PASSWORD),
            ],
            None,
        )
        .await;
    let cookie = session_cookie(&signed_in).unwrap_or_default();
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");

    // Plain-HTTP localhost (the demo) keeps cookies usable and asks no HSTS.
    let plain = spawn_app(Backend::Sqlite).await;
    let page = plain.get("/", None).await;
    let hsts = page
        .headers()
        .get(header::STRICT_TRANSPORT_SECURITY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(hsts, "max-age=0");
}

async fn a_removed_door_staff_member_is_out_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;
    let agency = organisation_id(&app, "Agentur für Arbeit Frankfurt am Main").await;
    let door_staff: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'einlass@jobfair.demo'")
            .fetch_one(app.db.pool())
            .await
            .unwrap_or_default();
    let staff = sign_in(&app, "einlass@jobfair.demo").await;
    let form = [
        ("organisation_id", agency.to_string()),
        ("user_id", door_staff.to_string()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();

    // Another organisation's owner and the member themselves are refused.
    let stranger = sign_in(&app, "kammer@jobfair.demo").await;
    let refused = app
        .post_form("/api/organisations/remove_member", &form, Some(&stranger))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let own = app
        .post_form("/api/organisations/remove_member", &form, Some(&staff))
        .await;
    assert_eq!(own.status(), StatusCode::FORBIDDEN);

    let owner = sign_in(&app, "organisator@jobfair.demo").await;
    let removed = app
        .post_form("/api/organisations/remove_member", &form, Some(&owner))
        .await;
    assert_eq!(removed.status(), StatusCode::OK);
    let me = body(app.post_form("/api/auth/me", &[], Some(&staff)).await).await;
    assert_eq!(me.trim(), "null", "the session ended");
    let pack = app
        .post_form("/api/door/pack", &[("slug", "jobtag-kassel")], Some(&staff))
        .await;
    assert_eq!(pack.status(), StatusCode::UNAUTHORIZED);
    let again = sign_in(&app, "einlass@jobfair.demo").await;
    let pack = app
        .post_form("/api/door/pack", &[("slug", "jobtag-kassel")], Some(&again))
        .await;
    assert_eq!(
        pack.status(),
        StatusCode::FORBIDDEN,
        "no door access any more"
    );
}

on_both_databases!(
    someone_claiming_an_address_reads_nothing_and_joins_nothing,
    a_mailed_link_proves_the_address_once,
    refusals_and_bad_input_answer_4xx,
    public_exhibitor_pages_show_only_confirmed_bookings,
    a_removed_door_staff_member_is_out_at_once,
);
