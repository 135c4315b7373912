//! The printable booking confirmation: number, both parties, the fair, the
//! booth, extras and price. Print styles hide the site around it.
use crate::{
    bookings::api::get_confirmation,
    floorplan::pages::{category_text, extra_text},
    i18n::*,
    parts::error_message,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = crate::parts::id_param();
    let doc = Resource::new(id, get_confirmation);
    view! {
        <section class="page confirmation-doc">
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || doc.get().map(|result| match result {
                    Ok(doc) => {
                        let title = t_string!(i18n, booking.doc_title, number = doc.number).to_string();
                        let extras = if doc.extras.is_empty() {
                            t_string!(i18n, booking.no_extras).to_string()
                        } else {
                            doc.extras.iter().map(|e| extra_text(i18n, *e)).collect::<Vec<_>>().join(", ")
                        };
                        view! {
                            <Title text=title.clone() />
                            <h1>{title}</h1>
                            <dl class="facts">
                                <dt>{t!(i18n, booking.doc_organiser)}</dt><dd>{doc.organiser.clone()}</dd>
                                <dt>{t!(i18n, booking.doc_exhibitor)}</dt><dd>{doc.employer.clone()}</dd>
                                <dt>{t!(i18n, booking.doc_fair)}</dt><dd>{doc.fair_title.clone()}</dd>
                                <dt>{t!(i18n, booking.doc_when)}</dt><dd>{doc.when.clone()}</dd>
                                <dt>{t!(i18n, booking.doc_venue)}</dt><dd>{doc.venue.clone()}</dd>
                                <dt>{t!(i18n, booking.booth)}</dt>
                                <dd>{format!("{} · {} · {} m²", doc.booth, category_text(i18n, doc.category), doc.area_m2)}</dd>
                                <dt>{t!(i18n, booking.extras)}</dt><dd>{extras}</dd>
                                <dt>{t!(i18n, booking.price)}</dt><dd>{doc.price.clone()}</dd>
                                <dt>{t!(i18n, booking.doc_confirmed_on)}</dt><dd>{doc.confirmed_on.clone()}</dd>
                            </dl>
                            <p class="no-print"><button type="button" class="button" on:click=move |_| { let _ = window().print(); }>{t!(i18n, booking.print)}</button></p>
                        }.into_any()
                    }
                    Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
