//! The edges: a forged forwarded-for, a case worker's 20,000 invitations,
//! requests from another site, HSTS and secure cookies behind HTTPS.
use crate::support::*;
use app::db::Backend;
use reqwest::{StatusCode, header};

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
    let organiser = app.sign_in("organisator@jobfair.demo").await;
    let fair = app.fair_id("flughafen-frankfurt").await;
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
    let organiser = app.sign_in("organisator@jobfair.demo").await;
    let forged = app
        .client
        .post(format!("{}/api/auth/sign_out", app.base))
        .header(header::COOKIE, &organiser)
        .header(header::ORIGIN, "https://evil.example")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let me = app.call("auth/me", &[], Some(&organiser)).await;
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
    let hsts = header_of(&page, header::STRICT_TRANSPORT_SECURITY);
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
    let hsts = header_of(&page, header::STRICT_TRANSPORT_SECURITY);
    assert_eq!(hsts, "max-age=0");
}
