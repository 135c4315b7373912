//! Server functions for fairs.
use super::model::FairSummary;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::store, super::time, crate::auth::request, crate::i18n::Locale};

/// Upcoming published fairs, titled in the caller's language. Public.
#[server(endpoint = "fairs/upcoming")]
pub async fn upcoming_fairs() -> Result<Vec<FairSummary>, AppError> {
    let state = request::app_state()?;
    let english = request::request_locale() == Locale::en;
    let rows = store::upcoming_published(state.db.pool(), state.now())
        .await
        .map_err(crate::service_error::ServiceError::from)?;
    Ok(rows
        .into_iter()
        .map(|row| FairSummary {
            when: time::format_range(row.starts_at, row.ends_at, &row.time_zone),
            starts_at_iso: time::iso(row.starts_at, &row.time_zone),
            title: row
                .title_en
                .filter(|t| english && !t.is_empty())
                .unwrap_or(row.title_de),
            slug: row.slug,
            venue_name: row.venue_name,
            venue_address: row.venue_address,
            exhibitor_count: row.exhibitor_count,
        })
        .collect())
}
