//! The employer's bookings at every fair: state, hold time, and actions
//! (cancel within the fair's rules, open the confirmation).
use super::parts::BookingFacts;
use crate::{
    bookings::{
        api::{CancelBooking, get_my_bookings},
        model::BookingStatus,
    },
    i18n::*,
    parts::{FormAlert, action_error, error_message, reloads_after},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyBookingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let cancel = ServerAction::<CancelBooking>::new();
    let error = action_error(cancel);
    let reloads = reloads_after(cancel, true);
    let bookings = Resource::new(move || reloads.get(), |_| get_my_bookings());
    view! {
        <Title text=move || t_string!(i18n, booking.mine_title).to_string() />
        <section class="page">
            <h1>{t!(i18n, booking.mine_title)}</h1>
            <FormAlert error />
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || bookings.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, booking.none_yet)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="card-list">
                            {list.into_iter().map(|b| {
                                let id = b.id;
                                let confirmed = b.status == BookingStatus::Confirmed;
                                let cancellable = b.cancellable;
                                let heading = format!("{} · {}", b.fair_title, b.employer);
                                let active = b.status.is_active();
                                let jobs_link = format!("/employer/{}/fairs/{}/jobs", b.organisation_id, b.fair_slug);
                                let profile_link = format!("/employer/{}/profile", b.organisation_id);
                                view! {
                                    <li class="card">
                                        <h2>{heading}</h2>
                                        <BookingFacts booking=b />
                                        <p class="actions">
                                            {active.then(|| view! { <a class="button" href=jobs_link>{t!(i18n, employer.jobs_link)}</a> })}
                                            " "
                                            <a class="button" href=profile_link>{t!(i18n, employer.profile_link)}</a>
                                        </p>
                                        {confirmed.then(|| view! {
                                            <p><a href=format!("/bookings/{id}/confirmation")>{t!(i18n, booking.open_confirmation)}</a></p>
                                        })}
                                        {cancellable.then(|| view! {
                                            <ActionForm action=cancel attr:class="inline-form">
                                                <input type="hidden" name="booking_id" value=id />
                                                <button type="submit" class="button">{t!(i18n, booking.cancel)}</button>
                                            </ActionForm>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
