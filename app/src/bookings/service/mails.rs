//! The mails of a booking's steps, recorded with the step's event.
use super::*;

/// Records a booking step's event with its mails: one to the employer's
/// requester, one to each planner of the fair's organisation (for requests,
/// the request to decide). Keys make a step's mail go out once.
pub(super) async fn mail_step(
    state: &AppState,
    tx: &mut Tx,
    booking_id: i64,
    step: BookingStep,
) -> ServiceResult<()> {
    let Some(booking) = store::booking(&mut **tx, booking_id).await? else {
        return Ok(());
    };
    let zone = &booking.time_zone;
    let fair_texts =
        texts::texts_of(&mut **tx, booking.fair_id, &booking.fair_default_locale).await?;
    let number = booking.number.map(|n| n.to_string()).unwrap_or_default();
    let booth = format!("{} · {}", booking.hall_name, booking.booth_label);
    let base = &state.config.public_url;
    let mut recipients: Vec<(String, String, BookingStep, String)> = Vec::new();
    let employer_link = match step {
        BookingStep::Confirmed => format!("{base}/bookings/{booking_id}/confirmation"),
        _ => format!("{base}/bookings"),
    };
    if let Some(email) = booking.requested_by_email.clone() {
        let employer_step = match step {
            BookingStep::RequestReceived => BookingStep::Requested,
            other => other,
        };
        let locale = booking.requested_by_locale.clone().unwrap_or_default();
        recipients.push((email, locale, employer_step, employer_link));
    }
    let organiser_link = format!("{base}/organise/fairs/{}/bookings", booking.fair_id);
    for (email, locale) in store::planner_emails(tx, booking.fair_organisation_id).await? {
        let organiser_step = match step {
            BookingStep::Requested => BookingStep::RequestReceived,
            other => other,
        };
        recipients.push((email, locale, organiser_step, organiser_link.clone()));
    }
    let mails: Vec<_> = recipients
        .into_iter()
        .map(|(email, locale_code, step, link)| {
            let locale = language::or_default(&locale_code);
            let until = booking
                .held_until
                .map(|t| dates::moment(locale, t, zone))
                .unwrap_or_default();
            let message = templates::booking_mail(
                locale,
                &BookingMail {
                    step,
                    fair: &fair_texts.title(locale),
                    booth: &booth,
                    employer: &booking.employer,
                    until: &until,
                    number: &number,
                    message: &booking.message,
                    link: &link,
                },
            );
            let key = format!("booking:{booking_id}:{step:?}:{email}");
            (email, key, locale, message)
        })
        .collect();
    let notices: Vec<Notice> = mails
        .iter()
        .map(|(email, key, locale, message)| Notice {
            envelope: Envelope {
                idempotency_key: key,
                recipient: email,
                organisation_id: Some(booking.fair_organisation_id),
                sender_name: Some(&booking.fair_organisation_name),
                ..Envelope::default()
            },
            locale: *locale,
            message,
        })
        .collect();
    let event = booking_event(step, booking.fair_id, booking_id);
    events::record(tx, event, &notices, state.now()).await?;
    Ok(())
}

/// The event of a booking step.
pub(super) fn booking_event(step: BookingStep, fair_id: i64, booking_id: i64) -> Event {
    match step {
        BookingStep::Requested | BookingStep::RequestReceived => Event::BookingRequested {
            fair_id,
            booking_id,
        },
        BookingStep::Confirmed => Event::BookingConfirmed {
            fair_id,
            booking_id,
        },
        BookingStep::Rejected => Event::BookingRejected {
            fair_id,
            booking_id,
        },
        BookingStep::Cancelled => Event::BookingCancelled {
            fair_id,
            booking_id,
        },
        BookingStep::Expired => Event::BookingExpired {
            fair_id,
            booking_id,
        },
    }
}
