//! HTTP tests of what phones get: public pages without the app, forms that
//! work and keep what was typed without JavaScript, and the site's files
//! precompressed with long cache lifetimes.
mod support;

use app::db::Backend;
use reqwest::{StatusCode, header};
use server::settings::Settings;
use support::*;

/// A plain HTML form post, as a browser without JavaScript sends it.
async fn browser_post(
    app: &TestApp,
    path: &str,
    from_page: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    app.client
        .post(format!("{}{path}", app.base))
        .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
        .header(header::REFERER, format!("{}{from_page}", app.base))
        .header(header::ORIGIN, &app.base)
        .form(form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("POST {path}: {e}"))
}

/// Where a redirect sends the browser, as a path on the test server.
fn redirected_to(app: &TestApp, response: &reqwest::Response) -> String {
    location(response).trim_start_matches(&app.base).to_owned()
}

/// The kept form's cookie a failed post set, as a browser sends it back.
fn kept_cookie(response: &reqwest::Response) -> String {
    cookie_named(response, "jf_kept")
        .and_then(|c| c.split(';').next().map(str::to_owned))
        .unwrap_or_default()
}

fn cookie_named(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

#[tokio::test]
async fn a_failed_form_comes_back_with_what_was_typed_but_never_a_password() {
    let app = spawn_app(Backend::Sqlite).await;
    let failed = browser_post(
        &app,
        "/api/auth/sign_up",
        "/signup",
        &[
            ("form[kind]", "employer"),
            ("form[organisation]", "Bäckerei Schäfer"),
            ("form[name]", "Jana Schäfer"),
            ("form[email]", "keine-adresse"),
        ],
    )
    .await;
    assert_eq!(failed.status(), StatusCode::FOUND);
    let back = location(&failed);
    assert!(
        back.contains("/signup?") && back.contains("__err="),
        "{back}"
    );
    let kept = cookie_named(&failed, "jf_kept").unwrap_or_default();
    assert!(
        kept.contains("HttpOnly") && kept.contains("Max-Age="),
        "{kept}"
    );
    let kept = kept.split(';').next().unwrap_or_default().to_owned();

    let path = back.trim_start_matches(&app.base).to_owned();
    let page = app.get(&path, Some(&kept)).await;
    let cleared = cookie_named(&page, "jf_kept").unwrap_or_default();
    assert!(
        cleared.contains("Max-Age=0"),
        "the kept form is used once: {cleared}"
    );
    let html = body(page).await;
    assert!(
        html.contains("value=\"Bäckerei Schäfer\""),
        "the organisation is kept"
    );
    assert!(html.contains("value=\"Jana Schäfer\""), "the name is kept");
    assert!(
        html.contains("value=\"keine-adresse\""),
        "the wrong address is kept to correct"
    );
    assert!(
        html.contains("aria-invalid=\"true\""),
        "the field says what is wrong"
    );
    assert!(
        html.contains(r#"value="employer" checked"#),
        "the kind of account stays chosen"
    );
    // Without the error in the address the cookie fills nothing.
    let fresh = body(app.get("/signup", Some(&kept)).await).await;
    assert!(!fresh.contains("Bäckerei Schäfer"));

    // Passwords are never kept.
    let failed = browser_post(
        &app,
        "/api/auth/sign_in",
        "/login",
        &[
            ("email", "niemand@example.org"),
            ("password", "geheimes-passwort"),
        ],
    )
    .await;
    assert_eq!(failed.status(), StatusCode::FOUND);
    let kept = cookie_named(&failed, "jf_kept").unwrap_or_default();
    let value = kept
        .split(';')
        .next()
        .and_then(|c| c.split_once('='))
        .map(|(_, v)| v.to_owned())
        .unwrap_or_default();
    assert!(!value.is_empty(), "the address is kept");
    let sign_in = "/api/auth/sign_in";
    assert!(app::parts::kept::values_in(&value, sign_in, "password").is_empty());
    assert_eq!(
        app::parts::kept::values_in(&value, sign_in, "email"),
        ["niemand@example.org"]
    );
    let failed_page = redirected_to(&app, &failed);
    assert_eq!(failed.headers()[header::CACHE_CONTROL], "private, no-store");
    let html = body(
        app.get(&failed_page, Some(&format!("jf_kept={value}")))
            .await,
    )
    .await;
    assert!(html.contains("value=\"niemand@example.org\""));
    assert!(!html.contains("geheimes-passwort"));
}

#[tokio::test]
async fn a_registration_without_javascript_keeps_its_choices_and_takes_checked_interests() {
    let app = spawn_app(Backend::Sqlite).await;
    app.seed_demo().await;
    let slot = app.open_slot("flughafen-frankfurt").await.to_string();
    let page = "/fairs/flughafen-frankfurt/register";
    let mut form = vec![
        ("slug", "flughafen-frankfurt"),
        ("form[name]", "Olena Kovalenko"),
        ("form[email]", "olena@example.org"),
        ("form[language]", "en"),
        ("form[slot_id]", slot.as_str()),
        ("form[interests][]", "logistics"),
        ("form[interests][]", "hospitality"),
    ];
    // The consent is missing: the form comes back as it was sent.
    let failed = browser_post(&app, "/api/registration/register", page, &form).await;
    assert_eq!(failed.status(), StatusCode::FOUND);
    let back = redirected_to(&app, &failed);
    let kept = kept_cookie(&failed);
    let html = body(app.get(&back, Some(&kept)).await).await;
    assert!(html.contains("value=\"Olena Kovalenko\""));
    assert!(
        html.contains(r#"value="en" selected"#),
        "the mail language stays chosen"
    );
    assert!(
        html.contains(&format!(r#"value="{slot}" checked"#)),
        "the slot stays chosen"
    );
    assert!(html.contains(r#"value="logistics" checked"#));
    assert!(html.contains(r#"value="hospitality" checked"#));
    assert!(!html.contains(r#"value="it" checked"#));

    form.push(("form[consent]", "yes"));
    let registered = browser_post(&app, "/api/registration/register", page, &form).await;
    assert_eq!(registered.status(), StatusCode::FOUND);
    let ticket = location(&registered);
    assert!(ticket.contains("/tickets/"), "{ticket}");
    let interests: String =
        sqlx::query_scalar("SELECT interests FROM registrations WHERE email = 'olena@example.org'")
            .fetch_one(app.db.pool())
            .await
            .unwrap_or_default();
    assert_eq!(interests, "logistics,hospitality");
}

#[tokio::test]
async fn public_pages_ship_no_app_and_app_pages_do() {
    let app = spawn_app(Backend::Sqlite).await;
    app.seed_demo().await;
    for path in [
        "/",
        "/login",
        "/signup",
        "/password/forgot",
        "/fairs/flughafen-frankfurt",
        "/fairs/flughafen-frankfurt/register",
        "/fairs/flughafen-frankfurt/exhibitors",
        "/no-such-page",
    ] {
        let html = body(app.get(path, None).await).await;
        assert!(
            !html.contains(".wasm") && !html.contains("modulepreload"),
            "{path} references the app"
        );
        assert!(html.contains("</html>"), "{path} is complete");
    }
    for path in [
        "/organise",
        "/door",
        "/fairs/flughafen-frankfurt/book",
        "/account",
    ] {
        let html = body(app.get(path, None).await).await;
        assert!(html.contains(".wasm"), "{path} does not load the app");
    }
    // The fair page lists each booth with its exhibitor under the plan, so a
    // phone can read what the drawing is too small to show.
    let html = body(app.get("/fairs/flughafen-frankfurt", None).await).await;
    assert!(html.contains("class=\"booth-key\""), "no booth list");
    assert!(html.contains("SkyCater Frankfurt GmbH"));
}

#[tokio::test]
async fn each_app_area_loads_its_own_bundle() {
    // A site as the release build leaves it: the door's, the organisers' and
    // the editors' bundles listed in bundles.txt, the staff area in
    // cargo-leptos's.
    let site = std::env::temp_dir().join(format!("jf-site-{:x}", rand::random::<u64>()));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        pkg.join("bundles.txt"),
        "door: jobfair-door.0123456789abcdef0123\norganise: jobfair-organise.fedcba9876543210fedc\neditors: jobfair-editors.00112233445566778899\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let settings = Settings {
        site_root: site.display().to_string(),
        ..Settings::default()
    };
    let app = spawn_app_with(Backend::Sqlite, settings).await;
    app.seed_demo().await;
    let scripts_of = |html: &str| {
        html.split('"')
            .filter(|part| {
                part.starts_with("/pkg/") && (part.ends_with(".wasm") || part.ends_with(".js"))
            })
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    for (path, bundle) in [
        ("/door", "/pkg/jobfair-door.0123456789abcdef0123"),
        (
            "/door/flughafen-frankfurt",
            "/pkg/jobfair-door.0123456789abcdef0123",
        ),
        ("/organise", "/pkg/jobfair-organise.fedcba9876543210fedc"),
        (
            "/organise/fairs/1",
            "/pkg/jobfair-organise.fedcba9876543210fedc",
        ),
        (
            "/organise/fairs/1/halls/1",
            "/pkg/jobfair-editors.00112233445566778899",
        ),
        (
            "/organise/fairs/1/invitations",
            "/pkg/jobfair-editors.00112233445566778899",
        ),
    ] {
        let html = body(app.get(path, None).await).await;
        let scripts = scripts_of(&html);
        assert_eq!(
            scripts,
            [
                format!("{bundle}.js"),
                format!("{bundle}.wasm"),
                format!("{bundle}.js"),
                format!("{bundle}.wasm")
            ],
            "{path} loads its area's bundle (preloads, then the start script)"
        );
    }
    for path in [
        "/account",
        "/bookings",
        "/fairs/flughafen-frankfurt/book",
        "/mail",
    ] {
        let html = body(app.get(path, None).await).await;
        let scripts = scripts_of(&html);
        assert!(
            !scripts.is_empty() && !scripts.iter().any(|s| s.contains("jobfair-")),
            "{path} loads the staff bundle: {scripts:?}"
        );
    }
    let _ = std::fs::remove_dir_all(site);
}

#[tokio::test]
async fn site_files_are_served_precompressed_and_kept_when_hashed() {
    let app = spawn_app(Backend::Sqlite).await;
    // The test servers serve the temporary folder as their site.
    let pkg = std::env::temp_dir().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap_or_else(|e| panic!("{e}"));
    let hash = format!("T{:021x}", rand::random::<u64>());
    let name = format!("jobfair.{hash}.wasm");
    let wasm = vec![0u8; 8192];
    std::fs::write(pkg.join(&name), &wasm).unwrap_or_else(|e| panic!("{e}"));
    server::assets::precompress(&pkg).unwrap_or_else(|e| panic!("{e}"));
    let get = |encoding: &'static str| {
        app.client
            .get(format!("{}/pkg/{name}", app.base))
            .header(header::ACCEPT_ENCODING, encoding)
            .send()
    };
    let br = get("gzip, deflate, br")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(br.status(), StatusCode::OK);
    assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
    assert!(
        br.headers()[header::VARY]
            .to_str()
            .unwrap_or_default()
            .contains("accept-encoding")
    );
    assert_eq!(
        br.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let bytes = br.bytes().await.unwrap_or_default();
    assert!(bytes.len() < 100, "served as stored: {} bytes", bytes.len());
    let gzip = get("gzip").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(gzip.headers()[header::CONTENT_ENCODING], "gzip");
    let plain = get("identity").await.unwrap_or_else(|e| panic!("{e}"));
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
    assert_eq!(plain.bytes().await.unwrap_or_default().len(), wasm.len());
    let missing = app.get("/pkg/jobfair.nothing-here.wasm", None).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    for suffix in ["", ".br", ".gz"] {
        let _ = std::fs::remove_file(pkg.join(format!("{name}{suffix}")));
    }
}

#[tokio::test]
async fn text_typed_into_a_multi_line_field_comes_back_as_text_not_markup() {
    let app = spawn_app(Backend::Sqlite).await;
    app.seed_demo().await;
    let organiser = app.sign_in("organisator@jobfair.demo").await;
    let organisation: i64 = sqlx::query_scalar(
        "SELECT id FROM organisations WHERE name LIKE 'Agentur für Arbeit Frankfurt%'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap_or_default();
    let organisation = organisation.to_string();
    // A fair without a title is refused; the description comes back.
    let failed = app
        .client
        .post(format!("{}/api/fairs/create", app.base))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("{}/organise", app.base))
        .header(header::ORIGIN, &app.base)
        .header(header::COOKIE, &organiser)
        .form(&[
            ("organisation_id", organisation.as_str()),
            ("form[title_de]", ""),
            (
                "form[description_de]",
                "Vorher</textarea><b id=\"boom\">fett</b> & mehr",
            ),
            ("form[venue_name]", "Halle"),
            ("form[venue_address]", "Marktplatz 1"),
            ("form[starts]", ""),
            ("form[ends]", ""),
            ("form[registration_opens]", ""),
            ("form[registration_closes]", ""),
        ])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(failed.status(), StatusCode::FOUND);
    let back = redirected_to(&app, &failed);
    let kept = kept_cookie(&failed);
    assert!(!kept.is_empty(), "the form is kept");
    let html = body(app.get(&back, Some(&format!("{organiser}; {kept}"))).await).await;
    assert!(
        html.contains("Vorher&lt;/textarea&gt;&lt;b id=\"boom\"&gt;fett&lt;/b&gt; &amp; mehr"),
        "the text is back, escaped"
    );
    assert!(!html.contains("<b id=\"boom\">"), "and never as markup");
}
