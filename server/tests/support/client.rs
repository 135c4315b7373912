//! Typed calls of the endpoints the HTTP tests use again and again, so a
//! test reads as what a person does (`app.register(..)`, `app.sign_in(..)`)
//! and not as form fields.
use super::{TestApp, body, session_cookie};
use app::mail::{outbox::OutboxMail, testing::SmtpSink};
use reqwest::{StatusCode, header};
use serde_json::Value;

/// A jobseeker's registration form, as the public page sends it.
#[derive(Clone, Copy)]
pub struct Registration<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub language: &'a str,
    pub slot: i64,
}

impl<'a> Registration<'a> {
    /// In German, with consent, for `slot` of the fair at `slug`.
    pub fn new(slug: &'a str, slot: i64, name: &'a str, email: &'a str) -> Self {
        Registration {
            slug,
            name,
            email,
            language: "de",
            slot,
        }
    }

    pub fn in_language(self, language: &'a str) -> Self {
        Registration { language, ..self }
    }

    /// The form fields, consent given.
    pub fn form(&self) -> Vec<(&'static str, String)> {
        vec![
            ("slug", self.slug.to_owned()),
            ("form[name]", self.name.to_owned()),
            ("form[email]", self.email.to_owned()),
            ("form[language]", self.language.to_owned()),
            ("form[slot_id]", self.slot.to_string()),
            ("form[consent]", "yes".to_owned()),
        ]
    }
}

/// A new fair as the planning form sends it.
#[derive(Clone, Copy)]
pub struct NewFair<'a> {
    pub organisation_id: i64,
    pub title_de: &'a str,
    pub venue_name: &'a str,
    pub venue_address: &'a str,
    pub starts: &'a str,
    pub ends: &'a str,
    pub registration_opens: &'a str,
    pub registration_closes: &'a str,
}

impl NewFair<'_> {
    pub fn form(&self) -> Vec<(&'static str, String)> {
        vec![
            ("organisation_id", self.organisation_id.to_string()),
            ("form[title_de]", self.title_de.to_owned()),
            ("form[venue_name]", self.venue_name.to_owned()),
            ("form[venue_address]", self.venue_address.to_owned()),
            ("form[starts]", self.starts.to_owned()),
            ("form[ends]", self.ends.to_owned()),
            (
                "form[registration_opens]",
                self.registration_opens.to_owned(),
            ),
            (
                "form[registration_closes]",
                self.registration_closes.to_owned(),
            ),
        ]
    }
}

/// A header's value as text (empty when missing).
pub fn header_of(response: &reqwest::Response, name: header::HeaderName) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Where a redirect points (empty when it is none).
pub fn location(response: &reqwest::Response) -> String {
    header_of(response, header::LOCATION)
}

/// The mails the SMTP server has received once `count` arrived (or after
/// five seconds, whatever arrived by then).
pub async fn received_mails(
    sink: &SmtpSink,
    count: usize,
) -> Vec<app::mail::testing::ReceivedMail> {
    let mut received = Vec::new();
    for _ in 0..50 {
        received = sink.received();
        if received.len() >= count {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    received
}

impl TestApp {
    /// Signs in a demo account; the session for later requests.
    pub async fn sign_in(&self, email: &str) -> String {
        let response = self
            .post_form(
                "/api/auth/sign_in",
                &[("email", email), ("password", app::demo::DEMO_PASSWORD)],
                None,
            )
            .await;
        let cookie =
            session_cookie(&response).unwrap_or_else(|| panic!("{email} could not sign in"));
        cookie.split(';').next().unwrap_or_default().to_owned()
    }

    /// Calls the server function at `/api/{endpoint}`; its answer as text.
    pub async fn call(
        &self,
        endpoint: &str,
        form: &[(&str, &str)],
        session: Option<&str>,
    ) -> String {
        body(
            self.post_form(&format!("/api/{endpoint}"), form, session)
                .await,
        )
        .await
    }

    /// Calls the server function at `/api/{endpoint}`; its JSON answer.
    pub async fn call_json(
        &self,
        endpoint: &str,
        form: &[(&str, &str)],
        session: Option<&str>,
    ) -> Value {
        self.post_form(&format!("/api/{endpoint}"), form, session)
            .await
            .json()
            .await
            .unwrap_or_default()
    }

    /// Posts JSON to `path`.
    pub async fn post_json(
        &self,
        path: &str,
        json: &Value,
        session: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self.client.post(format!("{}{path}", self.base)).json(json);
        if let Some(session) = session {
            request = request.header(header::COOKIE, session);
        }
        request
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    /// Registers as the page's script does; the JSON answer as text.
    pub async fn register(&self, registration: &Registration<'_>) -> String {
        body(
            self.post_form_owned("/api/registration/register", &registration.form())
                .await,
        )
        .await
    }

    /// Registers as a browser without JavaScript does (a plain form post
    /// that asks for HTML).
    pub async fn register_without_script(
        &self,
        registration: &Registration<'_>,
    ) -> reqwest::Response {
        self.client
            .post(format!("{}/api/registration/register", self.base))
            .header(header::ACCEPT, "text/html")
            .form(&registration.form())
            .send()
            .await
            .unwrap_or_else(|e| panic!("register: {e}"))
    }

    /// Creates a fair through the planning server function.
    pub async fn create_fair(
        &self,
        fair: &NewFair<'_>,
        session: Option<&str>,
    ) -> reqwest::Response {
        self.post_form_fields("/api/fairs/create", &fair.form(), session)
            .await
    }

    /// Invites someone into an organisation.
    pub async fn invite_member(
        &self,
        organisation_id: i64,
        email: &str,
        role: &str,
        session: Option<&str>,
    ) -> reqwest::Response {
        self.post_form(
            "/api/organisations/invite",
            &[
                ("organisation_id", &organisation_id.to_string()),
                ("email", email),
                ("role", role),
            ],
            session,
        )
        .await
    }

    /// Invites one jobseeker to a fair (German, no slot).
    pub async fn invite_jobseeker(
        &self,
        fair_id: i64,
        name: &str,
        email: &str,
        session: &str,
    ) -> reqwest::Response {
        self.post_form(
            "/api/invitations/invite_one",
            &[
                ("fair_id", &fair_id.to_string()),
                ("row[name]", name),
                ("row[email]", email),
                ("row[locale]", "de"),
                ("row[slot]", ""),
                ("kind", "jobseeker"),
            ],
            Some(session),
        )
        .await
    }

    /// An employer asks for a booth; the answer as text.
    pub async fn request_booking(
        &self,
        organisation_id: i64,
        booth_id: i64,
        session: Option<&str>,
    ) -> String {
        self.call(
            "bookings/request",
            &[
                ("organisation_id", &organisation_id.to_string()),
                ("booth_id", &booth_id.to_string()),
            ],
            session,
        )
        .await
    }

    /// One request to the JSON check-in API: its status and JSON answer.
    pub async fn checkin_api(&self, json: &Value, bearer: Option<&str>) -> (StatusCode, Value) {
        let mut request = self
            .client
            .post(format!("{}/api/v1/checkins", self.base))
            .json(json);
        if let Some(bearer) = bearer {
            request = request.bearer_auth(bearer);
        }
        let response = request.send().await.unwrap_or_else(|e| panic!("{e}"));
        let status = response.status();
        (status, response.json().await.unwrap_or_default())
    }

    /// The outbox's mails to `recipient`, oldest first.
    pub async fn mails_to(&self, recipient: &str) -> Vec<OutboxMail> {
        app::mail::outbox::list_for_recipient(self.db.pool(), recipient)
            .await
            .unwrap_or_default()
    }

    /// The path of the first link containing `path` in the newest mail to
    /// `recipient` that has one (from `path` up to the next space).
    pub async fn mailed_path(&self, recipient: &str, path: &str) -> String {
        let mails = self.mails_to(recipient).await;
        let text = mails
            .iter()
            .rev()
            .map(|m| m.body_text.clone())
            .find(|t| t.contains(path))
            .unwrap_or_else(|| panic!("no mail with {path} to {recipient}"));
        let start = text.find(path).unwrap_or_default();
        text[start..]
            .split(char::is_whitespace)
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    /// Posts owned form fields with an optional session.
    pub async fn post_form_fields(
        &self,
        path: &str,
        form: &[(&str, String)],
        session: Option<&str>,
    ) -> reqwest::Response {
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.post_form(path, &pairs, session).await
    }
}
