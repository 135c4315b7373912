//! Fair types shared by server and browser, and the pure rules of a fair's
//! life: which status may follow which.
use crate::floorplan::Hall;
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 4000;
pub const VENUE_MAX: usize = 200;
pub const CAPACITY_MAX: u32 = 100_000;

/// A published fair as the home page lists it; times already in the venue's
/// time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairSummary {
    pub slug: String,
    pub title: String,
    pub venue_name: String,
    pub venue_address: String,
    /// e.g. "10.03.2027 · 09:00–16:00", in the reader's language.
    pub when: String,
    /// Machine-readable start for `<time datetime>`.
    pub starts_at_iso: String,
    pub exhibitor_count: i64,
}

/// Where a fair is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FairStatus {
    /// Being planned; only its organisers see it.
    Draft,
    /// Public; people can register within the registration window.
    Published,
    /// Still public, but registration has ended.
    Closed,
    /// Over and put away; no longer public.
    Archived,
}

impl FairStatus {
    pub const ALL: [FairStatus; 4] = [Self::Draft, Self::Published, Self::Closed, Self::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Closed => "closed",
            Self::Archived => "archived",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The sensible next steps: publish a draft, close a published fair (or
    /// open it again), archive a closed fair or a draft that will not happen.
    /// Nothing leaves the archive, and nothing goes back to draft once people
    /// may have registered.
    pub fn can_become(self, next: FairStatus) -> bool {
        use FairStatus::*;
        matches!(
            (self, next),
            (Draft, Published)
                | (Published, Closed)
                | (Closed, Published)
                | (Closed, Archived)
                | (Draft, Archived)
        )
    }

    pub fn next_steps(self) -> Vec<FairStatus> {
        Self::ALL
            .into_iter()
            .filter(|n| self.can_become(*n))
            .collect()
    }

    /// Whether the public fair page shows the fair.
    pub fn is_public(self) -> bool {
        matches!(self, Self::Published | Self::Closed)
    }
}

/// Who may take a time slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryMode {
    Open,
    /// Only people with a personal invitation.
    Invite,
}

impl EntryMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Invite => "invite",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "open" => Some(Self::Open),
            "invite" => Some(Self::Invite),
            _ => None,
        }
    }
}

/// The fair form as typed. Dates and times are venue-local
/// `YYYY-MM-DDTHH:MM` (what `<input type="datetime-local">` sends).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairForm {
    pub title_de: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub description_de: String,
    #[serde(default)]
    pub description_en: String,
    pub venue_name: String,
    pub venue_address: String,
    #[serde(default)]
    pub time_zone: String,
    pub starts: String,
    pub ends: String,
    pub registration_opens: String,
    pub registration_closes: String,
    /// The checkbox: invitation codes may be passed on to others.
    #[serde(default)]
    pub invites_forwardable: Option<String>,
}

/// A time slot as typed: venue-local start and end, capacity, entry mode.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotForm {
    pub starts: String,
    pub ends: String,
    pub capacity: String,
    pub entry_mode: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub id: i64,
    /// "10.03.2027 · 09:00–12:00"
    pub when: String,
    pub starts_iso: String,
    pub capacity: i64,
    pub taken: i64,
    pub entry_mode: EntryMode,
    /// The slot as the edit form shows it.
    pub form: SlotForm,
}

impl Slot {
    pub fn places_left(&self) -> i64 {
        (self.capacity - self.taken).max(0)
    }
}

/// An organisation that runs the fair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairOrganiser {
    pub organisation_id: i64,
    pub name: String,
    /// The organisation that created the fair; it cannot be removed.
    pub is_lead: bool,
}

/// A fair in the organiser's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedFair {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub when: String,
    pub status: FairStatus,
    pub venue_name: String,
}

/// The organiser's start page: their fairs and where they can create one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganiserHome {
    pub fairs: Vec<PlannedFair>,
    /// Organiser organisations (id, name) the person plans for.
    pub organisations: Vec<(i64, String)>,
}

/// Everything the organiser's fair page edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FairPlan {
    pub id: i64,
    pub slug: String,
    pub status: FairStatus,
    pub when: String,
    pub form: FairForm,
    pub organisers: Vec<FairOrganiser>,
    /// Organiser organisations that could be added as co-organisers.
    pub candidates: Vec<FairOrganiser>,
    pub slots: Vec<Slot>,
    pub halls: Vec<Hall>,
}

/// Whether people can register now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistrationWindow {
    NotYet { opens: String },
    Open { closes: String },
    Over,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exhibitor {
    pub name: String,
    pub booths: Vec<String>,
    pub job_count: i64,
}

/// The public fair page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicFair {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub venue_name: String,
    pub venue_address: String,
    pub when: String,
    pub starts_iso: String,
    pub ends_iso: String,
    pub status: FairStatus,
    pub registration: RegistrationWindow,
    pub slots: Vec<Slot>,
    pub halls: Vec<Hall>,
    pub exhibitors: Vec<Exhibitor>,
    /// Absolute page address, for `og:url` and the canonical link.
    pub url: String,
}

/// One point of the registrations chart: day and registrations so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesPoint {
    /// "03.03."
    pub day: String,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotSeries {
    pub slot: String,
    pub capacity: i64,
    pub points: Vec<SeriesPoint>,
}

/// The organiser's overview of a fair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub fair_id: i64,
    pub title: String,
    pub status: FairStatus,
    pub booths_free: i64,
    pub booths_held: i64,
    pub booths_booked: i64,
    pub registrations: i64,
    pub capacity: i64,
    pub series: Vec<SlotSeries>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use FairStatus::*;

    #[test]
    fn only_sensible_status_changes_are_allowed() {
        assert!(Draft.can_become(Published));
        assert!(Published.can_become(Closed));
        assert!(Closed.can_become(Published));
        assert!(Closed.can_become(Archived));
        assert!(!Published.can_become(Draft));
        assert!(!Published.can_become(Archived));
        assert!(!Archived.can_become(Published));
        assert!(!Draft.can_become(Draft));
        assert_eq!(Archived.next_steps(), vec![]);
    }

    #[test]
    fn statuses_round_trip() {
        for status in FairStatus::ALL {
            assert_eq!(FairStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(FairStatus::parse("deleted"), None);
    }
}
