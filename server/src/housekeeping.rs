//! Chores of the server: every minute, booths whose hold ran out are freed
//! (and both sides told) and idle rate-limit entries forgotten; every hour, personal data whose time is up is
//! deleted, as the privacy notice of the registration form promises.
use app::{bookings::service as bookings, registration::service, state::AppState};
use std::time::Duration;
use tokio::sync::watch;

const EVERY: Duration = Duration::from_secs(3600);
const HOLDS_EVERY: Duration = Duration::from_secs(60);

pub fn spawn_hold_expiry(
    state: AppState,
    mut stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        // The first sweep a minute after start, not in the start-up rush.
        loop {
            tokio::select! {
                _ = tokio::time::sleep(HOLDS_EVERY) => {}
                _ = stop.changed() => {}
            }
            if *stop.borrow() {
                return;
            }
            // Clients whose rate limits have recovered are forgotten.
            state.limits.forget_idle();
            match bookings::expire_holds(&state).await {
                Ok(0) => {}
                Ok(count) => tracing::info!(count, "booth holds expired"),
                Err(error) => tracing::error!(%error, "expiring booth holds failed"),
            }
        }
    })
}

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
