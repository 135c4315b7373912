//! The one mapping from errors to HTTP answers: [`AppError::status_code`]
//! decides the status for server functions (see `status_codes`), plain
//! routes and the JSON API alike; this module writes the answer around it,
//! bare for routes a browser follows, JSON for the API.
use app::{error::AppError, service_error::ServiceError};
use axum::{
    Json,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

pub fn status_of(error: &AppError) -> StatusCode {
    StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The status alone (a calendar file, an export, a logo).
pub fn bare(error: ServiceError) -> Response {
    status_of(&AppError::from(error)).into_response()
}

/// The API's short name of an error, stable for clients.
fn api_code(error: &AppError) -> &'static str {
    match error {
        AppError::Unauthenticated => "unauthorized",
        AppError::Forbidden | AppError::Unverified => "forbidden",
        AppError::NotFound => "not_found",
        AppError::Invalid(_) => "invalid",
        AppError::TooManyAttempts { .. } => "too_many_attempts",
        AppError::Transport(_) => "bad_request",
        AppError::Internal { .. } => "internal",
    }
}

/// `{"error": code}` (with `fields` for invalid input, `reference` for a
/// fault), `WWW-Authenticate` on 401 and `Retry-After` on 429.
pub fn json(error: ServiceError) -> Response {
    let error = AppError::from(error);
    let body = match &error {
        AppError::Invalid(fields) => json!({ "error": "invalid", "fields": fields }),
        AppError::Internal { reference } => json!({ "error": "internal", "reference": reference }),
        other => json!({ "error": api_code(other) }),
    };
    let mut response = (status_of(&error), Json(body)).into_response();
    let headers = response.headers_mut();
    match error {
        AppError::Unauthenticated => {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        AppError::TooManyAttempts { retry_after_secs } => {
            headers.insert(
                header::RETRY_AFTER,
                HeaderValue::from(retry_after_secs.max(1)),
            );
        }
        _ => {}
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::error::Problem;

    #[test]
    fn the_api_and_the_routes_answer_with_the_same_status() {
        let cases: [(fn() -> ServiceError, u16); 6] = [
            (|| ServiceError::Unauthenticated, 401),
            (|| ServiceError::Forbidden, 403),
            (|| ServiceError::NotFound, 404),
            (|| ServiceError::invalid("gate", Problem::Required), 422),
            (|| ServiceError::invalid("slot_id", Problem::SlotFull), 409),
            (
                || ServiceError::TooManyAttempts {
                    retry_after_secs: 5,
                },
                429,
            ),
        ];
        for (error, status) in cases {
            assert_eq!(status_of(&AppError::from(error())).as_u16(), status);
            assert_eq!(bare(error()).status().as_u16(), status);
            assert_eq!(json(error()).status().as_u16(), status);
        }
    }

    #[test]
    fn a_refused_token_is_told_how_to_authenticate() {
        let answer = json(ServiceError::Unauthenticated);
        assert_eq!(
            answer.headers().get(header::WWW_AUTHENTICATE),
            Some(&HeaderValue::from_static("Bearer"))
        );
    }
}
