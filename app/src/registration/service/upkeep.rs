//! Keeping promises: the retention purge, and the keys scanners verify with.
use super::*;

/// What [`purge_expired`] deleted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub registrations: u64,
    pub invitations: u64,
    pub mails: u64,
}

/// Deletes what the privacy notice promises to delete: registrations
/// (with their tickets and bookmarks) and invitations of fairs that ended
/// more than [`RETENTION_DAYS`] ago, and mails older than that which are no
/// longer waiting to be sent. Run by the server every hour.
pub async fn purge_expired(state: &AppState) -> ServiceResult<Purged> {
    let cutoff = state.now() - RETENTION_DAYS * 86_400;
    let mut tx = state.db.begin().await?;
    places_store::delete_waitlists_of_fairs_ended_before(&mut tx, cutoff).await?;
    events::delete_of_fairs_ended_before(&mut tx, cutoff).await?;
    let registrations = store::delete_registrations_of_fairs_ended_before(&mut tx, cutoff).await?;
    let invitations = store::delete_invites_of_fairs_ended_before(&mut tx, cutoff).await?;
    let mails = store::delete_mails_created_before(&mut tx, cutoff).await?;
    tx.commit().await?;
    Ok(Purged {
        registrations,
        invitations,
        mails,
    })
}

/// The public keys scanners accept for a public fair's tickets.
pub async fn published_keys(
    state: &AppState,
    slug: &str,
) -> ServiceResult<Vec<ticket::PublishedKey>> {
    let fair = public_fair(state, slug).await?;
    let published = keys::published_keys(state.db.pool(), fair.id).await?;
    if !published.is_empty() {
        return Ok(published);
    }
    // A fair made public without a key yet (e.g. the demo): its first key.
    let mut tx = state.db.begin().await?;
    keys::current_signer(&mut tx, &state.config.ticket_secret, fair.id, state.now()).await?;
    tx.commit().await?;
    Ok(keys::published_keys(state.db.pool(), fair.id).await?)
}
