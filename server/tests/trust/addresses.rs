//! Proven addresses: someone claiming an address reads and joins nothing;
//! a mailed link proves the address once.
use crate::support::*;
use app::db::Backend;
use reqwest::StatusCode;

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
    let organiser = app.sign_in("organisator@jobfair.demo").await;
    let agency = app
        .organisation_named("Agentur für Arbeit Frankfurt am Main")
        .await;
    let invited = app
        .invite_member(
            agency,
            "new.colleague@agentur.example",
            "owner",
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
    let mails_before = app.mails_to("anna@example.org").await.len();
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

crate::on_both_databases!(
    someone_claiming_an_address_reads_nothing_and_joins_nothing,
    a_mailed_link_proves_the_address_once,
);
