//! What administrators see and decide.
use serde::{Deserialize, Serialize};

/// Where an organisation stands with the administrators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Approval {
    Approved,
    Pending,
    Declined,
}

impl Approval {
    /// Organiser organisations wait for approval; employers never do (the
    /// organisers of each fair approve their bookings).
    pub fn of(is_organiser: bool, approved: bool, declined: bool) -> Approval {
        match (is_organiser, approved, declined) {
            (false, _, _) | (true, true, _) => Approval::Approved,
            (true, false, true) => Approval::Declined,
            (true, false, false) => Approval::Pending,
        }
    }
}

/// A new organiser organisation waiting for a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingOrganisation {
    pub id: i64,
    pub name: String,
    /// When it was created, as `YYYY-MM-DD HH:MM` (UTC).
    pub created: String,
    /// Its owners: name and address, for the administrator to check.
    pub owners: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_organisers_wait_for_approval() {
        assert_eq!(Approval::of(false, false, false), Approval::Approved);
        assert_eq!(Approval::of(true, false, false), Approval::Pending);
        assert_eq!(Approval::of(true, false, true), Approval::Declined);
        assert_eq!(Approval::of(true, true, false), Approval::Approved);
    }
}
