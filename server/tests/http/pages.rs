//! Pages: German by default, English one choice away, 404s, health, the
//! security headers, and the public page cache.
use crate::support::*;
use app::db::Backend;
use reqwest::{StatusCode, header};

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
    let csp = header_of(&response, header::CONTENT_SECURITY_POLICY);
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
    assert_eq!(location(&choose), "/login");
    let cookie = header_of(&choose, header::SET_COOKIE);
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
    assert_eq!(location(&evil), "/", "no open redirect");
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

#[tokio::test]
async fn the_public_page_cache_keeps_nonces_languages_and_sessions_apart() {
    let app = spawn_app(Backend::Sqlite).await;
    app.seed_demo().await;
    let csp = |r: &reqwest::Response| header_of(r, header::CONTENT_SECURITY_POLICY);
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
    let organiser = app.sign_in("organisator@jobfair.demo").await;
    let signed_in = body(app.get(path, Some(&organiser)).await).await;
    assert!(
        signed_in.contains("/organise"),
        "signed-in visitors get their own navigation"
    );
}
