//! Domain events: what happened, recorded by one call inside the
//! transaction of the change itself, so that an event is stored exactly
//! when its change is. The mails the event causes are queued by that same
//! call; webhooks and the audit log will be fed from the same place.
//!
//! An event names ids only (the fair, the registration, the booking, the
//! ticket): the people's data stays in their rows, and the events of a
//! fair go with the retention purge.
use crate::{
    db::Tx,
    i18n::Locale,
    mail::{
        outbox::{self, Envelope},
        templates::Message,
    },
};

/// Something that happened, with the ids it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A registration with a ticket (`waitlisted: false`) or a waitlist place.
    RegistrationCreated {
        fair_id: i64,
        registration_id: i64,
        waitlisted: bool,
    },
    RegistrationCancelled {
        fair_id: i64,
        registration_id: i64,
    },
    /// A freed place went to this registration from the waitlist.
    RegistrationPromoted {
        fair_id: i64,
        registration_id: i64,
    },
    /// Moved to another slot, with a new ticket.
    SlotChanged {
        fair_id: i64,
        registration_id: i64,
    },
    /// The ticket (or waitlist place) was asked for again.
    TicketSentAgain {
        fair_id: i64,
        registration_id: i64,
    },
    BookingRequested {
        fair_id: i64,
        booking_id: i64,
    },
    BookingConfirmed {
        fair_id: i64,
        booking_id: i64,
    },
    BookingRejected {
        fair_id: i64,
        booking_id: i64,
    },
    BookingCancelled {
        fair_id: i64,
        booking_id: i64,
    },
    /// A held booking nobody decided on in time.
    BookingExpired {
        fair_id: i64,
        booking_id: i64,
    },
    /// A ticket was admitted at the door.
    CheckedIn {
        fair_id: i64,
        ticket_id: i64,
    },
}

impl Event {
    /// The name stored (and, later, a webhook's event type).
    pub fn kind(&self) -> &'static str {
        match self {
            Event::RegistrationCreated {
                waitlisted: false, ..
            } => "registration.created",
            Event::RegistrationCreated {
                waitlisted: true, ..
            } => "registration.waitlisted",
            Event::RegistrationCancelled { .. } => "registration.cancelled",
            Event::RegistrationPromoted { .. } => "registration.promoted",
            Event::SlotChanged { .. } => "registration.slot_changed",
            Event::TicketSentAgain { .. } => "ticket.sent_again",
            Event::BookingRequested { .. } => "booking.requested",
            Event::BookingConfirmed { .. } => "booking.confirmed",
            Event::BookingRejected { .. } => "booking.rejected",
            Event::BookingCancelled { .. } => "booking.cancelled",
            Event::BookingExpired { .. } => "booking.expired",
            Event::CheckedIn { .. } => "checkin.admitted",
        }
    }

    pub fn fair_id(&self) -> i64 {
        match *self {
            Event::RegistrationCreated { fair_id, .. }
            | Event::RegistrationCancelled { fair_id, .. }
            | Event::RegistrationPromoted { fair_id, .. }
            | Event::SlotChanged { fair_id, .. }
            | Event::TicketSentAgain { fair_id, .. }
            | Event::BookingRequested { fair_id, .. }
            | Event::BookingConfirmed { fair_id, .. }
            | Event::BookingRejected { fair_id, .. }
            | Event::BookingCancelled { fair_id, .. }
            | Event::BookingExpired { fair_id, .. }
            | Event::CheckedIn { fair_id, .. } => fair_id,
        }
    }

    /// The id of the registration, booking or ticket the event is about.
    pub fn subject_id(&self) -> i64 {
        match *self {
            Event::RegistrationCreated {
                registration_id, ..
            }
            | Event::RegistrationCancelled {
                registration_id, ..
            }
            | Event::RegistrationPromoted {
                registration_id, ..
            }
            | Event::SlotChanged {
                registration_id, ..
            }
            | Event::TicketSentAgain {
                registration_id, ..
            } => registration_id,
            Event::BookingRequested { booking_id, .. }
            | Event::BookingConfirmed { booking_id, .. }
            | Event::BookingRejected { booking_id, .. }
            | Event::BookingCancelled { booking_id, .. }
            | Event::BookingExpired { booking_id, .. } => booking_id,
            Event::CheckedIn { ticket_id, .. } => ticket_id,
        }
    }
}

/// A mail an event causes, written by the domain that knows its words.
pub struct Notice<'a> {
    pub envelope: Envelope<'a>,
    pub locale: Locale,
    pub message: &'a Message,
}

/// Records an event and queues its mails, inside the change's transaction.
/// Returns how many of the mails were queued (a mail whose idempotency key
/// was used before is not queued twice).
pub async fn record(
    tx: &mut Tx,
    event: Event,
    notices: &[Notice<'_>],
    now: i64,
) -> sqlx::Result<usize> {
    sqlx::query(
        "INSERT INTO domain_events (fair_id, kind, subject_id, occurred_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(event.fair_id())
    .bind(event.kind())
    .bind(event.subject_id())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let mut queued = 0;
    for notice in notices {
        if outbox::enqueue_for(tx, &notice.envelope, notice.locale, notice.message, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// The kinds of a fair's events in the order they happened (tests, and
/// later the audit view).
pub async fn kinds_of_fair(tx: &mut Tx, fair_id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT kind FROM domain_events WHERE fair_id = $1 ORDER BY id")
        .bind(fair_id)
        .fetch_all(&mut **tx)
        .await
}

/// Deletes the events of fairs that ended before `cutoff` (retention purge).
pub async fn delete_of_fairs_ended_before(tx: &mut Tx, cutoff: i64) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "DELETE FROM domain_events WHERE fair_id IN (SELECT id FROM fairs WHERE ends_at < $1)",
    )
    .bind(cutoff)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_event_names_its_kind_and_subject() {
        let created = Event::RegistrationCreated {
            fair_id: 1,
            registration_id: 7,
            waitlisted: true,
        };
        assert_eq!(created.kind(), "registration.waitlisted");
        assert_eq!((created.fair_id(), created.subject_id()), (1, 7));
        let admitted = Event::CheckedIn {
            fair_id: 2,
            ticket_id: 9,
        };
        assert_eq!(admitted.kind(), "checkin.admitted");
        assert_eq!(admitted.subject_id(), 9);
    }
}
