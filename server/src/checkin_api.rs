//! The JSON check-in API for hardware scanners and other systems. A token
//! (made by an organiser on the fair's door page) stands for one fair:
//! `Authorization: Bearer jfd_…`. README documents the requests.
use crate::startup::ServerState;
use app::{
    checkin::{
        model::{Refusal, ScanAnswer, ScanUpload},
        service::{self, Scanner},
    },
    i18n::Locale,
    service_error::ServiceError,
};
use axum::{
    Json,
    extract::{State, rejection::JsonRejection},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// One scan. Only `code` is required; send a `nonce` so that a retried
/// request is recorded once.
#[derive(Debug, Deserialize)]
pub struct CheckinRequest {
    /// The QR code's text, a short code, or `#ticket-number`.
    code: String,
    #[serde(default)]
    gate: String,
    #[serde(default)]
    device: String,
    nonce: Option<String>,
    /// Unix seconds, for scans made while the device was offline.
    scanned_at: Option<i64>,
    #[serde(default)]
    offline: bool,
}

#[derive(Debug, Serialize)]
pub struct CheckinResponse {
    /// `admitted`, `duplicate` (admitted before) or `refused`.
    result: &'static str,
    /// Why not admitted: `already_in`, `revoked`, `forged`, … (README).
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    nonce: String,
    ticket_id: Option<u32>,
    name: Option<String>,
    slot: Option<String>,
    /// For duplicates: when and where the ticket was first admitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    first_admitted_at: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_gate: Option<String>,
    /// True when this nonce had been recorded before.
    replayed: bool,
}

impl From<ScanAnswer> for CheckinResponse {
    fn from(answer: ScanAnswer) -> Self {
        let (result, reason, first) = match &answer.verdict {
            Ok(()) => ("admitted", None, None),
            Err(refusal @ Refusal::AlreadyIn { at, gate }) => {
                ("duplicate", Some(refusal.code()), Some((*at, gate.clone())))
            }
            Err(refusal) => ("refused", Some(refusal.code()), None),
        };
        CheckinResponse {
            result,
            reason,
            nonce: answer.nonce,
            ticket_id: answer.ticket_id,
            name: answer.name,
            slot: answer.slot,
            first_admitted_at: first.as_ref().map(|(at, _)| *at),
            first_gate: first.map(|(_, gate)| gate),
            replayed: answer.replayed,
        }
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}

fn problem(status: StatusCode, error: &str) -> Response {
    (status, Json(json!({ "error": error }))).into_response()
}

fn error_response(error: ServiceError) -> Response {
    crate::error_answers::json(error)
}

/// `POST /api/v1/checkins`: records one scan and answers admitted or why
/// not.
pub async fn check_in(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Json<CheckinRequest>, JsonRejection>,
) -> Response {
    let Some(token) = bearer(&headers) else {
        return error_response(ServiceError::Unauthenticated);
    };
    let (fair, token_id) = match service::fair_of_token(&state.app, token).await {
        Ok(found) => found,
        Err(error) => return error_response(error),
    };
    let Json(request) = match body {
        Ok(body) => body,
        Err(rejection) => return problem(StatusCode::BAD_REQUEST, &rejection.body_text()),
    };
    let scan = ScanUpload {
        nonce: request
            .nonce
            .unwrap_or_else(|| app::tokens::new_token().0[..22].to_owned()),
        credential: request.code,
        scanned_at: request.scanned_at.unwrap_or_default(),
        offline: request.offline && request.scanned_at.is_some(),
    };
    match service::record_scans(
        &state.app,
        &fair,
        &request.gate,
        &request.device,
        Scanner::Token { token_id },
        std::slice::from_ref(&scan),
    )
    .await
    {
        Ok(mut answers) if !answers.is_empty() => {
            Json(CheckinResponse::from(answers.remove(0))).into_response()
        }
        Ok(_) => problem(StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        Err(error) => error_response(error),
    }
}

/// `GET /api/v1/door-pack`: everything a scanner needs to decide offline
/// (keys, slots, tolerance, tickets with the revocation list, admissions).
pub async fn door_pack(State(state): State<ServerState>, headers: HeaderMap) -> Response {
    let Some(token) = bearer(&headers) else {
        return error_response(ServiceError::Unauthenticated);
    };
    let fair = match service::fair_of_token(&state.app, token).await {
        Ok((fair, _)) => fair,
        Err(error) => return error_response(error),
    };
    match service::door_pack_of(&state.app, &fair, Locale::de).await {
        Ok(pack) => {
            let mut response = Json(pack).into_response();
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("private, no-store"),
            );
            response
        }
        Err(error) => error_response(error),
    }
}
