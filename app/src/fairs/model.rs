//! Fair types shared by server and browser.
use serde::{Deserialize, Serialize};

/// A published fair as the home page lists it; times already in the venue's
/// time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairSummary {
    pub slug: String,
    pub title: String,
    pub venue_name: String,
    pub venue_address: String,
    /// e.g. "10.03.2027 · 09:00–16:00"
    pub when: String,
    /// Machine-readable start for `<time datetime>`.
    pub starts_at_iso: String,
    pub exhibitor_count: i64,
}
