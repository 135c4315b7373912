//! Registration over HTTP, with and without JavaScript: the ticket page,
//! its calendar file, the fair's public keys, "sent again".
use crate::support::*;
use app::db::Backend;
use reqwest::header;

/// A jobseeker registers through the real endpoint, with and without
/// JavaScript, and reaches the ticket page, its calendar file and the
/// fair's public keys; a second registration only sends the ticket again.
async fn registration_over_http(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;
    let slot = app.open_slot("flughafen-frankfurt").await;
    let form = |email: &'static str| {
        Registration::new("flughafen-frankfurt", slot, "Mehmet Öztürk", email)
    };
    let page = body(app.get("/fairs/flughafen-frankfurt/register", None).await).await;
    assert!(
        page.contains("name=\"form[email]\""),
        "the form is server-rendered"
    );
    assert!(page.contains("Datenschutz"));

    // Without JavaScript: a plain form post ends on the ticket page.
    let plain = app
        .register_without_script(&form("mehmet@example.org"))
        .await;
    assert_eq!(plain.status(), reqwest::StatusCode::FOUND);
    let location = location(&plain);
    assert!(location.starts_with("/tickets/"), "{location}");
    let ticket = app.get(&location, None).await;
    assert_eq!(ticket.status(), reqwest::StatusCode::OK);
    let html = body(ticket).await;
    assert!(
        html.contains("<svg role=\"img\""),
        "the QR code is in the page"
    );
    assert!(html.contains("noindex"));
    let calendar = app.get(&format!("{location}/calendar.ics"), None).await;
    assert_eq!(
        header_of(&calendar, header::CONTENT_TYPE),
        "text/calendar; charset=utf-8"
    );
    assert!(body(calendar).await.contains("BEGIN:VEVENT"));
    let keys: serde_json::Value = app
        .get("/fairs/flughafen-frankfurt/ticket-keys.json", None)
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(keys[0]["key_id"], 1);
    assert_eq!(keys[0]["public_key"].as_str().map(str::len), Some(43));

    // With JavaScript: JSON answer; the same address again is "sent again".
    let again = app.register(&form("mehmet@example.org")).await;
    assert_eq!(again, "\"SentAgain\"");
    let fresh = app.register(&form("lea@example.org")).await;
    assert!(fresh.contains("\"Ticket\""), "{fresh}");
    let mut bad = form("lea@example.org").form();
    bad.retain(|(k, _)| *k != "form[consent]");
    let refused = body(
        app.post_form_owned("/api/registration/register", &bad)
            .await,
    )
    .await;
    assert!(
        refused.contains("consent") && refused.contains("Required"),
        "{refused}"
    );

    assert_eq!(
        app.get("/tickets/not-a-ticket", None).await.status(),
        reqwest::StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/tickets/not-a-ticket/calendar.ics", None)
            .await
            .status(),
        reqwest::StatusCode::NOT_FOUND
    );
}

crate::on_both_databases!(registration_over_http);
