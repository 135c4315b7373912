//! The authorisation matrix: every server function and every plain route,
//! called as anonymous, as a stranger organiser, as a stranger employer, as
//! door staff, as a co-organiser of another fair, and as the rightful caller,
//! on SQLite and PostgreSQL. The rightful caller succeeds (2xx or a redirect
//! onwards); everyone else is refused (401, 403 or 404; a made-up secret link
//! may also answer 422 "link invalid"). A server function or route that is
//! added without a row here fails the test.
#[path = "authorisation/fixture.rs"]
mod fixture;
#[path = "authorisation/rows.rs"]
mod rows;
mod support;

use app::db::Backend;
use fixture::{Fx, fixture, tiny_png};
use reqwest::{Method, StatusCode, header};
use rows::{plain_rows, server_function_rows};
use serde_json::Value;
use std::collections::BTreeSet;

const ADMIN: &str = "betrieb@jobfair.example";
const FORGED: &str = "ausgedachtes-geheimnis-0000000000000";

/// Who may call an endpoint, and so who is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Anyone: public data, signing up and in. Nobody is refused.
    Public,
    /// The proof is a secret link's token in the request; with a made-up
    /// one everyone is refused.
    Secret,
    /// Any signed-in person with a proven address, about their own things.
    SignedIn,
    /// Owners and organisers of the fair's organising organisations.
    Planner,
    /// Door staff (and planners) of the fair.
    Door,
    /// Members of the employer.
    Employer,
    /// Owners of the organisation.
    Owner,
    /// Members of the organisation (leaving it).
    Member,
    /// Installation administrators.
    Admin,
    /// The door API: a bearer token made by the fair's organisers.
    DoorToken,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    StrangerOrganiser,
    StrangerEmployer,
    DoorStaff,
    OtherCoOrganiser,
}

const CALLERS: [Caller; 5] = [
    Caller::Anonymous,
    Caller::StrangerOrganiser,
    Caller::StrangerEmployer,
    Caller::DoorStaff,
    Caller::OtherCoOrganiser,
];

impl Access {
    /// Whether `caller` may call it (then only the rightful call is made:
    /// a permitted call by someone else could change what later rows need).
    fn permits(self, caller: Caller) -> bool {
        match self {
            Access::Public => true,
            Access::SignedIn => caller != Caller::Anonymous,
            Access::Door | Access::Member => caller == Caller::DoorStaff,
            Access::Secret
            | Access::Planner
            | Access::Employer
            | Access::Owner
            | Access::Admin
            | Access::DoorToken => false,
        }
    }
}

/// What a row sends: form fields or JSON.
enum Body {
    Form(Vec<(&'static str, String)>),
    Json(Value),
    /// A logo upload: a small PNG in the `logo` field.
    Logo,
}

async fn call(
    fx: &Fx,
    method: Method,
    path: &str,
    body: &Body,
    session: Option<&str>,
    bearer: Option<&str>,
) -> (StatusCode, String) {
    let mut request = fx
        .app
        .client
        .request(method, format!("{}{path}", fx.app.base));
    if let Some(session) = session {
        request = request.header(header::COOKIE, session);
    }
    if let Some(bearer) = bearer {
        request = request.bearer_auth(bearer);
    }
    request = match body {
        Body::Form(pairs) if !pairs.is_empty() => request.form(pairs),
        Body::Form(_) => request,
        Body::Json(value) => request.json(value),
        Body::Logo => {
            let part = reqwest::multipart::Part::bytes(tiny_png())
                .file_name("logo.png")
                .mime_str("image/png")
                .unwrap_or_else(|e| panic!("{e}"));
            request.multipart(reqwest::multipart::Form::new().part("logo", part))
        }
    };
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, format!("{location} {}", body_text(response).await))
}

async fn body_text(response: reqwest::Response) -> String {
    let text = response.text().await.unwrap_or_default();
    text.chars().take(300).collect()
}

fn refused(access: Access, caller: Caller, status: StatusCode, answer: &str) -> bool {
    let login = status.is_redirection() && answer.starts_with("/login");
    match (access, caller) {
        (Access::Secret, _) => status.is_client_error() && status != StatusCode::TOO_MANY_REQUESTS,
        (_, Caller::Anonymous) => status == StatusCode::UNAUTHORIZED || login,
        _ => matches!(
            status,
            StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::UNAUTHORIZED
        ),
    }
}

fn succeeded(status: StatusCode, answer: &str) -> bool {
    status.is_success() || (status.is_redirection() && !answer.starts_with("/login"))
}

async fn every_server_function_refuses_all_but_its_rightful_caller(backend: Backend) {
    let fx = fixture(backend).await;
    let rows = server_function_rows();
    let listed: BTreeSet<String> = rows
        .iter()
        .map(|r| format!("/api/{}", r.endpoint))
        .collect();
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "server functions without a row in the matrix: {missing:?}"
    );
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        stale.is_empty(),
        "rows for server functions that are gone: {stale:?}"
    );

    let mut failures = Vec::new();
    for row in &rows {
        let path = format!("/api/{}", row.endpoint);
        for caller in CALLERS {
            if row.access.permits(caller) {
                continue;
            }
            let (status, answer) = call(
                &fx,
                Method::POST,
                &path,
                &(row.args)(&fx, false),
                fx.session(caller),
                None,
            )
            .await;
            if !refused(row.access, caller, status, &answer) {
                failures.push(format!("{path} as {caller:?}: {status} {answer}"));
            }
        }
        let (status, answer) = call(
            &fx,
            Method::POST,
            &path,
            &(row.args)(&fx, true),
            (row.rightful)(&fx),
            None,
        )
        .await;
        if !succeeded(status, &answer) {
            failures.push(format!("{path} as its rightful caller: {status} {answer}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

async fn every_plain_route_refuses_all_but_its_rightful_caller(backend: Backend) {
    let fx = fixture(backend).await;
    let rows = plain_rows();
    let listed: BTreeSet<&str> = rows.iter().map(|r| r.route).collect();
    let served: BTreeSet<&str> = server::startup::plain_route_paths().into_iter().collect();
    assert_eq!(listed, served, "every plain route has exactly one row");

    let mut failures = Vec::new();
    for row in &rows {
        for caller in CALLERS {
            if row.access.permits(caller) {
                continue;
            }
            let bearer = (row.access == Access::DoorToken).then_some(FORGED);
            let path = (row.path)(&fx, false);
            let (status, answer) = call(
                &fx,
                row.method.clone(),
                &path,
                &(row.body)(&fx),
                fx.session(caller),
                bearer,
            )
            .await;
            let refused = if row.access == Access::DoorToken {
                status == StatusCode::UNAUTHORIZED
            } else {
                refused(row.access, caller, status, &answer)
            };
            if !refused {
                failures.push(format!(
                    "{} {path} as {caller:?}: {status} {answer}",
                    row.method
                ));
            }
        }
        let bearer = (row.access == Access::DoorToken).then_some(fx.door_token.as_str());
        let path = (row.path)(&fx, true);
        let (status, answer) = call(
            &fx,
            row.method.clone(),
            &path,
            &(row.body)(&fx),
            (row.rightful)(&fx),
            bearer,
        )
        .await;
        if !succeeded(status, &answer) {
            failures.push(format!(
                "{} {path} as its rightful caller: {status} {answer}",
                row.method
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

on_both_databases!(
    every_server_function_refuses_all_but_its_rightful_caller,
    every_plain_route_refuses_all_but_its_rightful_caller,
);
