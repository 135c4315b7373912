//! Accounts over HTTP: sign-up, the mailed link, the session cookie, wrong
//! passwords, sign-out; organisation data needs a session.
use crate::support::*;
use app::db::Backend;

async fn account_journey(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.sign_up("anna@example.org").await;
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "{}",
        response.status()
    );
    assert!(
        session_cookie(&response).is_none(),
        "no session before the address is proven"
    );
    let link = app
        .mailed_path("anna@example.org", "/account/verify/")
        .await;
    let token = link.trim_start_matches("/account/verify/");
    let page = body(app.get(&link, None).await).await;
    assert!(
        page.contains("Adresse bestätigen"),
        "the link opens a page where the person chooses the password"
    );
    let verified = app
        .post_form(
            "/api/auth/verify_email",
            &[("token", token), ("password", "sicheres-passwort")],
            None,
        )
        .await;
    assert!(verified.status().is_redirection() || verified.status().is_success());
    let cookie = session_cookie(&verified).unwrap_or_else(|| panic!("no session cookie"));
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain-HTTP localhost keeps the cookie usable"
    );
    let session = cookie.split(';').next().unwrap_or_default().to_owned();

    let me = app.call("auth/me", &[], Some(&session)).await;
    assert!(me.contains("anna@example.org"), "{me}");
    let account = body(app.get("/account", Some(&session)).await).await;
    assert!(
        account.contains("Jobcenter Frankfurt"),
        "account page lists the organisation"
    );
    assert!(
        account.contains("Wartet auf Freigabe"),
        "a new organiser is told it waits for approval"
    );

    let wrong = app
        .post_form(
            "/api/auth/sign_in",
            &[("email", "anna@example.org"), ("password", "falsch-falsch")],
            None,
        )
        .await;
    assert!(session_cookie(&wrong).is_none());
    let text = body(wrong).await;
    assert!(text.contains("WrongCredentials"), "{text}");
    assert!(!text.to_lowercase().contains("sql"), "no internals leak");

    let again = app.sign_up("ANNA@example.org").await;
    assert!(session_cookie(&again).is_none());
    assert!(
        !body(again).await.contains("EmailTaken"),
        "taken or not, the same answer"
    );

    let out = app
        .post_form("/api/auth/sign_out", &[], Some(&session))
        .await;
    let cleared = session_cookie(&out).unwrap_or_default();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let me = app.call("auth/me", &[], Some(&session)).await;
    assert_eq!(me.trim(), "null", "the old cookie no longer works");
}

#[tokio::test]
async fn organisation_data_needs_a_session() {
    let app = spawn_app(Backend::Sqlite).await;
    let text = app.call("organisations/mine", &[], None).await;
    assert!(text.contains("Unauthenticated"), "{text}");
    let text = body(
        app.invite_member(1, "x@example.org", "owner", Some("jf_session=forged"))
            .await,
    )
    .await;
    assert!(text.contains("Unauthenticated"), "{text}");
}

crate::on_both_databases!(account_journey);
