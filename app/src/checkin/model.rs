//! Door rules shared by the server and the scanner in the browser: why
//! someone is refused, and whether the holder of a ticket may enter now.
//! The same functions decide online (on the server, with the database's
//! facts) and offline (in wasm, with the door pack the device keeps), so
//! both answer alike. Reading codes and finding their tickets is the
//! [`crate::scanner`]'s.
use crate::scanner::{NoTicket, queue::Nonced};
use serde::{Deserialize, Serialize};

/// Longest gate or device name accepted.
pub const GATE_MAX: usize = 40;
/// Most scans one sync may carry.
pub const SYNC_BATCH_MAX: usize = 500;
/// Longest allowed slot tolerance, in minutes.
pub const TOLERANCE_MAX_MINUTES: u32 = 720;

/// The check-in list of the fair's door. A ticket is admitted once per
/// list: once at the entrance, and once more on another list (a programme
/// room's, say) without counting as a second entry.
pub const ENTRANCE: &str = "entrance";

/// Why someone is not let in. The scanner shows each one differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// Not a ticket text nor a short code.
    NotATicket,
    /// A genuine-looking ticket of another fair.
    OtherFair,
    /// Signed with an unknown key, or altered.
    Forged,
    /// Valid on another day.
    NotToday,
    /// The slot starts later than the tolerance allows.
    TooEarly { slot: String },
    /// The slot ended longer ago than the tolerance allows.
    TooLate { slot: String },
    /// Cancelled, or replaced by a newer ticket.
    Revoked,
    /// Checked in before.
    AlreadyIn { at: i64, gate: String },
    /// A short code (or ticket number) this fair does not know.
    UnknownCode,
}

impl Refusal {
    /// The reason's stable name in the check-in API's answers (the log's
    /// `reason` column keeps the whole refusal as JSON).
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NotATicket => "not_a_ticket",
            Refusal::OtherFair => "other_fair",
            Refusal::Forged => "forged",
            Refusal::NotToday => "not_today",
            Refusal::TooEarly { .. } => "too_early",
            Refusal::TooLate { .. } => "too_late",
            Refusal::Revoked => "revoked",
            Refusal::AlreadyIn { .. } => "already_in",
            Refusal::UnknownCode => "unknown_code",
        }
    }
}

impl From<NoTicket> for Refusal {
    fn from(no: NoTicket) -> Self {
        match no {
            NoTicket::NotACode => Refusal::NotATicket,
            NoTicket::OtherFair => Refusal::OtherFair,
            NoTicket::Forged => Refusal::Forged,
            NoTicket::NotToday => Refusal::NotToday,
            NoTicket::UnknownCode => Refusal::UnknownCode,
        }
    }
}

/// The first admission of a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Admission {
    pub ticket_id: u32,
    pub at: i64,
    pub gate: String,
}

/// What the door knows of one ticket when judging it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownTicket {
    pub id: u32,
    pub slot_id: i64,
    pub revoked: bool,
}

/// A slot's admission window, with its label for messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorSlot {
    pub id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    /// Local time range, e.g. "09:00–12:00".
    pub label: String,
}

/// Whether the holder of a known ticket may enter at `now`: not revoked,
/// not in before, and within the slot (widened by the tolerance).
pub fn judge(
    ticket: &KnownTicket,
    slot: Option<&DoorSlot>,
    now: i64,
    tolerance_secs: i64,
    admitted: Option<&Admission>,
) -> Result<(), Refusal> {
    if ticket.revoked {
        return Err(Refusal::Revoked);
    }
    if let Some(first) = admitted {
        return Err(Refusal::AlreadyIn {
            at: first.at,
            gate: first.gate.clone(),
        });
    }
    let Some(slot) = slot else {
        return Err(Refusal::UnknownCode);
    };
    if now < slot.starts_at - tolerance_secs {
        return Err(Refusal::TooEarly {
            slot: slot.label.clone(),
        });
    }
    if now > slot.ends_at + tolerance_secs {
        return Err(Refusal::TooLate {
            slot: slot.label.clone(),
        });
    }
    Ok(())
}

/// One scan as a device sends it: online at once, offline later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanUpload {
    /// Random, chosen by the device: the same nonce is recorded once.
    pub nonce: String,
    /// The ticket text, short code or `#ticket-id`.
    pub credential: String,
    /// Device time of the scan (used for scans made offline).
    pub scanned_at: i64,
    /// True when the device admitted it without the server.
    pub offline: bool,
}

/// What the server answers for one scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanAnswer {
    pub nonce: String,
    pub ticket_id: Option<u32>,
    pub name: Option<String>,
    pub slot: Option<String>,
    pub verdict: Result<(), Refusal>,
    /// True when this nonce had been recorded before (a repeated sync).
    pub replayed: bool,
}

/// Walk-in registration at the door.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkInForm {
    pub name: String,
    pub slot_id: String,
    #[serde(default)]
    pub gate: String,
    #[serde(default)]
    pub device: String,
}

/// The organiser's live view of the door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveDoor {
    pub fair_id: i64,
    pub fair_title: String,
    pub slug: String,
    pub checked_in: i64,
    pub registered: i64,
    pub slots: Vec<LiveSlot>,
    /// Check-ins per quarter hour ("09:15", count), in order.
    pub quarters: Vec<(String, i64)>,
    pub tolerance_minutes: i64,
    pub tokens: Vec<DoorTokenView>,
    /// Local time of this reading ("10:42:05").
    pub as_of: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveSlot {
    pub label: String,
    pub capacity: i64,
    pub registered: i64,
    pub checked_in: i64,
}

/// An API token as the organiser sees it (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorTokenView {
    pub id: i64,
    pub label: String,
    pub created: String,
    pub revoked: bool,
}

/// The fairs a person may run the door of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorFair {
    pub slug: String,
    pub title: String,
    pub when: String,
}

impl Nonced for ScanUpload {
    fn nonce(&self) -> &str {
        &self.nonce
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 1_804_665_600;

    fn slot() -> DoorSlot {
        DoorSlot {
            id: 1,
            starts_at: DAY,
            ends_at: DAY + 3 * 3600,
            label: "09:00–12:00".into(),
        }
    }

    #[test]
    fn revoked_and_admitted_tickets_are_refused_before_their_slot_is_looked_at() {
        let ticket = KnownTicket {
            id: 100,
            slot_id: 1,
            revoked: false,
        };
        assert_eq!(judge(&ticket, Some(&slot()), DAY, 0, None), Ok(()));
        let first = Admission {
            ticket_id: 100,
            at: DAY - 60,
            gate: "Nord".into(),
        };
        assert_eq!(
            judge(&ticket, None, DAY, 0, Some(&first)),
            Err(Refusal::AlreadyIn {
                at: DAY - 60,
                gate: "Nord".into()
            })
        );
        let revoked = KnownTicket {
            revoked: true,
            ..ticket.clone()
        };
        assert_eq!(
            judge(&revoked, None, DAY, 0, Some(&first)),
            Err(Refusal::Revoked)
        );
        // A slot the door does not know.
        assert_eq!(
            judge(&ticket, None, DAY, 0, None),
            Err(Refusal::UnknownCode)
        );
    }

    #[test]
    fn scanner_misses_keep_their_door_reasons() {
        assert_eq!(Refusal::from(NoTicket::NotACode).code(), "not_a_ticket");
        assert_eq!(Refusal::from(NoTicket::OtherFair).code(), "other_fair");
        assert_eq!(Refusal::from(NoTicket::Forged).code(), "forged");
        assert_eq!(Refusal::from(NoTicket::NotToday).code(), "not_today");
        assert_eq!(Refusal::from(NoTicket::UnknownCode).code(), "unknown_code");
    }
}
