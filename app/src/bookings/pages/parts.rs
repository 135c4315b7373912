//! Texts shared by the booking pages.
use crate::{
    bookings::model::{BookingStatus, BookingView},
    floorplan::pages::extra_text,
    i18n::*,
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn status_text(i18n: I18nContext<Locale>, status: BookingStatus) -> String {
    match status {
        BookingStatus::Held => t_string!(i18n, booking.status_held),
        BookingStatus::Confirmed => t_string!(i18n, booking.status_confirmed),
        BookingStatus::Rejected => t_string!(i18n, booking.status_rejected),
        BookingStatus::Cancelled => t_string!(i18n, booking.status_cancelled),
        BookingStatus::Expired => t_string!(i18n, booking.status_expired),
    }
    .to_string()
}

/// Booth, extras, price and state of a booking, as a definition list.
#[component]
pub fn BookingFacts(booking: BookingView) -> impl IntoView {
    let i18n = use_i18n();
    let extras = if booking.extras.is_empty() {
        t_string!(i18n, booking.no_extras).to_string()
    } else {
        booking
            .extras
            .iter()
            .map(|e| extra_text(i18n, *e))
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <dl class="facts">
            <dt>{t!(i18n, booking.booth)}</dt>
            <dd>{booking.booth.clone()}</dd>
            <dt>{t!(i18n, booking.extras)}</dt>
            <dd>{extras}</dd>
            <dt>{t!(i18n, booking.price)}</dt>
            <dd>{crate::language::numbers::price(i18n.get_locale_untracked(), booking.price_cents)}</dd>
            <dt>{t!(i18n, booking.status)}</dt>
            <dd class=format!("booking-status booking-{}", booking.status.as_str())>
                {status_text(i18n, booking.status)}
                {booking.held_until.clone().map(|until| view! { " · " {t!(i18n, booking.held_until, until = until)} })}
                {booking.number.map(|n| view! { " · " {t!(i18n, booking.number, number = n)} })}
            </dd>
            {(!booking.message.is_empty()).then(|| view! {
                <dt>{t!(i18n, booking.message)}</dt>
                <dd>{booking.message.clone()}</dd>
            })}
        </dl>
    }
}
