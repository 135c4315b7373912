//! Running the matrix: each row called as every caller it must refuse,
//! then as its rightful caller; the failures listed together.
use super::{
    fixture::{Fx, fixture},
    matrix::{Access, Body, CALLERS, Caller, FORGED, tiny_png},
    plain_rows, server_function_rows,
};
use app::db::Backend;
use reqwest::{Method, StatusCode, header};
use std::collections::BTreeSet;

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

pub async fn every_server_function_refuses_all_but_its_rightful_caller(backend: Backend) {
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

pub async fn every_plain_route_refuses_all_but_its_rightful_caller(backend: Backend) {
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
