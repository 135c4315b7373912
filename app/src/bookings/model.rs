//! Booking types shared by the server and the browser, and pure rules.
use crate::floorplan::{BoothCategory, Extra, Hall};
pub use crate::units::format_euros;
use serde::{Deserialize, Serialize};

/// Where a booking stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BookingStatus {
    Held,
    Confirmed,
    Rejected,
    Cancelled,
    Expired,
}

impl BookingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::Confirmed => "confirmed",
            Self::Rejected => "rejected",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Held,
            Self::Confirmed,
            Self::Rejected,
            Self::Cancelled,
            Self::Expired,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    /// Held and confirmed bookings occupy the booth.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Held | Self::Confirmed)
    }
}

/// What a booking request ended in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BookingOutcome {
    /// Held for the employer until the organiser decides (Unix seconds).
    Held { booking_id: i64, held_until: i64 },
    /// Confirmed at once (the fair confirms automatically).
    Confirmed { booking_id: i64, number: i64 },
}

/// A booking as lists show it (employer's and organiser's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingView {
    pub id: i64,
    pub organisation_id: i64,
    pub status: BookingStatus,
    pub fair_title: String,
    pub fair_slug: String,
    pub booth: String,
    pub extras: Vec<Extra>,
    pub price_cents: i64,
    /// Venue time, for holds.
    pub held_until: Option<String>,
    pub number: Option<i64>,
    pub message: String,
    pub employer: String,
    pub requested: String,
    /// The employer may cancel it now (the fair's rules).
    pub cancellable: bool,
}

/// What the employer's booking page needs: the fair, its plan, the
/// employers the person acts for, and their bookings at this fair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingPage {
    pub fair_title: String,
    pub slug: String,
    pub open: bool,
    pub halls: Vec<Hall>,
    pub employers: Vec<(i64, String)>,
    pub bookings: Vec<BookingView>,
}

/// A fair's bookings for its planners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairBookings {
    pub fair_id: i64,
    pub fair_title: String,
    pub bookings: Vec<BookingView>,
}

/// The printable confirmation of a confirmed booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmationDoc {
    pub number: i64,
    pub organiser: String,
    pub employer: String,
    pub fair_title: String,
    pub venue: String,
    pub when: String,
    pub booth: String,
    pub category: BoothCategory,
    pub area_m2: String,
    pub extras: Vec<Extra>,
    pub price: String,
    pub confirmed_on: String,
}

/// Whether an employer may still cancel a booking online: a hold always,
/// a confirmed booking until the fair's deadline before the start.
pub fn may_cancel(status: BookingStatus, now: i64, fair_starts_at: i64, cancel_days: i64) -> bool {
    match status {
        BookingStatus::Held => true,
        BookingStatus::Confirmed => now < fair_starts_at - cancel_days * 86_400,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_can_always_be_withdrawn_confirmed_bookings_until_the_deadline() {
        let start = 100 * 86_400;
        assert!(may_cancel(BookingStatus::Held, start - 1, start, 14));
        assert!(may_cancel(
            BookingStatus::Confirmed,
            start - 15 * 86_400,
            start,
            14
        ));
        assert!(!may_cancel(
            BookingStatus::Confirmed,
            start - 14 * 86_400,
            start,
            14
        ));
        assert!(!may_cancel(BookingStatus::Cancelled, 0, start, 14));
    }

    #[test]
    fn statuses_round_trip() {
        for text in ["held", "confirmed", "rejected", "cancelled", "expired"] {
            assert_eq!(
                BookingStatus::parse(text).map(BookingStatus::as_str),
                Some(text)
            );
        }
        assert_eq!(BookingStatus::parse("booked"), None);
    }
}
