//! Turns problems and errors into sentences in the current language.
use crate::{
    error::{AppError, FORM, Problem},
    i18n::*,
};
use leptos_i18n::{I18nContext, t_string};

pub fn problem_message(i18n: I18nContext<Locale>, problem: Problem) -> String {
    match problem {
        Problem::Required => t_string!(i18n, problems.required).to_string(),
        Problem::InvalidEmail => t_string!(i18n, problems.invalid_email).to_string(),
        Problem::TooShort { min } => t_string!(i18n, problems.too_short, min = min).to_string(),
        Problem::TooLong { max } => t_string!(i18n, problems.too_long, max = max).to_string(),
        Problem::EmailTaken => t_string!(i18n, problems.email_taken).to_string(),
        Problem::WrongCredentials => t_string!(i18n, problems.wrong_credentials).to_string(),
        Problem::LinkInvalid => t_string!(i18n, problems.link_invalid).to_string(),
        Problem::AlreadyMember => t_string!(i18n, problems.already_member).to_string(),
        Problem::InvalidChoice => t_string!(i18n, problems.invalid_choice).to_string(),
        Problem::WrongAccount => t_string!(i18n, problems.wrong_account).to_string(),
        Problem::InvalidDateTime => t_string!(i18n, problems.invalid_date_time).to_string(),
        Problem::EndBeforeStart => t_string!(i18n, problems.end_before_start).to_string(),
        Problem::OutsideFair => t_string!(i18n, problems.outside_fair).to_string(),
        Problem::NotANumber => t_string!(i18n, problems.not_a_number).to_string(),
        Problem::OutOfRange { min, max } => {
            t_string!(i18n, problems.out_of_range, min = min, max = max).to_string()
        }
        Problem::BelowTaken { taken } => {
            t_string!(i18n, problems.below_taken, taken = taken).to_string()
        }
        Problem::Overlaps => t_string!(i18n, problems.overlaps).to_string(),
        Problem::OutsideHall => t_string!(i18n, problems.outside_hall).to_string(),
        Problem::Taken => t_string!(i18n, problems.taken).to_string(),
        Problem::TransitionNotAllowed => {
            t_string!(i18n, problems.transition_not_allowed).to_string()
        }
        Problem::NeedsSlot => t_string!(i18n, problems.needs_slot).to_string(),
        Problem::InUse => t_string!(i18n, problems.in_use).to_string(),
        Problem::RegistrationClosed => t_string!(i18n, problems.registration_closed).to_string(),
        Problem::SlotFull => t_string!(i18n, problems.slot_full).to_string(),
        Problem::InviteRequired => t_string!(i18n, problems.invite_required).to_string(),
        Problem::InviteUsed => t_string!(i18n, problems.invite_used).to_string(),
        Problem::BoothJustTaken => t_string!(i18n, problems.booth_just_taken).to_string(),
        Problem::HoldExpired => t_string!(i18n, problems.hold_expired).to_string(),
        Problem::CancelTooLate => t_string!(i18n, problems.cancel_too_late).to_string(),
        Problem::BookingClosed => t_string!(i18n, problems.booking_closed).to_string(),
        Problem::InvalidUrl => t_string!(i18n, problems.invalid_url).to_string(),
        Problem::FileTooLarge { max_kb } => {
            t_string!(i18n, problems.file_too_large, max_kb = max_kb).to_string()
        }
        Problem::UnsupportedFile => t_string!(i18n, problems.unsupported_file).to_string(),
        Problem::Archived => t_string!(i18n, problems.archived).to_string(),
        Problem::LastOwner => t_string!(i18n, problems.last_owner).to_string(),
        Problem::AwaitingApproval => t_string!(i18n, problems.awaiting_approval).to_string(),
        Problem::AccountStillNeeded => t_string!(i18n, problems.account_still_needed).to_string(),
        Problem::TooManyBooths { max } => {
            t_string!(i18n, problems.too_many_booths, max = max).to_string()
        }
    }
}

/// The sentence for an error as a whole (field problems get a summary that
/// points to the fields, unless the problem concerns the whole form).
pub fn error_message(i18n: I18nContext<Locale>, error: &AppError) -> String {
    match error {
        AppError::Invalid(errors) => match errors.get(FORM) {
            Some(problem) => problem_message(i18n, problem),
            None => t_string!(i18n, common.error_summary).to_string(),
        },
        AppError::Unauthenticated => t_string!(i18n, errors.unauthenticated).to_string(),
        AppError::Forbidden => t_string!(i18n, errors.forbidden).to_string(),
        AppError::Unverified => t_string!(i18n, errors.unverified).to_string(),
        AppError::NotFound => t_string!(i18n, errors.not_found).to_string(),
        AppError::TooManyAttempts { retry_after_secs } => {
            let minutes = (retry_after_secs + 59) / 60;
            t_string!(i18n, errors.too_many_attempts, minutes = minutes).to_string()
        }
        AppError::Internal { reference } => {
            t_string!(i18n, errors.internal, reference = reference.clone()).to_string()
        }
        AppError::Transport(_) => t_string!(i18n, errors.network).to_string(),
    }
}
