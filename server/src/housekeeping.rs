//! Hourly chores of the server: deleting personal data whose time is up, as
//! the privacy notice of the registration form promises.
use app::{registration::service, state::AppState};
use std::time::Duration;
use tokio::sync::watch;

const EVERY: Duration = Duration::from_secs(3600);

pub fn spawn(state: AppState, mut stop: watch::Receiver<bool>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        while !*stop.borrow() {
            match service::purge_expired(&state).await {
                Ok(purged) if purged != service::Purged::default() => {
                    tracing::info!(?purged, "deleted personal data past its retention");
                }
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "retention purge failed"),
            }
            tokio::select! {
                _ = tokio::time::sleep(EVERY) => {}
                _ = stop.changed() => {}
            }
        }
    })
}
