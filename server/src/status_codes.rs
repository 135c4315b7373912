//! Status codes that tell the truth for server functions. Leptos answers
//! every server-function error with 500; this layer reads the error the
//! answer carries (the `AppError` JSON) and sets the status from
//! [`AppError::status_code`], with `Retry-After` on a throttle. The browser's
//! server-function client reads any 4xx or 5xx answer as the error, so the
//! pages work as before; monitoring sees 500 only for real faults.
use app::error::AppError;
use axum::{
    body::{Body, to_bytes},
    extract::Request,
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// The header Leptos marks server-function error answers with.
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
/// Error bodies are small; a larger one is left as it is.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

pub async fn truthful_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, ERROR_BODY_LIMIT).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = crate::error_answers::status_of(&error);
        if let AppError::TooManyAttempts { retry_after_secs } = error {
            parts.headers.insert(
                header::RETRY_AFTER,
                HeaderValue::from(retry_after_secs.max(1)),
            );
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
