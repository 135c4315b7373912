//! The organiser's list of a fair's booth bookings: approve or reject held
//! requests (with a message to the employer).
use super::parts::BookingFacts;
use crate::{
    bookings::{
        api::{DecideBooking, get_fair_bookings},
        model::BookingStatus,
    },
    i18n::*,
    parts::{FormAlert, action_error, error_message, reloads_after},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn FairBookingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let fair_id = crate::parts::id_param();
    let decide = ServerAction::<DecideBooking>::new();
    let error = action_error(decide);
    let reloads = reloads_after(decide, true);
    let bookings = Resource::new(
        move || (fair_id(), reloads.get()),
        |(id, _)| get_fair_bookings(id),
    );
    view! {
        <section class="page">
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || bookings.get().map(|result| match result {
                    Ok(fair) => {
                        let title = t_string!(i18n, booking.fair_title, fair = fair.fair_title.clone()).to_string();
                        let empty = fair.bookings.is_empty();
                        view! {
                            <Title text=title.clone() />
                            <h1>{title}</h1>
                            <p><a href=format!("/organise/fairs/{}", fair.fair_id)>{t!(i18n, booking.back_to_plan)}</a></p>
                            <FormAlert error />
                            {empty.then(|| view! { <p>{t!(i18n, booking.none_yet)}</p> })}
                            <ul class="card-list">
                                {fair.bookings.into_iter().map(|b| {
                                    let id = b.id;
                                    let held = b.status == BookingStatus::Held;
                                    let message_id = format!("message-{id}");
                                    view! {
                                        <li class="card">
                                            <h2>{b.employer.clone()}</h2>
                                            <BookingFacts booking=b />
                                            {held.then(|| view! {
                                                <ActionForm action=decide attr:class="decision-form">
                                                    <input type="hidden" name="booking_id" value=id />
                                                    <div class="field">
                                                        <label for=message_id.clone()>{t!(i18n, booking.message_label)}</label>
                                                        <textarea id=message_id name="message" rows="2"></textarea>
                                                    </div>
                                                    <button type="submit" name="decision" value="approve" class="button primary">{t!(i18n, booking.approve)}</button>
                                                    " "
                                                    <button type="submit" name="decision" value="reject" class="button">{t!(i18n, booking.reject)}</button>
                                                </ActionForm>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
