//! The one error type that crosses the server-function boundary.
//!
//! Which error where: services return [`crate::service_error::ServiceError`]
//! (server only, with internal causes); server functions turn it into
//! [`AppError`], which the browser receives. `AppError` only has variants a
//! person can act on; internal causes become a reference number that is logged
//! on the server together with the cause, never shown raw.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// The name used for problems that concern the whole form, not one field.
pub const FORM: &str = "form";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    /// Signed in, but the address is not proven yet.
    #[error("email address not verified")]
    Unverified,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("too many attempts, retry after {retry_after_secs} s")]
    TooManyAttempts { retry_after_secs: i64 },
    #[error("internal error, reference {reference}")]
    Internal { reference: String },
    /// The request did not reach the server or its answer was unreadable.
    #[error("request failed: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

impl AppError {
    pub fn invalid(field: &'static str, problem: Problem) -> Self {
        AppError::Invalid(FieldErrors::one(field, problem))
    }

    /// The HTTP status that tells the truth about this error, the one
    /// mapping for every server function and route: who may not 401/403/404,
    /// what cannot be done now 409, invalid input 422, a throttle 429, and
    /// 500 only for real faults.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::Unverified => 403,
            AppError::NotFound => 404,
            AppError::Invalid(errors) if errors.0.iter().any(|e| e.problem.is_conflict()) => 409,
            AppError::Invalid(_) => 422,
            AppError::TooManyAttempts { .. } => 429,
            // On the server this is a request whose arguments could not be read.
            AppError::Transport(_) => 400,
            AppError::Internal { .. } => 500,
        }
    }

    /// The problem reported for `field`, if the error is about input.
    pub fn problem_for(&self, field: &str) -> Option<Problem> {
        match self {
            AppError::Invalid(errors) => errors.get(field),
            _ => None,
        }
    }
}

/// What is wrong with one input; the page translates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    InvalidEmail,
    TooShort {
        min: u32,
    },
    TooLong {
        max: u32,
    },
    EmailTaken,
    WrongCredentials,
    LinkInvalid,
    AlreadyMember,
    InvalidChoice,
    WrongAccount,
    /// Not a date and time the form understands.
    InvalidDateTime,
    /// The end lies before (or at) the start.
    EndBeforeStart,
    /// A time slot outside the fair's opening hours.
    OutsideFair,
    NotANumber,
    /// A number outside the allowed range (in the unit the form shows).
    OutOfRange {
        min: u32,
        max: u32,
    },
    /// A capacity below the places already taken.
    BelowTaken {
        taken: u32,
    },
    /// A booth overlapping another booth in the hall.
    Overlaps,
    /// A booth reaching beyond the hall's walls.
    OutsideHall,
    /// A name or label already used in the same place.
    Taken,
    /// A status change that makes no sense (e.g. archived → published).
    TransitionNotAllowed,
    /// Publishing needs at least one time slot.
    NeedsSlot,
    /// Cannot be removed: someone booked or registered already.
    InUse,
    /// Registration for the fair is not open (not yet, or any more).
    RegistrationClosed,
    /// No place left in the time slot (the waitlist is offered).
    SlotFull,
    /// The time slot is for invited guests: an invitation code is needed.
    InviteRequired,
    /// The invitation code was used already.
    InviteUsed,
    /// Another employer got the booth a moment earlier.
    BoothJustTaken,
    /// The booth's hold ran out before the decision.
    HoldExpired,
    /// The fair's rules no longer allow cancelling online.
    CancelTooLate,
    /// The fair takes no booth bookings now (not published, or over).
    BookingClosed,
    /// Not a web address (`https://…`).
    InvalidUrl,
    /// An uploaded file over the size limit.
    FileTooLarge {
        max_kb: u32,
    },
    /// An uploaded file of a type that is not accepted.
    UnsupportedFile,
    /// The fair is archived: nothing about it changes any more.
    Archived,
    /// The organisation would be left without an owner.
    LastOwner,
    /// A new organiser organisation is not approved yet: drafts only.
    AwaitingApproval,
    /// The account cannot be deleted yet: see its deletion plan.
    AccountStillNeeded,
    /// The employer holds or has booked as many booths at the fair as allowed.
    TooManyBooths {
        max: u32,
    },
}

impl Problem {
    /// Valid input that cannot be acted on now, because of the state of
    /// things (taken, full, closed, used): HTTP 409 rather than 422.
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            Problem::EmailTaken
                | Problem::AlreadyMember
                | Problem::Taken
                | Problem::TransitionNotAllowed
                | Problem::NeedsSlot
                | Problem::InUse
                | Problem::RegistrationClosed
                | Problem::SlotFull
                | Problem::InviteUsed
                | Problem::BoothJustTaken
                | Problem::HoldExpired
                | Problem::CancelTooLate
                | Problem::BookingClosed
                | Problem::BelowTaken { .. }
                | Problem::Overlaps
                | Problem::Archived
                | Problem::TooManyBooths { .. }
                | Problem::LastOwner
                | Problem::AwaitingApproval
                | Problem::AccountStillNeeded
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

/// Problems per field, in the order the fields were checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn one(field: &str, problem: Problem) -> Self {
        let mut errors = Self::default();
        errors.add(field, problem);
        errors
    }

    /// Records a problem; the first problem per field wins.
    pub fn add(&mut self, field: &str, problem: Problem) {
        if self.get(field).is_none() {
            self.0.push(FieldError {
                field: field.to_owned(),
                problem,
            });
        }
    }

    pub fn get(&self, field: &str) -> Option<Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| e.problem)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was recorded, otherwise the collected errors.
    pub fn into_result<T>(self, value: T) -> Result<T, AppError> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(AppError::Invalid(self))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_problem_per_field_wins() {
        let mut errors = FieldErrors::default();
        errors.add("email", Problem::Required);
        errors.add("email", Problem::InvalidEmail);
        assert_eq!(errors.get("email"), Some(Problem::Required));
        assert_eq!(errors.0.len(), 1);
    }

    #[test]
    fn empty_errors_pass_the_value_through() {
        assert_eq!(FieldErrors::default().into_result(7), Ok(7));
        let err = FieldErrors::one("name", Problem::Required).into_result(7);
        assert_eq!(
            err.map_err(|e| e.problem_for("name")),
            Err(Some(Problem::Required))
        );
    }
}
