//! What the HTTP tests share: a server spawned on port 0 with a fresh
//! database, and typed helpers to call it.
#![allow(dead_code)] // each test crate uses some of the helpers
use app::{
    clock::SystemClock,
    db::{Backend, testing::TestDb},
};
use reqwest::header;
use server::{Application, settings::Settings};
use std::sync::Arc;

mod client;
mod lookups;
#[allow(unused_imports)] // not every test crate uses the typed calls
pub use client::*;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: TestDb,
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, Settings::default()).await
}

/// Spawns the app with some settings changed (e.g. an SMTP server).
pub async fn spawn_app_with(backend: Backend, settings: Settings) -> TestApp {
    let db = TestDb::new(backend).await;
    // The temporary folder is the site, unless the test brings its own.
    let site_root = if settings.site_root == Settings::default().site_root {
        std::env::temp_dir().display().to_string()
    } else {
        settings.site_root.clone()
    };
    let settings = Settings {
        listen_addr: "127.0.0.1:0".into(),
        site_root,
        ticket_secret: Some("ticket secret of the HTTP tests".to_owned().into()),
        ..settings
    };
    let application = Application::build_with(
        &settings,
        db.db.clone(),
        Arc::new(SystemClock),
        settings
            .app_config()
            .unwrap_or_else(|e| panic!("configuration: {e}")),
    )
    .await
    .unwrap_or_else(|e| panic!("cannot build the app: {e}"));
    let base = format!("http://{}", application.address());
    tokio::spawn(application.run_until_stopped(std::future::pending()));
    // A request that hangs fails the test within a minute (and names the
    // path) instead of stalling the whole run.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    TestApp { base, client, db }
}

impl TestApp {
    /// Fills the database with the German demo (fairs, organisers, employers).
    pub async fn seed_demo(&self) {
        app::demo::seed_if_empty(&self.db, &SystemClock)
            .await
            .unwrap_or_else(|e| panic!("demo: {e}"));
    }

    /// A GET; one that does not answer within a minute fails the test.
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self.client.post(format!("{}{path}", self.base)).form(form);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    pub async fn post_form_owned(&self, path: &str, form: &[(&str, String)]) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    /// Signs up an organiser ("Sabine Keller" of "Jobcenter Frankfurt").
    pub async fn sign_up(&self, email: &str) -> reqwest::Response {
        self.sign_up_as("organiser", "Sabine Keller", email, "Jobcenter Frankfurt")
            .await
    }

    /// Signs up a person of a new organisation of `kind` (`organiser` or
    /// `employer`).
    pub async fn sign_up_as(
        &self,
        kind: &str,
        name: &str,
        email: &str,
        organisation: &str,
    ) -> reqwest::Response {
        self.post_form(
            "/api/auth/sign_up",
            &[
                ("form[name]", name),
                ("form[email]", email),
                ("form[organisation]", organisation),
                ("form[kind]", kind),
            ],
            None,
        )
        .await
    }
}

pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("jf_session="))
        .map(str::to_owned)
}

pub async fn body(response: reqwest::Response) -> String {
    response.text().await.unwrap_or_default()
}

/// Signs in a demo account; the session cookie for later requests.
pub async fn sign_in(app: &TestApp, email: &str) -> String {
    app.sign_in(email).await
}

/// The token at the end of the first link with `path` in the newest mail to
/// `recipient` that has one (read from the outbox, as the mail went out).
pub async fn mailed_token(app: &TestApp, recipient: &str, path: &str) -> String {
    let mails = app::mail::outbox::list_for_recipient(app.db.pool(), recipient)
        .await
        .unwrap_or_default();
    let text = mails
        .iter()
        .rev()
        .map(|m| m.body_text.clone())
        .find(|t| t.contains(path))
        .unwrap_or_else(|| panic!("no mail with {path} to {recipient}"));
    let start = text.find(path).unwrap_or_default() + path.len();
    text[start..]
        .split(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The `name=value` of the session cookie a response sets.
pub fn session_of(response: &reqwest::Response) -> String {
    session_cookie(response)
        .unwrap_or_else(|| panic!("no session cookie"))
        .split(';')
        .next()
        .unwrap_or_default()
        .to_owned()
}

impl TestApp {
    /// Signs up and opens the mailed link, as the owner of the address does;
    /// the session the link starts.
    pub async fn sign_up_verified(&self, email: &str) -> String {
        let response = self.sign_up(email).await;
        assert!(
            response.status().is_success() || response.status().is_redirection(),
            "sign-up of {email}: {}",
            response.status()
        );
        self.verify(email).await
    }

    /// Opens the newest confirmation link mailed to `email` and chooses the
    /// password `sicheres-passwort` there; the session it starts.
    pub async fn verify(&self, email: &str) -> String {
        let token = mailed_token(self, email, "/account/verify/").await;
        let verified = self
            .post_form(
                "/api/auth/verify_email",
                &[("token", &token), ("password", "sicheres-passwort")],
                None,
            )
            .await;
        session_of(&verified)
    }
}

/// Runs each named `async fn(Backend)` as `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name(app::db::Backend::Sqlite).await
            }
            #[tokio::test]
            async fn postgres() {
                super::$name(app::db::Backend::Postgres).await
            }
        }
    )*};
}
