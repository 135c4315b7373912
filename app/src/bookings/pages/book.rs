//! The employer's booking page: the fair's floor plan with every booth's
//! state, size, category, price and extras; pick a free booth, tick
//! extras, request it. When another employer was faster, the answer says
//! so and the plan is loaded again. A plain form: it works without
//! JavaScript too.
use super::parts::BookingFacts;
use crate::{
    bookings::{
        api::{RequestBooth, get_booking_page},
        model::{BookingOutcome, BookingPage},
    },
    error::Problem,
    floorplan::{
        Availability, Booth, Extra,
        pages::{FloorPlan, availability_text, category_text, extra_text},
    },
    i18n::*,
    parts::{
        FormAlert, action_error, error_message, field_problem, problem_message, reloads_after,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn BookBoothPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let action = ServerAction::<RequestBooth>::new();
    // Loaded again after every request: a booth just taken shows as taken.
    let reloads = reloads_after(action, true);
    let page = Resource::new(
        move || (slug(), reloads.get()),
        |(slug, _)| get_booking_page(slug),
    );
    view! {
        <section class="page">
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(page) => view! { <BookView page action /> }.into_any(),
                    Err(e) => view! {
                        <h1>{t!(i18n, booking.title_plain)}</h1>
                        <p class="form-alert" role="alert">{error_message(i18n, &e)}</p>
                        <p><a href="/login">{t!(i18n, nav.sign_in)}</a></p>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

fn booth_label(i18n: leptos_i18n::I18nContext<Locale>, booth: &Booth) -> String {
    let metres = crate::units::metres_text;
    let extras: Vec<String> = booth.extras.iter().map(|e| extra_text(i18n, *e)).collect();
    let mut text = format!(
        "{} · {} × {} m · {} · {}",
        booth.label,
        metres(booth.rect.width),
        metres(booth.rect.depth),
        category_text(i18n, booth.category),
        crate::language::numbers::price(i18n.get_locale_untracked(), booth.price_cents),
    );
    if !extras.is_empty() {
        text.push_str(&format!(" · {}", extras.join(", ")));
    }
    if booth.availability != Availability::Free {
        text.push_str(&format!(
            " · {}",
            availability_text(i18n, booth.availability)
        ));
    }
    text
}

#[component]
fn BookView(page: BookingPage, action: ServerAction<RequestBooth>) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    let booth_problem = field_problem(error, "booth_id");
    let extras_problem = field_problem(error, "extras");
    let requested = move || matches!(action.value().get(), Some(Ok(BookingOutcome::Held { .. })));
    let confirmed = move || {
        matches!(
            action.value().get(),
            Some(Ok(BookingOutcome::Confirmed { .. }))
        )
    };
    let title = t_string!(i18n, booking.title, fair = page.fair_title.clone()).to_string();
    let has_employer = !page.employers.is_empty();
    let single_employer = page.employers.len() == 1;
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p><a href=format!("/fairs/{}", page.slug)>{t!(i18n, booking.back_to_fair)}</a></p>
        <p class="notice success" role="status" hidden=move || !requested()>{t!(i18n, booking.requested)}</p>
        <p class="notice success" role="status" hidden=move || !confirmed()>{t!(i18n, booking.confirmed_at_once)}</p>
        {(!page.open).then(|| view! { <p class="form-alert" role="alert">{problem_message(i18n, Problem::BookingClosed)}</p> })}
        {(!has_employer).then(|| view! { <p class="form-alert" role="alert">{t!(i18n, booking.needs_employer)}</p> })}
        {(!page.bookings.is_empty()).then(|| view! {
            <h2>{t!(i18n, booking.yours_here)}</h2>
            <ul class="card-list">
                {page.bookings.clone().into_iter().map(|b| view! { <li class="card"><BookingFacts booking=b /></li> }).collect_view()}
            </ul>
            <p><a href="/bookings">{t!(i18n, booking.all_mine)}</a></p>
        })}
        <ActionForm action attr:class="booking-form">
            <FormAlert error />
            {if single_employer {
                view! { <input type="hidden" name="organisation_id" value=page.employers[0].0 /> }.into_any()
            } else if has_employer {
                view! {
                    <div class="field">
                        <label for="booking-employer">{t!(i18n, booking.employer)}</label>
                        <select id="booking-employer" name="organisation_id">
                            {page.employers.iter().map(|(id, name)| view! { <option value=*id>{name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                }.into_any()
            } else {
                ().into_any()
            }}
            {page.halls.clone().into_iter().map(|hall| {
                let legend = t_string!(i18n, booking.choose_in_hall, hall = hall.name.clone()).to_string();
                let booths = hall.booths.clone();
                view! {
                    <h2>{hall.name.clone()}</h2>
                    <FloorPlan hall />
                    <fieldset class="booth-choices" aria-describedby="booth-error">
                        <legend>{legend}</legend>
                        {booths.into_iter().map(|booth| {
                            let id = format!("booth-{}", booth.id);
                            let free = booth.availability == Availability::Free;
                            let text = booth_label(i18n, &booth);
                            view! {
                                <div class="choice-option" class:choice-taken=!free>
                                    <input type="radio" id=id.clone() name="booth_id" value=booth.id disabled=!free || !has_employer />
                                    <label for=id>{text}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                }
            }).collect_view()}
            <p class="field-error" id="booth-error" hidden=move || booth_problem.get().is_none()>
                {move || booth_problem.get().map(|p| problem_message(i18n, p))}
            </p>
            <fieldset class="extras" aria-describedby="extras-error">
                <legend>{t!(i18n, booking.extras_legend)}</legend>
                <p class="field-hint">{t!(i18n, booking.extras_hint)}</p>
                {Extra::ALL.into_iter().map(|extra| {
                    let id = format!("extra-{}", extra.as_str());
                    view! {
                        <div class="choice-option">
                            <input type="checkbox" id=id.clone() name=extra.as_str() value="on" />
                            <label for=id>{extra_text(i18n, extra)}</label>
                        </div>
                    }
                }).collect_view()}
                <p class="field-error" id="extras-error" hidden=move || extras_problem.get().is_none()>
                    {move || extras_problem.get().map(|p| problem_message(i18n, p))}
                </p>
            </fieldset>
            <button type="submit" class="button primary" disabled=!has_employer || !page.open>{t!(i18n, booking.request)}</button>
        </ActionForm>
    }
}
