//! HTTP tests against a spawned server on a fresh database: pages, language,
//! security headers, health, and the account server functions.
mod support;

use app::db::Backend;
use reqwest::{StatusCode, header};
use server::settings::Settings;
use support::*;

#[tokio::test]
async fn pages_are_server_rendered_in_german_by_default() {
    let app = spawn_app(Backend::Sqlite).await;
    let response = app
        .client
        .get(format!("{}/", app.base))
        .header(header::ACCEPT_LANGUAGE, "en-US,en;q=0.9")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    let html = body(response).await;
    assert!(
        html.contains("Jobmessen, die funktionieren"),
        "German even for an English browser"
    );
    assert!(html.contains("lang=\"de\""));
    assert!(html.contains("Zum Inhalt springen"), "skip link");

    // A public page: no wasm, and no inline script but the ones its policy
    // names by hash.
    let csp = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(!csp.contains("'nonce-"), "{csp}");
    assert!(!csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"));
    assert!(
        !html.contains(".wasm") && !html.contains("modulepreload"),
        "no app bundle"
    );
    let inline = inline_scripts(&html);
    assert!(!inline.is_empty());
    for script in inline {
        assert!(
            csp.contains(&sha256_source(&script)),
            "{script} not allowed by {csp}"
        );
    }
    assert_eq!(
        headers.get("x-content-type-options").map(|v| v.as_bytes()),
        Some(&b"nosniff"[..])
    );
    assert!(headers.contains_key("x-request-id"));

    // An app page: the wasm, and inline scripts only with this answer's nonce.
    let response = app.get("/organise", None).await;
    let csp = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let html = body(response).await;
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"));
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .unwrap_or_default();
    assert!(!nonce.is_empty(), "{csp}");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "inline scripts carry the nonce"
    );
    assert!(html.contains(".wasm"), "the app page loads the app");
}

/// The contents of a page's inline `<script>` elements that run: an empty
/// one (leptos_i18n writes one) is never executed, so no policy applies.
fn inline_scripts(html: &str) -> Vec<String> {
    html.split("<script")
        .skip(1)
        .filter_map(|rest| {
            let (attributes, rest) = rest.split_once('>')?;
            let text = rest.split("</script>").next().unwrap_or("");
            (!attributes.contains("src=") && !text.is_empty()).then(|| text.to_owned())
        })
        .collect()
}

/// The CSP source that allows an inline script by its hash.
fn sha256_source(script: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()))
    )
}

#[tokio::test]
async fn english_is_one_choice_away() {
    let app = spawn_app(Backend::Sqlite).await;
    let choose = app
        .post_form("/prefs", &[("lang", "en"), ("back", "/login")], None)
        .await;
    assert_eq!(choose.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        choose.headers().get(header::LOCATION).map(|v| v.as_bytes()),
        Some(&b"/login"[..])
    );
    let cookie = choose
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        cookie.starts_with("i18n_pref_locale=en;") && cookie.contains("Path=/"),
        "{cookie}"
    );
    let html = body(app.get("/login", Some("i18n_pref_locale=en")).await).await;
    assert!(html.contains("lang=\"en\""));
    assert!(html.contains("Jobseekers never need a password."));

    let evil = app
        .post_form(
            "/prefs",
            &[("text_size", "large"), ("back", "//evil.example")],
            None,
        )
        .await;
    assert_eq!(
        evil.headers().get(header::LOCATION).map(|v| v.as_bytes()),
        Some(&b"/"[..]),
        "no open redirect"
    );
    let html = body(app.get("/", Some("jf_text_size=large")).await).await;
    assert!(
        html.contains("data-text-size=\"large\""),
        "text size rendered from the cookie"
    );
}

#[tokio::test]
async fn unknown_pages_answer_404_in_both_languages() {
    let app = spawn_app(Backend::Sqlite).await;
    let response = app.get("/gibt-es-nicht", None).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(body(response).await.contains("Seite nicht gefunden"));
    let response = app
        .get("/does-not-exist", Some("i18n_pref_locale=en"))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(body(response).await.contains("Page not found"));
}

#[tokio::test]
async fn health_follows_the_database() {
    let app = spawn_app(Backend::Sqlite).await;
    let response = app.get("/healthz", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    app.db.close().await;
    let response = app.get("/healthz", None).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
}

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
    let mails = app::mail::outbox::list_for_recipient(app.db.pool(), "anna@example.org")
        .await
        .unwrap_or_default();
    let text = mails
        .first()
        .map(|m| m.body_text.clone())
        .unwrap_or_default();
    let token = text
        .split("/account/verify/")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_default()
        .to_owned();
    let page = body(app.get(&format!("/account/verify/{token}"), None).await).await;
    assert!(
        page.contains("Adresse bestätigen"),
        "the link opens a page where the person chooses the password"
    );
    let verified = app
        .post_form(
            "/api/auth/verify_email",
            &[("token", &token), ("password", "sicheres-passwort")],
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

    let me = body(app.post_form("/api/auth/me", &[], Some(&session)).await).await;
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
    let me = body(app.post_form("/api/auth/me", &[], Some(&session)).await).await;
    assert_eq!(me.trim(), "null", "the old cookie no longer works");
}

#[tokio::test]
async fn account_journey_on_sqlite() {
    account_journey(Backend::Sqlite).await;
}

#[tokio::test]
async fn account_journey_on_postgres() {
    account_journey(Backend::Postgres).await;
}

#[tokio::test]
async fn organisation_data_needs_a_session() {
    let app = spawn_app(Backend::Sqlite).await;
    let text = body(app.post_form("/api/organisations/mine", &[], None).await).await;
    assert!(text.contains("Unauthenticated"), "{text}");
    let text = body(
        app.post_form(
            "/api/organisations/invite",
            &[
                ("organisation_id", "1"),
                ("email", "x@example.org"),
                ("role", "owner"),
            ],
            Some("jf_session=forged"),
        )
        .await,
    )
    .await;
    assert!(text.contains("Unauthenticated"), "{text}");
}

async fn fair_pages_and_exports(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;

    // The public page: complete HTML with preview metadata in the head.
    let response = app.get("/fairs/flughafen-frankfurt", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = body(response).await;
    let head = html.split("</head>").next().unwrap_or_default();
    assert!(
        head.contains(r#"property="og:title" content="Jobmesse am Flughafen Frankfurt""#),
        "{head}"
    );
    assert!(head.contains(r#"rel="canonical""#), "{head}");
    assert!(
        head.contains("<title>Jobmesse am Flughafen Frankfurt · Jobfair</title>"),
        "{head}"
    );
    assert!(html.contains("Halle B: 12 Stände, 6 belegt, 5 frei"));
    assert!(html.contains("SkyCater Frankfurt GmbH"));
    assert!(html.contains("nur mit Einladung"));
    assert_eq!(
        app.get("/fairs/gibt-es-nicht", None).await.status(),
        StatusCode::NOT_FOUND
    );

    // Exports: sign-in first, planners only, Excel-friendly bytes.
    let path = "/organise/fairs/1/export/registrations.csv";
    let anonymous = app.get(path, None).await;
    assert!(anonymous.status().is_redirection());
    let organiser = sign_in(&app, "organisator@jobfair.demo").await;
    let response = app.get(path, Some(&organiser)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("text/csv; charset=utf-8")
    );
    let disposition = response
        .headers()
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        disposition.contains("flughafen-frankfurt-anmeldungen.csv"),
        "{disposition}"
    );
    let bytes = response.bytes().await.unwrap_or_default();
    assert_eq!(&bytes[..3], b"\xef\xbb\xbf");
    let text = String::from_utf8_lossy(&bytes[3..]).to_string();
    assert_eq!(text.lines().count(), 37, "header and 36 registrations");
    assert!(text.starts_with("Name;E-Mail;Zeitfenster;Status;Sprache;Angemeldet am\r\n"));
    let comma = body(
        app.get(
            "/organise/fairs/1/export/exhibitors.csv?separator=comma",
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert!(
        comma.starts_with("\u{feff}Firma,Halle,Stand,Buchung,Angebote\r\n"),
        "{comma}"
    );
    let employer = sign_in(&app, "arbeitgeber@jobfair.demo").await;
    assert_eq!(
        app.get(path, Some(&employer)).await.status(),
        StatusCode::FORBIDDEN
    );

    // Planning server functions check the caller and the input.
    let form = [
        ("organisation_id", "1"),
        ("form[title_de]", "Jobmesse Wiesbaden"),
        ("form[venue_name]", "RMCC Wiesbaden"),
        (
            "form[venue_address]",
            "Friedrich-Ebert-Allee 1, 65185 Wiesbaden",
        ),
        ("form[starts]", "2030-05-04T09:00"),
        ("form[ends]", "2030-05-04T15:00"),
        ("form[registration_opens]", "2030-04-01T08:00"),
        ("form[registration_closes]", "2030-05-04T12:00"),
    ];
    let unauthenticated = body(app.post_form("/api/fairs/create", &form, None).await).await;
    assert!(
        unauthenticated.contains("Unauthenticated"),
        "{unauthenticated}"
    );
    let as_employer = body(
        app.post_form("/api/fairs/create", &form, Some(&employer))
            .await,
    )
    .await;
    assert!(as_employer.contains("Forbidden"), "{as_employer}");
    let created = app
        .post_form("/api/fairs/create", &form, Some(&organiser))
        .await;
    assert!(
        created.status().is_success() || created.status().is_redirection(),
        "{}",
        created.status()
    );
    let mut broken = form.to_vec();
    broken[5] = ("form[ends]", "2030-05-04T08:00");
    let refused = body(
        app.post_form("/api/fairs/create", &broken, Some(&organiser))
            .await,
    )
    .await;
    assert!(refused.contains("EndBeforeStart"), "{refused}");
    let overlap = body(
        app.post_form(
            "/api/floorplan/booth/save",
            &[
                ("hall_id", "1"),
                ("booth[label]", "Z1"),
                ("booth[x_m]", "2"),
                ("booth[y_m]", "3"),
                ("booth[width_m]", "4"),
                ("booth[depth_m]", "3"),
                ("booth[category]", "standard"),
                ("booth[price_eur]", "500"),
            ],
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert!(overlap.contains("Overlaps"), "{overlap}");
}

#[tokio::test]
async fn fair_pages_and_exports_on_sqlite() {
    fair_pages_and_exports(Backend::Sqlite).await;
}

#[tokio::test]
async fn fair_pages_and_exports_on_postgres() {
    fair_pages_and_exports(Backend::Postgres).await;
}

#[tokio::test]
async fn the_public_page_cache_keeps_nonces_languages_and_sessions_apart() {
    let app = spawn_app(Backend::Sqlite).await;
    app.seed_demo().await;
    let csp = |r: &reqwest::Response| {
        r.headers()
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let nonce = |policy: &str| {
        policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_default()
            .to_owned()
    };
    // An app page under /fairs/ (booking a booth) is cached too, and every
    // copy gets its own nonce.
    let booking = "/fairs/flughafen-frankfurt/book";
    let first = app.get(booking, None).await;
    let (first_csp, _) = (csp(&first), body(first).await);
    let second = app.get(booking, None).await;
    let (second_csp, second_html) = (csp(&second), body(second).await);
    assert!(!nonce(&first_csp).is_empty(), "{first_csp}");
    assert_ne!(first_csp, second_csp, "each answer has its own nonce");
    assert!(
        second_html.contains(&format!("nonce=\"{}\"", nonce(&second_csp))),
        "the document uses the new nonce"
    );
    assert!(!second_html.contains(&nonce(&first_csp)));

    // A public page has no nonce: every visitor gets the same bytes, and a
    // browser's `br, gzip` gets the compressed form the cache keeps.
    let path = "/fairs/flughafen-frankfurt";
    let first_html = body(app.get(path, None).await).await;
    assert!(nonce(&csp(&app.get(path, None).await)).is_empty());
    let compressed = app
        .client
        .get(format!("{}{path}", app.base))
        .header(header::ACCEPT_ENCODING, "gzip, deflate, br, zstd")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(compressed.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(compressed.headers()[header::VARY], "accept-encoding");
    let bytes = compressed.bytes().await.unwrap_or_default();
    assert!(
        bytes.len() < first_html.len() / 3,
        "{} of {}",
        bytes.len(),
        first_html.len()
    );
    let mut unpacked = String::new();
    let _ = std::io::Read::read_to_string(
        &mut brotli::Decompressor::new(&bytes[..], 4096),
        &mut unpacked,
    );
    assert_eq!(unpacked, first_html, "the compressed page is the page");
    let english = body(app.get(path, Some("i18n_pref_locale=en")).await).await;
    assert!(
        english.contains("Job fair at Frankfurt Airport"),
        "languages are cached apart"
    );
    assert!(first_html.contains("Jobmesse am Flughafen Frankfurt"));
    let organiser = sign_in(&app, "organisator@jobfair.demo").await;
    let signed_in = body(app.get(path, Some(&organiser)).await).await;
    assert!(
        signed_in.contains("/organise"),
        "signed-in visitors get their own navigation"
    );
}

async fn invitation_mail_arrives_over_smtp(backend: Backend) {
    let sink = app::mail::testing::SmtpSink::start().await;
    let settings = Settings {
        smtp_url: Some(sink.url().into()),
        mail_from: "messe@jobfair.example".into(),
        ..Settings::default()
    };
    let app = spawn_app_with(backend, settings).await;
    app.seed_demo().await;
    let owner = sign_in(&app, "organisator@jobfair.demo").await;
    let invited = app
        .post_form(
            "/api/organisations/invite",
            &[
                ("organisation_id", "1"),
                ("email", "neu@jobcenter.example"),
                ("role", "organiser"),
            ],
            Some(&owner),
        )
        .await;
    assert!(invited.status().is_success(), "{}", invited.status());
    // The worker picks the mail from the outbox within a second or two.
    let mut received = Vec::new();
    for _ in 0..50 {
        received = sink.received();
        if !received.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(received.len(), 1, "one mail, sent once");
    let mail = &received[0];
    assert_eq!(mail.rcpt_to, vec!["<neu@jobcenter.example>"]);
    let from = mail.header("From").unwrap_or_default();
    assert!(
        from.contains("Agentur für Arbeit Frankfurt am Main · Jobfair"),
        "{from}"
    );
    assert!(from.contains("<messe@jobfair.example>"), "{from}");
    assert_eq!(
        mail.header("Reply-To").as_deref(),
        Some("organisator@jobfair.demo")
    );
    assert!(
        mail.header("Subject")
            .unwrap_or_default()
            .starts_with("Einladung zu Agentur für Arbeit")
    );
    let decoded = mail.decoded();
    let link_start = decoded
        .find("/invite/")
        .unwrap_or_else(|| panic!("no personal link: {decoded}"));
    let token: String = decoded[link_start + 8..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert!(token.len() >= 20, "{token}");
    let page = body(app.get(&format!("/invite/{token}"), None).await).await;
    assert!(
        page.contains("Agentur für Arbeit Frankfurt am Main"),
        "the link opens the invitation"
    );
    // The worker records "sent" right after the SMTP server accepted the
    // mail, which can be a moment after the sink has it.
    let mut statuses = Vec::new();
    for _ in 0..50 {
        statuses = app::mail::outbox::list_for_recipient(app.db.pool(), "neu@jobcenter.example")
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|m| m.status)
            .collect::<Vec<_>>();
        if statuses != ["sending"] {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(statuses, ["sent"]);
}

#[tokio::test]
async fn invitation_mail_arrives_over_smtp_on_sqlite() {
    invitation_mail_arrives_over_smtp(Backend::Sqlite).await;
}

#[tokio::test]
async fn invitation_mail_arrives_over_smtp_on_postgres() {
    invitation_mail_arrives_over_smtp(Backend::Postgres).await;
}

#[tokio::test]
async fn invitation_links_unsubscribe_with_one_click_and_by_page() {
    let app = spawn_app(Backend::Sqlite).await;
    app.seed_demo().await;
    let organiser = sign_in(&app, "organisator@jobfair.demo").await;
    let sent = app
        .post_form(
            "/api/invitations/invite_one",
            &[
                ("fair_id", "1"),
                ("row[name]", "Jan Weber"),
                ("row[email]", "jan@example.org"),
                ("row[locale]", "de"),
                ("row[slot]", ""),
                ("kind", "jobseeker"),
            ],
            Some(&organiser),
        )
        .await;
    assert!(sent.status().is_success(), "{}", sent.status());
    let mail = app::mail::outbox::list_for_recipient(app.db.pool(), "jan@example.org")
        .await
        .unwrap_or_default();
    let text = &mail[0].body_text;
    assert!(
        text.contains("/fairs/flughafen-frankfurt/register?invite="),
        "{text}"
    );
    let path = text
        .split_whitespace()
        .find(|w| w.contains("/unsubscribe/"))
        .and_then(|link| link.find("/unsubscribe/").map(|i| link[i..].to_owned()))
        .unwrap_or_default();
    let page = body(app.get(&path, None).await).await;
    assert!(
        page.contains("Keine Einladungen mehr"),
        "the link opens a page"
    );
    let one_click = app
        .post_form(&path, &[("List-Unsubscribe", "One-Click")], None)
        .await;
    assert_eq!(one_click.status(), StatusCode::OK);
    assert_eq!(
        app.post_form(
            "/unsubscribe/falsch",
            &[("List-Unsubscribe", "One-Click")],
            None
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
    let again = body(
        app.post_form(
            "/api/invitations/invite_one",
            &[
                ("fair_id", "2"),
                ("row[name]", "Jan Weber"),
                ("row[email]", "jan@example.org"),
                ("row[locale]", "de"),
                ("row[slot]", ""),
                ("kind", "jobseeker"),
            ],
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert!(
        again.contains("InUse"),
        "an unsubscribed address is not invited again: {again}"
    );
    let employer = sign_in(&app, "arbeitgeber@jobfair.demo").await;
    let forbidden = body(
        app.post_form(
            "/api/invitations/view",
            &[("fair_id", "1")],
            Some(&employer),
        )
        .await,
    )
    .await;
    assert!(forbidden.contains("Forbidden"), "{forbidden}");
}

/// A jobseeker registers through the real endpoint, with and without
/// JavaScript, and reaches the ticket page, its calendar file and the
/// fair's public keys; a second registration only sends the ticket again.
async fn registration_over_http(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;
    let open_slot: i64 = sqlx::query_scalar(
        "SELECT s.id FROM time_slots s JOIN fairs f ON f.id = s.fair_id \
         WHERE f.slug = 'flughafen-frankfurt' AND s.entry_mode = 'open'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap_or_default();
    let slot = open_slot.to_string();
    let form = |email: &'static str| {
        vec![
            ("slug", "flughafen-frankfurt".to_owned()),
            ("form[name]", "Mehmet Öztürk".to_owned()),
            ("form[email]", email.to_owned()),
            ("form[language]", "de".to_owned()),
            ("form[slot_id]", slot.clone()),
            ("form[consent]", "yes".to_owned()),
        ]
    };
    let page = body(app.get("/fairs/flughafen-frankfurt/register", None).await).await;
    assert!(
        page.contains("name=\"form[email]\""),
        "the form is server-rendered"
    );
    assert!(page.contains("Datenschutz"));

    // Without JavaScript: a plain form post ends on the ticket page.
    let plain = app
        .client
        .post(format!("{}/api/registration/register", app.base))
        .header(header::ACCEPT, "text/html")
        .form(&form("mehmet@example.org"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plain.status(), reqwest::StatusCode::FOUND);
    let location = plain
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
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
        calendar
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("text/calendar; charset=utf-8")
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
    let again = app
        .post_form_owned("/api/registration/register", &form("mehmet@example.org"))
        .await;
    assert_eq!(body(again).await, "\"SentAgain\"");
    let fresh = body(
        app.post_form_owned("/api/registration/register", &form("lea@example.org"))
            .await,
    )
    .await;
    assert!(fresh.contains("\"Ticket\""), "{fresh}");
    let mut bad = form("lea@example.org");
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

#[tokio::test]
async fn registration_over_http_on_sqlite() {
    registration_over_http(Backend::Sqlite).await;
}

#[tokio::test]
async fn registration_over_http_on_postgres() {
    registration_over_http(Backend::Postgres).await;
}

/// The parts of a received mail, depth first: content type (with its
/// parameters), `Content-ID`, filename, decoded body.
fn mime_parts(mail: &mailparse::ParsedMail<'_>, out: &mut Vec<(String, String, String, Vec<u8>)>) {
    let header = |name: &str| {
        mail.headers
            .iter()
            .find(|h| h.get_key().eq_ignore_ascii_case(name))
            .map(|h| h.get_value())
            .unwrap_or_default()
    };
    let filename = mail
        .get_content_disposition()
        .params
        .get("filename")
        .cloned()
        .unwrap_or_default();
    out.push((
        mail.ctype.mimetype.clone(),
        header("Content-ID"),
        filename,
        mail.get_body_raw().unwrap_or_default(),
    ));
    for part in &mail.subparts {
        mime_parts(part, out);
    }
}

/// The text of the QR code in a PNG, read as a scanner reads it.
fn decode_qr_png(bytes: &[u8]) -> String {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap_or_else(|e| panic!("png: {e}"));
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader
        .next_frame(&mut pixels)
        .unwrap_or_else(|e| panic!("png: {e}"));
    let (width, height) = (frame.width as usize, frame.height as usize);
    let per_pixel = frame.line_size / width;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        pixels[y * frame.line_size + x * per_pixel]
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the picture");
    grids[0]
        .decode()
        .map(|(_, text)| text)
        .unwrap_or_else(|e| panic!("QR code unreadable: {e:?}"))
}

/// A ticket mail as a mail client receives it over SMTP: plain text and
/// HTML, the QR code inline as PNG (readable, and genuine by the fair's
/// published key), the calendar file attached.
async fn ticket_mail_arrives_over_smtp(backend: Backend) {
    let sink = app::mail::testing::SmtpSink::start().await;
    let settings = Settings {
        smtp_url: Some(sink.url().into()),
        mail_from: "messe@jobfair.example".into(),
        ..Settings::default()
    };
    let app = spawn_app_with(backend, settings).await;
    app.seed_demo().await;
    let (fair_id, slot): (i64, i64) = sqlx::query_as(
        "SELECT f.id, s.id FROM time_slots s JOIN fairs f ON f.id = s.fair_id \
         WHERE f.slug = 'flughafen-frankfurt' AND s.entry_mode = 'open'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let answer = body(
        app.post_form_owned(
            "/api/registration/register",
            &[
                ("slug", "flughafen-frankfurt".to_owned()),
                ("form[name]", "Lea Brandt".to_owned()),
                ("form[email]", "lea.brandt@example.org".to_owned()),
                ("form[language]", "en".to_owned()),
                ("form[slot_id]", slot.to_string()),
                ("form[consent]", "yes".to_owned()),
            ],
        )
        .await,
    )
    .await;
    assert!(answer.contains("\"Ticket\""), "{answer}");

    let mut received = Vec::new();
    for _ in 0..50 {
        received = sink.received();
        if !received.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(received.len(), 1, "one mail, sent once");
    let mail = &received[0];
    assert_eq!(mail.rcpt_to, vec!["<lea.brandt@example.org>"]);
    assert!(
        mail.header("Subject")
            .unwrap_or_default()
            .starts_with("Your ticket:"),
        "in the language chosen in the form"
    );
    let parsed =
        mailparse::parse_mail(mail.data.as_bytes()).unwrap_or_else(|e| panic!("MIME: {e}"));
    let mut parts = Vec::new();
    mime_parts(&parsed, &mut parts);
    let types: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(
        types,
        [
            "multipart/mixed",
            "multipart/related",
            "multipart/alternative",
            "text/plain",
            "text/html",
            "image/png",
            "text/calendar",
        ]
    );
    let text = String::from_utf8_lossy(&parts[3].3).to_string();
    let html = String::from_utf8_lossy(&parts[4].3).to_string();
    assert!(html.contains("src=\"cid:ticket-qr@jobfair\""), "{html}");
    let (_, content_id, filename, png) = &parts[5];
    assert_eq!(content_id, "<ticket-qr@jobfair>");
    assert_eq!(filename, "ticket-qr.png");
    // Unfolded: calendar lines longer than 75 bytes continue after CRLF + space.
    let calendar = String::from_utf8_lossy(&parts[6].3).replace("\r\n ", "");
    assert_eq!(parts[6].2, "ticket.ics");
    assert!(calendar.contains("BEGIN:VEVENT"), "{calendar}");

    // The QR code a mail client shows is the ticket: genuine by the key the
    // fair publishes for scanners, and the same code as on the ticket page.
    let payload = decode_qr_png(png);
    let keys: Vec<ticket::PublishedKey> = app
        .get("/fairs/flughafen-frankfurt/ticket-keys.json", None)
        .await
        .json()
        .await
        .unwrap_or_default();
    let unchecked =
        ticket::read_unverified(&payload).unwrap_or_else(|| panic!("not a ticket: {payload}"));
    let claims = ticket::TicketVerifier::new(fair_id as u32, &keys)
        .verify(&payload, i64::from(unchecked.valid_from) + 60, |_| false)
        .unwrap_or_else(|r| panic!("the mailed ticket is refused: {r:?}"));
    assert_eq!(i64::from(claims.slot_id), slot);
    let link_start = text
        .find("/tickets/")
        .unwrap_or_else(|| panic!("no personal link: {text}"));
    let link: String = text[link_start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(calendar.contains(&link), "the calendar links the ticket");
    let page = body(app.get(&link, None).await).await;
    let short_code = page
        .split("data-testid=\"short-code\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(short_code.len(), 9, "{short_code}");
    assert!(text.contains(&short_code), "the mail has the short code");
    assert!(calendar.contains(&short_code));
}

#[tokio::test]
async fn ticket_mail_arrives_over_smtp_on_sqlite() {
    ticket_mail_arrives_over_smtp(Backend::Sqlite).await;
}

#[tokio::test]
async fn ticket_mail_arrives_over_smtp_on_postgres() {
    ticket_mail_arrives_over_smtp(Backend::Postgres).await;
}

/// The booking endpoints as an outsider meets them: no session, another
/// employer's booking, an employer trying the organiser's decision.
#[tokio::test]
async fn booking_endpoints_check_who_is_calling() {
    let app = spawn_app(Backend::Sqlite).await;
    app.seed_demo().await;
    let anonymous = body(
        app.post_form(
            "/api/bookings/request",
            &[("organisation_id", "1"), ("booth_id", "1")],
            None,
        )
        .await,
    )
    .await;
    assert!(anonymous.contains("Unauthenticated"), "{anonymous}");

    let employer = sign_in(&app, "arbeitgeber@jobfair.demo").await;
    let (own, other): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT b.id FROM booth_bookings b JOIN memberships m ON m.organisation_id = b.organisation_id \
                 JOIN users u ON u.id = m.user_id WHERE u.email = 'arbeitgeber@jobfair.demo' AND b.status = 'confirmed' LIMIT 1), \
                (SELECT b.id FROM booth_bookings b WHERE b.status = 'confirmed' AND b.organisation_id NOT IN \
                 (SELECT m.organisation_id FROM memberships m JOIN users u ON u.id = m.user_id \
                  WHERE u.email = 'arbeitgeber@jobfair.demo') LIMIT 1)",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let mine = body(
        app.post_form(
            "/api/bookings/confirmation",
            &[("booking_id", &own.to_string())],
            Some(&employer),
        )
        .await,
    )
    .await;
    assert!(mine.contains("\"number\""), "{mine}");
    let theirs = body(
        app.post_form(
            "/api/bookings/confirmation",
            &[("booking_id", &other.to_string())],
            Some(&employer),
        )
        .await,
    )
    .await;
    assert!(
        theirs.contains("NotFound") && !theirs.contains("\"number\""),
        "{theirs}"
    );
    let cancel = body(
        app.post_form(
            "/api/bookings/cancel",
            &[("booking_id", &other.to_string())],
            Some(&employer),
        )
        .await,
    )
    .await;
    assert!(cancel.contains("Forbidden"), "{cancel}");
    let decide = body(
        app.post_form(
            "/api/bookings/decide",
            &[("booking_id", &other.to_string()), ("decision", "reject")],
            Some(&employer),
        )
        .await,
    )
    .await;
    assert!(decide.contains("Forbidden"), "{decide}");
    let fair_list = body(
        app.post_form("/api/bookings/fair", &[("fair_id", "1")], Some(&employer))
            .await,
    )
    .await;
    assert!(fair_list.contains("Forbidden"), "{fair_list}");
}

/// Logos: the employer's people upload a picture with a plain form; the
/// type is read from the bytes, size is limited, others may not, and the
/// picture is served with headers that keep it a picture.
#[tokio::test]
async fn employer_logos_are_checked_and_served_safely() {
    let app = spawn_app(Backend::Sqlite).await;
    app.seed_demo().await;
    let employer = sign_in(&app, "arbeitgeber@jobfair.demo").await;
    let org: i64 = sqlx::query_scalar(
        "SELECT m.organisation_id FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE u.email = 'arbeitgeber@jobfair.demo'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let png = {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, 2, 2);
        encoder.set_color(png::ColorType::Grayscale);
        let mut writer = encoder.write_header().unwrap_or_else(|e| panic!("{e}"));
        writer
            .write_image_data(&[0, 255, 255, 0])
            .unwrap_or_else(|e| panic!("{e}"));
        writer.finish().unwrap_or_else(|e| panic!("{e}"));
        out
    };
    let upload = |bytes: Vec<u8>, name: &'static str, cookie: Option<String>, org: i64| {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name)
            .mime_str("image/png")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut request = app
            .client
            .post(format!("{}/employer/{org}/logo", app.base))
            .multipart(reqwest::multipart::Form::new().part("logo", part));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.send()
    };
    let location = |r: &reqwest::Response| {
        r.headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        app.get(&format!("/logos/{org}"), None).await.status(),
        StatusCode::NOT_FOUND
    );
    // Not a picture, whatever its name and claimed type says.
    let fake = upload(
        b"<svg onload=alert(1)></svg>".to_vec(),
        "logo.png",
        Some(employer.clone()),
        org,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        location(&fake),
        format!("/employer/{org}/profile?logo_error=unsupported")
    );
    let huge = [png.clone(), vec![0; 600 * 1024]].concat();
    let too_large = upload(huge, "logo.png", Some(employer.clone()), org)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        location(&too_large),
        format!("/employer/{org}/profile?logo_error=too_large")
    );
    assert_eq!(
        app.get(&format!("/logos/{org}"), None).await.status(),
        StatusCode::NOT_FOUND,
        "nothing stored"
    );
    // Nobody else, and nobody signed out.
    let other = sign_in(&app, "organisator@jobfair.demo").await;
    let forbidden = upload(png.clone(), "logo.png", Some(other), org)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    let anonymous = upload(png.clone(), "logo.png", None, org)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(location(&anonymous), "/login");

    let saved = upload(png.clone(), "firmenlogo.png", Some(employer.clone()), org)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        location(&saved),
        format!("/employer/{org}/profile?logo=saved")
    );
    let served = app.get(&format!("/logos/{org}"), None).await;
    assert_eq!(served.status(), StatusCode::OK);
    let header_of = |name: header::HeaderName| {
        served
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header_of(header::CONTENT_TYPE), "image/png");
    assert_eq!(header_of(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(header_of(header::CONTENT_SECURITY_POLICY).contains("sandbox"));
    assert_eq!(
        served.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
        png
    );
    let profile = body(
        app.post_form(
            "/api/employers/profile",
            &[("organisation_id", &org.to_string())],
            Some(&employer),
        )
        .await,
    )
    .await;
    assert!(profile.contains("\"has_logo\":true"), "{profile}");
}

/// A jobseeker of the demo's fair on now; returns the ticket text and
/// short code.
async fn jobtag_ticket(app: &TestApp, name: &str, email: &str) -> (String, String) {
    let slot: i64 = sqlx::query_scalar(
        "SELECT s.id FROM time_slots s JOIN fairs f ON f.id = s.fair_id WHERE f.slug = 'jobtag-kassel'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap_or_default();
    let answer = body(
        app.post_form_owned(
            "/api/registration/register",
            &[
                ("slug", "jobtag-kassel".to_owned()),
                ("form[name]", name.to_owned()),
                ("form[email]", email.to_owned()),
                ("form[language]", "de".to_owned()),
                ("form[slot_id]", slot.to_string()),
                ("form[consent]", "yes".to_owned()),
            ],
        )
        .await,
    )
    .await;
    assert!(answer.contains("\"Ticket\""), "{answer}");
    sqlx::query_as(
        "SELECT t.payload, t.short_code FROM tickets t JOIN registrations r ON r.id = t.registration_id \
         WHERE r.email = $1 AND t.revoked_at IS NULL",
    )
    .bind(email)
    .fetch_one(app.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

/// One request to the JSON check-in API: its status and JSON answer.
async fn checkin_api(
    app: &TestApp,
    json: serde_json::Value,
    bearer: Option<&str>,
) -> (StatusCode, serde_json::Value) {
    let mut request = app
        .client
        .post(format!("{}/api/v1/checkins", app.base))
        .json(&json);
    if let Some(bearer) = bearer {
        request = request.bearer_auth(bearer);
    }
    let response = request.send().await.unwrap_or_else(|e| panic!("{e}"));
    let status = response.status();
    (status, response.json().await.unwrap_or_default())
}

async fn door_checkin_over_http(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo().await;
    let (ticket, _) = jobtag_ticket(&app, "Ayşe Kaya", "ayse.kaya@example.org").await;
    let (_, second_code) = jobtag_ticket(&app, "Ben Roth", "ben.roth@example.org").await;
    let post_json = |path: &str, json: serde_json::Value, cookie: Option<&str>| {
        let mut request = app.client.post(format!("{}{path}", app.base)).json(&json);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.send()
    };

    // Door staff: the scanner page is server-rendered, the door pack and
    // the scans need a session.
    let staff = sign_in(&app, "einlass@jobfair.demo").await;
    let page = body(app.get("/door/jobtag-kassel", Some(&staff)).await).await;
    assert!(page.contains("id=\"door-code\""), "{page}");
    let anonymous = body(
        app.post_form("/api/door/pack", &[("slug", "jobtag-kassel")], None)
            .await,
    )
    .await;
    assert!(anonymous.contains("Unauthenticated"), "{anonymous}");
    let pack: serde_json::Value = app
        .post_form("/api/door/pack", &[("slug", "jobtag-kassel")], Some(&staff))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(pack["tickets"].as_array().map(Vec::len), Some(2));
    assert_eq!(pack["keys"][0]["key_id"], 1);
    let scans = serde_json::json!({
        "slug": "jobtag-kassel", "gate": "Nord", "device": "phone-1",
        "scans": [{ "nonce": "http-nonce-0001", "credential": ticket, "scanned_at": 0, "offline": false }],
    });
    let answers: serde_json::Value = post_json("/api/door/scans", scans.clone(), Some(&staff))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(
        answers[0]["verdict"],
        serde_json::json!({ "Ok": null }),
        "{answers}"
    );
    assert_eq!(answers[0]["name"], "Ayşe Kaya");
    let stranger = post_json("/api/door/scans", scans, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(body(stranger).await.contains("Unauthenticated"));
    // The live view is the organisers'.
    let forbidden = body(
        app.post_form("/api/door/live", &[("fair_id", "3")], Some(&staff))
            .await,
    )
    .await;
    assert!(
        forbidden.contains("Forbidden") || forbidden.contains("NotFound"),
        "{forbidden}"
    );

    // The organiser makes an API token for a turnstile.
    let organiser = sign_in(&app, "organisator@jobfair.demo").await;
    let fair_id: i64 = sqlx::query_scalar("SELECT id FROM fairs WHERE slug = 'jobtag-kassel'")
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_default();
    let fair = fair_id.to_string();
    let token: String = app
        .post_form(
            "/api/door/tokens/create",
            &[("fair_id", fair.as_str()), ("label", "Drehkreuz Nord")],
            Some(&organiser),
        )
        .await
        .json()
        .await
        .unwrap_or_default();
    assert!(token.starts_with("jfd_"), "{token}");

    let scan = |code: &str, nonce: &str| serde_json::json!({ "code": code, "gate": "Drehkreuz", "nonce": nonce });
    let (status, _) = checkin_api(&app, scan(&ticket, "api-nonce-0001"), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = checkin_api(&app, scan(&ticket, "api-nonce-0001"), Some("jfd_falsch")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Already admitted by the phone: a duplicate, with when and where.
    let (_, duplicate) = checkin_api(&app, scan(&ticket, "api-nonce-0001"), Some(&token)).await;
    assert_eq!(duplicate["result"], "duplicate", "{duplicate}");
    assert_eq!(duplicate["reason"], "already_in");
    assert_eq!(duplicate["first_gate"], "Nord");
    let (_, admitted) = checkin_api(&app, scan(&second_code, "api-nonce-0002"), Some(&token)).await;
    assert_eq!(admitted["result"], "admitted", "{admitted}");
    assert_eq!(admitted["name"], "Ben Roth");
    // A retry of the same request is answered as before.
    let (_, retried) = checkin_api(&app, scan(&second_code, "api-nonce-0002"), Some(&token)).await;
    assert_eq!(
        (retried["result"].as_str(), retried["replayed"].as_bool()),
        (Some("admitted"), Some(true))
    );
    let (_, refused) = checkin_api(&app, scan("kein Ticket", "api-nonce-0003"), Some(&token)).await;
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
    let (status, invalid) = checkin_api(
        &app,
        serde_json::json!({ "code": ticket, "gate": "x".repeat(41) }),
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
    let live: serde_json::Value = app
        .post_form(
            "/api/door/live",
            &[("fair_id", fair.as_str())],
            Some(&organiser),
        )
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(live["checked_in"], 2, "{live}");
}

#[tokio::test]
async fn door_checkin_over_http_on_sqlite() {
    door_checkin_over_http(Backend::Sqlite).await;
}

#[tokio::test]
async fn door_checkin_over_http_on_postgres() {
    door_checkin_over_http(Backend::Postgres).await;
}
