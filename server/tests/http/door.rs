//! The door over HTTP: the scanner page, the door pack and scans for
//! staff, the JSON check-in API with an organiser's token, the live view.
use crate::support::*;
use app::db::Backend;
use reqwest::{StatusCode, header};
use serde_json::json;

/// A jobseeker of the demo's fair on now; returns the ticket text and
/// short code.
async fn jobtag_ticket(app: &TestApp, name: &str, email: &str) -> (String, String) {
    let slot = app.first_slot("jobtag-kassel").await;
    let answer = app
        .register(&Registration::new("jobtag-kassel", slot, name, email))
        .await;
    assert!(answer.contains("\"Ticket\""), "{answer}");
    app.ticket_of(email).await
}

async fn door_checkin_over_http(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;
    let (ticket, _) = jobtag_ticket(&app, "Ayşe Kaya", "ayse.kaya@example.org").await;
    let (_, second_code) = jobtag_ticket(&app, "Ben Roth", "ben.roth@example.org").await;

    // Door staff: the scanner page is server-rendered, the door pack and
    // the scans need a session.
    let staff = app.sign_in("einlass@jobfair.demo").await;
    let page = body(app.get("/door/jobtag-kassel", Some(&staff)).await).await;
    assert!(page.contains("id=\"door-code\""), "{page}");
    let anonymous = app
        .call("door/pack", &[("slug", "jobtag-kassel")], None)
        .await;
    assert!(anonymous.contains("Unauthenticated"), "{anonymous}");
    let pack = app
        .call_json("door/pack", &[("slug", "jobtag-kassel")], Some(&staff))
        .await;
    assert_eq!(pack["tickets"].as_array().map(Vec::len), Some(2));
    assert_eq!(pack["keys"][0]["key_id"], 1);
    let scans = json!({
        "slug": "jobtag-kassel", "gate": "Nord", "device": "phone-1",
        "scans": [{ "nonce": "http-nonce-0001", "credential": ticket, "scanned_at": 0, "offline": false }],
    });
    let answers: serde_json::Value = app
        .post_json("/api/door/scans", &scans, Some(&staff))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(answers[0]["verdict"], json!({ "Ok": null }), "{answers}");
    assert_eq!(answers[0]["name"], "Ayşe Kaya");
    let stranger = app.post_json("/api/door/scans", &scans, None).await;
    assert!(body(stranger).await.contains("Unauthenticated"));
    // The live view is the organisers'.
    let forbidden = app
        .call("door/live", &[("fair_id", "3")], Some(&staff))
        .await;
    assert!(
        forbidden.contains("Forbidden") || forbidden.contains("NotFound"),
        "{forbidden}"
    );

    // The organiser makes an API token for a turnstile.
    let organiser = app.sign_in("organisator@jobfair.demo").await;
    let fair = app.fair_id("jobtag-kassel").await.to_string();
    let token = app
        .call_json(
            "door/tokens/create",
            &[("fair_id", fair.as_str()), ("label", "Drehkreuz Nord")],
            Some(&organiser),
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(token.starts_with("jfd_"), "{token}");

    let scan =
        |code: &str, nonce: &str| json!({ "code": code, "gate": "Drehkreuz", "nonce": nonce });
    let (status, _) = app
        .checkin_api(&scan(&ticket, "api-nonce-0001"), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .checkin_api(&scan(&ticket, "api-nonce-0001"), Some("jfd_falsch"))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Already admitted by the phone: a duplicate, with when and where.
    let (_, duplicate) = app
        .checkin_api(&scan(&ticket, "api-nonce-0001"), Some(&token))
        .await;
    assert_eq!(duplicate["result"], "duplicate", "{duplicate}");
    assert_eq!(duplicate["reason"], "already_in");
    assert_eq!(duplicate["first_gate"], "Nord");
    let (_, admitted) = app
        .checkin_api(&scan(&second_code, "api-nonce-0002"), Some(&token))
        .await;
    assert_eq!(admitted["result"], "admitted", "{admitted}");
    assert_eq!(admitted["name"], "Ben Roth");
    // A retry of the same request is answered as before.
    let (_, retried) = app
        .checkin_api(&scan(&second_code, "api-nonce-0002"), Some(&token))
        .await;
    assert_eq!(
        (retried["result"].as_str(), retried["replayed"].as_bool()),
        (Some("admitted"), Some(true))
    );
    let (_, refused) = app
        .checkin_api(&scan("kein Ticket", "api-nonce-0003"), Some(&token))
        .await;
    assert_eq!(
        (refused["result"].as_str(), refused["reason"].as_str()),
        (Some("refused"), Some("not_a_ticket"))
    );
    let broken = app
        .client
        .post(format!("{}/api/v1/checkins", app.base))
        .bearer_auth(&token)
        .header(header::CONTENT_TYPE, "application/json")
        .body("{\"code\":")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(broken.status(), StatusCode::BAD_REQUEST);
    let (status, invalid) = app
        .checkin_api(
            &json!({ "code": ticket, "gate": "x".repeat(41) }),
            Some(&token),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid["fields"].to_string().contains("gate"), "{invalid}");
    let pack = app
        .client
        .get(format!("{}/api/v1/door-pack", app.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pack.status(), StatusCode::OK);
    let pack: serde_json::Value = pack.json().await.unwrap_or_default();
    assert_eq!(pack["admitted"].as_array().map(Vec::len), Some(2));

    // The organiser's live view counts both.
    let live = app
        .call_json("door/live", &[("fair_id", fair.as_str())], Some(&organiser))
        .await;
    assert_eq!(live["checked_in"], 2, "{live}");
}

crate::on_both_databases!(door_checkin_over_http);
