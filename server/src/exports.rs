//! CSV downloads for organisers. Plain HTTP routes (not server functions)
//! so the browser can save the file with its name; the session cookie says
//! who asks, and the fair service checks they plan the fair.
use crate::startup::ServerState;
use app::{
    auth::request,
    fairs::export::{self, CsvFile, Separator},
};
use axum::{
    extract::{Path, Query, State},
    http::{HeaderValue, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    separator: Option<String>,
}

#[derive(Clone, Copy)]
pub enum ExportKind {
    Registrations,
    Exhibitors,
}

pub async fn registrations(
    state: State<ServerState>,
    path: Path<i64>,
    query: Query<ExportQuery>,
    parts: Parts,
) -> Response {
    csv_response(state, path, query, parts, ExportKind::Registrations).await
}

pub async fn exhibitors(
    state: State<ServerState>,
    path: Path<i64>,
    query: Query<ExportQuery>,
    parts: Parts,
) -> Response {
    csv_response(state, path, query, parts, ExportKind::Exhibitors).await
}

async fn csv_response(
    State(state): State<ServerState>,
    Path(fair_id): Path<i64>,
    Query(query): Query<ExportQuery>,
    parts: Parts,
    kind: ExportKind,
) -> Response {
    let app = &state.app;
    let locale = request::cookie_value(&parts, request::LOCALE_COOKIE)
        .map(|v| app::language::or_default(&v))
        .unwrap_or_default();
    let Some(user) = request::user_of_request(app, &parts).await else {
        return Redirect::to("/login").into_response();
    };
    let separator = Separator::parse(query.separator.as_deref());
    let file = match kind {
        ExportKind::Registrations => {
            export::registrations(app, &user, fair_id, separator, locale).await
        }
        ExportKind::Exhibitors => export::exhibitors(app, &user, fair_id, separator, locale).await,
    };
    match file {
        Ok(CsvFile { file_name, bytes }) => {
            let disposition = format!("attachment; filename=\"{file_name}\"");
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(error) => crate::error_answers::bare(error),
    }
}
