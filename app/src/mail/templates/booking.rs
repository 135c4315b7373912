//! Mails about booth bookings, to the employer and to the organisers.
use super::{Message, compose};
use crate::i18n::Locale;
use leptos_i18n::td_string;

/// A step of a booth booking, as mailed to the employer or the organisers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingStep {
    /// Requested and held; to the employer.
    Requested,
    /// Requested and held; to the organisers, who decide.
    RequestReceived,
    Confirmed,
    Rejected,
    Cancelled,
    Expired,
}

/// What a booking mail says.
pub struct BookingMail<'a> {
    pub step: BookingStep,
    pub fair: &'a str,
    pub booth: &'a str,
    pub employer: &'a str,
    /// Until when the booth is held (venue time).
    pub until: &'a str,
    pub number: &'a str,
    /// The organiser's message with a rejection.
    pub message: &'a str,
    pub link: &'a str,
}

pub fn booking_mail(locale: Locale, mail: &BookingMail<'_>) -> Message {
    let (fair, booth, employer) = (mail.fair, mail.booth, mail.employer);
    let (subject, body) = match mail.step {
        BookingStep::Requested | BookingStep::RequestReceived => (
            td_string!(
                locale,
                mail.booking_requested_subject,
                booth = booth,
                fair = fair
            )
            .to_string(),
            if mail.step == BookingStep::Requested {
                td_string!(
                    locale,
                    mail.booking_requested_employer,
                    employer = employer,
                    booth = booth,
                    fair = fair,
                    until = mail.until
                )
                .to_string()
            } else {
                td_string!(
                    locale,
                    mail.booking_requested_organiser,
                    employer = employer,
                    booth = booth,
                    fair = fair,
                    until = mail.until
                )
                .to_string()
            },
        ),
        BookingStep::Confirmed => (
            td_string!(
                locale,
                mail.booking_confirmed_subject,
                booth = booth,
                fair = fair
            )
            .to_string(),
            td_string!(
                locale,
                mail.booking_confirmed_body,
                booth = booth,
                fair = fair,
                employer = employer,
                number = mail.number
            )
            .to_string(),
        ),
        BookingStep::Rejected => (
            td_string!(locale, mail.booking_rejected_subject, fair = fair).to_string(),
            td_string!(
                locale,
                mail.booking_rejected_body,
                employer = employer,
                booth = booth,
                fair = fair,
                message = mail.message
            )
            .to_string(),
        ),
        BookingStep::Cancelled => (
            td_string!(
                locale,
                mail.booking_cancelled_subject,
                booth = booth,
                fair = fair
            )
            .to_string(),
            td_string!(
                locale,
                mail.booking_cancelled_body,
                employer = employer,
                booth = booth,
                fair = fair
            )
            .to_string(),
        ),
        BookingStep::Expired => (
            td_string!(
                locale,
                mail.booking_expired_subject,
                booth = booth,
                fair = fair
            )
            .to_string(),
            td_string!(
                locale,
                mail.booking_expired_body,
                booth = booth,
                fair = fair,
                employer = employer
            )
            .to_string(),
        ),
    };
    compose(
        subject,
        td_string!(locale, mail.greeting_plain),
        body,
        td_string!(locale, mail.booking_action).to_string(),
        mail.link,
        locale,
    )
}
