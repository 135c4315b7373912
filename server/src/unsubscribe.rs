//! One-click unsubscribe (RFC 8058): mail clients POST
//! `List-Unsubscribe=One-Click` to the address in the `List-Unsubscribe`
//! header of an invitation; the same address opened in a browser shows the
//! unsubscribe page.
use crate::startup::ServerState;
use axum::{
    extract::{Path, State},
    http::StatusCode,
};

pub async fn one_click(State(state): State<ServerState>, Path(token): Path<String>) -> StatusCode {
    match app::invitations::service::unsubscribe(&state.app, &token).await {
        Ok(()) => StatusCode::OK,
        Err(app::service_error::ServiceError::Invalid(_)) => StatusCode::NOT_FOUND,
        Err(error) => {
            tracing::error!(%error, "one-click unsubscribe failed");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
