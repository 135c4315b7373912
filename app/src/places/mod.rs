//! Places: a capacity that is taken and released one place at a time, and
//! the waitlist in front of it. Admission slots use it today; programme
//! items and interview slots are the next kinds (a new [`PlaceKind`], its
//! table with `capacity` and `taken` columns and the check `taken <=
//! capacity`).
//!
//! Every rule is settled by the database in the write itself: a place is
//! taken by a conditional update (never more than the capacity, whoever
//! races), a capacity is only lowered to what is taken, and the first in
//! line is removed from the waitlist by a delete that only one transaction
//! can win. Callers run these inside their own transaction, beside the
//! change the place is for (a registration, a ticket).
#[cfg(feature = "ssr")]
pub mod store;

/// A kind of thing that has places. Its table keeps `capacity` and `taken`;
/// the waitlist rows name the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A fair's admission time slot (`time_slots`).
    AdmissionSlot,
}

impl PlaceKind {
    /// The name waitlist rows store.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::AdmissionSlot => "slot",
        }
    }

    /// The table with the `capacity` and `taken` columns (a constant, never
    /// user input, so it may be written into SQL).
    pub fn table(self) -> &'static str {
        match self {
            PlaceKind::AdmissionSlot => "time_slots",
        }
    }
}

/// One thing with places: an admission slot, say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Places {
    pub kind: PlaceKind,
    pub id: i64,
}

impl Places {
    pub fn admission_slot(slot_id: i64) -> Places {
        Places {
            kind: PlaceKind::AdmissionSlot,
            id: slot_id,
        }
    }
}

/// What changing a capacity came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resized {
    Done,
    /// Refused: more places are taken than the new capacity.
    BelowTaken {
        taken: i64,
    },
    NotFound,
}

/// How many places are left of a capacity (never negative).
pub fn places_left(capacity: i64, taken: i64) -> i64 {
    (capacity - taken).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_left_is_never_negative() {
        assert_eq!(places_left(10, 3), 7);
        assert_eq!(places_left(3, 3), 0);
        assert_eq!(places_left(2, 5), 0);
    }

    #[test]
    fn each_kind_names_its_table() {
        assert_eq!(PlaceKind::AdmissionSlot.table(), "time_slots");
        assert_eq!(Places::admission_slot(7).id, 7);
    }
}
