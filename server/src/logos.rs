//! Employer logos as plain HTTP routes: uploaded with a plain form
//! (multipart, so it works without JavaScript) by the employer's people, and
//! served to everyone with headers that let a browser show the picture and
//! nothing else (the type checked from the file's first bytes, `nosniff`, a
//! sandboxing content policy).
use crate::startup::ServerState;
use app::{
    auth::request,
    employers::service as employers,
    error::{AppError, Problem},
};
use axum::{
    extract::{Multipart, Path, State},
    http::{HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};

pub async fn upload(
    State(state): State<ServerState>,
    Path(organisation_id): Path<i64>,
    parts: Parts,
    mut multipart: Multipart,
) -> Response {
    let app = &state.app;
    let Some(user) = request::user_of_request(app, &parts).await else {
        return Redirect::to("/login").into_response();
    };
    let back = format!("/employer/{organisation_id}/profile");
    let mut bytes = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("logo") => {
                // A body over the server's limit fails here: too large.
                bytes = Some(field.bytes().await.map_err(|_| ()));
                break;
            }
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(_) => {
                bytes = Some(Err(()));
                break;
            }
        }
    }
    let result = match bytes {
        Some(Ok(bytes)) => employers::save_logo(app, &user, organisation_id, &bytes)
            .await
            .map_err(AppError::from),
        Some(Err(())) => Err(AppError::invalid(
            "logo",
            Problem::FileTooLarge {
                max_kb: (app::employers::model::LOGO_MAX_BYTES / 1024) as u32,
            },
        )),
        None => Err(AppError::invalid("logo", Problem::Required)),
    };
    match result {
        Ok(()) => Redirect::to(&format!("{back}?logo=saved")).into_response(),
        Err(AppError::Invalid(errors)) => {
            let code = match errors.get("logo") {
                Some(Problem::FileTooLarge { .. }) => "too_large",
                Some(Problem::Required) => "missing",
                _ => "unsupported",
            };
            Redirect::to(&format!("{back}?logo_error={code}")).into_response()
        }
        Err(error) => crate::error_answers::status_of(&error).into_response(),
    }
}

pub async fn serve(State(state): State<ServerState>, Path(organisation_id): Path<i64>) -> Response {
    match employers::logo(&state.app, organisation_id).await {
        Ok(Some((content_type, bytes))) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&content_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            headers.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            );
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("inline"),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            );
            response
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
